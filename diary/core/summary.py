"""Summaries of a date range for the appointment: symptom statistics, adherence, doses.

Days not logged are skipped, never counted as 0: a mean is over the days that have the
value, and a statistic with no logged day is None.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter

from diary.core import fields, phq9, scales
from diary.core.course import Course
from diary.core.entry import Entry
from diary.core.flags import RULES, URGENT, WARNING, days_text, lowest_week_mean, urgent_parts
from diary.core.follow_up import DISCUSSED, TrackedFlag
from diary.core.records import CustomSideEffect
from diary.core.routine import RoutineStep, offered_on

RECENT_DAYS = 7
# A change against the previous period is shown only when each side rests on this many logged days.
COMPARE_MIN_DAYS = 7


@dataclass(frozen=True)
class Measure:
    """One line of the side-effect table: what is measured and how to read it."""

    name: str
    value: Callable[[Entry], float | None]
    higher_is_worse: bool = True


# One line per field the field table gives a table label, in the table's order.
MEASURES: tuple[Measure, ...] = tuple(
    Measure(field.table_label, attrgetter(field.name), field.higher_is_worse)
    for field in fields.ENTRY_FIELDS
    if field.table_label is not None
)


@dataclass(frozen=True)
class SymptomLine:
    name: str
    days_logged: int
    mean: float | None
    worst: float | None
    recent_mean: float | None
    previous_mean: float | None
    higher_is_worse: bool
    previous_days_logged: int = 0

    @property
    def change(self) -> float | None:
        """The range's mean minus the previous period's, when each rests on at least
        COMPARE_MIN_DAYS logged days (fewer make a comparison that means little)."""
        if self.mean is None or self.previous_mean is None:
            return None
        if min(self.days_logged, self.previous_days_logged) < COMPARE_MIN_DAYS:
            return None
        return self.mean - self.previous_mean


def in_range(entries: Iterable[Entry], start: dt.date, end: dt.date) -> list[Entry]:
    return [entry for entry in entries if start <= entry.date <= end]


def previous_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The same number of days just before `start`."""
    length = (end - start).days + 1
    return start - dt.timedelta(days=length), start - dt.timedelta(days=1)


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def symptom_table(entries: Sequence[Entry], start: dt.date, end: dt.date) -> list[SymptomLine]:
    """For each measure: days logged, mean, worst, the last 7 days' mean, and the previous period's mean."""
    now = in_range(entries, start, end)
    recent = in_range(entries, max(start, end - dt.timedelta(days=RECENT_DAYS - 1)), end)
    before = in_range(entries, *previous_period(start, end))
    lines = []
    for measure in MEASURES:
        values = _logged(now, measure)
        earlier = _logged(before, measure)
        worst_of = max if measure.higher_is_worse else min
        lines.append(
            SymptomLine(
                name=measure.name,
                days_logged=len(values),
                mean=mean(values),
                worst=worst_of(values) if values else None,
                recent_mean=mean(_logged(recent, measure)),
                previous_mean=mean(earlier),
                higher_is_worse=measure.higher_is_worse,
                previous_days_logged=len(earlier),
            )
        )
    return lines


def _logged(entries: Iterable[Entry], measure: Measure) -> list[float]:
    return [value for entry in entries if (value := measure.value(entry)) is not None]


@dataclass(frozen=True)
class StepAdherence:
    label: str
    days_done: int
    days_logged: int

    @property
    def percent(self) -> float | None:
        return None if not self.days_logged else 100 * self.days_done / self.days_logged


def skincare_adherence(entries: Sequence[Entry], routine: Sequence[RoutineStep]) -> list[StepAdherence]:
    """Per step: on how many of the days with skincare logged, while the step was in the
    routine (`offered_on`), it was done. A step added later is not counted as skipped before."""
    logged = [entry for entry in entries if entry.skincare is not None]
    found = []
    for step in routine:
        days = [e for e in logged if offered_on(step, e.date, e.skincare)]
        if days and (step.active or any(step.key in (e.skincare or ()) for e in days)):
            found.append(
                StepAdherence(step.label, sum(1 for e in days if step.key in (e.skincare or ())), len(days))
            )
    return found


def side_effect_days(entries: Sequence[Entry], own: Sequence[CustomSideEffect] = ()) -> list[tuple[str, int]]:
    """Other side effects (built in, and the person's own) and on how many days each was
    noted, most frequent first."""
    words = {**scales.SIDE_EFFECTS, **{item.key: item.label for item in own}}
    counts: dict[str, int] = {}
    for entry in entries:
        for key in entry.side_effects or ():
            counts[key] = counts.get(key, 0) + 1
    # A key no list names any more (never expected) still counts, under its own key.
    return sorted(((words.get(key, key), n) for key, n in counts.items()), key=lambda item: -item[1])


