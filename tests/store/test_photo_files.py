"""The photos' files beside the diary: named by hash, owner-only, whole or absent (a full
disk included), thumbnails made once, and a missing or changed image found."""

from __future__ import annotations

import hashlib
import io
import os
import random
import stat
from pathlib import Path

import pytest
from PIL import Image

from diary.core.photos import JPEG, PNG
from diary.store.photo_files import THUMBNAIL_SIDE, PhotoFileFailed, PhotoFiles
from diary.store.photo_intake import KeptImage, take_in
from tests.helpers import images
from tests.test_trust_commands import fill, needs_tmpfs, small_disk


@pytest.fixture
def files(tmp_path: Path) -> PhotoFiles:
    return PhotoFiles(tmp_path / "diary.sqlite3")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_an_image_is_kept_under_its_hash_beside_the_diary_owner_only(
    files: PhotoFiles, tmp_path: Path
) -> None:
    old_umask = os.umask(0o022)
    try:
        kept = take_in(images.jpeg())
        path = files.keep(kept)
    finally:
        os.umask(old_umask)
    assert path == tmp_path / "photos" / f"{kept.sha256}.jpg"
    assert path.read_bytes() == kept.data
    assert _mode(path) == 0o600 and _mode(path.parent) == 0o700
    assert files.held() == {kept.sha256: JPEG}
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary file left


def test_an_image_held_whole_is_not_written_again_and_a_changed_one_is_mended(files: PhotoFiles) -> None:
    kept = take_in(images.png(gps=False))
    path = files.keep(kept)
    before = path.stat()
    assert files.keep(kept) == path and path.stat().st_ino == before.st_ino
    path.write_bytes(b"damaged")
    files.keep(kept)
    assert path.read_bytes() == kept.data


def test_reading_an_image_checks_it_against_its_name(files: PhotoFiles) -> None:
    kept = take_in(images.jpeg())
    files.keep(kept)
    assert files.read(kept.sha256, JPEG) == kept.data
    with pytest.raises(PhotoFileFailed, match="is missing"):
        files.read("0" * 64, JPEG)
    files.path_of(kept.sha256, JPEG).write_bytes(kept.data + b"\0")
    with pytest.raises(PhotoFileFailed, match="has changed since it was added"):
        files.read(kept.sha256, JPEG)


def test_the_check_names_each_missing_or_changed_image(files: PhotoFiles) -> None:
    fine, changed = take_in(images.jpeg()), take_in(images.png(gps=False))
    files.keep(fine)
    files.keep(changed)
    files.path_of(changed.sha256, PNG).write_bytes(b"not the image")
    missing = "f" * 64
    problems = files.problems({fine.sha256: JPEG, changed.sha256: PNG, missing: JPEG})
    assert [(p.sha256, p.problem) for p in problems] == [
        (changed.sha256, "has changed since it was added (its bytes do not match its name)"),
        (missing, "is missing"),
    ]
    assert str(problems[1]) == f"{files.path_of(missing, JPEG)} is missing"


def test_a_thumbnail_is_small_turned_as_shown_and_made_once(files: PhotoFiles) -> None:
    kept = take_in(images.jpeg(size=(800, 600)))  # orientation 6: shown turned, 600 x 800
    files.keep(kept)
    path = files.thumbnail(kept.sha256, JPEG)
    assert path.parent == files.folder / "thumbnails" and _mode(path) == 0o600
    with Image.open(path) as thumbnail:
        assert thumbnail.size == (THUMBNAIL_SIDE * 600 // 800, THUMBNAIL_SIDE)
    made = path.stat()
    assert files.thumbnail(kept.sha256, JPEG) == path and path.stat().st_mtime_ns == made.st_mtime_ns


def test_a_bomb_put_in_the_folder_is_not_thumbnailed(files: PhotoFiles) -> None:
    bomb = images.with_size(images.png(gps=False), 20_000, 20_000)
    kept = KeptImage(bomb, PNG, hashlib.sha256(bomb).hexdigest(), 20_000, 20_000, None)
    files.keep(kept)
    with pytest.raises(PhotoFileFailed, match=r"cannot be shown: .*megapixels"):
        files.thumbnail(kept.sha256, PNG)
    assert not files.thumbnail_path(kept.sha256).exists()


def test_images_no_longer_named_are_removed_with_their_thumbnails(files: PhotoFiles) -> None:
    kept, gone = take_in(images.jpeg()), take_in(images.png(gps=False))
    for image in (kept, gone):
        files.keep(image)
        files.thumbnail(image.sha256, image.media_type)
    assert files.remove_unnamed({kept.sha256}) == [files.path_of(gone.sha256, PNG)]
    assert files.held() == {kept.sha256: JPEG}
    assert not files.thumbnail_path(gone.sha256).exists() and files.thumbnail_path(kept.sha256).exists()


def _noise_jpeg(side: int) -> bytes:
    """A JPEG that compresses badly (noise), so it is larger than a small disk."""
    generator = random.Random(7)
    picture = Image.frombytes("RGB", (side, side), generator.randbytes(side * side * 3))
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=95)
    return out.getvalue()


@needs_tmpfs
@pytest.mark.parametrize("room", ["none", "some"])
def test_a_full_disk_leaves_nothing_half_written_and_says_so(tmp_path: Path, room: str) -> None:
    with small_disk(tmp_path / "disk", "256k") as disk:
        files = PhotoFiles(disk / "diary.sqlite3")
        files.folder.mkdir(mode=0o700)
        kept = take_in(_noise_jpeg(600))
        assert len(kept.data) > 256 * 1024
        if room == "none":
            fill(disk)
        with pytest.raises(PhotoFileFailed) as refused:
            files.keep(kept)
        message = str(refused.value)
        assert "the disk is full" in message and "Nothing was added" in message
        assert list(files.folder.iterdir()) == []  # neither the image nor a part of it


def test_a_fifo_taken_in_is_refused_at_once_naming_it(files: PhotoFiles, tmp_path: Path) -> None:
    # The window's Add Photo worker reads through take_in: a named pipe with no writer
    # once blocked it for ever.
    pipe = tmp_path / "camera.jpg"
    os.mkfifo(pipe)
    with pytest.raises(PhotoFileFailed, match=r"camera\.jpg \(it is a FIFO"):
        files.take_in(pipe)
    assert not files.folder.exists() or not files.held()


def test_a_thumbnail_of_an_image_with_a_partly_read_exif_gives_no_pillow_warning(files: PhotoFiles) -> None:
    # The run turns warnings into errors: Pillow's own "Tag data larger than file" reached
    # the terminal when such an image (kept all the same) was thumbnailed.
    from tests.store.test_photo_intake import jpeg_whose_orientation_points_past_its_exif

    kept = take_in(jpeg_whose_orientation_points_past_its_exif())
    files.keep(kept)
    with Image.open(files.thumbnail(kept.sha256, JPEG)) as thumbnail:
        assert max(thumbnail.size) <= THUMBNAIL_SIDE
