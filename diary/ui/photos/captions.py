"""What is written under a photo: its day, the course day, and that day's new spots and
severity as the person logged them (not logged says so, never 0)."""

from __future__ import annotations

import datetime as dt

from diary.core import scales
from diary.core.photos import Photo
from diary.ui.app.context import DiaryContext


def day_words(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def photo_caption(context: DiaryContext, photo: Photo) -> str:
    """'Mon 12 Oct 2026 · course day 40 · new spots 3 · severity mild'."""
    parts = [day_words(photo.date)]
    course = context.course_on(photo.date)
    if course is not None:
        parts.append(f"course day {course.day_number(photo.date)}")
    entry = context.entry(photo.date)
    spots = None if entry is None else entry.breakouts_new
    severity = None if entry is None else entry.breakout_severity
    parts.append("new spots not logged" if spots is None else f"new spots {spots}")
    parts.append("severity not logged" if severity is None else f"severity {scales.SEVERITY_WORDS[severity]}")
    return " · ".join(parts)
