"""Mood flags (shared/spec/mood-flags.md): the entries to raise with the doctor, and why.

Flags are derived from the entries every time, never stored; only the person's follow-up
on a flag is stored (keyed by rule and date). Every rule here follows the spec to the
letter. Each reason says where its rule comes from: the Medication Guide (warning signs,
serious symptoms), the PHQ-9 questionnaire, or IsoDiary's own reading of the mood scores.
The days of a flag are put into words in one place (`days_text`, `based_on_text`), so the
flags view, the message, the reasons and the PDF all say them the same way.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

from diary.core import phq9, scales
from diary.core.course import Course
from diary.core.entry import Entry

if TYPE_CHECKING:
    from fractions import Fraction

# The rules in the order the spec lists them; flags on one day are listed in this order.
RULES = ("warning_sign", "low_mood_run", "baseline_drop", "phq9", "serious_symptom")
URGENT, WARNING = "urgent", "warning"

LOW_MOOD = 3  # a mood of 3 or less is low (rule 2)
LOW_MOOD_DAYS = 3  # for 3 or more days in a row
BASELINE_MOODS = 7  # the first 7 logged moods of a course make its baseline (rule 3)
WINDOW_DAYS = 7  # the window is D-6 .. D
WINDOW_MIN_MOODS = 4
BASELINE_DROP = 3
PHQ9_WARNING_TOTAL = 10
PHQ9_URGENT_TOTAL = 20

# Where each rule comes from, in the words every view uses.
GUIDE, QUESTIONNAIRE, READING = "guide", "phq9", "reading"
SOURCE_OF_RULE = {
    "warning_sign": GUIDE,
    "serious_symptom": GUIDE,
    "phq9": QUESTIONNAIRE,
    "low_mood_run": READING,
    "baseline_drop": READING,
}
SOURCE_WORDS = {
    GUIDE: "the isotretinoin Medication Guide",
    QUESTIONNAIRE: "the PHQ-9 questionnaire",
    READING: "IsoDiary's reading of your mood scores",
}
RULE_WORDS = {
    "warning_sign": "Warning sign",
    "low_mood_run": "Low mood, days in a row",
    "baseline_drop": "Mood well below usual",
    "phq9": "PHQ-9 check-in",
    "serious_symptom": "Serious symptom",
}
ITEM9_WORDS = "thoughts that you would be better off dead, or of hurting yourself"


def shifted(day: dt.date, days: int) -> dt.date:
    """`day` moved by `days`, held at the calendar's ends instead of raising OverflowError."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


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

    @property
    def source(self) -> str:
        """GUIDE, QUESTIONNAIRE or READING: where the rule comes from."""
        return SOURCE_OF_RULE[self.rule]

    def days(self) -> list[dt.date]:
        """Every calendar day of the episode."""
        count = (self.last_day - self.date).days + 1
        return [self.date + dt.timedelta(days=offset) for offset in range(count)]

    def days_behind(self) -> tuple[dt.date, dt.date]:
        """The days whose entries made the flag: a run from its first low day, a drop from
        the first window's first day, else the flag's own day(s)."""
        lookback = {"low_mood_run": LOW_MOOD_DAYS - 1, "baseline_drop": WINDOW_DAYS - 1}.get(self.rule, 0)
        return shifted(self.date, -lookback), self.last_day

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
        *serious_symptom_flags(ordered),
    ]
    return sorted(flags, key=lambda flag: (flag.date, RULES.index(flag.rule)))


def day_flags(entry: Entry) -> list[Flag]:
    """The flags that one entry makes alone (rules 1, 4 and 5: every rule that can be urgent)."""
    return [*warning_sign_flags([entry]), *phq9_flags([entry]), *serious_symptom_flags([entry])]


def flags_between(flags: Iterable[Flag], start: dt.date | None, end: dt.date | None) -> list[Flag]:
    """The flags whose days reach into start..end (an episode begun earlier still counts)."""
    return [flag for flag in flags if flag.overlaps(start, end)]


# Dates said once ---------------------------------------------------------------------------


def days_text(first: dt.date, last: dt.date | None = None) -> str:
    """'14 Sep 2026', '16–19 Sep 2026', '30 Sep – 2 Oct 2026', '30 Dec 2026 – 2 Jan 2027'."""
    if last is None or last == first:
        return f"{first.day} {first:%b %Y}"
    if first.year == last.year and first.month == last.month:
        return f"{first.day}–{last.day} {last:%b %Y}"
    if first.year == last.year:
        return f"{first.day} {first:%b} – {last.day} {last:%b %Y}"
    return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"


def flag_days_text(flag: Flag) -> str:
    """The flag's own days, `date` .. `end_date`, as every view shows them."""
    return days_text(flag.date, flag.end_date)


