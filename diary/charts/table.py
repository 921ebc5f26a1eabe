"""The trend charts as words: a table of each day's values and 7-day means, and the latest values.

For people who cannot see the chart (a screen reader reads the table cell by cell) and for
anyone who wants the numbers. Built from the chart's own numbers (series.TrendData), so the
table and the chart never disagree. Not logged is said as such, never shown as 0.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from diary.charts.series import TrendData

NOT_LOGGED = "not logged"
TOO_FEW = "too few days logged"  # the mean needs 4 of the 7 days (series.WINDOW_MIN_LOGGED)
UNITS = {"dose_mg": " mg", "skincare": "% of the routine"}


@dataclass(frozen=True)
class TrendTable:
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # newest day first: the first rows are the news


def day_words(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def trend_table(data: TrendData, chosen: Collection[str], labels: Mapping[str, str]) -> TrendTable:
    """A row for each day of `data`, a column for each chosen day-by-day series and its mean.

    `labels` names the series (the chart's own words). Series without a value per day (the
    course total, lab results, weight) are left to the chart."""
    shown = [name for name in labels if name in chosen and name in data.values]
    headings = ["Day"]
    for name in shown:
        headings.append(labels[name])
        if name in data.means:
            headings.append(f"{labels[name]}, 7-day mean")
    rows = []
    for index in range(len(data.days) - 1, -1, -1):
        day = data.start + dt.timedelta(days=index)
        row = [day_words(day)]
        for name in shown:
            row.append(_value_words(name, float(data.values[name][index]), NOT_LOGGED))
            if name in data.means:
                row.append(_value_words(name, float(data.means[name][index]), TOO_FEW, mean=True))
        rows.append(tuple(row))
    return TrendTable(tuple(headings), tuple(rows))


def latest_words(data: TrendData, chosen: Collection[str], labels: Mapping[str, str]) -> str:
    """The last logged value of each chosen series in the range ("Mood 6 on 5 Dec"), in words."""
    parts = []
    for name in labels:
        if name not in chosen or name not in data.values:
            continue
        values = data.values[name]
        logged = [index for index in range(len(values)) if not math.isnan(values[index])]
        if logged:
            day = data.start + dt.timedelta(days=logged[-1])
            words = _value_words(name, float(values[logged[-1]]), NOT_LOGGED)
            parts.append(f"{labels[name]} {words} on {day.day} {day:%b}")
    if not parts:
        return "Nothing is logged in this range."
    return "Latest: " + "; ".join(parts) + "."


def _value_words(name: str, value: float, missing: str, mean: bool = False) -> str:
    if math.isnan(value):
        return missing
    if name == "skincare":
        return f"{value * 100:.0f}" + UNITS[name]
    shown = f"{value:.1f}" if mean else f"{value:g}"
    return shown + UNITS.get(name, "")
