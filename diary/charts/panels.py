"""The panels of the trend figure, one function each: dots for the days, a line for the rolling mean."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.transforms import Affine2D, offset_copy

from diary.charts import style as looks
from diary.charts.binning import bin_means, bin_positions
from diary.charts.frame import open_scale, scale, scale_labels
from diary.charts.series import TrendData
from diary.charts.style import LOOKS, ChartStyle
from diary.charts.timeaxis import day_bars, x_of
from diary.core.fields import FIELDS_BY_NAME
from diary.core.flags import URGENT, Flag
from diary.core.scales import Scale

# A panel's drawing: its axes, the figure's data, and the panel's series that are shown (in order).
Draw = Callable[[Axes, "Plot", Sequence[str]], None]

KEY_GAP_POINTS = 11  # between a panel's title and each key (a gap, not spaces: fewer glyphs to draw)


@dataclass(frozen=True)
class Plot:
    """One figure's data as drawn: the days' positions and how many days each point stands for."""

    data: TrendData
    style: ChartStyle
    x: np.ndarray  # each day's position
    bin_size: int
    flags: Sequence[Flag] = ()  # the diary's mood flags (the mood panel marks those in range)

    def points(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        return bin_positions(self.x, self.bin_size), bin_means(self.data.values[name], self.bin_size)

    def mean(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        return bin_positions(self.x, self.bin_size), bin_means(self.data.means[name], self.bin_size)

    @property
    def dot_size(self) -> float:
        """Bigger dots when there are few days: a week's seven dots should not look like dust."""
        return looks.DOT_SIZE * (1.6 if len(self.x) <= 45 else 1.0)

    def logged(self, name: str) -> bool:
        return bool(np.any(~np.isnan(self.data.values[name])))


# Building blocks ------------------------------------------------------------------------------


def dots_and_mean(ax: Axes, plot: Plot, name: str) -> None:
    """The day-by-day values as dots (gid '<name>-days') and their 7-day mean as a line ('<name>-mean')."""
    look, color = LOOKS[name], plot.style.color(name)
    x, y = plot.points(name)
    ax.plot(
        x,
        y,
        linestyle="none",
        marker=look.marker,
        markersize=plot.dot_size,
        markeredgewidth=0,
        color=color,
        alpha=0.8 if plot.style.dark else 0.55,
        gid=f"{name}-days",
        zorder=2,
    )
    x, y = plot.mean(name)
    ax.plot(x, y, linestyle=look.line, linewidth=looks.LINE_WIDTH, color=color, gid=f"{name}-mean", zorder=3)


def heading(ax: Axes, style: ChartStyle, title: str, keys: Sequence[tuple[str, str]] = ()) -> None:
    """The panel's title above its top-left corner, then a key of 'glyph words' in each series' colour.

    Keys are text chained one after another (cheaper to draw than a matplotlib Legend, and
    they read the same on paper).
    """
    coloured_heading(
        ax, style, title, [(f"{LOOKS[name].glyph} {words}", style.color(name)) for name, words in keys]
    )


def coloured_heading(ax: Axes, style: ChartStyle, title: str, keys: Sequence[tuple[str, str]]) -> None:
    """The panel's title above its top-left corner, then keys of (words, colour) chained after it."""
    figure = ax.get_figure(root=True)
    at = offset_copy(ax.transAxes, figure, x=0, y=4, units="points")
    previous = ax.text(
        0, 1, title, transform=at, fontsize=looks.TITLE_SIZE, fontweight="bold", color=style.text, va="bottom"
    )
    for words, color in keys:
        previous = ax.annotate(
            words,
            xy=(1, 0),
            xycoords=previous,
            xytext=(KEY_GAP_POINTS, 0),
            textcoords="offset points",
            va="bottom",
            fontsize=looks.FONT_SIZE,
            color=color,
            annotation_clip=False,
        )


def inside_note(ax: Axes, text: str, style: ChartStyle) -> None:
    """Quiet words in the panel's bottom-left corner, on a patch of the panel's colour so a dot behind
    them never makes them unreadable."""
    ax.text(
        0.01,
        0.05,
        text,
        transform=ax.transAxes,
        ha="left",
        va="bottom",
        fontsize=looks.SMALL_SIZE,
        color=style.quiet,
        bbox={"facecolor": style.panel, "edgecolor": "none", "alpha": 0.85, "pad": 1.5},
        zorder=5,
    )


def nothing_logged(ax: Axes, style: ChartStyle, words: str = "Not logged on these days") -> None:
    ax.text(
        0.5,
        0.5,
        words,
        transform=ax.transAxes,
        ha="center",
        va="center",
        color=style.quiet,
        fontsize=looks.FONT_SIZE,
    )


