"""The JSON interchange format, version 3 (written) and 1-3 (read): the spec's example, older
files, version 3's changes, the layout,
and the problems of each section named with the file, the record and the field.

The general rules (dates, numbers, text, keys, size, depth) have one test each in
test_interchange_rules.py; round trips of whole diaries are in test_interchange_round_trip.py.
"""

import copy
import datetime as dt
import json
import re
from typing import Any

import pytest

from diary.core.interchange import DiaryDocument, InterchangeError, document_from_json, document_to_json
from diary.core.preferences import Preferences
from tests.helpers.diaries import REPOSITORY, demo_document, sample_document

NOW = dt.datetime(2026, 11, 21, 9, 30, tzinfo=dt.UTC)
SPEC_TEXT = re.search(
    r"```json\n(.*?)```", (REPOSITORY / "docs" / "spec" / "interchange.md").read_text(encoding="utf-8"), re.S
)
assert SPEC_TEXT is not None
SPEC_EXAMPLE: dict[str, Any] = json.loads(SPEC_TEXT.group(1))

# The version-1 spec's example, as files made before version 2 hold it.
V1_EXAMPLE: dict[str, Any] = {
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
            "skincare": ["cleanser", "moisturizer", "spf"],
            "side_effects": ["dry_nose"],
            "phq9": None,
            "note": "First capsule with dinner.",
        }
    ],
}


def read(data: Any, steps: tuple[str, ...] = (), side_effects: tuple[str, ...] = ()) -> DiaryDocument:
    return document_from_json(json.dumps(data), "diary.json", steps, side_effects)


def refused(data: Any) -> InterchangeError:
    with pytest.raises(InterchangeError) as raised:
        read(data)
    return raised.value


def changed(section: str, index: int = 0, **fields: Any) -> dict[str, Any]:
    """The spec's example with fields of one record changed (None as a value removes the key
    when given as the string "<absent>")."""
    data = copy.deepcopy(SPEC_EXAMPLE)
    record = data[section][index]
    for key, value in fields.items():
        if value == "<absent>":
            record.pop(key, None)
        else:
            record[key] = value
    return data


def ordered(value: Any) -> str:
    """JSON with its key order kept, to compare the order of keys as well as the values."""
    return json.dumps(value)


# The spec's example and version 1 -------------------------------------------------------


def as_version_3(example: dict[str, Any]) -> dict[str, Any]:
    """The spec's version-2 example as version 3 writes it (the spec's section "Version 3"):
    dose steps `{from, mg, every_days}`, the courses' `clear_since`, the routine's and own
    side effects' `added_on`/`retired_on`, and `photos`."""
    data = copy.deepcopy(example)
    data["version"] = 3
    for course in data["courses"]:
        course["doses"] = [
            {"from": step["from"], "mg": step["mg_per_day"], "every_days": 1} for step in course["doses"]
        ]
        course["clear_since"] = None
    for section in ("routine", "custom_side_effects"):
        for item in data[section]:
            item.update({"added_on": None, "retired_on": None})
    data["photos"] = []
    return data


def test_the_spec_example_reads_and_writes_back_unchanged() -> None:
    document = read(SPEC_EXAMPLE)
    entry = document.entries[0]
    assert (entry.lips, entry.skin, entry.eyes, entry.mood, entry.joint_pain) == (2, 1, 0, 7, 0)
    assert entry.warning_signs == () and entry.serious_symptoms == () and entry.phq9 is None
    assert entry.side_effects == ("dry_nose", "chapped_hands")
    assert document.courses[0].scheduled_dose(dt.date(2026, 3, 30)) == 40
    assert document.preferences is not None and document.preferences.crisis_line == "116 123 (Samaritans)"
    assert [step.active for step in document.routine] == [True, True, False]
    assert document.follow_ups[0].alerted and document.follow_ups[0].discussed_on == dt.date(2026, 4, 20)
    assert document.labs[0].reference_high == 150 and document.medicines[0].kind == "tetracycline"
    written = json.loads(document_to_json(document, NOW))
    assert written == as_version_3(SPEC_EXAMPLE)
    assert ordered(written) == ordered(as_version_3(SPEC_EXAMPLE)), "keys in the order of the spec's example"
    assert read(written) == document


