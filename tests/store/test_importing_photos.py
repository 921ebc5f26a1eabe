"""Importing a bundle in the store: its images are kept inside the import's transaction, and
when anything after that fails, the images this import wrote go again (an image the diary
held before stays); the window's way (images kept first, on a worker) imports the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from diary.store import importing
from diary.store.diary import Diary
from diary.store.errors import DiaryUnavailable
from diary.store.photo_files import PhotoFiles
from diary.store.photo_intake import take_in
from tests.helpers import images
from tests.helpers.bundles import exported


def test_a_failure_after_the_images_are_kept_removes_the_new_ones_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle, photos = exported(tmp_path, "moved.isodiary")
    path = tmp_path / "new" / "diary.sqlite3"
    path.parent.mkdir()
    files = PhotoFiles(path)
    held_before = files.keep(take_in(images.png()))  # the PNG the bundle carries, already here
    assert held_before == files.path_of(photos[1].sha256, photos[1].media_type)

    def broken(*_args: object) -> None:
        raise DiaryUnavailable("the disk went away", machine_refused=True)

    monkeypatch.setattr(importing, "_write", broken)
    with Diary.open(path) as diary, pytest.raises(DiaryUnavailable, match="went away"):
        importing.import_file(diary, bundle)
    assert files.held() == {photos[1].sha256: photos[1].media_type}  # the JPEG it wrote is gone
    with Diary.open(path) as diary:
        assert not diary.holds_records()


def test_images_kept_first_then_imported_give_the_same_diary(tmp_path: Path) -> None:
    bundle, photos = exported(tmp_path, "moved.isodiary")
    path = tmp_path / "new" / "diary.sqlite3"
    path.parent.mkdir()
    with Diary.open(path) as diary:
        read = importing.read_file(diary, bundle)
        ready, kept = importing.keep_images_first(path, read)
        assert ready.bundle is None and sorted(kept) == sorted(
            PhotoFiles(path).path_of(p.sha256, p.media_type) for p in photos
        )
        summary = importing.import_read(diary, ready)
        assert summary.of("photos").added == 2
        assert diary.photos() == sorted(photos, key=lambda photo: photo.identity)
