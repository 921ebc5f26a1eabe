"""Mood flags, rule by rule, at every edge the spec names (shared/spec/mood-flags.md)."""

import datetime as dt
from fractions import Fraction

import pytest

from diary.core import scales
from diary.core.course import Course
from diary.core.entry import Entry
from diary.core.flags import Flag, based_on_text, days_text, flag_days_text, flags_between, mood_flags

D0 = dt.date(2026, 3, 2)


def day(n: int) -> dt.date:
    return D0 + dt.timedelta(days=n)


def moods(*values: int | None, start: int = 0) -> list[Entry]:
    """One entry a day from `start`; None is a day with the entry but no mood logged."""
    return [Entry(day(start + i), mood=value) for i, value in enumerate(values)]


def summary(flags: list[Flag]) -> list[tuple[str, str, dt.date, dt.date | None]]:
    return [(f.rule, f.severity, f.date, f.end_date) for f in flags]


# Rule 1: warning signs ------------------------------------------------------------------


@pytest.mark.parametrize("sign", list(scales.WARNING_SIGNS))
def test_each_of_the_twelve_signs_alone_gives_one_flag(sign: str) -> None:
    (flag,) = mood_flags([Entry(D0, warning_signs=(sign,))])
    assert flag.rule == "warning_sign"
    assert flag.severity == ("urgent" if sign in scales.URGENT_SIGNS else "warning")
    assert (flag.date, flag.end_date) == (D0, None)
    assert scales.WARNING_SIGNS[sign] in flag.reason


def test_the_urgent_signs_are_exactly_the_three_the_spec_names() -> None:
    assert {"self_harm_thoughts", "dangerous_impulses", "hallucinations"} == scales.URGENT_SIGNS


def test_one_urgent_sign_among_others_makes_the_flag_urgent_and_lists_them_all() -> None:
    (flag,) = mood_flags([Entry(D0, warning_signs=("sad", "hallucinations", "withdrawn"))])
    assert flag.severity == "urgent"
    for sign in ("sad", "hallucinations", "withdrawn"):
        assert scales.WARNING_SIGNS[sign] in flag.reason


@pytest.mark.parametrize("signs", [(), None])
def test_no_signs_or_signs_not_logged_give_no_flag(signs: tuple[str, ...] | None) -> None:
    assert mood_flags([Entry(D0, warning_signs=signs, mood=8)]) == []


# Rule 2: low mood runs ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ((3, 3, 3), [(2, None)]),  # exactly 3 days: dated the third, no end
        ((3, 2, 1, 0, 3), [(2, 4)]),  # 5 days: third day to last day
        ((3, 3), []),  # two days are not a run
        ((3, 3, 4, 3, 3), []),  # a mood of 4 ends a run
        ((3, 3, None, 3, 3), []),  # a day with no logged mood ends a run
        ((0, 0, 0, 9, 1, 1, 1, 1), [(2, None), (6, 7)]),  # two maximal runs, two flags
        ((4, 4, 4, 4), []),
    ],
)
def test_low_mood_runs(values: tuple[int | None, ...], expected: list[tuple[int, int | None]]) -> None:
    flags = [f for f in mood_flags(moods(*values)) if f.rule == "low_mood_run"]
    assert [(f.date, f.end_date) for f in flags] == [
        (day(a), None if b is None else day(b)) for a, b in expected
    ]
    assert all(f.severity == "warning" for f in flags)


def test_a_missing_calendar_day_ends_a_run() -> None:
    entries = moods(2, 2) + moods(2, 2, start=3)  # day 2 has no entry at all
    assert [f for f in mood_flags(entries) if f.rule == "low_mood_run"] == []


def test_a_run_reason_says_how_long_and_when() -> None:
    (flag,) = [f for f in mood_flags(moods(1, 2, 3, 1)) if f.rule == "low_mood_run"]
    assert "4 days in a row" in flag.reason and "based on 2–5 Mar 2026" in flag.reason
    assert flag_days_text(flag) == "4–5 Mar 2026" and based_on_text(flag) == "based on 2–5 Mar 2026"
    assert flag.reason.startswith("From IsoDiary's reading of your mood scores")