def test_the_export_is_laid_out_like_the_spec() -> None:
    text = document_to_json(read(SPEC_EXAMPLE), NOW)
    assert '      "doses": [\n        {"from": "2026-03-02", "mg": 20, "every_days": 1},' in text
    assert '      "dryness": {"lips": 2, "skin": 1, "eyes": 0},' in text
    assert '  "version": 3,\n' in text


def test_a_version_1_file_still_reads_and_is_written_as_version_3() -> None:
    document = read(V1_EXAMPLE)
    assert document.preferences is None and document.follow_ups == () and document.labs == ()
    assert all(step.active for step in document.routine)
    assert document.entries[0].serious_symptoms is None  # version 1 had no such question
    assert not document.courses[0].pregnancy_prevention
    written = json.loads(document_to_json(document, NOW))
    assert written["version"] == 3
    assert written["entries"][0]["serious_symptoms"] is None
    assert written["routine"][0] == {
        "key": "cleanser",
        "label": "Gentle cleanser",
        "active": True,
        "added_on": None,
        "retired_on": None,
    }
    assert read(written) == document


@pytest.mark.parametrize(
    ("change", "where", "field"),
    [
        (lambda d: d.update(preferences={"name": "Sam"}), None, "preferences"),
        (lambda d: d.update(weights=[]), None, "weights"),
        (lambda d: d["routine"][0].update(active=True), "routine[0]", "active"),
        (
            lambda d: d["courses"][0].update(pregnancy_prevention=False),
            "courses[2026-03-02]",
            "pregnancy_prevention",
        ),
        (lambda d: d["entries"][0].update(serious_symptoms=[]), "entries[2026-03-02]", "serious_symptoms"),
    ],
    ids=["preferences", "weights", "routine active", "pregnancy_prevention", "serious_symptoms"],
)
def test_a_version_1_file_with_version_2_keys_is_refused(change: Any, where: str | None, field: str) -> None:
    data = copy.deepcopy(V1_EXAMPLE)
    change(data)
    error = refused(data)
    assert (error.where, error.field) == (where, field)
    assert "not a field of version 1" in error.message


def test_the_shipped_demo_reads_and_writes_back_the_same_diary() -> None:
    text = (REPOSITORY / "resources" / "demo-diary.json").read_text(encoding="utf-8")
    document = document_from_json(text, "demo-diary.json")
    assert len(document.entries) > 120
    again = document_to_json(document, dt.datetime(2026, 7, 30, 20, 0, tzinfo=dt.UTC))
    assert document_from_json(again, "again.json") == document


@pytest.mark.parametrize("document", [sample_document(), demo_document()], ids=["sample", "demo"])
def test_write_read_write_is_identical(document: DiaryDocument) -> None:
    text = document_to_json(document, NOW)
    again = document_from_json(text, "x.json")
    assert again == document
    assert document_to_json(again, NOW) == text


# The top level -------------------------------------------------------------------------------


def test_a_newer_version_is_refused_naming_both_versions() -> None:
    error = refused({**SPEC_EXAMPLE, "version": 4})
    assert (error.where, error.field) == (None, "version")
    assert "version 4" in str(error) and "version 3" in str(error)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"format": "other"}, "format"),
        ({"version": "2"}, "version"),
        ({"version": 2.0}, "version"),
        ({"version": True}, "version"),
        ({"version": 0}, "version"),
        ({"colour": "blue"}, "colour"),
        ({"exported_at": "yesterday"}, "exported_at"),
        ({"entries": {}}, "entries"),
        ({"courses": None}, "courses"),
        ({"labs": "none"}, "labs"),
        ({"preferences": []}, None),
    ],
)
def test_top_level_problems_name_the_field(change: dict[str, Any], field: str | None) -> None:
    error = refused({**SPEC_EXAMPLE, **change})
    assert error.source == "diary.json"
    assert error.field == field
    assert str(error).startswith("diary.json: ")


