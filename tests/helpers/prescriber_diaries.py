"""The diaries issue 20 describes, rebuilt from its words, for reading the summary as a prescriber.

- `weights`: a 2022 course and a 58 kg weighing, then a 2026 course set to 72 kg with ten
  days of 40 mg: 400 / 72 = 5.6 mg/kg.
- `urgent`: thoughts of self-harm on 13 Apr inside a low-mood episode of 5-18 Apr, and a
  PHQ-9 on 15 Apr with question 9 answered.
- `safety`: pregnancy prevention with the last negative test on 5 Oct (next due 4 Nov,
  overdue by the summary), triglycerides of 560 mg/dL and an ALT above range dated before
  the summary's range, against their baselines (one in mmol/L), and minocycline taken
  during the course.
Each returns the summary's (start, end, made on).
"""

from __future__ import annotations

import datetime as dt

from diary.core.appointments import Question
from diary.core.course import Course, DoseChange
from diary.core.entry import Entry
from diary.core.records import LabResult, Medicine, PregnancyTest, Weighing
from diary.core.routine import DEFAULT_ROUTINE
from diary.store.diary import Diary

D = dt.date
Range = tuple[dt.date, dt.date, dt.date]


def _days(first: dt.date, count: int) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range(count)]


def weights(diary: Diary) -> Range:
    diary.save_routine(list(DEFAULT_ROUTINE), today=D(2022, 3, 1))
    old = Course(D(2022, 3, 1), planned_weeks=20, weight_kg=58, doses=(DoseChange(D(2022, 3, 1), 30),))
    diary.save_course(replace_end(old, D(2022, 7, 18)))
    diary.save_weighing(Weighing(D(2022, 3, 1), 58))
    for day in _days(D(2022, 3, 1), 5):
        diary.save_entry(Entry(day, dose_mg=30, mood=7))
    start = D(2026, 11, 20)
    diary.save_course(Course(start, planned_weeks=20, weight_kg=72, doses=(DoseChange(start, 40),)))
    for day in _days(start, 10):
        diary.save_entry(Entry(day, dose_mg=40, lips=3, mood=7))
    return start, D(2026, 11, 29), D(2026, 11, 29)


def replace_end(course: Course, end: dt.date) -> Course:
    from dataclasses import replace

    return replace(course, end_date=end)


def urgent(diary: Diary) -> Range:
    start = D(2026, 3, 2)
    diary.save_routine(list(DEFAULT_ROUTINE), today=start)
    diary.save_course(Course(start, planned_weeks=20, weight_kg=60, doses=(DoseChange(start, 40),)))
    for day in _days(start, 60):
        low = D(2026, 4, 3) <= day <= D(2026, 4, 18)
        diary.save_entry(
            Entry(
                day,
                dose_mg=40,
                lips=5,
                mood=2 if low else 7,
                warning_signs=("self_harm_thoughts", "sad") if day == D(2026, 4, 13) else (),
                phq9=(2, 2, 2, 2, 1, 2, 1, 1, 2) if day == D(2026, 4, 15) else None,
                note="Bad week at school." if day == D(2026, 4, 13) else None,
            )
        )
    diary.save_question(Question("Should I keep taking it while I feel like this?", D(2026, 4, 20)))
    return D(2026, 4, 1), D(2026, 4, 30), D(2026, 4, 30)


def safety(diary: Diary) -> Range:
    start = D(2026, 9, 1)
    diary.save_routine(list(DEFAULT_ROUTINE), today=start)
    diary.save_course(
        Course(
            start, planned_weeks=24, weight_kg=65, doses=(DoseChange(start, 40),), pregnancy_prevention=True
        )
    )
    for day in _days(start, 97):
        diary.save_entry(Entry(day, dose_mg=40, lips=4, skin=3, mood=7))
    diary.save_pregnancy_test(PregnancyTest(D(2026, 9, 1), "negative", "clinic"))
    diary.save_pregnancy_test(PregnancyTest(D(2026, 10, 5), "negative", "clinic"))
    diary.save_lab_result(LabResult(D(2026, 8, 25), "triglycerides", 1.2, "mmol/L", reference_high=1.7))
    diary.save_lab_result(LabResult(D(2026, 10, 20), "triglycerides", 560, "mg/dL", reference_high=150))
    diary.save_lab_result(LabResult(D(2026, 8, 25), "alt", 22, "U/L", reference_low=7, reference_high=56))
    diary.save_lab_result(LabResult(D(2026, 10, 20), "alt", 88, "U/L", reference_low=7, reference_high=56))
    diary.save_medicine(Medicine("Minocycline", "tetracycline", D(2026, 10, 10)))
    diary.save_question(Question("Is my liver test a worry?", D(2026, 11, 1)))
    return D(2026, 11, 7), D(2026, 12, 6), D(2026, 12, 6)


DIARIES = {"weights": weights, "urgent": urgent, "safety": safety}
