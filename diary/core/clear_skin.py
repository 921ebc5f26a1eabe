"""The outcome the course is for: the day the person marked their skin clear (the course's
`clear_since`, interchange spec version 3), and how long ago that was, in plain words.

A fact for the prescriber, shown beside the cumulative dose; never advice. Not set, or a
day shown before it, says nothing.
"""

from __future__ import annotations

import datetime as dt

from diary.core.course import Course


def clear_for(clear_since: dt.date, on: dt.date) -> str:
    """How long the skin has been clear on `on`: 'marked that day', '5 days', '1 week', '8 weeks'."""
    days = (on - clear_since).days
    if days <= 0:
        return "marked that day"
    if days < 7:
        return f"{days} day" + ("s" if days != 1 else "")
    weeks = days // 7
    return f"{weeks} week" + ("s" if weeks != 1 else "")


def clear_since_words(course: Course, on: dt.date, *, with_year: bool = False) -> str | None:
    """'clear since 12 Oct (8 weeks)' as of `on`; None when not set or `on` is before it.
    The year is written when asked, or when it is not the year of `on`."""
    clear = course.clear_since
    if clear is None or on < clear:
        return None
    day = f"{clear.day} {clear:%b}"
    if with_year or clear.year != on.year:
        day += f" {clear.year}"
    return f"clear since {day} ({clear_for(clear, on)})"
