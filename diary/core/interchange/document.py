"""What an interchange file holds, and the error that says exactly where a file is wrong."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from diary.core.course import Course
from diary.core.entry import Entry
from diary.core.routine import RoutineStep

# The newest interchange version this program reads and the one it writes.
FORMAT_VERSION = 1


@dataclass(frozen=True)
class DiaryDocument:
    """A whole diary or part of one, as read from or written to a file."""

    courses: tuple[Course, ...] = ()
    routine: tuple[RoutineStep, ...] = ()
    entries: tuple[Entry, ...] = ()


class InterchangeError(ValueError):
    """A file that cannot be imported: names the file, the place in it and the field."""

    def __init__(self, source: str, where: str | None, field: str | None, message: str) -> None:
        self.source = source
        self.where = where
        self.field = field
        self.message = message
        parts = [source, where, field, message]
        super().__init__(": ".join(part for part in parts if part))


def shifted(document: DiaryDocument, days: int) -> DiaryDocument:
    """The same diary moved `days` later in the calendar (for the demo, which ends yesterday)."""
    step = dt.timedelta(days=days)
    courses = tuple(
        replace(
            course,
            start_date=course.start_date + step,
            end_date=None if course.end_date is None else course.end_date + step,
            doses=tuple(replace(change, starts=change.starts + step) for change in course.doses),
        )
        for course in document.courses
    )
    entries = tuple(replace(entry, date=entry.date + step) for entry in document.entries)
    return DiaryDocument(courses=courses, routine=document.routine, entries=entries)
