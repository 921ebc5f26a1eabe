"""A field knows its interchange version (issue 19): each version's CSV header and JSON entry
keys come from the field table, every older file keeps reading, and a field added in a new
version reads as not logged from the files made before it.

The fixtures in tests/fixtures/interchange/ are files as versions 1 and 2 wrote them, written
by hand once and never regenerated: they stand for the files people already hold.
"""

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from diary.core import scales
from diary.core.entry import Entry, check_number
from diary.core.fields import ENTRY_FIELDS, FIELDS_BY_NAME, NUMBER, EntryField
from diary.core.interchange import (
    CSV_HEADER,
    CURRENT_VERSION,
    DiaryDocument,
    InterchangeError,
    document_from_json,
    entries_from_csv,
)
from diary.core.interchange.json_entries import EntryReader
from diary.core.interchange.versions import LAYOUT, EntryLayout

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "interchange"
JSON_FIXTURES = ("v1.json", "v2.json")
CSV_FIXTURES = ("v1.csv", "v2.csv")
# The diary the CSV files are imported into knows these routine steps.
STEPS = ("cleanser", "moisturizer", "spf")
NEW_VERSION = CURRENT_VERSION + 1

# A field the table does not have: "nosebleeds 0-10", added by the next version.
NOSEBLEEDS = EntryField(
    "nosebleeds", NUMBER, "Nosebleeds", ("nosebleeds",), "nosebleeds", scales.SYMPTOM, since=NEW_VERSION
)


@dataclasses.dataclass(frozen=True)
class EntryWithNosebleeds(Entry):
    """Entry as it would be with the new field (a new field is a new attribute of Entry)."""

    nosebleeds: int | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        check_number("nosebleeds", self.nosebleeds, scales.SYMPTOM)


# The new row sits with the other ratings, in the middle of the table (JSON order), as a
# real one would.
_AFTER = ENTRY_FIELDS.index(FIELDS_BY_NAME["joint_pain"]) + 1
WITH_NOSEBLEEDS = EntryLayout(
    (*ENTRY_FIELDS[:_AFTER], NOSEBLEEDS, *ENTRY_FIELDS[_AFTER:]), NEW_VERSION, EntryWithNosebleeds
)


