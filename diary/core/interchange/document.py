"""What an interchange file holds, and the error that says exactly where a file is wrong."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from diary.core.appointments import Appointment, Question
from diary.core.course import Course
from diary.core.entry import Entry
from diary.core.follow_up import FollowUp
from diary.core.photos import Photo
from diary.core.preferences import Preferences
from diary.core.records import CustomSideEffect, LabResult, Medicine, PregnancyTest, Weighing
from diary.core.routine import RoutineStep

# The interchange version this program writes, and the newest it reads: every version from
# 1 to it is read. A new version is this line, plus `since` on the fields it adds
# (diary.core.fields) and its own rules in the readers.
CURRENT_VERSION = 3
FORMAT_VERSION = CURRENT_VERSION  # the name the package has exported since version 1
READABLE_VERSIONS = tuple(range(1, CURRENT_VERSION + 1))

# The preferences the interchange format carries, in the order of the spec's example
# (shared/spec/interchange.md, `preferences`). What belongs to one computer is not here.
PREFERENCE_ORDER: tuple[str, ...] = (
    "name",
    "emergency_number",
    "crisis_line",
    "appearance",
    "paper_size",
    "reminder_time",
    "remind_phq9",
    "remind_appointments",
    "remind_tests",
)
PREFERENCE_KEYS: frozenset[str] = frozenset(PREFERENCE_ORDER)


@dataclass(frozen=True)
class DiaryDocument:
    """A whole diary or part of one, as read from or written to a file.

    `preferences` is None when the file holds none (a CSV, or a JSON file without the
    section): the diary then keeps its own. A file may give only some preferences:
    `preference_keys` names those it gives (the others are defaults here, and the diary
    keeps its own values for them: see `preferences_over`); it is every key when the
    document was built in code with whole preferences. Every tuple is in the file's
    order; an absent section is empty.
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
    preference_keys: frozenset[str] | None = None
    photos: tuple[Photo, ...] = ()

    def __post_init__(self) -> None:
        if self.preferences is None:
            keys: frozenset[str] = frozenset()
        elif self.preference_keys is None:
            keys = PREFERENCE_KEYS
        else:
            keys = frozenset(self.preference_keys)
        object.__setattr__(self, "preference_keys", keys)

    def preferences_over(self, current: Preferences) -> Preferences:
        """The diary's preferences with the ones this document gives taken from it."""
        if self.preferences is None:
            return current
        given = self.preference_keys or frozenset()
        return replace(current, **{key: getattr(self.preferences, key) for key in given})


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
    """The same diary moved `days` later in the calendar (for the demo, which ends yesterday):
    every dated record of every section moves."""
    step = dt.timedelta(days=days)

    def moved(day: dt.date | None) -> dt.date | None:
        return None if day is None else day + step

    def moved_day(day: dt.date) -> dt.date:
        return day + step

    return replace(
        document,
        courses=tuple(
            replace(
                course,
                start_date=moved_day(course.start_date),
                end_date=moved(course.end_date),
                doses=tuple(replace(change, starts=moved_day(change.starts)) for change in course.doses),
                clear_since=moved(course.clear_since),
            )
            for course in document.courses
        ),
        routine=tuple(
            replace(step, added_on=moved(step.added_on), retired_on=moved(step.retired_on))
            for step in document.routine
        ),
        custom_side_effects=tuple(
            replace(item, added_on=moved(item.added_on), retired_on=moved(item.retired_on))
            for item in document.custom_side_effects
        ),
        entries=tuple(replace(entry, date=moved_day(entry.date)) for entry in document.entries),
        follow_ups=tuple(
            replace(item, date=moved_day(item.date), discussed_on=moved(item.discussed_on))
            for item in document.follow_ups
        ),
        appointments=tuple(replace(item, day=moved_day(item.day)) for item in document.appointments),
        questions=tuple(
            replace(item, added_on=moved_day(item.added_on), asked_on=moved(item.asked_on))
            for item in document.questions
        ),
        weights=tuple(replace(item, date=moved_day(item.date)) for item in document.weights),
        labs=tuple(replace(item, date=moved_day(item.date)) for item in document.labs),
        pregnancy_tests=tuple(replace(item, date=moved_day(item.date)) for item in document.pregnancy_tests),
        medicines=tuple(
            replace(item, starts=moved_day(item.starts), ends=moved(item.ends)) for item in document.medicines
        ),
        photos=tuple(replace(item, date=moved_day(item.date)) for item in document.photos),
    )
