"""The trend figure's data as drawn: each series' days and values, gaps, means, doses, totals, flags."""

import datetime as dt

import numpy as np
import pytest
from matplotlib.colors import to_hex

from diary.charts.binning import MAX_POINTS
from diary.charts.style import DARK, LIGHT
from diary.charts.trends import ALL_SERIES, paper_size, trends_figure
from diary.core.course import DoseChange
from diary.core.entry import Entry
from diary.core.flags import URGENT, WARNING, Flag, mood_flags
from diary.core.progress import course_progress
from diary.core.routine import DEFAULT_ROUTINE
from tests.charts.helpers import days_of, line, lines, nan, panel, panel_names, series, texts, x_of
from tests.helpers.diaries import START, sample_course, sample_entries

END = START + dt.timedelta(days=13)


def figure(entries=None, courses=None, start=START, end=END, flags=(), **options):  # type: ignore[no-untyped-def]
    entries = sample_entries() if entries is None else entries
    courses = [sample_course()] if courses is None else courses
    options.setdefault("today", END)
    return trends_figure(entries, courses, DEFAULT_ROUTINE, start, end, flags=flags, **options)


def day(offset: int) -> dt.date:
    return START + dt.timedelta(days=offset)


def test_every_panel_shares_the_range_in_real_dates() -> None:
    drawn = figure()
    assert panel_names(drawn) == ["dryness", "joints", "mood", "breakouts", "skincare", "dose", "total"]
    for name in panel_names(drawn):
        assert panel(drawn, name).get_xlim() == pytest.approx((x_of(START) - 0.5, x_of(END) + 0.5))
    labels = texts(drawn)
    assert "2 March – 15 March 2026" in labels
    assert {"Week 1", "Week 2"} <= set(labels)  # course weeks marked
    assert any(label in ("2 Mar", "3 Mar", "4 Mar", "5 Mar") for label in labels)  # dates, not numbers


def test_each_day_is_a_dot_and_not_logged_days_are_gaps_never_zeros() -> None:
    lips = series(figure(), "lips-days")
    assert list(lips) == [day(offset) for offset in range(14)]
    assert lips[day(0)] == 0  # logged 0 is drawn at 0
    assert lips[day(1)] == 2 and lips[day(13)] == 8
    assert nan(lips[day(4)]) and nan(lips[day(9)])  # not logged: a gap
    skin = series(figure(), "skin-days")
    assert nan(skin[day(3)]) and skin[day(0)] == 4
    mood = series(figure(), "mood-days")
    assert mood[day(0)] == 0 and nan(mood[day(5)]) and mood[day(1)] == 7


def test_the_line_is_the_7_day_mean_of_the_logged_days() -> None:
    mean = series(figure(), "lips-mean")
    assert nan(mean[day(0)]) and nan(mean[day(2)])  # fewer than 4 logged days so far
    assert mean[day(3)] == pytest.approx((0 + 2 + 3 + 3) / 4)
    assert mean[day(4)] == pytest.approx((0 + 2 + 3 + 3) / 4)  # a day not logged: the week still has 4
    assert mean[day(6)] == pytest.approx((0 + 2 + 3 + 3 + 4 + 5) / 6)
    assert mean[day(10)] == pytest.approx((4 + 5 + 5 + 6 + 7) / 5)  # days 4 and 9 skipped, not zeros


def test_doses_taken_missed_and_prescribed() -> None:
    drawn = figure()
    taken = series(drawn, "dose_mg-days")
    assert taken[day(0)] == 22.5 and taken[day(1)] == 20
    assert nan(taken[day(4)])  # no dose logged
    assert nan(taken[day(6)])  # the missed dose is not a dot...
    assert days_of(drawn, "dose-missed") == [day(6)]  # ...it is a cross on the zero line
    assert list(line(drawn, "dose-missed").get_ydata()) == [0]
    assert "✕ Missed" in " ".join(texts(drawn))
    assert set(line(drawn, "dose-prescribed").get_ydata()) == {20}


def test_the_course_total_climbs_toward_the_target_line_with_the_projected_date() -> None:
    drawn = figure()
    total = series(drawn, "total")
    assert total[day(0)] == pytest.approx(22.5 / 64.5)
    assert total[day(13)] == pytest.approx((22.5 + 20 * 10) / 64.5)
    assert total[day(6)] == total[day(5)]  # a missed dose adds nothing
    target = line(drawn, "target")
    assert set(target.get_ydata()) == {120}
    assert list(target.get_xdata()) == pytest.approx([x_of(START) - 0.5, x_of(END) + 0.5])
    projected = course_progress(sample_course(), sample_entries(), END).projected_target_date
    assert projected is not None
    when = f"{projected.day} {projected:%b %Y}"
    assert any(f"120 mg/kg around {when}" in text for text in texts(drawn))


def test_a_past_range_shows_no_projection_and_a_reached_target_says_when() -> None:
    past = figure(today=END + dt.timedelta(days=60))
    assert not any("around" in text for text in texts(past))
    course = sample_course(weight_kg=1.0, target_mg_per_kg=60)  # reached on day 2 (22.5 + 20 + 20)
    reached = figure(courses=[course])
    assert any(f"60 mg/kg reached on {day(2).day} Mar 2026" in text for text in texts(reached))


