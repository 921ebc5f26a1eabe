"""Realistic data for a diary at each schema revision, and how to check it through today's Diary API.

Adding an Alembic revision means adding one `Seed` to SEEDS under its id:
- `fill` writes rows into what that revision added (or reshaped), in plain SQL and in the
  exact form the program of that time stored them (dates as text, lists as JSON, ...), so
  the upgrade is tested on a file as an older IsoDiary left it, not as today's models would;
- `check` reads every one of those values back through the Diary API after the upgrade.

A diary built at revision R (`build_at`) holds the seeds of every revision up to R.
tests/store/test_upgrades.py fails, naming the revision, when one is missing here.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, create_engine, text
from sqlcipher3 import dbapi2 as sqlite3  # the one SQLite library (issue 25)

from diary.core.appointments import Appointment, Question
from diary.core.course import Course, DoseChange
from diary.core.entry import Entry
from diary.core.follow_up import FollowUp
from diary.core.photos import Photo
from diary.core.preferences import Preferences
from diary.core.records import CustomSideEffect, LabResult, Medicine, PregnancyTest, Weighing
from diary.core.routine import RoutineStep
from diary.store import migrations
from diary.store.diary import Diary


@dataclass(frozen=True)
class Seed:
    fill: Callable[[Connection], None]
    check: Callable[[Diary], None]


def _insert(connection: Connection, table: str, rows: list[dict[str, Any]]) -> None:
    columns = list(rows[0])
    statement = text(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(':' + name for name in columns)})"
    )
    connection.execute(statement, rows)


def _json(values: list[Any] | None) -> str | None:
    return None if values is None else json.dumps(values)


# 0001: courses and doses, the routine, entries, settings ---------------------------------

D = dt.date
SAVED = "2026-06-01 20:15:00.000000"

COURSES_0001 = [
    Course(
        start_date=D(2025, 9, 1),
        planned_weeks=16,
        weight_kg=71.2,
        target_mg_per_kg=120,
        doses=(DoseChange(D(2025, 9, 1), 20), DoseChange(D(2025, 9, 29), 40)),
        end_date=D(2025, 12, 20),
    ),
    Course(
        start_date=D(2026, 3, 2),
        planned_weeks=None,
        weight_kg=None,
        target_mg_per_kg=None,
        doses=(DoseChange(D(2026, 3, 2), 10.5),),
        end_date=None,
    ),
]

STEPS_0001 = [
    RoutineStep("cleanser", "Gentle cleanser", True),
    RoutineStep("moisturizer", "Moisturizer", True),
    RoutineStep("spf", "Sunscreen SPF 30+", True),
    RoutineStep("lip_balm", "Lip balm — the thick one", True),
    RoutineStep("retinoid", "Retinoid cream (stopped)", False),
]

ENTRIES_0001 = [
    # Every field logged, zeros included: 0 is a value, not "not logged".
    Entry(
        date=D(2025, 9, 1),
        dose_mg=20,
        lips=0,
        skin=0,
        eyes=0,
        joint_pain=0,
        mood=0,
        warning_signs=("sad", "self_harm_thoughts"),
        breakouts_new=0,
        breakout_severity=0,
        skincare=("cleanser", "retinoid"),
        side_effects=("nosebleed",),
        phq9=(3, 3, 2, 1, 0, 0, 1, 2, 3),
        note="First day.\nLine two, with “quotes”, a comma; and ünïcode ✓",
    ),
    # The highest values.
    Entry(
        date=D(2025, 9, 2),
        dose_mg=200,
        lips=10,
        skin=10,
        eyes=10,
        joint_pain=10,
        mood=10,
        warning_signs=(),
        breakouts_new=999,
        breakout_severity=4,
        skincare=(),
        side_effects=(),
        phq9=None,
        note="",
    ),
    # A missed dose (0), the rest not logged.
    Entry(date=D(2025, 9, 3), dose_mg=0),
    # Only a note, outside every course.
    Entry(date=D(2026, 1, 15), note="Between courses."),
    # A half dose and some fields, in the running course.
    Entry(date=D(2026, 3, 2), dose_mg=10.5, lips=3, mood=6, skincare=("spf", "lip_balm"), phq9=(0,) * 9),
]

PREFERENCES_0001 = Preferences(name="Alex", appearance="dark", emergency_number="112", paper_size="A4")


def _fill_0001(connection: Connection) -> None:
    for course_id, course in enumerate(COURSES_0001, start=1):
        _insert(
            connection,
            "courses",
            [
                {
                    "id": course_id,
                    "start_date": course.start_date.isoformat(),
                    "planned_weeks": course.planned_weeks,
                    "weight_kg": course.weight_kg,
                    "target_mg_per_kg": None
                    if course.target_mg_per_kg is None
                    else float(course.target_mg_per_kg),
                    "end_date": None if course.end_date is None else course.end_date.isoformat(),
                }
            ],
        )
        _insert(
            connection,
            "dose_changes",
            [
                {
                    "course_id": course_id,
                    "starts": dose.starts.isoformat(),
                    "mg_per_day": float(dose.mg_per_day),
                }
                for dose in course.doses
            ],
        )
    _insert(
        connection,
        "routine_steps",
        [
            {"key": step.key, "label": step.label, "position": position, "active": int(step.active)}
            for position, step in enumerate(STEPS_0001)
        ],
    )
    _insert(
        connection,
        "entries",
        [
            {
                "date": entry.date.isoformat(),
                "dose_mg": None if entry.dose_mg is None else float(entry.dose_mg),
                "lips": entry.lips,
                "skin": entry.skin,
                "eyes": entry.eyes,
                "joint_pain": entry.joint_pain,
                "mood": entry.mood,
                "warning_signs": _json(None if entry.warning_signs is None else list(entry.warning_signs)),
                "breakouts_new": entry.breakouts_new,
                "breakout_severity": entry.breakout_severity,
                "skincare": _json(None if entry.skincare is None else list(entry.skincare)),
                "side_effects": _json(None if entry.side_effects is None else list(entry.side_effects)),
                "phq9": _json(None if entry.phq9 is None else list(entry.phq9)),
                "note": entry.note,
                "saved_at": SAVED,
            }
            for entry in ENTRIES_0001
        ],
    )
    settings = [{"key": "first_run_done", "value": "true"}, {"key": "window.last_tab", "value": "2"}]
    settings += [
        {"key": f"preference.{key}", "value": json.dumps(value)}
        for key, value in PREFERENCES_0001.values().items()
    ]
    _insert(connection, "settings", settings)


def _check_0001(diary: Diary) -> None:
    # Columns added later read as their defaults until something sets them (0004's seed
    # marks the running course as one with pregnancy prevention).
    courses = [_as_in_0001(course) for course in diary.courses()]
    assert courses == COURSES_0001
    assert [_undated(step) for step in diary.routine(include_retired=True)] == STEPS_0001
    assert [_undated(step) for step in diary.routine()] == [step for step in STEPS_0001 if step.active]
    assert [
        entry for entry in diary.entries() if entry.date in {e.date for e in ENTRIES_0001}
    ] == ENTRIES_0001
    for entry in ENTRIES_0001:
        assert diary.entry(entry.date) == entry
    # "Not logged" stays None, never 0; an empty list stays apart from "not logged".
    missed = diary.entry(D(2025, 9, 3))
    assert missed is not None and missed.dose_mg == 0 and missed.mood is None and missed.skincare is None
    assert diary.entry(D(2025, 9, 2)).skincare == ()  # type: ignore[union-attr]
    assert diary.setting("first_run_done") is True
    assert diary.setting("window.last_tab") == 2
    assert diary.preferences() == PREFERENCES_0001


# 0002: follow-ups on mood flags ------------------------------------------------------------

FOLLOW_UPS_0002 = [
    FollowUp(
        "warning_sign", D(2025, 9, 1), "discussed", D(2025, 9, 10), "Talked it through; plan agreed.", True
    ),
    FollowUp("low_mood_run", D(2025, 9, 3), "to_raise", None, None, False),
    FollowUp("baseline_drop", D(2026, 3, 2), "open", None, "Keep an eye on it", True),
]


def _fill_0002(connection: Connection) -> None:
    _insert(
        connection,
        "flag_follow_ups",
        [
            {
                "rule": follow_up.rule,
                "date": follow_up.date.isoformat(),
                "state": follow_up.state,
                "discussed_on": None
                if follow_up.discussed_on is None
                else follow_up.discussed_on.isoformat(),
                "note": follow_up.note,
                "alerted": int(follow_up.alerted),
                "saved_at": SAVED,
            }
            for follow_up in FOLLOW_UPS_0002
        ],
    )


def _check_0002(diary: Diary) -> None:
    assert diary.follow_ups() == {(item.rule, item.date): item for item in FOLLOW_UPS_0002}


# 0003: appointments and questions ----------------------------------------------------------

APPOINTMENTS_0003 = [
    Appointment(D(2025, 10, 1), "Dr Okafor", "Bring the blood test results", 1),
    Appointment(D(2026, 4, 2), None, None, 2),
]
QUESTIONS_0003 = [
    Question("Can I use a retinol serum at the same time?", D(2025, 9, 20), D(2025, 10, 1), 1),
    Question("Is the dry skin on my hands normal?", D(2026, 3, 5), None, 2),
]


def _fill_0003(connection: Connection) -> None:
    _insert(
        connection,
        "appointments",
        [
            {"id": item.id, "day": item.day.isoformat(), "with_whom": item.with_whom, "note": item.note}
            for item in APPOINTMENTS_0003
        ],
    )
    _insert(
        connection,
        "questions",
        [
            {
                "id": item.id,
                "text": item.text,
                "added_on": item.added_on.isoformat(),
                "asked_on": None if item.asked_on is None else item.asked_on.isoformat(),
            }
            for item in QUESTIONS_0003
        ],
    )


def _check_0003(diary: Diary) -> None:
    assert diary.appointments() == APPOINTMENTS_0003
    assert diary.questions() == QUESTIONS_0003


# 0004: serious symptoms, pregnancy prevention, weights, labs, tests, medicines, own side effects

ENTRY_0004 = Entry(
    date=D(2026, 3, 3),
    dose_mg=10.5,
    mood=5,
    warning_signs=(),
    serious_symptoms=("brain_pressure", "liver_signs"),
    note="Headache with blurred vision.",
)
QUIET_ENTRY_0004 = Entry(date=D(2026, 3, 4), serious_symptoms=())  # logged: none of them
WEIGHTS_0004 = [Weighing(D(2025, 9, 1), 71.2), Weighing(D(2026, 3, 2), 69.85)]
LABS_0004 = [
    LabResult(D(2025, 8, 25), "alt", 22, "U/L", None, None, 40, None),
    LabResult(D(2025, 8, 25), "triglycerides", 1.6, "mmol/L", None, None, 1.7, "fasting"),
    LabResult(D(2025, 8, 25), "other", 4.1, "mg/L", "Vitamin D", 30, 100, None),
    LabResult(D(2025, 8, 25), "other", 3.9, "mIU/L", "TSH", 0.4, 4.0, "thyroid, asked by GP"),
]
TESTS_0004 = [
    PregnancyTest(D(2026, 2, 27), "negative", "clinic"),
    PregnancyTest(D(2026, 3, 27), "invalid", None),
]
MEDICINES_0004 = [
    Medicine("Doxycycline", "tetracycline", D(2025, 6, 1), D(2025, 8, 20), "before the course"),
    Medicine("Vitamin D3", "other", D(2026, 1, 1), None, None),
]
SIDE_EFFECTS_0004 = [
    CustomSideEffect("chapped_hands", "Chapped hands", True),
    CustomSideEffect("cracked_heels", "Cracked heels", False),
]


def _fill_0004(connection: Connection) -> None:
    connection.execute(text("UPDATE courses SET pregnancy_prevention = 1 WHERE start_date = '2026-03-02'"))
    _insert(
        connection,
        "entries",
        [
            {
                "date": entry.date.isoformat(),
                "dose_mg": entry.dose_mg,
                "mood": entry.mood,
                "warning_signs": _json(None if entry.warning_signs is None else list(entry.warning_signs)),
                "serious_symptoms": _json(list(entry.serious_symptoms or ())),
                "note": entry.note,
                "saved_at": SAVED,
            }
            for entry in (ENTRY_0004, QUIET_ENTRY_0004)
        ],
    )
    _insert(connection, "weights", [{"date": w.date.isoformat(), "kg": w.kg} for w in WEIGHTS_0004])
    _insert(
        connection,
        "lab_results",
        [
            {
                "date": r.date.isoformat(),
                "test": r.test,
                "label": r.label or "",  # a named test's label is '' in its row
                "value": float(r.value),
                "unit": r.unit,
                "reference_low": r.reference_low,
                "reference_high": r.reference_high,
                "note": r.note,
            }
            for r in LABS_0004
        ],
    )
    _insert(
        connection,
        "pregnancy_tests",
        [{"date": t.date.isoformat(), "result": t.result, "place": t.where} for t in TESTS_0004],
    )
    _insert(
        connection,
        "medicines",
        [
            {
                "name": m.name,
                "kind": m.kind,
                "starts": m.starts.isoformat(),
                "ends": None if m.ends is None else m.ends.isoformat(),
                "note": m.note,
            }
            for m in MEDICINES_0004
        ],
    )
    _insert(
        connection,
        "custom_side_effects",
        [
            {"key": item.key, "label": item.label, "position": position, "active": int(item.active)}
            for position, item in enumerate(SIDE_EFFECTS_0004)
        ],
    )


def _check_0004(diary: Diary) -> None:
    running = diary.courses()[-1]
    assert running.start_date == D(2026, 3, 2) and running.pregnancy_prevention is True
    assert diary.entry(ENTRY_0004.date) == ENTRY_0004
    assert diary.entry(QUIET_ENTRY_0004.date) == QUIET_ENTRY_0004
    assert diary.weights() == WEIGHTS_0004
    assert diary.lab_results() == sorted(LABS_0004, key=lambda r: (r.date, r.test, r.label or ""))
    assert diary.pregnancy_tests() == TESTS_0004
    assert diary.medicines() == MEDICINES_0004
    assert [_undated(item) for item in diary.custom_side_effects()] == SIDE_EFFECTS_0004


def _as_in_0001(course: Course) -> Course:
    """A course without what later revisions' seeds set on it (0004, 0005)."""
    doses = tuple(replace(change, every_days=1) for change in course.doses)
    return replace(course, pregnancy_prevention=False, clear_since=None, doses=doses)


