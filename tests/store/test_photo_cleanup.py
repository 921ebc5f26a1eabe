"""An image goes only when neither the diary nor a kept backup names it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlite3  # the one SQLite library (issue 25)

from diary.core.photos import JPEG, PNG, Photo
from diary.store import backups
from diary.store.diary import Diary
from diary.store.photo_cleanup import images_in_use, remove_unused_images
from diary.store.photo_files import PhotoFiles
from diary.store.photo_intake import take_in
from tests.helpers import images

DAY = dt.date(2026, 5, 3)


def _diary_with_three_images(tmp_path: Path) -> tuple[Path, list[str]]:
    """The diary names the first image, a backup the second, nothing the third."""
    path = tmp_path / "diary.sqlite3"
    files = PhotoFiles(path)
    kept = [take_in(data) for data in (images.jpeg(), images.png(), images.jpeg(gps=False))]
    for image in kept:
        files.keep(image)
        files.thumbnail(image.sha256, image.media_type)
    with Diary.open(path) as diary:
        diary.save_photo(Photo(DAY, "back", kept[1].sha256, PNG))
        backups.make_backup(path, backups.BY_HAND)
        diary.delete_photo(Photo(DAY, "back", kept[1].sha256, PNG))
        diary.save_photo(Photo(DAY, "chest", kept[0].sha256, JPEG))
    return path, [image.sha256 for image in kept]


def test_an_image_named_by_the_diary_or_a_kept_backup_stays(tmp_path: Path) -> None:
    path, (in_diary, in_backup, unnamed) = _diary_with_three_images(tmp_path)
    assert images_in_use(path) == {in_diary, in_backup}
    removed = remove_unused_images(path)
    files = PhotoFiles(path)
    assert removed == [files.path_of(unnamed, JPEG)]
    assert files.held() == {in_diary: JPEG, in_backup: PNG}
    assert not files.thumbnail_path(unnamed).exists()


def test_when_a_backup_cannot_be_read_nothing_is_removed(tmp_path: Path) -> None:
    path, _ = _diary_with_three_images(tmp_path)
    (backup,) = backups.list_backups(path)
    backup.path.write_bytes(b"not a diary any more")
    assert images_in_use(path) is None
    assert remove_unused_images(path) == []
    assert len(PhotoFiles(path).held()) == 3


def test_a_backup_from_before_photos_names_none(tmp_path: Path) -> None:
    path, (in_diary, _, _) = _diary_with_three_images(tmp_path)
    (backup,) = backups.list_backups(path)
    connection = sqlite3.connect(backup.path)
    connection.execute("DROP TABLE photos")  # as a backup made before revision 0006 is
    connection.commit()
    connection.close()
    assert images_in_use(path) == {in_diary}
