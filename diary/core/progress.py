"""Course arithmetic: which day and week it is, the cumulative dose (mg and mg/kg with the
weight in force each day), and when the target is reached or would be."""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from diary.core.course import Course
from diary.core.entry import Entry
from diary.core.records import Weighing

# The cumulative dose most courses aim for (mg/kg); a course's own target sits in it or not.
USUAL_BAND_MG_PER_KG = (120, 150)


@dataclass(frozen=True)
class CourseProgress:
    """Where a course stands on a given day, counted from the doses the person logged.

    Only days inside the course and up to today count. Only logged doses count toward the
    cumulative dose: a day without a logged dose is unknown, not zero and not "as
    prescribed", and is counted in `days_without_dose`; `if_taken_mg` is the bound if every
    such day had been taken as prescribed.
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
    cumulative_mg_per_kg: float | None = None
    if_taken_mg: float | None = None
    if_taken_mg_per_kg: float | None = None
    weight_kg: float | None = None  # the weight in force on `on`

    @property
    def planned_days(self) -> int | None:
        return self.course.planned_days

    @property
    def percent_of_target(self) -> float | None:
        target = self.course.target_mg_per_kg
        per_kg = self.cumulative_mg_per_kg
        return None if target is None or per_kg is None else 100 * per_kg / target


class WeightInForce:
    """The latest weighing on or before a day, else the course's weight."""

    def __init__(self, course: Course, weights: Sequence[Weighing]) -> None:
        ordered = sorted(weights, key=lambda weighing: weighing.date)
        self._days = [weighing.date for weighing in ordered]
        self._kg = [weighing.kg for weighing in ordered]
        self._course_kg = course.weight_kg

    def on(self, day: dt.date) -> float | None:
        index = bisect.bisect_right(self._days, day)
        return self._kg[index - 1] if index else self._course_kg


def last_counted_day(course: Course, on: dt.date, today: dt.date | None = None) -> dt.date:
    """`on`, held inside the course and never after today."""
    last = min(on, course.end_date) if course.end_date is not None else on
    if today is not None:
        last = min(last, today)
    return max(last, course.start_date)


def course_progress(
    course: Course,
    entries: Iterable[Entry],
    on: dt.date,
    *,
    today: dt.date | None = None,
    weights: Sequence[Weighing] = (),
) -> CourseProgress:
    """The course on day `on` (held to the course's own days and to today), from the logged
    entries; mg/kg divides each day's dose by the weight in force that day."""
    last = last_counted_day(course, on, today)
    doses = sorted(
        (entry.date, entry.dose_mg)
        for entry in entries
        if entry.dose_mg is not None and course.start_date <= entry.date <= last
    )
    weight = WeightInForce(course, weights)
    target = course.target_mg_per_kg
    cumulative = 0.0
    per_kg: float | None = 0.0
    reached_on = None
    for day, dose in doses:
        cumulative += dose
        kg = weight.on(day)
        per_kg = None if per_kg is None or kg is None else per_kg + dose / kg
        if reached_on is None and target is not None and per_kg is not None and per_kg >= target - 1e-9:
            reached_on = day
    logged = {day for day, _ in doses}
    if_taken_mg, if_taken_per_kg = cumulative, per_kg
    started = course.start_date.toordinal()
    for ordinal in range(started, last.toordinal() + 1):
        day = dt.date.fromordinal(ordinal)
        if day in logged:
            continue
        prescribed = course.scheduled_dose(day) or 0.0
        if_taken_mg += prescribed
        kg = weight.on(day)
        if_taken_per_kg = None if if_taken_per_kg is None or kg is None else if_taken_per_kg + prescribed / kg
    if not weights:
        # One weight for the whole course: divide the totals, exactly as before weighings.
        kg = course.weight_kg
        per_kg = None if kg is None else cumulative / kg
        if_taken_per_kg = None if kg is None else if_taken_mg / kg
    current = course.scheduled_dose(last)
    if current is None:
        current = next((dose for _, dose in reversed(doses) if dose > 0), None)
    days_so_far = last.toordinal() - started + 1
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
        projected_target_date=_projected_date(
            course, per_kg=per_kg, mg_per_day=current, kg=weight.on(last), on=last, reached_on=reached_on
        ),
        cumulative_mg_per_kg=per_kg,
        if_taken_mg=if_taken_mg if if_taken_mg > cumulative else None,
        if_taken_mg_per_kg=if_taken_per_kg if if_taken_mg > cumulative else None,
        weight_kg=weight.on(last),
    )


def _projected_date(
    course: Course,
    *,
    per_kg: float | None,
    mg_per_day: float | None,
    kg: float | None,
    on: dt.date,
    reached_on: dt.date | None,
) -> dt.date | None:
    """The day the target is reached if the current daily dose is taken every day from tomorrow."""
    if reached_on is not None:
        return reached_on
    target = course.target_mg_per_kg
    if target is None or per_kg is None or not mg_per_day or not kg or course.end_date is not None:
        return None
    days_needed = math.ceil((target - per_kg) / (mg_per_day / kg) - 1e-9)
    try:
        return on + dt.timedelta(days=days_needed)
    except OverflowError:
        return None


def cumulative_mg_per_kg_by_day(
    course: Course, entries: Iterable[Entry], through: dt.date, weights: Sequence[Weighing] = ()
) -> list[tuple[dt.date, float]]:
    """The cumulative mg/kg at the end of each course day up to `through` (a running total),
    each day's dose divided by the weight in force that day."""
    weight = WeightInForce(course, weights)
    by_day = {e.date: e.dose_mg for e in entries if e.dose_mg is not None}
    last = min(through, course.end_date) if course.end_date is not None else through
    total = 0.0
    series = []
    for ordinal in range(course.start_date.toordinal(), last.toordinal() + 1):
        day = dt.date.fromordinal(ordinal)
        kg = weight.on(day)
        dose = by_day.get(day) or 0.0
        if kg is None:
            if dose:
                return []
            series.append((day, total))
            continue
        total += dose / kg
        series.append((day, total))
    return series if weight.on(last) is not None else []


def mg_per_kg_words(value: float) -> str:
    """One decimal, so 119.6 never reads as 120."""
    return f"{math.floor(value * 10 + 1e-9) / 10:.1f}"


def progress_line(progress: CourseProgress) -> str:
    """The header line: 'Day 37 of ~140 · week 6 · 48.3 of 120 mg/kg'."""
    parts = [f"Day {progress.day}"]
    if progress.planned_days is not None:
        parts[0] += f" of ~{progress.planned_days}"
    parts.append(f"week {progress.week}")
    per_kg = progress.cumulative_mg_per_kg
    target = progress.course.target_mg_per_kg
    if per_kg is not None:
        dose_part = mg_per_kg_words(per_kg)
        dose_part += f" of {target:g} mg/kg" if target is not None else " mg/kg"
        if progress.target_reached_on is not None:
            dose_part += " (target reached)"
        parts.append(dose_part)
    else:
        parts.append(f"{progress.cumulative_mg:g} mg so far")
    if progress.course.end_date is not None and progress.on >= progress.course.end_date:
        parts.append("course ended")
    return " · ".join(parts)