def test_only_format_and_version_are_needed() -> None:
    document = read({"format": "isodiary", "version": 2})
    assert document == DiaryDocument()
    assert document.preferences is None


def test_absent_booleans_take_their_defaults() -> None:
    data = copy.deepcopy(SPEC_EXAMPLE)
    del data["routine"][2]["active"]
    del data["custom_side_effects"][0]["active"]
    del data["courses"][0]["pregnancy_prevention"]
    del data["follow_ups"][0]["alerted"]
    document = read(data)
    assert document.routine[2].active and document.custom_side_effects[0].active
    assert not document.courses[0].pregnancy_prevention
    assert not document.follow_ups[0].alerted


def test_a_byte_order_mark_from_an_editor_is_fine() -> None:
    assert document_from_json("\ufeff" + json.dumps(SPEC_EXAMPLE), "diary.json") == read(SPEC_EXAMPLE)


def test_text_that_is_not_json_names_the_line() -> None:
    with pytest.raises(InterchangeError, match="line 3"):
        document_from_json('{\n"format": "isodiary",\n"version" 2}', "diary.json")


@pytest.mark.parametrize("text", ["", "{", "[1, 2]", "null", '"isodiary"', "NaN"])
def test_text_that_is_not_an_export_is_refused(text: str) -> None:
    with pytest.raises(InterchangeError) as raised:
        document_from_json(text, "notes.json")
    assert str(raised.value).startswith("notes.json")


# Preferences -------------------------------------------------------------------------------


def test_preferences_absent_from_the_file_keep_the_diarys() -> None:
    data = {**SPEC_EXAMPLE, "preferences": {"crisis_line": "988", "remind_tests": False}}
    document = read(data)
    assert document.preference_keys == {"crisis_line", "remind_tests"}
    mine = Preferences(name="Alex", crisis_line="116 123", reminder_time="21:00")
    merged = document.preferences_over(mine)
    assert merged == Preferences(name="Alex", crisis_line="988", reminder_time="21:00", remind_tests=False)
    assert read({**SPEC_EXAMPLE, "preferences": {}}).preferences_over(mine) == mine
    del data["preferences"]
    assert read(data).preferences_over(mine) == mine


@pytest.mark.parametrize(
    ("preferences", "field", "words"),
    [
        ({"theme": "dark"}, "theme", "not a field"),
        ({"appearance": "blue"}, "appearance", "system, light, dark"),
        ({"paper_size": "a4"}, "paper_size", "auto, A4, Letter"),
        ({"reminder_time": "25:00"}, "reminder_time", "HH:MM"),
        ({"reminder_time": "8:30"}, "reminder_time", "HH:MM"),
        ({"remind_phq9": "yes"}, "remind_phq9", "true or false"),
        ({"name": None}, "name", "not set"),
        ({"name": "S" * 501}, "name", "at most 500"),
        ({"emergency_number": "1\x0012"}, "emergency_number", "control character"),
    ],
)
def test_preference_problems_name_the_preference(preferences: dict[str, Any], field: str, words: str) -> None:
    error = refused({**SPEC_EXAMPLE, "preferences": preferences})
    assert (error.where, error.field) == ("preferences", field)
    assert words in error.message


