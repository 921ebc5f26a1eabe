"""The one SQLite library every reader and writer of a diary goes through: SQLCipher 4 (the
`sqlcipher3` wheel, which bundles it), for plain diaries too.

Why one library: two SQLite builds in one process each keep their own table of the locks
held on a file, so one closing the file silently drops the other's locks and a write can
tear the diary. So nothing under diary/ imports the standard library's sqlite3 (a test
checks); the types (diary.store.sqlite_api) are sqlite3's only for mypy, since sqlcipher3 has
the same API and ships no annotations.

`connect` keys a connection before anything reads the file: with the key given, or with
the one the file's key file beside it names (see diary.store.keyring), or none for a
plain file. Temporary tables and sorts stay in memory (`temp_store = MEMORY`), so no
unencrypted temporary file is ever written beside the diary.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Any, Final, Literal

from diary.store.sqlite_api import (
    SQLITE_BUSY,
    SQLITE_CORRUPT,
    SQLITE_FULL,
    SQLITE_IOERR,
    SQLITE_LOCKED,
    SQLITE_NOTADB,
    SQLITE_PERM,
    SQLITE_READONLY,
    Connection,
    Cursor,
    DatabaseError,
    Error,
    IntegrityError,
    OperationalError,
    ProgrammingError,
    dbapi,
    sqlite_version,
)

__all__ = [
    "BESIDE",
    "SQLITE_BUSY",
    "SQLITE_CORRUPT",
    "SQLITE_FULL",
    "SQLITE_IOERR",
    "SQLITE_LOCKED",
    "SQLITE_NOTADB",
    "SQLITE_PERM",
    "SQLITE_READONLY",
    "Connection",
    "Cursor",
    "DatabaseError",
    "Error",
    "IntegrityError",
    "KeyChoice",
    "OperationalError",
    "ProgrammingError",
    "connect",
    "dbapi",
    "sqlite_version",
]


class _Lookup(enum.Enum):
    BESIDE = "beside"


# Look the key up beside the file (the default), as opposed to "no key" (None).
BESIDE: Final = _Lookup.BESIDE
# What a caller may say about a connection's key: the raw key, None (plain), or BESIDE.
KeyChoice = bytes | None | _Lookup


def connect(
    database: Path | str,
    *,
    key: KeyChoice = BESIDE,
    key_of: Path | None = None,
    uri: bool = False,
    timeout: float = 5.0,
    isolation_level: Literal["DEFERRED", "EXCLUSIVE", "IMMEDIATE"] | None = None,
) -> Connection:
    """A connection to `database` (a path, ":memory:", or a file: URI with `uri`), keyed.

    `key`: the raw 32-byte database key, None for a plain file, or BESIDE (the default):
    the key the key file beside `key_of` (else `database`) names, once this process holds
    it (diary.store.keyring); DiaryLocked when it does not.
    """
    if key is BESIDE:
        from diary.store import keyring

        where = key_of if key_of is not None else (None if uri else Path(database))
        key = None if where is None or str(where) == ":memory:" else keyring.database_key(where)
    connection = dbapi.connect(str(database), uri=uri, timeout=timeout, isolation_level=isolation_level)
    try:
        # A wrong key is said by the error raised, not by SQLCipher's log on standard error.
        connection.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            apply_key(connection, key)
        connection.execute("PRAGMA temp_store = MEMORY")
    except BaseException:
        connection.close()
        raise
    return connection


def apply_key(connection: Connection | Any, key: bytes) -> None:
    """Give SQLCipher the raw key (no passphrase derivation per connection: SQLCipher 4's
    defaults otherwise). Must come before anything reads the file."""
    if len(key) != 32:
        raise ValueError("a database key is 32 bytes")
    connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")


def attach_keyed(connection: Connection, path: Path, schema: str, key: bytes | None) -> None:
    """ATTACH `path` as `schema`, encrypted under `key` (None: a plain file)."""
    literal = "''" if key is None else f"\"x'{key.hex()}'\""
    connection.execute(f"ATTACH DATABASE ? AS {schema} KEY {literal}", (str(path),))


def copy_whole(
    source: Connection,
    source_path: Path,
    source_key: bytes | None,
    target: Connection,
    target_key: bytes | None,
) -> None:
    """Copy the whole database open as `source` (the file `source_path`) into the empty
    `target`. SQLite's backup API when both are plain or both encrypted (it re-encrypts page
    by page, even between keys); between a plain and an encrypted one, which it cannot do,
    SQLCipher's export (one statement, so one snapshot)."""
    if (source_key is None) == (target_key is None):
        source.backup(target)
        return
    attach_keyed(target, source_path, "copied_from", source_key)
    try:
        target.execute("SELECT sqlcipher_export('main', 'copied_from')")
    finally:
        target.execute("DETACH DATABASE copied_from")
