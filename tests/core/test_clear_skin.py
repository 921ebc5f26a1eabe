"""The outcome: how long the skin has been clear, in the words the header and summary use."""

import datetime as dt

from diary.core.clear_skin import clear_for, clear_since_words
from diary.core.course import Course, DoseChange
from diary.core.entry import Entry
from diary.core.progress import course_progress, progress_line

START = dt.date(2026, 3, 2)
CLEAR = dt.date(2026, 10, 12)


def course(clear: dt.date | None) -> Course:
    return Course(START, weight_kg=60, doses=(DoseChange(START, 30),), clear_since=clear)


def test_weeks_are_whole_weeks_and_days_under_one() -> None:
    assert clear_for(CLEAR, CLEAR) == "marked that day"
    assert clear_for(CLEAR, CLEAR + dt.timedelta(days=1)) == "1 day"
    assert clear_for(CLEAR, CLEAR + dt.timedelta(days=6)) == "6 days"
    assert clear_for(CLEAR, CLEAR + dt.timedelta(days=7)) == "1 week"
    assert clear_for(CLEAR, CLEAR + dt.timedelta(days=62)) == "8 weeks"


def test_not_set_or_not_yet_says_nothing() -> None:
    assert clear_since_words(course(None), CLEAR) is None
    assert clear_since_words(course(CLEAR), CLEAR - dt.timedelta(days=1)) is None
    assert clear_since_words(course(CLEAR), dt.date(2026, 12, 7)) == "clear since 12 Oct (8 weeks)"
    assert clear_since_words(course(CLEAR), dt.date(2027, 1, 4)) == "clear since 12 Oct 2026 (12 weeks)"


def test_the_header_line_says_it_beside_the_cumulative_dose() -> None:
    entries = [Entry(START + dt.timedelta(days=offset), dose_mg=30) for offset in range(300)]
    on = dt.date(2026, 12, 7)
    line = progress_line(course_progress(course(CLEAR), entries, on, today=on))
    assert line.endswith("140.5 of 120 mg/kg (target reached) · clear since 12 Oct (8 weeks)")
    assert "clear since" not in progress_line(course_progress(course(None), entries, on, today=on))
