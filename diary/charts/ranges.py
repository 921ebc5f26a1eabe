"""Which days a trend chart covers: the course, the last 30 or 7 days, or an earlier course."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from diary.core.course import Course
from diary.core.flags import WINDOW_DAYS

# A rolling mean on the first day of a range looks back this many days before it (D-6..D).
LOOK_BACK_DAYS = WINDOW_DAYS - 1


@dataclass(frozen=True)
class ChartRange:
    """A choice of days to chart, both ends included. `key` stays the same across redraws."""

    key: str
    label: str
    start: dt.date
    end: dt.date

    @property
    def day_count(self) -> int:
        return (self.end - self.start).days + 1


def current_course(courses: Sequence[Course], today: dt.date) -> Course | None:
    """The course running today, else the latest one that has started (None before any)."""
    started = [course for course in courses if course.start_date <= today]
    running = [course for course in started if course.contains(today)]
    if running:
        return running[-1]
    return max(started, key=lambda course: course.start_date, default=None)


def course_range(course: Course, today: dt.date, key: str, label: str) -> ChartRange:
    """A course from its start to its end, or to today while it runs (never into the future)."""
    end = min(course.last_day(today), max(today, course.start_date))
    return ChartRange(key, label, course.start_date, end)


def default_range(courses: Sequence[Course], first_logged: dt.date | None, today: dt.date) -> ChartRange:
    """What a chart shows unless told otherwise.

    The current course (or the last one, once it has ended); with no course, the whole
    diary from the first logged day to today; with nothing logged either, the last 30 days.
    """
    course = current_course(courses, today)
    if course is not None:
        return course_range(course, today, "course", "Whole course")
    if first_logged is not None and first_logged <= today:
        return ChartRange("course", "Whole diary", first_logged, today)
    return last_days(30, today)


def last_days(count: int, today: dt.date) -> ChartRange:
    return ChartRange(f"last{count}", f"Last {count} days", today - dt.timedelta(days=count - 1), today)


def range_choices(
    courses: Sequence[Course], first_logged: dt.date | None, today: dt.date
) -> list[ChartRange]:
    """The ranges offered in the window: the course, the last 30 and 7 days, then each earlier course."""
    choices = [default_range(courses, first_logged, today), last_days(30, today), last_days(7, today)]
    current = current_course(courses, today)
    earlier = [course for course in courses if course is not current and course.start_date <= today]
    for course in sorted(earlier, key=lambda course: course.start_date, reverse=True):
        key = f"course:{course.start_date.isoformat()}"
        choices.append(
            course_range(course, today, key, "Earlier course: " + course_span_words(course, today))
        )
    return choices


def course_span_words(course: Course, today: dt.date) -> str:
    """'Jan – Jun 2024', or 'Nov 2023 – Apr 2024' across a new year."""
    start, end = course.start_date, course.last_day(today)
    if start.year == end.year:
        return f"{start:%b} – {end:%b %Y}"
    return f"{start:%b %Y} – {end:%b %Y}"


def load_from(courses: Sequence[Course], start: dt.date) -> dt.date:
    """The first day whose entry a chart starting on `start` needs.

    A week before `start` for the rolling mean, and the whole course holding `start`, so
    the course total and the mood flags (whose baseline is the course's first week) are
    the same whatever range is shown. With no course at all, the flags' baseline is the
    diary's first week, so everything from the beginning.
    """
    if not courses:
        return dt.date.min
    earliest = start - dt.timedelta(days=LOOK_BACK_DAYS)
    for course in courses:
        if course.contains(start):
            earliest = min(earliest, course.start_date)
    return earliest
