"""Diaries for tests: a course, entries covering every field, and documents built from them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from diary.core.course import Course, DoseChange
from diary.core.entry import Entry
from diary.core.interchange import DiaryDocument, document_from_json
from diary.core.routine import DEFAULT_ROUTINE

START = dt.date(2026, 3, 2)
REPOSITORY = Path(__file__).resolve().parents[2]


def sample_course(**changes: object) -> Course:
    values: dict[str, object] = {
        "start_date": START,
        "planned_weeks": 20,
        "weight_kg": 64.5,
        "target_mg_per_kg": 120,
        "doses": (DoseChange(START, 20), DoseChange(dt.date(2026, 3, 30), 40)),
    }
    values.update(changes)
    return Course(**values)  # type: ignore[arg-type]


def full_entry(day: dt.date = START) -> Entry:
    """An entry with every field logged, zeros included (0 is a value, not "not logged")."""
    return Entry(
        date=day,
        dose_mg=22.5,
        lips=0,
        skin=4,
        eyes=10,
        joint_pain=0,
        mood=0,
        warning_signs=("sad", "hallucinations"),
        breakouts_new=0,
        breakout_severity=4,
        skincare=("cleanser", "lip_balm"),
        side_effects=("dry_nose", "rash"),
        phq9=(0, 1, 2, 3, 0, 1, 2, 3, 0),
        note="Zeros are values.\nSecond line, with a comma; and “quotes”.",
    )


def sample_entries() -> list[Entry]:
    """Two weeks with gaps, partly logged days, empty lists and a missed dose."""
    entries = [full_entry(START)]
    for offset in range(1, 14):
        day = START + dt.timedelta(days=offset)
        if offset in (4, 9):
            continue  # not logged at all
        entries.append(
            Entry(
                date=day,
                dose_mg=0 if offset == 6 else 20,
                lips=min(10, 2 + offset // 2),
                skin=None if offset == 3 else 1,
                mood=7 if offset % 5 else None,
                warning_signs=() if offset % 2 else None,
                skincare=("cleanser", "moisturizer") if offset % 3 else (),
                note=None,
            )
        )
    return entries


def sample_document() -> DiaryDocument:
    return DiaryDocument(courses=(sample_course(),), routine=DEFAULT_ROUTINE, entries=tuple(sample_entries()))


def demo_document() -> DiaryDocument:
    path = REPOSITORY / "resources" / "demo-diary.json"
    return document_from_json(path.read_text(encoding="utf-8"), str(path))
