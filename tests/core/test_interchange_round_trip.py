"""Export, import, export: a diary holding every section gives the same document and the
same text; random valid diaries too (hypothesis); the demo's shift moves every record."""

from __future__ import annotations

import datetime as dt
import string
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from diary.core import fields, scales
from diary.core.appointments import Appointment, Question
from diary.core.course import Course, DoseChange
from diary.core.entry import Entry
from diary.core.follow_up import DISCUSSED, STATES, FollowUp
from diary.core.interchange import (
    DiaryDocument,
    document_from_json,
    document_to_json,
    entries_from_csv,
    entries_to_csv,
)
from diary.core.interchange.document import shifted
from diary.core.preferences import Preferences
from diary.core.records import CustomSideEffect, LabResult, Medicine, PregnancyTest, Weighing
from diary.core.routine import RoutineStep
from tests.helpers.diaries import full_entry

NOW = dt.datetime(2026, 11, 21, 9, 30, tzinfo=dt.UTC)
DAY = dt.date(2026, 3, 2)
SECTIONS = (
    "courses",
    "routine",
    "entries",
    "custom_side_effects",
    "follow_ups",
    "appointments",
    "questions",
    "weights",
    "labs",
    "pregnancy_tests",
    "medicines",
)


def every_section() -> DiaryDocument:
    """A diary holding a record of every kind, with the values most easily lost: zeros, nulls,
    retired steps, the person's own side effects, a discussed flag, an ended course."""
    later = DAY + dt.timedelta(days=200)
    return DiaryDocument(
        preferences=Preferences(
            name="Sam Ø",
            appearance="dark",
            emergency_number="112",
            crisis_line="116 123 (Samaritans)",
            paper_size="Letter",
            reminder_time="",
            remind_phq9=False,
            remind_appointments=True,
            remind_tests=False,
        ),
        courses=(
            Course(
                DAY,
                planned_weeks=20,
                weight_kg=64.5,
                target_mg_per_kg=None,
                doses=(DoseChange(DAY, 20), DoseChange(DAY + dt.timedelta(days=28), 22.5)),
                end_date=DAY + dt.timedelta(days=150),
                pregnancy_prevention=True,
            ),
            Course(later, weight_kg=None, doses=()),
        ),
        routine=(
            RoutineStep("cleanser", "Gentle cleanser"),
            RoutineStep("lip_balm", "Lip balm"),
            RoutineStep("toner", "Toner", active=False),
        ),
        custom_side_effects=(
            CustomSideEffect("chapped_hands", "Chapped hands"),
            CustomSideEffect("itchy_scalp", "Itchy scalp", active=False),
        ),
        entries=(
            full_entry(DAY).changed(
                serious_symptoms=("vision_problem", "faint_weak"),
                side_effects=("rash", "itchy_scalp", "chapped_hands"),
                skincare=("toner", "cleanser"),
            ),
            Entry(DAY + dt.timedelta(days=1), mood=0, warning_signs=(), serious_symptoms=(), dose_mg=0),
            Entry(DAY + dt.timedelta(days=3), note="=1+1 and a tab\tand\nlines"),
            Entry(later, mood=3),
        ),
        follow_ups=(
            FollowUp("warning_sign", DAY, DISCUSSED, DAY + dt.timedelta(days=7), "Talked it over", True),
            FollowUp("serious_symptom", DAY, "to_raise", note=None, alerted=True),
            FollowUp("phq9", DAY + dt.timedelta(days=30), "open"),
        ),
        appointments=(
            Appointment(DAY + dt.timedelta(days=14), "Dr. Novak", "Bring the diary"),
            Appointment(DAY + dt.timedelta(days=14), None, None),
        ),
        questions=(
            Question("Can I use a retinol cream after?", DAY, DAY + dt.timedelta(days=14)),
            Question("Sun cream?", DAY + dt.timedelta(days=2)),
        ),
        weights=(Weighing(DAY, 64.5), Weighing(DAY + dt.timedelta(days=30), 63)),
        labs=(
            LabResult(DAY - dt.timedelta(days=5), "triglycerides", 1.6, "mmol/L", None, None, 1.7, "fasting"),
            LabResult(DAY - dt.timedelta(days=5), "alt", 0, "U/L"),
            LabResult(DAY - dt.timedelta(days=5), "other", 31.5, "ng/mL", "Vitamin D", 30, 100),
        ),
        pregnancy_tests=(
            PregnancyTest(DAY - dt.timedelta(days=3), "negative", "clinic"),
            PregnancyTest(DAY + dt.timedelta(days=30), "invalid", None),
        ),
        medicines=(
            Medicine("Doxycycline", "tetracycline", DAY - dt.timedelta(days=60), DAY - dt.timedelta(days=10)),
            Medicine("Vitamin A 10,000 IU", "vitamin_a", DAY, None, "Stopped? Ask"),
        ),
    )


