"""Writes resources/demo-diary.json: a realistic, invented five-month course (seeded, repeatable).

The person is made up. Their course follows what the Medication Guide and clinical
reports describe: lips dry within days, skin and eyes a little later, an early flare of
breakouts that clears by month three, some aching joints after the dose goes up, and a
stretch of low mood in month three that the mood flags should raise. Run:

    .venv/bin/python tools/make_demo_diary.py
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from diary.core.course import Course, DoseChange
from diary.core.entry import Entry
from diary.core.interchange import DiaryDocument, document_to_json
from diary.core.routine import DEFAULT_ROUTINE

START = dt.date(2026, 3, 2)
DAYS = 150
OUT = Path(__file__).resolve().parent.parent / "resources" / "demo-diary.json"

NOTES = {
    0: "First capsule with dinner. A bit nervous.",
    3: "Lips already feel tight. Bought a thicker balm.",
    12: "Small nosebleed in the morning, stopped quickly.",
    20: "Lots of new spots on the chin. The nurse said an early flare is common.",
    28: "Dose goes up to 40 mg from today.",
    41: "Knees ache after running. Took it easier.",
    55: "Skin is calmer. Fewer new spots this week.",
    74: "Feeling flat and tired, not myself.",
    76: "Cried after work for no clear reason. Told my sister.",
    77: "Still low. Going to mention it to the doctor.",
    80: "Talked with Dr. Novak; we made a plan to check in weekly.",
    84: "A better day. Went for a walk with friends.",
    96: "Eyes very dry with contact lenses; wore glasses.",
    110: "Forgot the evening dose.",
    125: "Almost no new spots for two weeks.",
    140: "Lips still dry but manageable.",
}


def build() -> DiaryDocument:
    rng = random.Random(20260302)
    course = Course(
        start_date=START,
        planned_weeks=20,
        weight_kg=64.5,
        target_mg_per_kg=120,
        doses=(DoseChange(START, 20), DoseChange(START + dt.timedelta(days=28), 40)),
    )
    entries = [entry for day in range(DAYS) if (entry := _day(day, course, rng)) is not None]
    return DiaryDocument(courses=(course,), routine=DEFAULT_ROUTINE, entries=tuple(entries))


def _clamp(value: float, low: int = 0, high: int = 10) -> int:
    return max(low, min(high, round(value)))


def _day(day: int, course: Course, rng: random.Random) -> Entry | None:
    date = START + dt.timedelta(days=day)
    low_spell = 72 <= day <= 79
    # About one evening in twelve goes unlogged, never inside the low spell (it is the story).
    if day not in NOTES and not low_spell and rng.random() < 0.08:
        return None
    scheduled = course.scheduled_dose(date) or 0
    dose: float | None = 0 if day in (47, 110, 131) else scheduled
    build_up = min(1.0, day / 14)
    lips = _clamp(1 + 5.5 * build_up + rng.gauss(0, 0.8))
    skin = _clamp(0.5 + 3.5 * min(1.0, day / 30) + rng.gauss(0, 0.9))
    eyes = _clamp(1.5 * min(1.0, day / 40) + (1.5 if 90 <= day <= 105 else 0) + rng.gauss(0, 0.8))
    joints = _clamp((2.2 if day >= 35 else 0.4) + rng.gauss(0, 0.9))
    mood = _clamp(7 + rng.gauss(0, 0.9))
    signs: tuple[str, ...] = ()
    if 65 <= day < 72:
        mood = _clamp(5 + rng.gauss(0, 0.7))
    if low_spell:
        mood = [3, 3, 2, 3, 2, 3, 4, 4][day - 72]
        signs = {74: ("sad", "no_energy", "sleep_change"), 76: ("sad", "no_energy"), 77: ("no_energy",)}.get(
            day, ()
        )
    flare = 6 * max(0.0, 1 - abs(day - 24) / 18)
    new_spots = max(0, round(1.5 + flare + rng.gauss(0, 1.2) - day / 60))
    severity = 3 if day < 35 else 2 if day < 70 else 1 if day < 115 else 0
    skincare = [
        step.key
        for step in DEFAULT_ROUTINE
        if rng.random() < {"spf": 0.7, "eye_drops": 0.5}.get(step.key, 0.93)
    ]
    side = []
    if day >= 5 and rng.random() < 0.35:
        side.append("dry_nose")
    if day in (12, 33, 61):
        side.append("nosebleed")
    if day >= 30 and rng.random() < 0.08:
        side.append("headache")
    if 40 <= day <= 110 and rng.random() < 0.1:
        side.append("sun_sensitivity")
    phq9 = None
    if day % 14 == 0:
        phq9 = (0, 0, 1, 1, 0, 0, 0, 0, 0) if not 70 <= day <= 84 else (2, 2, 2, 2, 1, 1, 1, 0, 0)
    return Entry(
        date=date,
        dose_mg=dose,
        lips=lips,
        skin=skin,
        eyes=eyes,
        joint_pain=joints,
        mood=mood,
        warning_signs=signs,
        breakouts_new=new_spots,
        breakout_severity=severity,
        skincare=tuple(skincare),
        side_effects=tuple(side),
        phq9=phq9,
        note=NOTES.get(day),
    )


if __name__ == "__main__":
    text = document_to_json(build(), dt.datetime(2026, 7, 30, 20, 0, tzinfo=dt.UTC))
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(text) // 1024} KiB)")
