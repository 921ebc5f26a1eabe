"""The diary file keeps every value exactly, None apart from 0, and each save is whole."""

import datetime as dt
from pathlib import Path

import pytest

from diary.core.course import Course, CourseClash, DoseChange
from diary.core.entry import Entry
from diary.core.preferences import Preferences
from diary.core.routine import DEFAULT_ROUTINE, RoutineStep
from diary.store.diary import Diary
from tests.helpers.diaries import START, full_entry, sample_course, sample_entries


def test_every_field_survives_closing_and_reopening(diary_path: Path) -> None:
    entries = sample_entries()
    with Diary.open(diary_path) as diary:
        for entry in entries:
            diary.save_entry(entry)
    with Diary.open(diary_path) as diary:
        assert diary.entries() == entries
        assert diary.entry(START) == full_entry(START)


def test_not_logged_is_stored_as_null_and_zero_as_zero(diary: Diary) -> None:
    diary.save_entry(Entry(START, mood=0, lips=None, warning_signs=(), skincare=None, dose_mg=0))
    stored = diary.entry(START)
    assert stored is not None
    assert stored.mood == 0 and stored.lips is None
    assert stored.warning_signs == () and stored.skincare is None
    assert stored.dose_mg == 0


def test_saving_replaces_the_day_whole(diary: Diary) -> None:
    diary.save_entry(full_entry(START))
    diary.save_entry(Entry(START, mood=5))
    assert diary.entry(START) == Entry(START, mood=5)


def test_a_day_emptied_of_everything_is_no_longer_logged(diary: Diary) -> None:
    diary.save_entry(Entry(START, mood=5))
    diary.save_entry(Entry(START))
    assert diary.entry(START) is None
    assert diary.counts()["entries"] == 0


def test_entries_between_two_days_and_the_logged_days(diary: Diary) -> None:
    for entry in sample_entries():
        diary.save_entry(entry)
    week = diary.entries(START, START + dt.timedelta(days=6))
    assert [entry.date for entry in week] == [START + dt.timedelta(days=i) for i in (0, 1, 2, 3, 5, 6)]
    logged = diary.logged_days(START, START + dt.timedelta(days=4))
    assert START + dt.timedelta(days=4) not in logged and START in logged


def test_courses_round_trip_and_may_be_changed(diary: Diary) -> None:
    course = sample_course()
    diary.save_course(course)
    assert diary.courses() == [course]
    changed = sample_course(weight_kg=70.0, doses=(DoseChange(START, 30),), end_date=dt.date(2026, 8, 1))
    diary.save_course(changed, previous_start=START)
    assert diary.courses() == [changed]
    moved = sample_course(start_date=dt.date(2026, 3, 1), doses=())
    diary.save_course(moved, previous_start=START)
    assert [c.start_date for c in diary.courses()] == [dt.date(2026, 3, 1)]


def test_courses_may_not_overlap(diary: Diary) -> None:
    diary.save_course(sample_course())
    with pytest.raises(CourseClash, match="overlaps"):
        diary.save_course(Course(dt.date(2026, 9, 1)))
    with pytest.raises(CourseClash, match="already starts"):
        diary.save_course(Course(START, weight_kg=50))
    assert diary.courses() == [sample_course()]
    diary.save_course(sample_course(end_date=dt.date(2026, 8, 31)), previous_start=START)
    diary.save_course(Course(dt.date(2026, 9, 1)))
    assert len(diary.courses()) == 2


def test_forgetting_a_course_keeps_its_days(diary: Diary) -> None:
    diary.save_course(sample_course())
    diary.save_entry(full_entry(START))
    diary.delete_course(START)
    assert diary.courses() == []
    assert diary.entry(START) is not None


def test_the_routine_keeps_its_order_and_retires_removed_steps(diary: Diary) -> None:
    diary.save_routine(list(DEFAULT_ROUTINE))
    diary.save_entry(Entry(START, skincare=("eye_drops",)))
    reordered = [RoutineStep("spf", "Sunscreen"), RoutineStep("cleanser", "Gentle cleanser")]
    diary.save_routine(reordered)
    assert diary.routine() == reordered
    retired = {step.key for step in diary.routine(include_retired=True) if not step.active}
    assert retired == {"moisturizer", "lip_balm", "eye_drops"}
    assert diary.entry(START) == Entry(START, skincare=("eye_drops",))


def test_preferences_and_settings(diary: Diary) -> None:
    assert diary.preferences() == Preferences()
    chosen = Preferences(name="Sam", appearance="dark", crisis_line="988", paper_size="A4")
    diary.save_preferences(chosen)
    assert diary.preferences() == chosen
    diary.set_setting("first_run_done", True)
    assert diary.setting("first_run_done") is True
    assert diary.setting("missing", "default") == "default"


def test_a_fresh_diary_has_no_routine_so_an_import_can_bring_its_own(diary: Diary) -> None:
    assert diary.routine(include_retired=True) == []


def test_the_integrity_check_of_a_sound_file(diary: Diary) -> None:
    diary.save_entry(full_entry(START))
    assert diary.integrity_problems() == []
    assert diary.counts() == {"entries": 1, "courses": 0, "routine steps": 0}


def test_follow_ups_are_stored_by_rule_and_date(diary: Diary) -> None:
    from diary.core.follow_up import DISCUSSED, FollowUp

    assert diary.follow_ups() == {}
    first = FollowUp("low_mood_run", START, "to_raise")
    diary.save_follow_up(first)
    done = FollowUp("low_mood_run", START, DISCUSSED, discussed_on=START + dt.timedelta(days=9), note="Dr. N")
    diary.save_follow_up(done)
    diary.save_follow_up(FollowUp("phq9", START, alerted=True))
    assert diary.follow_ups() == {
        ("low_mood_run", START): done,
        ("phq9", START): FollowUp("phq9", START, alerted=True),
    }


def test_appointments_and_questions(diary: Diary) -> None:
    from diary.core.appointments import Appointment, Question

    first = diary.save_appointment(Appointment(dt.date(2026, 4, 2), "Dr. Novak", "monthly check"))
    second = diary.save_appointment(Appointment(dt.date(2026, 3, 5)))
    assert first.id is not None and second.id is not None
    assert diary.appointments() == [second, first]
    moved = diary.save_appointment(Appointment(dt.date(2026, 4, 3), "Dr. Novak", None, first.id))
    assert diary.appointments() == [second, moved]
    diary.delete_appointment(second.id)
    assert diary.appointments() == [moved]

    question = diary.save_question(Question("Is the nosebleed a worry?", dt.date(2026, 3, 20)))
    asked = diary.save_question(Question(question.text, question.added_on, dt.date(2026, 4, 3), question.id))
    assert diary.questions() == [asked] and not asked.is_open
    diary.delete_question(asked.id)
    assert diary.questions() == []
