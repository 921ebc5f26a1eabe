"""Which images in photos/ are still needed, and removing the others: an image is deleted
only when neither the diary nor any backup kept beside it names it (issue 23), since a
backup holds the photo records but shares the diary's image files.

Run it after a photo is deleted or old backups are pruned, not while a photo is being
added (its file is written before its record).
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from diary.store import backups, integrity, sqlcipher
from diary.store.errors import BUSY_TIMEOUT_SECONDS
from diary.store.photo_files import PhotoFiles


def images_in_use(diary_path: Path) -> set[str] | None:
    """The hashes the diary and its kept backups name; None when one of them cannot be read
    (then what it names cannot be told, and nothing may be removed)."""
    named: set[str] = set()
    for path in [Path(diary_path), *(backup.path for backup in backups.list_backups(diary_path))]:
        found = _named_in(path)
        if found is None:
            return None
        named |= found
    return named


def remove_unused_images(diary_path: Path) -> list[Path]:
    """Remove the images (and thumbnails) no one names; returns what was removed (nothing
    when the diary or a backup could not be read)."""
    named = images_in_use(diary_path)
    if named is None:
        return []
    return PhotoFiles(diary_path).remove_unnamed(named)


def _named_in(path: Path) -> set[str] | None:
    """The hashes one diary file names: none when it predates photos (no table), None when
    it cannot be read."""
    try:
        with closing(integrity.connect_read_only(path, BUSY_TIMEOUT_SECONDS)) as connection:
            exists = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'photos'"
            )
            if exists.fetchone() is None:
                return set()
            return {sha256 for (sha256,) in connection.execute("SELECT DISTINCT sha256 FROM photos")}
    except sqlcipher.Error:
        return None
