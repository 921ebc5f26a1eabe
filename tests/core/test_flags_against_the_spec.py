"""Random diaries checked against a second, deliberately naive reading of the flag rules.

The oracles below are written straight from the spec's sentences, day by day, with no
cleverness shared with diary.core.flags; any disagreement is a bug in one of the two.
"""

import datetime as dt
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from diary.core.course import Course
from diary.core.entry import Entry
from diary.core.flags import mood_flags

D0 = dt.date(2026, 1, 5)
ONE = dt.timedelta(days=1)


def low_run_oracle(moods: dict[dt.date, int]) -> list[tuple[dt.date, dt.date | None]]:
    """For every day, is it the third day of a run, and where does that run end."""
    low = {day for day, mood in moods.items() if mood <= 3}
    result = []
    for day in sorted(low):
        if day - ONE in low and day - 2 * ONE in low and day - 3 * ONE not in low:
            last = day
            while last + ONE in low:
                last += ONE
            result.append((day, last if last > day else None))
    return result


def baseline_oracle(moods: dict[dt.date, int], courses: list[Course]) -> list[tuple[dt.date, dt.date | None]]:
    return [(first, last) for first, last, _lowest in baseline_oracle_with_means(moods, courses)]


def baseline_oracle_with_means(
    moods: dict[dt.date, int], courses: list[Course]
) -> list[tuple[dt.date, dt.date | None, Fraction]]:
    """Each drop's first and last day (None when one day), and its lowest 7-day mean."""
    groups = (
        [sorted(moods.items())]
        if not courses
        else [
            sorted(
                (d, m)
                for d, m in moods.items()
                if c.start_date <= d and (c.end_date is None or d <= c.end_date)
            )
            for c in courses
        ]
    )
    result = []
    for group in groups:
        if len(group) < 7:
            continue
        baseline = Fraction(sum(m for _, m in group[:7]), 7)
        mine = dict(group)
        holding: dict[dt.date, Fraction] = {}
        day = group[6][0] + ONE
        while day <= group[-1][0]:
            window = [mine[d] for d in mine if day - 6 * ONE <= d <= day]
            if len(window) >= 4 and Fraction(sum(window), len(window)) <= baseline - 3:
                holding[day] = Fraction(sum(window), len(window))
            day += ONE
        for day in holding:
            if day - ONE not in holding:
                last = day
                while last + ONE in holding:
                    last += ONE
                lowest = min(mean for held, mean in holding.items() if day <= held <= last)
                result.append((day, last if last > day else None, lowest))
    return result


# Diaries in stretches (good weeks, low spells, days off), so runs and drops are common,
# with ties and edges (a mood of exactly 3 or 4) among them.
_STRETCH = {
    "good": st.integers(6, 10),
    "low": st.integers(0, 4),
    "mixed": st.integers(0, 10),
    "no entry": st.just(-1),
    "no mood": st.none(),
}
days_of_moods = st.lists(
    st.sampled_from(list(_STRETCH)).flatmap(lambda kind: st.lists(_STRETCH[kind], min_size=1, max_size=9)),
    max_size=10,
).map(lambda stretches: [value for stretch in stretches for value in stretch])


def build(values: list[int | None]) -> tuple[list[Entry], dict[dt.date, int]]:
    """-1 is a day with no entry at all; None an entry without a mood."""
    entries, moods = [], {}
    for offset, value in enumerate(values):
        day = D0 + offset * ONE
        if value == -1:
            continue
        entries.append(Entry(day, mood=value, note="x"))
        if value is not None:
            moods[day] = value
    return entries, moods


@settings(max_examples=300, deadline=None)
@given(days_of_moods)
def test_low_mood_runs_agree_with_the_spec(values: list[int | None]) -> None:
    entries, moods = build(values)
    found = [(f.date, f.end_date) for f in mood_flags(entries) if f.rule == "low_mood_run"]
    assert found == low_run_oracle(moods)


@settings(max_examples=300, deadline=None)
@given(days_of_moods, st.integers(0, 40), st.integers(0, 40))
def test_baseline_drops_agree_with_the_spec(values: list[int | None], split: int, gap: int) -> None:
    entries, moods = build(values)
    assert [
        (f.date, f.end_date) for f in mood_flags(entries) if f.rule == "baseline_drop"
    ] == baseline_oracle(moods, [])
    first = Course(D0 + 2 * ONE, end_date=D0 + (2 + split) * ONE)
    second = Course(D0 + (3 + split + gap) * ONE)
    found = [(f.date, f.end_date) for f in mood_flags(entries, [first, second]) if f.rule == "baseline_drop"]
    assert sorted(found) == sorted(baseline_oracle(moods, [first, second]))


@settings(max_examples=300, deadline=None)
@given(days_of_moods, st.integers(0, 40))
def test_baseline_drops_say_their_lowest_mean_as_the_spec_counts_it(
    values: list[int | None], split: int
) -> None:
    # The 7-day mean slides a day at a time in diary.core.flags; here every window is summed
    # afresh, so a running total that drifted would show in the lowest mean each flag names.
    entries, moods = build(values)
    courses = [Course(D0 + 2 * ONE, end_date=D0 + (2 + split) * ONE), Course(D0 + (3 + split) * ONE)]
    for chosen in ([], courses):
        found = sorted(
            (f for f in mood_flags(entries, chosen) if f.rule == "baseline_drop"), key=lambda f: f.date
        )
        expected = sorted(baseline_oracle_with_means(moods, chosen))
        assert [(f.date, f.end_date) for f in found] == [(first, last) for first, last, _ in expected]
        for flag, (_first, _last, lowest) in zip(found, expected, strict=True):
            assert f"fell to {float(lowest):.1f}" in flag.reason
