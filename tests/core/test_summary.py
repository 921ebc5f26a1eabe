"""The appointment summary's numbers: means over logged days only, worst, recent, previous period."""

import datetime as dt

from diary.core.entry import Entry
from diary.core.routine import RoutineStep
from diary.core.summary import (
    days_without_dose,
    missed_dose_days,
    previous_period,
    side_effect_days,
    skincare_adherence,
    symptom_table,
)

START = dt.date(2026, 4, 1)


def day(n: int) -> dt.date:
    return START + dt.timedelta(days=n)


def test_previous_period_is_the_same_length_just_before() -> None:
    assert previous_period(day(0), day(9)) == (day(-10), day(-1))


def test_symptom_lines_skip_unlogged_days_and_compare_with_before() -> None:
    entries = [
        Entry(day(-3), lips=2, mood=8),
        Entry(day(-1), lips=4),
        Entry(day(0), lips=6, mood=3),
        Entry(day(1), lips=None, mood=5),
        Entry(day(2), lips=0),
        Entry(day(9), lips=3, mood=7),
    ]
    lines = {line.name: line for line in symptom_table(entries, day(0), day(9))}
    lips = lines["Lips dryness"]
    assert (lips.days_logged, lips.mean, lips.worst) == (3, 3, 6)
    assert lips.recent_mean == 3  # days 3-9: only day 9 logged
    assert lips.previous_mean == 3 and lips.change == 0
    mood = lines["Mood (10 is best)"]
    assert (mood.days_logged, mood.mean, mood.worst) == (3, 5, 3)  # worst mood is the lowest
    assert mood.previous_mean == 8 and mood.change == -3
    eyes = lines["Eye dryness"]
    assert (eyes.days_logged, eyes.mean, eyes.worst, eyes.change) == (0, None, None, None)


def test_adherence_per_step_counts_days_with_skincare_logged() -> None:
    routine = [
        RoutineStep("spf", "Sunscreen"),
        RoutineStep("balm", "Lip balm"),
        RoutineStep("old", "Old", active=False),
    ]
    entries = [
        Entry(day(0), skincare=("spf", "balm")),
        Entry(day(1), skincare=("balm",)),
        Entry(day(2), skincare=()),
        Entry(day(3), mood=5),  # skincare not logged: not counted
    ]
    lines = skincare_adherence(entries, routine)
    assert [(line.label, line.days_done, line.days_logged) for line in lines] == [
        ("Sunscreen", 1, 3),
        ("Lip balm", 2, 3),
    ]
    assert round(lines[1].percent or 0) == 67


def test_doses_missed_and_not_logged_are_different_things() -> None:
    entries = [Entry(day(0), dose_mg=40), Entry(day(1), dose_mg=0), Entry(day(3), mood=6)]
    assert missed_dose_days(entries) == [day(1)]
    assert days_without_dose(entries, day(0), day(3)) == 2


def test_side_effects_most_frequent_first() -> None:
    entries = [Entry(day(0), side_effects=("rash", "dry_nose")), Entry(day(1), side_effects=("dry_nose",))]
    assert side_effect_days(entries) == [("Dry nose", 2), ("Rash", 1)]