# Courses -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("course", "where", "field", "words"),
    [
        ({"planned_weeks": 20}, "courses[0]", "start_date", "missing"),
        ({"start_date": "2026-03-02", "weight_kg": -3}, "courses[2026-03-02]", "weight_kg", "1 to 400"),
        ({"start_date": "2026-03-02", "weight_kg": 401}, "courses[2026-03-02]", "weight_kg", "1 to 400"),
        ({"start_date": "2026-03-02", "planned_weeks": "20"}, "courses[2026-03-02]", "planned_weeks", "text"),
        (
            {"start_date": "2026-03-02", "planned_weeks": 20.0},
            "courses[2026-03-02]",
            "planned_weeks",
            "fraction",
        ),
        (
            {"start_date": "2026-03-02", "planned_weeks": 261},
            "courses[2026-03-02]",
            "planned_weeks",
            "1 to 260",
        ),
        (
            {"start_date": "2026-03-02", "target_mg_per_kg": 1001},
            "courses[2026-03-02]",
            "target_mg_per_kg",
            "1000",
        ),
        ({"start_date": "2026-03-02", "end_date": "2026-03-01"}, "courses[2026-03-02]", "end_date", "before"),
        ({"start_date": "2026-03-02", "pills": 3}, "courses[2026-03-02]", "pills", "not a field"),
        (
            {"start_date": "2026-03-02", "pregnancy_prevention": 1},
            "courses[2026-03-02]",
            "pregnancy_prevention",
            "true or false",
        ),
        (
            {"start_date": "2026-03-02", "doses": [{"from": "2026-03-02"}]},
            "courses[2026-03-02].doses[0]",
            "mg_per_day",
            "missing",
        ),
        (
            {"start_date": "2026-03-02", "doses": [{"from": "2026-03-02", "mg_per_day": 300}]},
            "courses[2026-03-02].doses[0]",
            "mg_per_day",
            "0 to 200",
        ),
        (
            {"start_date": "2026-03-02", "doses": [{"from": "2026-03-01", "mg_per_day": 20}]},
            "courses[2026-03-02].doses[0]",
            "from",
            "outside the course",
        ),
        (
            {
                "start_date": "2026-03-02",
                "end_date": "2026-05-01",
                "doses": [{"from": "2026-05-02", "mg_per_day": 20}],
            },
            "courses[2026-03-02].doses[0]",
            "from",
            "outside the course",
        ),
        (
            {
                "start_date": "2026-03-02",
                "doses": [{"from": "2026-03-02", "mg_per_day": 20}, {"from": "2026-03-02", "mg_per_day": 40}],
            },
            "courses[2026-03-02].doses[1]",
            "from",
            "another dose change",
        ),
        (
            {"start_date": "2026-03-02", "doses": [{"from": "2026-03-02", "mg_per_day": 20, "pills": 1}]},
            "courses[2026-03-02].doses[0]",
            "pills",
            "not a field",
        ),
    ],
)
def test_course_problems_name_the_course_and_field(
    course: dict[str, Any], where: str, field: str, words: str
) -> None:
    error = refused({**SPEC_EXAMPLE, "courses": [course]})
    assert (error.where, error.field) == (where, field)
    assert words in error.message


def test_two_courses_with_one_start_date_are_refused() -> None:
    course = {"start_date": "2026-03-02", "end_date": "2026-03-10"}
    error = refused({**SPEC_EXAMPLE, "courses": [course, course]})
    assert (error.where, error.field) == ("courses[2026-03-02]", "start_date")


def test_overlapping_courses_are_an_error() -> None:
    data = copy.deepcopy(SPEC_EXAMPLE)
    data["courses"].append({"start_date": "2026-05-01", "doses": []})
    error = refused(data)
    assert error.where == "courses"
    assert "2026-03-02" in error.message and "2026-05-01" in error.message


def test_course_settings_may_be_null_or_absent() -> None:
    document = read({**SPEC_EXAMPLE, "courses": [{"start_date": "2026-03-02", "weight_kg": None}]})
    course = document.courses[0]
    assert course.weight_kg is None and course.planned_weeks is None and course.doses == ()
    assert course.target_mg_per_kg == 120  # absent: the default target
    document = read({**SPEC_EXAMPLE, "courses": [{"start_date": "2026-03-02", "target_mg_per_kg": None}]})
    assert document.courses[0].target_mg_per_kg is None


