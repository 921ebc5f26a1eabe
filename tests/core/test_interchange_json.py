"""The JSON interchange format: every rule of shared/spec/interchange.md, and the round trip."""

import copy
import datetime as dt
import json
from typing import Any

import pytest

from diary.core.interchange import DiaryDocument, InterchangeError, document_from_json, document_to_json
from tests.helpers.diaries import REPOSITORY, demo_document, sample_document

NOW = dt.datetime(2026, 11, 21, 9, 30, tzinfo=dt.UTC)
SPEC_EXAMPLE: dict[str, Any] = {
    "format": "isodiary",
    "version": 1,
    "exported_at": "2026-11-21T09:30:00Z",
    "courses": [
        {
            "start_date": "2026-03-02",
            "planned_weeks": 20,
            "weight_kg": 64.5,
            "target_mg_per_kg": 120,
            "doses": [{"from": "2026-03-02", "mg_per_day": 20}, {"from": "2026-03-30", "mg_per_day": 40}],
            "end_date": None,
        }
    ],
    "routine": [
        {"key": "cleanser", "label": "Gentle cleanser"},
        {"key": "moisturizer", "label": "Moisturizer"},
        {"key": "spf", "label": "Sunscreen SPF 30+"},
        {"key": "lip_balm", "label": "Lip balm"},
        {"key": "eye_drops", "label": "Eye drops"},
    ],
    "entries": [
        {
            "date": "2026-03-02",
            "dose_mg": 20,
            "dryness": {"lips": 2, "skin": 1, "eyes": 0},
            "joint_pain": 0,
            "mood": 7,
            "warning_signs": [],
            "breakouts": {"new": 3, "severity": 2},
            "skincare": ["cleanser", "moisturizer", "spf", "lip_balm"],
            "side_effects": ["dry_nose"],
            "phq9": None,
            "note": "First capsule with dinner.",
        }
    ],
}


def read(data: Any, known: tuple[str, ...] = ()) -> DiaryDocument:
    return document_from_json(json.dumps(data), "diary.json", known)


def refused(data: Any) -> InterchangeError:
    with pytest.raises(InterchangeError) as raised:
        read(data)
    return raised.value


def with_entry(**fields: Any) -> dict[str, Any]:
    data = copy.deepcopy(SPEC_EXAMPLE)
    data["entries"][0].update(fields)
    return data


def test_the_spec_example_reads_and_writes_back_unchanged() -> None:
    document = read(SPEC_EXAMPLE)
    entry = document.entries[0]
    assert (entry.lips, entry.skin, entry.eyes, entry.mood, entry.joint_pain) == (2, 1, 0, 7, 0)
    assert entry.warning_signs == () and entry.phq9 is None
    assert document.courses[0].scheduled_dose(dt.date(2026, 3, 30)) == 40
    assert json.loads(document_to_json(document, NOW)) == SPEC_EXAMPLE


def test_the_export_is_laid_out_like_the_spec() -> None:
    text = document_to_json(read(SPEC_EXAMPLE), NOW)
    assert '      "doses": [\n        {"from": "2026-03-02", "mg_per_day": 20},' in text
    assert '      "dryness": {"lips": 2, "skin": 1, "eyes": 0},' in text


@pytest.mark.parametrize("document", [sample_document(), demo_document()], ids=["sample", "demo"])
def test_write_read_write_is_identical(document: DiaryDocument) -> None:
    text = document_to_json(document, NOW)
    again = document_from_json(text, "x.json")
    assert again == document
    assert document_to_json(again, NOW) == text


def test_missing_and_null_fields_are_not_logged() -> None:
    document = read(with_entry(mood=None, dryness={"lips": 3}, breakouts=None, skincare=None))
    entry = document.entries[0]
    assert entry.mood is None and entry.skin is None and entry.eyes is None
    assert entry.breakouts_new is None and entry.skincare is None
    assert entry.lips == 3
    minimal = read({"format": "isodiary", "version": 1, "entries": [{"date": "2026-03-02"}]})
    assert minimal.entries[0].is_empty()


