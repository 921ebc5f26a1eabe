"""The numbers behind the trend charts: one value per calendar day, NaN where nothing was logged.

"Not logged" (None) becomes NaN, which every chart draws as a gap; it is never 0. A dose
of 0 mg stays 0: it is a missed dose, and the dose panel marks it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from diary.core import fields, flags
from diary.core.course import Course
from diary.core.entry import Entry
from diary.core.progress import CourseProgress, WeightInForce, course_progress
from diary.core.records import Weighing
from diary.core.routine import RoutineStep, offered_on

# The rolling mean: the 7 days D-6..D, shown once at least 4 of them are logged. It is the
# mood flags' own window, so a line and a flag never disagree about "the past week".
WINDOW_DAYS = flags.WINDOW_DAYS
WINDOW_MIN_LOGGED = flags.WINDOW_MIN_MOODS

# The entry fields charted as they are, one number a day.
ENTRY_FIELDS = tuple(field.name for field in fields.ENTRY_FIELDS if field.charted)
# The series that get a rolling mean (dose has the prescribed schedule instead).
SMOOTHED = (*(field.name for field in fields.ENTRY_FIELDS if field.smoothed), "skincare")


@dataclass(frozen=True)
class CourseTotal:
    """The running total of logged doses for the part of one course inside the chart."""

    course: Course
    days: np.ndarray  # datetime64[D]
    totals: np.ndarray  # mg/kg, or mg when the course has no weight
    per_kg: bool
    progress: CourseProgress  # where the course stands on the last charted day
    projects: bool  # the chart reaches today on a running course, so a projection makes sense

    @property
    def target(self) -> float | None:
        """The target in the unit of `totals` (mg/kg, or mg)."""
        if self.per_kg:
            return self.course.target_mg_per_kg
        return self.course.target_mg


@dataclass(frozen=True)
class TrendData:
    """Everything a trend figure shows for start..end, one array slot per calendar day."""

    start: dt.date
    end: dt.date
    days: np.ndarray  # datetime64[D], start..end
    values: dict[str, np.ndarray]  # ENTRY_FIELDS, "skincare" (share of the routine) and "prescribed"
    means: dict[str, np.ndarray]  # SMOOTHED: the 7-day rolling means
    totals: tuple[CourseTotal, ...]
    skipped: tuple[tuple[str, float], ...]  # routine steps by how often they were skipped
    logged_days: int  # days in start..end with an entry

    @property
    def is_empty(self) -> bool:
        return self.logged_days == 0

    def missed_dose_days(self) -> np.ndarray:
        """Days logged as 0 mg, except the days between doses of a step that is not daily
        (there 0 is neither missed nor unlogged)."""
        dose = self.values["dose_mg"]
        between = self.values.get("between_doses")
        missed_mask = dose == 0 if between is None else (dose == 0) & ~(between > 0)
        missed: np.ndarray = self.days[missed_mask]
        return missed


def day_span(start: dt.date, end: dt.date) -> np.ndarray:
    return np.arange(np.datetime64(start, "D"), np.datetime64(end, "D") + 1)


def rolling_mean(
    values: np.ndarray, window: int = WINDOW_DAYS, min_logged: int = WINDOW_MIN_LOGGED
) -> np.ndarray:
    """The mean of the logged values among the `window` days ending on each day (D-6..D).

    Days not logged (NaN) are skipped, never counted as 0. A day gets a mean only when at
    least `min_logged` of its window are logged (4 of 7); otherwise it is NaN, a gap.
    """
    logged = ~np.isnan(values)
    sums = np.concatenate(([0.0], np.cumsum(np.where(logged, values, 0.0))))
    counts = np.concatenate(([0], np.cumsum(logged)))
    ends = np.arange(1, len(values) + 1)
    begins = np.maximum(ends - window, 0)
    window_sums = sums[ends] - sums[begins]
    window_counts = counts[ends] - counts[begins]
    means = np.full(len(values), np.nan)
    enough = window_counts >= min_logged
    means[enough] = window_sums[enough] / window_counts[enough]
    return means


def routine_share(entry: Entry | None, routine: Sequence[RoutineStep]) -> float:
    """The share of that day's routine (the steps offered then) ticked that day (0..1);
    NaN when skincare was not logged."""
    if entry is None or entry.skincare is None:
        return float("nan")
    steps = [step.key for step in routine if offered_on(step, entry.date, entry.skincare)]
    if not steps:
        return float("nan")
    done = set(entry.skincare)
    return sum(1 for key in steps if key in done) / len(steps)


def skipped_steps(entries: Iterable[Entry], routine: Sequence[RoutineStep]) -> tuple[tuple[str, float], ...]:
    """Each active step with the share of skincare-logged days it was not ticked, most skipped first."""
    logged = [entry for entry in entries if entry.skincare is not None]
    if not logged:
        return ()
    shares = []
    for step in routine:
        days = [set(e.skincare or ()) for e in logged if offered_on(step, e.date, e.skincare)]
        if step.active and days:
            shares.append((step.label, sum(1 for done in days if step.key not in done) / len(days)))
    return tuple(sorted((item for item in shares if item[1] > 0), key=lambda item: -item[1]))


def trend_data(
    entries: Iterable[Entry],
    courses: Sequence[Course],
    routine: Sequence[RoutineStep],
    start: dt.date,
    end: dt.date,
    *,
    today: dt.date,
    weights: Sequence[Weighing] = (),
) -> TrendData:
    """The chart's numbers for start..end. `entries` may reach further back (see ranges.load_from):
    the rolling mean looks a week back and the course total counts from the course's first day.
    `today` decides whether a running course's total is projected forward (only up to today)."""
    by_day = {entry.date: entry for entry in entries if entry.date <= end}
    first = start - dt.timedelta(days=WINDOW_DAYS - 1)  # the rolling mean's look back
    count = (end - first).days + 1
    raw = {name: np.full(count, np.nan) for name in (*ENTRY_FIELDS, "skincare")}
    # One pass over the entries rather than over the calendar: long ranges have many days.
    for day, entry in by_day.items():
        index = (day - first).days
        if index < 0:
            continue
        for name in ENTRY_FIELDS:
            value = getattr(entry, name)
            if value is not None:
                raw[name][index] = value
        raw["skincare"][index] = routine_share(entry, routine)
    cut = WINDOW_DAYS - 1
    values = {name: series[cut:] for name, series in raw.items()}
    values["prescribed"], values["between_doses"] = _prescribed(courses, start, end)
    means = {name: rolling_mean(raw[name])[cut:] for name in SMOOTHED}
    shown = [entry for day, entry in by_day.items() if start <= day]
    return TrendData(
        start=start,
        end=end,
        days=day_span(start, end),
        values=values,
        means=means,
        totals=tuple(_course_totals(courses, by_day, start, end, today, weights=weights)),
        skipped=skipped_steps(shown, routine),
        logged_days=len(shown),
    )


