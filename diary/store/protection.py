"""Protecting a diary with a passphrase: what the window and the commands call (issue 25).

    is_protected(db_path) -> bool            the key file is beside the diary (and it is encrypted)
    unlock(db_path, passphrase) -> DiaryKeys  slow (scrypt, ~0.5 s): run it off the GUI thread
    unlock_with_recovery_code(db_path, code) -> DiaryKeys
    protect(db_path, passphrase) -> str       encrypts in place; returns the recovery code, to show once
    unprotect(db_path, keys)                  decrypts everything in place
    change_passphrase(db_path, keys, new)     re-wraps the key only: instant
    keys_held(db_path) -> DiaryKeys | None    the keys this process holds for the diary
    lock(keys=None)                           forget keys: the diary is locked again in this process
    Diary.open(path, ..., keys=keys)          opens a protected diary; without its keys it
                                              raises DiaryLocked (not DiaryDamaged)

Errors (diary.store.errors): WrongPassphrase and DiaryLocked, both DiaryUnavailable.

Keys given to Diary.open (or made by `protect`) are held by this process
(diary.store.keyring) until `lock`: every connection to the diary and to its backups
finds them, so backups, restores and the window's second connections just work. The
diary must not be open in this process while it is protected or unprotected (close it,
run these, open it again, as around a restore), and the caller holds the diary's
one-writer lock. Each step is crash-safe (diary.store.conversion): a kill at any moment
leaves a diary that opens with the old state or the new one.

Protecting encrypts the diary first, then each backup, then the photos (sealed:
diary.store.photo_cipher); unprotecting decrypts the backups and the photos first and the
diary last, so the key file beside the diary goes last. A kill in between leaves a
protected diary with some plain backups or photos, which `settle` (run by Diary.open
with keys) encrypts again. The images are read with PhotoFiles.read / thumbnail_bytes,
which open sealed files (a path to a sealed image shows nothing).
"""

from __future__ import annotations

from pathlib import Path

from diary.store import backups, conversion, key_file, keyring
from diary.store.errors import DiaryLocked, DiaryUnavailable, WrongPassphrase, is_sqlite_file
from diary.store.key_file import DiaryKeys

__all__ = [
    "DiaryKeys",
    "DiaryLocked",
    "WrongPassphrase",
    "change_passphrase",
    "is_protected",
    "keys_held",
    "lock",
    "protect",
    "settle",
    "unlock",
    "unlock_with_recovery_code",
    "unprotect",
]


def is_protected(db_path: Path) -> bool:
    """Whether the diary is encrypted: its key file is beside it (and the file is not plain,
    which a key file left by a kill half-way through is not proof of)."""
    return keyring.is_encrypted(Path(db_path))


def unlock(db_path: Path, passphrase: str) -> DiaryKeys:
    """The diary's keys from its passphrase; WrongPassphrase if it is not the one. Slow."""
    return _key_file(db_path).unwrap(passphrase)


def unlock_with_recovery_code(db_path: Path, code: str) -> DiaryKeys:
    """The diary's keys from the recovery code shown when it was protected."""
    return _key_file(db_path).unwrap_with_recovery_code(code)


def keys_held(db_path: Path) -> DiaryKeys | None:
    """The keys this process holds for the diary (None when plain or locked)."""
    try:
        return keyring.keys_for(Path(db_path))
    except DiaryLocked:
        return None


def lock(keys: DiaryKeys | None = None) -> None:
    """Forget `keys` (every key when None); open Diary objects must be closed by the caller."""
    keyring.forget(keys)


def protect(db_path: Path, passphrase: str) -> str:
    """Encrypt the diary and its backups in place under a new key wrapped by `passphrase`;
    returns the recovery code (shown once, never stored). The keys are then held."""
    db_path = Path(db_path)
    _check_diary(db_path)
    if is_protected(db_path):
        raise DiaryUnavailable(f"{db_path} is already protected by a passphrase. Nothing was changed.")
    if not is_sqlite_file(db_path):
        raise DiaryUnavailable(f"{db_path} is not an IsoDiary diary. Nothing was changed.")
    new_file, master, code = key_file.new_key_file(passphrase)
    keys = DiaryKeys.from_master(new_file.key_id, master)
    conversion.convert(db_path, None, keys.database, new_file.to_bytes())
    keyring.remember(keys)
    settle(db_path, keys)
    return code


def unprotect(db_path: Path, keys: DiaryKeys) -> None:
    """Decrypt the backups, then the diary, and remove the key file: plain again."""
    db_path = Path(db_path)
    _check_diary(db_path)
    _check_keys(db_path, keys)
    keyring.remember(keys)
    for backup in backups.list_backups(db_path):
        if keyring.is_encrypted(backup.path):
            conversion.convert(backup.path, _database_key(backup.path), None, None)
    from diary.store.photo_files import PhotoFiles  # the photo modules only when converting

    PhotoFiles(db_path).unseal_all()
    conversion.convert(db_path, keys.database, None, None)
    keyring.forget(keys)


def change_passphrase(db_path: Path, keys: DiaryKeys, new_passphrase: str) -> None:
    """Wrap the same key under `new_passphrase` (the recovery code stays): the key file is
    replaced atomically, then each backup's copy of it."""
    db_path = Path(db_path)
    _check_keys(db_path, keys)
    new_file = _key_file(db_path).rewrapped(keys.master, new_passphrase)
    key_file.write(key_file.key_file_path(db_path), new_file)
    for backup in backups.list_backups(db_path):
        carried = key_file.key_file_path(backup.path)
        if carried.exists() and _same_key(carried, keys):
            key_file.write(carried, new_file)


def settle(db_path: Path, keys: DiaryKeys | None) -> None:
    """Finish what a kill cut short. A plain diary: a key file beside it (or beside a plain
    backup) is stale and goes.
    A protected one: backups left plain are encrypted (with `keys`)."""
    db_path = Path(db_path)
    if not is_protected(db_path):
        for database in [db_path, *(backup.path for backup in backups.list_backups(db_path))]:
            stale = key_file.key_file_path(database)
            if stale.exists() and database.is_file() and is_sqlite_file(database):
                stale.unlink(missing_ok=True)
        return
    if keys is None:
        return
    data = key_file.key_file_path(db_path).read_bytes()
    for backup in backups.list_backups(db_path):
        if is_sqlite_file(backup.path) and not keyring.is_encrypted(backup.path):
            conversion.convert(backup.path, None, keys.database, data)
    from diary.store.photo_files import PhotoFiles

    PhotoFiles(db_path).seal_all()


# Helpers ---------------------------------------------------------------------------------------


def _key_file(db_path: Path) -> key_file.KeyFile:
    db_path = Path(db_path)
    if not is_protected(db_path):
        raise DiaryUnavailable(f"{db_path} is not protected by a passphrase.")
    return key_file.read(key_file.key_file_path(db_path))


def _check_diary(db_path: Path) -> None:
    if not db_path.is_file():
        raise DiaryUnavailable(f"There is no diary at {db_path}. Nothing was changed.")


def _check_keys(db_path: Path, keys: DiaryKeys) -> None:
    if _key_file(db_path).key_id != keys.key_id:
        raise WrongPassphrase(f"Those keys are not {db_path}'s. Nothing was changed.")


def _same_key(path: Path, keys: DiaryKeys) -> bool:
    try:
        return key_file.read(path).key_id == keys.key_id
    except DiaryUnavailable:
        return False


def _database_key(path: Path) -> bytes:
    key = keyring.database_key(path)
    assert key is not None
    return key