def based_on_text(flag: Flag) -> str:
    """'based on 14–19 Sep 2026' when the days behind the flag start earlier than its own, else ''."""
    first, last = flag.days_behind()
    if first == flag.date:
        return ""
    return f"based on {days_text(first, last)}"


# Rule 1 --------------------------------------------------------------------------------


def warning_sign_flags(entries: Iterable[Entry]) -> list[Flag]:
    return _listed_flags("warning_sign", entries)


# Rule 2 --------------------------------------------------------------------------------


def low_mood_run_flags(entries: Sequence[Entry]) -> list[Flag]:
    """One flag per maximal run of 3 or more consecutive days with a logged mood of 3 or less."""
    flags = []
    run: list[Entry] = []
    for entry in [*entries, None]:
        low = entry is not None and entry.mood is not None and entry.mood <= LOW_MOOD
        if low and run and entry is not None and (entry.date - run[-1].date).days == 1:
            run.append(entry)
            continue
        if len(run) >= LOW_MOOD_DAYS:
            flags.append(_low_mood_flag(run))
        run = [entry] if low and entry is not None else []
    return flags


def _low_mood_flag(run: list[Entry]) -> Flag:
    first, last = run[0].date, run[-1].date
    end = last if len(run) > LOW_MOOD_DAYS else None
    reason = (
        f"From IsoDiary's reading of your mood scores: a mood of {LOW_MOOD} or less (out of 10) "
        f"on {len(run)} days in a row, based on {days_text(first, last)}."
    )
    return Flag("low_mood_run", WARNING, run[LOW_MOOD_DAYS - 1].date, end, reason)


# Rule 3 --------------------------------------------------------------------------------


def baseline_drop_flags(entries: Sequence[Entry], courses: Sequence[Course]) -> list[Flag]:
    """Each course against its own usual mood: the first 7 logged moods of the course.
    `entries` are in date order (as mood_flags passes them)."""
    moods = [(entry.date, entry.mood) for entry in entries if entry.mood is not None]
    if not courses:
        return _baseline_drops(moods)
    # The moods are in date order, so each course's are one slice (found by bisection: ten
    # years of days against every course would otherwise be compared one by one).
    days = [day for day, _ in moods]
    flags = []
    for course in courses:
        first = bisect_left(days, course.start_date)
        last = len(days) if course.end_date is None else bisect_right(days, course.end_date)
        flags.extend(_baseline_drops(moods[first:last]))
    return flags


def _baseline_drops(moods: list[tuple[dt.date, int]]) -> list[Flag]:
    """Rule 3 over one course's logged moods, in date order; exact fractions, no rounding.
    Days are counted as ordinals, so a diary at the calendar's ends never overflows."""
    if len(moods) < BASELINE_MOODS:
        return []
    from fractions import Fraction

    baseline = Fraction(sum(mood for _, mood in moods[:BASELINE_MOODS]), BASELINE_MOODS)
    threshold = baseline - BASELINE_DROP
    by_day = {day.toordinal(): mood for day, mood in moods}
    flags = []
    episode: list[tuple[int, Fraction]] = []
    first = moods[BASELINE_MOODS - 1][0].toordinal() + 1
    # The window day-6 .. day (as _week_mean reads it) kept as a running total and count as
    # it slides a day at a time: ten years of days are a few milliseconds, not tens of them.
    before = [by_day[day] for day in range(first - WINDOW_DAYS, first) if day in by_day]
    total, count = sum(before), len(before)  # days first-7 .. first-1: the loop drops first-7
    for day in range(first, moods[-1][0].toordinal() + 1):
        if (mood := by_day.get(day)) is not None:
            total, count = total + mood, count + 1
        if (mood := by_day.get(day - WINDOW_DAYS)) is not None:
            total, count = total - mood, count - 1
        # total / count <= threshold, exactly, in whole numbers (count > 0)
        if count >= WINDOW_MIN_MOODS and total * threshold.denominator <= threshold.numerator * count:
            episode.append((day, Fraction(total, count)))
        elif episode:
            flags.append(_baseline_flag(episode, baseline))
            episode = []
    if episode:
        flags.append(_baseline_flag(episode, baseline))
    return flags


def _baseline_flag(episode: list[tuple[int, Fraction]], baseline: Fraction) -> Flag:
    first, last = dt.date.fromordinal(episode[0][0]), dt.date.fromordinal(episode[-1][0])
    lowest = min(mean for _, mean in episode)
    reason = (
        "From IsoDiary's reading of your mood scores: your mean mood over 7 days fell to "
        f"{_one_decimal(lowest)}"
        + (" at its lowest" if len(episode) > 1 else "")
        + f", 3 or more points below your usual {_one_decimal(baseline)} "
        f"(the first {BASELINE_MOODS} moods you logged this course), based on "
        f"{days_text(shifted(first, 1 - WINDOW_DAYS), last)}."
    )
    return Flag("baseline_drop", WARNING, first, last if last > first else None, reason)


