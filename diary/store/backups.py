"""Backups of the diary: consistent, checked copies in `backups/` beside it, kept for a year.

A backup is never a plain copy of the file: a diary being written has its newest pages in
the write-ahead log, and a file copied mid-write can be torn. SQLite's online backup API
copies one consistent snapshot while the window keeps working. Each copy is written under
a temporary name, reopened and integrity-checked, flushed to disk, and only then given its
real name, so a file with a backup's name is always whole.

Names are `<diary>-<YYYY-MM-DD-HHMMSS>-<kind>.sqlite3` in local time, so they sort by date
and say why they were made. Only daily backups are ever deleted (see `backups_to_keep`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from diary.store import integrity, sqlcipher
from diary.store.errors import (
    BUSY_TIMEOUT_SECONDS,
    DiaryUnavailable,
    disk_is_full,
    explain_os_error,
    full_disk_words,
)
from diary.store.files import (
    PRIVATE_FILE,
    PRIVATE_FOLDER,
    left_by_a_crash,
    lock_descriptor,
    sync_file,
    sync_folder,
)
from diary.store.sqlcipher import BESIDE, KeyChoice

FOLDER_NAME = "backups"
SUFFIX = ".sqlite3"

DAILY, BEFORE_UPGRADE, BEFORE_RESTORE, BY_HAND = "daily", "before-upgrade", "before-restore", "by-hand"
KINDS = (DAILY, BEFORE_UPGRADE, BEFORE_RESTORE, BY_HAND)
KIND_WORDS = {
    DAILY: "Daily",
    BEFORE_UPGRADE: "Before an update",
    BEFORE_RESTORE: "Before a restore",
    BY_HAND: "Made by you",
}

# The retention rule: the newest daily backup of each of the last 14 days that have one,
# and the newest of each month for a year.
DAYS_KEPT = 14
MONTHS_KEPT = 12
# A temporary file this old is left over from a crash, not a backup being written now.
STALE_PART_SECONDS = 3600


class BackupFailed(DiaryUnavailable):
    """A backup could not be made; the diary itself is unchanged."""


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: dt.datetime  # local time, from the name
    kind: str
    size: int

    @property
    def kind_words(self) -> str:
        return KIND_WORDS[self.kind]

    @property
    def size_words(self) -> str:
        return size_words(self.size)


def size_words(size: int) -> str:
    """A file's size in the units people read: 812 bytes, 96 KB, 1.4 MB."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def backups_folder(diary_path: Path) -> Path:
    return Path(diary_path).parent / FOLDER_NAME


def _name_pattern(diary_path: Path) -> re.Pattern[str]:
    kinds = "|".join(re.escape(kind) for kind in KINDS)
    return re.compile(
        re.escape(Path(diary_path).stem)
        + r"-(\d{4}-\d{2}-\d{2}-\d{6})(?:-(\d+))?-("
        + kinds
        + ")"
        + re.escape(SUFFIX)
        + "$"
    )


def key_file_path(backup_path: Path) -> Path:
    """The key file a backup of a protected diary carries beside it."""
    from diary.store.key_file import key_file_path

    return key_file_path(backup_path)


def list_backups(diary_path: Path) -> list[Backup]:
    """The diary's backups, newest first. Files that are not its backups are ignored."""
    folder = backups_folder(diary_path)
    if not folder.is_dir():
        return []
    pattern = _name_pattern(diary_path)
    found: list[tuple[dt.datetime, int, Backup]] = []
    for path in folder.iterdir():
        match = pattern.match(path.name)
        if match is None or not path.is_file():
            continue
        try:
            taken_at = dt.datetime.strptime(match[1], "%Y-%m-%d-%H%M%S")
            size = path.stat().st_size
        except (ValueError, OSError):
            continue
        found.append((taken_at, int(match[2] or 1), Backup(path, taken_at, match[3], size)))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [backup for _, _, backup in found]


