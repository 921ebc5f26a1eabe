"""The general rules of the interchange spec, one test each: dates, numbers, text, keys,
size and depth. Each refusal names the file, the record and the field; none is a traceback."""

import copy
import json
from typing import Any

import pytest

from diary.core.interchange import InterchangeError, document_from_json, entries_from_csv
from diary.core.interchange.rules import MAX_FILE_BYTES
from tests.core.test_interchange_json import SPEC_EXAMPLE, read, refused

SPEC_TEXT = json.dumps(SPEC_EXAMPLE, indent=2)


def refused_text(text: str) -> InterchangeError:
    with pytest.raises(InterchangeError) as raised:
        document_from_json(text, "diary.json")
    return raised.value


def with_value(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(SPEC_EXAMPLE)
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return data


def replaced(old: str, new: str) -> str:
    """The spec's example as text with one piece of it written differently."""
    assert old in SPEC_TEXT, old
    return SPEC_TEXT.replace(old, new, 1)


# Dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize("day", ["1900-01-01", "2099-12-31"])
def test_the_first_and_last_days_of_the_range_are_dates(day: str) -> None:
    assert read(with_value(("entries", 0, "date"), day)).entries[0].date.isoformat() == day


@pytest.mark.parametrize(
    ("path", "where", "field"),
    [
        (("entries", 0, "date"), "entries[0]", "date"),
        (("courses", 0, "end_date"), "courses[2026-03-02]", "end_date"),
        (("follow_ups", 0, "discussed_on"), "follow_ups[0]", "discussed_on"),
        (("appointments", 0, "date"), "appointments[0]", "date"),
        (("questions", 0, "added_on"), "questions[0]", "added_on"),
        (("weights", 0, "date"), "weights[0]", "date"),
        (("labs", 0, "date"), "labs[0]", "date"),
        (("pregnancy_tests", 0, "date"), "pregnancy_tests[0]", "date"),
        (("medicines", 0, "to"), "medicines[0]", "to"),
    ],
)
@pytest.mark.parametrize("day", ["9999-12-31", "2100-01-01", "1899-12-31", "0001-01-01"])
def test_dates_outside_1900_to_2099_are_refused_in_every_section(
    path: tuple[Any, ...], where: str, field: str, day: str
) -> None:
    error = refused(with_value(path, day))
    assert (error.where, error.field) == (where, field)
    assert "1900-01-01 to 2099-12-31" in error.message


@pytest.mark.parametrize("day", ["2026-3-2", "2026-03-02T10:00", "２０２６-03-02", "2026-02-29", 20260302])
def test_a_date_must_be_a_real_day_written_yyyy_mm_dd(day: Any) -> None:
    error = refused(with_value(("weights", 0, "date"), day))
    assert (error.where, error.field) == ("weights[0]", "date")


# Numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "where", "field"),
    [
        (("entries", 0, "mood"), "entries[2026-03-02]", "mood"),
        (("entries", 0, "dose_mg"), "entries[2026-03-02]", "dose_mg"),
        (("entries", 0, "dryness", "lips"), "entries[2026-03-02]", "dryness.lips"),
        (("courses", 0, "weight_kg"), "courses[2026-03-02]", "weight_kg"),
        (("weights", 0, "kg"), "weights[2026-03-02]", "kg"),
        (("labs", 0, "value"), "labs[0]", "value"),
    ],
)
def test_true_and_false_are_never_numbers(path: tuple[Any, ...], where: str, field: str) -> None:
    error = refused(with_value(path, True))
    assert (error.where, error.field) == (where, field)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
@pytest.mark.parametrize(
    ("old", "where", "field"),
    [
        ('"mood": 7', "entries[2026-03-02]", "mood"),
        ('"dose_mg": 20', "entries[2026-03-02]", "dose_mg"),
        ('"lips": 2', "entries[2026-03-02]", "dryness.lips"),
        ('"weight_kg": 64.5', "courses[2026-03-02]", "weight_kg"),
        ('"kg": 64.5', "weights[2026-03-02]", "kg"),
        ('"reference_high": 150', "labs[0]", "reference_high"),
    ],
)
def test_nan_and_infinity_are_refused_naming_the_record_and_field(
    constant: str, old: str, where: str, field: str
) -> None:
    key = old.split(":", maxsplit=1)[0]
    error = refused_text(replaced(old, f"{key}: {constant}"))
    assert (error.where, error.field) == (where, field)
    assert constant.lstrip("-") in error.message
    assert str(error).startswith(f"diary.json: {where}: {field}: ")


