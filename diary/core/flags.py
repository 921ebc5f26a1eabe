"""Mood flags (shared/spec/mood-flags.md): the entries the Medication Guide asks to raise with the doctor.

Flags are derived from the entries every time, never stored; only the person's follow-up
on a flag is stored (keyed by rule and date). Every rule here follows the spec to the
letter; the wording quotes the guide and never diagnoses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from diary.core import phq9, scales
from diary.core.course import Course
from diary.core.entry import Entry

if TYPE_CHECKING:
    from fractions import Fraction

# The rules in the order the spec lists them; flags on one day are listed in this order.
RULES = ("warning_sign", "low_mood_run", "baseline_drop", "phq9")
URGENT, WARNING = "urgent", "warning"

LOW_MOOD = 3  # a mood of 3 or less is low (rule 2)
LOW_MOOD_DAYS = 3  # for 3 or more days in a row
BASELINE_MOODS = 7  # the first 7 logged moods of a course make its baseline (rule 3)
WINDOW_DAYS = 7  # the window is D-6 .. D
WINDOW_MIN_MOODS = 4
BASELINE_DROP = 3
PHQ9_WARNING_TOTAL = 10
PHQ9_URGENT_TOTAL = 20


@dataclass(frozen=True)
class Flag:
    """Something to raise with the doctor: which rule, how urgent, when, and why in words."""

    rule: str
    severity: str
    date: dt.date
    end_date: dt.date | None
    reason: str

    @property
    def key(self) -> tuple[str, dt.date]:
        """What a follow-up is stored under: it survives recomputation and edits of the reason."""
        return self.rule, self.date

    @property
    def last_day(self) -> dt.date:
        return self.end_date or self.date

    def days(self) -> list[dt.date]:
        """Every calendar day of the episode."""
        count = (self.last_day - self.date).days + 1
        return [self.date + dt.timedelta(days=offset) for offset in range(count)]

    def days_behind(self) -> tuple[dt.date, dt.date]:
        """The days whose entries made the flag: a run from its first low day, a drop from
        the first window's first day, else the flag's own day(s)."""
        lookback = {"low_mood_run": LOW_MOOD_DAYS - 1, "baseline_drop": WINDOW_DAYS - 1}.get(self.rule, 0)
        return self.date - dt.timedelta(days=lookback), self.last_day

    def overlaps(self, start: dt.date | None, end: dt.date | None) -> bool:
        return (start is None or self.last_day >= start) and (end is None or self.date <= end)

    def as_json(self) -> dict[str, str | None]:
        """Exactly the spec's keys, dates as YYYY-MM-DD."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "date": self.date.isoformat(),
            "end_date": None if self.end_date is None else self.end_date.isoformat(),
            "reason": self.reason,
        }


def mood_flags(entries: Iterable[Entry], courses: Sequence[Course] = ()) -> list[Flag]:
    """Every flag of the diary, by date, then by rule in the spec's order."""
    ordered = sorted(entries, key=lambda entry: entry.date)
    flags = [
        *warning_sign_flags(ordered),
        *low_mood_run_flags(ordered),
        *baseline_drop_flags(ordered, courses),
        *phq9_flags(ordered),
    ]
    return sorted(flags, key=lambda flag: (flag.date, RULES.index(flag.rule)))


def flags_between(flags: Iterable[Flag], start: dt.date | None, end: dt.date | None) -> list[Flag]:
    """The flags whose days reach into start..end (an episode begun earlier still counts)."""
    return [flag for flag in flags if flag.overlaps(start, end)]


# Rule 1 --------------------------------------------------------------------------------


def warning_sign_flags(entries: Iterable[Entry]) -> list[Flag]:
    flags = []
    for entry in entries:
        if not entry.warning_signs:
            continue
        urgent = any(sign in scales.URGENT_SIGNS for sign in entry.warning_signs)
        words = "; ".join(scales.WARNING_SIGNS[sign] for sign in entry.warning_signs)
        count = len(entry.warning_signs)
        signs = "A warning sign" if count == 1 else f"{count} warning signs"
        reason = f"{signs} from the Medication Guide: {words}."
        flags.append(Flag("warning_sign", URGENT if urgent else WARNING, entry.date, None, reason))
    return flags


# Rule 2 --------------------------------------------------------------------------------


