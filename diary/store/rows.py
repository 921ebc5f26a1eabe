"""Turning table rows into the core's objects and back; the only place that knows both shapes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from diary.core import fields
from diary.core.course import Course, DoseChange
from diary.core.entry import Entry
from diary.core.fields import ENTRY_FIELDS
from diary.core.records import CustomSideEffect, LabResult, Medicine, PregnancyTest, Weighing
from diary.core.routine import RoutineStep
from diary.store.models import (
    CourseRow,
    CustomSideEffectRow,
    DoseChangeRow,
    LabResultRow,
    MedicineRow,
    PregnancyTestRow,
    RoutineStepRow,
    WeighingRow,
)


def _list(values: Sequence[Any] | None) -> list[Any] | None:
    return None if values is None else list(values)


def _float(value: float | None) -> float | None:
    return None if value is None else float(value)


def _same(value: Any) -> Any:
    return value


# (field name, turns the core's value into the column's) for every field of the table.
_TO_COLUMN: tuple[tuple[str, Callable[[Any], Any]], ...] = tuple(
    (
        field.name,
        _float
        if field.kind == fields.NUMBER and field.scale is not None and not field.scale.whole_numbers
        else _list
        if field.kind in (fields.KEYS, fields.ANSWERS)
        else _same,
    )
    for field in ENTRY_FIELDS
)


def entry_values(entry: Entry, saved_at: dt.datetime) -> dict[str, Any]:
    """The column values of an entry's row (diary.store.models lays the table out from the
    same field table)."""
    values: dict[str, Any] = {"date": entry.date}
    for name, to_column in _TO_COLUMN:
        values[name] = to_column(getattr(entry, name))
    values["saved_at"] = saved_at
    return values


def course_from_row(row: CourseRow) -> Course:
    return Course(
        start_date=row.start_date,
        planned_weeks=row.planned_weeks,
        weight_kg=row.weight_kg,
        target_mg_per_kg=row.target_mg_per_kg,
        doses=tuple(DoseChange(dose.starts, dose.mg_per_day, dose.every_days) for dose in row.doses),
        end_date=row.end_date,
        pregnancy_prevention=row.pregnancy_prevention,
        clear_since=row.clear_since,
    )


def fill_course_row(row: CourseRow, course: Course) -> None:
    row.start_date = course.start_date
    row.planned_weeks = course.planned_weeks
    row.weight_kg = course.weight_kg
    row.target_mg_per_kg = course.target_mg_per_kg
    row.end_date = course.end_date
    row.pregnancy_prevention = course.pregnancy_prevention
    row.clear_since = course.clear_since
    # Rows of unchanged dates are kept: replacing them in one flush would insert the new
    # row before the old one is deleted and break the (course, date) uniqueness.
    existing = {dose.starts: dose for dose in row.doses}
    kept = []
    for dose in course.doses:
        dose_row = existing.get(dose.starts) or DoseChangeRow(starts=dose.starts)
        dose_row.mg_per_day = float(dose.mg_per_day)
        dose_row.every_days = dose.every_days
        kept.append(dose_row)
    row.doses = kept


def step_from_row(row: RoutineStepRow) -> RoutineStep:
    return RoutineStep(row.key, row.label, row.active, row.added_on, row.retired_on)


# The records of diary.core.records ----------------------------------------------------------
# A lab result's null label is '' in its row (see LabResultRow).


def lab_label(result: LabResult) -> str:
    return result.label or ""


def weighing_row(weighing: Weighing) -> WeighingRow:
    return WeighingRow(date=weighing.date, kg=float(weighing.kg))


def lab_result_row(result: LabResult) -> LabResultRow:
    return LabResultRow(
        date=result.date,
        test=result.test,
        label=lab_label(result),
        value=float(result.value),
        unit=result.unit,
        reference_low=_float(result.reference_low),
        reference_high=_float(result.reference_high),
        note=result.note,
    )


def pregnancy_test_row(test: PregnancyTest) -> PregnancyTestRow:
    return PregnancyTestRow(date=test.date, result=test.result, place=test.where)


def medicine_row(medicine: Medicine) -> MedicineRow:
    return MedicineRow(
        name=medicine.name, starts=medicine.starts, kind=medicine.kind, ends=medicine.ends, note=medicine.note
    )


def custom_side_effect_row(item: CustomSideEffect, position: int) -> CustomSideEffectRow:
    return CustomSideEffectRow(
        key=item.key,
        label=item.label,
        position=position,
        active=item.active,
        added_on=item.added_on,
        retired_on=item.retired_on,
    )