def test_nan_inside_a_list_names_the_entry_and_field() -> None:
    error = refused_text(replaced('"phq9": null', '"phq9": [0, 0, 0, 0, NaN, 0, 0, 0, 0]'))
    assert (error.where, error.field) == ("entries[2026-03-02]", "phq9")
    assert "answer 5" in error.message


@pytest.mark.parametrize("written", ["7.0", "7e0", "0.7e1", "70E-1"])
def test_an_integer_is_written_without_a_fraction_or_exponent(written: str) -> None:
    error = refused_text(replaced('"mood": 7', f'"mood": {written}'))
    assert (error.where, error.field) == ("entries[2026-03-02]", "mood")


def test_numbers_that_are_not_integers_may_have_a_fraction_or_exponent() -> None:
    document = document_from_json(replaced('"dose_mg": 20', '"dose_mg": 2.25e1'), "diary.json")
    assert document.entries[0].dose_mg == 22.5


def test_an_integer_has_at_most_15_digits() -> None:
    assert read(with_value(("labs", 0, "value"), 99999)).labs[0].value == 99999
    error = refused_text(replaced('"value": 142', '"value": 1234567890123456'))
    assert (error.where, error.field) == ("labs[0]", "value")
    assert "16 digits" in error.message


@pytest.mark.parametrize("digits", [4_300, 4_301, 100_000])
def test_huge_integers_give_a_clear_message_not_a_traceback(digits: int) -> None:
    error = refused_text(replaced('"mood": 7', '"mood": ' + "9" * digits))
    assert (error.where, error.field) == ("entries[2026-03-02]", "mood")
    assert f"{digits:,} digits" in error.message


def test_a_huge_number_with_a_fraction_is_refused() -> None:
    error = refused_text(replaced('"dose_mg": 20', '"dose_mg": 1e400'))
    assert (error.where, error.field) == ("entries[2026-03-02]", "dose_mg")
    assert "too large" in error.message


# Text -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "where", "field"),
    [
        ('"note": "First', '"note": "\\ud800First', "entries[2026-03-02]", "note"),
        ('"label": "Toner"', '"label": "To\\udc00ner"', "routine[2]", "label"),
        ('"key": "toner"', '"key": "ton\\ud83der"', "routine[2]", "key"),
        ('"with": "Dr. Novak"', '"with": "Dr. \\udfffNovak"', "appointments[0]", "with"),
        ('"name": "Sam"', '"name": "S\\ud800am"', "preferences", "name"),
    ],
)
def test_a_lone_surrogate_is_refused_as_invalid_unicode(old: str, new: str, where: str, field: str) -> None:
    error = refused_text(replaced(old, new))
    assert (error.where, error.field) == (where, field)
    assert "not valid Unicode" in error.message


def test_a_surrogate_pair_is_ordinary_text() -> None:
    document = document_from_json(replaced('"note": "First', '"note": "\\ud83d\\ude00 First'), "diary.json")
    assert document.entries[0].note is not None and document.entries[0].note.startswith("\U0001f600")


@pytest.mark.parametrize(
    ("path", "where", "field"),
    [
        (("entries", 0, "note"), "entries[2026-03-02]", "note"),
        (("follow_ups", 0, "note"), "follow_ups[0]", "note"),
        (("labs", 0, "note"), "labs[0]", "note"),
    ],
)
@pytest.mark.parametrize("char", ["\x00", "\x07", "\r", "\x1b", "\x7f", "\x85"])
def test_notes_hold_no_control_characters_but_new_lines_and_tabs(
    path: tuple[Any, ...], where: str, field: str, char: str
) -> None:
    error = refused(with_value(path, f"a{char}b"))
    assert (error.where, error.field) == (where, field)
    assert "control character" in error.message
    assert read(with_value(path, "line\n\tindented")) is not None


@pytest.mark.parametrize(
    ("path", "where", "field"),
    [
        (("routine", 0, "label"), "routine[0]", "label"),
        (("custom_side_effects", 0, "label"), "custom_side_effects[0]", "label"),
        (("questions", 0, "text"), "questions[0]", "text"),
        (("medicines", 0, "name"), "medicines[0]", "name"),
        (("preferences", "crisis_line"), "preferences", "crisis_line"),
    ],
)
@pytest.mark.parametrize("char", ["\n", "\t", "\x01"])
def test_other_text_holds_no_control_characters_at_all(
    path: tuple[Any, ...], where: str, field: str, char: str
) -> None:
    error = refused(with_value(path, f"a{char}b"))
    assert (error.where, error.field) == (where, field)
    assert "control character" in error.message


