"""When the next pregnancy test falls, for a course followed under a pregnancy prevention programme.

The dates are those the isotretinoin programmes use (iPLEDGE in the US, described in
the Medication Guide): a negative test every month, the prescription picked up within
7 days of the test (day 1 is the day of the test), and a test a month after the last
dose. IsoDiary only counts the days: it is a personal diary and does not replace or
report to any programme. Pure arithmetic, importable by the reminders and the header.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from diary.core.course import Course
from diary.core.records import PregnancyTest

TEST_EVERY_DAYS = 30  # "a negative test every month": the next is due 30 days after the last
WINDOW_DAYS = 7  # the 7-day window after a test, day 1 being the day of the test
AFTER_LAST_DOSE_DAYS = 30  # "one month after the last dose"
# After the course, the line stays this long past the last test's due date if it is not logged.
AFTER_COURSE_SHOWN_DAYS = 30

NOT_A_PROGRAMME = (
    "IsoDiary is a personal diary: it does not replace or report to any programme such as iPLEDGE."
)
POSITIVE_WORDS = (
    'The Medication Guide says: "Stop taking isotretinoin and call your doctor right away '
    'if you get pregnant."'
)


def next_test_due(last_test: dt.date) -> dt.date:
    """The monthly test: 30 days after the last one."""
    return last_test + dt.timedelta(days=TEST_EVERY_DAYS)


def window_after(test_day: dt.date) -> tuple[dt.date, dt.date]:
    """The 7 days after a test, day 1 being the test day: (first day, last day)."""
    return test_day, test_day + dt.timedelta(days=WINDOW_DAYS - 1)


def window_day(test_day: dt.date, today: dt.date) -> int | None:
    """Which day of the 7-day window `today` is (1-7), or None outside it."""
    number = (today - test_day).days + 1
    return number if 1 <= number <= WINDOW_DAYS else None


def due_after_last_dose(last_dose: dt.date) -> dt.date:
    """The test a month after the last dose."""
    return last_dose + dt.timedelta(days=AFTER_LAST_DOSE_DAYS)


@dataclass(frozen=True)
class Schedule:
    """Where the tests stand on `today` for one course with pregnancy prevention.

    `last_test` is the latest test on or before today (None: none logged). While the
    course runs, `next_due` is 30 days after the last negative test (None before the
    first one) and `window` holds today's place in the 7 days after it. Once the course
    has ended, `after_course_due` is the test a month after the last dose and
    `after_course_done` says whether a test on or after that day is logged.
    """

    course: Course
    today: dt.date
    last_test: PregnancyTest | None
    last_negative: PregnancyTest | None
    next_due: dt.date | None
    window: tuple[dt.date, dt.date] | None
    after_course_due: dt.date | None
    after_course_done: bool

    @property
    def window_day(self) -> int | None:
        return None if self.window is None else window_day(self.window[0], self.today)

    @property
    def overdue(self) -> bool:
        due = self.next_due if self.after_course_due is None else self.after_course_due
        return due is not None and due < self.today and not self.after_course_done


def schedule_course(courses: Iterable[Course], today: dt.date) -> Course | None:
    """The course whose tests the header follows: the one running today if it has
    pregnancy prevention, else the last ended one with it whose after-course test is at
    most a month behind. None when no course asks for tests now."""
    best: Course | None = None
    for course in courses:
        if not course.pregnancy_prevention or course.start_date > today:
            continue
        if course.contains(today):
            return course
        assert course.end_date is not None
        shown_until = due_after_last_dose(course.end_date) + dt.timedelta(days=AFTER_COURSE_SHOWN_DAYS)
        if today <= shown_until and (best is None or course.start_date > best.start_date):
            best = course
    return best


def schedule_for(course: Course, tests: Sequence[PregnancyTest], today: dt.date) -> Schedule:
    """The tests' schedule for `course` on `today` (see Schedule)."""
    past = sorted((test for test in tests if test.date <= today), key=lambda test: test.date)
    last = past[-1] if past else None
    negatives = [test for test in past if test.result == "negative"]
    last_negative = negatives[-1] if negatives else None
    if course.end_date is not None and course.end_date < today:
        due = due_after_last_dose(course.end_date)
        # An invalid result does not count: the test is still to be done.
        done = any(test.date >= due and test.result != "invalid" for test in past)
        return Schedule(course, today, last, last_negative, None, None, due, done)
    next_due = window = None
    if last_negative is not None:
        next_due = next_test_due(last_negative.date)
        if window_day(last_negative.date, today) is not None:
            window = window_after(last_negative.date)
    return Schedule(course, today, last, last_negative, next_due, window, None, False)


def header_words(schedule: Schedule) -> str:
    """The header's first line about the tests (the caller adds NOT_A_PROGRAMME below it)."""
    today = schedule.today
    last = schedule.last_test
    if last is not None and last.result == "positive":
        return f"Pregnancy test on {_day(last.date)}: positive. {POSITIVE_WORDS}"
    parts: list[str] = []
    if schedule.after_course_due is not None:
        due = schedule.after_course_due
        if schedule.after_course_done:
            return f"Pregnancy test a month after your last dose: logged (due {_day(due)})."
        parts.append(f"Pregnancy test a month after your last dose: due {_when(due, today)}")
    elif schedule.next_due is None:
        parts.append("Pregnancy tests: none logged yet (Course ▸ Tests and measurements)")
    else:
        assert schedule.last_negative is not None
        parts.append(
            f"Next pregnancy test due {_when(schedule.next_due, today)}, "
            f"30 days after {_day(schedule.last_negative.date)}"
        )
        if schedule.window is not None:
            parts.append(
                f"day {schedule.window_day} of the 7 days after the test (until {_day(schedule.window[1])})"
            )
    if last is not None and last.result == "invalid":
        parts.append(f"the test on {_day(last.date)} was invalid")
    return " · ".join(parts) + "."


def short_day(day: dt.date) -> str:
    """A day as the header and the reminders say it: "Tue 1 Dec"."""
    return f"{day:%a} {day.day} {day:%b}"


_day = short_day


def _when(due: dt.date, today: dt.date) -> str:
    days = (due - today).days
    if days == 0:
        return f"today ({_day(due)})"
    if days == 1:
        return f"tomorrow ({_day(due)})"
    if days < 0:
        return f"{_day(due)} ({-days} day{'s' if days != -1 else ''} ago)"
    return f"{_day(due)} (in {days} days)"
