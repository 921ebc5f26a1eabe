"""The numbers behind the charts: gaps stay gaps, zeros stay zeros, the rolling mean's rule, totals."""

import datetime as dt

import numpy as np
import pytest

from diary.charts.series import day_span, rolling_mean, routine_share, skipped_steps, trend_data
from diary.core.course import DoseChange
from diary.core.entry import Entry
from diary.core.progress import course_progress
from diary.core.routine import DEFAULT_ROUTINE, RoutineStep
from tests.helpers.diaries import START, sample_course, sample_entries

END = START + dt.timedelta(days=13)
NAN = float("nan")


def data(**changes: object):  # type: ignore[no-untyped-def]
    values = {
        "entries": sample_entries(),
        "courses": [sample_course()],
        "routine": DEFAULT_ROUTINE,
        "start": START,
        "end": END,
        "today": END,
    }
    values.update(changes)
    today = values.pop("today")
    return trend_data(*values.values(), today=today)  # type: ignore[arg-type]


def test_one_slot_per_calendar_day_with_nan_where_not_logged_and_zero_kept() -> None:
    charted = data()
    assert len(charted.days) == 14
    lips = charted.values["lips"]
    assert lips[0] == 0  # logged as 0: "no dryness", a value
    assert np.isnan(lips[4]) and np.isnan(lips[9])  # days not logged at all
    assert lips[1] == 2 and lips[13] == 8
    skin = charted.values["skin"]
    assert np.isnan(skin[3])  # that day was logged, but not its skin
    assert charted.logged_days == 12


def test_a_missed_dose_is_zero_and_a_day_without_a_dose_is_a_gap() -> None:
    charted = data()
    dose = charted.values["dose_mg"]
    assert dose[0] == 22.5 and dose[6] == 0 and np.isnan(dose[4])
    assert list(charted.missed_dose_days()) == [np.datetime64(START + dt.timedelta(days=6))]


def test_the_rolling_mean_needs_4_of_the_7_days_and_skips_days_not_logged() -> None:
    values = np.array([2, NAN, 4, NAN, 6, NAN, NAN, 8, 8, NAN, NAN, NAN, NAN])
    means = rolling_mean(values)
    assert np.isnan(means[:8]).all()  # at most 3 logged in each of these windows (day 7: 4, 6, 8)
    # D-6..D for D=8 holds 4, 6, 8, 8: four logged days, mean 6.5 (the gaps are not zeros).
    assert means[8] == pytest.approx(6.5)
    assert np.isnan(means[12])  # only 8, 8 left in the window


def test_the_rolling_mean_of_the_chart_looks_back_before_its_first_day() -> None:
    whole = data()
    later = data(start=START + dt.timedelta(days=7))
    # Day 7's mean uses days 1..7, even when the chart starts on day 7.
    assert later.means["lips"][0] == pytest.approx(whole.means["lips"][7])
    lips = [0, 2, 3, 3, None, 4, 5, 5]
    logged = [value for value in lips[1:8] if value is not None]
    assert whole.means["lips"][7] == pytest.approx(sum(logged) / len(logged))
    assert np.isnan(whole.means["lips"][2])  # days 0, 1, 2: three logged days


def test_routine_share_counts_the_steps_of_that_days_routine() -> None:
    routine = [RoutineStep("a", "A"), RoutineStep("b", "B"), RoutineStep("old", "Old", active=False)]
    # A step retired on an unknown day counts on the days that name it (spec, version 3).
    assert routine_share(Entry(START, skincare=("a", "old")), routine) == pytest.approx(2 / 3)
    assert routine_share(Entry(START, skincare=("a",)), routine) == 0.5
    assert routine_share(Entry(START, skincare=()), routine) == 0  # logged: nothing done
    assert np.isnan(routine_share(Entry(START, mood=5), routine))  # skincare not logged
    assert np.isnan(routine_share(None, routine))


