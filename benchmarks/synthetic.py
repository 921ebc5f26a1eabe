"""Synthetic diaries for benchmarks: a realistic five-month course, and ten years of daily entries.

Seeded, so every run measures the same diary. The days follow what a course is like
(lips dry within days, an early flare of breakouts, a dose step-up, a dip in mood), with
about one day in twelve not logged, missed doses, and days with only some fields logged.
"""

from __future__ import annotations

import datetime as dt
import random

from diary.core.course import Course, DoseChange
from diary.core.entry import Entry
from diary.core.interchange import DiaryDocument
from diary.core.routine import DEFAULT_ROUTINE

FIVE_MONTH_START = dt.date(2026, 3, 2)
TEN_YEARS_END = dt.date(2026, 7, 29)


def five_month_document(start: dt.date = FIVE_MONTH_START, seed: int = 1) -> DiaryDocument:
    """One 22-week course, still running, logged nearly every evening."""
    rng = random.Random(seed)
    course = _course(start, weeks=20, weight=64.5, end=None)
    days = [start + dt.timedelta(days=offset) for offset in range(150)]
    entries = [entry for day in days if (entry := _entry(day, course, rng)) is not None]
    return DiaryDocument(courses=(course,), routine=DEFAULT_ROUTINE, entries=tuple(entries))


def ten_year_document(end: dt.date = TEN_YEARS_END, seed: int = 2) -> DiaryDocument:
    """Ten years of daily entries with four courses (the last one running), as a long-time user has."""
    rng = random.Random(seed)
    first = end - dt.timedelta(days=3652)
    starts = [first + dt.timedelta(days=offset) for offset in (40, 1150, 2300)]
    courses = [
        _course(start, weeks=weeks, weight=weight, end=start + dt.timedelta(weeks=weeks, days=-1))
        for start, weeks, weight in zip(starts, (20, 24, 22), (58.0, 61.5, 63.0), strict=True)
    ]
    courses.append(_course(end - dt.timedelta(days=100), weeks=20, weight=64.5, end=None))
    entries = []
    for offset in range(3653):
        day = first + dt.timedelta(days=offset)
        course = next((course for course in courses if course.contains(day)), None)
        entry = _entry(day, course, rng)
        if entry is not None:
            entries.append(entry)
    return DiaryDocument(courses=tuple(courses), routine=DEFAULT_ROUTINE, entries=tuple(entries))


def _course(start: dt.date, weeks: int, weight: float, end: dt.date | None) -> Course:
    doses = (DoseChange(start, 20), DoseChange(start + dt.timedelta(days=28), 40))
    return Course(start, planned_weeks=weeks, weight_kg=weight, doses=doses, end_date=end)


def _clamp(value: float, high: int = 10) -> int:
    return max(0, min(high, round(value)))


def _entry(day: dt.date, course: Course | None, rng: random.Random) -> Entry | None:
    if rng.random() < 0.08:
        return None  # not logged at all
    on_course = course is not None
    n = course.day_number(day) - 1 if course is not None else 0
    build_up = min(1.0, n / 14) if on_course else 0.0
    low_spell = on_course and 70 <= n <= 78
    flare = 6 * max(0.0, 1 - abs(n - 24) / 18) if on_course else 0.0
    dose = None
    if course is not None:
        dose = 0.0 if rng.random() < 0.02 else course.scheduled_dose(day)
    partial = rng.random() < 0.1  # a hurried evening: only some fields
    return Entry(
        date=day,
        dose_mg=dose,
        lips=_clamp(1 + 5.5 * build_up + rng.gauss(0, 0.8)),
        skin=None if partial else _clamp(0.5 + 3.5 * build_up + rng.gauss(0, 0.9)),
        eyes=None if partial else _clamp(1.5 * build_up + rng.gauss(0, 0.8)),
        joint_pain=None
        if partial
        else _clamp((2.2 if n >= 35 else 0.4) * (1 if on_course else 0.3) + rng.gauss(0, 0.9)),
        mood=_clamp((3 if low_spell else 7) + rng.gauss(0, 0.9)),
        warning_signs=("sad", "no_energy") if low_spell and rng.random() < 0.4 else (),
        breakouts_new=None if partial else max(0, round(1.5 + flare + rng.gauss(0, 1.2) - n / 60)),
        breakout_severity=None if partial else _severity(n, on_course),
        skincare=tuple(
            step.key
            for step in DEFAULT_ROUTINE
            if rng.random() < {"spf": 0.7, "eye_drops": 0.5}.get(step.key, 0.93)
        ),
    )


def _severity(course_day: int, on_course: bool) -> int:
    if not on_course:
        return 1  # mild acne between courses
    return 3 if course_day < 35 else 2 if course_day < 70 else 1 if course_day < 115 else 0
