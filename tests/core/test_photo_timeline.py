"""The weeks of a timeline strip: from the course's start (or an earlier photo) to today
(or a later photo), numbered as the course counts its weeks."""

from __future__ import annotations

import datetime as dt

from diary.core.course import Course
from diary.core.photo_timeline import MOST_WEEKS, weeks_of
from diary.core.photos import Photo

START = dt.date(2026, 3, 2)  # a Monday
HASH = "a" * 64


def photo(day: dt.date) -> Photo:
    return Photo(day, "back", HASH, "image/jpeg")


def test_weeks_run_from_the_course_start_to_today_each_with_its_photos() -> None:
    course = Course(START)
    photos = [photo(dt.date(2026, 3, 3)), photo(dt.date(2026, 3, 8)), photo(dt.date(2026, 3, 20))]
    weeks = weeks_of(photos, course, today=dt.date(2026, 3, 25))
    assert [(week.start, week.course_week, len(week.photos)) for week in weeks] == [
        (dt.date(2026, 3, 2), 1, 2),
        (dt.date(2026, 3, 9), 2, 0),
        (dt.date(2026, 3, 16), 3, 1),
        (dt.date(2026, 3, 23), 4, 0),
    ]


def test_a_photo_before_the_course_adds_weeks_without_a_course_number() -> None:
    weeks = weeks_of([photo(dt.date(2026, 2, 20)), photo(START)], Course(START), today=START)
    assert [(week.start, week.course_week, len(week.photos)) for week in weeks] == [
        (dt.date(2026, 2, 16), None, 1),
        (dt.date(2026, 2, 23), None, 0),
        (START, 1, 1),
    ]


def test_without_a_course_the_weeks_start_at_the_first_photo() -> None:
    weeks = weeks_of([photo(dt.date(2026, 1, 7)), photo(dt.date(2026, 1, 21))], None, today=START)
    assert [(week.start, week.course_week, len(week.photos)) for week in weeks] == [
        (dt.date(2026, 1, 7), None, 1),
        (dt.date(2026, 1, 14), None, 0),
        (dt.date(2026, 1, 21), None, 1),
    ]
    assert weeks_of([], None, today=START) == []


def test_a_strip_of_many_years_keeps_the_latest_weeks() -> None:
    first, last = dt.date(2000, 1, 3), dt.date(2026, 1, 5)
    weeks = weeks_of([photo(first), photo(last)], None, today=last)
    assert len(weeks) == MOST_WEEKS
    assert weeks[-1].photos == (photo(last),)
