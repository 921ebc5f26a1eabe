"""Writing the core's objects through SQLAlchemy: each function runs inside the caller's transaction.

Imported on the first write (see diary.store.reads for why reads do without it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from diary.core.appointments import Appointment, Question
from diary.core.course import Course, CourseClash, overlapping_courses
from diary.core.entry import Entry
from diary.core.follow_up import FollowUp
from diary.core.preferences import Preferences
from diary.core.records import CustomSideEffect, LabResult, Medicine, PregnancyTest, Weighing
from diary.core.routine import RoutineStep
from diary.settings import PREFERENCE_PREFIX
from diary.store.models import (
    ENTRIES_TABLE,
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
from diary.store.rows import (
    course_from_row,
    custom_side_effect_row,
    entry_values,
    fill_course_row,
    lab_label,
    lab_result_row,
    medicine_row,
    pregnancy_test_row,
    weighing_row,
)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def upsert_entries(session: Session, entries: Sequence[Entry]) -> None:
    """Insert the days, replacing whole any that are already there. A day with nothing
    logged is removed instead: the diary keeps no empty rows."""
    empty = [entry.date for entry in entries if entry.is_empty()]
    if empty:
        session.execute(delete(EntryRow).where(EntryRow.date.in_(empty)))
    saved_at = _now()
    rows = [entry_values(entry, saved_at) for entry in entries if not entry.is_empty()]
    if not rows:
        return
    statement = insert(ENTRIES_TABLE)  # a Table, laid out from the field table
    columns = {name: statement.excluded[name] for name in rows[0] if name != "date"}
    upsert = statement.on_conflict_do_update(index_elements=["date"], set_=columns)
    session.connection().execute(upsert, rows)


def save_entry(session: Session, entry: Entry) -> None:
    """Store the day whole. A day with nothing logged is removed, not kept as an empty row."""
    upsert_entries(session, [entry])


def delete_entry(session: Session, day: dt.date) -> None:
    session.execute(delete(EntryRow).where(EntryRow.date == day))


def save_course(session: Session, course: Course, previous_start: dt.date | None) -> None:
    rows = {row.start_date: row for row in session.scalars(select(CourseRow))}
    row = None if previous_start is None else rows.pop(previous_start, None)
    others = [course_from_row(other) for other in rows.values()]
    if any(other.start_date == course.start_date for other in others):
        raise CourseClash(f"A course already starts on {course.start_date}.")
    clash = overlapping_courses([*others, course])
    if clash is not None:
        first, second = clash
        raise CourseClash(
            f"The course starting {first.start_date} overlaps the course starting "
            f"{second.start_date}. Give the earlier course an end date first."
        )
    if row is None:
        row = CourseRow()
        session.add(row)
    fill_course_row(row, course)


def delete_course(session: Session, start: dt.date) -> None:
    row = session.scalar(select(CourseRow).where(CourseRow.start_date == start))
    if row is not None:
        session.delete(row)


def save_routine(session: Session, steps: Sequence[RoutineStep], today: dt.date | None = None) -> None:
    """The person's routine, in this order; steps left out are retired. With `today` (the
    person's own edit), a step retired now gets `retired_on` today, and one added or offered
    again gets `added_on` today (interchange spec, version 3)."""
    rows = {row.key: row for row in session.scalars(select(RoutineStepRow))}
    since = _offered_since(session, today)
    for position, step in enumerate(steps):
        row = rows.pop(step.key, None)
        if row is None:
            row = RoutineStepRow(key=step.key, added_on=step.added_on or since)
        elif not row.active and today is not None:
            row.added_on, row.retired_on = since, None
        row.label, row.position, row.active = step.label, position, True
        session.add(row)
    for position, row in enumerate(rows.values(), start=len(steps)):
        if row.active:
            row.retired_on = today
        row.active, row.position = False, position


def set_routine(session: Session, steps: Sequence[RoutineStep]) -> None:
    """Make the routine exactly `steps`, in this order, each active or retired as it says,
    with its dates; steps left out are forgotten (only for a diary whose days name none)."""
    session.execute(delete(RoutineStepRow).where(RoutineStepRow.key.not_in([step.key for step in steps])))
    rows = {row.key: row for row in session.scalars(select(RoutineStepRow))}
    for position, step in enumerate(steps):
        row = rows.get(step.key) or RoutineStepRow(key=step.key)
        row.label, row.position, row.active = step.label, position, step.active
        row.added_on, row.retired_on = step.added_on, step.retired_on
        session.add(row)


def _offered_since(session: Session, today: dt.date | None) -> dt.date | None:
    """The `added_on` of a step or side effect offered today: None (there from the start)
    while no day before today is logged, so that a first start's routine is not "new"."""
    if today is None:
        return None
    earlier = session.scalar(select(EntryRow.date).where(EntryRow.date < today).limit(1))
    return today if earlier is not None else None


