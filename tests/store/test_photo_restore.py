"""Restoring a backup brings its photos back: the images it names are made sure of in the
diary's folder (found beside a copied backup when the folder lacks them), and one that
cannot be found is said, never guessed; the diary itself is restored all the same."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from diary.core.photos import JPEG, PNG, Photo
from diary.store import backups
from diary.store.diary import Diary
from diary.store.errors import DiaryUnavailable
from diary.store.photo_cleanup import remove_unused_images
from diary.store.photo_files import PhotoFiles
from diary.store.photo_intake import take_in
from diary.store.restore import restore_backup
from tests.helpers import images

DAY = dt.date(2026, 5, 3)


def _diary_with_photos(folder: Path) -> tuple[Path, list[Photo]]:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "diary.sqlite3"
    files = PhotoFiles(path)
    kept = [take_in(images.jpeg()), take_in(images.png())]
    photos = [Photo(DAY, "back", kept[0].sha256, JPEG), Photo(DAY, "chest", kept[1].sha256, PNG)]
    with Diary.open(path) as diary:
        for image, photo in zip(kept, photos, strict=True):
            files.keep(image)
            diary.save_photo(photo)
    return path, photos


def test_a_deleted_photo_comes_back_with_its_image_when_its_backup_is_restored(tmp_path: Path) -> None:
    path, photos = _diary_with_photos(tmp_path)
    backup = backups.make_backup(path, backups.BY_HAND)
    with Diary.open(path) as diary:
        diary.delete_photo(photos[0])
    remove_unused_images(path)  # the backup names the image: it stays
    restored = restore_backup(path, backup.path)
    assert restored.missing_images == () and "photo image" not in restored.words(backup.path)
    with Diary.open(path) as diary:
        assert diary.photos() == sorted(photos, key=lambda p: p.identity)
    files = PhotoFiles(path)
    assert files.problems({p.sha256: p.media_type for p in photos}) == []


def test_a_copied_backup_brings_its_images_from_the_photos_folder_beside_it(tmp_path: Path) -> None:
    path, photos = _diary_with_photos(tmp_path / "old-computer")
    copy = tmp_path / "usb" / "diary-copy.sqlite3"
    copy.parent.mkdir()
    backups.copy_diary(path, copy)
    shutil.copytree(PhotoFiles(path).folder, copy.parent / "photos")  # the folder, copied by hand
    new = tmp_path / "new-computer" / "diary.sqlite3"
    new.parent.mkdir()
    restored = restore_backup(new, copy)
    assert restored.missing_images == ()
    files = PhotoFiles(new)
    assert files.held() == {p.sha256: p.media_type for p in photos}
    assert files.read(photos[0].sha256, JPEG) == PhotoFiles(path).read(photos[0].sha256, JPEG)
    assert oct(files.path_of(photos[0].sha256, JPEG).stat().st_mode & 0o777) == "0o600"


def test_an_image_that_cannot_be_found_is_named_and_the_diary_is_restored(tmp_path: Path) -> None:
    path, photos = _diary_with_photos(tmp_path / "old")
    copy = tmp_path / "usb" / "diary-copy.sqlite3"
    copy.parent.mkdir()
    backups.copy_diary(path, copy)
    beside = copy.parent / "photos"
    beside.mkdir()
    # One image beside it is changed (it does not hash to its name): it is not taken.
    changed = PhotoFiles(path).path_of(photos[1].sha256, PNG)
    (beside / changed.name).write_bytes(changed.read_bytes() + b"x")
    new = tmp_path / "new" / "diary.sqlite3"
    new.parent.mkdir()
    restored = restore_backup(new, copy)
    files = PhotoFiles(new)
    assert [problem.path for problem in restored.missing_images] == [
        files.path_of(p.sha256, p.media_type) for p in sorted(photos, key=lambda p: p.sha256)
    ]
    words = restored.words(copy)
    assert f"The backup names 2 photo images that are missing (or changed) in {files.folder}" in words
    assert changed.name in words and "isodiary check lists them" in words
    with Diary.open(new) as diary:
        assert len(diary.photos()) == 2  # the records are back all the same
    assert not files.held()


def test_a_backup_row_naming_no_image_is_refused_before_anything_changes(tmp_path: Path) -> None:
    path, _photos = _diary_with_photos(tmp_path)
    backup = backups.make_backup(path, backups.BY_HAND)
    with closing(sqlite3.connect(backup.path)) as connection:
        connection.execute("UPDATE photos SET sha256 = ? WHERE area = 'back'", ("../" + "a" * 61,))
        connection.commit()
    with pytest.raises(DiaryUnavailable, match="table photos"):
        restore_backup(path, backup.path)
    assert not list(tmp_path.glob("*.jpg"))
