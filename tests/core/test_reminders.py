"""What is due when, with fixed clocks: each reminder fires when it should and not otherwise."""

from __future__ import annotations

import datetime as dt

import pytest

from diary.core import reminders
from diary.core.appointments import Appointment
from diary.core.course import Course
from diary.core.entry import Entry
from diary.core.preferences import Preferences
from diary.core.records import PregnancyTest
from diary.core.reminders import Reminder, due_reminders, logged_beyond_dose, pregnancy_reminders

START = dt.date(2026, 3, 2)
COURSE = Course(START, planned_weeks=20, weight_kg=60.0)
DEFAULTS = Preferences()
ALL_OFF = Preferences(reminder_time="", remind_phq9=False, remind_appointments=False, remind_tests=False)


def at(day: dt.date, hhmm: str = "21:00") -> dt.datetime:
    hours, minutes = hhmm.split(":")
    return dt.datetime.combine(day, dt.time(int(hours), int(minutes)))


def due(
    now: dt.datetime,
    preferences: Preferences = DEFAULTS,
    *,
    entry: Entry | None = None,
    courses: tuple[Course, ...] = (COURSE,),
    last_phq9: dt.date | None = START,
    appointments: tuple[Appointment, ...] = (),
    tests: tuple[PregnancyTest, ...] = (),
    shown: dict[str, dt.date] | None = None,
) -> list[Reminder]:
    return due_reminders(
        now,
        preferences,
        today_entry=entry,
        courses=courses,
        last_phq9_day=last_phq9,
        appointments=appointments,
        pregnancy_tests=tests,
        shown=shown,
    )


def kinds(found: list[Reminder]) -> list[str]:
    return [reminder.kind for reminder in found]


# The evening entry ----------------------------------------------------------------------


def test_the_evening_reminder_waits_for_its_time_and_lasts_till_midnight() -> None:
    day = START + dt.timedelta(days=3)
    assert kinds(due(at(day, "20:29"))) == []
    assert kinds(due(at(day, "20:30"))) == [reminders.EVENING]
    assert kinds(due(at(day, "23:59"))) == [reminders.EVENING]
    early = Preferences(reminder_time="07:05")
    assert kinds(due(at(day, "07:04"), early)) == []
    assert kinds(due(at(day, "07:05"), early)) == [reminders.EVENING]


def test_the_evening_reminder_names_today_and_is_off_with_no_time() -> None:
    day = START + dt.timedelta(days=3)
    (reminder,) = due(at(day))
    assert reminder.day == day
    assert "today" in reminder.message.lower()
    assert due(at(day), Preferences(reminder_time="", remind_phq9=False)) == []


def test_a_saved_day_stops_the_evening_reminder_but_the_prefilled_dose_alone_does_not() -> None:
    day = START + dt.timedelta(days=3)
    scheduled = COURSE.scheduled_dose(day)
    only_dose = Entry(day, dose_mg=scheduled)
    assert kinds(due(at(day), entry=only_dose)) == [reminders.EVENING]
    assert kinds(due(at(day), entry=Entry(day))) == [reminders.EVENING]
    assert due(at(day), entry=Entry(day, dose_mg=scheduled, lips=1)) == []
    assert due(at(day), entry=Entry(day, mood=2)) == []


def test_logged_beyond_dose() -> None:
    day = START
    assert not logged_beyond_dose(None, 40.0)
    assert not logged_beyond_dose(Entry(day, dose_mg=40.0), 40.0)
    # A missed dose (0 mg) or a changed one is something the person logged.
    assert logged_beyond_dose(Entry(day, dose_mg=0.0), 40.0)
    assert logged_beyond_dose(Entry(day, dose_mg=60.0), 40.0)
    assert logged_beyond_dose(Entry(day, note="tired"), None)


def test_the_evening_reminder_stops_a_month_after_the_course_and_comes_back_with_the_next() -> None:
    ended = Course(START, end_date=dt.date(2026, 7, 1))
    assert kinds(due(at(dt.date(2026, 7, 31)), courses=(ended,))) == [reminders.EVENING]
    assert due(at(dt.date(2026, 8, 1)), courses=(ended,)) == []
    assert due(at(dt.date(2026, 2, 1)), courses=(ended,)) == []
    # A diary with no course yet is still kept every evening.
    assert kinds(due(at(dt.date(2026, 2, 1)), courses=())) == [reminders.EVENING]


