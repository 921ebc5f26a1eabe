"""Taking an image in: location removed without re-encoding, HEIC made a JPEG, the date
taken read, and every image that is not whole, too large or of another kind refused."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from diary.core.photos import JPEG, PNG
from diary.store import photo_intake, photo_layout
from diary.store.photo_intake import ImageRefused, check_kept, take_in
from tests.helpers import images

HEIC_FIXTURE = Path(__file__).parent / "fixtures" / "phone.heic"


@pytest.mark.parametrize("progressive", [False, True])
def test_gps_leaves_a_jpeg_whose_picture_orientation_and_date_stay_byte_for_byte(progressive: bool) -> None:
    added = images.jpeg(progressive=progressive)
    assert images.read_back(added)[1] == images.GPS  # the test image does carry a location

    kept = take_in(added)

    tags, gps, details = images.read_back(kept.data)
    assert gps == {} and 0x8825 not in tags
    assert tags[0x0112] == 6 and tags[0x010F] == "PhoneMaker"
    assert details[0x9003] == images.TAKEN
    assert images.scan_of(kept.data) == images.scan_of(added)  # the picture was not re-encoded
    assert len(kept.data) == len(added)
    assert images.pixels(kept.data) == images.pixels(added)
    assert kept.location_removed and not kept.converted_from_heic
    assert kept.media_type == JPEG and (kept.width, kept.height) == (40, 30)
    assert kept.taken_on == dt.date(2026, 5, 3)
    assert kept.sha256 == hashlib.sha256(kept.data).hexdigest()
    assert not photo_layout.location_found(kept.data, JPEG)


def test_a_jpeg_without_a_location_is_kept_byte_for_byte() -> None:
    added = images.jpeg(gps=False)
    kept = take_in(added)
    assert kept.data == added and not kept.location_removed


def test_gps_in_a_jpegs_xmp_is_emptied_in_place_and_its_exif_kept() -> None:
    added = images.jpeg(gps=False, xmp=images.XMP_WITH_GPS)
    kept = take_in(added)
    assert b"GPSLatitude" not in kept.data and b"GPS" not in kept.data
    assert len(kept.data) == len(added) and images.scan_of(kept.data) == images.scan_of(added)
    assert images.read_back(kept.data)[0][0x0112] == 6
    assert kept.location_removed


def test_a_phones_second_image_after_the_first_is_cleaned_too() -> None:
    added = images.jpeg() + images.jpeg(orientation=None)  # as MPF appends a depth or gain map
    kept = take_in(added)
    first_end = len(images.jpeg())
    assert images.read_back(kept.data[:first_end])[1] == {}
    assert images.read_back(kept.data[first_end:])[1] == {}
    assert len(kept.data) == len(added)


def test_gps_leaves_a_pngs_exif_chunk_and_its_picture_data_stays() -> None:
    added = images.png()
    kept = take_in(added)
    tags, gps, details = images.read_back(kept.data)
    assert gps == {} and tags[0x0112] == 3 and details[0x9003] == images.TAKEN
    assert images.scan_of(kept.data) == images.scan_of(added)
    assert images.pixels(kept.data) == images.pixels(added)
    assert kept.media_type == PNG and kept.location_removed and kept.taken_on == dt.date(2026, 5, 3)
    photo_layout.layout(kept.data, PNG)  # every chunk's checksum still right


@pytest.mark.parametrize(
    "chunk",
    [
        images.png_chunk(b"iTXt", b"XML:com.adobe.xmp\x00\x00\x00\x00\x00" + images.XMP_WITH_GPS),
        images.png_chunk(
            b"tEXt",
            b"Raw profile type exif\x00\nexif\n     200\n"
            + (b"Exif\0\0" + images.exif_block()).hex().encode(),
        ),
    ],
    ids=["xmp", "raw-profile"],
)
def test_a_png_text_chunk_holding_a_location_is_left_out(chunk: bytes) -> None:
    added = images.with_png_chunk(images.png(gps=False), chunk)
    assert photo_layout.location_found(added, PNG)
    kept = take_in(added)
    assert kept.data == images.png(gps=False)
    assert kept.location_removed


def test_a_heic_photo_becomes_a_jpeg_turned_as_shown_without_its_location() -> None:
    kept = take_in(HEIC_FIXTURE.read_bytes())
    assert kept.media_type == JPEG and kept.converted_from_heic and kept.location_removed
    tags, gps, details = images.read_back(kept.data)
    assert gps == {} and 0x8825 not in tags
    assert tags[0x0112] == 1 and tags[0x010F] == "PhoneMaker"  # the decoder turned it already
    assert (kept.width, kept.height) == (48, 64)  # 64 x 48 turned a quarter
    assert kept.taken_on == dt.date(2026, 5, 3) and details[0x9003] == images.TAKEN
    check_kept(kept.data, JPEG)


def test_a_damaged_heic_is_refused_saying_so() -> None:
    with pytest.raises(ImageRefused, match="HEIC image that cannot be read"):
        take_in(HEIC_FIXTURE.read_bytes()[:-20])


def test_a_heic_too_large_is_refused_from_its_header_before_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    import pi_heif

    def no_decoding(*_args: object) -> None:
        raise AssertionError("a bomb was decoded")

    monkeypatch.setattr(pi_heif.HeifFile, "to_pillow", no_decoding)
    monkeypatch.setattr(photo_intake, "MAX_PIXELS", 48 * 64 - 1)
    with pytest.raises(ImageRefused, match="48 x 64 pixels"):
        take_in(HEIC_FIXTURE.read_bytes())


def test_many_images_one_after_another_are_walked_without_running_out_of_stack() -> None:
    one = images.jpeg(gps=False, orientation=None, taken=None, size=(8, 8))
    kept = take_in(one * 3000)
    assert len(kept.data) == len(one) * 3000


@pytest.mark.parametrize(
    ("exif_taken", "expected"),
    [(images.TAKEN, dt.date(2026, 5, 3)), (None, None), ("1899:12:31 10:00:00", None), ("garbage", None)],
)
def test_the_date_taken_is_the_exif_date_when_it_is_one_a_diary_holds(
    exif_taken: str | None, expected: dt.date | None
) -> None:
    assert take_in(images.jpeg(taken=exif_taken)).taken_on == expected


def test_a_jpeg_without_any_exif_has_no_date() -> None:
    assert take_in(images.jpeg(gps=False, orientation=None, taken=None)).taken_on is None


def _cut(image: bytes) -> bytes:
    return image[: len(image) * 2 // 3]


@pytest.mark.parametrize(
    ("made", "words"),
    [
        (lambda: b"GIF89a" + bytes(100), "not a JPEG, PNG or HEIC image"),
        (lambda: _cut(images.jpeg()), "cut off"),
        (lambda: images.jpeg()[:-2], "cut off"),
        (lambda: _cut(images.png()), "cut off"),
        (lambda: images.png()[:40] + b"X" + images.png()[41:], "checksum is wrong"),
        (lambda: images.with_size(images.jpeg(), 20_000, 20_000), "400 megapixels"),
        (lambda: images.with_size(images.png(), 10_001, 10_000), "images over 100 megapixels are refused"),
        (lambda: images.with_size(images.jpeg(), 0, 30), "no width or height"),
    ],
    ids=[
        "gif",
        "cut-jpeg",
        "no-end-marker",
        "cut-png",
        "bad-crc",
        "jpeg-bomb",
        "png-bomb",
        "no-width",
    ],
)
def test_what_is_not_a_whole_image_of_sensible_size_is_refused_saying_why(made: object, words: str) -> None:
    assert callable(made)
    with pytest.raises(ImageRefused, match=words):
        take_in(made())


SAMSUNG_TRAILER = b"\x00\x00Image_UTC_Data1715000000000\x00MCC_Data262\x00\x00SEFH\x18\x00\x00\x00SEFT"


@pytest.mark.parametrize("made", [images.jpeg, images.png], ids=["jpeg", "png"])
def test_bytes_after_the_picture_are_left_out_on_adding_and_refused_in_a_kept_image(made: object) -> None:
    assert callable(made)
    picture = take_in(made())
    kept = take_in(made() + SAMSUNG_TRAILER)
    assert kept.data == picture.data and kept.trailer_removed == len(SAMSUNG_TRAILER)
    with pytest.raises(ImageRefused, match=f"{len(SAMSUNG_TRAILER)} bytes after its end"):
        check_kept(picture.data + SAMSUNG_TRAILER, picture.media_type)


def test_a_broken_image_after_the_first_is_left_out_as_a_trailer() -> None:
    first = images.jpeg(gps=False)
    kept = take_in(first + images.jpeg()[:200])
    assert kept.data == first and kept.trailer_removed == 200


def test_a_bomb_is_refused_from_its_header_before_pillow_opens_it(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_decoding(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("Pillow was asked to open a bomb")

    monkeypatch.setattr(photo_intake.Image, "open", no_decoding)
    with pytest.raises(ImageRefused, match="megapixels"):
        take_in(images.with_size(images.jpeg(), 12_000, 9_000))


def test_exif_too_malformed_to_clean_is_refused_rather_than_kept_with_its_location() -> None:
    added = images.jpeg(gps=False, orientation=None, taken=None)
    broken = b"\xff\xd8\xff\xe1\x00\x10Exif\x00\x00XX\x00\x2a\x00\x00\x00\x08" + added[2:]
    with pytest.raises(ImageRefused, match="location data could not be removed"):
        take_in(broken)


@pytest.mark.parametrize(
    ("data", "media_type", "words"),
    [
        (images.jpeg(gps=False), PNG, "not a PNG image, as its name says"),
        (images.png(gps=False), JPEG, "not a JPEG image, as its name says"),
        (images.jpeg(), JPEG, "carries location data"),
        (images.png(), PNG, "carries location data"),
        (images.jpeg(gps=False, xmp=images.XMP_WITH_GPS), JPEG, "carries location data"),
        (images.with_size(images.png(gps=False), 20_000, 20_000), PNG, "megapixels"),
        (images.jpeg(gps=False), "image/heic", "not a kind of image a diary keeps"),
    ],
)
def test_a_kept_image_is_checked_again_for_kind_location_and_size(
    data: bytes, media_type: str, words: str
) -> None:
    with pytest.raises(ImageRefused, match=words):
        check_kept(data, media_type)


def test_a_clean_kept_image_passes_its_check_with_its_hash() -> None:
    data = images.png(gps=False)
    assert check_kept(data, PNG).sha256 == hashlib.sha256(data).hexdigest()


def jpeg_whose_orientation_points_past_its_exif() -> bytes:
    """A JPEG without a location whose EXIF orientation claims 1,000 values, more than its
    block holds: Pillow skips that tag with a warning of its own (a phone's damaged EXIF)."""
    data = bytearray(images.jpeg(gps=False))
    entry = data.find(b"\x01\x12\x00\x03")  # tag 0x0112, type SHORT, big-endian (Pillow's "MM")
    assert entry > 0
    data[entry + 4 : entry + 8] = (1000).to_bytes(4, "big")
    return bytes(data)


def test_exif_pillow_reads_only_in_part_gives_no_warning_of_pillows_own() -> None:
    # The test run turns warnings into errors; the person saw Pillow's file, line and words
    # ("TiffImagePlugin.py:946: UserWarning: Tag data larger than file") on `isodiary import`
    # and `photos add`, for an image the diary keeps all the same.
    data = jpeg_whose_orientation_points_past_its_exif()

    kept = take_in(data)

    assert kept.data == data and not kept.location_removed
    assert check_kept(data, JPEG).sha256 == kept.sha256
    assert kept.taken_on == dt.date(2026, 5, 3)  # the date is in the Exif directory, still read
