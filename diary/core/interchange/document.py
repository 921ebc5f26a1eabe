"""What an interchange file holds, and the error that says exactly where a file is wrong."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from diary.core.appointments import Appointment, Question
from diary.core.course import Course
from diary.core.entry import Entry
from diary.core.follow_up import FollowUp
from diary.core.preferences import Preferences
from diary.core.records import CustomSideEffect, LabResult, Medicine, PregnancyTest, Weighing
from diary.core.routine import RoutineStep

# The newest interchange version this program reads and the one it writes.
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)


@dataclass(frozen=True)
class DiaryDocument:
    """A whole diary or part of one, as read from or written to a file.

    `preferences` is None when the file holds none (a CSV, or a JSON file without the
    section): the diary then keeps its own. Every tuple is in the file's order; an
    absent section is empty.
    """

    courses: tuple[Course, ...] = ()
    routine: tuple[RoutineStep, ...] = ()
    entries: tuple[Entry, ...] = ()
    preferences: Preferences | None = None
    custom_side_effects: tuple[CustomSideEffect, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()
    appointments: tuple[Appointment, ...] = ()
    questions: tuple[Question, ...] = ()
    weights: tuple[Weighing, ...] = ()
    labs: tuple[LabResult, ...] = ()
    pregnancy_tests: tuple[PregnancyTest, ...] = ()
    medicines: tuple[Medicine, ...] = ()


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
    return replace(document, courses=courses, entries=entries)