# Rule 3: drop from the person's baseline ------------------------------------------------


def baseline_flags(entries: list[Entry], courses: list[Course] | None = None) -> list[Flag]:
    return [f for f in mood_flags(entries, courses or []) if f.rule == "baseline_drop"]


def test_the_exact_tie_holds_29_7_against_50_7_minus_3() -> None:
    # Baseline: 8,8,7,7,7,7,6 = 50/7. Then seven days averaging 29/7 = 50/7 - 21/7: a tie.
    window = (5, 4, 4, 4, 4, 4, 4)  # sum 29
    assert Fraction(sum(window), 7) == Fraction(50, 7) - 3
    (flag,) = baseline_flags(moods(8, 8, 7, 7, 7, 7, 6, *window))
    assert flag.date == day(13) and flag.end_date is None  # only the window of exactly those 7
    assert flag.severity == "warning"


def test_a_hair_above_the_tie_does_not_hold() -> None:
    window = (5, 4, 4, 4, 4, 4, 5)  # sum 30: mean 30/7 > 29/7
    assert baseline_flags(moods(8, 8, 7, 7, 7, 7, 6, *window)) == []


def test_fewer_than_seven_baseline_moods_keep_the_rule_silent() -> None:
    assert baseline_flags(moods(9, 9, 9, 9, 9, 9)) == []
    assert baseline_flags(moods(9, 9, 9, None, 9, 9, None, 9, 1, start=0)[:8]) == []  # six moods


def test_the_seventh_logged_mood_counts_not_the_seventh_day() -> None:
    # Moods on days 0-5 and 8-12: the 7th logged mood is the 0 on day 8, part of the baseline.
    entries = moods(9, 9, 9, 9, 9, 9, None, None, 0, 0, 0, 0, 0)
    # Baseline 54/7, threshold 33/7. Day 9: days 3..9 hold 9,9,9,0,0 = 27/5 > 33/7.
    # Day 10: 9,9,0,0,0 = 18/5 <= 33/7, and every later window is lower still.
    (flag,) = baseline_flags(entries)
    assert (flag.date, flag.end_date) == (day(10), day(12))


def test_the_window_needs_four_logged_moods() -> None:
    base = moods(8, 8, 8, 8, 8, 8, 8)  # days 0-6; nothing logged on days 7-12
    three_lows = moods(1, None, 1, None, 1, start=13)  # window of day 17: days 13, 15, 17 only
    assert baseline_flags(base + three_lows) == []
    four_lows = moods(1, None, 1, None, 1, None, 1, start=13)
    (flag,) = baseline_flags(base + four_lows)
    assert (flag.date, flag.end_date) == (day(19), None)


def test_an_episode_spans_consecutive_days_and_ends_on_the_last_logged_mood() -> None:
    entries = moods(8, 8, 8, 8, 8, 8, 8, 2, 2, 2, 2, 2, 2)
    (flag,) = baseline_flags(entries)
    # Day 10 is the first with 4 moods in the window; the last logged mood is day 12.
    assert (flag.date, flag.end_date) == (day(10), day(12))
    assert "usual 8.0" in flag.reason


def test_days_without_an_entry_inside_an_episode_still_hold() -> None:
    entries = moods(8, 8, 8, 8, 8, 8, 8, 1, 1, 1, 1) + moods(1, start=13)
    # Day 9: 8,8,8,8,1,1,1 = 35/7, the tie. Days 11 and 12 have no entry but their windows
    # (8,8,1,1,1,1 and 8,1,1,1,1) still hold; day 13: five 1s.
    (flag,) = baseline_flags(entries)
    assert (flag.date, flag.end_date) == (day(9), day(13))


