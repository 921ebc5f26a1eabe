"""Course arithmetic: which day and week it is, the cumulative dose, and when the target is reached."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from diary.core.course import Course
from diary.core.entry import Entry


@dataclass(frozen=True)
class CourseProgress:
    """Where a course stands on a given day, counted from the doses the person logged.

    Only logged doses count toward the cumulative dose: a day without a logged dose is
    unknown, not zero and not "as prescribed", and is counted in `days_without_dose`.
    """

    course: Course
    on: dt.date
    day: int
    week: int
    cumulative_mg: float
    doses_logged: int
    missed_doses: int
    days_without_dose: int
    current_mg_per_day: float | None
    target_reached_on: dt.date | None
    projected_target_date: dt.date | None

    @property
    def planned_days(self) -> int | None:
        return self.course.planned_days

    @property
    def cumulative_mg_per_kg(self) -> float | None:
        weight = self.course.weight_kg
        return None if weight is None else self.cumulative_mg / weight

    @property
    def percent_of_target(self) -> float | None:
        target = self.course.target_mg
        return None if target is None else 100 * self.cumulative_mg / target


def course_progress(course: Course, entries: Iterable[Entry], on: dt.date) -> CourseProgress:
    """The course on day `on` (clamped to the course's own days), from the logged entries."""
    last = min(on, course.end_date) if course.end_date is not None else on
    last = max(last, course.start_date)
    doses = sorted(
        (entry.date, entry.dose_mg)
        for entry in entries
        if entry.dose_mg is not None and course.start_date <= entry.date <= last
    )
    cumulative = 0.0
    reached_on = None
    target = course.target_mg
    for day, dose in doses:
        cumulative += dose
        if reached_on is None and target is not None and cumulative >= target:
            reached_on = day
    current = course.scheduled_dose(last)
    if current is None:
        current = next((dose for _, dose in reversed(doses) if dose > 0), None)
    days_so_far = (last - course.start_date).days + 1
    return CourseProgress(
        course=course,
        on=last,
        day=course.day_number(last),
        week=course.week_number(last),
        cumulative_mg=cumulative,
        doses_logged=len(doses),
        missed_doses=sum(1 for _, dose in doses if dose == 0),
        days_without_dose=days_so_far - len(doses),
        current_mg_per_day=current,
        target_reached_on=reached_on,
        projected_target_date=_projected_date(course, cumulative, current, last, reached_on),
    )


def _projected_date(
    course: Course,
    cumulative_mg: float,
    mg_per_day: float | None,
    on: dt.date,
    reached_on: dt.date | None,
) -> dt.date | None:
    """The day the target is reached if the current daily dose is taken every day from tomorrow."""
    if reached_on is not None:
        return reached_on
    target = course.target_mg
    if target is None or not mg_per_day or course.end_date is not None:
        return None
    days_needed = math.ceil((target - cumulative_mg) / mg_per_day)
    return on + dt.timedelta(days=days_needed)


def cumulative_mg_per_kg_by_day(
    course: Course, entries: Iterable[Entry], through: dt.date
) -> list[tuple[dt.date, float]]:
    """The cumulative mg/kg at the end of each course day up to `through` (a running total)."""
    if course.weight_kg is None:
        return []
    by_day = {e.date: e.dose_mg for e in entries if e.dose_mg is not None}
    last = min(through, course.end_date) if course.end_date is not None else through
    total = 0.0
    series = []
    day = course.start_date
    while day <= last:
        total += by_day.get(day, 0.0) or 0.0
        series.append((day, total / course.weight_kg))
        day += dt.timedelta(days=1)
    return series


def progress_line(progress: CourseProgress) -> str:
    """The header line: 'Day 37 of ~140 · week 6 · 48 of 120 mg/kg'."""
    parts = [f"Day {progress.day}"]
    if progress.planned_days is not None:
        parts[0] += f" of ~{progress.planned_days}"
    parts.append(f"week {progress.week}")
    per_kg = progress.cumulative_mg_per_kg
    target = progress.course.target_mg_per_kg
    if per_kg is not None:
        dose_part = f"{per_kg:.0f}"
        dose_part += f" of {target:g} mg/kg" if target is not None else " mg/kg"
        parts.append(dose_part)
    else:
        parts.append(f"{progress.cumulative_mg:g} mg so far")
    if progress.course.end_date is not None and progress.on >= progress.course.end_date:
        parts.append("course ended")
    return " · ".join(parts)
