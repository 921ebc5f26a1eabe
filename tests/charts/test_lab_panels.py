"""The labs and weight panels: each test against the lab's range in one unit, weight, only with data."""

from __future__ import annotations

import datetime as dt

import pytest

from diary.charts.lab_panels import readings, record_panels, value_words, weight_in_force
from diary.charts.timeaxis import day_at
from diary.charts.trends import ALL_SERIES, trends_figure
from diary.core.records import LabResult, Weighing
from tests.charts.helpers import lines, panel, panel_names
from tests.helpers.diaries import sample_course, sample_entries

COURSE = sample_course()
START = COURSE.start_date
END = START + dt.timedelta(days=60)


def day(n: int) -> dt.date:
    return START + dt.timedelta(days=n)


LABS = [
    LabResult(day(-5), "triglycerides", 1.2, "mmol/L", None, 0.4, 1.7),
    LabResult(day(30), "triglycerides", 212, "mg/dL", None, None, 150),
    LabResult(day(30), "alt", 31, "U/L", None, 7, 56),
    LabResult(day(30), "other", 4.1, "g/dL", "Albumin", 3.5, 5.0),
]
WEIGHTS = [Weighing(day(-10), 64.5), Weighing(day(20), 63.6)]


def test_each_test_is_in_its_first_unit_with_its_range() -> None:
    groups = readings(LABS)
    assert list(groups) == [("Triglycerides", "mg/dL"), ("ALT", "U/L"), ("Albumin", "g/dL")]
    baseline, peak = groups[("Triglycerides", "mg/dL")]
    assert baseline.value == pytest.approx(1.2 * 88.57)
    assert (baseline.low, baseline.high) == (pytest.approx(0.4 * 88.57), pytest.approx(1.7 * 88.57))
    assert not baseline.above and not baseline.below
    assert peak.value == 212 and peak.above and peak.low is None


def test_cholesterol_and_glucose_use_the_specs_factors() -> None:
    results = [
        LabResult(day(1), "ldl", 3.0, "mmol/L"),
        LabResult(day(1), "glucose_fasting", 5.0, "mmol/L", None, 3.9, 5.5),
    ]
    groups = readings(results)
    assert groups[("LDL cholesterol", "mg/dL")][0].value == pytest.approx(3.0 * 38.67)
    glucose = groups[("Fasting glucose", "mg/dL")][0]
    assert (glucose.value, glucose.low) == (pytest.approx(90.08), pytest.approx(3.9 * 18.016))


def test_panels_only_with_data_in_the_range() -> None:
    names = [p.name for p in record_panels(LABS, WEIGHTS, START, END, ALL_SERIES)]
    assert names == ["lab:Triglycerides", "lab:ALT", "lab:Albumin", "weight"]
    # Before the course: only the baseline triglycerides; the weighing of day -10 is outside.
    early = [p.name for p in record_panels(LABS, WEIGHTS, day(-7), day(-1), ALL_SERIES)]
    assert early == ["lab:Triglycerides"]
    assert record_panels([], [], START, END, ALL_SERIES) == []
    assert record_panels(LABS, WEIGHTS, START, END, ALL_SERIES - {"labs", "weight"}) == []


def test_the_weight_in_force_starts_with_the_latest_weighing_before_the_range() -> None:
    assert weight_in_force(WEIGHTS, START, END) == [(START, 64.5), (day(20), 63.6)]
    assert weight_in_force(WEIGHTS, day(-20), day(-15)) == []


def test_the_figure_adds_the_panels_below_the_others() -> None:
    entries = sample_entries()
    plain = trends_figure(entries, [COURSE], [], START, END, flags=[], today=END)
    assert not any(name.startswith("lab:") or name == "weight" for name in panel_names(plain))
    figure = trends_figure(entries, [COURSE], [], START, END, flags=[], today=END, labs=LABS, weights=WEIGHTS)
    names = panel_names(figure)
    assert names[-3:] == ["lab:ALT", "lab:Albumin", "weight"]
    assert figure.get_size_inches()[1] > plain.get_size_inches()[1]  # paper gets room for them


def test_a_value_outside_the_range_is_marked_by_shape_and_words_not_only_colour() -> None:
    figure = trends_figure(sample_entries(), [COURSE], [], START, END, flags=[], today=END, labs=LABS)
    (above,) = lines(figure, "lab-above")
    assert [day_at(x) for x in above.get_xdata()] == [day(30)]
    assert above.get_marker() == "^"
    texts = [text.get_text() for text in panel(figure, "lab:Triglycerides").texts]
    assert "▲ 212" in texts
    assert not lines(figure, "lab-below")
    alt_texts = [text.get_text() for text in panel(figure, "lab:ALT").texts]
    assert "31" in alt_texts and not any(t.startswith("▲") for t in alt_texts)


def test_records_alone_are_charted_without_entries() -> None:
    figure = trends_figure([], [COURSE], [], START, END, flags=[], today=END, labs=LABS[:1], weights=WEIGHTS)
    assert "weight" in panel_names(figure)
    (force,) = lines(figure, "weight-in-force")
    assert list(force.get_ydata())[:2] == [64.5, 63.6]


def test_dark_figures_draw_the_same_panels() -> None:
    light = trends_figure([], [COURSE], [], START, END, flags=[], today=END, labs=LABS)
    dark = trends_figure([], [COURSE], [], START, END, flags=[], today=END, labs=LABS, dark=True)
    assert panel_names(light) == panel_names(dark)


def test_values_are_read_with_sensible_digits() -> None:
    assert [value_words(v) for v in (106.284, 97.43, 4.1, 0.456)] == ["106", "97.4", "4.1", "0.456"]
