"""Importing an interchange file (shared/spec/interchange.md) into a diary: all or nothing.

The file is read and checked whole first; the merge rules (diary.core.interchange.merge)
then decide what to write, and it is written in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from diary.core.course import Course
from diary.core.interchange import (
    MAX_FILE_BYTES,
    DiaryDocument,
    InterchangeError,
    document_from_json,
    entries_from_csv,
)
from diary.core.interchange.file_kinds import format_of
from diary.core.interchange.import_messages import ImportSummary
from diary.core.interchange.merge import ImportPlan, plan_import
from diary.store import writes
from diary.store.diary import Diary
from diary.store.exporting import whole_document
from diary.store.files import check_regular
from diary.store.models import CourseRow
from diary.store.rows import fill_course_row


def read_document(diary: Diary, path: Path) -> DiaryDocument:
    """Read and check a whole file against the diary's routine and side effects; raises
    InterchangeError."""
    source = str(path)
    kind = format_of(path)
    try:
        check_regular(path)  # a FIFO or a device is refused at once: reading it could never end
        # Refused before it is read whole: a file over the format's limit (interchange spec).
        if path.is_file() and (size := path.stat().st_size) > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // 1024 // 1024
            why = f"is {size / 1024 / 1024:,.0f} MiB; files over {limit} MiB are refused"
            raise InterchangeError(source, None, None, why)
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InterchangeError(source, None, None, "is not UTF-8 text") from None
    except OSError as error:
        raise InterchangeError(source, None, None, f"cannot be read ({error.strerror})") from None
    known_steps = [step.key for step in diary.routine(include_retired=True)]
    known_effects = [item.key for item in diary.custom_side_effects()]
    if kind == "json":
        return document_from_json(text, source, known_steps, known_side_effect_keys=known_effects)
    entries = entries_from_csv(text, source, known_steps, known_side_effect_keys=known_effects)
    return DiaryDocument(entries=entries)


def import_file(diary: Diary, path: Path, replace: bool = False) -> ImportSummary:
    """Import a JSON or CSV file whole, or nothing of it."""
    document = read_document(diary, path)
    return import_document(diary, document, str(path), replace, from_csv=format_of(path) == "csv")


def import_document(
    diary: Diary,
    document: DiaryDocument,
    source: str,
    replace: bool = False,
    from_csv: bool = False,
) -> ImportSummary:
    """Merge a document into the diary in one transaction, by the spec's rules
    (diary.core.interchange.merge.plan_import says which): all of it, or nothing when it
    raises ImportConflict or InterchangeError."""
    with diary.writing() as session:
        session.connection()  # takes the write lock: what is read below cannot change
        empty = not diary.holds_records()
        plan = plan_import(
            document, whole_document(diary), source, empty=empty, replace=replace, from_csv=from_csv
        )
        _write(session, plan)
        return plan.summary


def _write(session: Session, plan: ImportPlan) -> None:
    """Everything is known to be sound: write it."""
    writes.set_routine(session, plan.routine)
    writes.save_custom_side_effects(session, plan.custom_side_effects)
    _write_courses(session, plan.courses)
    writes.upsert_entries(session, plan.entries)
    for follow_up in plan.follow_ups:
        writes.save_follow_up(session, follow_up)
    for appointment in plan.appointments:
        writes.save_appointment(session, appointment)
    for question in plan.questions:
        writes.save_question(session, question)
    for weighing in plan.weights:
        writes.save_weighing(session, weighing)
    for result in plan.labs:
        writes.save_lab_result(session, result, None)
    for test in plan.pregnancy_tests:
        writes.save_pregnancy_test(session, test)
    for medicine in plan.medicines:
        writes.save_medicine(session, medicine, None)
    if plan.preferences is not None:
        writes.save_preferences(session, plan.preferences)


def _write_courses(session: Session, courses: Sequence[Course]) -> None:
    rows = {row.start_date: row for row in session.scalars(select(CourseRow))}
    for course in courses:
        row = rows.get(course.start_date)
        if row is None:
            row = CourseRow()
            session.add(row)
        fill_course_row(row, course)
    session.flush()
