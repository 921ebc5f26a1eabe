"""The photo record, its areas and the kinds of image a diary keeps (spec version 3, "Photos")."""

from __future__ import annotations

import datetime as dt

import pytest

from diary.core.entry import InvalidValue
from diary.core.photos import AREAS, HEIC, JPEG, PNG, Photo, images_named, media_type_of

HASH = "ab" * 32
OTHER_HASH = "cd" * 32
DAY = dt.date(2026, 5, 3)


def test_the_areas_are_the_specs_in_order_each_with_words() -> None:
    assert list(AREAS) == ["face_front", "face_left", "face_right", "chest", "back", "other"]
    assert AREAS["face_left"] == "Face, left side"
    assert all(words and words[0].isupper() for words in AREAS.values())


def test_a_photo_names_its_file_by_hash_and_kind() -> None:
    photo = Photo(DAY, "chest", HASH, JPEG, note="Morning light")
    assert photo.file_name == f"{HASH}.jpg"
    assert Photo(DAY, "back", HASH, PNG).file_name == f"{HASH}.png"
    assert photo.area_words == "Chest"


def test_identity_is_date_area_and_hash_not_the_note_or_kind() -> None:
    one = Photo(DAY, "chest", HASH, JPEG, note="a")
    assert one.identity == Photo(DAY, "chest", HASH, JPEG, note="b").identity
    assert one.identity != Photo(DAY, "back", HASH, JPEG).identity
    assert one.identity != Photo(DAY + dt.timedelta(days=1), "chest", HASH, JPEG).identity
    assert one.identity != Photo(DAY, "chest", OTHER_HASH, JPEG).identity


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"area": "face"}, "area"),
        ({"sha256": HASH.upper()}, "sha256"),
        ({"sha256": HASH[:-1]}, "sha256"),
        ({"sha256": "../" + HASH[3:]}, "sha256"),
        ({"media_type": HEIC}, "media_type"),
        ({"media_type": "image/gif"}, "media_type"),
        ({"note": "x" * 100_001}, "note"),
        ({"date": "2026-05-03"}, "date"),
    ],
)
def test_a_wrong_value_is_refused_naming_its_field(changes: dict[str, object], field: str) -> None:
    values: dict[str, object] = {"date": DAY, "area": "chest", "sha256": HASH, "media_type": JPEG}
    values.update(changes)
    with pytest.raises(InvalidValue) as refused:
        Photo(**values)  # type: ignore[arg-type]
    assert refused.value.field == field


def test_images_named_are_each_hash_once_and_one_image_cannot_be_two_kinds() -> None:
    photos = [
        Photo(DAY, "chest", HASH, JPEG),
        Photo(DAY, "back", HASH, JPEG),
        Photo(DAY, "back", OTHER_HASH, PNG),
    ]
    assert images_named(photos) == {HASH: JPEG, OTHER_HASH: PNG}
    with pytest.raises(InvalidValue, match="both image/jpeg and image/png") as refused:
        images_named([*photos, Photo(DAY, "other", HASH, PNG)])
    assert refused.value.field == "media_type"


def test_the_kind_of_image_is_told_by_its_first_bytes() -> None:
    assert media_type_of(b"\xff\xd8\xff\xe0rest") == JPEG
    assert media_type_of(b"\x89PNG\r\n\x1a\nrest") == PNG
    assert media_type_of(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic") == HEIC
    assert media_type_of(b"\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00mif1heic") == HEIC
    assert media_type_of(b"\x00\x00\x00\x14ftypisom\x00\x00\x00\x00mp41") is None  # a video
    assert media_type_of(b"GIF89a") is None
    assert media_type_of(b"") is None
