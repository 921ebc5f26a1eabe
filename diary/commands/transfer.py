"""`isodiary import` and `isodiary export`: interchange files in and out, all or nothing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from diary.commands import (
    EXIT_OK,
    CommandError,
    check_output,
    open_diary,
    readable_file,
    refusal,
    write_failed,
    write_or_hand_over,
    write_stdout,
)


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
    file = readable_file(args.file.expanduser(), "import").resolve()
    request = {"do": "import", "file": str(file), "replace": bool(args.replace)}
    print(write_or_hand_over(args.db, request, "imported", lambda: _import_here(args.db, file, args.replace)))
    return EXIT_OK


def _import_here(diary_path: Path, file: Path, replace: bool) -> str:
    from diary.core.interchange import InterchangeError
    from diary.core.interchange.import_messages import REPLACE_HINT, ImportConflict, nothing_imported
    from diary.store.errors import DiaryUnavailable
    from diary.store.importing import import_file

    with open_diary(diary_path) as diary:
        try:
            return import_file(diary, file, replace=replace).describe()
        except ImportConflict as conflict:
            raise CommandError(f"{conflict} {REPLACE_HINT}") from None
        except InterchangeError as error:
            raise CommandError(nothing_imported(str(error))) from None
        except DiaryUnavailable as error:  # a disk that filled up while importing
            raise refusal(
                DiaryUnavailable(nothing_imported(str(error)), machine_refused=error.machine_refused)
            ) from None


def run_export(args: argparse.Namespace) -> int:
    from diary.core.interchange import InterchangeError
    from diary.core.interchange.file_kinds import format_of, render
    from diary.store.exporting import export_file, whole_document

    to_stdout = str(args.output) == "-"
    if to_stdout and args.format is None:
        raise CommandError("export: say which format to write with --format json or --format csv")
    try:
        kind = args.format or format_of(args.output)
    except InterchangeError as error:
        raise CommandError(f"export: {error}") from None
    if not to_stdout:
        check_output(args.db, args.output)
    from diary.core.photos import left_out_of_export

    with open_diary(args.db, only_to_read=True) as diary:
        left_out = left_out_of_export(len(diary.photos()))
        if to_stdout:
            write_stdout("export", render(whole_document(diary), kind))
        else:
            try:
                count = export_file(diary, args.output, kind)
            except OSError as error:
                raise write_failed("export", args.output, error) from None
            print(f"Wrote {count} day{'' if count == 1 else 's'} to {args.output}.", file=sys.stderr)
    if left_out:
        print(left_out, file=sys.stderr)
    from diary.store.protection import is_protected

    if is_protected(args.db):
        where = "The export" if to_stdout else str(args.output)
        print(
            f"{where} is a plain file, not encrypted like the diary: anyone who has it can read it.",
            file=sys.stderr,
        )
    return EXIT_OK