def test_a_reminder_shown_today_is_not_shown_again_but_is_tomorrow() -> None:
    day = START + dt.timedelta(days=3)
    assert due(at(day), shown={reminders.EVENING: day}) == []
    assert kinds(due(at(day + dt.timedelta(days=1)), shown={reminders.EVENING: day})) == [reminders.EVENING]


# The PHQ-9 ------------------------------------------------------------------------------

PHQ9_ONLY = Preferences(reminder_time="", remind_phq9=True, remind_appointments=False, remind_tests=False)


def test_the_phq9_reminder_on_the_first_day_and_every_two_weeks() -> None:
    assert kinds(due(at(START), PHQ9_ONLY, last_phq9=None)) == [reminders.PHQ9]
    done = START
    assert due(at(START + dt.timedelta(days=13)), PHQ9_ONLY, last_phq9=done) == []
    assert kinds(due(at(START + dt.timedelta(days=14)), PHQ9_ONLY, last_phq9=done)) == [reminders.PHQ9]
    # With the evening reminder off, the others still come, at 20:30.
    assert due(at(START, "20:00"), PHQ9_ONLY, last_phq9=None) == []


def test_no_phq9_reminder_once_done_today_outside_a_course_or_switched_off() -> None:
    answered = Entry(START, phq9=(0,) * 9)
    assert due(at(START), PHQ9_ONLY, entry=answered, last_phq9=None) == []
    assert due(at(START - dt.timedelta(days=1)), PHQ9_ONLY, last_phq9=None) == []
    assert due(at(START), ALL_OFF, last_phq9=None) == []


# Appointments ---------------------------------------------------------------------------

VISITS_ONLY = Preferences(reminder_time="", remind_phq9=False, remind_appointments=True, remind_tests=False)


def test_an_appointment_tomorrow_is_recalled_the_evening_before_only() -> None:
    visit = Appointment(dt.date(2026, 4, 10), with_whom="Dr Okafor")
    (reminder,) = due(at(dt.date(2026, 4, 9)), VISITS_ONLY, appointments=(visit,))
    assert reminder.kind == reminders.APPOINTMENT
    assert "Dr Okafor" in reminder.message and "10 Apr" in reminder.message
    for day in (dt.date(2026, 4, 8), dt.date(2026, 4, 10)):
        assert due(at(day), VISITS_ONLY, appointments=(visit,)) == []
    assert due(at(dt.date(2026, 4, 9)), ALL_OFF, appointments=(visit,)) == []


# Pregnancy tests ------------------------------------------------------------------------

TESTS_ONLY = Preferences(reminder_time="", remind_phq9=False, remind_appointments=False, remind_tests=True)
PREVENTION = Course(START, planned_weeks=20, pregnancy_prevention=True)


def negative(day: dt.date) -> PregnancyTest:
    return PregnancyTest(day, "negative", "clinic")


def found_on(day: dt.date, *tests: PregnancyTest, course: Course = PREVENTION) -> list[str]:
    return kinds(pregnancy_reminders(day, [course], tests))


def test_no_test_reminders_without_pregnancy_prevention_or_with_the_switch_off() -> None:
    day = START + dt.timedelta(days=20)
    assert found_on(day, course=COURSE) == []
    assert due(at(day), ALL_OFF, courses=(PREVENTION,)) == []
    assert kinds(due(at(day), TESTS_ONLY, courses=(PREVENTION,))) == [reminders.PREGNANCY_TEST]


