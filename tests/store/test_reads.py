"""The plain-SQL reads agree with SQLAlchemy's reading of the same tables, value for value.

Reads go through the standard library so the window opens without SQLAlchemy; the models
still describe the tables. Reading one diary both ways catches any drift between them.
"""

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlcipher3 import dbapi2 as sqlite3  # the one SQLite library (issue 25)

from diary.core.appointments import Appointment, Question
from diary.core.course import Course, DoseChange
from diary.core.entry import Entry
from diary.core.fields import ENTRY_FIELDS, EntryField
from diary.core.follow_up import DISCUSSED, FollowUp
from diary.core.records import CustomSideEffect, LabResult, Medicine, PregnancyTest, Weighing
from diary.core.routine import DEFAULT_ROUTINE, RoutineStep
from diary.store.diary import Diary
from diary.store.engine import create_diary_engine
from diary.store.models import (
    AppointmentRow,
    CourseRow,
    CustomSideEffectRow,
    EntryRow,
    FlagFollowUpRow,
    LabResultRow,
    MedicineRow,
    PregnancyTestRow,
    QuestionRow,
    RoutineStepRow,
    SettingRow,
    WeighingRow,
)
from diary.store.rows import course_from_row, step_from_row
from tests.helpers.diaries import START, full_entry, sample_course, sample_entries
from tests.store.full_diary import LABS, MEDICINES, SIDE_EFFECTS, TESTS, WEIGHTS


def fill(diary: Diary) -> None:
    diary.save_routine([*DEFAULT_ROUTINE, RoutineStep("serum", "Serum")])
    diary.save_routine(list(DEFAULT_ROUTINE))  # the serum is retired
    for entry in sample_entries():
        diary.save_entry(entry)
    diary.save_entry(full_entry(START + dt.timedelta(days=30)).changed(skincare=("serum",), dose_mg=0))
    diary.save_entry(
        Entry(START + dt.timedelta(days=31), note="only a note ✓ “quoted”", serious_symptoms=("liver_signs",))
    )
    diary.save_entry(Entry(START + dt.timedelta(days=32), serious_symptoms=()))
    diary.save_course(sample_course(end_date=dt.date(2026, 7, 1)))
    diary.save_course(Course(dt.date(2026, 9, 1), None, None, None, (DoseChange(dt.date(2026, 9, 1), 22.5),)))
    for key, value in {
        "a number": 5,
        "a float": 1.5,
        "text": "x",
        "true": True,
        "nothing": None,
        "list": [1],
    }.items():
        diary.set_setting(key, value)
    diary.save_follow_up(FollowUp("phq9", START, DISCUSSED, discussed_on=START, note="n", alerted=True))
    diary.save_follow_up(FollowUp("low_mood_run", START))
    diary.save_appointment(Appointment(START, "Dr. N", None))
    diary.save_question(Question("Why?", START, START))
    diary.save_question(Question("When?", START))
    for weighing in WEIGHTS:
        diary.save_weighing(weighing)
    for result in LABS:
        diary.save_lab_result(result)
    for test in TESTS:
        diary.save_pregnancy_test(test)
    for medicine in MEDICINES:
        diary.save_medicine(medicine)
    diary.save_custom_side_effects(SIDE_EFFECTS)