# Routine and custom side effects -----------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "items", "where", "field", "words"),
    [
        (
            "routine",
            [{"key": "spf", "label": "SPF"}, {"key": "spf", "label": "Again"}],
            "routine[1]",
            "key",
            "twice",
        ),
        ("routine", [{"key": "a;b", "label": "Split"}], "routine[0]", "key", "';'"),
        ("routine", [{"key": "spf", "label": ""}], "routine[0]", "label", "empty"),
        ("routine", [{"key": "spf", "label": "L" * 121}], "routine[0]", "label", "at most 120"),
        ("routine", [{"key": "spf", "label": "SPF", "colour": "red"}], "routine[0]", "colour", "not a field"),
        (
            "routine",
            [{"key": "spf", "label": "SPF", "active": "no"}],
            "routine[0]",
            "active",
            "true or false",
        ),
        ("routine", [{"label": "SPF"}], "routine[0]", "key", "missing"),
        (
            "custom_side_effects",
            [{"key": "rash", "label": "Rash"}],
            "custom_side_effects[0]",
            "key",
            "built-in",
        ),
        (
            "custom_side_effects",
            [{"key": "itch", "label": "Itch"}, {"key": "itch", "label": "Itchy"}],
            "custom_side_effects[1]",
            "key",
            "twice",
        ),
        ("custom_side_effects", [{"key": "itch"}], "custom_side_effects[0]", "label", "missing"),
    ],
)
def test_routine_and_side_effect_problems(
    section: str, items: list[dict[str, Any]], where: str, field: str, words: str
) -> None:
    data = {**SPEC_EXAMPLE, section: items, "entries": []}
    error = refused(data)
    assert (error.where, error.field) == (where, field)
    assert words in error.message


# Entries -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"mood": 11}, "mood", "0 to 10"),
        ({"mood": -1}, "mood", "0 to 10"),
        ({"mood": 6.5}, "mood", "whole number"),
        ({"mood": 7.0}, "mood", "without a fraction"),
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
        ({"warning_signs": [1]}, "warning_signs", "1 is not one"),
        ({"serious_symptoms": ["nosebleed"]}, "serious_symptoms", "'nosebleed'"),
        ({"serious_symptoms": ["liver_signs", "liver_signs"]}, "serious_symptoms", "twice"),
        ({"side_effects": ["hiccups"]}, "side_effects", "'hiccups'"),
        ({"skincare": ["retinol"]}, "skincare", "'retinol'"),
        ({"phq9": [0, 0, 0]}, "phq9", "nine"),
        ({"phq9": [0, 0, 0, 0, 0, 0, 0, 0, 4]}, "phq9", "answer 9"),
        ({"phq9": [0, 0, 0, 0, 0, 0, 0, 0, 1.0]}, "phq9", "answer 9"),
        ({"phq9": "0;0"}, "phq9", "list"),
        ({"note": 12}, "note", "text"),
        ({"feeling": "fine"}, "feeling", "not a field"),
    ],
)
def test_entry_problems_name_the_file_the_entry_and_the_field(
    fields: dict[str, Any], field: str, words: str
) -> None:
    error = refused(changed("entries", **fields))
    assert error.source == "diary.json"
    assert error.where == "entries[2026-03-02]"
    assert error.field == field
    assert words in error.message
    assert str(error).startswith(f"diary.json: entries[2026-03-02]: {field}: ")


def test_missing_and_null_fields_are_not_logged() -> None:
    document = read(changed("entries", mood=None, dryness={"lips": 3}, breakouts=None, skincare="<absent>"))
    entry = document.entries[0]
    assert entry.mood is None and entry.skin is None and entry.eyes is None
    assert entry.breakouts_new is None and entry.skincare is None
    assert entry.lips == 3
    minimal = read({"format": "isodiary", "version": 2, "entries": [{"date": "2026-03-02"}]})
    assert minimal.entries[0].is_empty()


def test_not_logged_stays_apart_from_zero_and_empty() -> None:
    written = json.loads(document_to_json(read(changed("entries", mood=None, warning_signs=None)), NOW))
    assert written["entries"][0]["mood"] is None
    assert written["entries"][0]["warning_signs"] is None
    zeros = json.loads(document_to_json(read(changed("entries", mood=0, serious_symptoms=[])), NOW))
    assert zeros["entries"][0]["mood"] == 0
    assert zeros["entries"][0]["serious_symptoms"] == []