# The panels ---------------------------------------------------------------------------------------


def ratings(title: str, *, keyed: bool = False) -> Draw:
    """A panel of ratings that share a scale (dryness of lips, skin and eyes; joint pain): the
    scale is the fields' own, and with `keyed` each shown series gets a key in its colour."""

    def draw(ax: Axes, plot: Plot, shown: Sequence[str]) -> None:
        keys = [(name, FIELDS_BY_NAME[name].label) for name in shown] if keyed else []
        heading(ax, plot.style, title, keys)
        rating_scale(ax, plot.style, FIELDS_BY_NAME[shown[0]].scale)
        for name in shown:
            dots_and_mean(ax, plot, name)
        if not any(plot.logged(name) for name in shown):
            nothing_logged(ax, plot.style)

    return draw


def rating_scale(ax: Axes, style: ChartStyle, of: Scale | None) -> None:
    """A rating's whole range, with grid lines at its ends and middle (0, 5, 10)."""
    if of is None:
        raise ValueError("a rating panel draws fields that have a scale")
    scale(ax, style, of.low, of.high, (of.low, (of.low + of.high) / 2, of.high))


def mood(ax: Axes, plot: Plot, _shown: Sequence[str]) -> None:
    urgent, warning = flagged_days(plot.flags, plot.data.start, plot.data.end)
    keys = ([("urgent", "Urgent flag")] if urgent else []) + ([("warning", "Flag")] if warning else [])
    heading(ax, plot.style, "Mood  (0 very low – 10 very good)", keys)
    rating_scale(ax, plot.style, FIELDS_BY_NAME["mood"].scale)
    dots_and_mean(ax, plot, "mood")
    for days, severity in ((warning, "warning"), (urgent, URGENT)):
        _mark_flags(ax, days, severity, plot.style)
    if not plot.logged("mood"):
        nothing_logged(ax, plot.style)


def flagged_days(flags: Sequence[Flag], start: dt.date, end: dt.date) -> tuple[list[dt.date], list[dt.date]]:
    """The days inside start..end that belong to an urgent flag, and those that belong only to other flags."""
    urgent: set[dt.date] = set()
    other: set[dt.date] = set()
    for flag in flags:
        days = {day for day in flag.days() if start <= day <= end}
        (urgent if flag.severity == URGENT else other).update(days)
    return sorted(urgent), sorted(other - urgent)


def _mark_flags(ax: Axes, days: list[dt.date], severity: str, style: ChartStyle) -> None:
    """A tinted band over each run of flagged days, and a triangle at the top of each day."""
    if not days:
        return
    color = style.color(severity)
    ax.broken_barh(
        day_bars(_runs(days)),
        (0, 1),
        transform=ax.get_xaxis_transform(),
        color=color,
        alpha=0.22 if style.dark else 0.16,
        lw=0,
        gid=f"mood-flag-{severity}-band",
    )
    ax.plot(
        x_of(days),
        np.ones(len(days)),
        transform=ax.get_xaxis_transform(),
        linestyle="none",
        marker=LOOKS[severity].marker,
        markersize=5.5,
        markerfacecolor=color if severity == URGENT else "none",
        markeredgecolor=color,
        markeredgewidth=1.2,
        clip_on=False,
        gid=f"mood-flag-{severity}",
        zorder=4,
    )


def _runs(days: list[dt.date]) -> list[tuple[dt.date, dt.date]]:
    runs: list[tuple[dt.date, dt.date]] = []
    for day in days:
        if runs and day == runs[-1][1] + dt.timedelta(days=1):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def breakouts(ax: Axes, plot: Plot, shown: Sequence[str]) -> None:
    """New spots a day on the left scale; severity (0-4) as a dashed step line on a right scale.

    Severity shares the panel's axes (a second matplotlib axes would cost as much as a whole
    panel to draw): its line keeps its 0-4 values and a transform stretches them so 4,
    severe, sits at the top of the spots scale.
    """
    spots, severity = "breakouts_new" in shown, "breakout_severity" in shown
    keys = ([("breakouts_new", "New spots")] if spots else []) + (
        [("breakout_severity", "Severity (0 clear – 4 severe)")] if severity else []
    )
    heading(ax, plot.style, "Breakouts", keys)
    stretch = 1.0
    if spots:
        top = open_scale(ax, plot.style, float(np.nanmax(plot.data.values["breakouts_new"], initial=0)), 4)
        stretch = top / 4
        dots_and_mean(ax, plot, "breakouts_new")
    else:
        scale(ax, plot.style, 0, 4, (0, 2, 4))
    if severity:
        if spots:
            ax.spines["right"].set_visible(True)
            ax.spines["right"].set_color(plot.style.grid)
            scale_labels(ax, plot.style, [0, 2 * stretch, 4 * stretch], ["0", "2", "4"], side="right")
        x, y = plot.points("breakout_severity")
        ax.step(
            x,
            y,
            where="mid",
            transform=Affine2D().scale(1, stretch) + ax.transData,
            linestyle=LOOKS["breakout_severity"].line,
            linewidth=1.3,
            color=plot.style.color("breakout_severity"),
            gid="breakout_severity-days",
        )
    if not any(plot.logged(name) for name in ("breakouts_new", "breakout_severity") if name in shown):
        nothing_logged(ax, plot.style)


