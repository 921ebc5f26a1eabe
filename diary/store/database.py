"""Opening a diary file: refusing what is not ours, setting SQLite up, and migrating the schema.

No SQLAlchemy here: opening an up-to-date diary needs only the standard library.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from diary.store import integrity, migrations
from diary.store.files import PRIVATE_FILE

SQLITE_HEADER = b"SQLite format 3\x00"
# How long a write waits for another IsoDiary process (the window, a command) to finish.
BUSY_TIMEOUT_SECONDS = 15.0


class DiaryUnavailable(Exception):
    """The diary file cannot be used. The message is for the person and names the file."""


class DiaryDamaged(DiaryUnavailable):
    """The diary fails SQLite's check. It was not written to, and must not be until restored."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(
            f"{path} is damaged, so IsoDiary did not change it. To restore a backup: "
            "`isodiary backup --list` shows them and `isodiary restore FILE` restores one."
        )


def prepare(path: Path) -> None:
    """Make the diary at `path` ready to open, creating or upgrading it; refuse anything we
    must not touch. Only an upgrade loads SQLAlchemy and Alembic."""
    path = Path(path)
    _check_file(path)
    revision = _check_read_only(path)
    try:
        with closing(_connect(path)) as connection:
            # The journal mode cannot change inside a transaction; this connection has none.
            if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                connection.execute("PRAGMA journal_mode = WAL")
    except sqlite3.Error as error:
        raise DiaryUnavailable(explain_sqlite_error(path, error)) from error
    if revision != migrations.HEAD_REVISION:
        from diary.store import engine

        engine.upgrade(path)


def connect_for_reading(path: Path) -> sqlite3.Connection:
    """A connection for the diary's reads (it refuses to write: writes go through SQLAlchemy)."""
    connection = _connect(path)
    connection.execute("PRAGMA query_only = ON")
    return connection


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)


def _check_file(path: Path) -> None:
    if path.exists():
        if not path.is_file():
            raise DiaryUnavailable(f"{path} is a folder, not a diary file.")
        if not os.access(path, os.R_OK | os.W_OK):
            raise DiaryUnavailable(
                f"IsoDiary may not read and write {path} (permission denied). Check the file's permissions."
            )
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
        if header and header != SQLITE_HEADER:
            raise DiaryUnavailable(
                f"{path} is not an IsoDiary diary (it is not an SQLite database). It was left untouched."
            )
    else:
        folder = path.parent
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not os.access(folder, os.W_OK):
            raise DiaryUnavailable(f"IsoDiary may not create a diary in {folder} (permission denied).")
        # Made here, owner-only, rather than by SQLite under the umask; its -wal and -shm
        # files take their permissions from it.
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE))


def _check_read_only(path: Path) -> str | None:
    """SQLite's quick check and the schema revision, before anything may write; returns the revision.

    Through read-only connections: a file we refuse (damaged, not ours, newer) is left
    exactly as found, even with a write-ahead log a crash left beside it, which a
    read-write connection would fold into the file on closing.
    """
    if path.stat().st_size == 0:
        return None
    try:
        problems = integrity.quick_problems(path, BUSY_TIMEOUT_SECONDS)
        if problems:
            raise DiaryDamaged(path, problems)
        with closing(integrity.connect_read_only(path, BUSY_TIMEOUT_SECONDS)) as connection:
            return _check_revision(connection, path)
    except sqlite3.Error as error:
        raise DiaryUnavailable(explain_sqlite_error(path, error)) from error


def _check_revision(connection: sqlite3.Connection, path: Path) -> str | None:
    """Only reads: a file we refuse is closed exactly as it was found."""
    revision = migrations.revision_of(connection)
    if revision is None:
        if migrations.user_tables_of(connection):
            raise DiaryUnavailable(
                f"{path} is an SQLite database but not an IsoDiary diary. It was left untouched."
            )
        return None
    if revision != migrations.HEAD_REVISION and revision not in migrations.known_revisions():
        raise DiaryUnavailable(
            f"{path} was made by a newer version of IsoDiary (schema {revision}). "
            f"This version ({_version()}) cannot open it safely, so it was left untouched. "
            "Please update IsoDiary."
        )
    return revision


def _version() -> str:
    from diary import __version__

    return __version__


def explain_sqlite_error(path: Path, error: BaseException | None) -> str:
    """SQLite's terse errors in words a person can act on."""
    message = str(error or "")
    if "locked" in message or "busy" in message:
        return f"{path} is in use by another program. Close it and try again."
    if "not a database" in message or "malformed" in message:
        return f"{path} is damaged or is not a diary. It was left untouched."
    if "readonly" in message or "read-only" in message:
        return f"IsoDiary may not write to {path}. Check the file's permissions."
    if "disk is full" in message or "full" in message:
        return f"The disk holding {path} is full. Free some space; nothing was lost."
    if "disk I/O error" in message:
        return (
            f"IsoDiary could not write to the disk holding {path}: it may be full or failing. "
            "Your last change was not saved; nothing else was lost."
        )
    if "unable to open" in message:
        return f"IsoDiary cannot open {path}. Check that the folder exists and may be written."
    return f"IsoDiary cannot use {path}: {message}"