def test_two_episodes_give_two_flags() -> None:
    entries = moods(8, 8, 8, 8, 8, 8, 8, 1, 1, 1, 1, 8, 8, 8, 8, 8, 8, 8, 1, 1, 1, 1, 1, 1, 1)
    # Lows on days 7-10: day 9 sums 35 (= 5, the tie), days 10-13 sum 28, day 14 35, day 15 42.
    # Lows on days 18-24: day 19 sums 42, day 20 35 (the tie), days 21-24 lower.
    flags = baseline_flags(entries)
    assert [(f.date, f.end_date) for f in flags] == [(day(9), day(14)), (day(20), day(24))]


def test_each_course_has_its_own_baseline() -> None:
    first = Course(day(0), end_date=day(19))
    second = Course(day(40))
    # First course: baseline 9, threshold 6; day 9 sums 9*4+2*3 = 42 (the tie), day 10 sums 35.
    happy_then_sad = moods(9, 9, 9, 9, 9, 9, 9, 2, 2, 2, 2)
    # Second course: baseline 4, threshold 1: its 3s are its usual, no drop.
    low_but_usual = moods(4, 4, 4, 4, 4, 4, 4, 3, 3, 3, 3, start=40)
    flags = baseline_flags(happy_then_sad + low_but_usual, [first, second])
    assert [(f.date, f.end_date) for f in flags] == [(day(9), day(10))]


def test_the_second_course_does_not_borrow_the_first_courses_moods() -> None:
    first = Course(day(0), end_date=day(9))
    second = Course(day(10))
    entries = moods(9, 9, 9, 9, 9, 9, 9, 9, 9, 9) + moods(6, 6, 6, 6, 6, 6, start=10)
    # Six moods in the second course: no baseline there; the first course's days hold no drop.
    assert baseline_flags(entries, [first, second]) == []


def test_moods_outside_every_course_are_left_out_of_baselines_but_not_other_rules() -> None:
    course = Course(day(20))
    before = moods(9, 9, 9, 9, 9, 9, 9, 1, 1, 1)  # days 0-9, outside the course
    inside = moods(5, 5, 5, 5, 5, 5, 5, 5, start=20)
    flags = mood_flags(before + inside, [course])
    assert [f.rule for f in flags] == ["low_mood_run"]
    assert flags[0].date == day(9)


def test_without_a_course_the_whole_diary_is_one_baseline() -> None:
    entries = moods(8, 8, 8, 8, 8, 8, 8, 2, 2, 2, 2)  # day 9 sums 38, day 10 sums 32 (<= 35)
    assert [(f.date, f.end_date) for f in baseline_flags(entries)] == [(day(10), None)]


def test_the_first_day_checked_is_the_day_after_the_seventh_baseline_mood() -> None:
    entries = moods(8, 8, 8, None, 8, 8, 8, 8, 0, 0, 0, 0)  # 7th baseline mood on day 7
    # Day 8: six moods 40/6; day 9: 32/6; day 10: 8,8,8,8,0,0,0 = 32/7 <= 5.
    (flag,) = baseline_flags(entries)
    assert (flag.date, flag.end_date) == (day(10), day(11))


# Rule 4: PHQ-9 --------------------------------------------------------------------------


def phq9_entry(*answers: int) -> Entry:
    return Entry(D0, phq9=tuple(answers))


@pytest.mark.parametrize(
    ("answers", "severity", "band"),
    [
        ((0, 0, 0, 0, 0, 0, 0, 0, 0), None, "minimal"),
        ((1, 1, 1, 1, 0, 0, 0, 0, 0), None, "minimal"),  # 4
        ((1, 1, 1, 1, 1, 0, 0, 0, 0), None, "mild"),  # 5
        ((2, 2, 2, 1, 1, 1, 0, 0, 0), None, "mild"),  # 9
        ((2, 2, 2, 2, 1, 1, 0, 0, 0), "warning", "moderate"),  # 10
        ((2, 2, 2, 2, 2, 2, 2, 0, 0), "warning", "moderate"),  # 14
        ((2, 2, 2, 2, 2, 2, 2, 1, 0), "warning", "moderately severe"),  # 15
        ((3, 3, 3, 2, 2, 2, 2, 2, 0), "warning", "moderately severe"),  # 19
        ((3, 3, 3, 3, 2, 2, 2, 2, 0), "urgent", "severe"),  # 20
        ((3, 3, 3, 3, 3, 3, 3, 3, 3), "urgent", "severe"),  # 27
    ],
)
def test_every_phq9_band(answers: tuple[int, ...], severity: str | None, band: str) -> None:
    flags = mood_flags([phq9_entry(*answers)])
    if severity is None:
        assert flags == []
        return
    (flag,) = flags
    assert (flag.rule, flag.severity, flag.date, flag.end_date) == ("phq9", severity, D0, None)
    assert f"score {sum(answers)} of 27" in flag.reason and f"{band} band" in flag.reason