def _undated(item: Any) -> Any:
    """A routine step or own side effect without the dates 0005's seed gives it."""
    return replace(item, added_on=None, retired_on=None)


# 0005: dose steps every N days, when steps and side effects were offered, skin clear since


def _fill_0005(connection: Connection) -> None:
    # The running course's step becomes every other day; the ended course was clear from 1 Dec.
    connection.execute(text("UPDATE dose_changes SET every_days = 2 WHERE starts = '2026-03-02'"))
    connection.execute(text("UPDATE courses SET clear_since = '2025-12-01' WHERE start_date = '2025-09-01'"))
    connection.execute(
        text(
            "UPDATE routine_steps SET added_on = '2025-09-01', retired_on = '2025-10-15' "
            "WHERE key = 'retinoid'"
        )
    )
    connection.execute(text("UPDATE routine_steps SET added_on = '2025-09-20' WHERE key = 'lip_balm'"))
    connection.execute(
        text("UPDATE custom_side_effects SET retired_on = '2026-03-20' WHERE key = 'cracked_heels'")
    )


def _check_0005(diary: Diary) -> None:
    ended, running = diary.courses()
    assert ended.clear_since == D(2025, 12, 1) and running.clear_since is None
    assert [change.every_days for change in ended.doses] == [1, 1]
    assert running.doses == (DoseChange(D(2026, 3, 2), 10.5, every_days=2),)
    steps = {step.key: step for step in diary.routine(include_retired=True)}
    assert (steps["retinoid"].added_on, steps["retinoid"].retired_on) == (D(2025, 9, 1), D(2025, 10, 15))
    assert (steps["lip_balm"].added_on, steps["lip_balm"].retired_on) == (D(2025, 9, 20), None)
    assert (steps["cleanser"].added_on, steps["cleanser"].retired_on) == (None, None)
    effects = {item.key: item for item in diary.custom_side_effects()}
    assert (
        effects["cracked_heels"].retired_on == D(2026, 3, 20) and effects["chapped_hands"].retired_on is None
    )