def test_every_read_agrees_with_the_models(diary_path: Path) -> None:
    with Diary.open(diary_path) as diary:
        fill(diary)
        engine = create_diary_engine(diary_path)
        with Session(engine) as session:
            entries = [_entry(row) for row in session.scalars(select(EntryRow).order_by(EntryRow.date))]
            courses = [
                course_from_row(row)
                for row in session.scalars(
                    select(CourseRow).options(selectinload(CourseRow.doses)).order_by(CourseRow.start_date)
                )
            ]
            steps = [
                step_from_row(row) for row in session.scalars(select(RoutineStepRow).order_by("position"))
            ]
            settings = {row.key: row.value for row in session.scalars(select(SettingRow))}
            follow_ups = {
                (row.rule, row.date): FollowUp(
                    row.rule, row.date, row.state, row.discussed_on, row.note, row.alerted
                )
                for row in session.scalars(select(FlagFollowUpRow))
            }
            appointments = [
                Appointment(row.day, row.with_whom, row.note, row.id)
                for row in session.scalars(select(AppointmentRow))
            ]
            questions = [
                Question(row.text, row.added_on, row.asked_on, row.id)
                for row in session.scalars(select(QuestionRow))
            ]
            weights = [Weighing(row.date, row.kg) for row in session.scalars(select(WeighingRow))]
            labs = [
                LabResult(
                    row.date,
                    row.test,
                    row.value,
                    row.unit,
                    row.label or None,
                    row.reference_low,
                    row.reference_high,
                    row.note,
                )
                for row in session.scalars(select(LabResultRow))
            ]
            tests = [
                PregnancyTest(row.date, row.result, row.place)
                for row in session.scalars(select(PregnancyTestRow))
            ]
            medicines = [
                Medicine(row.name, row.kind, row.starts, row.ends, row.note)
                for row in session.scalars(select(MedicineRow))
            ]
            effects = [
                CustomSideEffect(row.key, row.label, row.active, row.added_on, row.retired_on)
                for row in session.scalars(select(CustomSideEffectRow).order_by("position"))
            ]
        engine.dispose()

        assert diary.entries() == entries and len(entries) == len(sample_entries()) + 3
        assert [entry.serious_symptoms for entry in entries[-2:]] == [("liver_signs",), ()]
        assert diary.entries(START + dt.timedelta(days=2), START + dt.timedelta(days=5)) == entries[2:5]
        assert [diary.entry(entry.date) for entry in entries] == entries
        assert diary.courses() == courses and len(courses) == 2
        assert diary.routine(include_retired=True) == steps
        assert diary.routine() == [step for step in steps if step.active]
        assert {key: diary.setting(key) for key in settings} == settings
        assert diary.setting("never stored", "default") == "default"
        assert diary.follow_ups() == follow_ups
        assert diary.appointments() == appointments
        assert diary.questions() == questions
        assert diary.weights() == sorted(weights, key=lambda w: w.date) == WEIGHTS
        assert diary.lab_results() == sorted(labs, key=lambda r: (r.date, r.test, r.label or ""))
        assert sorted(labs, key=str) == sorted(LABS, key=str)
        assert diary.pregnancy_tests() == tests == TESTS
        assert diary.medicines() == sorted(medicines, key=lambda m: (m.starts, m.name))
        assert sorted(medicines, key=str) == sorted(MEDICINES, key=str)
        assert diary.custom_side_effects() == effects == SIDE_EFFECTS
        assert diary.logged_days(START, START + dt.timedelta(days=40)) == {entry.date for entry in entries}
        assert diary.last_phq9_day(START + dt.timedelta(days=40)) == START + dt.timedelta(days=30)


def _entry(row: EntryRow) -> Entry:
    """Through SQLAlchemy's own reading of the row: only the field names are shared."""

    def value(field: EntryField) -> object:
        stored = getattr(row, field.name)
        return tuple(stored) if isinstance(stored, list) else stored

    return Entry(row.date, **{field.name: value(field) for field in ENTRY_FIELDS})  # type: ignore[arg-type]


def test_reads_see_every_write_at_once(diary: Diary) -> None:
    assert diary.entry(START) is None
    diary.save_entry(Entry(START, mood=4))
    assert diary.entry(START) == Entry(START, mood=4)
    diary.delete_entry(START)
    assert diary.entry(START) is None


def test_the_reading_connection_cannot_write(diary: Diary) -> None:
    with pytest.raises(sqlite3.OperationalError, match=r"readonly|read-only|query_only"):
        diary._reader.execute("DELETE FROM entries")


def test_mood_entries_hold_what_the_flags_need_and_give_the_same_flags(diary_path: Path) -> None:
    from diary.core.flags import mood_flags

    with Diary.open(diary_path) as diary:
        fill(diary)
        for offset, mood in enumerate((2, 1, 3, 0)):
            diary.save_entry(Entry(START + dt.timedelta(days=40 + offset), mood=mood, lips=5))
        full, light = diary.entries(), diary.mood_entries()
        courses = diary.courses()
        assert mood_flags(light, courses) == mood_flags(full, courses)
        assert len(mood_flags(light, courses)) >= 3
        assert all(entry.lips is None and entry.note is None for entry in light)

        def read(e: Entry) -> tuple[object, ...]:
            return (e.mood, e.warning_signs, e.serious_symptoms, e.phq9)

        expected = [e for e in full if read(e) != (None, None, None, None)]
        assert [(e.date, *read(e)) for e in light] == [(e.date, *read(e)) for e in expected]
