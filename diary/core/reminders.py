"""What is due at a given moment: the evening entry, the PHQ-9 check-in, tomorrow's
appointment and, in a course with pregnancy prevention, the pregnancy tests.

Pure: everything comes in as parameters (the clock too), so each rule can be checked
with a fixed moment. The tray and the window only show what `due_reminders` returns and
remember what they showed, so that none is shown more than once a day.

Where the pregnancy rules come from: the isotretinoin Medication Guide asks for a
pregnancy test every month during treatment and one month after the last dose; the
iPLEDGE programme's 7-day window (day 1 is the day of the test) is the time in which a
prescription can be picked up after it. IsoDiary only counts days from what the
person recorded; it keeps no programme's records and tells no one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from diary.core import phq9
from diary.core.appointments import Appointment
from diary.core.course import Course
from diary.core.entry import Entry
from diary.core.preferences import Preferences
from diary.core.pregnancy import TEST_EVERY_DAYS, next_test_due, schedule_for, short_day, window_after
from diary.core.records import PregnancyTest

# The reminders, each one a switch in Settings (the evening one is its time).
EVENING = "evening"
PHQ9 = "phq9"
APPOINTMENT = "appointment"
PREGNANCY_TEST = "pregnancy_test"
PREGNANCY_WINDOW = "pregnancy_window"
PREGNANCY_AFTER_COURSE = "pregnancy_after_course"
KINDS = (EVENING, PHQ9, APPOINTMENT, PREGNANCY_TEST, PREGNANCY_WINDOW, PREGNANCY_AFTER_COURSE)

# The test days (every month, the 7-day window, a month after the last dose) are counted
# once, in diary.core.pregnancy, for the header and these reminders alike.
# An overdue test is recalled for this long, then the reminders stop asking.
OVERDUE_FOR_DAYS = 30
# After a course ends, the evening reminder keeps going this long (the month in which
# the Medication Guide still asks for care), then stops until the next course.
EVENING_AFTER_COURSE_DAYS = 30
# With no evening time set, the other reminders come at this time instead.
FALLBACK_TIME = dt.time(20, 30)

PROGRAMME_NOTE = (
    "IsoDiary is a personal diary. It does not replace, and does not report to, any "
    "programme such as iPLEDGE: follow what your prescriber and pharmacy tell you."
)
SOURCE = (
    "From the isotretinoin Medication Guide (a pregnancy test every month and one month "
    "after the last dose) and the iPLEDGE 7-day window (day 1 is the day of the test)."
)


@dataclass(frozen=True)
class Reminder:
    """One thing due now. `day` is the diary day it is about (the one to open)."""

    kind: str
    title: str
    message: str
    day: dt.date


def reminder_time(preferences: Preferences) -> dt.time | None:
    """The evening reminder's time, or None when the person turned it off."""
    if not preferences.reminder_time:
        return None
    hours, minutes = preferences.reminder_time.split(":")
    return dt.time(int(hours), int(minutes))


def logged_beyond_dose(entry: Entry | None, scheduled_dose: float | None) -> bool:
    """True when the day holds more than the dose the form pre-fills: any other answer,
    or a dose other than the scheduled one (the person changed it, so they logged it)."""
    if entry is None or entry.is_empty():
        return False
    if entry.changed(dose_mg=None).is_empty():
        return entry.dose_mg != scheduled_dose
    return True


def due_reminders(
    now: dt.datetime,
    preferences: Preferences,
    *,
    today_entry: Entry | None,
    courses: Sequence[Course],
    last_phq9_day: dt.date | None,
    appointments: Iterable[Appointment],
    pregnancy_tests: Iterable[PregnancyTest],
    shown: Mapping[str, dt.date] | None = None,
) -> list[Reminder]:
    """What to show at `now` (local time), leaving out what `shown` says was shown today.

    `today_entry` is what is saved for today (None if nothing), `last_phq9_day` the last
    day before today with a PHQ-9, `shown` each reminder kind's last day shown.
    Every reminder waits until the evening time (or 20:30 when it is off) and lasts till
    midnight, so the evening habit brings them together.
    """
    today = now.date()
    shown = shown or {}
    evening = reminder_time(preferences)
    if now.time() < (evening or FALLBACK_TIME):
        return []
    course = _course_holding(courses, today)
    found: list[Reminder] = []
    if evening is not None:
        found += _evening(today, today_entry, courses, course)
    if preferences.remind_phq9:
        found += _phq9(today, today_entry, course, last_phq9_day)
    if preferences.remind_appointments:
        found += _appointment(today, appointments)
    if preferences.remind_tests:
        found += pregnancy_reminders(today, courses, pregnancy_tests)
    return [reminder for reminder in found if shown.get(reminder.kind) != today]


def _course_holding(courses: Iterable[Course], day: dt.date) -> Course | None:
    return next((course for course in courses if course.contains(day)), None)


