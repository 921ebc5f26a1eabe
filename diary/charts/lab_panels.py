"""Panels for lab results and weight: each test against the lab's reference range, in one
unit per test (the spec's conversions, `LabTest.to_first_unit`), and the weight over time.

A panel exists only when it has something to show in the chosen days. No Qt here.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes

from diary.charts import style as looks
from diary.charts.frame import nice_ticks, scale
from diary.charts.panels import coloured_heading
from diary.charts.style import ChartStyle
from diary.charts.timeaxis import x_of
from diary.core import scales
from diary.core.records import LabResult, Weighing

LAB_SERIES = "labs"
WEIGHT_SERIES = "weight"
LAB_HEIGHT = 0.75
WEIGHT_HEIGHT = 0.8

Draw = Callable[[Axes, ChartStyle], None]


@dataclass(frozen=True)
class RecordPanel:
    """A panel to add to the figure: its name (axes label 'panel:<name>'), the series that
    shows or hides it, its height and how to draw it."""

    name: str
    series: str
    height: float
    draw: Draw


@dataclass(frozen=True)
class Reading:
    """A lab result in its test's first unit, with the lab's range converted the same way."""

    date: dt.date
    value: float
    low: float | None
    high: float | None

    @property
    def above(self) -> bool:
        return self.high is not None and self.value > self.high

    @property
    def below(self) -> bool:
        return self.low is not None and self.value < self.low


def readings(results: Sequence[LabResult]) -> dict[tuple[str, str], list[Reading]]:
    """Results grouped by test ('other' tests by their label and unit), each in one unit.
    Keys are (title, unit); results whose unit cannot be converted are left out."""
    groups: dict[tuple[str, str], list[Reading]] = {}
    for result in sorted(results, key=lambda r: r.date):
        test = scales.LAB_TESTS[result.test]
        unit = test.units[0] if test.units else result.unit

        def convert(
            value: float | None, test: scales.LabTest = test, unit: str = result.unit
        ) -> float | None:
            return None if value is None else test.to_first_unit(value, unit)

        value = convert(result.value)
        if value is None:
            continue
        reading = Reading(result.date, value, convert(result.reference_low), convert(result.reference_high))
        groups.setdefault((result.shown_as, unit), []).append(reading)
    order = {scales.LAB_TESTS[key].label: index for index, key in enumerate(scales.LAB_TESTS)}
    return dict(sorted(groups.items(), key=lambda item: (order.get(item[0][0], len(order)), item[0][0])))


def record_panels(
    labs: Sequence[LabResult],
    weights: Sequence[Weighing],
    start: dt.date,
    end: dt.date,
    shown: Collection[str],
) -> list[RecordPanel]:
    """The lab panels (one per test with a result in start..end) and the weight panel
    (when a weighing falls in start..end), in that order, for the series in `shown`."""
    panels: list[RecordPanel] = []
    if LAB_SERIES in shown:
        in_range = [result for result in labs if start <= result.date <= end]
        for (title, unit), group in readings(in_range).items():
            name = f"lab:{title}"
            panels.append(RecordPanel(name, LAB_SERIES, LAB_HEIGHT, _lab_drawing(title, unit, group, end)))
    if WEIGHT_SERIES in shown and any(start <= w.date <= end for w in weights):
        panels.append(
            RecordPanel("weight", WEIGHT_SERIES, WEIGHT_HEIGHT, _weight_drawing(weights, start, end))
        )
    return panels


# Drawing ----------------------------------------------------------------------------------------


def _range_color(style: ChartStyle) -> str:
    return "#2A4A40" if style.dark else "#D8EFE6"


def _range_key_color(style: ChartStyle) -> str:
    # The scheme's green (diary/palette.py), at AA contrast on the panel in light and dark.
    return style.color("skincare")


def value_words(value: float) -> str:
    """A lab value as read off a chart: whole from 100 up, else three significant digits."""
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.3g}"


def _lab_drawing(title: str, unit: str, group: list[Reading], end: dt.date) -> Draw:
    def draw(ax: Axes, style: ChartStyle) -> None:
        outside = [r for r in group if r.above or r.below]
        keys = [("● result", style.color("mood")), ("■ lab's range", _range_key_color(style))]
        if outside:
            keys.append(("▲▼ outside it", style.color("urgent")))
        coloured_heading(ax, style, f"{title}  ({unit})", keys)
        tops = [r.value for r in group] + [r.high for r in group if r.high is not None]
        top = max(nice_ticks(max(tops) * 1.15)[-1], max(tops) * 1.15)
        scale(ax, style, 0, top, nice_ticks(top))
        x = x_of([r.date for r in group])
        # The range of each result, from its day to the next result's (the last to the end).
        right = float(x_of(end)) + 0.5
        for index, reading in enumerate(group):
            if reading.low is None and reading.high is None:
                continue
            left = float(x[index]) if index else float(x[0]) - 0.5
            until = float(x[index + 1]) if index + 1 < len(group) else right
            low = reading.low if reading.low is not None else 0.0
            high = reading.high if reading.high is not None else top * 1.06
            ax.fill_between(
                [left, until],
                low,
                high,
                step="post",
                color=_range_color(style),
                alpha=0.9 if style.dark else 1.0,
                linewidth=0,
                zorder=0.6,
                gid="lab-range",
            )
        values = np.array([r.value for r in group])
        color = style.color("mood")
        ax.plot(x, values, linestyle="-", linewidth=1.0, color=color, alpha=0.6, zorder=2)
        inside = np.array([not (r.above or r.below) for r in group])
        ax.plot(
            x[inside],
            values[inside],
            "o",
            markersize=5,
            color=color,
            markeredgewidth=0,
            zorder=3,
            gid="lab-inside",
        )
        for marker, chosen, gid in (
            ("^", [r.above for r in group], "lab-above"),
            ("v", [r.below for r in group], "lab-below"),
        ):
            mask = np.array(chosen)
            if mask.any():
                ax.plot(
                    x[mask],
                    values[mask],
                    marker,
                    markersize=7,
                    color=style.color("urgent"),
                    markeredgewidth=0,
                    zorder=4,
                    gid=gid,
                )
        for xi, reading in zip(x, group, strict=True):
            flag = "▲ " if reading.above else "▼ " if reading.below else ""
            ax.annotate(
                f"{flag}{value_words(reading.value)}",
                (float(xi), reading.value),
                xytext=(5, 4),
                textcoords="offset points",
                fontsize=looks.SMALL_SIZE,
                fontweight="bold" if flag else "normal",
                color=style.color("urgent") if flag else style.text,
                zorder=5,
                annotation_clip=True,
            )

    return draw


def weight_in_force(weights: Sequence[Weighing], start: dt.date, end: dt.date) -> list[tuple[dt.date, float]]:
    """(day, kg) steps for start..end: the latest weighing on or before start, then each weighing."""
    ordered = sorted(weights, key=lambda w: w.date)
    before = [w for w in ordered if w.date <= start]
    steps = [(start, before[-1].kg)] if before else []
    steps += [(w.date, w.kg) for w in ordered if start < w.date <= end]
    return steps


def _weight_drawing(weights: Sequence[Weighing], start: dt.date, end: dt.date) -> Draw:
    def draw(ax: Axes, style: ChartStyle) -> None:
        color = style.color("skin")
        coloured_heading(ax, style, "Weight  (kg)", [("● weighed", color), ("━ weight in force", color)])
        steps = weight_in_force(weights, start, end)
        kilos = [kg for _day, kg in steps]
        low, high = math.floor(min(kilos) - 1), math.ceil(max(kilos) + 1)
        step = max(1, math.ceil((high - low) / 3))
        ticks = [float(low + step * index) for index in range(4) if low + step * index <= high + 0.01]
        scale(ax, style, low, max(high, ticks[-1]), ticks)
        days = [day for day, _kg in steps] + [end]
        ax.step(
            x_of(days),
            [*kilos, kilos[-1]],
            where="post",
            linewidth=1.4,
            color=color,
            zorder=2,
            gid="weight-in-force",
        )
        weighed = [w for w in weights if start <= w.date <= end]
        ax.plot(
            x_of([w.date for w in weighed]),
            [w.kg for w in weighed],
            "o",
            markersize=5,
            color=color,
            markeredgewidth=0,
            zorder=3,
            gid="weight-days",
        )

    return draw
