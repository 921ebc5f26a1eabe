"""Photo records in the diary file: saved by identity, read in order, deleted alone, and
refused by the table itself when they could not be a photo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the one SQLite library (issue 25)

from diary.core.photos import JPEG, PNG, Photo
from diary.store.diary import Diary

DAY = dt.date(2026, 5, 3)
A, B = "a" * 64, "b" * 64


@pytest.fixture
def diary(tmp_path: Path) -> Iterator[Diary]:
    with Diary.open(tmp_path / "diary.sqlite3") as opened:
        yield opened


def test_a_photo_is_saved_read_back_and_replaced_by_identity(diary: Diary) -> None:
    assert diary.photos() == [] and not diary.holds_records()
    diary.save_photo(Photo(DAY, "face_left", A, JPEG))
    diary.save_photo(Photo(DAY - dt.timedelta(days=7), "face_left", B, PNG, note="Before"))
    diary.save_photo(Photo(DAY, "face_left", A, JPEG, note="Window light"))  # same identity: the note changes
    assert diary.photos() == [
        Photo(DAY - dt.timedelta(days=7), "face_left", B, PNG, note="Before"),
        Photo(DAY, "face_left", A, JPEG, note="Window light"),
    ]
    assert diary.holds_records()  # a diary with only photos is not empty


def test_deleting_a_photo_takes_only_that_record(diary: Diary) -> None:
    diary.save_photo(Photo(DAY, "face_front", A, JPEG))
    diary.save_photo(Photo(DAY, "chest", A, JPEG))
    diary.delete_photo(Photo(DAY, "face_front", A, JPEG))
    assert diary.photos() == [Photo(DAY, "chest", A, JPEG)]
    assert diary.images_named() == {A: JPEG}
    diary.delete_photo(Photo(DAY, "chest", A, JPEG))
    assert diary.images_named() == {}


@pytest.mark.parametrize(
    ("column", "value"),
    [("area", "face"), ("media_type", "image/heic"), ("sha256", "abc")],
)
def test_the_table_refuses_what_could_not_be_a_photo(diary: Diary, column: str, value: str) -> None:
    row = {"date": "2026-05-03", "area": "chest", "sha256": A, "media_type": JPEG}
    row[column] = value
    connection = sqlite3.connect(diary.path)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        connection.execute(
            "INSERT INTO photos (date, area, sha256, media_type) VALUES (?, ?, ?, ?)", list(row.values())
        )
    connection.close()