def _evening(
    today: dt.date, entry: Entry | None, courses: Sequence[Course], course: Course | None
) -> list[Reminder]:
    in_use = (
        not courses
        or course is not None
        or any(
            c.end_date is not None and 0 < (today - c.end_date).days <= EVENING_AFTER_COURSE_DAYS
            for c in courses
        )
    )
    scheduled = course.scheduled_dose(today) if course is not None else None
    if not in_use or logged_beyond_dose(entry, scheduled):
        return []
    return [Reminder(EVENING, "Today's diary", "How was today? Logging it takes a minute.", today)]


def _phq9(
    today: dt.date, entry: Entry | None, course: Course | None, last_check_in: dt.date | None
) -> list[Reminder]:
    if entry is not None and entry.phq9 is not None:
        return []
    if not phq9.is_check_in_due(today, course.start_date if course else None, last_check_in):
        return []
    return [
        Reminder(
            PHQ9,
            "PHQ-9 check-in",
            "Your two-weekly PHQ-9 check-in is due. It is nine short questions.",
            today,
        )
    ]


def _appointment(today: dt.date, appointments: Iterable[Appointment]) -> list[Reminder]:
    tomorrow = today + dt.timedelta(days=1)
    visits = sorted((a for a in appointments if a.day == tomorrow), key=lambda a: a.with_whom or "")
    if not visits:
        return []
    words = "; ".join(visit.describe() for visit in visits)
    return [
        Reminder(
            APPOINTMENT,
            "Appointment tomorrow",
            f"{words}. The summary for it is in File ▸ Appointment summary.",
            today,
        )
    ]


def pregnancy_reminders(
    today: dt.date, courses: Iterable[Course], tests: Iterable[PregnancyTest]
) -> list[Reminder]:
    """The pregnancy-test reminders for courses with pregnancy prevention.

    During such a course: the next test is due 30 days after the last negative one (from
    the first day when none is recorded since 30 days before the start, or when the last
    result was invalid); the last day of the 7-day window after a negative test (day 1 is
    the test day). After it ends: a test due 30 days after the last dose (its end date),
    until one dated then or later is recorded. A test that is overdue is recalled for 30
    days. After a positive result, no test reminders: that is for the prescriber.
    """
    tests = sorted(tests, key=lambda test: test.date)
    found: list[Reminder] = []
    for course in courses:
        if not course.pregnancy_prevention or today < course.start_date:
            continue
        record = [t for t in tests if t.date >= course.start_date - dt.timedelta(days=TEST_EVERY_DAYS)]
        upto_today = [t for t in record if t.date <= today]
        if upto_today and upto_today[-1].result == "positive":
            continue
        if course.contains(today):
            found += _test_during(today, course, upto_today)
        elif course.end_date is not None:
            found += _test_after(today, course, upto_today)
    return found


def _test_during(today: dt.date, course: Course, tests: Sequence[PregnancyTest]) -> list[Reminder]:
    found: list[Reminder] = []
    negatives = [t for t in tests if t.result == "negative"]
    last = negatives[-1] if negatives else None
    if last is not None and today == window_after(last.date)[1]:
        found.append(
            Reminder(
                PREGNANCY_WINDOW,
                "Last day of the 7-day window",
                f"Today is day 7 after your pregnancy test of {_day(last.date)} (day 1).",
                today,
            )
        )
    retest = bool(tests) and tests[-1].result == "invalid"
    if last is None or retest:
        due = tests[-1].date if retest else course.start_date
        text = (
            "Your last pregnancy test was invalid; a new one is due."
            if retest
            else "No pregnancy test is recorded for this course yet."
        )
    else:
        due = next_test_due(last.date)
        text = f"Your monthly pregnancy test is due{_since(due, today)}."
    if due <= today <= due + dt.timedelta(days=OVERDUE_FOR_DAYS):
        found.append(Reminder(PREGNANCY_TEST, "Pregnancy test due", text, today))
    return found


def _test_after(today: dt.date, course: Course, tests: Sequence[PregnancyTest]) -> list[Reminder]:
    # The header's schedule decides when the test is due and whether it is done.
    schedule = schedule_for(course, tests, today)
    due, last_dose = schedule.after_course_due, course.end_date
    if due is None or last_dose is None or schedule.after_course_done:
        return []
    if not due <= today <= due + dt.timedelta(days=OVERDUE_FOR_DAYS):
        return []
    return [
        Reminder(
            PREGNANCY_AFTER_COURSE,
            "Pregnancy test after the course",
            f"The test one month after your last dose ({_day(last_dose)}) is due{_since(due, today)}.",
            today,
        )
    ]


def _since(due: dt.date, today: dt.date) -> str:
    return " today" if due == today else f" since {_day(due)}"


_day = short_day