# Making copies ---------------------------------------------------------------------------


def copy_diary(diary_path: Path, target: Path) -> None:
    """Write a checked, consistent copy of the diary to `target`, which must not exist yet.
    A protected diary's copy is encrypted under the same key, with a copy of its key file
    beside it (`<target>.key`), so it opens with the passphrase on its own.

    Raises BackupFailed (the target is then absent) or DiaryUnavailable (DiaryLocked).
    """
    diary_path, target = Path(diary_path), Path(target)
    if not diary_path.is_file():
        raise BackupFailed(f"There is no diary at {diary_path} to back up.")
    if target.exists():
        raise BackupFailed(f"{target} already exists. Choose another name; nothing was written.")
    if not target.parent.is_dir():
        raise BackupFailed(f"The folder {target.parent} does not exist; nothing was written.")
    timeout = BUSY_TIMEOUT_SECONDS
    try:
        source = integrity.connect_read_only(diary_path, timeout)
    except sqlcipher.Error as error:
        raise BackupFailed(_why(diary_path, target, error), machine_refused=True) from error
    with closing(source):
        write_checked_copy(source, target, diary_path)


def write_checked_copy(
    source: sqlcipher.Connection, target: Path, diary_path: Path, target_key: KeyChoice = BESIDE
) -> None:
    """Copy the database open as `source` (the file `diary_path`) to `target` through a
    temporary file, checked and synced. `target_key`: BESIDE, the source's own key (and a
    copy of its key file goes beside the target); else the key to write it under (None:
    plain), with no key file (a copy staged to take the place of a diary that has one)."""
    from diary.store import key_file, keyring

    source_key = keyring.database_key(diary_path)
    key = source_key if target_key is BESIDE else target_key
    carried = key_file.key_file_path(target) if target_key is BESIDE and key is not None else None
    folder = target.parent
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as error:
        raise BackupFailed(_why(diary_path, target, error)) from error
    # SQLite opens it again by name (mkstemp made it owner-only); the handle stays open,
    # holding a lock that tells `remove_leftovers` this file is being written now.
    _mark_in_progress(handle)
    temporary = Path(name)
    try:
        with closing(sqlcipher.connect(temporary, key=key, isolation_level=None)) as copy:
            sqlcipher.copy_whole(source, diary_path, source_key, copy, key)
            # One self-contained file: the live diary's WAL mode travels with its pages.
            copy.execute("PRAGMA journal_mode = DELETE")
        problems = integrity.full_problems(temporary, key=key)
        if problems:
            raise BackupFailed(
                f"The backup of {diary_path} did not pass SQLite's check ({problems[0]}): the diary "
                "is damaged, so the copy was not kept. Your diary is unchanged.",
                machine_refused=True,
            )
        temporary.chmod(PRIVATE_FILE)
        sync_file(temporary)
        if carried is not None:
            # Before the copy takes its name: a backup is never without what opens it.
            key_file.write_bytes(carried, key_file.key_file_path(diary_path).read_bytes())
        temporary.replace(target)
    except sqlcipher.Error as error:
        _forget_key_file(carried)
        raise BackupFailed(_why(diary_path, target, error), machine_refused=True) from error
    except UnicodeDecodeError as error:
        # SQLite named broken bytes: the diary is damaged, and there is nothing to copy.
        words = integrity.damage_words(error)
        raise BackupFailed(
            f"IsoDiary could not back up {diary_path}: it is damaged ({words}). Your diary is unchanged.",
            machine_refused=True,
        ) from error
    except OSError as error:
        _forget_key_file(carried)
        raise BackupFailed(_why(diary_path, target, error), machine_refused=_refused(error)) from error
    finally:
        for leftover in (temporary, Path(f"{temporary}-journal"), Path(f"{temporary}-wal")):
            leftover.unlink(missing_ok=True)
        os.close(handle)
    sync_folder(folder)


