"""SQLCipher's Python API (the `sqlcipher3` wheel), typed as the standard library's sqlite3,
whose API it has (it ships no annotations): the types and result codes, with no other
store module imported, so diary.store.errors can use them. Connections are made by
diary.store.sqlcipher.connect, never here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

__all__ = [
    "Connection",
    "Cursor",
    "DatabaseError",
    "Error",
    "IntegrityError",
    "OperationalError",
    "ProgrammingError",
    "dbapi",
]

if TYPE_CHECKING:
    import sqlite3

    dbapi = sqlite3
    Connection = sqlite3.Connection
    Cursor = sqlite3.Cursor
    Error = sqlite3.Error
    DatabaseError = sqlite3.DatabaseError
    IntegrityError = sqlite3.IntegrityError
    OperationalError = sqlite3.OperationalError
    ProgrammingError = sqlite3.ProgrammingError
else:
    from sqlcipher3 import dbapi2 as dbapi
    from sqlcipher3.dbapi2 import (
        Connection,
        Cursor,
        DatabaseError,
        Error,
        IntegrityError,
        OperationalError,
        ProgrammingError,
    )

SQLITE_CORRUPT: Final[int] = dbapi.SQLITE_CORRUPT
SQLITE_NOTADB: Final[int] = dbapi.SQLITE_NOTADB
SQLITE_FULL: Final[int] = dbapi.SQLITE_FULL
SQLITE_IOERR: Final[int] = dbapi.SQLITE_IOERR
SQLITE_READONLY: Final[int] = dbapi.SQLITE_READONLY
SQLITE_PERM: Final[int] = dbapi.SQLITE_PERM
SQLITE_BUSY: Final[int] = dbapi.SQLITE_BUSY
SQLITE_LOCKED: Final[int] = dbapi.SQLITE_LOCKED
sqlite_version: Final[str] = dbapi.sqlite_version
