"""What can go wrong with a diary file, in words a person can act on: the error types, and the
one place where SQLite's and the disk's terse errors are translated.

No SQLAlchemy and no other store module here, so every layer (and every command) can use it.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
# How long a write waits for another IsoDiary process (the window, a command) to finish.
BUSY_TIMEOUT_SECONDS = 15.0
# Below this much free space a failed write is taken for a full disk.
_NEARLY_FULL_BYTES = 1024 * 1024


class DiaryUnavailable(Exception):
    """The diary file cannot be used. The message is for the person and names the file.

    `machine_refused`: the computer refused (a full disk, a lost permission, damaged bytes),
    as opposed to a file or an argument that was wrong (the command line's exit 1 and 2).
    """

    def __init__(self, message: str, *, machine_refused: bool = False) -> None:
        super().__init__(message)
        self.machine_refused = machine_refused


class DiaryDamaged(DiaryUnavailable):
    """The diary fails SQLite's check. It was not written to, and must not be until restored."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(
            f"{path} is damaged, so IsoDiary did not change it. To restore a backup: "
            "`isodiary backup --list` shows them and `isodiary restore FILE` restores one.",
            machine_refused=True,
        )


class ForeignSchema(DiaryUnavailable):
    """The file holds SQL objects IsoDiary never makes (a trigger, a view, a table...), which
    could change the diary behind IsoDiary's back; it is refused and left untouched."""

    def __init__(self, path: Path, problems: list[str], after: str = "It was left untouched.") -> None:
        self.path = path
        self.problems = problems
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        super().__init__(
            f"{path} is not an IsoDiary diary as IsoDiary makes it: {shown}. Such things could "
            f"change a diary behind IsoDiary's back, so it will not use this file. {after}"
        )


class DiaryLocked(DiaryUnavailable):
    """The diary is protected by a passphrase and this process does not hold its keys. It is
    not damaged: the key file beside it says it is encrypted. Nothing was read or changed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"{path} is protected by a passphrase (it is encrypted). Unlock it with its passphrase "
            "or its recovery code; on the command line give --passphrase-file FILE before the command, "
            "or type it when asked. Nothing was read or changed."
        )


class WrongPassphrase(DiaryUnavailable):
    """The passphrase or recovery code given does not open the diary (or is not one at all)."""


class DiaryChanged(DiaryUnavailable):
    """What was about to be saved was loaded before something else (an import, a restore)
    changed the same day; nothing was saved over it."""


def is_sqlite_file(path: Path) -> bool:
    """True when `path` starts with SQLite's header (it must exist and be readable)."""
    with Path(path).open("rb") as file:
        return file.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def disk_is_full(path: Path) -> bool:
    """True when the disk holding `path` (or its nearest existing folder) has next to no room."""
    where = Path(path)
    while not where.exists() and where != where.parent:
        where = where.parent
    try:
        facts = os.statvfs(where)
    except (OSError, AttributeError):
        return False
    return facts.f_bavail * facts.f_frsize < _NEARLY_FULL_BYTES


def folder_refuses_writes(path: Path) -> bool:
    folder = Path(path).parent
    return folder.is_dir() and not os.access(folder, os.W_OK)


def full_disk_words(path: Path) -> str:
    return f"the disk holding {Path(path).parent} is full"


