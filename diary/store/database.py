"""Opening a diary file: refusing what is not ours, setting SQLite up, and migrating the schema."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

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


def create_diary_engine(path: Path) -> Engine:
    """An engine whose every connection has foreign keys on and durable (power-cut safe) commits."""
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_SECONDS},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Transactions are begun explicitly (see _on_begin), not by the driver's guesswork.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    # In WAL mode NORMAL may lose the last commits on a power cut; a "Saved" must survive one.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _on_begin(connection: Connection) -> None:
    # Writers take the write lock at BEGIN, so a read-then-write cannot be overtaken.
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def prepare(path: Path) -> Engine:
    """Open the diary at `path`, creating or upgrading it; refuse anything we must not touch."""
    path = Path(path)
    _check_file(path)
    _check_read_only(path)
    engine = create_diary_engine(path)
    try:
        _use_write_ahead_log(engine)
        with engine.execution_options(sqlite_begin="IMMEDIATE").begin() as connection:
            # Checked again under the write lock: another process may have migrated meanwhile.
            revision = migrations.current_revision(connection)
            if revision != migrations.HEAD_REVISION:
                if revision is not None:
                    from diary.store import backups

                    # The diary as it was, before the upgrade changes anything (BackupFailed stops it).
                    backups.make_backup(path, backups.BEFORE_UPGRADE)
                migrations.upgrade(connection)
    except DiaryUnavailable:
        engine.dispose()
        raise
    except DBAPIError as error:
        engine.dispose()
        raise DiaryUnavailable(explain_sqlite_error(path, error.orig)) from error
    return engine


def _use_write_ahead_log(engine: Engine) -> None:
    # The journal mode cannot change inside a transaction, so this goes to the driver directly.
    raw = engine.raw_connection()
    try:
        cursor = raw.driver_connection.cursor()
        if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()
    finally:
        raw.close()


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


def _check_read_only(path: Path) -> None:
    """SQLite's quick check and the schema revision, before anything may write.

    Through read-only connections: a file we refuse (damaged, not ours, newer) is left
    exactly as found, even with a write-ahead log a crash left beside it, which a
    read-write connection would fold into the file on closing.
    """
    if path.stat().st_size == 0:
        return
    reader = create_engine(
        "sqlite://",
        creator=lambda: integrity.connect_read_only(path, BUSY_TIMEOUT_SECONDS),
        poolclass=NullPool,
    )
    try:
        problems = integrity.quick_problems(path, BUSY_TIMEOUT_SECONDS)
        if problems:
            raise DiaryDamaged(path, problems)
        with reader.connect() as connection:
            _check_revision(connection, path)
    except sqlite3.Error as error:
        raise DiaryUnavailable(explain_sqlite_error(path, error)) from error
    except DBAPIError as error:
        raise DiaryUnavailable(explain_sqlite_error(path, error.orig)) from error
    finally:
        reader.dispose()


def _check_revision(connection: Connection, path: Path) -> None:
    """Only reads: a file we refuse is closed exactly as it was found."""
    revision = migrations.current_revision(connection)
    if revision is None:
        if migrations.user_tables(connection):
            raise DiaryUnavailable(
                f"{path} is an SQLite database but not an IsoDiary diary. It was left untouched."
            )
        return
    if revision == migrations.HEAD_REVISION:
        return
    if revision not in migrations.known_revisions():
        raise DiaryUnavailable(
            f"{path} was made by a newer version of IsoDiary (schema {revision}). "
            f"This version ({_version()}) cannot open it safely, so it was left untouched. "
            "Please update IsoDiary."
        )


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


def read_text_pragma(engine: Engine, pragma: str) -> str:
    with engine.connect() as connection:
        return str(connection.execute(text(f"PRAGMA {pragma}")).scalar())
