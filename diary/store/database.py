"""Opening a diary file: refusing what is not ours, setting SQLite up, and migrating the schema.

No SQLAlchemy here: opening an up-to-date diary needs only SQLite (diary.store.sqlcipher).
A protected diary opens once this process holds its keys (diary.store.keyring); else it is
refused as locked, never as damaged.
"""

from __future__ import annotations

import os
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from diary.store import integrity, keyring, migrations, schema, sqlcipher
from diary.store.errors import (
    BUSY_TIMEOUT_SECONDS,
    SQLITE_HEADER,
    DiaryDamaged,
    DiaryUnavailable,
    ForeignSchema,
    folder_refuses_writes,
    sqlite_errors,
)
from diary.store.files import PRIVATE_FILE

if TYPE_CHECKING:
    from diary.store.key_file import DiaryKeys


def prepare_to_open(path: Path, keys: DiaryKeys | None = None, only_to_read: bool = False) -> Path:
    """What Diary.open does before it connects (and the window's start before its first
    frame): hold `keys` (a protected diary's), finish what a kill cut short in protecting or
    unprotecting the file, then `prepare` it (`prepare_for_reading` when `only_to_read`).
    Returns the path, expanded."""
    path = Path(path).expanduser()
    if keys is not None:
        keyring.remember(keys)
    if not only_to_read and may_write(path):
        # Imported here: protection needs the backups and photo modules, and this module is
        # what a plain diary's start loads before its window's first frame.
        from diary.store import protection

        protection.settle(path, keys)
    if only_to_read:
        prepare_for_reading(path)
    else:
        prepare(path)
    return path


def prepare(path: Path) -> None:
    """Make the diary at `path` ready to open, creating or upgrading it; refuse anything we
    must not touch. Only an upgrade loads SQLAlchemy and Alembic.

    An existing file is never taken for a new diary, even when empty: a diary is created
    only where no file exists. An upgrade is preceded by a backup of the diary as it was.
    """
    path = Path(path)
    keyring.keys_for(path)  # a protected diary whose keys are not held: DiaryLocked, not "damaged"
    created = _check_file(path)
    revision = None if created else _check_read_only(path)
    with sqlite_errors(path), closing(_connect(path)) as connection:
        # The journal mode cannot change inside a transaction; this connection has none.
        if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            connection.execute("PRAGMA journal_mode = WAL")
    if revision != migrations.HEAD_REVISION:
        if revision is not None:
            from diary.store import backups

            # The diary as it was, before the upgrade changes anything (BackupFailed stops it).
            backups.make_backup(path, backups.BEFORE_UPGRADE)
        from diary.store import engine

        engine.upgrade(path)


def prepare_for_reading(path: Path) -> None:
    """As `prepare`, for a command that only reads: a diary IsoDiary may not write (on
    read-only media, in a folder not the person's) is checked through read-only connections
    and read as it is, if it needs no upgrade."""
    path = Path(path)
    if may_write(path) or not path.exists():
        prepare(path)
        return
    if not path.is_file():
        what = "a folder" if path.is_dir() else "a device or a pipe"
        raise DiaryUnavailable(f"{path} is {what}, not a diary file.")
    if not os.access(path, os.R_OK):
        raise DiaryUnavailable(f"IsoDiary may not read {path} (permission denied).", machine_refused=True)
    encrypted = keyring.keys_for(path) is not None
    with path.open("rb") as file:
        if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER and not encrypted:
            raise DiaryDamaged(path, ["the file's first bytes are not those of an SQLite database"])
    revision = _check_read_only(path)
    if revision != migrations.HEAD_REVISION:
        raise DiaryUnavailable(
            f"{path} was made by an older IsoDiary and must be brought up to date before it can be "
            f"read, which needs a folder IsoDiary may write in; {path.parent} is read-only. Copy the "
            "diary somewhere else and try again. It was left untouched.",
            machine_refused=True,
        )