def same_records(first: DiaryDocument, second: DiaryDocument) -> None:
    """The same records in every section, whatever their order in the file."""
    assert first.preferences == second.preferences
    assert first.preference_keys == second.preference_keys
    for section in SECTIONS:
        mine, theirs = getattr(first, section), getattr(second, section)
        assert len(mine) == len(theirs), section
        assert all(record in theirs for record in mine), section
    assert first.routine == second.routine and first.custom_side_effects == second.custom_side_effects


def test_a_diary_holding_every_section_comes_back_whole() -> None:
    document = every_section()
    text = document_to_json(document, NOW)
    again = document_from_json(text, "diary.json")
    same_records(again, document)
    assert document_to_json(again, NOW) == text


def test_the_writer_gives_the_same_text_whatever_the_order_of_records() -> None:
    document = every_section()
    backwards = DiaryDocument(
        preferences=document.preferences,
        routine=document.routine,
        custom_side_effects=document.custom_side_effects,
        **{
            section: tuple(reversed(getattr(document, section)))
            for section in SECTIONS
            if section not in ("routine", "custom_side_effects")
        },
    )
    assert document_to_json(backwards, NOW) == document_to_json(document, NOW)


def test_a_document_without_preferences_is_written_without_them() -> None:
    text = document_to_json(DiaryDocument(entries=(Entry(DAY, mood=5),)), NOW)
    assert '"preferences"' not in text
    assert document_from_json(text, "x.json").preferences is None


def test_shifted_moves_every_dated_record_of_every_section() -> None:
    document = every_section()
    moved = shifted(document, 10)
    step = dt.timedelta(days=10)

    def days(value: Any) -> list[dt.date]:
        found: list[dt.date] = []
        if isinstance(value, dt.date):
            found.append(value)
        elif isinstance(value, tuple):
            for item in value:
                found.extend(days(item))
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                found.extend(days(getattr(value, name)))
        return found

    for section in SECTIONS:
        before, after = days(getattr(document, section)), days(getattr(moved, section))
        assert after == [day + step for day in before], section
    assert moved.preferences == document.preferences


# Random valid diaries ---------------------------------------------------------------------

dates = st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31))
plain_text = st.characters(exclude_categories=("Cs", "Cc"))
labels = st.text(plain_text, min_size=1, max_size=20).filter(lambda text: bool(text.strip()))
notes = st.none() | st.text(st.one_of(plain_text, st.sampled_from("\n\t=+-@'")), max_size=30)
keys = st.text(string.ascii_lowercase + string.digits + "_-.", min_size=1, max_size=12)


def numbers(scale: scales.Scale) -> st.SearchStrategy[Any]:
    whole = st.integers(int(scale.low), int(scale.high))
    if scale.whole_numbers:
        return whole
    return whole | st.floats(scale.low, scale.high, allow_nan=False, allow_infinity=False)


@st.composite
def entries(draw: st.DrawFn, day: dt.date, steps: list[str], own_effects: list[str]) -> Entry:
    values: dict[str, Any] = {"date": day}
    for field in fields.ENTRY_FIELDS:
        if draw(st.booleans()):
            continue  # not logged
        if field.kind == fields.NUMBER:
            assert field.scale is not None
            values[field.name] = draw(numbers(field.scale))
        elif field.kind == fields.KEYS:
            if field.vocabulary is not None:
                choices = list(field.vocabulary)
            elif field.name == "skincare":
                choices = steps
            else:
                choices = [*scales.SIDE_EFFECTS, *own_effects]
            values[field.name] = (
                tuple(draw(st.lists(st.sampled_from(choices), unique=True))) if choices else ()
            )
        elif field.kind == fields.ANSWERS:
            values[field.name] = tuple(draw(st.lists(st.integers(0, 3), min_size=9, max_size=9)))
        else:
            values[field.name] = draw(notes)
    return Entry(**values)