def missed_dose_days(entries: Iterable[Entry]) -> list[dt.date]:
    return [entry.date for entry in entries if entry.dose_mg == 0]


def days_without_dose(entries: Iterable[Entry], start: dt.date, end: dt.date) -> int:
    """Days in the range with no dose logged at all (not the same as a missed dose)."""
    logged = {entry.date for entry in entries if entry.dose_mg is not None}
    return sum(
        1 for offset in range((end - start).days + 1) if start + dt.timedelta(days=offset) not in logged
    )


# The flags to discuss ---------------------------------------------------------------------

NOTE_LENGTH = 140  # a note on a flagged day is shortened to about this many characters
NOTES_PER_EPISODE = 3


@dataclass(frozen=True)
class Episode:
    """Flags whose days overlap, told as one line of the summary: every rule named, the
    days, what was noticed, the lowest 7-day mood, the PHQ-9 peak and item 9, and the
    person's notes on those days (shortened)."""

    flags: tuple[TrackedFlag, ...]
    first: dt.date
    last: dt.date
    lowest_week_mood: float | None
    lowest_mood: int | None
    phq9_peak: int | None
    item9: int | None
    notes: tuple[tuple[dt.date, str], ...]
    noticed: tuple[str, ...] = ()
    # Every urgent flag's own day(s) and what was noted, so no urgent day hides in the range.
    urgent_days: tuple[tuple[str, str], ...] = ()

    @property
    def severity(self) -> str:
        return URGENT if any(item.flag.severity == URGENT for item in self.flags) else WARNING

    @property
    def rules(self) -> list[str]:
        return list(dict.fromkeys(item.flag.rule for item in self.flags))

    @property
    def days_text(self) -> str:
        return days_text(self.first, self.last)


def episodes(tracked: Iterable[TrackedFlag], entries: Sequence[Entry]) -> list[Episode]:
    """Flags whose days (date .. end_date) overlap merge into one episode; urgent first,
    then newest first."""
    ordered = sorted(tracked, key=lambda item: (item.flag.date, RULES.index(item.flag.rule)))
    groups: list[list[TrackedFlag]] = []
    for item in ordered:
        if groups and item.flag.date <= max(other.flag.last_day for other in groups[-1]):
            groups[-1].append(item)
        else:
            groups.append([item])
    by_day = {entry.date: entry for entry in entries}
    result = [_episode(group, by_day, entries) for group in groups]
    result.sort(key=lambda episode: episode.first, reverse=True)
    result.sort(key=lambda episode: episode.severity != URGENT)
    return result


def _episode(group: list[TrackedFlag], by_day: dict[dt.date, Entry], entries: Sequence[Entry]) -> Episode:
    first = min(item.flag.date for item in group)
    last = max(item.flag.last_day for item in group)
    behind = min(item.flag.days_behind()[0] for item in group)
    days = [dt.date.fromordinal(o) for o in range(first.toordinal(), last.toordinal() + 1)]
    seen = [
        by_day[day]
        for o in range(behind.toordinal(), last.toordinal() + 1)
        if (day := dt.date.fromordinal(o)) in by_day
    ]
    moods = [entry.mood for entry in seen if entry.mood is not None]
    tests = [entry.phq9 for entry in seen if entry.phq9 is not None and first <= entry.date <= last]
    notes = tuple((entry.date, shorten(entry.note)) for entry in seen if entry.note)[-NOTES_PER_EPISODE:]
    mood_rules = any(item.flag.rule in ("low_mood_run", "baseline_drop") for item in group)
    return Episode(
        flags=tuple(group),
        first=first,
        last=last,
        lowest_week_mood=lowest_week_mean(days, entries) if mood_rules else None,
        lowest_mood=min(moods) if moods and mood_rules else None,
        phq9_peak=max(sum(answers) for answers in tests) if tests else None,
        item9=max(answers[8] for answers in tests) if tests else None,
        notes=notes,
        noticed=tuple(_noticed(group, seen, first, last)),
        urgent_days=tuple(_urgent_days(group, by_day)),
    )


def _urgent_days(group: list[TrackedFlag], by_day: dict[dt.date, Entry]) -> list[tuple[str, str]]:
    """('13 Apr 2026', 'thoughts about hurting myself or ending my life') for every urgent
    flag of the episode, newest first, with the words the patient ticked (mood-flags spec)."""
    days = []
    for item in sorted(group, key=lambda item: item.flag.date, reverse=True):
        flag = item.flag
        if flag.severity != URGENT:
            continue
        entry = by_day.get(flag.date)
        noted = _urgent_words(flag.rule, entry) if entry is not None else ""
        days.append((days_text(flag.date, flag.end_date), noted or RULES_NOTED.get(flag.rule, "")))
    return days


