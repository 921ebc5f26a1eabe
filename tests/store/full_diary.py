"""A diary holding every kind of record the interchange format carries, built through the
Diary API (as the window's context would), and the same records as a document."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from diary.core.appointments import Appointment, Question
from diary.core.course import Course, DoseChange
from diary.core.entry import Entry, InvalidValue
from diary.core.follow_up import DISCUSSED, FollowUp
from diary.core.interchange import DiaryDocument
from diary.core.preferences import Preferences
from diary.core.records import CustomSideEffect, LabResult, Medicine, PregnancyTest, Weighing
from diary.core.routine import DEFAULT_ROUTINE, RoutineStep
from diary.store.diary import Diary
from tests.helpers.diaries import START, full_entry, sample_course, sample_entries

D = dt.date
LATER_COURSE = Course(
    D(2026, 9, 1),
    planned_weeks=None,
    weight_kg=None,
    target_mg_per_kg=None,
    # Version 3: a later step every other day, and the day the skin was clear.
    doses=(DoseChange(D(2026, 9, 1), 22.5), DoseChange(D(2026, 10, 1), 20, every_days=2)),
    pregnancy_prevention=True,
    clear_since=D(2026, 10, 20),
)
PREFERENCES = Preferences(
    name="Sam",
    appearance="dark",
    emergency_number="112",
    crisis_line="116 123 (Samaritans)",
    paper_size="A4",
    reminder_time="21:15",
    remind_phq9=False,
    remind_appointments=True,
    remind_tests=False,
)
WEIGHTS = [Weighing(START, 64.5), Weighing(START + dt.timedelta(days=30), 63.2)]
LABS = [
    LabResult(D(2026, 2, 25), "triglycerides", 142, "mg/dL", None, None, 150, "fasting"),
    LabResult(D(2026, 2, 25), "alt", 61, "U/L", None, 7, 56, None),
    LabResult(D(2026, 2, 25), "other", 31.5, "ng/mL", "Vitamin D", 30, 100, None),
    LabResult(D(2026, 4, 20), "cholesterol_total", 5.4, "mmol/L", None, None, 5.2, "peak dose"),
]
TESTS = [PregnancyTest(D(2026, 2, 27), "negative", "clinic"), PregnancyTest(D(2026, 3, 29), "negative", None)]
MEDICINES = [
    Medicine("Doxycycline", "tetracycline", D(2026, 1, 10), D(2026, 2, 20), None),
    Medicine("Vitamin D3", "other", D(2026, 1, 1), None, "1000 IU"),
    Medicine("Minipill", "progestin_only_pill", D(2026, 3, 1), None, None),
]
SIDE_EFFECTS = [
    CustomSideEffect("chapped_hands", "Chapped hands", True, added_on=D(2026, 3, 20)),
    CustomSideEffect(
        "cracked_heels", "Cracked heels", False, added_on=D(2026, 3, 5), retired_on=D(2026, 4, 1)
    ),
]
EDITED = D(2026, 4, 1)  # the day the person changed the routine and their side effects
FOLLOW_UPS = [
    FollowUp("warning_sign", START, DISCUSSED, START + dt.timedelta(days=7), "Talked with Dr. Novak", True),
    FollowUp("low_mood_run", START + dt.timedelta(days=3), "to_raise", None, None, False),
]


def _own_side_effect_day() -> Entry:
    """A day naming a side effect of the person's own (the core takes such keys once helper
    h1's change to Entry is in; until then the day names a built-in one only)."""
    day = START + dt.timedelta(days=32)
    try:
        return Entry(day, side_effects=("dry_nose", "chapped_hands", "cracked_heels"), mood=6)
    except InvalidValue:
        return Entry(day, side_effects=("dry_nose",), mood=6)


def fill_every_kind(diary: Diary) -> None:
    """Every kind of record, through the same calls the window makes."""
    diary.save_preferences(PREFERENCES)
    diary.save_routine([*DEFAULT_ROUTINE, RoutineStep("serum", "Vitamin C serum")], today=EDITED)
    diary.save_routine(list(DEFAULT_ROUTINE), today=EDITED)  # the serum is retired, past days keep it
    diary.save_custom_side_effects(SIDE_EFFECTS, today=EDITED)
    diary.save_course(sample_course(end_date=D(2026, 7, 31)))
    diary.save_course(LATER_COURSE)
    for entry in sample_entries():
        diary.save_entry(entry)
    diary.save_entry(
        full_entry(START + dt.timedelta(days=30)).changed(
            skincare=("serum",), serious_symptoms=("brain_pressure", "vision_problem")
        )
    )
    diary.save_entry(Entry(START + dt.timedelta(days=31), serious_symptoms=(), note="only a note ✓"))
    diary.save_entry(Entry(D(2026, 8, 15), mood=8))  # between courses
    diary.save_entry(_own_side_effect_day())
    for follow_up in FOLLOW_UPS:
        diary.save_follow_up(follow_up)
    diary.save_appointment(Appointment(START + dt.timedelta(days=7), "Dr. Novak", "bring the labs"))
    diary.save_appointment(Appointment(START + dt.timedelta(days=7), None, None))
    diary.save_appointment(Appointment(D(2026, 5, 4), "Dr. Novak", None))
    diary.save_question(Question("Can I use a retinol cream after?", START, None))
    diary.save_question(Question("Is the dry nose normal?", START, START + dt.timedelta(days=7)))
    for weighing in WEIGHTS:
        diary.save_weighing(weighing)
    for result in LABS:
        diary.save_lab_result(result)
    for test in TESTS:
        diary.save_pregnancy_test(test)
    for medicine in MEDICINES:
        diary.save_medicine(medicine)


def without_ids(document: DiaryDocument) -> DiaryDocument:
    """The document as a file holds it: the store's ids of appointments and questions are
    the diary's own, not part of the record."""
    return replace(
        document,
        appointments=tuple(replace(item, id=None) for item in document.appointments),
        questions=tuple(replace(item, id=None) for item in document.questions),
    )
