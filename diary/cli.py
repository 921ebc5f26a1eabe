"""The `isodiary` command: the window by default, and sub-commands for work without it.

Exit codes: 0 done, 1 the diary has a problem (a failed check), 2 bad input (a file,
an argument or a diary file that cannot be used), with a message that names it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from diary import __version__

if TYPE_CHECKING:
    from diary.store.diary import Diary

EXIT_OK, EXIT_PROBLEM, EXIT_BAD_INPUT = 0, 1, 2


class CommandError(Exception):
    """Something the person asked for cannot be done; the message says what and where."""

    def __init__(self, message: str, code: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.code = code


def iso_date(text: str) -> dt.date:
    """An argparse type: a YYYY-MM-DD date, or a usage error (exit 2) naming the value."""
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="isodiary",
        description="A private daily diary for a course of isotretinoin. "
        "With no command, opens the diary window.",
        epilog="The diary file is --db PATH, else $ISODIARY_DB, else the diary in your "
        "application-data folder. Nothing leaves your computer unless you export it.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", metavar="PATH", type=Path, help="the diary file to use")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="use a throwaway copy of a five-month demo diary (deleted on exit)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    importing = commands.add_parser(
        "import",
        help="add the entries of a JSON or CSV file to the diary",
        description="Add a JSON or CSV interchange file to the diary, all or nothing. "
        "Days the diary already holds are refused unless --replace is given.",
    )
    importing.add_argument("file", type=Path, help="a .json or .csv file")
    importing.add_argument(
        "--replace", action="store_true", help="replace days (and course settings) the diary already holds"
    )
    importing.set_defaults(handler=_import)

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
        help="the file to write (default: stdout)",
    )
    exporting.set_defaults(handler=_export)

    checking = commands.add_parser(
        "check",
        help="check the diary file and show what it holds",
        description="Open (and if needed upgrade) the diary, run SQLite's integrity check, "
        "and print the schema revision and counts. Exits non-zero on any problem.",
    )
    checking.set_defaults(handler=_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    try:
        with _diary_location(args) as path:
            args.db = path
            if handler is None:
                from diary.ui.app import run_window

                return run_window(path, demo=args.demo)
            return handler(args)
    except CommandError as error:
        print(f"isodiary: {error}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        return 130


@contextmanager
def _diary_location(args: argparse.Namespace) -> Iterator[Path]:
    """The diary file to use; for --demo, a fresh copy of the demo in a folder removed afterwards."""
    if not args.demo:
        if args.db is not None:
            yield Path(args.db).expanduser()
            return
        from diary.paths import default_diary_path

        yield default_diary_path()
        return
    import tempfile

    from diary.store.demo import create_demo_diary

    with tempfile.TemporaryDirectory(prefix="isodiary-demo-") as folder:
        yield create_demo_diary(Path(folder), dt.date.today())


def open_diary(path: Path) -> Diary:
    """The diary at `path`, or a CommandError that says why it cannot be used."""
    from diary.store.database import DiaryUnavailable
    from diary.store.diary import Diary

    try:
        return Diary.open(path)
    except DiaryUnavailable as error:
        raise CommandError(str(error)) from None


def _import(args: argparse.Namespace) -> int:
    from diary.core.interchange import InterchangeError
    from diary.store.transfer import ImportConflict, import_file

    with open_diary(args.db) as diary:
        try:
            summary = import_file(diary, args.file, replace=args.replace)
        except ImportConflict as conflict:
            raise CommandError(f"{conflict} To replace those days with the file's, add --replace.") from None
        except InterchangeError as error:
            raise CommandError(f"{error}. Nothing was imported.") from None
    print(summary.describe())
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
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


def _check(args: argparse.Namespace) -> int:
    with open_diary(args.db) as diary:
        problems = diary.integrity_problems()
        counts = diary.counts()
        revision = diary.revision()
    print(f"Diary: {args.db}")
    print(f"Schema revision: {revision}")
    print("Integrity: " + ("ok" if not problems else "DAMAGED"))
    print(" · ".join(f"{name.capitalize()}: {count}" for name, count in counts.items()))
    for problem in problems[:20]:
        print(f"  {problem}")
    if problems:
        print("The diary is damaged. Restore a backup before writing to it.", file=sys.stderr)
        return EXIT_PROBLEM
    return EXIT_OK
