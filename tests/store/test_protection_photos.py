"""A protected diary's photos (issue 25): each image and thumbnail sealed under the photo
key (AES-GCM) and named by a keyed hash; read back whole; turned back on unprotect."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from diary.core.photos import Photo
from diary.store import keyring, photo_cleanup, protection
from diary.store.diary import Diary
from diary.store.errors import DiaryLocked
from diary.store.photo_files import PhotoFileFailed, PhotoFiles
from tests.helpers import images

pytestmark = pytest.mark.usefixtures("quick_passphrases")


@pytest.fixture
def with_photos(diary_path: Path) -> tuple[Path, list[Photo], list[bytes]]:
    files = PhotoFiles(diary_path)
    kept_images, photos = [], []
    with Diary.open(diary_path) as diary:
        for number, image in enumerate((images.jpeg(gps=False), images.png(gps=False))):
            source = diary_path.parent / f"taken-{number}"
            source.write_bytes(image)
            kept = files.take_in(source)
            source.unlink()
            photo = Photo(dt.date(2026, 4, 1 + number), "face_front", kept.sha256, kept.media_type)
            diary.save_photo(photo)
            files.thumbnail(kept.sha256, kept.media_type)
            photos.append(photo)
            kept_images.append(kept.data)
    return diary_path, photos, kept_images


def _middle(image: bytes) -> bytes:
    """32 bytes from the middle of an image: found in a file only if the image is there."""
    assert len(image) > 64
    return image[len(image) // 2 - 16 : len(image) // 2 + 16]


def _everything_under(folder: Path) -> list[bytes]:
    return [path.read_bytes() for path in folder.rglob("*") if path.is_file()]


def test_protecting_seals_every_image_and_thumbnail_and_they_read_back(
    with_photos: tuple[Path, list[Photo], list[bytes]],
) -> None:
    path, photos, kept = with_photos
    files = PhotoFiles(path)
    thumbnails = [files.thumbnail_path(photo.sha256).read_bytes() for photo in photos]
    protection.protect(path, "correct horse")
    for data in _everything_under(path.parent):
        for image in kept + thumbnails:
            assert _middle(image) not in data
    names = [entry.name for entry in (path.parent / "photos").rglob("*") if entry.is_file()]
    assert names and all(photo.sha256 not in name for name in names for photo in photos)
    assert all(name.endswith(".photo") for name in names)
    for photo, image in zip(photos, kept, strict=True):
        assert files.read(photo.sha256, photo.media_type) == image
        thumbnail = files.thumbnail_bytes(photo.sha256, photo.media_type)
        assert thumbnail.startswith(b"\xff\xd8")  # a JPEG, opened
    with Diary.open(path) as diary:
        assert files.problems(diary.images_named()) == []


def test_a_locked_diarys_photos_do_not_open(with_photos: tuple[Path, list[Photo], list[bytes]]) -> None:
    path, photos, _kept = with_photos
    protection.protect(path, "correct horse")
    keyring.forget()
    with pytest.raises(DiaryLocked):
        PhotoFiles(path).read(photos[0].sha256, photos[0].media_type)


def test_a_changed_or_swapped_sealed_image_is_named_changed(
    with_photos: tuple[Path, list[Photo], list[bytes]],
) -> None:
    path, photos, _kept = with_photos
    protection.protect(path, "correct horse")
    files = PhotoFiles(path)
    first, second = (files.path_of(photo.sha256, photo.media_type) for photo in photos)
    first.write_bytes(second.read_bytes())  # another image's sealed bytes under this name
    with pytest.raises(PhotoFileFailed, match="has changed"):
        files.read(photos[0].sha256, photos[0].media_type)
    with Diary.open(path) as diary:
        problems = files.problems(diary.images_named())
    assert [problem.sha256 for problem in problems] == [photos[0].sha256]


def test_unprotecting_gives_back_the_plain_files(with_photos: tuple[Path, list[Photo], list[bytes]]) -> None:
    path, photos, kept = with_photos
    before = sorted(entry.name for entry in (path.parent / "photos").iterdir() if entry.is_file())
    protection.protect(path, "correct horse")
    keys = protection.unlock(path, "correct horse")
    protection.unprotect(path, keys)
    after = sorted(entry.name for entry in (path.parent / "photos").iterdir() if entry.is_file())
    assert after == before
    files = PhotoFiles(path)
    for photo, image in zip(photos, kept, strict=True):
        assert files.path_of(photo.sha256, photo.media_type).read_bytes() == image
        assert hashlib.sha256(image).hexdigest() == photo.sha256


def test_unused_sealed_images_are_removed_and_used_ones_kept(
    with_photos: tuple[Path, list[Photo], list[bytes]],
) -> None:
    path, photos, _kept = with_photos
    protection.protect(path, "correct horse")
    with Diary.open(path) as diary:
        diary.delete_photo(photos[0])
    files = PhotoFiles(path)
    assert photo_cleanup.remove_unused_images(path) == [files.path_of(photos[0].sha256, photos[0].media_type)]
    assert files.read(photos[1].sha256, photos[1].media_type)
    assert not files.thumbnail_path(photos[0].sha256).exists()


def test_new_photos_of_a_protected_diary_are_sealed_as_they_are_kept(diary_path: Path) -> None:
    Diary.open(diary_path).close()
    protection.protect(diary_path, "correct horse")
    source = diary_path.parent / "new.jpg"
    image = images.jpeg(gps=False)
    source.write_bytes(image)
    kept = PhotoFiles(diary_path).take_in(source)
    source.unlink()
    sealed = PhotoFiles(diary_path).path_of(kept.sha256, kept.media_type)
    assert sealed.suffix == ".photo"
    assert _middle(kept.data) not in sealed.read_bytes()
    assert PhotoFiles(diary_path).read(kept.sha256, kept.media_type) == kept.data


def test_the_images_held_are_listed_in_a_protected_diary_too(
    with_photos: tuple[Path, list[Photo], list[bytes]],
) -> None:
    """What an import checks a bundle's or document's photos against (PhotoFiles.held)."""
    path, photos, _kept = with_photos
    plain = PhotoFiles(path).held()
    assert plain == {photo.sha256: photo.media_type for photo in photos}
    protection.protect(path, "correct horse")
    assert PhotoFiles(path).held() == plain
