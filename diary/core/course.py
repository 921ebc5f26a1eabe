"""A course of isotretinoin: when it runs, the person's weight, the target and the dose schedule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from diary.core import scales
from diary.core.entry import InvalidValue, check_number


@dataclass(frozen=True)
class DoseChange:
    """From `starts` on, `mg_per_day` mg is prescribed on each dosing day: `starts` and every
    `every_days`-th day after it (1 daily, 2 every other day, 7 weekly; interchange version 3)."""

    starts: dt.date
    mg_per_day: float
    every_days: int = 1

    def __post_init__(self) -> None:
        if self.mg_per_day is None:
            raise InvalidValue("mg_per_day", f"must be {scales.MG_PER_DAY.describe()}")
        check_number("mg_per_day", self.mg_per_day, scales.MG_PER_DAY)
        if self.every_days is None:
            raise InvalidValue("every_days", f"must be {scales.EVERY_DAYS.describe()}")
        check_number("every_days", self.every_days, scales.EVERY_DAYS)

    def is_dosing_day(self, day: dt.date) -> bool:
        """True on `starts` and every `every_days`-th day after it."""
        return day >= self.starts and (day - self.starts).days % self.every_days == 0

    def next_dosing_day(self, after: dt.date) -> dt.date:
        """The first dosing day of this step after `after`."""
        if after < self.starts:
            return self.starts
        return after + dt.timedelta(days=self.every_days - (after - self.starts).days % self.every_days)

    def words(self) -> str:
        """'20 mg a day', '20 mg every other day', '40 mg every 3 days', '40 mg once a week'."""
        return (
            f"{self.mg_per_day:g} mg {EVERY_DAYS_WORDS.get(self.every_days, f'every {self.every_days} days')}"
        )


EVERY_DAYS_WORDS = {1: "a day", 2: "every other day", 7: "once a week"}


@dataclass(frozen=True)
class Course:
    """One course. Several may follow each other over the years; they never overlap.

    `end_date` is None while the course runs. `weight_kg`, `planned_weeks` and
    `target_mg_per_kg` may be None when the person has not given them.
    """

    start_date: dt.date
    planned_weeks: int | None = None
    weight_kg: float | None = None
    target_mg_per_kg: float | None = scales.DEFAULT_TARGET_MG_PER_KG
    doses: tuple[DoseChange, ...] = field(default_factory=tuple)
    end_date: dt.date | None = None
    # The person follows a pregnancy prevention programme during this course.
    pregnancy_prevention: bool = False
    # The day the person marked their skin clear (interchange version 3), inside the course.
    clear_since: dt.date | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.pregnancy_prevention, bool):
            raise InvalidValue("pregnancy_prevention", "must be true or false")
        check_number("planned_weeks", self.planned_weeks, scales.PLANNED_WEEKS)
        check_number("weight_kg", self.weight_kg, scales.WEIGHT_KG)
        check_number("target_mg_per_kg", self.target_mg_per_kg, scales.TARGET_MG_PER_KG)
        if self.end_date is not None and self.end_date < self.start_date:
            raise InvalidValue("end_date", f"{self.end_date} is before the course starts ({self.start_date})")
        if self.clear_since is not None and not self.contains(self.clear_since):
            raise InvalidValue("clear_since", f"{self.clear_since} is not a day of the course")
        doses = tuple(sorted(self.doses, key=lambda change: change.starts))
        for earlier, later in pairwise(doses):
            if earlier.starts == later.starts:
                raise InvalidValue("doses", f"two dose changes on {later.starts}")
        object.__setattr__(self, "doses", doses)

    def contains(self, day: dt.date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)

    def day_number(self, day: dt.date) -> int:
        """Day 1 is the start date."""
        return (day - self.start_date).days + 1

    def week_number(self, day: dt.date) -> int:
        """Week 1 is days 1-7."""
        return (self.day_number(day) - 1) // 7 + 1

    @property
    def planned_days(self) -> int | None:
        return None if self.planned_weeks is None else self.planned_weeks * 7

    @property
    def target_mg(self) -> float | None:
        if self.weight_kg is None or self.target_mg_per_kg is None:
            return None
        return self.weight_kg * self.target_mg_per_kg

    def schedule_inside(self) -> tuple[DoseChange, ...]:
        """The dose schedule as it holds inside the course's own days: a change dated before
        the start (an earlier start date moved later) counts from the start; one after the
        end never took effect. The prescribed dose of every course day stays the same."""
        inside = [change for change in self.doses if change.starts >= self.start_date]
        before = [change for change in self.doses if change.starts < self.start_date]
        if before and not any(change.starts == self.start_date for change in inside):
            inside.insert(0, DoseChange(self.start_date, before[-1].mg_per_day, before[-1].every_days))
        if self.end_date is not None:
            inside = [change for change in inside if change.starts <= self.end_date]
        return tuple(inside)

    def step_on(self, day: dt.date) -> DoseChange | None:
        """The dose step in force on `day`, or None before the schedule starts."""
        step = None
        for change in self.doses:
            if change.starts > day:
                break
            step = change
        return step

    def is_dosing_day(self, day: dt.date) -> bool:
        """A day a dose is prescribed. With no step in force (no schedule given yet) every
        day counts, so an unknown schedule never hides a missed or unlogged day."""
        step = self.step_on(day)
        return step is None or step.is_dosing_day(day)

    def scheduled_dose(self, day: dt.date) -> float | None:
        """The prescribed dose on `day`: None before the schedule starts and on the days
        between doses of a step that is not daily."""
        step = self.step_on(day)
        return step.mg_per_day if step is not None and step.is_dosing_day(day) else None

    def last_day(self, today: dt.date) -> dt.date:
        """The end date, or `today` for a running course."""
        return self.end_date if self.end_date is not None else max(today, self.start_date)


class CourseClash(ValueError):
    """A course whose dates overlap another one (courses never overlap)."""


def course_on(courses: Iterable[Course], day: dt.date) -> Course | None:
    """The course whose date range holds `day`, if any."""
    for course in courses:
        if course.contains(day):
            return course
    return None


def overlapping_courses(courses: Sequence[Course]) -> tuple[Course, Course] | None:
    """The first pair of courses whose date ranges overlap, or None when they are apart."""
    ordered = sorted(courses, key=lambda course: course.start_date)
    for earlier, later in pairwise(ordered):
        if earlier.end_date is None or earlier.end_date >= later.start_date:
            return earlier, later
    return None