def test_a_step_added_today_never_makes_an_earlier_day_look_skipped() -> None:
    today = START + dt.timedelta(days=10)
    routine = [
        RoutineStep("a", "A"),
        RoutineStep("serum", "Serum", added_on=today),
        RoutineStep("gone", "Gone", active=False, retired_on=START + dt.timedelta(days=5)),
    ]
    earlier = Entry(START, skincare=("a", "gone"))
    assert routine_share(earlier, routine) == 1  # the serum was not in the routine yet
    assert routine_share(Entry(today, skincare=("a",)), routine) == 0.5  # now it is, and skipped
    assert skipped_steps([earlier], routine) == ()


def test_skipped_steps_most_skipped_first() -> None:
    entries = [
        Entry(START, skincare=("cleanser", "spf")),
        Entry(START + dt.timedelta(days=1), skincare=("cleanser",)),
        Entry(START + dt.timedelta(days=2), mood=4),  # skincare not logged: not counted
    ]
    skipped = skipped_steps(entries, DEFAULT_ROUTINE)
    # Never done first (in the routine's order), then half the days; always done: not listed.
    assert skipped == (
        ("Moisturizer", 1.0),
        ("Lip balm", 1.0),
        ("Eye drops", 1.0),
        ("Sunscreen SPF 30+", 0.5),
    )


def test_the_prescribed_dose_follows_the_schedule_and_is_nan_outside_the_course() -> None:
    course = sample_course(doses=(DoseChange(START, 20), DoseChange(START + dt.timedelta(days=3), 40)))
    charted = data(courses=[course], start=START - dt.timedelta(days=2), end=START + dt.timedelta(days=4))
    prescribed = list(charted.values["prescribed"])
    assert np.isnan(prescribed[0]) and np.isnan(prescribed[1])
    assert prescribed[2:] == [20, 20, 20, 40, 40]


def test_a_course_without_a_dose_schedule_has_no_prescribed_dose() -> None:
    charted = data(courses=[sample_course(doses=())])
    assert np.isnan(charted.values["prescribed"]).all()
    assert charted.values["dose_mg"][1] == 20


def test_the_course_total_counts_logged_doses_from_the_course_start() -> None:
    course = sample_course()
    charted = data(start=START + dt.timedelta(days=7))
    (total,) = charted.totals
    assert total.per_kg and total.target == 120
    assert [str(day) for day in total.days[:1]] == [str(START + dt.timedelta(days=7))]
    # Days 0..7: 22.5 + 20 x 5 (day 4 not logged, day 6 missed) = 122.5 mg.
    assert total.totals[0] == pytest.approx(122.5 / 64.5)
    expected = course_progress(course, sample_entries(), END)
    assert total.totals[-1] == pytest.approx(expected.cumulative_mg / 64.5)
    assert total.progress.projected_target_date == expected.projected_target_date
    assert total.projects  # running course, charted up to today


def test_a_chart_of_a_past_stretch_does_not_project() -> None:
    (total,) = data(today=END + dt.timedelta(days=30)).totals
    assert not total.projects


def test_without_a_weight_the_total_is_in_mg() -> None:
    (total,) = data(courses=[sample_course(weight_kg=None)]).totals
    assert not total.per_kg
    assert total.target is None
    assert total.totals[-1] == pytest.approx(22.5 + 20 * 10)


def test_no_course_in_range_no_totals() -> None:
    assert data(courses=[]).totals == ()
    assert np.isnan(data(courses=[]).values["prescribed"]).all()


def test_day_span_includes_both_ends() -> None:
    assert len(day_span(START, START)) == 1
    assert len(day_span(START, END)) == 14


def test_every_other_day_prescribes_on_dosing_days_and_a_zero_between_is_not_missed() -> None:
    from diary.core.course import Course

    course = Course(START, weight_kg=60, doses=(DoseChange(START, 20, every_days=2),))
    entries = [Entry(START, dose_mg=20), Entry(START + dt.timedelta(days=1), dose_mg=0)]
    entries.append(Entry(START + dt.timedelta(days=2), dose_mg=0))
    charted = data(entries=entries, courses=[course], end=START + dt.timedelta(days=3))
    prescribed = charted.values["prescribed"]
    assert prescribed[0] == 20 and np.isnan(prescribed[1]) and prescribed[2] == 20 and np.isnan(prescribed[3])
    assert list(charted.missed_dose_days()) == [np.datetime64(START + dt.timedelta(days=2), "D")]
