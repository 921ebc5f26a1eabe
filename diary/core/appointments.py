"""Appointments with the prescriber and the questions to ask there."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from diary.core.entry import InvalidValue
from diary.core.records import NOTE_MAX_LENGTH, TEXT_MAX_LENGTH

TEXT_MAX = TEXT_MAX_LENGTH
NOTE_MAX = NOTE_MAX_LENGTH  # every note of the interchange spec


@dataclass(frozen=True)
class Appointment:
    """A visit: when, with whom, and a note. `id` is the store's, None until saved."""

    day: dt.date
    with_whom: str | None = None
    note: str | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        for name, limit in (("with_whom", TEXT_MAX), ("note", NOTE_MAX)):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, str) or len(value) > limit):
                raise InvalidValue(name, f"must be text of at most {limit:,} characters")
            if isinstance(value, str) and not value.strip():
                object.__setattr__(self, name, None)

    @property
    def identity(self) -> tuple[object, ...]:
        """What makes two appointments the same one (interchange spec): the day and with whom."""
        return (self.day, self.with_whom)

    def describe(self) -> str:
        text = f"{self.day:%a} {self.day.day} {self.day:%b %Y}"
        return text + (f" with {self.with_whom}" if self.with_whom else "")


@dataclass(frozen=True)
class Question:
    """A question for the doctor; `asked_on` is set once it has been asked."""

    text: str
    added_on: dt.date
    asked_on: dt.date | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.text, str) or not self.text.strip():
            raise InvalidValue("text", "a question needs some words")
        if len(self.text) > TEXT_MAX:
            raise InvalidValue("text", f"must be at most {TEXT_MAX} characters")

    @property
    def identity(self) -> tuple[object, ...]:
        """What makes two questions the same one (interchange spec): the words and the day added."""
        return (self.text, self.added_on)

    @property
    def is_open(self) -> bool:
        return self.asked_on is None


def next_appointment(appointments: Iterable[Appointment], today: dt.date) -> Appointment | None:
    """The first appointment today or later."""
    coming = sorted((a for a in appointments if a.day >= today), key=lambda a: a.day)
    return coming[0] if coming else None


def last_appointment(appointments: Iterable[Appointment], today: dt.date) -> Appointment | None:
    """The latest appointment before today (today's is the one the summary is for)."""
    past = sorted((a for a in appointments if a.day < today), key=lambda a: a.day)
    return past[-1] if past else None


DEFAULT_DAYS = 30


def summary_range(appointments: Iterable[Appointment], today: dt.date) -> tuple[dt.date, dt.date]:
    """The summary's default range: since the last appointment, else the last 30 days."""
    last = last_appointment(appointments, today)
    start = last.day if last is not None else today - dt.timedelta(days=DEFAULT_DAYS - 1)
    return start, today