@pytest.mark.parametrize("item9", [1, 2, 3])
def test_item_9_alone_is_urgent(item9: int) -> None:
    (flag,) = mood_flags([phq9_entry(0, 0, 0, 0, 0, 0, 0, 0, item9)])
    assert flag.severity == "urgent"
    assert flag.reason.startswith("From the PHQ-9 questionnaire: question 9 (thoughts that you would be")
    assert f"score {item9} of 27, in the minimal band" in flag.reason
    assert flag.reason.index("question 9") < flag.reason.index("minimal band"), "item 9 comes first"
    assert "Medication Guide" not in flag.reason


def test_phq9_not_logged_gives_nothing() -> None:
    assert mood_flags([Entry(D0, phq9=None, mood=9)]) == []


# Together -------------------------------------------------------------------------------


def test_flags_are_listed_by_date_then_rule_in_spec_order() -> None:
    entries = moods(8, 8, 8, 8, 8, 8, 8, 1, 1, 1)  # day 9's window sums 35: the tie holds
    entries[9] = entries[9].changed(warning_signs=("sad",), phq9=(3, 3, 3, 3, 3, 0, 0, 0, 0))
    flags = mood_flags(list(reversed(entries)))
    assert summary(flags) == [
        ("warning_sign", "warning", day(9), None),
        ("low_mood_run", "warning", day(9), None),
        ("baseline_drop", "warning", day(9), None),
        ("phq9", "warning", day(9), None),
    ]


def test_not_logged_is_never_a_low_mood() -> None:
    assert mood_flags(moods(None, None, None, None, None, None, None, None, None, None)) == []


def test_json_has_exactly_the_spec_keys() -> None:
    (flag,) = mood_flags(moods(3, 3, 3, 3))
    assert flag.as_json() == {
        "rule": "low_mood_run",
        "severity": "warning",
        "date": "2026-03-04",
        "end_date": "2026-03-05",
        "reason": flag.reason,
    }


def test_flags_between_keeps_episodes_that_reach_into_the_range() -> None:
    flags = mood_flags(moods(3, 3, 3, 3, 3, 3))  # dated day 2, ends day 5
    assert flags_between(flags, day(4), day(30)) == flags
    assert flags_between(flags, day(6), None) == []
    assert flags_between(flags, None, day(1)) == []
    assert flags_between(flags, day(2), day(2)) == flags


def test_words_never_tell_anyone_to_change_their_medicine() -> None:
    entries = moods(8, 8, 8, 8, 8, 8, 8, 1, 1, 1, 1)
    entries.append(Entry(day(11), warning_signs=tuple(scales.WARNING_SIGNS), phq9=(3,) * 9))
    for flag in mood_flags(entries):
        lowered = flag.reason.lower()
        for forbidden in ("stop taking", "stop your", "reduce", "increase", "dose", "depression", "diagnos"):
            assert forbidden not in lowered, (forbidden, flag.reason)


def test_the_days_behind_each_kind_of_flag() -> None:
    entries = moods(8, 8, 8, 8, 8, 8, 8, 1, 1, 1)
    entries.append(Entry(day(10), warning_signs=("sad",)))
    behind = {f.rule: f.days_behind() for f in mood_flags(entries)}
    assert behind["low_mood_run"] == (day(7), day(9))
    assert behind["baseline_drop"] == (day(3), day(9))
    assert behind["warning_sign"] == (day(10), day(10))


