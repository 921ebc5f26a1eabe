"""The words for one day under the pointer: its date and course week, and every charted value logged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from diary.core import fields, scales
from diary.core.course import Course
from diary.core.entry import Entry
from diary.core.fields import EntryField
from diary.core.routine import RoutineStep


def day_words(
    day: dt.date, entry: Entry | None, course: Course | None, routine: Sequence[RoutineStep]
) -> str:
    """'Tuesday 14 April 2026 · week 7: lips 6, skin 4, eyes 2 · joints 1 · mood 7 (good) · …'."""
    when = f"{day:%A} {day.day} {day:%B %Y}"
    if course is not None and course.contains(day):
        when += f" · week {course.week_number(day)}"
    parts = [] if entry is None else _values(entry, routine)
    return f"{when}: " + (" · ".join(parts) if parts else "not logged")


def _rating_groups() -> list[tuple[str, list[EntryField]]]:
    """The 0-10 symptom ratings as an entry holds them: dryness's three together, then each
    rating that stands alone, with the word that goes before the group's values."""
    groups: dict[tuple[str, ...], list[EntryField]] = {}
    for field in fields.SYMPTOM_FIELDS:
        groups.setdefault(field.json_path[:-1] or field.json_path, []).append(field)
    return [(_GROUP_WORDS.get(path, ""), members) for path, members in groups.items()]


_GROUP_WORDS: dict[tuple[str, ...], str] = {("dryness",): "dry "}
_RATING_GROUPS = _rating_groups()


def _values(entry: Entry, routine: Sequence[RoutineStep]) -> list[str]:
    parts = []
    for before, members in _RATING_GROUPS:
        ratings = [
            f"{field.label.lower()} {value}"
            for field in members
            if (value := getattr(entry, field.name)) is not None
        ]
        if ratings:
            parts.append(before + ", ".join(ratings))
    if entry.mood is not None:
        parts.append(f"mood {entry.mood} ({scales.mood_word(entry.mood)})")
    spots = []
    if entry.breakouts_new is not None:
        spots.append(f"{entry.breakouts_new} new spot{'' if entry.breakouts_new == 1 else 's'}")
    if entry.breakout_severity is not None:
        spots.append(f"severity {scales.SEVERITY_WORDS[entry.breakout_severity]}")
    if spots:
        parts.append(", ".join(spots))
    if entry.skincare is not None:
        parts.append(_routine_words(entry.skincare, routine))
    if entry.dose_mg is not None:
        parts.append("missed dose" if entry.dose_mg == 0 else f"dose {entry.dose_mg:g} mg")
    return parts


def _routine_words(done: Sequence[str], routine: Sequence[RoutineStep]) -> str:
    steps = [step for step in routine if step.active]
    if not steps:
        return f"{len(done)} skincare step{'' if len(done) == 1 else 's'}"
    skipped = [step.label for step in steps if step.key not in done]
    words = f"routine {len(steps) - len(skipped)} of {len(steps)}"
    if skipped and len(skipped) < len(steps):
        words += " (skipped " + ", ".join(skipped) + ")"
    return words
