"""Writing the core's objects through SQLAlchemy: each function runs inside the caller's transaction.

Imported on the first write (see diary.store.reads for why reads do without it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, cast

from sqlalchemy import Table, delete, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from diary.core.appointments import Appointment, Question
from diary.core.course import Course, CourseClash, overlapping_courses
from diary.core.entry import Entry
from diary.core.follow_up import FollowUp
from diary.core.routine import RoutineStep
from diary.store.models import (
    AppointmentRow,
    CourseRow,
    EntryRow,
    FlagFollowUpRow,
    QuestionRow,
    RoutineStepRow,
    SettingRow,
)
from diary.store.rows import course_from_row, entry_values, fill_course_row


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def upsert_entries(session: Session, entries: Sequence[Entry]) -> None:
    """Insert the days, replacing whole any that are already there."""
    if not entries:
        return
    saved_at = _now()
    rows = [entry_values(entry, saved_at) for entry in entries]
    statement = insert(cast(Table, EntryRow.__table__))  # a declarative class's table is a Table
    columns = {name: statement.excluded[name] for name in rows[0] if name != "date"}
    upsert = statement.on_conflict_do_update(index_elements=["date"], set_=columns)
    session.connection().execute(upsert, rows)


def save_entry(session: Session, entry: Entry) -> None:
    """Store the day whole. A day with nothing logged is removed, not kept as an empty row."""
    if entry.is_empty():
        delete_entry(session, entry.date)
    else:
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


def save_routine(session: Session, steps: Sequence[RoutineStep]) -> None:
    rows = {row.key: row for row in session.scalars(select(RoutineStepRow))}
    for position, step in enumerate(steps):
        row = rows.pop(step.key, None) or RoutineStepRow(key=step.key)
        row.label, row.position, row.active = step.label, position, True
        session.add(row)
    for position, row in enumerate(rows.values(), start=len(steps)):
        row.active, row.position = False, position


def set_setting(session: Session, key: str, value: Any) -> None:
    session.merge(SettingRow(key=key, value=value))


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
