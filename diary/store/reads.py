"""Reading the diary through plain SQL (diary.store.sqlcipher), into the core's objects.

Why not SQLAlchemy here: importing it costs more than the whole window takes to appear
(about 0.4 s against 0.2 s on a slow laptop), and everything the first frame shows is a
plain read. So reads are plain SQL on the tables the models in diary.store.models
describe, and SQLAlchemy is loaded for the first write. A test reads a diary full of
every kind of value both ways and compares, so the two cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from diary.core import fields
from diary.core.appointments import Appointment, Question
from diary.core.course import Course, DoseChange
from diary.core.entry import Entry
from diary.core.fields import FIELDS_BY_NAME
from diary.core.follow_up import FollowUp
from diary.core.records import CustomSideEffect, LabResult, Medicine, PregnancyTest, Weighing
from diary.core.routine import RoutineStep
from diary.store import sqlcipher
from diary.store.setting_rows import json_value as _json


def _date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def _keys(text: str | None) -> tuple[Any, ...] | None:
    """A JSON list column: NULL is "not logged", '[]' is "logged: none" (the common case)."""
    if text is None:
        return None
    return () if text == "[]" else tuple(_json(text))


# The entry fields' columns, named after diary.core.fields.ENTRY_FIELDS (as the models lay
# them out), selected in the order of Entry's own fields so that a row is Entry's arguments.
_ENTRY_ORDER: tuple[str, ...] = tuple(field.name for field in dataclasses.fields(Entry))
assert set(_ENTRY_ORDER) == {"date", *FIELDS_BY_NAME}, "Entry and diary.core.fields disagree"
# The fields stored as a JSON list (keys, the PHQ-9's answers), and their places in a row.
LIST_FIELDS: tuple[str, ...] = tuple(
    name
    for name in _ENTRY_ORDER
    if name != "date" and FIELDS_BY_NAME[name].kind in (fields.KEYS, fields.ANSWERS)
)
_LIST_COLUMNS: tuple[int, ...] = tuple(_ENTRY_ORDER.index(name) for name in LIST_FIELDS)
ENTRY_COLUMNS = ", ".join(_ENTRY_ORDER)


def _entry(row: tuple[Any, ...]) -> Entry:
    values = list(row)
    values[0] = dt.date.fromisoformat(values[0])
    for index in _LIST_COLUMNS:
        values[index] = _keys(values[index])
    return Entry(*values)


def entry(connection: sqlcipher.Connection, day: dt.date) -> Entry | None:
    row = connection.execute(
        f"SELECT {ENTRY_COLUMNS} FROM entries WHERE date = ?", (day.isoformat(),)
    ).fetchone()
    return None if row is None else _entry(row)


def entries(connection: sqlcipher.Connection, start: dt.date | None, end: dt.date | None) -> list[Entry]:
    # ISO dates sort as text, so the range is a plain comparison on the primary key.
    rows = connection.execute(
        f"SELECT {ENTRY_COLUMNS} FROM entries WHERE date >= ? AND date <= ? ORDER BY date",
        ((start or dt.date.min).isoformat(), (end or dt.date.max).isoformat()),
    )
    return [_entry(row) for row in rows]


def mood_entries(connection: sqlcipher.Connection) -> list[Entry]:
    """Every day's mood, warning signs, serious symptoms and PHQ-9 (what the flags read),
    nothing else."""
    rows = connection.execute(
        "SELECT date, mood, warning_signs, serious_symptoms, phq9 FROM entries "
        "WHERE mood IS NOT NULL OR warning_signs IS NOT NULL OR serious_symptoms IS NOT NULL "
        "OR phq9 IS NOT NULL ORDER BY date"
    )
    return [
        Entry(
            dt.date.fromisoformat(day),
            mood=mood,
            warning_signs=_keys(signs),
            serious_symptoms=_keys(symptoms),
            phq9=_keys(phq9),
        )
        for day, mood, signs, symptoms, phq9 in rows
    ]


def dose_entries(connection: sqlcipher.Connection, start: dt.date, end: dt.date) -> list[Entry]:
    """The days in start..end with a dose, holding only the dose (what course progress reads)."""
    rows = connection.execute(
        "SELECT date, dose_mg FROM entries WHERE date >= ? AND date <= ? AND dose_mg IS NOT NULL "
        "ORDER BY date",
        (start.isoformat(), end.isoformat()),
    )
    return [Entry(dt.date.fromisoformat(day), dose_mg=dose) for day, dose in rows]


def logged_days(connection: sqlcipher.Connection, start: dt.date, end: dt.date) -> set[dt.date]:
    rows = connection.execute(
        "SELECT date FROM entries WHERE date >= ? AND date <= ?", (start.isoformat(), end.isoformat())
    )
    return {dt.date.fromisoformat(day) for (day,) in rows}


def first_logged_day(connection: sqlcipher.Connection, on_or_before: dt.date) -> dt.date | None:
    row = connection.execute("SELECT min(date) FROM entries WHERE date <= ?", (on_or_before.isoformat(),))
    return _date(row.fetchone()[0])


def last_phq9_day(connection: sqlcipher.Connection, on_or_before: dt.date) -> dt.date | None:
    row = connection.execute(
        "SELECT max(date) FROM entries WHERE phq9 IS NOT NULL AND date <= ?", (on_or_before.isoformat(),)
    ).fetchone()
    return _date(row[0])


def courses(connection: sqlcipher.Connection) -> list[Course]:
    doses: dict[int, list[DoseChange]] = {}
    for course_id, starts, mg, every in connection.execute(
        "SELECT course_id, starts, mg_per_day, every_days FROM dose_changes ORDER BY starts"
    ):
        doses.setdefault(course_id, []).append(DoseChange(dt.date.fromisoformat(starts), mg, every))
    rows = connection.execute(
        "SELECT id, start_date, planned_weeks, weight_kg, target_mg_per_kg, end_date, pregnancy_prevention, "
        "clear_since FROM courses ORDER BY start_date"
    )
    return [
        Course(
            start_date=dt.date.fromisoformat(start),
            planned_weeks=weeks,
            weight_kg=weight,
            target_mg_per_kg=target,
            doses=tuple(doses.get(course_id, ())),
            end_date=_date(end),
            pregnancy_prevention=bool(prevention),
            clear_since=_date(clear),
        )
        for course_id, start, weeks, weight, target, end, prevention, clear in rows
    ]


def routine(connection: sqlcipher.Connection, include_retired: bool) -> list[RoutineStep]:
    rows = connection.execute(
        "SELECT key, label, active, added_on, retired_on FROM routine_steps ORDER BY position"
    )
    return [
        RoutineStep(key, label, bool(active), _date(added), _date(retired))
        for key, label, active, added, retired in rows
        if include_retired or active
    ]


def follow_ups(connection: sqlcipher.Connection) -> dict[tuple[str, dt.date], FollowUp]:
    rows = connection.execute("SELECT rule, date, state, discussed_on, note, alerted FROM flag_follow_ups")
    result = {}
    for rule, day, state, discussed_on, note, alerted in rows:
        date = dt.date.fromisoformat(day)
        result[(rule, date)] = FollowUp(rule, date, state, _date(discussed_on), note, bool(alerted))
    return result


def appointments(connection: sqlcipher.Connection) -> list[Appointment]:
    rows = connection.execute("SELECT day, with_whom, note, id FROM appointments ORDER BY day, id")
    return [Appointment(dt.date.fromisoformat(day), whom, note, key) for day, whom, note, key in rows]


def questions(connection: sqlcipher.Connection) -> list[Question]:
    rows = connection.execute("SELECT text, added_on, asked_on, id FROM questions ORDER BY added_on, id")
    return [
        Question(text, dt.date.fromisoformat(added), _date(asked), key) for text, added, asked, key in rows
    ]


def weights(connection: sqlcipher.Connection) -> list[Weighing]:
    rows = connection.execute("SELECT date, kg FROM weights ORDER BY date")
    return [Weighing(dt.date.fromisoformat(day), kg) for day, kg in rows]


def lab_results(connection: sqlcipher.Connection) -> list[LabResult]:
    rows = connection.execute(
        "SELECT date, test, label, value, unit, reference_low, reference_high, note FROM lab_results "
        "ORDER BY date, test, label"
    )
    return [
        # A named test's label is '' in its row (see diary.store.models.LabResultRow).
        LabResult(dt.date.fromisoformat(day), test, value, unit, label or None, low, high, note)
        for day, test, label, value, unit, low, high, note in rows
    ]


def pregnancy_tests(connection: sqlcipher.Connection) -> list[PregnancyTest]:
    rows = connection.execute("SELECT date, result, place FROM pregnancy_tests ORDER BY date")
    return [PregnancyTest(dt.date.fromisoformat(day), result, place) for day, result, place in rows]


def medicines(connection: sqlcipher.Connection) -> list[Medicine]:
    rows = connection.execute("SELECT name, kind, starts, ends, note FROM medicines ORDER BY starts, name")
    return [
        Medicine(name, kind, dt.date.fromisoformat(starts), _date(ends), note)
        for name, kind, starts, ends, note in rows
    ]


def custom_side_effects(connection: sqlcipher.Connection) -> list[CustomSideEffect]:
    rows = connection.execute(
        "SELECT key, label, active, added_on, retired_on FROM custom_side_effects ORDER BY position"
    )
    return [
        CustomSideEffect(key, label, bool(active), _date(added), _date(retired))
        for key, label, active, added, retired in rows
    ]


# Tables whose rows are the person's records (not settings): a diary with none is empty.
RECORD_TABLES = (
    "entries",
    "courses",
    "flag_follow_ups",
    "appointments",
    "questions",
    "weights",
    "lab_results",
    "pregnancy_tests",
    "medicines",
    "custom_side_effects",
    "photos",
)


def holds_records(connection: sqlcipher.Connection) -> bool:
    """Whether the diary holds any record at all (its routine and settings do not count)."""
    return any(connection.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() for table in RECORD_TABLES)


def counts(connection: sqlcipher.Connection) -> dict[str, int]:
    def count(table: str) -> int:
        number: int = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return number

    return {"entries": count("entries"), "courses": count("courses"), "routine steps": count("routine_steps")}


def integrity_problems(connection: sqlcipher.Connection) -> list[str]:
    """SQLite's full check and the foreign keys; an empty list means the file is sound."""
    lines = [str(line) for (line,) in connection.execute("PRAGMA integrity_check")]
    lines += [f"broken link in {row[0]}" for row in connection.execute("PRAGMA foreign_key_check")]
    return [line for line in lines if line != "ok"]