def set_setting(session: Session, key: str, value: Any) -> None:
    session.merge(SettingRow(key=key, value=value))


def save_preferences(session: Session, preferences: Preferences) -> None:
    """Store every preference, each under its key in the settings table."""
    for key, value in preferences.values().items():
        set_setting(session, PREFERENCE_PREFIX + key, value)


def save_follow_up(session: Session, follow_up: FollowUp) -> None:
    session.merge(
        FlagFollowUpRow(
            rule=follow_up.rule,
            date=follow_up.date,
            state=follow_up.state,
            discussed_on=follow_up.discussed_on,
            note=follow_up.note,
            alerted=follow_up.alerted,
            saved_at=_now(),
        )
    )


def save_appointment(session: Session, appointment: Appointment) -> Appointment:
    row = session.get(AppointmentRow, appointment.id) if appointment.id is not None else None
    row = row or AppointmentRow()
    row.day, row.with_whom, row.note = appointment.day, appointment.with_whom, appointment.note
    session.add(row)
    session.flush()
    return replace(appointment, id=row.id)


def delete_appointment(session: Session, appointment_id: int) -> None:
    session.execute(delete(AppointmentRow).where(AppointmentRow.id == appointment_id))


def save_question(session: Session, question: Question) -> Question:
    row = session.get(QuestionRow, question.id) if question.id is not None else None
    row = row or QuestionRow()
    row.text, row.added_on, row.asked_on = question.text, question.added_on, question.asked_on
    session.add(row)
    session.flush()
    return replace(question, id=row.id)


def delete_question(session: Session, question_id: int) -> None:
    session.execute(delete(QuestionRow).where(QuestionRow.id == question_id))


# The records of diary.core.records ---------------------------------------------------------


def save_weighing(session: Session, weighing: Weighing) -> None:
    session.merge(weighing_row(weighing))


def delete_weighing(session: Session, day: dt.date) -> None:
    session.execute(delete(WeighingRow).where(WeighingRow.date == day))


def save_lab_result(session: Session, result: LabResult, previous: LabResult | None) -> None:
    """Store a result, replacing the one of the same identity (date, test, label); with
    `previous`, that one is removed first (a result whose date, test or label changed)."""
    if previous is not None and previous.identity != result.identity:
        delete_lab_result(session, previous)
    session.merge(lab_result_row(result))


def delete_lab_result(session: Session, result: LabResult) -> None:
    session.execute(
        delete(LabResultRow).where(
            LabResultRow.date == result.date,
            LabResultRow.test == result.test,
            LabResultRow.label == lab_label(result),
        )
    )


def save_pregnancy_test(session: Session, test: PregnancyTest) -> None:
    session.merge(pregnancy_test_row(test))


def delete_pregnancy_test(session: Session, day: dt.date) -> None:
    session.execute(delete(PregnancyTestRow).where(PregnancyTestRow.date == day))


def save_medicine(session: Session, medicine: Medicine, previous: Medicine | None) -> None:
    """Store a medicine, replacing the one of the same identity (name, from); with
    `previous`, that one is removed first (a renamed medicine, or a new start date)."""
    if previous is not None and previous.identity != medicine.identity:
        delete_medicine(session, previous)
    session.merge(medicine_row(medicine))


def delete_medicine(session: Session, medicine: Medicine) -> None:
    session.execute(
        delete(MedicineRow).where(MedicineRow.name == medicine.name, MedicineRow.starts == medicine.starts)
    )


def save_custom_side_effects(
    session: Session, items: Sequence[CustomSideEffect], today: dt.date | None = None
) -> None:
    """Make `items` the person's side effects, in this order. Keys left out are retired,
    not forgotten, so the days that name them keep their meaning (as for the routine).
    Without `today` (an import) each item keeps the dates it carries; with it (the person's
    own edit) one retired now gets `retired_on` today and one added or offered again gets
    `added_on` today, while an unchanged one keeps its dates."""
    keys = [item.key for item in items]
    if len(set(keys)) != len(keys):
        raise ValueError("a side effect is listed twice")
    rows = {row.key: row for row in session.scalars(select(CustomSideEffectRow))}
    since = _offered_since(session, today)
    for position, item in enumerate(items):
        row = rows.pop(item.key, None)
        if row is None:
            new = item
            if today is not None and item.active:
                new = replace(item, added_on=item.added_on or since)
            elif today is not None:
                new = replace(item, retired_on=item.retired_on or today)
            session.add(custom_side_effect_row(new, position))
            continue
        if today is None:
            row.added_on, row.retired_on = item.added_on, item.retired_on
        elif row.active and not item.active:
            row.retired_on = item.retired_on or today
        elif not row.active and item.active:
            row.added_on, row.retired_on = since, None
        row.label, row.position, row.active = item.label, position, item.active
    for position, row in enumerate(sorted(rows.values(), key=lambda row: row.position), start=len(items)):
        if row.active and today is not None:
            row.retired_on = today
        row.active, row.position = False, position
