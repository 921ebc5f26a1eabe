"""The sub-commands of `isodiary`, one module each, and what they share.

Each module listed in COMMAND_MODULES has `add_to(commands)`, which adds its parser and
sets `handler`. Modules import only argparse at the top; the work they do is imported
inside the handler, so `isodiary --help` stays instant.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from diary.store.diary import Diary

EXIT_OK, EXIT_PROBLEM, EXIT_BAD_INPUT = 0, 1, 2

COMMAND_MODULES = ("transfer", "check", "flags", "report", "backup", "chart")


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


def add_date_range(parser: argparse.ArgumentParser, what: str) -> None:
    """--from and --to, both inclusive, as every command with a range spells them."""
    parser.add_argument(
        "--from", dest="start", metavar="DATE", type=iso_date, help=f"first day of the {what}"
    )
    parser.add_argument("--to", dest="end", metavar="DATE", type=iso_date, help=f"last day of the {what}")


def check_date_range(args: argparse.Namespace) -> None:
    if args.start is not None and args.end is not None and args.start > args.end:
        raise CommandError(f"--from {args.start} is after --to {args.end}")


def open_diary(path: Path) -> Diary:
    """The diary at `path`, or a CommandError that says why it cannot be used."""
    from diary.store.database import DiaryUnavailable
    from diary.store.diary import Diary

    try:
        return Diary.open(path)
    except DiaryUnavailable as error:
        raise CommandError(str(error)) from None
