"""An entry holds what was logged; None is "not logged" and never the same as 0."""

import datetime as dt

import pytest

from diary.core.entry import Entry, InvalidValue
from tests.helpers.diaries import full_entry

DAY = dt.date(2026, 3, 2)


def test_a_new_entry_has_nothing_logged() -> None:
    entry = Entry(DAY)
    assert entry.is_empty()
    assert entry.mood is None and entry.dose_mg is None and entry.warning_signs is None


def test_zero_is_logged_not_empty() -> None:
    assert not Entry(DAY, mood=0).is_empty()
    assert not Entry(DAY, warning_signs=()).is_empty()
    assert Entry(DAY, dose_mg=0).dose_mg == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("mood", 11),
        ("mood", -1),
        ("lips", 10.5),
        ("lips", True),
        ("skin", "3"),
        ("joint_pain", 2.0),
        ("dose_mg", 200.5),
        ("dose_mg", -0.1),
        ("dose_mg", float("nan")),
        ("breakouts_new", 1000),
        ("breakout_severity", 5),
    ],
)
def test_values_out_of_range_or_of_the_wrong_kind_are_refused(field: str, value: object) -> None:
    with pytest.raises(InvalidValue) as raised:
        Entry(DAY, **{field: value})
    assert raised.value.field == field


def test_the_edges_of_every_scale_are_allowed() -> None:
    entry = Entry(DAY, dose_mg=200, lips=10, skin=0, mood=10, breakouts_new=999, breakout_severity=4)
    assert entry.dose_mg == 200 and entry.breakouts_new == 999


def test_unknown_and_repeated_signs_are_refused() -> None:
    with pytest.raises(InvalidValue, match="not one of the known keys"):
        Entry(DAY, warning_signs=("sad", "grumpy"))
    with pytest.raises(InvalidValue, match="listed twice"):
        Entry(DAY, warning_signs=("sad", "sad"))
    with pytest.raises(InvalidValue, match="listed twice"):
        Entry(DAY, side_effects=("hiccups", "hiccups"))


def test_side_effects_take_the_persons_own_keys_after_the_built_in_ones() -> None:
    entry = Entry(DAY, side_effects=("hiccups", "rash", "chapped_hands", "nosebleed"))
    assert entry.side_effects == ("nosebleed", "rash", "hiccups", "chapped_hands")


def test_signs_keep_the_medication_guide_order_whatever_order_they_came_in() -> None:
    entry = Entry(DAY, warning_signs=("hallucinations", "sad"))
    assert entry.warning_signs == ("sad", "hallucinations")
    assert entry == Entry(DAY, warning_signs=("sad", "hallucinations"))


@pytest.mark.parametrize(
    "answers",
    [(0,) * 8, (0,) * 10, (0, 0, 0, 0, 0, 0, 0, 0, 4), (0, 0, 0, 0, 0, 0, 0, 0, -1), "000000000"],
)
def test_a_phq9_needs_exactly_nine_answers_from_0_to_3(answers: object) -> None:
    with pytest.raises(InvalidValue) as raised:
        Entry(DAY, phq9=answers)  # type: ignore[arg-type]
    assert raised.value.field == "phq9"


def test_a_blank_note_is_no_note_but_a_note_keeps_its_spaces() -> None:
    assert Entry(DAY, note="   \n").note is None
    assert Entry(DAY, note="  tired ").note == "  tired "


def test_changed_gives_a_validated_copy() -> None:
    entry = full_entry(DAY)
    assert entry.changed(mood=5).mood == 5
    assert entry.mood == 0
    with pytest.raises(InvalidValue):
        entry.changed(mood=12)


def test_the_entry_holds_exactly_the_fields_of_the_field_table_with_their_types() -> None:
    """Entry is the typed face of diary.core.fields: the same names, each of its kind's type."""
    import dataclasses
    import typing

    from diary.core import fields

    expected = {
        fields.KEYS: tuple[str, ...] | None,
        fields.ANSWERS: tuple[int, ...] | None,
        fields.TEXT: str | None,
    }
    hints = typing.get_type_hints(Entry)
    declared = [field.name for field in dataclasses.fields(Entry) if field.name != "date"]
    assert sorted(declared) == sorted(fields.FIELDS_BY_NAME)
    for field in fields.ENTRY_FIELDS:
        if field.kind == fields.NUMBER:
            assert field.scale is not None, field.name
            wanted = int | None if field.scale.whole_numbers else float | None
        else:
            wanted = expected[field.kind]
        assert hints[field.name] == wanted, field.name
        assert getattr(Entry(DAY), field.name) is None, f"{field.name} must start as not logged"