def test_not_logged_stays_apart_from_zero_and_empty() -> None:
    written = json.loads(document_to_json(read(with_entry(mood=None, warning_signs=None)), NOW))
    assert written["entries"][0]["mood"] is None
    assert written["entries"][0]["warning_signs"] is None
    zeros = json.loads(document_to_json(read(with_entry(mood=0, warning_signs=[])), NOW))
    assert zeros["entries"][0]["mood"] == 0
    assert zeros["entries"][0]["warning_signs"] == []


def test_a_newer_version_is_refused_naming_both_versions() -> None:
    error = refused({**SPEC_EXAMPLE, "version": 2})
    assert "version 2" in str(error) and "version 1" in str(error)


@pytest.mark.parametrize(
    ("change", "where", "field"),
    [
        ({"format": "other"}, None, "format"),
        ({"version": "1"}, None, "version"),
        ({"version": 0}, None, "version"),
        ({"colour": "blue"}, None, "colour"),
        ({"exported_at": "yesterday"}, None, "exported_at"),
        ({"entries": {}}, None, "entries"),
    ],
)
def test_top_level_problems_name_the_field(change: dict[str, Any], where: str | None, field: str) -> None:
    error = refused({**SPEC_EXAMPLE, **change})
    assert error.source == "diary.json"
    assert error.where == where
    assert error.field == field


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"mood": 11}, "mood", "0 to 10"),
        ({"mood": -1}, "mood", "0 to 10"),
        ({"mood": 6.5}, "mood", "whole number"),
        ({"mood": "7"}, "mood", "whole number"),
        ({"mood": True}, "mood", "whole number"),
        ({"joint_pain": 12}, "joint_pain", "0 to 10"),
        ({"dose_mg": 250}, "dose_mg", "0 to 200"),
        ({"dose_mg": -5}, "dose_mg", "0 to 200"),
        ({"dose_mg": "20mg"}, "dose_mg", "number"),
        ({"dryness": {"lips": 11}}, "dryness.lips", "0 to 10"),
        ({"dryness": {"nose": 1}}, "dryness.nose", "not a field"),
        ({"dryness": [1, 2, 3]}, "dryness", "object"),
        ({"breakouts": {"new": 1000}}, "breakouts.new", "0 to 999"),
        ({"breakouts": {"severity": 5}}, "breakouts.severity", "0 to 4"),
        ({"warning_signs": ["sad", "sad"]}, "warning_signs", "twice"),
        ({"warning_signs": ["moody"]}, "warning_signs", "'moody'"),
        ({"warning_signs": "sad"}, "warning_signs", "list"),
        ({"side_effects": ["hiccups"]}, "side_effects", "'hiccups'"),
        ({"skincare": ["retinol"]}, "skincare", "'retinol'"),
        ({"phq9": [0, 0, 0]}, "phq9", "nine"),
        ({"phq9": [0, 0, 0, 0, 0, 0, 0, 0, 4]}, "phq9", "answer 9"),
        ({"note": 12}, "note", "text"),
        ({"feeling": "fine"}, "feeling", "not a field"),
    ],
)
def test_entry_problems_name_the_file_the_entry_and_the_field(
    fields: dict[str, Any], field: str, words: str
) -> None:
    error = refused(with_entry(**fields))
    assert error.source == "diary.json"
    assert error.where is not None and "2026-03-02" in error.where and "entries[0]" in error.where
    assert error.field == field
    assert words in error.message
    assert str(error).startswith("diary.json: entry 2026-03-02")


@pytest.mark.parametrize("date", ["2026-3-2", "02/03/2026", "2026-02-30", 20260302, None])
def test_bad_dates_are_refused_with_the_entry_index(date: Any) -> None:
    error = refused(with_entry(date=date))
    assert error.where == "entries[0]"
    assert error.field == "date"