def test_flagged_mood_days_are_marked_urgent_apart_from_warning() -> None:
    flags = [
        Flag("low_mood_run", WARNING, day(8), day(10), "low"),
        Flag("warning_sign", URGENT, day(10), None, "urgent"),
        Flag("phq9", WARNING, day(30), None, "outside the range"),
        Flag("baseline_drop", WARNING, day(-5), day(1), "began before the range"),
    ]
    drawn = figure(flags=flags)
    assert days_of(drawn, "mood-flag-urgent") == [day(10)]
    assert days_of(drawn, "mood-flag-warning") == [day(0), day(1), day(8), day(9)]
    urgent, warning = line(drawn, "mood-flag-urgent"), line(drawn, "mood-flag-warning")
    assert urgent.get_markerfacecolor() != "none" and warning.get_markerfacecolor() == "none"
    assert to_hex(urgent.get_color()) != to_hex(warning.get_color())
    assert {"▼ Urgent flag", "▽ Flag"} <= set(texts(drawn))


def test_the_flags_of_the_diary_reach_the_mood_panel() -> None:
    entries = sample_entries()  # the first day has an urgent warning sign (hallucinations)
    drawn = figure(entries=entries, flags=mood_flags(entries, [sample_course()]))
    assert days_of(drawn, "mood-flag-urgent") == [START]
    assert lines(drawn, "mood-flag-warning") == []


def test_hidden_series_leave_and_a_panel_goes_when_all_of_its_series_do() -> None:
    drawn = figure(series=ALL_SERIES - {"lips", "joint_pain", "dose_mg"})
    assert panel_names(drawn) == ["dryness", "mood", "breakouts", "skincare", "total"]
    assert lines(drawn, "lips-days") == [] and len(lines(drawn, "skin-days")) == 1
    assert panel_names(figure(series={"breakout_severity"})) == ["breakouts"]
    severity = series(figure(series={"breakout_severity"}), "breakout_severity-days")
    assert severity[day(0)] == 4 and nan(severity[day(1)])


def test_severity_keeps_its_own_values_beside_the_spots() -> None:
    drawn = figure()
    assert series(drawn, "breakout_severity-days")[day(0)] == 4
    assert series(drawn, "breakouts_new-days")[day(0)] == 0


def test_a_panel_with_nothing_logged_says_so() -> None:
    entries = [Entry(day(offset), lips=3) for offset in range(14)]
    drawn = figure(entries=entries)
    assert texts(drawn).count("Not logged on these days") >= 4  # joints, mood, breakouts, skincare...
    assert series(drawn, "lips-days")[day(5)] == 3


def test_nothing_logged_gives_a_short_figure_that_says_so() -> None:
    drawn = figure(entries=[])
    assert panel_names(drawn) == []
    assert any(
        text.startswith("Nothing logged yet between 2 March 2026 and 15 March 2026.") for text in texts(drawn)
    )
    assert drawn.get_size_inches()[1] < 3  # not a blank A4 page


def test_paper_is_a4_wide_and_one_column_and_a_wide_window_two_columns() -> None:
    paper = figure()
    assert tuple(paper.get_size_inches()) == pytest.approx(paper_size())
    assert paper.get_size_inches()[0] == 7.0
    assert len({round(ax.get_position().x0, 3) for ax in paper.axes}) == 1
    window = figure(size=(11.5, 6.2))
    lefts = {round(ax.get_position().x0, 3) for ax in window.axes if ax.get_label().startswith("panel:")}
    assert len(lefts) == 2


def test_paper_is_light_and_the_dark_palette_is_dark() -> None:
    assert to_hex(figure().get_facecolor()) == LIGHT.background.lower()
    dark = figure(dark=True)
    assert to_hex(dark.get_facecolor()) == DARK.background.lower()
    assert to_hex(line(dark, "total").get_color()) == DARK.colors["total"].lower()


def test_colours_markers_and_line_styles_tell_the_dryness_series_apart() -> None:
    drawn = figure()
    dots = [line(drawn, f"{name}-days") for name in ("lips", "skin", "eyes")]
    means = [line(drawn, f"{name}-mean") for name in ("lips", "skin", "eyes")]
    assert len({dot.get_marker() for dot in dots}) == 3
    assert len({mean.get_linestyle() for mean in means}) == 3
    assert len({to_hex(dot.get_color()) for dot in dots}) == 3


def test_ten_years_are_drawn_in_bins_with_missed_doses_still_day_by_day() -> None:
    first = dt.date(2016, 1, 4)
    course = sample_course(
        start_date=first, doses=(DoseChange(first, 40),), end_date=first + dt.timedelta(days=3600)
    )
    entries = [
        Entry(first + dt.timedelta(days=offset), lips=3, dose_mg=0 if offset in (100, 2000) else 40)
        for offset in range(3653)
        if not 700 <= offset < 730  # a month not logged
    ]
    end = first + dt.timedelta(days=3652)
    drawn = figure(entries=entries, courses=[course], start=first, end=end, today=end)
    lips = line(drawn, "lips-days")
    assert len(lips.get_xdata()) <= MAX_POINTS
    values = np.asarray(lips.get_ydata())
    assert np.nanmin(values) == 3 and np.nanmax(values) == 3  # each bin: the mean of its logged days
    assert np.isnan(values).any()  # the unlogged month is a gap
    assert days_of(drawn, "dose-missed") == [first + dt.timedelta(days=100), first + dt.timedelta(days=2000)]
    assert any(text.startswith("Dots: mean of each 2 weeks") for text in texts(drawn))


def test_a_backwards_range_is_refused() -> None:
    with pytest.raises(ValueError, match="after its end"):
        figure(start=END, end=START)
