"""Version 3's `photos[]` records (shared/spec/interchange.md, "Photos"): read with every
key and written back the same; each refusal names the record (`photos[INDEX]`) and the
field; and the import plan's photos: merged by identity, and a record whose image the diary
does not hold refused (or, with --without-photos, left out)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from diary.core.interchange import DiaryDocument, InterchangeError, document_from_json, document_to_json
from diary.core.interchange.import_messages import ImportConflict, PhotosWithoutImages
from diary.core.interchange.merge import plan_import
from diary.core.photos import JPEG, PNG, Photo
from diary.core.preferences import Preferences
from tests.core.test_interchange_json import NOW, SPEC_EXAMPLE, as_version_3

A, B = "a" * 64, "b" * 64
RECORD = {
    "date": "2026-03-02",
    "area": "face_front",
    "sha256": A,
    "media_type": JPEG,
    "note": "Morning light",
}


def with_photos(*records: dict[str, Any]) -> dict[str, Any]:
    data = json.loads(json.dumps(as_version_3(SPEC_EXAMPLE)))
    data["photos"] = list(records)
    return data


def refused(data: dict[str, Any]) -> InterchangeError:
    with pytest.raises(InterchangeError) as raised:
        document_from_json(json.dumps(data), "diary.json")
    return raised.value


def test_photo_records_read_with_every_key_and_write_back_the_same() -> None:
    second = {"date": "2026-03-01", "area": "back", "sha256": B, "media_type": PNG, "note": None}
    document = document_from_json(json.dumps(with_photos(RECORD, second)), "diary.json")
    assert document.photos == (
        Photo(dt.date(2026, 3, 2), "face_front", A, JPEG, "Morning light"),
        Photo(dt.date(2026, 3, 1), "back", B, PNG, None),
    )
    written = json.loads(document_to_json(document, NOW))
    assert written["photos"] == [second, RECORD]  # sorted by date, area and image
    again = document_from_json(document_to_json(document, NOW), "diary.json")
    assert document_to_json(again, NOW) == document_to_json(document, NOW)


def test_an_absent_note_is_none_and_an_absent_photos_list_is_empty() -> None:
    record = {key: value for key, value in RECORD.items() if key != "note"}
    assert document_from_json(json.dumps(with_photos(record)), "d.json").photos[0].note is None
    data = with_photos()
    del data["photos"]
    assert document_from_json(json.dumps(data), "d.json").photos == ()


def _changed(**changes: Any) -> dict[str, Any]:
    record = dict(RECORD)
    for key, value in changes.items():
        if value is KeyError:
            del record[key]
        else:
            record[key] = value
    return record


# One case per rule of a photo record: (the record, the field named, words of the message).
REFUSALS: dict[str, tuple[dict[str, Any], str | None, str]] = {
    "no-date": (_changed(date=KeyError), "date", "is missing"),
    "bad-date": (_changed(date="2026-02-30"), "date", "2026-02-30"),
    "date-out-of-range": (_changed(date="2100-01-01"), "date", "2100-01-01"),
    "no-area": (_changed(area=KeyError), "area", "is missing"),
    "unknown-area": (_changed(area="elbow"), "area", "must be one of face_front"),
    "no-sha256": (_changed(sha256=KeyError), "sha256", "is missing"),
    "upper-case-sha256": (_changed(sha256="A" * 64), "sha256", "64 lower-case hex digits"),
    "short-sha256": (_changed(sha256="a" * 63), "sha256", "64 lower-case hex digits"),
    "sha256-a-number": (_changed(sha256=7), "sha256", "not 7"),
    "no-media-type": (_changed(media_type=KeyError), "media_type", "is missing"),
    "heic": (_changed(media_type="image/heic"), "media_type", "must be one of image/jpeg, image/png"),
    "note-a-number": (_changed(note=3), "note", "must be text"),
    "note-too-long": (_changed(note="x" * 100_001), "note", "100,000"),
    "unknown-key": (_changed(taken_at="08:00"), "taken_at", "is not a field of version 3"),
    "not-an-object": ("a photo", None, "must be an object"),  # type: ignore[dict-item]
}


@pytest.mark.parametrize("case", REFUSALS)
def test_each_rule_of_a_photo_record_is_refused_naming_the_record_and_field(case: str) -> None:
    record, field, words = REFUSALS[case]
    error = refused(with_photos({**RECORD, "sha256": B}, record))
    assert (error.source, error.where, error.field) == ("diary.json", "photos[1]", field)
    assert words in error.message


def test_two_records_of_one_photo_are_refused_naming_the_second() -> None:
    error = refused(with_photos(RECORD, {**RECORD, "note": "again"}))
    assert error.where == "photos[1]" and "the same photo as photos[0]" in error.message


def test_one_image_named_as_two_kinds_is_refused() -> None:
    other_day = {**RECORD, "date": "2026-03-09", "media_type": PNG}
    error = refused(with_photos(RECORD, other_day))
    assert (error.where, error.field) == ("photos[1]", "media_type")
    assert "image/png" in error.message and "photos[0]" in error.message


def test_photos_is_not_a_key_of_version_2() -> None:
    data = json.loads(json.dumps(SPEC_EXAMPLE))
    data["photos"] = []
    error = refused(data)
    assert error.field == "photos" and "version 2" in error.message


# The import plan --------------------------------------------------------------------------

PRESENT = DiaryDocument(preferences=Preferences())
PHOTO = Photo(dt.date(2026, 3, 2), "face_front", A, JPEG, None)
OTHER = Photo(dt.date(2026, 3, 9), "chest", B, PNG, None)


def plan(document: DiaryDocument, present: DiaryDocument = PRESENT, **options: Any):  # type: ignore[no-untyped-def]
    return plan_import(document, present, "diary.json", empty=False, **options)


def test_a_photo_whose_image_is_held_is_added_and_a_second_import_skips_it() -> None:
    done = plan(DiaryDocument(photos=(PHOTO,)), images={A: JPEG})
    assert done.photos == [PHOTO] and done.summary.of("photos").added == 1
    assert "1 new photo" in done.summary.describe()
    again = plan(
        DiaryDocument(photos=(PHOTO,)),
        DiaryDocument(preferences=Preferences(), photos=(PHOTO,)),
        images={A: JPEG},
    )
    assert again.photos == [] and again.summary.of("photos").skipped == 1


def test_a_photo_with_another_note_is_a_conflict_unless_replace() -> None:
    present = DiaryDocument(preferences=Preferences(), photos=(PHOTO,))
    noted = Photo(PHOTO.date, PHOTO.area, A, JPEG, "after the peel")
    with pytest.raises(ImportConflict, match="1 photo is already in the diary: 2026-03-02 face, front"):
        plan(DiaryDocument(photos=(noted,)), present, images={A: JPEG})
    assert plan(DiaryDocument(photos=(noted,)), present, images={A: JPEG}, replace=True).photos == [noted]


def test_a_photo_whose_image_the_diary_does_not_hold_is_refused_naming_the_record() -> None:
    document = DiaryDocument(photos=(PHOTO, OTHER))
    with pytest.raises(PhotosWithoutImages) as raised:
        plan(document, images={A: JPEG})
    error = raised.value
    assert (error.source, error.where) == ("diary.json", "photos[1]")
    assert f"names the image {B}.png, which this diary does not hold" in error.message
    assert error.photos == [OTHER]
    with pytest.raises(PhotosWithoutImages, match="does not hold"):
        plan(DiaryDocument(photos=(PHOTO,)), images={A: PNG})  # held as another kind: not this image


def test_without_photos_leaves_out_only_the_records_without_images_and_says_so() -> None:
    done = plan(DiaryDocument(photos=(PHOTO, OTHER)), images={A: JPEG}, without_photos=True)
    assert done.photos == [PHOTO]
    assert done.summary.photos_left_out == 1
    assert done.summary.describe() == (
        "Imported 1 new photo. 1 photo left out: this diary does not hold its image."
    )
    nothing = plan(DiaryDocument(photos=(OTHER,)), without_photos=True)
    assert (
        nothing.summary.describe()
        == "Nothing was imported. 1 photo left out: this diary does not hold its image."
    )