def _forget_key_file(carried: Path | None) -> None:
    if carried is not None:
        carried.unlink(missing_ok=True)


def _refused(error: OSError) -> bool:
    """A full disk or a lost permission (the computer refused), not a wrong name."""
    import errno

    return error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EROFS, errno.EACCES, errno.EPERM)


def _mark_in_progress(handle: int) -> None:
    lock_descriptor(handle)


def _left_by_a_crash(path: Path) -> bool:
    return left_by_a_crash(path, STALE_PART_SECONDS)


def make_backup(diary_path: Path, kind: str, now: dt.datetime | None = None) -> Backup:
    """A new backup of the diary in its backups folder. Raises BackupFailed."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of backup: {kind}")
    folder = private_folder(backups_folder(diary_path))
    taken_at = (now or dt.datetime.now()).replace(microsecond=0)
    target = _free_name(folder, Path(diary_path).stem, taken_at, kind)
    copy_diary(diary_path, target)
    return Backup(target, taken_at, kind, target.stat().st_size)


def private_folder(folder: Path) -> Path:
    """`folder`, created owner-only (0700 on POSIX) if it was missing."""
    if not folder.is_dir():
        try:
            folder.mkdir(parents=True, mode=PRIVATE_FOLDER)
            folder.chmod(PRIVATE_FOLDER)  # whatever the umask
        except FileExistsError:
            pass
        except OSError as error:
            raise BackupFailed(f"IsoDiary cannot make the folder {folder} ({error.strerror}).") from error
    return folder


def _free_name(folder: Path, stem: str, taken_at: dt.datetime, kind: str) -> Path:
    base = f"{stem}-{taken_at:%Y-%m-%d-%H%M%S}"
    counter = 1
    while True:
        name = f"{base}-{kind}{SUFFIX}" if counter == 1 else f"{base}-{counter}-{kind}{SUFFIX}"
        if not (folder / name).exists():
            return folder / name
        counter += 1


def _why(diary_path: Path, target: Path, error: BaseException) -> str:
    text = str(error)
    if isinstance(error, OSError) and error.strerror:
        text = error.strerror
    if isinstance(error, OSError) and error.errno is not None:
        reason = explain_os_error(target, error)
    elif "full" in text.lower() or "no space" in text.lower() or disk_is_full(target):
        reason = full_disk_words(target)
    elif "locked" in text or "busy" in text:
        reason = "the diary is busy; try again in a moment"
    elif "ermission" in text or "readonly" in text or "read-only" in text:
        reason = f"IsoDiary may not write to {target.parent}"
    else:
        reason = text
    return f"IsoDiary could not back up {diary_path}: {reason}. Your diary is unchanged."


# The daily backup ----------------------------------------------------------------------


def content_digest(path: Path) -> str:
    """A fingerprint of everything the file holds: equal fingerprints, equal diaries."""
    digest = hashlib.sha256()
    with closing(integrity.connect_read_only(path, BUSY_TIMEOUT_SECONDS)) as connection:
        connection.execute("BEGIN")  # one snapshot for every table
        tables = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ).fetchall()
        for (table,) in tables:
            digest.update(f"\x00{table}\x00".encode())
            quoted = table.replace('"', '""')
            # Sorted in Python: a table may lack a rowid, and order must not depend on storage.
            for row in sorted(repr(row) for row in connection.execute(f'SELECT * FROM "{quoted}"')):
                digest.update(row.encode())
        connection.execute("COMMIT")
    return digest.hexdigest()


def daily_backup_due(diary_path: Path, now: dt.datetime | None = None) -> bool:
    """Due when no daily backup was made today and the diary differs from its newest backup."""
    today = (now or dt.datetime.now()).date()
    backups = list_backups(diary_path)
    if any(backup.kind == DAILY and backup.taken_at.date() == today for backup in backups):
        return False
    if not backups:
        return True
    try:
        if _entry_count(diary_path) == 0 and any(_entry_count(b.path) for b in backups[:DAYS_KEPT]):
            # An emptied diary never pushes the good backups out of the days kept.
            return False
        return content_digest(diary_path) != content_digest(backups[0].path)
    except sqlcipher.Error:
        return True  # an unreadable newest backup is no reason to skip a new one


def _entry_count(path: Path) -> int:
    try:
        with closing(integrity.connect_read_only(path, BUSY_TIMEOUT_SECONDS)) as connection:
            return int(connection.execute("SELECT count(*) FROM entries").fetchone()[0])
    except sqlcipher.Error:
        return 0


def make_daily_backup(diary_path: Path, now: dt.datetime | None = None) -> Backup | None:
    """Make today's backup if it is due, then forget daily backups the rule no longer keeps."""
    now = now or dt.datetime.now()
    if not daily_backup_due(diary_path, now):
        return None
    backup = make_backup(diary_path, DAILY, now)
    prune(diary_path, now.date())
    return backup