@pytest.mark.parametrize("date", ["2026-3-2", "02/03/2026", "2026-02-30", 20260302, None, "<absent>"])
def test_bad_entry_dates_are_refused_with_the_entry_index(date: Any) -> None:
    error = refused(changed("entries", date=date))
    assert (error.where, error.field) == ("entries[0]", "date")


def test_two_entries_on_one_day_are_refused() -> None:
    data = copy.deepcopy(SPEC_EXAMPLE)
    data["entries"].append({"date": "2026-03-02", "mood": 3})
    error = refused(data)
    assert (error.where, error.field) == ("entries[2026-03-02]", "date")
    assert "entries[0]" in error.message and "entries[1]" in error.message


def test_side_effects_may_be_the_files_own_or_the_diarys() -> None:
    assert read(SPEC_EXAMPLE).entries[0].side_effects == ("dry_nose", "chapped_hands")
    data = changed("entries", side_effects=["itchy_scalp", "rash"])
    assert "itchy_scalp" in refused(data).message
    assert read(data, side_effects=("itchy_scalp",)).entries[0].side_effects == ("rash", "itchy_scalp")


def test_skincare_may_tick_retired_steps_and_steps_the_diary_already_knows() -> None:
    assert read(changed("entries", skincare=["toner"])).entries[0].skincare == ("toner",)
    data = changed("entries", skincare=["retinol"])
    assert read(data, steps=("retinol",)).entries[0].skincare == ("retinol",)


# Follow-ups, appointments, questions --------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"rule": "sadness"}, "rule", "warning_sign"),
        ({"rule": "<absent>"}, "rule", "missing"),
        ({"state": "done"}, "state", "open, to_raise, discussed"),
        ({"discussed_on": None}, "discussed_on", "date it was discussed"),
        ({"state": "open"}, "discussed_on", "only when"),
        ({"alerted": "yes"}, "alerted", "true or false"),
        ({"note": ["x"]}, "note", "text"),
        ({"flag": 1}, "flag", "not a field"),
        ({"date": "2026-04-31"}, "date", "real calendar day"),
    ],
)
def test_follow_up_problems(fields: dict[str, Any], field: str, words: str) -> None:
    error = refused(changed("follow_ups", **fields))
    assert (error.where, error.field) == ("follow_ups[0]", field)
    assert words in error.message


def test_a_follow_up_of_the_serious_symptom_rule_reads() -> None:
    assert read(changed("follow_ups", rule="serious_symptom")).follow_ups[0].rule == "serious_symptom"


@pytest.mark.parametrize(
    ("section", "fields", "field", "words"),
    [
        ("appointments", {"with": "W" * 501}, "with", "at most 500"),
        ("appointments", {"with": 3}, "with", "text"),
        ("appointments", {"date": "<absent>"}, "date", "missing"),
        ("appointments", {"room": "3"}, "room", "not a field"),
        ("questions", {"text": ""}, "text", "empty"),
        ("questions", {"text": "Q" * 501}, "text", "at most 500"),
        ("questions", {"added_on": None}, "added_on", "date"),
        ("questions", {"asked_on": "soon"}, "asked_on", "YYYY-MM-DD"),
    ],
)
def test_appointment_and_question_problems(
    section: str, fields: dict[str, Any], field: str, words: str
) -> None:
    error = refused(changed(section, **fields))
    assert (error.where, error.field) == (f"{section}[0]", field)
    assert words in error.message


def test_an_appointment_note_may_be_as_long_as_any_note() -> None:
    note = "n" * 100_000
    assert read(changed("appointments", note=note)).appointments[0].note == note


# Weights, labs, pregnancy tests, medicines ----------------------------------------------------


