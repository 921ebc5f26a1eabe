"""The sub-commands of `isodiary`, one module each, and what they share.

Each module listed in COMMAND_MODULES has `add_to(commands)`, which adds its parser and
sets `handler`. Modules import only argparse at the top; the work they do is imported
inside the handler, so `isodiary --help` stays instant.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from diary.store.diary import Diary

EXIT_OK, EXIT_PROBLEM, EXIT_BAD_INPUT = 0, 1, 2

COMMAND_MODULES = ("transfer", "check", "flags", "report", "backup", "chart", "photos", "protect")


class CommandError(Exception):
    """Something the person asked for cannot be done; the message says what and where."""

    def __init__(self, message: str, code: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.code = code


def iso_date(text: str) -> dt.date:
    """An argparse type: a YYYY-MM-DD date, or a usage error (exit 2) naming the value."""
    # The days a range may name: those a diary holds. (Imported here: the window's own start
    # imports this package for CommandError alone, before its first frame.)
    from diary.core.scales import FIRST_DAY, LAST_DAY

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


def open_diary(path: Path, only_to_read: bool = False) -> Diary:
    """The diary at `path`, or a CommandError that says why it cannot be used.
    `only_to_read`: a command that only reads works on a diary on read-only media too."""
    from diary.store.diary import Diary
    from diary.store.errors import DiaryUnavailable

    try:
        return Diary.open(path, only_to_read)
    except DiaryUnavailable as error:
        raise refusal(error) from None


def refusal(error: Exception) -> CommandError:
    """A store's refusal for the command line: exit 1 when the computer refused (a damaged
    diary, a full disk, a lost permission), 2 when a file or an argument was wrong."""
    machine = bool(getattr(error, "machine_refused", False))
    return CommandError(str(error), EXIT_PROBLEM if machine else EXIT_BAD_INPUT)


def write_or_hand_over(
    diary_path: Path, request: Mapping[str, object], what: str, here: Callable[[], str]
) -> str:
    """Do a command's writing work (`here`, which returns what to print) holding the diary's
    lock; or, while a window holds the diary, hand the work to that window, which applies it
    and answers. Never writes behind a window's back: an unreachable holder is a refusal.

    `what` names the work for the refusal ("imported", "restored").
    """
    from diary.desktop.instance import DiaryLock, HandOverRefused, LockState, ask

    lock = DiaryLock(diary_path)
    if lock.try_lock() != LockState.TAKEN:
        try:
            return here()
        finally:
            lock.release()
    try:
        answer = ask(diary_path, dict(request))
    except HandOverRefused as why:
        raise CommandError(
            f"IsoDiary has {diary_path} open, but {why}; so nothing was {what}.", EXIT_PROBLEM
        ) from None
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
    from diary.store.files import check_replaceable

    try:
        check_replaceable(target)
    except OSError as error:  # a device (/dev/null), a FIFO: a new file would replace it
        raise CommandError(f"{output}: {error.strerror}; choose a file name. Nothing was written.") from None


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
        errno.ENAMETOOLONG,
        errno.ELOOP,
        errno.EINVAL,
    )
    code = EXIT_BAD_INPUT if wrong_place else EXIT_PROBLEM
    return CommandError(f"{command}: {explain_os_error(output, error)}. Nothing was written.", code)


def write_stdout(command: str, text: str) -> None:
    """Write `text` to standard output whole and make sure it got there: a full disk is said
    (exit 1), and a file standing for standard output is cut back to what it held before,
    so an output is whole or absent.

    Written through the descriptor, not Python's buffered stream: on a disk that fills up,
    the stream has been seen to drop the rest without an error.
    """
    import os
    import stat
    import sys

    try:
        import fcntl
    except ImportError:  # Windows
        fcntl = None  # type: ignore[assignment]
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        descriptor = None  # a stream without a file (a test's capture)
    if descriptor is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    data = text.encode(sys.stdout.encoding or "utf-8", errors="replace")
    regular = False
    start = 0
    try:
        sys.stdout.flush()
        regular = stat.S_ISREG(os.fstat(descriptor).st_mode)
        if regular:  # where this output begins: the end, for `>>`
            appending = fcntl.fcntl(descriptor, fcntl.F_GETFL) & os.O_APPEND if fcntl else False
            start = os.fstat(descriptor).st_size if appending else os.lseek(descriptor, 0, os.SEEK_CUR)
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        if regular:
            os.fsync(descriptor)
    except BrokenPipeError:
        raise
    except OSError as error:
        if regular:
            with _quietly():
                os.ftruncate(descriptor, start)
        # What could not be written must not be tried again at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), descriptor)
        raise write_failed(command, Path("standard output"), error) from None


def _quietly() -> contextlib.AbstractContextManager[None]:
    return contextlib.suppress(OSError)


def readable_file(path: Path, command: str) -> Path:
    """`path` when it is a regular file that can be read; else a refusal (exit 2) naming it.
    A FIFO or a device is refused at once: reading one could wait forever."""
    from diary.store.files import check_regular

    try:
        check_regular(path)
    except FileNotFoundError:
        return path  # said by the reading itself, in the words it always used
    except OSError as error:
        why = error.strerror or str(error)
        raise CommandError(f"{command}: {path}: {why}. Nothing was changed.") from None
    return path
