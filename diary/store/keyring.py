"""The keys this process has unlocked, and which key a database file needs.

A protected diary's keys are held here from the moment it is opened with them (or
protected) until `forget` (the window's idle lock, closing). Every connection to a file
then finds its key the same way: the key file beside the file names its master key's id,
and the keys held under that id open it. So the diary, its backups (each with a copy of
the key file) and a backup written elsewhere all open once the passphrase was given, and
nothing else in the store has to carry keys around.

A file that starts with SQLite's plain header is plain, whatever lies beside it: a key file
beside a plain diary is what a kill between writing the key file and renaming the
encrypted copy into place leaves (or between the two steps of decrypting), and is stale.
"""

from __future__ import annotations

import threading
from pathlib import Path

from diary.store import key_file
from diary.store.errors import SQLITE_HEADER, DiaryLocked
from diary.store.key_file import DiaryKeys

_held: dict[str, DiaryKeys] = {}
_guard = threading.Lock()


def remember(keys: DiaryKeys) -> None:
    with _guard:
        _held[keys.key_id] = keys


def forget(keys: DiaryKeys | None = None) -> None:
    """Let go of `keys` (all keys when None): their diaries are locked again in this process."""
    with _guard:
        if keys is None:
            _held.clear()
        else:
            _held.pop(keys.key_id, None)


def held(key_id: str) -> DiaryKeys | None:
    with _guard:
        return _held.get(key_id)


def is_encrypted(path: Path) -> bool:
    """Whether the database file at `path` needs a key: its key file is beside it and the
    file itself is not plain (see the module's docstring). A missing or empty file does not."""
    path = Path(path)
    if not key_file.key_file_path(path).exists():
        return False
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return bool(header) and header != SQLITE_HEADER


def keys_for(path: Path) -> DiaryKeys | None:
    """The keys that open the database file at `path`: None for a plain file, DiaryLocked
    when it is encrypted and this process does not hold its keys."""
    path = Path(path)
    if not is_encrypted(path):
        return None
    found = key_file.read(key_file.key_file_path(path))
    keys = held(found.key_id)
    if keys is None:
        raise DiaryLocked(path)
    return keys


def database_key(path: Path) -> bytes | None:
    keys = keys_for(path)
    return None if keys is None else keys.database
