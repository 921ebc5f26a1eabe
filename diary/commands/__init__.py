"""The sub-commands of `isodiary`, one module each, and what they share.

Each module listed in COMMAND_MODULES has `add_to(commands)`, which adds its parser and
sets `handler`. Modules import only argparse at the top; the work they do is imported
inside the handler, so `isodiary --help` stays instant.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from diary.core import scales

if TYPE_CHECKING:
    from diary.store.diary import Diary

EXIT_OK, EXIT_PROBLEM, EXIT_BAD_INPUT = 0, 1, 2
# The days a range may name: those a diary holds.
FIRST_DAY, LAST_DAY = scales.FIRST_DAY, scales.LAST_DAY

COMMAND_MODULES = ("transfer", "check", "flags", "report", "backup", "chart", "photos")


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
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise argparse.ArgumentTypeError(
            f"{text} is outside the days IsoDiary can show ({FIRST_DAY} to {LAST_DAY})"
        )
    return day


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
    from diary.store.diary import Diary
    from diary.store.errors import DiaryUnavailable

    try:
        return Diary.open(path)
    except DiaryUnavailable as error:
        raise CommandError(str(error)) from None


def write_or_hand_over(
    diary_path: Path, request: Mapping[str, object], what: str, here: Callable[[], str]
) -> str:
    """Do a command's writing work (`here`, which returns what to print) holding the diary's
    lock; or, while a window holds the diary, hand the work to that window, which applies it
    and answers. Never writes behind a window's back: an unreachable holder is a refusal.

    `what` names the work for the refusal ("imported", "restored").
    """
    from diary.desktop.instance import DiaryLock, LockState, ask

    lock = DiaryLock(diary_path)
    if lock.try_lock() != LockState.TAKEN:
        try:
            return here()
        finally:
            lock.release()
    answer = ask(diary_path, dict(request))
    if answer is None:
        holder = lock.holder()
        raise CommandError(
            f"IsoDiary has {diary_path} open{' ' + holder if holder else ''} but could not be reached, "
            f"so nothing was {what}. Close IsoDiary there and try again. If IsoDiary is not running "
            f"anywhere, delete its lock file {lock.path} and try again."
        )
    message = str(answer.get("message", ""))
    if not answer.get("ok"):
        raise CommandError(message, int(answer.get("code", EXIT_BAD_INPUT)))
    return message


def check_output(diary_path: Path, output: Path) -> None:
    """Refuse (exit 2) an output that is the diary itself, its lock, its journal, or a file in
    its backups folder: writing there would destroy what the output is meant to keep."""
    from diary.desktop.instance import lock_path, real_path
    from diary.store.backups import backups_folder

    diary = real_path(diary_path)
    target = real_path(output)
    own = {diary, lock_path(diary)} | {
        diary.with_name(diary.name + end) for end in ("-wal", "-shm", "-journal")
    }
    if target in own:
        raise CommandError(
            f"{output} is the diary's own file ({target.name}); choose another name. Nothing was written."
        )
    if target.parent == real_path(backups_folder(diary)):
        raise CommandError(
            f"{output} is in the diary's backups folder; choose another folder. Nothing was written."
        )


def write_failed(command: str, output: Path, error: OSError) -> CommandError:
    """The refusal for an output that could not be written whole (nothing is left of it)."""
    import errno

    from diary.store.errors import explain_os_error

    # A wrong place is bad input (2); a disk that failed or filled up is a problem (1).
    wrong_place = error.errno in (
        errno.ENOENT,
        errno.ENOTDIR,
        errno.EISDIR,
        errno.EACCES,
        errno.EPERM,
        errno.EROFS,
    )
    code = EXIT_BAD_INPUT if wrong_place else EXIT_PROBLEM
    return CommandError(f"{command}: {explain_os_error(output, error)}. Nothing was written.", code)


def write_stdout(command: str, text: str) -> None:
    """Write `text` to standard output and make sure it got there (a full disk says so)."""
    import os
    import sys

    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        # What could not be written must not be tried again at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise write_failed(command, Path("standard output"), error) from None