def _fill_0006(connection: Connection) -> None:
    # One image shown for two areas of one day (the same file), and a second day's photo.
    _insert(
        connection,
        "photos",
        [
            {
                "date": "2026-03-02",
                "area": "face_front",
                "sha256": "a" * 64,
                "media_type": "image/jpeg",
                "note": None,
            },
            {
                "date": "2026-03-02",
                "area": "chest",
                "sha256": "a" * 64,
                "media_type": "image/jpeg",
                "note": "Flash",
            },
            {
                "date": "2026-04-06",
                "area": "face_front",
                "sha256": "b" * 64,
                "media_type": "image/png",
                "note": None,
            },
        ],
    )


def _check_0006(diary: Diary) -> None:
    assert diary.photos() == [
        Photo(D(2026, 3, 2), "chest", "a" * 64, "image/jpeg", "Flash"),
        Photo(D(2026, 3, 2), "face_front", "a" * 64, "image/jpeg"),
        Photo(D(2026, 4, 6), "face_front", "b" * 64, "image/png"),
    ]
    assert diary.images_named() == {"a" * 64: "image/jpeg", "b" * 64: "image/png"}


SEEDS: dict[str, Seed] = {
    "0001": Seed(_fill_0001, _check_0001),
    "0002": Seed(_fill_0002, _check_0002),
    "0003": Seed(_fill_0003, _check_0003),
    "0004": Seed(_fill_0004, _check_0004),
    "0005": Seed(_fill_0005, _check_0005),
    "0006": Seed(_fill_0006, _check_0006),
}


# Building a diary at a revision ------------------------------------------------------------


def _revisions_in_order() -> list[str]:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory(str(migrations.migrations_folder()))
    return [script.revision for script in reversed(list(scripts.walk_revisions()))]


REVISIONS = _revisions_in_order()  # oldest first, read from Alembic: new ones join by themselves
HEAD = REVISIONS[-1]
OLDER = REVISIONS[:-1]


def build_at(path: Path, revision: str) -> None:
    """A diary file as the IsoDiary of `revision` left it, holding the seeds up to that revision."""
    engine = create_engine(f"sqlite:///{path}", module=sqlite3)
    with engine.begin() as connection:
        migrations.upgrade(connection, revision)
        for seeded in REVISIONS[: REVISIONS.index(revision) + 1]:
            SEEDS[seeded].fill(connection)
    engine.dispose()
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (revision,)
    connection.close()


def check_seeds_up_to(diary: Diary, revision: str) -> None:
    """Every value seeded at `revision` and before, read back through the Diary API."""
    for seeded in REVISIONS[: REVISIONS.index(revision) + 1]:
        SEEDS[seeded].check(diary)