@pytest.mark.parametrize(
    ("section", "fields", "where", "field", "words"),
    [
        ("weights", {"kg": 0.5}, "weights[2026-03-02]", "kg", "1 to 400"),
        ("weights", {"kg": None}, "weights[2026-03-02]", "kg", "missing"),
        ("weights", {"kg": "64"}, "weights[2026-03-02]", "kg", "number"),
        ("weights", {"lb": 140}, "weights[2026-03-02]", "lb", "not a field"),
        ("labs", {"test": "iron"}, "labs[0]", "test", "triglycerides"),
        ("labs", {"unit": "g/L"}, "labs[0]", "unit", "mg/dL, mmol/L"),
        ("labs", {"value": 100001}, "labs[0]", "value", "0 to 100000"),
        ("labs", {"value": None}, "labs[0]", "value", "missing"),
        ("labs", {"reference_high": -1}, "labs[0]", "reference_high", "0 to 100000"),
        ("labs", {"label": "Trigs"}, "labs[0]", "label", "only for"),
        ("labs", {"test": "other", "label": None, "unit": "g"}, "labs[0]", "label", "needed"),
        ("labs", {"test": "other", "label": "Iron", "unit": "u" * 21}, "labs[0]", "unit", "at most 20"),
        ("labs", {"test": "other", "label": "L" * 121, "unit": "g"}, "labs[0]", "label", "at most 120"),
        ("pregnancy_tests", {"result": "unclear"}, "pregnancy_tests[2026-02-27]", "result", "negative"),
        ("pregnancy_tests", {"where": "pharmacy"}, "pregnancy_tests[2026-02-27]", "where", "or null"),
        ("medicines", {"kind": "antibiotic"}, "medicines[0]", "kind", "tetracycline"),
        ("medicines", {"name": ""}, "medicines[0]", "name", "empty"),
        ("medicines", {"name": "N" * 501}, "medicines[0]", "name", "at most 500"),
        ("medicines", {"to": "2026-01-01"}, "medicines[0]", "to", "before"),
        ("medicines", {"from": "<absent>"}, "medicines[0]", "from", "missing"),
    ],
)
def test_record_problems_name_the_record_and_field(
    section: str, fields: dict[str, Any], where: str, field: str, words: str
) -> None:
    error = refused(changed(section, **fields))
    assert (error.where, error.field) == (where, field)
    assert words in error.message


def test_an_other_lab_result_has_its_own_name_and_unit() -> None:
    data = changed("labs", test="other", label="Vitamin D", unit="ng/mL")
    lab = read(data).labs[0]
    assert (lab.shown_as, lab.unit) == ("Vitamin D", "ng/mL")


# Identities ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "second", "where"),
    [
        ("weights", {"kg": 70}, "weights[2026-03-02]"),
        ("pregnancy_tests", {"result": "invalid"}, "pregnancy_tests[2026-02-27]"),
        ("labs", {"value": 150}, "labs[1]"),
        ("follow_ups", {"state": "open", "discussed_on": None}, "follow_ups[1]"),
        ("appointments", {"note": "Bring the diary"}, "appointments[1]"),
        ("questions", {"asked_on": "2026-04-20"}, "questions[1]"),
        ("medicines", {"to": None}, "medicines[1]"),
    ],
)
def test_two_records_with_one_identity_are_refused(section: str, second: dict[str, Any], where: str) -> None:
    data = copy.deepcopy(SPEC_EXAMPLE)
    data[section].append({**data[section][0], **second})
    error = refused(data)
    assert error.where == where
    assert f"{section}[0]" in error.message


def test_a_lab_result_of_another_test_or_label_is_another_result() -> None:
    data = copy.deepcopy(SPEC_EXAMPLE)
    data["labs"].append({**data["labs"][0], "test": "alt", "unit": "U/L"})
    data["labs"].append({**data["labs"][0], "test": "other", "label": "Iron", "unit": "ug/dL"})
    data["labs"].append({**data["labs"][0], "test": "other", "label": "Zinc", "unit": "ug/dL"})
    assert len(read(data).labs) == 4


@pytest.mark.parametrize("section", ["appointments", "questions", "medicines"])
def test_exact_copies_of_an_appointment_question_or_medicine_are_one_record(section: str) -> None:
    data = copy.deepcopy(SPEC_EXAMPLE)
    data[section] = [data[section][0], copy.deepcopy(data[section][0]), copy.deepcopy(data[section][0])]
    document = read(data)
    assert len(getattr(document, section)) == 1
