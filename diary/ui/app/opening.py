"""Before a diary is open, and beside it: the store's backup functions the window's start
uses (a damaged file found at start, the day's backup), so that the context stays the door
to an open diary and this module, like the application, is the window's door to opening one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from diary.store.backups import Backup
    from diary.store.diary import Diary
    from diary.store.restore import BackupFacts


def when_words(moment: dt.datetime) -> str:
    from diary.store.restore import when_words

    return when_words(moment)


def newest_good_backup(diary_path: Path) -> tuple[Backup, BackupFacts] | None:
    from diary.store.restore import newest_good_backup

    return newest_good_backup(diary_path)


def restore_damaged(diary_path: Path, backup_path: Path) -> Path | None:
    """Put the backup in place of the damaged diary; returns where the damaged file was kept."""
    from diary.store.restore import restore_backup

    return restore_backup(diary_path, backup_path).set_aside


def make_daily_backup(diary_path: Path, now: dt.datetime) -> Backup | None:
    from diary.store import backups
    from diary.store.photo_cleanup import remove_unused_images

    backups.remove_leftovers(diary_path)  # a backup killed last time left these
    made = backups.make_daily_backup(diary_path, now)
    # Old backups pruned may have been the last to name a deleted photo's image.
    remove_unused_images(diary_path)
    return made


def keep_aside(diary_path: Path) -> Path:
    """Set a damaged diary aside (kept whole), so a new one can start where it was."""
    from diary.store.restore import keep_aside

    return keep_aside(diary_path)


def stored_appearance(diary_path: Path) -> str:
    """The appearance chosen in Settings, read from the prepared diary without loading its
    reads: the window's first frame takes its palette from it."""
    from diary.core.preferences import Preferences
    from diary.settings import PREFERENCE_PREFIX
    from diary.store.setting_rows import stored_settings

    return Preferences.from_values(stored_settings(diary_path, PREFERENCE_PREFIX)).appearance


def connect(diary_path: Path) -> Diary:
    """The diary that database.prepare made ready (before the window's first frame), now
    connected for reading. Raises DiaryUnavailable."""
    from diary.store import errors
    from diary.store.diary import Diary

    with errors.sqlite_errors(diary_path):
        return Diary(diary_path)


def load_writer_in_background() -> None:
    """Import what writing needs (SQLAlchemy) on a thread, while the window waits for keys."""
    import threading

    from diary.store.diary import load_writer

    threading.Thread(target=load_writer, name="load-writer", daemon=True).start()
