"""Is a diary file sound? SQLite's own checks, run through read-only connections that never write.

A damaged file must reach the person exactly as it was, so these checks open it with
`mode=ro`: SQLite then never checkpoints its write-ahead log into it nor rolls anything
back. Only the `-shm` index beside it may be created, which holds no data.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

# The result codes that mean "the bytes are wrong", as opposed to "busy" or "permission".
_DAMAGE_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}


def connect_read_only(path: Path, timeout: float = 5.0) -> sqlite3.Connection:
    """A connection that can only read `path` (it must exist)."""
    uri = "file:" + quote(str(Path(path).resolve())) + "?mode=ro"
    return sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)


def is_damage(error: sqlite3.Error) -> bool:
    """True when SQLite's error says the file's bytes are wrong."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _DAMAGE_CODES
    message = str(error)
    return "malformed" in message or "not a database" in message


def quick_problems(path: Path, timeout: float = 5.0) -> list[str]:
    """SQLite's quick check of the file at `path`: [] when sound, else what is wrong.

    Errors other than damage (the file is busy, unreadable) are raised as sqlite3 errors.
    """
    return _problems(path, "PRAGMA quick_check", timeout)


def full_problems(path: Path, timeout: float = 5.0) -> list[str]:
    """SQLite's full integrity check plus the foreign keys: [] when sound, else what is wrong."""
    problems = _problems(path, "PRAGMA integrity_check", timeout)
    if problems:
        return problems
    try:
        with closing(connect_read_only(path, timeout)) as connection:
            broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as error:
        if is_damage(error):
            return [str(error)]
        raise
    return [f"broken link in {row[0]}" for row in broken]


def _problems(path: Path, pragma: str, timeout: float) -> list[str]:
    try:
        with closing(connect_read_only(path, timeout)) as connection:
            lines = [str(row[0]) for row in connection.execute(pragma)]
    except sqlite3.DatabaseError as error:
        if is_damage(error):
            return [str(error)]
        raise
    return [] if lines == ["ok"] else lines