# Rule 5: serious symptoms ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("symptoms", "severity"),
    [
        (("thirst_urination",), "warning"),
        (("faint_weak",), "warning"),
        (("thirst_urination", "faint_weak"), "warning"),
        (("thirst_urination", "liver_signs"), "urgent"),
        (("allergic_reaction",), "urgent"),
        (tuple(scales.SERIOUS_SYMPTOMS), "urgent"),
    ],
)
def test_serious_symptoms_give_one_flag_a_day(symptoms: tuple[str, ...], severity: str) -> None:
    (flag,) = mood_flags([Entry(D0, serious_symptoms=symptoms)])
    assert (flag.rule, flag.severity, flag.date, flag.end_date) == ("serious_symptom", severity, D0, None)
    for key in symptoms:
        assert scales.SERIOUS_SYMPTOMS[key] in flag.reason
    assert "Medication Guide" in flag.reason


def test_no_serious_symptom_no_flag() -> None:
    assert mood_flags([Entry(D0, serious_symptoms=()), Entry(D0 + dt.timedelta(days=1))]) == []


def test_rule_5_comes_last_on_a_day() -> None:
    entry = Entry(D0, warning_signs=("sad",), phq9=(3,) * 9, serious_symptoms=("hearing_problem",))
    assert [flag.rule for flag in mood_flags([entry])] == ["warning_sign", "phq9", "serious_symptom"]


# Words: where each rule comes from, and the days said once ----------------------------


def test_every_reason_says_where_its_rule_comes_from() -> None:
    entries = moods(8, 8, 8, 8, 8, 8, 8, 1, 1, 1, 1)
    entries.append(Entry(day(12), warning_signs=("sad",), phq9=(1,) * 9, serious_symptoms=("faint_weak",)))
    sources = {
        "warning_sign": "Medication Guide",
        "serious_symptom": "Medication Guide",
        "phq9": "PHQ-9 questionnaire",
        "low_mood_run": "IsoDiary's reading of your mood scores",
        "baseline_drop": "IsoDiary's reading of your mood scores",
    }
    flags = mood_flags(entries)
    assert {flag.rule for flag in flags} == set(sources)
    for flag in flags:
        assert sources[flag.rule] in flag.reason, flag.reason


def test_days_are_said_one_way() -> None:
    assert days_text(dt.date(2026, 9, 14)) == "14 Sep 2026"
    assert days_text(dt.date(2026, 9, 16), dt.date(2026, 9, 19)) == "16–19 Sep 2026"
    assert days_text(dt.date(2026, 9, 30), dt.date(2026, 10, 2)) == "30 Sep – 2 Oct 2026"
    assert days_text(dt.date(2026, 12, 30), dt.date(2027, 1, 2)) == "30 Dec 2026 – 2 Jan 2027"


def test_the_baseline_reason_quotes_the_lowest_mean_of_the_episode() -> None:
    # Usual 8; the mean falls through 5, 4.4 ... down to 1 as the low days fill the window.
    entries = moods(8, 8, 8, 8, 8, 8, 8, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)
    (flag,) = baseline_flags(entries)
    assert "fell to 1.0 at its lowest" in flag.reason and "usual 8.0" in flag.reason
    assert based_on_text(flag) in flag.reason
    assert flag_days_text(flag) not in flag.reason.replace(based_on_text(flag), "")


def test_dates_at_the_calendars_ends_never_overflow() -> None:
    last, first = dt.date.max, dt.date.min
    entries = [Entry(last - dt.timedelta(days=n), mood=1 if n < 6 else 9) for n in range(14)]
    entries += [Entry(first + dt.timedelta(days=n), mood=9 if n < 7 else 0) for n in range(14)]
    flags = mood_flags(entries)
    assert {flag.rule for flag in flags} == {"low_mood_run", "baseline_drop"}
    for flag in flags:
        assert flag.days_behind()[0] <= flag.date
        assert flag_days_text(flag) and (based_on_text(flag) or True)
    assert flags_between(flags, last, last) and flags_between(flags, first, first + dt.timedelta(days=20))
