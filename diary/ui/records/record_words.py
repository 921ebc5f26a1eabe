"""How records read in the tests-and-measurements tables: dates, numbers, ranges, courses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from diary.core.course import Course, course_on
from diary.core.records import LabResult

NOT_GIVEN = "not given"
RESULT_WORDS = {"negative": "Negative", "positive": "Positive", "invalid": "Invalid (no result)"}
PLACE_WORDS = {"clinic": "At the clinic", "lab": "At a lab", "home": "At home"}


def number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def day_words(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def course_words(courses: Sequence[Course], day: dt.date) -> str:
    course = course_on(courses, day)
    return "outside a course" if course is None else f"week {course.week_number(day)}"


def range_words(result: LabResult) -> str:
    low, high = result.reference_low, result.reference_high
    if low is None and high is None:
        return NOT_GIVEN
    if low is None:
        return f"up to {number(high)} {result.unit}"
    if high is None:
        return f"from {number(low)} {result.unit}"
    return f"{number(low)}–{number(high)} {result.unit}"


def against_range(result: LabResult) -> str:
    if result.reference_low is not None and result.value < result.reference_low:
        return "▼ below the lab's range"
    if result.reference_high is not None and result.value > result.reference_high:
        return "▲ above the lab's range"
    if result.reference_low is None and result.reference_high is None:
        return ""
    return "within range"