@pytest.mark.parametrize(
    ("path", "limit", "where", "field"),
    [
        (("entries", 0, "note"), 100_000, "entries[2026-03-02]", "note"),
        (("medicines", 0, "note"), 100_000, "medicines[0]", "note"),
        (("routine", 0, "label"), 120, "routine[0]", "label"),
        (("custom_side_effects", 0, "label"), 120, "custom_side_effects[0]", "label"),
        (("medicines", 0, "name"), 500, "medicines[0]", "name"),
        (("appointments", 0, "with"), 500, "appointments[0]", "with"),
        (("questions", 0, "text"), 500, "questions[0]", "text"),
        (("preferences", "name"), 500, "preferences", "name"),
    ],
)
def test_text_limits(path: tuple[Any, ...], limit: int, where: str, field: str) -> None:
    assert read(with_value(path, "é" * limit)) is not None
    error = refused(with_value(path, "é" * (limit + 1)))
    assert (error.where, error.field) == (where, field)
    assert f"at most {limit:,} characters" in error.message


# Keys -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    [
        "",
        "with space",
        "a,b",
        'say"',
        "it's",
        "a;b",
        "tab\tbed",
        "bell\x07",
        "nul\x00",
        "x" * 65,
        "nbsp\u00a0",
    ],
)
@pytest.mark.parametrize("section", ["routine", "custom_side_effects"])
def test_keys_refuse_spaces_commas_quotes_semicolons_and_control_characters(section: str, key: str) -> None:
    data = with_value((section, 0, "key"), key)
    data["entries"] = []
    error = refused(data)
    assert (error.where, error.field) == (f"{section}[0]", "key")


@pytest.mark.parametrize("key", ["x" * 64, "vitamin_c", "Ölbad", "日記", "step-2.b"])
def test_keys_may_be_any_other_text_up_to_64_characters(key: str) -> None:
    data = with_value(("routine", 0, "key"), key)
    data["entries"] = []
    assert read(data).routine[0].key == key


def test_a_key_given_twice_in_an_entry_names_the_entry_and_the_key() -> None:
    error = refused_text(replaced('"mood": 7,', '"mood": 7, "mood": 8,'))
    assert (error.where, error.field) == ("entries[2026-03-02]", "mood")
    assert "twice" in error.message


def test_a_key_given_twice_in_a_group_or_a_record_names_it() -> None:
    error = refused_text(replaced('"lips": 2,', '"lips": 2, "lips": 3,'))
    assert (error.where, error.field) == ("entries[2026-03-02]", "dryness.lips")
    error = refused_text(replaced('"kg": 64.5', '"kg": 64.5, "kg": 65'))
    assert (error.where, error.field) == ("weights[2026-03-02]", "kg")
    error = refused_text(replaced('"version": 2,', '"version": 2, "version": 2,'))
    assert (error.where, error.field) == (None, "version")


# Size and depth ---------------------------------------------------------------------------


def test_a_file_over_100_mib_is_refused() -> None:
    padding = " " * (MAX_FILE_BYTES + 1 - len(SPEC_TEXT))
    error = refused_text(SPEC_TEXT + padding)
    assert "100 MiB" in error.message
    with pytest.raises(InterchangeError, match="100 MiB"):
        entries_from_csv("date\n" + " " * MAX_FILE_BYTES, "days.csv", ())


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_nesting_far_deeper_than_the_format_gives_a_clear_message(depth: int) -> None:
    error = refused_text("[" * depth + "]" * depth)
    assert "nested" in error.message or "expected a JSON object" in error.message
    inside = replaced('"note": "First capsule with dinner."', '"note": ' + "[" * depth + "]" * depth)
    error = refused_text(inside)
    assert error.source == "diary.json"
    assert "nested" in error.message or error.field == "note"


def test_nesting_just_deeper_than_the_format_is_a_wrong_type() -> None:
    error = refused_text(replaced('"lips": 2', '"lips": {"left": 2}'))
    assert (error.where, error.field) == ("entries[2026-03-02]", "dryness.lips")
