"""Course arithmetic: which day and week it is, the cumulative dose (mg and mg/kg with the
weight in force each day), and when the target is reached or would be."""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from diary.core.clear_skin import clear_since_words
from diary.core.course import Course, DoseChange
from diary.core.entry import Entry
from diary.core.records import Weighing

# The cumulative dose (mg/kg) widely regarded as increasing remission; a course's own target
# sits in it or not. Where the band comes from, said wherever it is shown:
USUAL_BAND_MG_PER_KG = (120, 150)
BAND_SOURCE = "Tan J et al., J Cutan Med Surg, doi:10.1177/1203475415595776"


@dataclass(frozen=True)
class CourseProgress:
    """Where a course stands on a given day, counted from the doses the person logged.

    Only days inside the course and up to today count. Only logged doses count toward the
    cumulative dose: a dosing day without a logged dose is unknown, not zero and not "as
    prescribed", and is counted in `days_without_dose`; `if_taken_mg` is the bound if every
    such day had been taken as prescribed. A day between the doses of a step that is not
    daily is neither missed nor unlogged (interchange spec, version 3).
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
    # The lightest and heaviest weight any counted dose was divided by (None: no dose yet).
    weights_used: tuple[float, float] | None = None
    # Dosing days with less than the prescribed dose (kept as logged), and with more.
    partial_days: tuple[dt.date, ...] = ()
    above_days: tuple[dt.date, ...] = ()
    current_step: DoseChange | None = None

    @property
    def planned_days(self) -> int | None:
        return self.course.planned_days

    @property
    def days_past_plan(self) -> int:
        """How many days the course has run beyond its planned length (0 when it has not)."""
        planned = self.planned_days
        return 0 if planned is None else max(0, self.day - planned)

    @property
    def percent_of_target(self) -> float | None:
        target = self.course.target_mg_per_kg
        per_kg = self.cumulative_mg_per_kg
        return None if target is None or per_kg is None else 100 * per_kg / target


class WeightInForce:
    """A day's weight: the latest weighing on or before it, where the course's own weight
    counts as a weighing on its start date (a weighing logged that same day wins). So a
    later course's weight beats a weighing years older."""

    def __init__(self, course: Course, weights: Sequence[Weighing]) -> None:
        by_day = {weighing.date: weighing.kg for weighing in weights}
        if course.weight_kg is not None:
            by_day.setdefault(course.start_date, course.weight_kg)
        ordered = sorted(by_day.items())
        self._days = [day for day, _ in ordered]
        self._kg = [kg for _, kg in ordered]

    def on(self, day: dt.date) -> float | None:
        index = bisect.bisect_right(self._days, day)
        return self._kg[index - 1] if index else None


class _ByWeight:
    """Milligrams summed per weight, so that one weight divides the whole total (exactly
    the figure a reader recomputes) and several divide their own days' doses."""

    def __init__(self) -> None:
        self.mg = 0.0
        self.by_kg: dict[float, float] = {}
        self.unknown_weight = False

    def add(self, mg: float, kg: float | None) -> None:
        self.mg += mg
        if kg is None:
            self.unknown_weight = self.unknown_weight or bool(mg)
            return
        self.by_kg[kg] = self.by_kg.get(kg, 0.0) + mg

    def per_kg(self) -> float | None:
        if self.unknown_weight:
            return None
        return sum(mg / kg for kg, mg in self.by_kg.items())

    def copy(self) -> _ByWeight:
        other = _ByWeight()
        other.mg, other.by_kg, other.unknown_weight = self.mg, dict(self.by_kg), self.unknown_weight
        return other


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
    taken = _ByWeight()
    reached_on = None
    for day, dose in doses:
        taken.add(dose, weight.on(day))
        per_kg = taken.per_kg()
        if reached_on is None and target is not None and per_kg is not None and per_kg >= target - 1e-9:
            reached_on = day
    cumulative, per_kg = taken.mg, taken.per_kg()
    logged = dict(doses)
    if_taken = taken.copy()
    unlogged = 0
    started = course.start_date.toordinal()
    for ordinal in range(started, last.toordinal() + 1):
        day = dt.date.fromordinal(ordinal)
        if day in logged or not course.is_dosing_day(day):
            continue
        unlogged += 1
        if_taken.add(course.scheduled_dose(day) or 0.0, weight.on(day))
    if_taken_mg, if_taken_per_kg = if_taken.mg, if_taken.per_kg()
    if weight.on(last) is None:  # no weight at all up to the last day: no mg/kg
        per_kg = if_taken_per_kg = None
    used = [kg for kg, mg in taken.by_kg.items() if mg]
    step = course.step_on(last)
    current = step.mg_per_day if step is not None else None
    if current is None:
        current = next((dose for _, dose in reversed(doses) if dose > 0), None)
    return CourseProgress(
        course=course,
        on=last,
        day=course.day_number(last),
        week=course.week_number(last),
        cumulative_mg=cumulative,
        doses_logged=len(doses),
        missed_doses=sum(1 for day, dose in doses if dose == 0 and course.is_dosing_day(day)),
        days_without_dose=unlogged,
        current_mg_per_day=current,
        target_reached_on=reached_on,
        projected_target_date=_projected_date(
            course, per_kg=per_kg, step=step, kg=weight.on(last), on=last, reached_on=reached_on
        ),
        cumulative_mg_per_kg=per_kg,
        if_taken_mg=if_taken_mg if if_taken_mg > cumulative else None,
        if_taken_mg_per_kg=if_taken_per_kg if if_taken_mg > cumulative else None,
        weight_kg=weight.on(last),
        weights_used=(min(used), max(used)) if used else None,
        partial_days=_against_prescribed(course, doses, below=True),
        above_days=_against_prescribed(course, doses, below=False),
        current_step=step,
    )


