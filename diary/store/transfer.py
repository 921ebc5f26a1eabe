"""Importing and exporting interchange files (shared/spec/interchange.md) into and out of a diary."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from diary.core.course import overlapping_courses
from diary.core.interchange import (
    DiaryDocument,
    InterchangeError,
    document_from_json,
    document_to_json,
    entries_from_csv,
    entries_to_csv,
)
from diary.store.diary import Diary
from diary.store.files import write_private
from diary.store.models import CourseRow, EntryRow, RoutineStepRow
from diary.store.rows import course_from_row, fill_course_row
from diary.store.writes import upsert_entries

FORMATS = ("json", "csv")


class ImportConflict(ValueError):
    """Days the file and the diary both hold; nothing was imported."""

    def __init__(self, source: str, dates: list[dt.date]) -> None:
        self.source = source
        self.dates = dates
        shown = ", ".join(day.isoformat() for day in dates[:10])
        more = f" and {len(dates) - 10} more" if len(dates) > 10 else ""
        days = "1 day is" if len(dates) == 1 else f"{len(dates)} days are"
        super().__init__(f"{source}: {days} already in the diary: {shown}{more}. Nothing was imported.")


@dataclass(frozen=True)
class ImportSummary:
    entries_added: int = 0
    entries_replaced: int = 0
    courses_added: int = 0
    courses_replaced: int = 0
    steps_added: int = 0

    def describe(self) -> str:
        parts = [_count(self.entries_added, "new day")]
        if self.entries_replaced:
            parts.append(_count(self.entries_replaced, "day") + " replaced")
        if self.courses_added:
            parts.append(_count(self.courses_added, "new course"))
        if self.courses_replaced:
            parts.append(_count(self.courses_replaced, "course") + " updated")
        if self.steps_added:
            parts.append(_count(self.steps_added, "new routine step"))
        return "Imported " + ", ".join(parts) + "."


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def format_of(path: Path, given: str | None = None) -> str:
    """The interchange format named, or the one the file's extension implies."""
    chosen = (given or path.suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        raise InterchangeError(
            str(path), None, None, "unknown kind of file: use a .json or .csv file (or --format)"
        )
    return chosen


def read_document(diary: Diary, path: Path) -> DiaryDocument:
    """Read and check a whole file against the diary's routine; raises InterchangeError."""
    source = str(path)
    kind = format_of(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InterchangeError(source, None, None, "is not UTF-8 text") from None
    except OSError as error:
        raise InterchangeError(source, None, None, f"cannot be read ({error.strerror})") from None
    known_steps = [step.key for step in diary.routine(include_retired=True)]
    if kind == "json":
        return document_from_json(text, source, known_steps)
    return DiaryDocument(entries=entries_from_csv(text, source, known_steps))


def import_file(diary: Diary, path: Path, replace: bool = False) -> ImportSummary:
    """Import a JSON or CSV file whole, or nothing of it."""
    return import_document(diary, read_document(diary, path), str(path), replace)


def import_document(
    diary: Diary, document: DiaryDocument, source: str, replace: bool = False
) -> ImportSummary:
    """Add a document to the diary in one transaction, following the spec's merge rules.

    A day both hold is refused (ImportConflict) unless `replace`, which replaces those
    days whole. A course with a known start date is the same course: its settings change
    only with `replace`. Courses may not overlap. New routine steps are added; a known
    step keeps the diary's label.
    """
    with diary.writing() as session:
        dates = sorted(entry.date for entry in document.entries)
        present: set[dt.date] = set()
        if dates:
            present = set(
                session.scalars(
                    select(EntryRow.date).where(EntryRow.date >= dates[0], EntryRow.date <= dates[-1])
                )
            )
        conflicts = [day for day in dates if day in present]
        if conflicts and not replace:
            raise ImportConflict(source, conflicts)

        rows = {row.start_date: row for row in session.scalars(select(CourseRow))}
        added = replaced = 0
        for course in document.courses:
            row = rows.get(course.start_date)
            if row is None:
                row = CourseRow()
                session.add(row)
                rows[course.start_date] = row
                added += 1
            elif replace:
                replaced += 1
            else:
                continue
            fill_course_row(row, course)
        clash = overlapping_courses([course_from_row(row) for row in rows.values()])
        if clash is not None:
            first, second = clash
            raise InterchangeError(
                source,
                "courses",
                None,
                f"the course starting {first.start_date} would overlap the course starting "
                f"{second.start_date}. Nothing was imported",
            )

        steps = {row.key: row for row in session.scalars(select(RoutineStepRow))}
        position = max((row.position for row in steps.values()), default=-1)
        new_steps = 0
        for step in document.routine:
            if step.key not in steps:
                position += 1
                new_steps += 1
                steps[step.key] = RoutineStepRow(
                    key=step.key, label=step.label, position=position, active=True
                )
                session.add(steps[step.key])
        session.flush()
        upsert_entries(session, list(document.entries))
    return ImportSummary(
        entries_added=len(dates) - len(conflicts),
        entries_replaced=len(conflicts),
        courses_added=added,
        courses_replaced=replaced,
        steps_added=new_steps,
    )


def whole_document(diary: Diary) -> DiaryDocument:
    return DiaryDocument(
        courses=tuple(diary.courses()),
        routine=tuple(diary.routine(include_retired=True)),
        entries=tuple(diary.entries()),
    )


def render(document: DiaryDocument, kind: str, now: dt.datetime | None = None) -> str:
    """The text of an export in `kind` ("json" or "csv")."""
    if kind == "csv":
        return entries_to_csv(document.entries)
    return document_to_json(document, now or dt.datetime.now(dt.UTC))


def export_file(diary: Diary, path: Path, kind: str | None = None) -> int:
    """Write the whole diary to `path` (owner-only, atomically); returns the number of days."""
    chosen = format_of(path, kind)
    document = whole_document(diary)
    write_private(path, render(document, chosen).encode("utf-8"))
    return len(document.entries)