RULES_NOTED = {"warning_sign": "a warning sign", "serious_symptom": "a serious symptom", "phq9": "PHQ-9"}


def _urgent_words(rule: str, entry: Entry) -> str:
    """What made the day urgent, in the words of the lists (the guide's signs and symptoms)
    or of the questionnaire."""
    parts = urgent_parts(rule, entry)
    if rule == "warning_sign":
        return "; ".join(
            text[0].lower() + text[1:] for key, text in scales.WARNING_SIGNS.items() if key in parts
        )
    if rule == "serious_symptom":
        return "; ".join(
            text[0].lower() + text[1:] for key, text in scales.SERIOUS_SYMPTOMS.items() if key in parts
        )
    if rule == "phq9" and entry.phq9 is not None:
        words = []
        if "item9" in parts:
            words.append(f"PHQ-9 question 9 answered {entry.phq9[8]}")
        total = phq9.total(entry.phq9)
        words.append(f"PHQ-9 total {total} of 27 ({phq9.band(total)})")
        return "; ".join(words)
    return ""


def _noticed(group: list[TrackedFlag], seen: list[Entry], first: dt.date, last: dt.date) -> list[str]:
    """One line per rule of the episode, each saying where the rule comes from."""
    lines = []
    own = [entry for entry in seen if first <= entry.date <= last]
    for rule in dict.fromkeys(item.flag.rule for item in group):
        flags = [item.flag for item in group if item.flag.rule == rule]
        if rule in ("warning_sign", "serious_symptom"):
            words = scales.WARNING_SIGNS if rule == "warning_sign" else scales.SERIOUS_SYMPTOMS
            keys = [
                key
                for entry in own
                for key in (entry.warning_signs if rule == "warning_sign" else entry.serious_symptoms) or ()
            ]
            kind = "Warning signs" if rule == "warning_sign" else "Serious symptoms"
            on = f" on {len(flags)} days" if len(flags) > 1 else ""
            listed = "; ".join(words[key] for key in words if key in keys)
            lines.append(f"{kind} from the Medication Guide{on}: {listed}.")
        elif rule == "phq9":
            tests = [entry.phq9 for entry in own if entry.phq9 is not None]
            peak = max(sum(answers) for answers in tests)
            item9 = max(answers[8] for answers in tests)
            text = "PHQ-9 questionnaire: " + (f"peak {peak} of 27" if len(tests) > 1 else f"{peak} of 27")
            text += f" ({phq9.band(peak)})"
            if item9:
                text += f"; question 9 (“{phq9.ITEMS[8]}”) answered “{phq9.ANSWERS[item9].lower()}”"
            lines.append(text + ".")
        else:
            lines.extend(for_the_prescriber(flag.reason) for flag in flags)
    return lines


# The flags' reasons speak to the person; the summary speaks of "the patient" (mood-flags spec).
_TO_THE_PRESCRIBER = (
    ("your mood scores", "the patient's mood scores"),
    ("your mean mood", "the patient's mean mood"),
    ("your usual", "the patient's usual"),
    ("the first 7 moods you logged this course", "the first 7 moods logged this course"),
)


def for_the_prescriber(reason: str) -> str:
    """A flag's reason in the summary's words: "the patient", never "you" or "your"."""
    for person, prescriber in _TO_THE_PRESCRIBER:
        reason = reason.replace(person, prescriber)
    return reason


def shorten(text: str, length: int = NOTE_LENGTH) -> str:
    """The note on one line, cut at a word near `length` with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= length:
        return flat
    cut = flat[:length].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"


def discussed_between(tracked: Iterable[TrackedFlag], start: dt.date, end: dt.date) -> list[TrackedFlag]:
    """Flags discussed (by `discussed_on`) within start..end, newest discussion first."""
    done = [
        item
        for item in tracked
        if item.follow_up.state == DISCUSSED
        and item.follow_up.discussed_on is not None
        and start <= item.follow_up.discussed_on <= end
    ]
    return sorted(done, key=lambda item: (item.follow_up.discussed_on, item.flag.date), reverse=True)


def days_in_course_until(course: Course, start: dt.date, end: dt.date, today: dt.date) -> list[dt.date]:
    """The days of start..end that are inside the course and not after today."""
    first = max(start, course.start_date)
    last = min(end, today, course.end_date or end)
    return [dt.date.fromordinal(o) for o in range(first.toordinal(), last.toordinal() + 1)]
