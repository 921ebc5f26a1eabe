"""Turning table rows into the core's objects and back; the only place that knows both shapes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from diary.core.course import Course, DoseChange
from diary.core.entry import Entry
from diary.core.routine import RoutineStep
from diary.store.models import CourseRow, DoseChangeRow, RoutineStepRow


def entry_values(entry: Entry, saved_at: dt.datetime) -> dict[str, Any]:
    """The column values of an entry's row."""
    return {
        "date": entry.date,
        "dose_mg": None if entry.dose_mg is None else float(entry.dose_mg),
        "lips": entry.lips,
        "skin": entry.skin,
        "eyes": entry.eyes,
        "joint_pain": entry.joint_pain,
        "mood": entry.mood,
        "warning_signs": _list(entry.warning_signs),
        "breakouts_new": entry.breakouts_new,
        "breakout_severity": entry.breakout_severity,
        "skincare": _list(entry.skincare),
        "side_effects": _list(entry.side_effects),
        "phq9": _list(entry.phq9),
        "note": entry.note,
        "saved_at": saved_at,
    }


def course_from_row(row: CourseRow) -> Course:
    return Course(
        start_date=row.start_date,
        planned_weeks=row.planned_weeks,
        weight_kg=row.weight_kg,
        target_mg_per_kg=row.target_mg_per_kg,
        doses=tuple(DoseChange(dose.starts, dose.mg_per_day) for dose in row.doses),
        end_date=row.end_date,
    )


def fill_course_row(row: CourseRow, course: Course) -> None:
    row.start_date = course.start_date
    row.planned_weeks = course.planned_weeks
    row.weight_kg = course.weight_kg
    row.target_mg_per_kg = course.target_mg_per_kg
    row.end_date = course.end_date
    # Rows of unchanged dates are kept: replacing them in one flush would insert the new
    # row before the old one is deleted and break the (course, date) uniqueness.
    existing = {dose.starts: dose for dose in row.doses}
    kept = []
    for dose in course.doses:
        dose_row = existing.get(dose.starts) or DoseChangeRow(starts=dose.starts)
        dose_row.mg_per_day = float(dose.mg_per_day)
        kept.append(dose_row)
    row.doses = kept


def step_from_row(row: RoutineStepRow) -> RoutineStep:
    return RoutineStep(row.key, row.label, row.active)


def _list(values: Sequence[Any] | None) -> list[Any] | None:
    return None if values is None else list(values)
