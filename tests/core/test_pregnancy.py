"""The pregnancy-test arithmetic of the header: 30 days, the 7-day window, a month after the last dose."""

import datetime as dt

from diary.core.course import Course, DoseChange
from diary.core.pregnancy import (
    NOT_A_PROGRAMME,
    due_after_last_dose,
    header_words,
    next_test_due,
    schedule_course,
    schedule_for,
    window_after,
    window_day,
)
from diary.core.records import PregnancyTest

START = dt.date(2026, 1, 5)


def course(end: dt.date | None = None, prevention: bool = True, start: dt.date = START) -> Course:
    return Course(
        start_date=start, doses=(DoseChange(start, 40),), end_date=end, pregnancy_prevention=prevention
    )


def negative(day: dt.date) -> PregnancyTest:
    return PregnancyTest(day, "negative", "clinic")


def test_the_next_test_is_due_30_days_after_the_last() -> None:
    assert next_test_due(dt.date(2026, 2, 1)) == dt.date(2026, 3, 3)
    assert next_test_due(dt.date(2026, 1, 31)) == dt.date(2026, 3, 2)


def test_the_window_is_seven_days_with_the_test_day_as_day_one() -> None:
    test_day = dt.date(2026, 2, 27)
    assert window_after(test_day) == (test_day, dt.date(2026, 3, 5))
    assert window_day(test_day, test_day) == 1
    assert window_day(test_day, dt.date(2026, 3, 5)) == 7
    assert window_day(test_day, dt.date(2026, 3, 6)) is None
    assert window_day(test_day, dt.date(2026, 2, 26)) is None


def test_a_month_after_the_last_dose() -> None:
    assert due_after_last_dose(dt.date(2026, 6, 1)) == dt.date(2026, 7, 1)


def test_only_courses_with_pregnancy_prevention_ask_for_tests() -> None:
    today = dt.date(2026, 2, 10)
    assert schedule_course([course(prevention=False)], today) is None
    assert schedule_course([course()], today) == course()
    assert schedule_course([course()], START - dt.timedelta(days=1)) is None


def test_the_month_after_a_course_is_followed_then_let_go() -> None:
    ended = course(end=dt.date(2026, 5, 31))
    assert schedule_course([ended], dt.date(2026, 6, 15)) == ended
    assert schedule_course([ended], dt.date(2026, 7, 30)) == ended  # due 30 Jun, a month of grace
    assert schedule_course([ended], dt.date(2026, 7, 31)) is None


def test_during_the_course_the_line_names_the_due_day_and_the_window() -> None:
    today = dt.date(2026, 2, 3)
    schedule = schedule_for(course(), [negative(dt.date(2026, 2, 1))], today)
    assert schedule.next_due == dt.date(2026, 3, 3)
    assert schedule.window_day == 3
    words = header_words(schedule)
    assert "Next pregnancy test due Tue 3 Mar (in 28 days), 30 days after Sun 1 Feb" in words
    assert "day 3 of the 7 days after the test (until Sat 7 Feb)" in words


def test_out_of_the_window_and_overdue() -> None:
    today = dt.date(2026, 3, 5)
    schedule = schedule_for(course(), [negative(dt.date(2026, 2, 1))], today)
    assert schedule.window is None and schedule.overdue
    assert "Tue 3 Mar (2 days ago)" in header_words(schedule)


def test_a_later_test_counts_and_future_tests_do_not() -> None:
    today = dt.date(2026, 3, 4)
    tests = [negative(dt.date(2026, 2, 1)), negative(dt.date(2026, 3, 3)), negative(dt.date(2026, 4, 2))]
    schedule = schedule_for(course(), tests, today)
    assert schedule.last_test == tests[1] and schedule.next_due == dt.date(2026, 4, 2)
    assert schedule.window_day == 2


def test_with_no_test_logged() -> None:
    words = header_words(schedule_for(course(), [], dt.date(2026, 1, 6)))
    assert words.startswith("Pregnancy tests: none logged yet")


def test_an_invalid_test_is_named_and_keeps_the_last_negative_one() -> None:
    tests = [negative(dt.date(2026, 2, 1)), PregnancyTest(dt.date(2026, 3, 2), "invalid")]
    schedule = schedule_for(course(), tests, dt.date(2026, 3, 2))
    assert schedule.next_due == dt.date(2026, 3, 3)
    assert "the test on Mon 2 Mar was invalid" in header_words(schedule)


def test_a_positive_test_quotes_the_guide() -> None:
    tests = [PregnancyTest(dt.date(2026, 3, 2), "positive", "home")]
    words = header_words(schedule_for(course(), tests, dt.date(2026, 3, 2)))
    assert words.startswith("Pregnancy test on Mon 2 Mar: positive.")
    assert 'The Medication Guide says: "' in words


def test_after_the_course_the_test_a_month_after_the_last_dose() -> None:
    ended = course(end=dt.date(2026, 5, 31))
    tests = [negative(dt.date(2026, 5, 20))]
    schedule = schedule_for(ended, tests, dt.date(2026, 6, 10))
    assert schedule.after_course_due == dt.date(2026, 6, 30) and schedule.next_due is None
    assert (
        header_words(schedule) == "Pregnancy test a month after your last dose: due Tue 30 Jun (in 20 days)."
    )
    done = schedule_for(ended, [*tests, negative(dt.date(2026, 6, 30))], dt.date(2026, 7, 2))
    assert done.after_course_done and not done.overdue
    assert "logged" in header_words(done)


def test_an_invalid_test_after_the_last_dose_does_not_count_as_done() -> None:
    """The header and the reminders read the same schedule, so they agree on this."""
    from diary.core.reminders import PREGNANCY_AFTER_COURSE, pregnancy_reminders

    ended = course(end=dt.date(2026, 5, 31))
    tests = [negative(dt.date(2026, 5, 20)), PregnancyTest(dt.date(2026, 6, 30), "invalid")]
    today = dt.date(2026, 7, 2)
    schedule = schedule_for(ended, tests, today)
    assert not schedule.after_course_done and schedule.overdue
    assert "logged" not in header_words(schedule)
    assert [r.kind for r in pregnancy_reminders(today, [ended], tests)] == [PREGNANCY_AFTER_COURSE]


def test_the_programme_line_says_what_isodiary_is_not() -> None:
    assert "personal diary" in NOT_A_PROGRAMME
    assert "does not replace or report to any programme such as iPLEDGE" in NOT_A_PROGRAMME
