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
    assert lips.previous_mean == 3 and lips.previous_days_logged == 2
    assert lips.change is None, "3 and 2 logged days are too few to compare"
    mood = lines["Mood (10 is best)"]
    assert (mood.days_logged, mood.mean, mood.worst) == (3, 5, 3)  # worst mood is the lowest
    assert mood.previous_mean == 8 and mood.change is None
    eyes = lines["Eye dryness"]
    assert (eyes.days_logged, eyes.mean, eyes.worst, eyes.change) == (0, None, None, None)


def test_a_change_rests_on_at_least_7_logged_days_on_each_side() -> None:
    before = [Entry(day(-14 + n), lips=2) for n in range(7)]
    now = [Entry(day(n), lips=5) for n in range(7)]

    def lips(entries: list[Entry]):  # type: ignore[no-untyped-def]
        (line,) = [line for line in symptom_table(entries, day(0), day(13)) if line.name == "Lips dryness"]
        return line

    full = lips([*before, *now])
    assert (full.days_logged, full.previous_days_logged, full.change) == (7, 7, 3)
    assert lips([*before[1:], *now]).change is None


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


def test_overlapping_flags_merge_into_one_episode_urgent_first() -> None:
    from diary.core.flags import mood_flags
    from diary.core.follow_up import FollowUp, track
    from diary.core.summary import episodes

    base = [Entry(day(n), mood=8) for n in range(7)]
    low = [Entry(day(n), mood=1, note=f"low day {n}" if n == 9 else None) for n in range(7, 12)]
    signs = [Entry(day(10), mood=1, warning_signs=("sad",))]
    later = [Entry(day(30), phq9=(0,) * 8 + (2,), note="x" * 400)]
    entries = [*base, *low[:3], *signs, *low[4:], *later]
    flags = mood_flags(entries)
    assert {flag.rule for flag in flags} == {"low_mood_run", "baseline_drop", "warning_sign", "phq9"}
    result = episodes(track(flags, {}), entries)
    assert [episode.severity for episode in result] == ["urgent", "warning"]
    phq, dip = result
    assert phq.phq9_peak == 2 and phq.item9 == 2
    assert "question 9 (“Thoughts that you would be better off dead" in phq.noticed[0]
    assert len(phq.notes[0][1]) <= 141 and phq.notes[0][1].endswith("…")
    assert set(dip.rules) == {"low_mood_run", "baseline_drop", "warning_sign"}
    assert dip.first == min(f.date for f in flags if f.rule != "phq9") and dip.last == day(11)
    assert dip.lowest_week_mood is not None and dip.lowest_week_mood < 5
    assert (day(9), "low day 9") in dip.notes
    # Discussed flags are not to discuss; the rest of the episode stays.
    follow = {("warning_sign", day(10)): FollowUp("warning_sign", day(10), "discussed", discussed_on=day(20))}
    open_only = [item for item in track(flags, follow) if item.is_open]
    assert "warning_sign" not in episodes(open_only, entries)[1].rules


def test_discussed_flags_are_listed_by_when_they_were_discussed() -> None:
    from diary.core.flags import mood_flags
    from diary.core.follow_up import FollowUp, track
    from diary.core.summary import discussed_between

    entries = [Entry(day(1), warning_signs=("sad",)), Entry(day(2), warning_signs=("withdrawn",))]
    follow = {
        ("warning_sign", day(1)): FollowUp("warning_sign", day(1), "discussed", discussed_on=day(40)),
        ("warning_sign", day(2)): FollowUp("warning_sign", day(2), "discussed", discussed_on=day(5)),
    }
    tracked = track(mood_flags(entries), follow)
    assert [item.flag.date for item in discussed_between(tracked, day(30), day(60))] == [day(1)]


def test_a_step_added_later_is_not_counted_as_skipped_before_it() -> None:
    import datetime as dt

    from diary.core.entry import Entry
    from diary.core.routine import RoutineStep
    from diary.core.summary import skincare_adherence

    day = dt.date(2026, 4, 1)
    routine = [RoutineStep("a", "A"), RoutineStep("serum", "Serum", added_on=day + dt.timedelta(days=2))]
    entries = [
        Entry(day + dt.timedelta(days=n), skincare=("a",) if n < 2 else ("a", "serum")) for n in range(4)
    ]
    done = {step.label: (step.days_done, step.days_logged) for step in skincare_adherence(entries, routine)}
    assert done == {"A": (4, 4), "Serum": (2, 2)}  # the serum: 2 of its 2 days, not 2 of 4