# Retention --------------------------------------------------------------------------------


def backups_to_keep(backups: Iterable[Backup], today: dt.date) -> set[Path]:
    """Which backups stay: every one made for a reason (an update, a restore, by hand), and of
    the daily ones the newest of each of the last 14 days that have one, plus the newest of
    each calendar month of the last year (this month and the 11 before)."""
    backups = sorted(backups, key=lambda backup: backup.taken_at, reverse=True)
    keep = {backup.path for backup in backups if backup.kind != DAILY}
    newest_of_day: dict[dt.date, Path] = {}
    newest_of_month: dict[tuple[int, int], Path] = {}
    for backup in backups:
        if backup.kind == DAILY:
            newest_of_day.setdefault(backup.taken_at.date(), backup.path)
            newest_of_month.setdefault((backup.taken_at.year, backup.taken_at.month), backup.path)
    keep.update(list(newest_of_day.values())[:DAYS_KEPT])
    for (year, month), path in newest_of_month.items():
        months_ago = (today.year - year) * 12 + today.month - month
        if months_ago < MONTHS_KEPT:
            keep.add(path)
    return keep


def prune(diary_path: Path, today: dt.date) -> list[Path]:
    """Delete the daily backups the rule does not keep, and temporary files left by a crash."""
    backups = list_backups(diary_path)
    keep = backups_to_keep(backups, today)
    removed = []
    for backup in backups:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
            key_file_path(backup.path).unlink(missing_ok=True)
    removed.extend(remove_leftovers(diary_path))
    return removed


def remove_leftovers(diary_path: Path) -> list[Path]:
    """Delete the temporary files a crash or a kill cut short (at start, after each daily
    backup, and by `isodiary check`): backups' in the backups folder, and the copies a
    restore stages beside the diary. A file being written now is left alone."""
    diary_path = Path(diary_path)
    stem = re.escape(diary_path.stem)
    in_backups = re.compile(r"\." + stem + r"-\d{4}-\d{2}-\d{2}-\d{6}.*\.part(-journal|-wal)?$")
    removed = _remove_stale(backups_folder(diary_path), in_backups)
    name = re.escape(diary_path.name)
    removed += _remove_stale(
        diary_path.parent, re.compile(r"\.+" + name + r"\.(restore|convert)\..*\.part(-journal|-wal|-shm)?$")
    )
    return removed


def _remove_stale(folder: Path, leftover: re.Pattern[str]) -> list[Path]:
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for path in folder.iterdir():
        if not leftover.match(path.name) or path.is_symlink():
            continue
        main = Path(re.sub(r"-(journal|wal|shm)$", "", str(path)))
        try:
            stale = _left_by_a_crash(main) if main.exists() else True
        except OSError:
            continue
        if stale:
            try:
                path.unlink(missing_ok=True)
            except OSError:
                continue  # read-only media: nothing can be removed, and nothing grows
            removed.append(path)
    return removed
