"""Is a diary file sound? SQLite's own checks, run through read-only connections that never write.

A damaged file must reach the person exactly as it was, so these checks open it with
`mode=ro`: SQLite then never checkpoints its write-ahead log into it nor rolls anything
back. Only the `-shm` index beside it may be created, which holds no data.
"""

from __future__ import annotations

import os
import sys
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

from diary.store import sqlcipher
from diary.store.sqlcipher import BESIDE, KeyChoice

# The result codes that mean "the bytes are wrong", as opposed to "busy" or "permission".
_DAMAGE_CODES = {sqlcipher.SQLITE_CORRUPT, sqlcipher.SQLITE_NOTADB}


def connect_read_only(path: Path, timeout: float = 5.0, key: KeyChoice = BESIDE) -> sqlcipher.Connection:
    """A connection that can only read `path` (it must exist), keyed as sqlcipher.connect says."""
    real = Path(path).resolve()
    uri = "file:" + quote(str(real)) + "?mode=ro"
    if not os.access(real.parent, os.W_OK):
        # Read-only media: SQLite could not make the -shm index beside the diary, so it is
        # told the file cannot change while it is read (IsoDiary folds its log in on every save).
        uri += "&immutable=1"
    connection = sqlcipher.connect(uri, key=key, key_of=real, uri=True, timeout=timeout, isolation_level=None)
    # A damaged file's text may not be UTF-8: read it, never crash on it.
    connection.text_factory = readable_text
    return connection


def readable_text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def damage_words(error: UnicodeDecodeError) -> str:
    """SQLite's report of damage whose words are not UTF-8 (a name from the broken bytes)."""
    data = error.object
    return bytes(data).decode("utf-8", errors="replace") if data else str(error)


def is_damage(error: sqlcipher.Error) -> bool:
    """True when SQLite's error says the file's bytes are wrong."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _DAMAGE_CODES
    message = str(error)
    return "malformed" in message or "not a database" in message


def quick_problems(path: Path, timeout: float = 5.0, key: KeyChoice = BESIDE) -> list[str]:
    """SQLite's quick check of the file at `path`: [] when sound, else what is wrong.

    Errors other than damage (the file is busy, unreadable) are raised as sqlite errors.
    """
    return _problems(path, "PRAGMA quick_check", timeout, key)


def full_problems(path: Path, timeout: float = 5.0, key: KeyChoice = BESIDE) -> list[str]:
    """SQLite's full integrity check plus the foreign keys: [] when sound, else what is wrong."""
    problems = _problems(path, "PRAGMA integrity_check", timeout, key)
    if problems:
        return problems
    try:
        with closing(connect_read_only(path, timeout, key)) as connection:
            broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    except UnicodeDecodeError as error:
        return [damage_words(error)]
    except sqlcipher.DatabaseError as error:
        if is_damage(error):
            return [str(error)]
        raise
    return [f"broken link in {row[0]}" for row in broken]


def _problems(path: Path, pragma: str, timeout: float, key: KeyChoice) -> list[str]:
    try:
        with closing(connect_read_only(path, timeout, key)) as connection:
            lines = [str(row[0]) for row in connection.execute(pragma)]
    except UnicodeDecodeError as error:
        # SQLite's message named something from the broken bytes; Python could not decode it.
        return [damage_words(error)]
    except sqlcipher.DatabaseError as error:
        if is_damage(error):
            return [str(error)]
        raise
    return [] if lines == ["ok"] else lines


# The write-ahead log beside the file --------------------------------------------------------

_WAL_HEADER, _FRAME_HEADER = 32, 24


def journal_problems(path: Path) -> list[str]:
    """What is wrong with the write-ahead log beside `path`, as far as can be seen: [] when
    nothing is. IsoDiary folds the log into the file after every save, so a log that the
    index (`-shm`) says holds saves, but which is missing or shorter, means saves are lost.
    Only a log left by a live or crashed writer can be judged; none at all is normal."""
    shm, wal = Path(f"{path}-shm"), Path(f"{path}-wal")
    try:
        with shm.open("rb") as file:
            header = file.read(48)
    except OSError:
        return []
    if len(header) < 48 or header[12] != 1:  # no index, or one never initialised
        return []
    # The index's header is in the machine's own byte order: version, -, change, init, ...
    page_size = int.from_bytes(header[14:16], sys.byteorder)
    page_size = 65536 if page_size == 1 else page_size
    frames = int.from_bytes(header[16:20], sys.byteorder)
    if not frames or not page_size:
        return []
    needed = _WAL_HEADER + frames * (_FRAME_HEADER + page_size)
    try:
        size = wal.stat().st_size
    except FileNotFoundError:
        return [f"the journal {wal.name} is missing, but its index says it held {frames} changes"]
    except OSError as error:
        return [f"the journal {wal.name} cannot be read ({error.strerror})"]
    if size < needed:
        return [f"the journal {wal.name} is shorter than its index says ({size} of {needed} bytes)"]
    return []
