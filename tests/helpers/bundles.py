"""A diary with photos, made through the store, and the bundle and JSON exported from it:
what the window's import and the hand-over tests read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from diary.core.entry import Entry
from diary.core.photos import Photo
from diary.store.diary import Diary
from diary.store.exporting import export_file
from diary.store.photo_files import PhotoFiles
from diary.store.photo_intake import take_in
from tests.helpers import images

DAY = dt.date(2026, 5, 3)


def diary_with_photos(folder: Path) -> tuple[Path, list[Photo]]:
    """A diary in `folder` with one day and two photos (a JPEG of the back, a PNG of the chest)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "diary.sqlite3"
    files = PhotoFiles(path)
    kept = [take_in(images.jpeg(gps=True)), take_in(images.png(gps=True))]
    photos = [
        Photo(DAY, "back", kept[0].sha256, kept[0].media_type),
        Photo(DAY, "chest", kept[1].sha256, kept[1].media_type),
    ]
    with Diary.open(path) as diary:
        diary.save_entry(Entry(DAY, mood=6, note="Photos in the bathroom light"))
        for image, photo in zip(kept, photos, strict=True):
            files.keep(image)
            diary.save_photo(photo)
    return path, photos


def exported(folder: Path, name: str) -> tuple[Path, list[Photo]]:
    """A file exported (a bundle or JSON, by the name's ending) from a diary with photos."""
    path, photos = diary_with_photos(folder / "source")
    out = folder / name
    with Diary.open(path) as diary:
        export_file(diary, out)
    return out, photos