def explain_sqlite_error(path: Path, error: BaseException | None) -> str:
    """SQLite's terse errors in words a person can act on."""
    from diary.store import sqlite_api as sqlcipher

    message = str(error or "")
    code = getattr(error, "sqlite_errorcode", None)
    primary = None if code is None else code & 0xFF
    if primary == sqlcipher.SQLITE_FULL or "full" in message:
        return f"The disk holding {path} is full. Free some space and try again; nothing was lost."
    if "locked" in message or "busy" in message:
        return f"{path} is in use by another program. Close it and try again."
    if "not a database" in message or "malformed" in message:
        return f"{path} is damaged or is not a diary. It was left untouched."
    if "readonly" in message or "read-only" in message or "unable to open" in message:
        if folder_refuses_writes(path):
            return (
                f"IsoDiary may not write in the folder {Path(path).parent}, which SQLite needs beside "
                "the diary. Check the folder's permissions."
            )
        if "unable to open" in message:
            return f"IsoDiary cannot open {path}. Check that the folder exists and may be written."
        return f"IsoDiary may not write to {path}. Check the file's permissions."
    if "disk I/O error" in message:
        if disk_is_full(path):
            return f"The disk holding {path} is full. Free some space and try again; nothing was lost."
        return (
            f"IsoDiary could not read or write the disk holding {path}: it may be full or failing. "
            "Nothing saved before was lost."
        )
    return f"IsoDiary cannot use {path}: {message}"


def explain_os_error(path: Path, error: OSError) -> str:
    """Why a file could not be written, naming the cause ("the disk is full") and the place."""
    number = error.errno
    if number in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk is full (writing {path})"
    if number in (errno.EACCES, errno.EPERM, errno.EROFS):
        if folder_refuses_writes(path) or number == errno.EROFS:
            return f"IsoDiary may not write in the folder {Path(path).parent}"
        return f"IsoDiary may not write to {path}"
    if number == errno.ENOENT:
        return f"the folder {Path(path).parent} does not exist"
    if number == errno.EISDIR:
        return f"{path} is a folder"
    if number == errno.ENAMETOOLONG:
        return f"the name {path} is too long for the disk"
    return f"{path} could not be written ({error.strerror or error})"


@contextmanager
def sqlite_errors(path: Path, after: str = "") -> Iterator[None]:
    """Inside the block, an SQLite error becomes DiaryUnavailable with a plain message
    (`after` is added to it), damage included; other errors pass."""
    # Imported here, as every use of SQLite's library: the command line and the window's
    # start load this module long before they read a diary (the window, after its first frame).
    from diary.store import sqlite_api as sqlcipher

    try:
        yield
    except sqlcipher.Error as error:
        message = explain_sqlite_error(path, error)
        refused = machine_refused_by(error)
        raise DiaryUnavailable(f"{message} {after}".strip(), machine_refused=refused) from error
    except UnicodeDecodeError as error:
        # SQLite's words for damage may quote broken bytes that are not UTF-8.
        data = error.object
        words = bytes(data).decode("utf-8", errors="replace") if data else str(error)
        raise DiaryDamaged(path, [words]) from error
    except Exception as error:
        # SQLAlchemy's wrapper (DBAPIError) carries the SQLite error as `orig`; its
        # IntegrityError and ProgrammingError are mistakes in the program, not the file's.
        original = getattr(error, "orig", None)
        if not isinstance(original, sqlcipher.Error) or isinstance(
            original, sqlcipher.IntegrityError | sqlcipher.ProgrammingError
        ):
            raise
        message = explain_sqlite_error(path, original)
        refused = machine_refused_by(original)
        raise DiaryUnavailable(f"{message} {after}".strip(), machine_refused=refused) from error


def machine_refused_by(error: BaseException | None) -> bool:
    """True when SQLite's error means the computer refused (full, read-only, damaged, busy),
    by its primary result code."""
    from diary.store import sqlite_api as sqlcipher

    code = getattr(error, "sqlite_errorcode", None)
    refusals = {
        sqlcipher.SQLITE_FULL,
        sqlcipher.SQLITE_IOERR,
        sqlcipher.SQLITE_READONLY,
        sqlcipher.SQLITE_PERM,
        sqlcipher.SQLITE_CORRUPT,
        sqlcipher.SQLITE_NOTADB,
        sqlcipher.SQLITE_BUSY,
        sqlcipher.SQLITE_LOCKED,
    }
    return code is not None and code & 0xFF in refusals
