"""The shared time axis: real dates along the bottom, course weeks (or courses) marked across every panel."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.markers import TICKDOWN
from matplotlib.transforms import ScaledTranslation, blended_transform_factory, offset_copy

from diary.charts import style as looks
from diary.charts.style import ChartStyle
from diary.core.course import Course

# Week steps for the course-week marks: the smallest giving no more than about ten labels.
WEEK_STEPS = (1, 2, 4, 8, 13, 26)
MAX_MARKS = 10
WEEK_ROW_INCHES = 0.3  # the course-week labels sit this far below the bottom panel
OVERHANG_INCHES = 0.3  # how far a label may run past the panel, into the margin


@dataclass(frozen=True)
class CourseMark:
    day: dt.date
    label: str


def x_of(days: np.ndarray | Sequence[dt.date] | dt.date) -> np.ndarray:
    """Days as positions on the time axis (matplotlib's date numbers)."""
    positions: np.ndarray = mdates.date2num(np.asarray(days, dtype="datetime64[D]"))
    return positions


def day_at(x: float) -> dt.date:
    """The calendar day nearest to position `x` (each day is drawn at its own midnight)."""
    moment: dt.datetime = mdates.num2date(float(np.round(x)))
    return moment.date()


def day_bars(runs: Sequence[tuple[dt.date, dt.date]]) -> list[tuple[float, float]]:
    """Runs of days (first, last) as (left, width) bars covering whole days, for broken_barh."""
    return [(float(x_of(first)) - 0.5, (last - first).days + 1.0) for first, last in runs]


def course_marks(courses: Sequence[Course], start: dt.date, end: dt.date) -> list[CourseMark]:
    """Course weeks inside start..end ('Week 1', 'Week 5'...); over years, just each course's start."""
    span = (end - start).days + 1
    step = next((weeks for weeks in WEEK_STEPS if weeks * 7 * MAX_MARKS >= span), None)
    marks = []
    for number, course in enumerate(sorted(courses, key=lambda c: c.start_date), start=1):
        last = min(end, course.end_date or end)
        if course.start_date > end or last < start:
            continue
        if step is None:
            if course.start_date >= start:
                marks.append(CourseMark(course.start_date, f"Course {number}"))
            continue
        first_week = max(1, course.week_number(start) if course.contains(start) else 1)
        week = first_week + (-(first_week - 1) % step)
        while (day := course.start_date + dt.timedelta(weeks=week - 1)) <= last:
            if day >= start:
                marks.append(CourseMark(day, f"Week {week}"))
            week += step
    return marks


def draw_time_axis(
    columns: Sequence[Sequence[Axes]],
    start: dt.date,
    end: dt.date,
    courses: Sequence[Course],
    style: ChartStyle,
) -> None:
    """The same limits on every panel, dates under each column's bottom panel, course marks on all.

    Panels do not share one matplotlib axis: a shared axis gives every panel its own copy
    of the date ticks, which costs time to draw and shows nothing (the labels are hidden).
    """
    left, right = float(x_of(start)) - 0.5, float(x_of(end)) + 0.5
    marks = course_marks(courses, start, end)
    spans = _course_spans(courses, start, end)
    for panels in columns:
        for ax in panels:
            ax.set_xlim(left, right)
            if marks:
                ax.vlines(
                    x_of([mark.day for mark in marks]),
                    0,
                    1,
                    transform=ax.get_xaxis_transform(),
                    colors=style.grid,
                    linewidths=0.8,
                    linestyles=(0, (2, 2)),
                    zorder=0.5,
                )
            if spans:
                ax.broken_barh(
                    day_bars(spans),
                    (0, 1),
                    transform=ax.get_xaxis_transform(),
                    color=style.shade,
                    lw=0,
                    zorder=0.2,
                )
        _date_row(panels[-1], start, end, style)
        _week_row(panels[-1], marks, style)


def date_ticks(start: dt.date, end: dt.date) -> list[float]:
    """Where the dates go: matplotlib's choice of 3 to 8 round days, months or years."""
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    first, last = dt.datetime.combine(start, dt.time()), dt.datetime.combine(end, dt.time())
    left, right = float(x_of(start)) - 0.5, float(x_of(end)) + 0.5
    return [float(x) for x in locator.tick_values(first, last) if left <= x <= right]


def _date_row(ax: Axes, start: dt.date, end: dt.date, style: ChartStyle) -> None:
    """Date labels under a column's bottom panel, each with a short tick (see frame.py on why not
    matplotlib's ticks)."""
    ticks = date_ticks(start, end)
    span_days = (end - start).days + 1
    ax.plot(
        ticks,
        np.zeros(len(ticks)),
        transform=ax.get_xaxis_transform(),
        linestyle="none",
        marker=TICKDOWN,
        markersize=3,
        color=style.quiet,
        clip_on=False,
    )
    at = offset_copy(ax.get_xaxis_transform(), ax.get_figure(root=True), y=-5, units="points")
    for x in ticks:
        ax.text(
            x,
            0,
            date_label(day_at(x), span_days),
            transform=at,
            ha="center",
            va="top",
            fontsize=looks.SMALL_SIZE,
            color=style.text,
            clip_on=False,
        )


def date_label(day: dt.date, span_days: int) -> str:
    """'8 Jul' within a month or two; 'Apr' (and 'Jan 2027' at a new year) over months; '2019' over years."""
    if day.day != 1:
        return f"{day.day} {day:%b}"
    if day.month == 1:
        return f"{day:%Y}" if span_days > 3 * 366 else f"{day:%b %Y}"
    return f"{day:%b}" if span_days > 62 else f"1 {day:%b}"


def _course_spans(courses: Sequence[Course], start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Course spans, shaded only when the range also holds days outside every course."""
    spans = []
    for course in courses:
        first, last = max(start, course.start_date), min(end, course.end_date or end)
        if first <= last:
            spans.append((first, last))
    inside = sum((last - first).days + 1 for first, last in spans)
    return spans if inside < (end - start).days + 1 else []


def _week_row(ax: Axes, marks: list[CourseMark], style: ChartStyle) -> None:
    """Each mark's label below the dates, starting at its line.

    A label may run a little past the panel's right end (into the margin); one that would
    run further ends at its line instead, or is left out (its line stays) when that would
    crowd the label before it. Widths are estimated from the characters, before drawing.
    """
    if not marks:
        return
    figure = ax.get_figure()
    below = ScaledTranslation(0, -WEEK_ROW_INCHES, figure.dpi_scale_trans)  # type: ignore[union-attr]
    where = blended_transform_factory(ax.transData, ax.transAxes) + below
    left, right = ax.get_xlim()
    panel_inches = ax.get_position().width * figure.get_size_inches()[0]  # type: ignore[union-attr]
    previous_end = -1.0
    for mark in marks:
        x = float(x_of(mark.day))
        at = (x - left) / (right - left) * panel_inches
        width = len(mark.label) * looks.SMALL_SIZE * 0.6 / 72
        align = "left"
        if at + width > panel_inches + OVERHANG_INCHES:
            align = "right"
            if at - width < previous_end + 0.1:
                continue
        elif at < previous_end + 0.1:
            continue
        previous_end = at + width if align == "left" else at
        ax.text(
            x,
            0,
            mark.label,
            transform=where,
            ha=align,
            va="top",
            fontsize=looks.SMALL_SIZE,
            color=style.quiet,
            clip_on=False,
        )
