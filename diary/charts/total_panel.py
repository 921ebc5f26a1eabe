"""The course-total panel: the cumulative dose climbing toward the target line, and when it gets there."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import numpy as np
from matplotlib.axes import Axes
from matplotlib.transforms import blended_transform_factory, offset_copy

from diary.charts import style as looks
from diary.charts.frame import open_scale
from diary.charts.panels import Plot, heading, nothing_logged
from diary.charts.series import CourseTotal
from diary.charts.style import LOOKS, ChartStyle
from diary.charts.timeaxis import x_of


def total(ax: Axes, plot: Plot, _shown: Collection[str]) -> None:
    """Each course's running total (gid 'total') and its target line ('target'), with words
    saying when a running course shown up to today reaches the target at the current dose.

    The projected day is always after the chart's last day (a chart ends today at the
    latest), so it is given in words beside the target rather than as a line off the edge.
    """
    style, totals = plot.style, plot.data.totals
    per_kg = all(course_total.per_kg for course_total in totals)
    unit = "mg/kg" if per_kg else "mg"
    keys = [("total", "So far")]
    targets = {course_total.target for course_total in totals if course_total.target is not None}
    if targets:
        keys.append(("target", "Target" + (f" {next(iter(targets)):g} {unit}" if len(targets) == 1 else "")))
    heading(ax, style, f"Course total  ({unit})", keys)
    if not totals:
        open_scale(ax, style, 0, 10)
        nothing_logged(ax, style, "No course in these days")
        return
    top = 0.0
    for course_total in totals:
        top = max(top, _draw_course(ax, course_total, style))
    open_scale(ax, style, top, 10)
    _note(ax, plot, totals[-1], style)


def _draw_course(ax: Axes, course_total: CourseTotal, style: ChartStyle) -> float:
    x = x_of(course_total.days)
    ax.plot(
        x,
        course_total.totals,
        linestyle=LOOKS["total"].line,
        linewidth=looks.LINE_WIDTH,
        color=style.color("total"),
        gid="total",
        zorder=3,
    )
    top = float(np.max(course_total.totals, initial=0))
    target = course_total.target
    if target is None or not len(x):
        return top
    ax.plot(
        [x[0] - 0.5, x[-1] + 0.5],
        [target, target],
        linestyle=LOOKS["target"].line,
        linewidth=1.3,
        color=style.color("target"),
        gid="target",
        zorder=2,
    )
    return max(top, target)


def _projection(course_total: CourseTotal) -> dt.date | None:
    progress = course_total.progress
    if not course_total.projects or progress.target_reached_on is not None:
        return None
    return progress.projected_target_date


def _note(ax: Axes, plot: Plot, course_total: CourseTotal, style: ChartStyle) -> None:
    """Plain words about the last course, just under its target line.

    With one course, on the left: the total only climbs, so the top left is free. With
    several (a long view), one short line at the right end: earlier courses' lines stay
    below the band under the target unless they reached it.
    """
    progress = course_total.progress
    unit = "mg/kg" if course_total.per_kg else "mg"
    target = course_total.target
    several = len(plot.data.totals) > 1
    lines = []
    if progress.target_reached_on is not None and target is not None:
        lines.append(f"{target:g} {unit} reached on {_day(progress.target_reached_on)}")
    elif (when := _projection(course_total)) is not None and target is not None:
        dose = progress.current_mg_per_day
        lines.append(
            ("" if several else f"At {dose:g} mg a day, ") + f"{target:g} {unit} around {_day(when)}"
        )
    if not several and not course_total.per_kg:
        lines.append("Add your weight to the course to see mg/kg")
    if not several and progress.days_without_dose:
        count = progress.days_without_dose
        lines.append(f"{count} day{'s' if count != 1 else ''} with no dose logged, not counted")
    if not lines:
        return
    top = target is not None
    ax.text(
        0.99 if several else max(0.01, _start_of(plot, course_total) + 0.01),
        target if target is not None else 0.94,
        "\n".join(lines),
        transform=offset_copy(
            blended_transform_factory(ax.transAxes, ax.transData if top else ax.transAxes),
            ax.get_figure(root=True),
            y=-4,
            units="points",
        ),
        va="top",
        ha="right" if several else "left",
        fontsize=looks.SMALL_SIZE,
        color=style.quiet,
        linespacing=1.35,
        # On a panel colour patch: should a line pass behind after all, the words stay readable.
        bbox={"facecolor": style.panel, "edgecolor": "none", "alpha": 0.85, "pad": 1.0},
        zorder=5,
    )


def _start_of(plot: Plot, course_total: CourseTotal) -> float:
    """Where the course's part of the chart begins, 0..1 across the panel."""
    left, right = plot.x[0] - 0.5, plot.x[-1] + 0.5
    return (
        (float(x_of(course_total.days[0])) - 0.5 - left) / (right - left) if len(course_total.days) else 0.0
    )


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"
