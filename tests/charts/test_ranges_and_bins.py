"""Which days a chart covers by default, the ranges offered, and the bins of long ranges."""

import datetime as dt

import numpy as np

from diary.charts.binning import MAX_POINTS, bin_days, bin_means, bin_positions
from diary.charts.ranges import current_course, default_range, load_from, range_choices
from tests.helpers.diaries import START, sample_course

TODAY = dt.date(2026, 4, 15)
OLD = sample_course(start_date=dt.date(2024, 1, 8), end_date=dt.date(2024, 6, 2), doses=())


def test_the_default_is_the_running_course_up_to_today() -> None:
    chosen = default_range([OLD, sample_course()], None, TODAY)
    assert (chosen.start, chosen.end, chosen.label) == (START, TODAY, "Whole course")


def test_after_the_last_course_ended_the_default_is_that_course() -> None:
    chosen = default_range([OLD], dt.date(2023, 12, 1), TODAY)
    assert (chosen.start, chosen.end) == (OLD.start_date, OLD.end_date)


def test_with_no_course_the_default_is_the_whole_diary_and_with_nothing_the_last_30_days() -> None:
    whole = default_range([], dt.date(2025, 1, 1), TODAY)
    assert (whole.start, whole.end, whole.label) == (dt.date(2025, 1, 1), TODAY, "Whole diary")
    empty = default_range([], None, TODAY)
    assert (empty.start, empty.end) == (TODAY - dt.timedelta(days=29), TODAY)


def test_a_course_that_has_not_started_is_not_current() -> None:
    future = sample_course(start_date=TODAY + dt.timedelta(days=3), doses=())
    assert current_course([future], TODAY) is None


def test_the_choices_offered() -> None:
    choices = range_choices([OLD, sample_course()], dt.date(2024, 1, 8), TODAY)
    assert [choice.key for choice in choices] == ["course", "last30", "last7", "course:2024-01-08"]
    assert choices[1].day_count == 30 and choices[1].end == TODAY
    assert choices[2].day_count == 7
    assert choices[3].label == "Earlier course: Jan – Jun 2024"
    assert (choices[3].start, choices[3].end) == (OLD.start_date, OLD.end_date)


def test_a_chart_loads_its_course_from_the_start_and_a_week_before() -> None:
    course = sample_course()
    assert load_from([course], START + dt.timedelta(days=40)) == START
    assert load_from([course], START - dt.timedelta(days=30)) == START - dt.timedelta(days=36)
    # With no course the flags' baseline is the diary's first week: everything is needed.
    assert load_from([], TODAY) == dt.date.min


def test_daily_points_up_to_400_days_then_weeks_then_longer_bins() -> None:
    assert bin_days(150) == 1
    assert bin_days(MAX_POINTS) == 1
    assert bin_days(MAX_POINTS + 1) == 7
    assert bin_days(3653) == 14  # ten years: fortnights, 261 points
    assert np.ceil(3653 / bin_days(3653)) <= MAX_POINTS


def test_a_bin_is_the_mean_of_its_logged_days_and_a_gap_when_none_is() -> None:
    values = np.array([1, 3, np.nan, np.nan, np.nan, np.nan, 7, 1])
    assert list(bin_means(values, 2)[:1]) == [2.0]
    means = bin_means(values, 2)
    assert np.isnan(means[1]) and np.isnan(means[2])
    assert means[3] == 4.0
    # A last, partial bin counts only the days it has.
    assert list(bin_means(np.array([2.0, 4.0, 6.0]), 2)) == [3.0, 6.0]
    assert list(bin_positions(np.array([10.0, 11.0, 12.0]), 2)) == [10.5, 12.0]