def text_of(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def read_json(name: str, layout: EntryLayout = LAYOUT) -> DiaryDocument:
    return document_from_json(text_of(name), name, layout=layout)


def read_csv(text: str, layout: EntryLayout = LAYOUT) -> tuple[Entry, ...]:
    return entries_from_csv(text, "days.csv", STEPS, layout=layout)


def read_fixture(name: str, layout: EntryLayout = LAYOUT) -> tuple[Entry, ...]:
    return read_json(name, layout).entries if name.endswith(".json") else read_csv(text_of(name), layout)


def logged(entry: Entry) -> dict[str, Any]:
    """What an entry holds for the fields of today's table, by name."""
    return {"date": entry.date} | {field.name: getattr(entry, field.name) for field in ENTRY_FIELDS}


# The table and what derives from it ------------------------------------------------------


def test_each_field_says_from_which_version_it_exists() -> None:
    since = {field.name: field.since for field in ENTRY_FIELDS}
    assert since.pop("serious_symptoms") == 2, "version 2 added the serious symptoms"
    assert set(since.values()) == {1}
    assert all(1 <= field.since <= CURRENT_VERSION for field in ENTRY_FIELDS)


def test_each_versions_csv_header_is_derived_from_the_table() -> None:
    assert ",".join(LAYOUT.csv_header(1)) == text_of("v1.csv").splitlines()[0]
    assert ",".join(LAYOUT.csv_header(2)) == text_of("v2.csv").splitlines()[0]
    assert LAYOUT.csv_header(CURRENT_VERSION) == CSV_HEADER
    for version in LAYOUT.versions[1:]:
        older, newer = LAYOUT.csv_header(version - 1), LAYOUT.csv_header(version)
        assert newer[: len(older)] == older, f"version {version} keeps every older column in its place"


def test_each_versions_json_keys_are_the_fields_since_it() -> None:
    assert FIELDS_BY_NAME["serious_symptoms"] not in LAYOUT.fields(1)
    assert LAYOUT.fields(2) == ENTRY_FIELDS
    assert LAYOUT.fields(CURRENT_VERSION) == ENTRY_FIELDS


def test_a_field_from_a_version_not_yet_current_is_a_mistake_in_the_table() -> None:
    with pytest.raises(ValueError, match="'nosebleeds' is in the table since version"):
        EntryLayout((*ENTRY_FIELDS, NOSEBLEEDS), CURRENT_VERSION)


# The files of every version ------------------------------------------------------------


def test_the_version_1_fixtures_read_without_the_serious_symptoms() -> None:
    document = read_json("v1.json")
    assert [entry.date.day for entry in document.entries] == [2, 3, 5]
    second = document.entries[1]
    assert second.warning_signs == ("sad", "irritable") and second.lips is None
    assert second.phq9 == (0, 1, 1, 0, 0, 0, 1, 0, 0) and second.note == "Lips cracked.\nSlept badly."
    assert (document.entries[2].dose_mg, document.entries[2].skincare) == (0, None)
    rows = read_csv(text_of("v1.csv"))
    assert rows[1].note == "Lips cracked, slept badly." and rows[1].breakout_severity is None
    assert rows[2].note == "'quoted as typed", "a version-1 file has no formula guard"
    for entry in (*document.entries, *rows):
        assert entry.serious_symptoms is None


def test_the_version_2_fixtures_read_every_field() -> None:
    document = read_json("v2.json")
    headache = document.entries[1]
    assert headache.serious_symptoms == ("brain_pressure",) and headache.skin is None
    assert headache.note == "=Headache all day; called the clinic."
    assert document.entries[0].serious_symptoms == ()
    rows = read_csv(text_of("v2.csv"))
    assert logged(rows[1]) == logged(headache), "the guard's quote is taken off again"
    assert rows[0].serious_symptoms is None, "an empty list cell is not logged"
    assert rows[2] == Entry(dt.date(2026, 4, 14), dose_mg=22.5, note='Better, "much" better.')


@pytest.mark.parametrize("version", LAYOUT.versions)
def test_the_header_of_every_version_reads(version: int) -> None:
    header = LAYOUT.csv_header(version)
    row = ["2026-03-02", "20", *[""] * (len(header) - 2)]
    row[header.index("mood")] = "6"
    (entry,) = read_csv(",".join(header) + "\n" + ",".join(row) + "\n")
    assert entry == Entry(dt.date(2026, 3, 2), dose_mg=20, mood=6)


def test_a_header_of_no_version_is_refused() -> None:
    header = list(LAYOUT.csv_header(1))
    header[1], header[2] = header[2], header[1]
    with pytest.raises(InterchangeError) as raised:
        read_csv(",".join(header) + "\n")
    assert raised.value.where == "line 1"
    assert raised.value.message.startswith("the header row must be exactly: " + ",".join(CSV_HEADER))


# A field added in a new version --------------------------------------------------------


@pytest.mark.parametrize("name", [*JSON_FIXTURES, *CSV_FIXTURES])
def test_with_a_new_field_every_older_file_still_reads_and_the_field_is_not_logged(name: str) -> None:
    today = read_fixture(name)
    with_new_field = read_fixture(name, WITH_NOSEBLEEDS)
    assert [logged(entry) for entry in with_new_field] == [logged(entry) for entry in today]
    assert all(isinstance(entry, EntryWithNosebleeds) for entry in with_new_field)
    assert [entry.nosebleeds for entry in with_new_field] == [None] * len(today)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", JSON_FIXTURES)
def test_with_a_new_field_the_other_sections_read_as_before(name: str) -> None:
    today, with_new_field = read_json(name), read_json(name, WITH_NOSEBLEEDS)
    assert dataclasses.replace(with_new_field, entries=()) == dataclasses.replace(today, entries=())


def test_the_new_versions_csv_header_has_the_new_column_last_and_reads_it() -> None:
    header = WITH_NOSEBLEEDS.csv_header(NEW_VERSION)
    assert header == (*CSV_HEADER, "nosebleeds")
    assert WITH_NOSEBLEEDS.csv_header(CURRENT_VERSION) == CSV_HEADER
    row = ["2026-03-02", "20", *[""] * (len(header) - 3), "4"]
    (entry,) = read_csv(",".join(header) + "\n" + ",".join(row) + "\n", WITH_NOSEBLEEDS)
    assert entry.nosebleeds == 4 and entry.dose_mg == 20  # type: ignore[attr-defined]
    row[-1] = "11"
    with pytest.raises(InterchangeError) as raised:
        read_csv(",".join(header) + "\n" + ",".join(row) + "\n", WITH_NOSEBLEEDS)
    assert (raised.value.where, raised.value.field) == ("line 2", "nosebleeds")


def test_a_json_file_may_name_the_new_field_only_from_its_version() -> None:
    data = json.loads(text_of("v2.json"))
    data["entries"][0]["nosebleeds"] = 4
    with pytest.raises(InterchangeError) as raised:
        document_from_json(json.dumps(data), "v2.json", layout=WITH_NOSEBLEEDS)
    assert (raised.value.where, raised.value.field) == ("entries[2026-03-02]", "nosebleeds")
    assert "is not a field of version 2 of this format" in raised.value.message
    # An entry of the new version (read alone: the other sections are that version's business).
    reader = EntryReader(NEW_VERSION, {"cleanser", "spf"}, {"chapped_hands"}, WITH_NOSEBLEEDS)
    entry = reader.entry(data["entries"][0], 0)
    assert entry.nosebleeds == 4  # type: ignore[attr-defined]
    assert logged(entry) == logged(read_json("v2.json").entries[0])
