"""The weeks a timeline strip shows: every week from the course's start (or the first photo,
if earlier) to its end (or the last photo, if later), each with the photos taken in it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from diary.core.course import Course
from diary.core.photos import Photo

# A strip of more weeks than this starts at the latest ones (ten years of weekly photos).
MOST_WEEKS = 520


@dataclass(frozen=True)
class Week:
    start: dt.date
    course_week: int | None  # the course's week number, None outside the course
    photos: tuple[Photo, ...]  # by date


def weeks_of(photos: Sequence[Photo], course: Course | None, today: dt.date) -> list[Week]:
    """One Week for each week across the course (and any photo outside it), with the
    photos (one area's, by date) of that week."""
    if not photos:
        return []
    first, last = photos[0].date, photos[-1].date
    start, end = first, last
    if course is not None:
        start = min(first, course.start_date)
        end = max(last, min(course.last_day(today), today))
    # Weeks count from the course's start when there is one, so week 1 is its first week.
    anchor = course.start_date if course is not None else first
    start = anchor - dt.timedelta(days=((anchor - start).days + 6) // 7 * 7)
    count = (end - start).days // 7 + 1
    if count > MOST_WEEKS:
        start += dt.timedelta(days=7 * (count - MOST_WEEKS))
        count = MOST_WEEKS
    by_week: dict[int, list[Photo]] = {}
    for photo in photos:
        index = (photo.date - start).days // 7
        if 0 <= index < count:
            by_week.setdefault(index, []).append(photo)
    weeks = []
    for index in range(count):
        week_start = start + dt.timedelta(days=7 * index)
        # Weeks start on the course's weekday, so a week inside the course starts inside it.
        number = (
            course.week_number(week_start) if course is not None and course.contains(week_start) else None
        )
        weeks.append(Week(week_start, number, tuple(by_week.get(index, ()))))
    return weeks