def test_the_next_test_is_due_30_days_after_the_last_one() -> None:
    test_day = START - dt.timedelta(days=3)  # the test before the first prescription
    assert found_on(test_day + dt.timedelta(days=29), negative(test_day)) == []
    (reminder,) = pregnancy_reminders(test_day + dt.timedelta(days=30), [PREVENTION], [negative(test_day)])
    assert reminder.kind == reminders.PREGNANCY_TEST and "today" in reminder.message
    # Still recalled while it is overdue, then no more after 30 days.
    late = pregnancy_reminders(test_day + dt.timedelta(days=33), [PREVENTION], [negative(test_day)])
    assert "since" in late[0].message
    assert found_on(test_day + dt.timedelta(days=61), negative(test_day)) == []
    # Recording the new test stops it.
    again = test_day + dt.timedelta(days=31)
    assert found_on(test_day + dt.timedelta(days=32), negative(test_day), negative(again)) == []


def test_with_no_test_recorded_one_is_due_from_the_first_day() -> None:
    assert found_on(START - dt.timedelta(days=1)) == []
    assert found_on(START) == [reminders.PREGNANCY_TEST]
    # A test long before the course does not count for it.
    assert found_on(START, negative(START - dt.timedelta(days=31))) == [reminders.PREGNANCY_TEST]


def test_the_last_day_of_the_7_day_window_counts_the_test_day_as_day_1() -> None:
    test_day = START + dt.timedelta(days=27)
    for offset in range(6):
        assert reminders.PREGNANCY_WINDOW not in found_on(
            test_day + dt.timedelta(days=offset), negative(test_day)
        )
    (reminder,) = pregnancy_reminders(test_day + dt.timedelta(days=6), [PREVENTION], [negative(test_day)])
    assert reminder.kind == reminders.PREGNANCY_WINDOW
    assert "day 7" in reminder.message
    assert found_on(test_day + dt.timedelta(days=7), negative(test_day)) == []


def test_an_invalid_result_asks_for_a_new_test_and_a_positive_one_stops_the_reminders() -> None:
    first = START - dt.timedelta(days=2)
    invalid = PregnancyTest(START + dt.timedelta(days=28), "invalid")
    assert found_on(invalid.date, negative(first), invalid) == [reminders.PREGNANCY_TEST]
    positive = PregnancyTest(START + dt.timedelta(days=28), "positive")
    for offset in range(0, 40, 3):
        assert found_on(positive.date + dt.timedelta(days=offset), negative(first), positive) == []


def test_after_the_course_the_test_is_due_a_month_after_the_last_dose() -> None:
    last_dose = dt.date(2026, 7, 20)
    ended = Course(START, end_date=last_dose, pregnancy_prevention=True)
    tests = (negative(dt.date(2026, 7, 1)), negative(last_dose))  # the test at the end of the course
    assert found_on(dt.date(2026, 8, 18), *tests, course=ended) == []
    (reminder,) = pregnancy_reminders(dt.date(2026, 8, 19), [ended], tests)
    assert reminder.kind == reminders.PREGNANCY_AFTER_COURSE
    assert "Mon 20 Jul" in reminder.message and "today" in reminder.message
    assert found_on(dt.date(2026, 9, 18), *tests, course=ended) == [reminders.PREGNANCY_AFTER_COURSE]
    assert found_on(dt.date(2026, 9, 19), *tests, course=ended) == []
    done = (*tests, negative(dt.date(2026, 8, 21)))
    assert found_on(dt.date(2026, 8, 22), *done, course=ended) == []


def test_a_test_due_after_the_course_ends_is_left_to_the_after_course_reminder() -> None:
    ended = Course(START, end_date=START + dt.timedelta(days=20), pregnancy_prevention=True)
    assert found_on(START + dt.timedelta(days=20), negative(START), course=ended) == []
    assert found_on(START + dt.timedelta(days=30), negative(START), course=ended) == []


def test_every_kind_is_declared_and_the_programme_line_says_what_isodiary_is_not() -> None:
    assert len(set(reminders.KINDS)) == len(reminders.KINDS)
    assert "iPLEDGE" in reminders.PROGRAMME_NOTE and "does not replace" in reminders.PROGRAMME_NOTE
    assert "Medication Guide" in reminders.SOURCE


@pytest.mark.parametrize("text", ["", "00:00", "23:59"])
def test_reminder_time(text: str) -> None:
    value = reminders.reminder_time(Preferences(reminder_time=text))
    assert (value is None) == (text == "")