def skincare(ax: Axes, plot: Plot, _shown: Sequence[str]) -> None:
    heading(ax, plot.style, "Skincare routine  (share of steps done)")
    note = _skipped_words(ax, plot.data.skipped)
    if note:
        inside_note(ax, note, plot.style)
    scale(ax, plot.style, 0, 1, (0, 0.5, 1), **{"0": "0%", "0.5": "50%", "1": "100%"})
    dots_and_mean(ax, plot, "skincare")
    if not plot.logged("skincare"):
        nothing_logged(ax, plot.style)


def _skipped_words(ax: Axes, skipped: Sequence[tuple[str, float]]) -> str:
    """The two most skipped steps, or just the first when two would not fit across the panel."""
    figure = ax.get_figure()
    room = ax.get_position().width * figure.get_size_inches()[0]  # type: ignore[union-attr]
    for count in (2, 1):
        words = "Skipped most: " + " · ".join(
            f"{label} on {share:.0%} of days" for label, share in skipped[:count]
        )
        if len(words) * looks.SMALL_SIZE * 0.58 / 72 < room * 0.95:
            return words if skipped else ""
    return ""


def dose(ax: Axes, plot: Plot, _shown: Sequence[str]) -> None:
    """Doses taken as dots, missed doses (0 mg) as crosses on the zero line, the prescribed dose dashed."""
    data, style = plot.data, plot.style
    missed = data.missed_dose_days()
    keys = [("dose_mg", "Taken")] + ([("missed", "Missed")] if len(missed) else [])
    if plot.logged("prescribed"):
        keys.append(("prescribed", "Prescribed"))
    heading(ax, style, "Dose  (mg a day)", keys)
    taken = np.where(data.values["dose_mg"] > 0, data.values["dose_mg"], np.nan)
    x = plot.points("dose_mg")[0]
    ax.plot(
        x,
        bin_means(taken, plot.bin_size),
        linestyle="none",
        marker=LOOKS["dose_mg"].marker,
        markersize=plot.dot_size,
        markeredgewidth=0,
        color=style.color("dose_mg"),
        gid="dose_mg-days",
        zorder=3,
    )
    # Missed doses are drawn day by day at any range: they are few, and they matter.
    ax.plot(
        x_of(missed),
        np.zeros(len(missed)),
        linestyle="none",
        marker=LOOKS["missed"].marker,
        markersize=6.5,
        markeredgewidth=0,
        color=style.color("missed"),
        gid="dose-missed",
        clip_on=False,
        zorder=4,
    )
    ax.step(
        plot.x,
        data.values["prescribed"],
        where="mid",
        linestyle=LOOKS["prescribed"].line,
        linewidth=1.1,
        color=style.color("prescribed"),
        gid="dose-prescribed",
        zorder=2,
    )
    # A step that is not daily has its dosing days alone: each is a short dash, not a line.
    prescribed = data.values["prescribed"]
    known = ~np.isnan(prescribed)
    alone = known & ~np.roll(known, 1) & ~np.roll(known, -1)
    if len(known) > 1:
        alone[0] = known[0] and not known[1]
        alone[-1] = known[-1] and not known[-2]
    ax.plot(
        plot.x[alone],
        prescribed[alone],
        linestyle="none",
        marker="_",
        markersize=7,
        markeredgewidth=1.1,
        color=style.color("prescribed"),
        gid="dose-prescribed-days",
        zorder=2,
    )
    top = np.nanmax(np.concatenate((data.values["dose_mg"], data.values["prescribed"])), initial=0)
    open_scale(ax, style, float(top), 10)
    if not plot.logged("dose_mg"):
        nothing_logged(ax, style)
