"""The safety facts of a course for the appointment summary's page 1, whatever its range:
the pregnancy tests, every lab result of the course against its baseline, and the other
medicines the Medication Guide warns about that were taken during the course.

Pure figures here; the words are the report's. Labs are compared in the unit of the latest
result, converted with the interchange spec's factors (scales.LAB_TESTS).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from diary.core import pregnancy, scales
from diary.core.course import Course
from diary.core.medicine_guide import GUIDE_SAYS, quoted
from diary.core.records import LabResult, Medicine, PregnancyTest

BASELINE_AFTER_START_DAYS = 7  # no result before the start: the first within 7 days after it


@dataclass(frozen=True)
class PregnancyFacts:
    """Where the tests of a course with pregnancy prevention stand on the summary's day."""

    schedule: pregnancy.Schedule
    # The 7-day window after the last negative test (day 1 the test day), when there is one.
    window: tuple[dt.date, dt.date] | None
    # The test a month after the last dose: due date (None while the course runs).
    after_last_dose: dt.date | None

    @property
    def overdue_since(self) -> dt.date | None:
        """The due date of a test not logged by then (monthly, or the one after the last dose)."""
        schedule = self.schedule
        if not schedule.overdue:
            return None
        return schedule.after_course_due if schedule.after_course_due is not None else schedule.next_due


def pregnancy_facts(course: Course, tests: Sequence[PregnancyTest], on: dt.date) -> PregnancyFacts | None:
    """The course's pregnancy tests on `on`, or None for a course without pregnancy prevention."""
    if not course.pregnancy_prevention:
        return None
    schedule = pregnancy.schedule_for(course, tests, on)
    last_negative = schedule.last_negative
    window = pregnancy.window_after(last_negative.date) if last_negative is not None else None
    after = pregnancy.due_after_last_dose(course.end_date) if course.end_date is not None else None
    return PregnancyFacts(schedule, window, after)


@dataclass(frozen=True)
class LabComparison:
    """One test of the course: its baseline and latest result, both in the latest one's unit."""

    name: str
    unit: str
    latest: LabResult
    latest_value: float
    baseline: LabResult | None
    baseline_value: float | None  # converted to `unit`; None when there is no baseline
    results: int  # how many results of this test the course holds (baseline included)

    @property
    def mark(self) -> str:
        """▲ above the lab's range, ▼ below it, '' inside it or with no range."""
        return range_mark(self.latest)

    @property
    def baseline_mark(self) -> str:
        return "" if self.baseline is None else range_mark(self.baseline)


def range_mark(result: LabResult) -> str:
    low, high = result.reference_low, result.reference_high
    if high is not None and result.value > high:
        return "▲"
    if low is not None and result.value < low:
        return "▼"
    return ""


def in_unit(result: LabResult, unit: str) -> float | None:
    """`result`'s value in `unit` (mg/dL <-> mmol/L with the spec's factors), or None when it
    cannot be converted (an `other` test whose units differ)."""
    if result.unit == unit:
        return result.value
    test = scales.LAB_TESTS[result.test]
    first = test.to_first_unit(result.value, result.unit)
    if first is None or unit not in test.units:
        return None
    return first / test.per_unit[test.units.index(unit)]


def lab_comparisons(course: Course, labs: Sequence[LabResult], on: dt.date) -> list[LabComparison]:
    """Every test with a result in the course (up to `on`): the latest against the baseline,
    the latest result on or before the start, else the first within 7 days after it."""
    last_day = min(on, course.end_date) if course.end_date is not None else on
    by_test: dict[tuple[str, str | None], list[LabResult]] = {}
    for result in sorted(labs, key=lambda r: r.date):
        if result.date <= last_day:
            by_test.setdefault((result.test, result.label), []).append(result)
    comparisons = []
    for results in by_test.values():
        before = [r for r in results if r.date <= course.start_date]
        early = [
            r
            for r in results
            if course.start_date < r.date <= course.start_date + dt.timedelta(days=BASELINE_AFTER_START_DAYS)
        ]
        baseline = before[-1] if before else (early[0] if early else None)
        during = [r for r in results if r.date >= course.start_date]
        if not during:
            continue  # only results from before the course (an earlier course's): not this one's
        latest = during[-1]
        counted = [r for r in results if r in during or r is baseline]
        comparisons.append(
            LabComparison(
                name=latest.shown_as,
                unit=latest.unit,
                latest=latest,
                latest_value=latest.value,
                baseline=None if baseline is latest else baseline,
                baseline_value=None
                if baseline is None or baseline is latest
                else in_unit(baseline, latest.unit),
                results=len(counted),
            )
        )
    order = list(scales.LAB_TESTS)
    comparisons.sort(key=lambda c: (order.index(c.latest.test), c.name))
    return comparisons


@dataclass(frozen=True)
class GuidedMedicine:
    """A medicine of a kind the guide warns about, taken during the course, with the guide's words."""

    medicine: Medicine
    words: str  # the guide's name for the kind and its sentences, quoted and attributed


def guided_medicines(course: Course, medicines: Sequence[Medicine], on: dt.date) -> list[GuidedMedicine]:
    """The medicines of the guide's kinds taken on some day of the course up to `on`, in the
    guide's order of kinds, then by when they were started."""
    last_day = min(on, course.end_date) if course.end_date is not None else on
    kinds = list(GUIDE_SAYS)
    taken = [m for m in medicines if m.kind in GUIDE_SAYS and m.overlaps(course.start_date, last_day)]
    taken.sort(key=lambda m: (kinds.index(m.kind), m.starts, m.name))
    return [GuidedMedicine(m, quoted(m.kind)) for m in taken]