def test_duplicate_dates_are_refused() -> None:
    data = copy.deepcopy(SPEC_EXAMPLE)
    data["entries"].append({"date": "2026-03-02", "mood": 3})
    error = refused(data)
    assert error.where is not None and "entries[1]" in error.where
    assert "entries[0]" in error.message


def test_a_key_given_twice_in_one_object_is_refused() -> None:
    text = '{"format": "isodiary", "version": 1, "version": 1}'
    with pytest.raises(InterchangeError, match="appears twice"):
        document_from_json(text, "diary.json")


@pytest.mark.parametrize(
    "text", ["", "{", "[1, 2]", '{"format": "isodiary", "version": 1, "entries": [NaN]}']
)
def test_text_that_is_not_an_export_is_refused(text: str) -> None:
    with pytest.raises(InterchangeError) as raised:
        document_from_json(text, "notes.json")
    assert str(raised.value).startswith("notes.json")


def test_invalid_json_names_the_line() -> None:
    with pytest.raises(InterchangeError, match="line 3"):
        document_from_json('{\n"format": "isodiary",\n"version" 1}', "diary.json")


def test_overlapping_courses_are_an_error() -> None:
    data = copy.deepcopy(SPEC_EXAMPLE)
    data["courses"].append({"start_date": "2026-05-01", "doses": []})
    error = refused(data)
    assert "2026-03-02" in error.message and "2026-05-01" in error.message


@pytest.mark.parametrize(
    ("course", "field"),
    [
        ({"planned_weeks": 20}, "start_date"),
        ({"start_date": "2026-03-02", "weight_kg": -3}, "weight_kg"),
        ({"start_date": "2026-03-02", "planned_weeks": "20"}, "planned_weeks"),
        ({"start_date": "2026-03-02", "end_date": "2026-03-01"}, "end_date"),
        ({"start_date": "2026-03-02", "pills": 3}, "pills"),
        ({"start_date": "2026-03-02", "doses": [{"from": "2026-03-02"}]}, "mg_per_day"),
        ({"start_date": "2026-03-02", "doses": [{"from": "2026-03-02", "mg_per_day": 300}]}, "mg_per_day"),
    ],
)
def test_course_problems_name_the_course_and_field(course: dict[str, Any], field: str) -> None:
    error = refused({**SPEC_EXAMPLE, "courses": [course]})
    assert error.field == field
    assert error.where is not None and "course" in error.where


def test_course_settings_may_be_null() -> None:
    document = read(
        {**SPEC_EXAMPLE, "courses": [{"start_date": "2026-03-02", "weight_kg": None, "doses": []}]}
    )
    assert document.courses[0].weight_kg is None
    assert document.courses[0].target_mg_per_kg == 120  # absent: the default target


@pytest.mark.parametrize(
    ("routine", "field"),
    [
        ([{"key": "spf", "label": "SPF"}, {"key": "spf", "label": "Again"}], "key"),
        ([{"key": "a;b", "label": "Split"}], "key"),
        ([{"key": "spf", "label": ""}], "label"),
        ([{"key": "spf", "label": "SPF", "colour": "red"}], "colour"),
    ],
)
def test_routine_problems(routine: list[dict[str, Any]], field: str) -> None:
    data = {**SPEC_EXAMPLE, "routine": routine, "entries": []}
    assert refused(data).field == field


def test_skincare_may_tick_steps_the_diary_already_knows() -> None:
    data = with_entry(skincare=["retinol"])
    document = read(data, known=("retinol",))
    assert document.entries[0].skincare == ("retinol",)


def test_the_shipped_demo_is_a_valid_export() -> None:
    text = (REPOSITORY / "resources" / "demo-diary.json").read_text(encoding="utf-8")
    document = document_from_json(text, "demo-diary.json")
    assert len(document.entries) > 120
    assert document_to_json(document, dt.datetime(2026, 7, 30, 20, 0, tzinfo=dt.UTC)) == text
