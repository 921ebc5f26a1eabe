"""Appointments: the next one for the header, and the summary's default range."""

import datetime as dt

import pytest

from diary.core.appointments import Appointment, Question, next_appointment, summary_range
from diary.core.entry import InvalidValue

TODAY = dt.date(2026, 4, 15)


def test_the_next_appointment_is_today_or_later() -> None:
    visits = [
        Appointment(dt.date(2026, 4, 1)),
        Appointment(TODAY, "Dr. N"),
        Appointment(dt.date(2026, 5, 13)),
    ]
    assert next_appointment(visits, TODAY) == visits[1]
    assert next_appointment(visits, dt.date(2026, 6, 1)) is None


def test_the_summary_covers_since_the_last_appointment_or_the_last_30_days() -> None:
    assert summary_range([], TODAY) == (dt.date(2026, 3, 17), TODAY)
    visits = [Appointment(dt.date(2026, 3, 18)), Appointment(TODAY), Appointment(dt.date(2026, 3, 1))]
    assert summary_range(visits, TODAY) == (dt.date(2026, 3, 18), TODAY)


def test_blank_words_are_not_kept_and_a_question_needs_words() -> None:
    assert Appointment(TODAY, "  ", "").with_whom is None
    with pytest.raises(InvalidValue):
        Question("   ", TODAY)
    assert Appointment(TODAY, "Dr. Novak").describe() == "Wed 15 Apr 2026 with Dr. Novak"