def _week_mean(by_day: Mapping[int, int], day: int) -> Fraction | None:
    """The exact mean of the logged moods of the window day-6 .. day (ordinals), or None when
    it holds fewer than 4."""
    from fractions import Fraction  # exact means (the spec compares without rounding)

    window = [by_day[d] for d in range(day - WINDOW_DAYS + 1, day + 1) if d in by_day]
    return Fraction(sum(window), len(window)) if len(window) >= WINDOW_MIN_MOODS else None


def lowest_week_mean(days: Iterable[dt.date], entries: Iterable[Entry]) -> float | None:
    """The lowest mean mood of the 7 days to each of `days` (windows of at least 4 moods)."""
    by_day = {entry.date.toordinal(): entry.mood for entry in entries if entry.mood is not None}
    means = [mean for day in days if (mean := _week_mean(by_day, day.toordinal())) is not None]
    return float(min(means)) if means else None


# Rule 4 --------------------------------------------------------------------------------


def phq9_urgent_parts(answers: Sequence[int]) -> frozenset[str]:
    """What makes a PHQ-9 urgent: item 9 answered, a total of 20 or more."""
    parts = set()
    if phq9.item9_positive(answers):
        parts.add("item9")
    if phq9.total(answers) >= PHQ9_URGENT_TOTAL:
        parts.add("total")
    return frozenset(parts)


def phq9_flags(entries: Iterable[Entry]) -> list[Flag]:
    flags = []
    for entry in entries:
        if entry.phq9 is None:
            continue
        total = phq9.total(entry.phq9)
        urgent = phq9_urgent_parts(entry.phq9)
        if urgent:
            severity = URGENT
        elif total >= PHQ9_WARNING_TOTAL:
            severity = WARNING
        else:
            continue
        score = f"score {total} of 27, in the {phq9.band(total)} band"
        if "item9" in urgent:
            answer = phq9.ANSWERS[entry.phq9[8]].lower()
            reason = (
                f"From the PHQ-9 questionnaire: question 9 ({ITEM9_WORDS}) was answered "
                f"“{answer}”; total {score}."
            )
        else:
            reason = f"From the PHQ-9 questionnaire: {score}."
        flags.append(Flag("phq9", severity, entry.date, None, reason))
    return flags


# Rule 5 --------------------------------------------------------------------------------


def serious_symptom_flags(entries: Iterable[Entry]) -> list[Flag]:
    return _listed_flags("serious_symptom", entries)


# Rules 1 and 5: for each, the entry's keys, their words, what one is called, how the guide is cited.
_LISTS: dict[str, tuple[Callable[[Entry], Sequence[str] | None], Mapping[str, str], str, str]] = {
    "warning_sign": (
        attrgetter("warning_signs"),
        scales.WARNING_SIGNS,
        "warning sign",
        "from the Medication Guide",
    ),
    "serious_symptom": (
        attrgetter("serious_symptoms"),
        scales.SERIOUS_SYMPTOMS,
        "serious symptom",
        "the Medication Guide names",
    ),
}


def _listed_flags(rule: str, entries: Iterable[Entry]) -> list[Flag]:
    """One flag for every entry listing at least one key; urgent when `urgent_parts` finds one."""
    keys_of, words, noun, cited = _LISTS[rule]
    flags = []
    for entry in entries:
        keys = keys_of(entry)
        if not keys:
            continue
        what = f"A {noun}" if len(keys) == 1 else f"{len(keys)} {noun}s"
        reason = f"{what} {cited}: {'; '.join(words[key] for key in keys)}."
        flags.append(Flag(rule, URGENT if urgent_parts(rule, entry) else WARNING, entry.date, None, reason))
    return flags


def urgent_parts(flag_rule: str, entry: Entry) -> frozenset[str]:
    """The urgent signs, symptoms or PHQ-9 parts of `entry` for `flag_rule`: the flag is urgent
    when there is one, and when a save adds one the day became more serious (the message at
    save shows again)."""
    if flag_rule == "warning_sign":
        return frozenset(sign for sign in entry.warning_signs or () if sign in scales.URGENT_SIGNS)
    if flag_rule == "serious_symptom":
        return frozenset(
            key for key in entry.serious_symptoms or () if key not in scales.LESS_URGENT_SYMPTOMS
        )
    if flag_rule == "phq9" and entry.phq9 is not None:
        return phq9_urgent_parts(entry.phq9)
    return frozenset()


# Words ---------------------------------------------------------------------------------


def _one_decimal(value: Fraction) -> str:
    return f"{float(value):.1f}"
