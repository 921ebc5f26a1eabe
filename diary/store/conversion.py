"""Encrypting or decrypting one database file in place (the diary, or a backup), crash-safe.

The file is exported whole (`sqlcipher_export`, one read transaction) into a new file
beside it under the new key (or none), which is checked and flushed to disk; then the
steps that change what is at the diary's name come in an order where a kill between any
two leaves a file that opens with what it had or with what it gets, and loses nothing:

    encrypting:  key file written  ->  the encrypted copy renamed over the plain file
    decrypting:  the plain copy renamed over the encrypted file  ->  key file removed

A key file beside a plain file is stale and ignored (diary.store.keyring), so the two
half-way states both read as the plain file, which is whole. The old file's write-ahead
log is empty by then (checked: the export's connection folds it in and is the last to
close) and is removed before the rename, so no log is ever read against the wrong file.

The caller holds the diary (no other IsoDiary may write it meanwhile: the one-writer lock).
"""

from __future__ import annotations

import tempfile
from contextlib import closing, suppress
from pathlib import Path

from diary.store import integrity, key_file, sqlcipher
from diary.store.errors import BUSY_TIMEOUT_SECONDS, DiaryUnavailable, sqlite_errors
from diary.store.files import PRIVATE_FILE, FileLock, lock_descriptor, sync_file, sync_folder

# What a conversion stages beside a file: `.<name>.convert.<random>.part` (backups.remove_leftovers).
STAGED_MARK = ".convert."


def convert(path: Path, old_key: bytes | None, new_key: bytes | None, new_key_file: bytes | None) -> None:
    """Make the database file at `path` encrypted under `new_key` (None: plain), from
    `old_key` (None: plain). `new_key_file`: the key file's bytes to put beside it when
    encrypting. Raises DiaryUnavailable; the file is then as it was."""
    path = Path(path)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}{STAGED_MARK}", suffix=".part", dir=path.parent)
    # Held while the copy is written: tells remove_leftovers it is not a killed run's.
    lock_descriptor(handle)
    lock = FileLock(handle)
    kept = False
    staged = Path(name)
    try:
        with sqlite_errors(path, "Nothing was changed."):
            write_mode = _export(path, old_key, staged, new_key)
            _settle_copy(staged, new_key, write_mode)
        staged.chmod(PRIVATE_FILE)
        sync_file(staged)
        if new_key is not None:
            assert new_key_file is not None
            key_file.write_bytes(key_file.key_file_path(path), new_key_file)
        _drop_empty_log(path)
        kept = _rename_holding_the_lock(staged, path, lock)
        if new_key is None:
            key_file.key_file_path(path).unlink(missing_ok=True)
            sync_folder(path.parent)
    finally:
        for leftover in (staged, Path(f"{staged}-journal"), Path(f"{staged}-wal"), Path(f"{staged}-shm")):
            with suppress(OSError):
                leftover.unlink(missing_ok=True)
        if not kept:
            lock.release()


def _export(path: Path, old_key: bytes | None, staged: Path, new_key: bytes | None) -> str:
    """Copy every table, index and row of `path` into `staged`; returns the file's journal mode."""
    with closing(
        sqlcipher.connect(path, key=old_key, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    ) as source:
        mode = str(source.execute("PRAGMA journal_mode").fetchone()[0]).lower()
        sqlcipher.attach_keyed(source, staged, "converted", new_key)
        source.execute("BEGIN")  # one snapshot of the whole file
        source.execute("SELECT sqlcipher_export('converted')")
        version = source.execute("PRAGMA main.user_version").fetchone()[0]
        source.execute(f"PRAGMA converted.user_version = {int(version)}")
        source.execute("COMMIT")
        source.execute("DETACH DATABASE converted")
        if mode == "wal":
            source.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    return mode


def _settle_copy(staged: Path, key: bytes | None, mode: str) -> None:
    """The copy in the journal mode of the file it replaces, and sound."""
    with closing(sqlcipher.connect(staged, key=key, isolation_level=None)) as copy:
        if mode == "wal":
            copy.execute("PRAGMA journal_mode = WAL").fetchall()
    problems = integrity.quick_problems(staged, key=key)
    if problems:
        raise DiaryUnavailable(
            f"The converted copy of {staged.name} did not pass SQLite's check ({problems[0]}); "
            "nothing was changed.",
            machine_refused=True,
        )


def _rename_holding_the_lock(staged: Path, path: Path, lock: FileLock) -> bool:
    """Rename `staged` over `path`; True when `lock` (on `staged`) is kept as this process's
    OS lock on the diary (diary.store.files.FileLock): one that held the diary holds the new
    file from before it takes the name, as after a restore."""
    real = path.resolve()
    staged.replace(path)
    sync_folder(path.parent)
    if real not in FileLock.held:
        return False
    FileLock.hold(real, lock)
    return True


def _drop_empty_log(path: Path) -> None:
    """Remove the old file's -wal and -shm, once sure the log holds nothing (else another
    program is writing the file now, and the conversion stops)."""
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    with suppress(FileNotFoundError):
        if wal.stat().st_size:
            raise DiaryUnavailable(
                f"{path} is in use by another program (its journal is not empty). Close it and try "
                "again; nothing was changed."
            )
    for companion in (wal, shm, Path(f"{path}-journal")):
        companion.unlink(missing_ok=True)