def _against_prescribed(
    course: Course, doses: Sequence[tuple[dt.date, float]], *, below: bool
) -> tuple[dt.date, ...]:
    """The dosing days whose logged dose is a partial dose (0 < dose < prescribed) or more
    than prescribed."""
    days = []
    for day, dose in doses:
        prescribed = course.scheduled_dose(day)
        if prescribed is None or dose == 0:
            continue
        if (below and dose < prescribed) or (not below and dose > prescribed):
            days.append(day)
    return tuple(days)


def _projected_date(
    course: Course,
    *,
    per_kg: float | None,
    step: DoseChange | None,
    kg: float | None,
    on: dt.date,
    reached_on: dt.date | None,
) -> dt.date | None:
    """The day the target is reached if the current step is taken as prescribed from
    tomorrow, stepping through its real dosing days (every other day, weekly...)."""
    if reached_on is not None:
        return reached_on
    target = course.target_mg_per_kg
    if target is None or per_kg is None or step is None or not step.mg_per_day or not kg:
        return None
    if course.end_date is not None:
        return None
    doses_needed = max(1, math.ceil((target - per_kg) / (step.mg_per_day / kg) - 1e-9))
    try:
        first = step.next_dosing_day(on)
        return first + dt.timedelta(days=(doses_needed - 1) * step.every_days)
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


def mg_per_kg_words(value: float, target: float | None = None) -> str:
    """One decimal, ordinary rounding (119.65 is "119.7"), except that a total below the
    target never reads as reaching it: 119.96 of 120 is "119.9", not "120.0"."""
    rounded = Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if target is not None and value < target - 1e-9 and rounded >= Decimal(repr(target)):
        rounded = Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_FLOOR)
    return f"{rounded:.1f}"


def day_words(progress: CourseProgress) -> str:
    """'day 37 of about 140 planned', 'day 151 of about 140 planned (11 days past)'."""
    words = f"day {progress.day}"
    planned = progress.planned_days
    if planned is not None:
        words += f" of about {planned} planned"
        past = progress.days_past_plan
        if past:
            words += f" ({past} day{'s' if past != 1 else ''} past)"
    return words


def progress_line(progress: CourseProgress) -> str:
    """The header line: 'Day 37 of ~140 · week 6 · 48.3 of 120 mg/kg', with 'clear since
    12 Oct (8 weeks)' beside the dose once the person marked their skin clear."""
    parts = [f"Day {progress.day}"]
    if progress.planned_days is not None:
        parts[0] += f" of ~{progress.planned_days}"
        if progress.days_past_plan:
            past = progress.days_past_plan
            parts[0] += f" ({past} day{'s' if past != 1 else ''} past)"
    parts.append(f"week {progress.week}")
    per_kg = progress.cumulative_mg_per_kg
    target = progress.course.target_mg_per_kg
    if per_kg is not None:
        dose_part = mg_per_kg_words(per_kg, target)
        dose_part += f" of {target:g} mg/kg" if target is not None else " mg/kg"
        if progress.target_reached_on is not None:
            dose_part += " (target reached)"
        parts.append(dose_part)
    else:
        parts.append(f"{progress.cumulative_mg:g} mg so far")
    clear = clear_since_words(progress.course, progress.on)
    if clear is not None:
        parts.append(clear)
    step = progress.current_step
    running = progress.course.end_date is None or progress.on < progress.course.end_date
    if step is not None and step.every_days > 1 and running:
        parts.append(step.words() + ("" if step.is_dosing_day(progress.on) else ", no dose today"))
    if not running:
        parts.append("course ended")
    return " · ".join(parts)