def may_write(path: Path) -> bool:
    """Whether IsoDiary may write the diary and the files SQLite keeps beside it."""
    return os.access(path.parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def connect_for_reading(path: Path) -> sqlcipher.Connection:
    """A connection for the diary's reads (it refuses to write: writes go through SQLAlchemy).
    On read-only media, one that needs nothing beside the diary (see integrity)."""
    connection = (
        _connect(path) if may_write(path) else integrity.connect_read_only(path, BUSY_TIMEOUT_SECONDS)
    )
    connection.execute("PRAGMA query_only = ON")
    return connection


def _connect(path: Path) -> sqlcipher.Connection:
    return sqlcipher.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)


def _check_file(path: Path) -> bool:
    """Refuse what we must not open; True when there was no file and an empty one was made."""
    if path.exists():
        if not path.is_file():
            what = "a folder" if path.is_dir() else "a device or a pipe"
            raise DiaryUnavailable(f"{path} is {what}, not a diary file.")
        if not os.access(path, os.R_OK | os.W_OK):
            if folder_refuses_writes(path):
                raise DiaryUnavailable(
                    f"IsoDiary may not write in the folder {path.parent}, which holds the diary "
                    "(it is read-only or not yours). Check the folder's permissions."
                )
            raise DiaryUnavailable(
                f"IsoDiary may not read and write {path} (permission denied). Check the file's permissions."
            )
        try:
            with path.open("rb") as file:
                header = file.read(len(SQLITE_HEADER))
        except OSError as error:
            raise DiaryDamaged(path, [f"the file cannot be read ({error.strerror or error})"]) from error
        if not header:
            raise DiaryDamaged(path, ["the file is empty (0 bytes): what it held is gone"])
        if header != SQLITE_HEADER and not keyring.is_encrypted(path):
            if header.strip(b"\x00") == b"" or _has_backups(path):
                raise DiaryDamaged(path, ["the file's first bytes are not those of an SQLite database"])
            raise DiaryUnavailable(
                f"{path} is not an IsoDiary diary (it is not an SQLite database). It was left untouched."
            )
        return False
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise DiaryUnavailable(f"IsoDiary cannot make the folder {folder} ({error.strerror}).") from error
    if not os.access(folder, os.W_OK):
        raise DiaryUnavailable(
            f"IsoDiary may not create a diary in the folder {folder} (permission denied). "
            "Check the folder's permissions."
        )
    # Made here, owner-only, rather than by SQLite under the umask; its -wal and -shm
    # files take their permissions from it.
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE))
    return True


def _has_backups(path: Path) -> bool:
    from diary.store import backups

    return bool(backups.list_backups(path))


def _check_read_only(path: Path) -> str | None:
    """SQLite's quick check and the schema revision, before anything may write; returns the revision.

    Through read-only connections: a file we refuse (damaged, not ours, newer) is left
    exactly as found, even with a write-ahead log a crash left beside it, which a
    read-write connection would fold into the file on closing.
    """
    with sqlite_errors(path):
        problems = integrity.quick_problems(path, BUSY_TIMEOUT_SECONDS)
        if problems:
            raise DiaryDamaged(path, problems)
        with closing(integrity.connect_read_only(path, BUSY_TIMEOUT_SECONDS)) as connection:
            return _check_revision(connection, path)


def _check_revision(connection: sqlcipher.Connection, path: Path) -> str | None:
    """Only reads: a file we refuse is closed exactly as it was found."""
    revision = migrations.revision_of(connection)
    if revision is None:
        tables = migrations.user_tables_of(connection)
        if "alembic_version" in tables:
            raise DiaryUnavailable(
                f"{path} no longer records which version of IsoDiary wrote it (its alembic_version "
                "table is empty), so IsoDiary cannot tell how to read it safely. It was left untouched."
            )
        if tables:
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
    # Checked against its own revision, before an upgrade could run anything it carries.
    foreign = schema.foreign_objects(connection, revision)
    if foreign:
        raise ForeignSchema(path, foreign)
    return revision


def _version() -> str:
    from diary import __version__

    return __version__