def low_mood_run_flags(entries: Sequence[Entry]) -> list[Flag]:
    """One flag per maximal run of 3 or more consecutive days with a logged mood of 3 or less."""
    flags = []
    run: list[Entry] = []
    for entry in [*entries, None]:
        continues = (
            entry is not None
            and entry.mood is not None
            and entry.mood <= LOW_MOOD
            and (not run or entry.date == run[-1].date + dt.timedelta(days=1))
        )
        if continues:
            run.append(entry)  # type: ignore[arg-type]
            continue
        if len(run) >= LOW_MOOD_DAYS:
            flags.append(_low_mood_flag(run))
        run = [entry] if entry is not None and entry.mood is not None and entry.mood <= LOW_MOOD else []
    return flags


def _low_mood_flag(run: list[Entry]) -> Flag:
    first, last = run[0].date, run[-1].date
    end = last if len(run) > LOW_MOOD_DAYS else None
    reason = f"Mood of {LOW_MOOD} or less (out of 10) on {len(run)} days in a row, {_span(first, last)}."
    return Flag("low_mood_run", WARNING, run[LOW_MOOD_DAYS - 1].date, end, reason)


# Rule 3 --------------------------------------------------------------------------------


def baseline_drop_flags(entries: Sequence[Entry], courses: Sequence[Course]) -> list[Flag]:
    """Each course against its own usual mood: the first 7 logged moods of the course."""
    moods = [(entry.date, entry.mood) for entry in entries if entry.mood is not None]
    if not courses:
        return _baseline_drops(moods)
    flags = []
    for course in courses:
        mine = [(day, mood) for day, mood in moods if course.contains(day)]
        flags.extend(_baseline_drops(mine))
    return flags


def _baseline_drops(moods: list[tuple[dt.date, int]]) -> list[Flag]:
    """Rule 3 over one course's logged moods, in date order; exact fractions, no rounding."""
    if len(moods) < BASELINE_MOODS:
        return []
    from fractions import Fraction  # exact means (the spec compares without rounding)

    baseline = Fraction(sum(mood for _, mood in moods[:BASELINE_MOODS]), BASELINE_MOODS)
    threshold = baseline - BASELINE_DROP
    by_day = dict(moods)
    day = moods[BASELINE_MOODS - 1][0] + dt.timedelta(days=1)
    last = moods[-1][0]
    flags = []
    episode: list[tuple[dt.date, Fraction]] = []
    while day <= last:
        window = [
            by_day[d] for offset in range(WINDOW_DAYS) if (d := day - dt.timedelta(days=offset)) in by_day
        ]
        mean = Fraction(sum(window), len(window)) if window else None
        if mean is not None and len(window) >= WINDOW_MIN_MOODS and mean <= threshold:
            episode.append((day, mean))
        elif episode:
            flags.append(_baseline_flag(episode, baseline))
            episode = []
        day += dt.timedelta(days=1)
    if episode:
        flags.append(_baseline_flag(episode, baseline))
    return flags


def _baseline_flag(episode: list[tuple[dt.date, Fraction]], baseline: Fraction) -> Flag:
    first, last = episode[0][0], episode[-1][0]
    lowest = min(mean for _, mean in episode)
    reason = (
        f"Mood over the past week averaged {_one_decimal(episode[0][1])}"
        + (f" (lowest {_one_decimal(lowest)})" if len(episode) > 1 and lowest < episode[0][1] else "")
        + f", 3 or more points below your usual {_one_decimal(baseline)} "
        f"(the first {BASELINE_MOODS} moods you logged this course), {_span(first, last)}."
    )
    return Flag("baseline_drop", WARNING, first, last if last > first else None, reason)


# Rule 4 --------------------------------------------------------------------------------


def phq9_flags(entries: Iterable[Entry]) -> list[Flag]:
    flags = []
    for entry in entries:
        if entry.phq9 is None:
            continue
        total = phq9.total(entry.phq9)
        item9 = phq9.item9_positive(entry.phq9)
        if item9 or total >= PHQ9_URGENT_TOTAL:
            severity = URGENT
        elif total >= PHQ9_WARNING_TOTAL:
            severity = WARNING
        else:
            continue
        reason = f"PHQ-9 score {total} of 27, in the {phq9.band(total)} band."
        if item9:
            answer = phq9.ANSWERS[entry.phq9[8]].lower()
            reason += (
                f" Question 9 (thoughts that you would be better off dead, or of hurting yourself) "
                f"was answered “{answer}”."
            )
        flags.append(Flag("phq9", severity, entry.date, None, reason))
    return flags


# Words ---------------------------------------------------------------------------------


def _span(first: dt.date, last: dt.date) -> str:
    if first == last:
        return f"on {_day(first)}"
    return f"{_day(first)} to {_day(last)}"


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _one_decimal(value: Fraction) -> str:
    return f"{float(value):.1f}"