def _prescribed(courses: Sequence[Course], start: dt.date, end: dt.date) -> tuple[np.ndarray, np.ndarray]:
    """Each day's scheduled dose on its dosing days (NaN between the doses of a step that is
    not daily, and outside courses), and 1 on those days between doses (else 0)."""
    doses = np.full((end - start).days + 1, np.nan)
    between = np.zeros((end - start).days + 1)
    for course in courses:
        last = end if course.end_date is None else min(end, course.end_date)
        # Each change lasts until the next one; a course may have no schedule at all.
        for change, following in zip(course.doses, [*course.doses[1:], None], strict=False):
            first = max(change.starts, course.start_date, start)
            until = last if following is None else min(last, following.starts - dt.timedelta(days=1))
            if first > until:
                continue
            doses[(first - start).days : (until - start).days + 1] = change.mg_per_day
            if change.every_days > 1:
                for ordinal in range(first.toordinal(), until.toordinal() + 1):
                    if not change.is_dosing_day(dt.date.fromordinal(ordinal)):
                        doses[ordinal - start.toordinal()] = np.nan
                        between[ordinal - start.toordinal()] = 1
    return doses, between


def _course_totals(
    courses: Sequence[Course],
    by_day: dict[dt.date, Entry],
    start: dt.date,
    end: dt.date,
    today: dt.date,
    *,
    weights: Sequence[Weighing] = (),
) -> list[CourseTotal]:
    """Each course overlapping start..end: its running total from its own first day.

    A day without a logged dose adds nothing (the total counts logged doses only, as the
    course header does), so the line stays flat there rather than breaking. mg/kg divides
    each day's dose by the weight in force that day, as the header and the summary do.
    """
    totals = []
    for course in courses:
        last = end if course.end_date is None else min(end, course.end_date)
        if course.start_date > end or last < start:
            continue
        days = day_span(course.start_date, last)
        course_entries = [entry for day, entry in by_day.items() if course.start_date <= day <= last]
        doses = np.zeros(len(days))
        for entry in course_entries:
            if entry.dose_mg is not None:
                doses[(entry.date - course.start_date).days] = entry.dose_mg
        in_force = WeightInForce(course, weights)
        kilos = [in_force.on(course.start_date + dt.timedelta(days=n)) for n in range(len(days))]
        per_kg = all(kg is not None for kg in kilos)
        running = np.cumsum(doses / np.array(kilos, dtype=float)) if per_kg else np.cumsum(doses)
        shown = days >= np.datetime64(start, "D")
        totals.append(
            CourseTotal(
                course=course,
                days=days[shown],
                totals=running[shown],
                per_kg=per_kg,
                progress=course_progress(course, course_entries, last, today=today, weights=weights),
                # A chart of a past stretch shows what happened then, not a forecast from then.
                projects=course.end_date is None and last >= today,
            )
        )
    return totals
