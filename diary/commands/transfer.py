"""`isodiary import` and `isodiary export`: interchange files in and out, all or nothing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from diary.commands import EXIT_OK, CommandError, open_diary


def add_to(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    importing = commands.add_parser(
        "import",
        help="add the entries of a JSON or CSV file to the diary",
        description="Add a JSON or CSV interchange file to the diary, all or nothing. "
        "Records the diary already holds with other values are refused unless --replace is given; "
        "importing the same file twice changes nothing.",
    )
    importing.add_argument("file", type=Path, help="a .json or .csv file")
    importing.add_argument(
        "--replace",
        action="store_true",
        help="replace records the diary holds with other values, and take the file's preferences",
    )
    importing.set_defaults(handler=run_import)

    exporting = commands.add_parser(
        "export",
        help="write the whole diary to a JSON or CSV file",
        description="Write the whole diary as an interchange file: JSON keeps everything, "
        "CSV holds the entries for spreadsheets.",
    )
    exporting.add_argument("--format", choices=("json", "csv"), help="default: from the file's extension")
    exporting.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=Path,
        default=Path("-"),
        help="the file to write (default: standard output)",
    )
    exporting.set_defaults(handler=run_export)


def run_import(args: argparse.Namespace) -> int:
    from diary.core.interchange import InterchangeError
    from diary.store.transfer import ImportConflict, import_file

    with open_diary(args.db) as diary:
        try:
            summary = import_file(diary, args.file, replace=args.replace)
        except ImportConflict as conflict:
            raise CommandError(
                f"{conflict} To replace those records with the file's, add --replace."
            ) from None
        except InterchangeError as error:
            raise CommandError(f"{error}. Nothing was imported.") from None
    print(summary.describe())
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from diary.core.interchange import InterchangeError
    from diary.store.transfer import export_file, format_of, render, whole_document

    to_stdout = str(args.output) == "-"
    if to_stdout and args.format is None:
        raise CommandError("export: say which format to write with --format json or --format csv")
    try:
        kind = args.format or format_of(args.output)
    except InterchangeError as error:
        raise CommandError(f"export: {error}") from None
    with open_diary(args.db) as diary:
        if to_stdout:
            sys.stdout.write(render(whole_document(diary), kind))
            return EXIT_OK
        try:
            count = export_file(diary, args.output, kind)
        except OSError as error:
            raise CommandError(f"export: cannot write {args.output} ({error.strerror})") from None
    print(f"Wrote {count} days to {args.output}.", file=sys.stderr)
    return EXIT_OK