@st.composite
def documents(draw: st.DrawFn) -> DiaryDocument:
    steps = draw(st.lists(keys, unique=True, max_size=4))
    own = [key for key in draw(st.lists(keys, unique=True, max_size=3)) if key not in scales.SIDE_EFFECTS]
    days = sorted(draw(st.sets(dates, max_size=6)))
    start = draw(dates.filter(lambda day: day <= dt.date(2099, 6, 1)))
    course = Course(
        start,
        planned_weeks=draw(st.none() | st.integers(1, 260)),
        weight_kg=draw(st.none() | numbers(scales.WEIGHT_KG)),
        target_mg_per_kg=draw(st.none() | numbers(scales.TARGET_MG_PER_KG)),
        doses=tuple(
            DoseChange(start + dt.timedelta(days=offset), draw(numbers(scales.MG_PER_DAY)))
            for offset in sorted(draw(st.sets(st.integers(0, 100), max_size=3)))
        ),
        end_date=draw(st.none() | st.just(start + dt.timedelta(days=100))),
        pregnancy_prevention=draw(st.booleans()),
    )
    follow_ups = {}
    for rule, day in draw(
        st.sets(st.tuples(st.sampled_from(["warning_sign", "phq9", "serious_symptom"]), dates), max_size=3)
    ):
        state = draw(st.sampled_from(STATES))
        follow_ups[rule, day] = FollowUp(
            rule, day, state, day if state == DISCUSSED else None, draw(notes), draw(st.booleans())
        )
    lab_tests = st.sampled_from([key for key in scales.LAB_TESTS if key != scales.OTHER_LAB])
    labs = {}
    for day, test in draw(st.sets(st.tuples(dates, lab_tests), max_size=3)):
        unit = draw(st.sampled_from(scales.LAB_TESTS[test].units))
        labs[day, test] = LabResult(day, test, draw(numbers(scales.LAB_VALUE)), unit, note=draw(notes))
    appointments = {
        (day, who): Appointment(day, who, draw(notes))
        for day, who in draw(st.sets(st.tuples(dates, st.none() | labels), max_size=3))
    }
    return DiaryDocument(
        preferences=draw(
            st.none()
            | st.builds(
                Preferences,
                name=st.text(plain_text, max_size=10),
                appearance=st.sampled_from(["system", "light", "dark"]),
                paper_size=st.sampled_from(["auto", "A4", "Letter"]),
                reminder_time=st.sampled_from(["", "07:05", "23:59"]),
                remind_tests=st.booleans(),
            )
        ),
        courses=(course,),
        routine=tuple(RoutineStep(key, draw(labels), draw(st.booleans())) for key in steps),
        custom_side_effects=tuple(CustomSideEffect(key, draw(labels), draw(st.booleans())) for key in own),
        entries=tuple(draw(entries(day, steps, own)) for day in days),
        follow_ups=tuple(follow_ups.values()),
        appointments=tuple(appointments.values()),
        questions=tuple(
            Question(text, day, draw(st.none() | dates))
            for text, day in draw(st.sets(st.tuples(labels, dates), max_size=2))
        ),
        weights=tuple(
            Weighing(day, draw(numbers(scales.WEIGHT_KG))) for day in draw(st.sets(dates, max_size=3))
        ),
        labs=tuple(labs.values()),
        pregnancy_tests=tuple(
            PregnancyTest(
                day,
                draw(st.sampled_from(scales.PREGNANCY_RESULTS)),
                draw(st.none() | st.sampled_from(scales.PREGNANCY_TEST_PLACES)),
            )
            for day in draw(st.sets(dates, max_size=2))
        ),
        medicines=tuple(
            Medicine(name, draw(st.sampled_from(list(scales.MEDICINE_KINDS))), day, None, draw(notes))
            for name, day in draw(st.sets(st.tuples(labels, dates), max_size=2))
        ),
    )


@settings(max_examples=60, deadline=None)
@given(document=documents())
def test_random_valid_diaries_come_back_whole(document: DiaryDocument) -> None:
    text = document_to_json(document, NOW)
    again = document_from_json(text, "random.json")
    same_records(again, document)
    assert document_to_json(again, NOW) == text


@settings(max_examples=40, deadline=None)
@given(document=documents())
def test_random_entries_come_back_from_csv(document: DiaryDocument) -> None:
    steps = [step.key for step in document.routine]
    own = [effect.key for effect in document.custom_side_effects]
    text = entries_to_csv(document.entries)
    again = entries_from_csv(text, "random.csv", steps, own)
    lists = [field.name for field in fields.ENTRY_FIELDS if field.kind == fields.KEYS]
    expected = [
        entry.changed(**{name: None for name in lists if getattr(entry, name) == ()})
        for entry in document.entries
    ]
    assert list(again) == expected
    assert entries_to_csv(again) == text


def test_the_readers_take_the_diarys_keys_by_the_agreed_names() -> None:
    # The store calls the readers with these keywords (store/importing.py).
    text = entries_to_csv([Entry(DAY, skincare=("retinol",), side_effects=("itch",))])
    (entry,) = entries_from_csv(
        text, "x.csv", known_routine_keys=("retinol",), known_side_effect_keys=("itch",)
    )
    assert entry.side_effects == ("itch",)
    document = document_from_json(
        document_to_json(DiaryDocument(entries=(entry,)), NOW),
        "x.json",
        known_routine_keys=("retinol",),
        known_side_effect_keys=("itch",),
    )
    assert document.entries == (entry,)


def test_text_an_older_diary_may_hold_is_written_so_that_it_reads_back() -> None:
    # Before version 2 nothing kept control characters or "\r" out of notes and labels.
    document = DiaryDocument(
        routine=(RoutineStep("spf", "Sun\x07screen"),),
        entries=(Entry(DAY, note="Windows\r\nline\rends, a bell\x07 and a tab\t"),),
        medicines=(Medicine("Dox\x1bycycline", "tetracycline", DAY, note="a\r\nb"),),
    )
    again = document_from_json(document_to_json(document, NOW), "old.json")
    assert again.routine[0].label == "Sunscreen"
    assert again.entries[0].note == "Windows\nline\nends, a bell and a tab\t"
    assert (again.medicines[0].name, again.medicines[0].note) == ("Doxycycline", "a\nb")
    assert document_to_json(again, NOW) == document_to_json(document, NOW)
