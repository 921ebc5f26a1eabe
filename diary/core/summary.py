"""Summaries of a date range for the appointment: symptom statistics, adherence, doses.

Days not logged are skipped, never counted as 0: a mean is over the days that have the
value, and a statistic with no logged day is None.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from diary.core import scales
from diary.core.entry import Entry
from diary.core.routine import RoutineStep

RECENT_DAYS = 7


@dataclass(frozen=True)
class Measure:
    """One line of the side-effect table: what is measured and how to read it."""

    name: str
    value: Callable[[Entry], float | None]
    higher_is_worse: bool = True


MEASURES: tuple[Measure, ...] = (
    Measure("Lips dryness", lambda e: e.lips),
    Measure("Skin dryness", lambda e: e.skin),
    Measure("Eye dryness", lambda e: e.eyes),
    Measure("Joint or muscle pain", lambda e: e.joint_pain),
    Measure("Mood (10 is best)", lambda e: e.mood, higher_is_worse=False),
    Measure("New spots a day", lambda e: e.breakouts_new),
    Measure("Breakout severity (0-4)", lambda e: e.breakout_severity),
)


@dataclass(frozen=True)
class SymptomLine:
    name: str
    days_logged: int
    mean: float | None
    worst: float | None
    recent_mean: float | None
    previous_mean: float | None
    higher_is_worse: bool

    @property
    def change(self) -> float | None:
        """The range's mean minus the previous period's, when both were logged."""
        if self.mean is None or self.previous_mean is None:
            return None
        return self.mean - self.previous_mean


def in_range(entries: Iterable[Entry], start: dt.date, end: dt.date) -> list[Entry]:
    return [entry for entry in entries if start <= entry.date <= end]


def previous_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The same number of days just before `start`."""
    length = (end - start).days + 1
    return start - dt.timedelta(days=length), start - dt.timedelta(days=1)


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def symptom_table(entries: Sequence[Entry], start: dt.date, end: dt.date) -> list[SymptomLine]:
    """For each measure: days logged, mean, worst, the last 7 days' mean, and the previous period's mean."""
    now = in_range(entries, start, end)
    recent = in_range(entries, max(start, end - dt.timedelta(days=RECENT_DAYS - 1)), end)
    before = in_range(entries, *previous_period(start, end))
    lines = []
    for measure in MEASURES:
        values = _logged(now, measure)
        worst_of = max if measure.higher_is_worse else min
        lines.append(
            SymptomLine(
                name=measure.name,
                days_logged=len(values),
                mean=mean(values),
                worst=worst_of(values) if values else None,
                recent_mean=mean(_logged(recent, measure)),
                previous_mean=mean(_logged(before, measure)),
                higher_is_worse=measure.higher_is_worse,
            )
        )
    return lines


def _logged(entries: Iterable[Entry], measure: Measure) -> list[float]:
    return [value for entry in entries if (value := measure.value(entry)) is not None]


@dataclass(frozen=True)
class StepAdherence:
    label: str
    days_done: int
    days_logged: int

    @property
    def percent(self) -> float | None:
        return None if not self.days_logged else 100 * self.days_done / self.days_logged


def skincare_adherence(entries: Sequence[Entry], routine: Sequence[RoutineStep]) -> list[StepAdherence]:
    """Per step: on how many of the days with skincare logged it was done."""
    logged = [entry for entry in entries if entry.skincare is not None]
    keys = [step for step in routine if step.active or any(step.key in (e.skincare or ()) for e in logged)]
    return [
        StepAdherence(step.label, sum(1 for e in logged if step.key in (e.skincare or ())), len(logged))
        for step in keys
    ]


def side_effect_days(entries: Sequence[Entry]) -> list[tuple[str, int]]:
    """Other side effects and on how many days each was noted, most frequent first."""
    counts = {key: 0 for key in scales.SIDE_EFFECTS}
    for entry in entries:
        for key in entry.side_effects or ():
            counts[key] += 1
    ranked = sorted(
        ((scales.SIDE_EFFECTS[key], n) for key, n in counts.items() if n), key=lambda item: -item[1]
    )
    return ranked


def missed_dose_days(entries: Iterable[Entry]) -> list[dt.date]:
    return [entry.date for entry in entries if entry.dose_mg == 0]


def days_without_dose(entries: Iterable[Entry], start: dt.date, end: dt.date) -> int:
    """Days in the range with no dose logged at all (not the same as a missed dose)."""
    logged = {entry.date for entry in entries if entry.dose_mg is not None}
    return sum(
        1 for offset in range((end - start).days + 1) if start + dt.timedelta(days=offset) not in logged
    )
