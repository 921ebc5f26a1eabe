"""An open diary file: loading and saving the core's objects, each call one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, func, select, text
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.exc import DatabaseError, IntegrityError, ProgrammingError
from sqlalchemy.orm import Session, selectinload

from diary.core.appointments import Appointment, Question
from diary.core.course import Course, overlapping_courses
from diary.core.entry import Entry
from diary.core.follow_up import FollowUp
from diary.core.preferences import Preferences
from diary.core.routine import RoutineStep
from diary.store import database, migrations
from diary.store.models import (
    AppointmentRow,
    CourseRow,
    EntryRow,
    FlagFollowUpRow,
    QuestionRow,
    RoutineStepRow,
    SettingRow,
)
from diary.store.rows import (
    ENTRY_COLUMNS,
    course_from_row,
    entry_from_row,
    entry_values,
    fill_course_row,
    step_from_row,
)

# Preferences share the settings table with remembered things, under their own prefix.
_PREFERENCE = "preference."


class CourseClash(ValueError):
    """A course whose dates overlap another one."""


class Diary:
    """The person's diary file.

    Every public method is a whole transaction: it is either stored completely or not
    at all, and a method that returns has had its data flushed to disk.
    """

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self._engine = engine
        self._writer = engine.execution_options(sqlite_begin="IMMEDIATE")

    @classmethod
    def open(cls, path: Path | str) -> Diary:
        """Open (creating or upgrading as needed) the diary at `path`. Raises DiaryUnavailable."""
        path = Path(path).expanduser()
        return cls(path, database.prepare(path))

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Diary:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._explained(), Session(self._engine) as session:
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session whose work is committed at the end, or rolled back whole on any error."""
        with self._explained(), Session(self._writer) as session, session.begin():
            yield session

    @contextmanager
    def _explained(self) -> Iterator[None]:
        try:
            yield
        except DatabaseError as error:
            if isinstance(error, IntegrityError | ProgrammingError):
                raise  # a mistake in the program, not a problem with the file
            raise database.DiaryUnavailable(database.explain_sqlite_error(self.path, error.orig)) from error

    # Entries -------------------------------------------------------------------------

    def entry(self, day: dt.date) -> Entry | None:
        with self.reading() as session:
            row = session.execute(select(*ENTRY_COLUMNS).where(EntryRow.date == day)).first()
        return None if row is None else entry_from_row(row)

    def entries(self, start: dt.date | None = None, end: dt.date | None = None) -> list[Entry]:
        """Entries in date order, between `start` and `end` inclusive when given."""
        query = select(*ENTRY_COLUMNS).order_by(EntryRow.date)
        if start is not None:
            query = query.where(EntryRow.date >= start)
        if end is not None:
            query = query.where(EntryRow.date <= end)
        with self.reading() as session:
            return [entry_from_row(row) for row in session.execute(query)]

    def logged_days(self, start: dt.date, end: dt.date) -> set[dt.date]:
        query = select(EntryRow.date).where(EntryRow.date >= start, EntryRow.date <= end)
        with self.reading() as session:
            return set(session.scalars(query))

    def last_phq9_day(self, on_or_before: dt.date) -> dt.date | None:
        """The last day with a PHQ-9 check-in, up to `on_or_before`."""
        query = select(func.max(EntryRow.date)).where(
            EntryRow.phq9.is_not(None), EntryRow.date <= on_or_before
        )
        with self.reading() as session:
            return session.scalar(query)

    def save_entry(self, entry: Entry) -> None:
        """Store the day whole. A day with nothing logged is removed, not kept as an empty row."""
        with self.writing() as session:
            if entry.is_empty():
                session.execute(delete(EntryRow).where(EntryRow.date == entry.date))
            else:
                upsert_entries(session, [entry])

    def delete_entry(self, day: dt.date) -> None:
        with self.writing() as session:
            session.execute(delete(EntryRow).where(EntryRow.date == day))

    # Courses -------------------------------------------------------------------------

    def courses(self) -> list[Course]:
        with self.reading() as session:
            rows = session.scalars(
                select(CourseRow).options(selectinload(CourseRow.doses)).order_by(CourseRow.start_date)
            )
            return [course_from_row(row) for row in rows]

    def save_course(self, course: Course, previous_start: dt.date | None = None) -> None:
        """Add a course, or change the one that started on `previous_start`.

        Raises CourseClash when the course would overlap another one.
        """
        with self.writing() as session:
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

    def delete_course(self, start: dt.date) -> None:
        """Forget a course's settings. Its days stay in the diary."""
        with self.writing() as session:
            row = session.scalar(select(CourseRow).where(CourseRow.start_date == start))
            if row is not None:
                session.delete(row)

    # Routine -------------------------------------------------------------------------

    def routine(self, include_retired: bool = False) -> list[RoutineStep]:
        query = select(RoutineStepRow).order_by(RoutineStepRow.position)
        if not include_retired:
            query = query.where(RoutineStepRow.active.is_(True))
        with self.reading() as session:
            return [step_from_row(row) for row in session.scalars(query)]

    def save_routine(self, steps: Sequence[RoutineStep]) -> None:
        """Make `steps` the routine, in this order. Steps left out are retired, not forgotten,
        so the days that ticked them keep their meaning."""
        with self.writing() as session:
            rows = {row.key: row for row in session.scalars(select(RoutineStepRow))}
            for position, step in enumerate(steps):
                row = rows.pop(step.key, None) or RoutineStepRow(key=step.key)
                row.label, row.position, row.active = step.label, position, True
                session.add(row)
            for position, row in enumerate(rows.values(), start=len(steps)):
                row.active, row.position = False, position

    # Settings ------------------------------------------------------------------------

    def setting(self, key: str, default: Any = None) -> Any:
        with self.reading() as session:
            row = session.get(SettingRow, key)
            return default if row is None else row.value

    def set_setting(self, key: str, value: Any) -> None:
        with self.writing() as session:
            session.merge(SettingRow(key=key, value=value))

    def preferences(self) -> Preferences:
        with self.reading() as session:
            rows = session.scalars(select(SettingRow).where(SettingRow.key.like(f"{_PREFERENCE}%")))
            return Preferences.from_values({row.key.removeprefix(_PREFERENCE): row.value for row in rows})

    def save_preferences(self, preferences: Preferences) -> None:
        with self.writing() as session:
            for key, value in preferences.values().items():
                session.merge(SettingRow(key=_PREFERENCE + key, value=value))

    # Follow-ups on mood flags ----------------------------------------------------------

    def follow_ups(self) -> dict[tuple[str, dt.date], FollowUp]:
        with self.reading() as session:
            return {
                (row.rule, row.date): FollowUp(
                    row.rule, row.date, row.state, row.discussed_on, row.note, row.alerted
                )
                for row in session.scalars(select(FlagFollowUpRow))
            }

    def save_follow_up(self, follow_up: FollowUp) -> None:
        with self.writing() as session:
            session.merge(
                FlagFollowUpRow(
                    rule=follow_up.rule,
                    date=follow_up.date,
                    state=follow_up.state,
                    discussed_on=follow_up.discussed_on,
                    note=follow_up.note,
                    alerted=follow_up.alerted,
                    saved_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                )
            )

    # Appointments and questions ---------------------------------------------------------

    def appointments(self) -> list[Appointment]:
        with self.reading() as session:
            rows = session.scalars(select(AppointmentRow).order_by(AppointmentRow.day, AppointmentRow.id))
            return [Appointment(row.day, row.with_whom, row.note, row.id) for row in rows]

    def save_appointment(self, appointment: Appointment) -> Appointment:
        """Add (no id) or change an appointment; returns it with its id."""
        with self.writing() as session:
            row = session.get(AppointmentRow, appointment.id) if appointment.id is not None else None
            row = row or AppointmentRow()
            row.day, row.with_whom, row.note = appointment.day, appointment.with_whom, appointment.note
            session.add(row)
            session.flush()
            return replace(appointment, id=row.id)

    def delete_appointment(self, appointment_id: int) -> None:
        with self.writing() as session:
            session.execute(delete(AppointmentRow).where(AppointmentRow.id == appointment_id))

    def questions(self) -> list[Question]:
        with self.reading() as session:
            rows = session.scalars(select(QuestionRow).order_by(QuestionRow.added_on, QuestionRow.id))
            return [Question(row.text, row.added_on, row.asked_on, row.id) for row in rows]

    def save_question(self, question: Question) -> Question:
        with self.writing() as session:
            row = session.get(QuestionRow, question.id) if question.id is not None else None
            row = row or QuestionRow()
            row.text, row.added_on, row.asked_on = question.text, question.added_on, question.asked_on
            session.add(row)
            session.flush()
            return replace(question, id=row.id)

    def delete_question(self, question_id: int) -> None:
        with self.writing() as session:
            session.execute(delete(QuestionRow).where(QuestionRow.id == question_id))

    # The whole file --------------------------------------------------------------------

    def revision(self) -> str | None:
        with self._engine.connect() as connection:
            return migrations.current_revision(connection)

    def counts(self) -> dict[str, int]:
        with self.reading() as session:
            return {
                "entries": session.scalar(select(func.count()).select_from(EntryRow)) or 0,
                "courses": session.scalar(select(func.count()).select_from(CourseRow)) or 0,
                "routine steps": session.scalar(select(func.count()).select_from(RoutineStepRow)) or 0,
            }

    def integrity_problems(self) -> list[str]:
        """SQLite's own full check of the file; an empty list means it is sound."""
        with self.reading() as session:
            lines = [str(line) for line in session.execute(text("PRAGMA integrity_check")).scalars()]
            lines += [f"broken link in {row[0]}" for row in session.execute(text("PRAGMA foreign_key_check"))]
        return [] if lines == ["ok"] else [line for line in lines if line != "ok"]


def upsert_entries(session: Session, entries: Sequence[Entry]) -> None:
    """Insert the days, replacing whole any that are already there."""
    if not entries:
        return
    saved_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows = [entry_values(entry, saved_at) for entry in entries]
    statement = insert(EntryRow.__table__)
    columns = {name: statement.excluded[name] for name in rows[0] if name != "date"}
    upsert = statement.on_conflict_do_update(index_elements=["date"], set_=columns)
    session.connection().execute(upsert, rows)
