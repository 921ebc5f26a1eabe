"""The course at a glance: every charted series in panels over one time axis, as a matplotlib Figure.

One function, `trends_figure`, serves the window (drawing into its canvas's figure), the
PDF summary and `isodiary chart` (a new light figure, A4 width). It never uses pyplot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from diary.charts import lab_panels, panels, total_panel
from diary.charts import style as looks
from diary.charts.binning import bin_days
from diary.charts.frame import dress
from diary.charts.panels import Plot
from diary.charts.series import TrendData, trend_data
from diary.charts.style import ChartStyle, style_for
from diary.charts.timeaxis import draw_time_axis, x_of
from diary.core.course import Course
from diary.core.entry import Entry
from diary.core.fields import ENTRY_FIELDS, FIELDS_BY_NAME, EntryField
from diary.core.flags import Flag
from diary.core.records import LabResult, Weighing
from diary.core.routine import RoutineStep


@dataclass(frozen=True)
class Panel:
    """One panel: its name (the axes' label is 'panel:<name>'), its series, height and drawing."""

    name: str
    series: tuple[str, ...]
    height: float  # relative to the others
    draw: panels.Draw


def fields_in(panel: str) -> tuple[str, ...]:
    """The entry fields the field table draws in `panel`, in the table's order."""
    return tuple(field.name for field in ENTRY_FIELDS if field.panel == panel)


# A charted entry field names its panel in the field table (core/fields.py); the skincare
# and total panels draw what the chart works out (the share of the routine done, the course
# total), not a field's own number.
PANELS = (
    Panel("dryness", fields_in("dryness"), 1.3, panels.ratings("Dryness  (0 none – 10 worst)", keyed=True)),
    Panel("joints", fields_in("joints"), 0.85, panels.ratings("Joint and muscle pain  (0 none – 10 worst)")),
    Panel("mood", fields_in("mood"), 1.0, panels.mood),
    Panel("breakouts", fields_in("breakouts"), 0.95, panels.breakouts),
    Panel("skincare", ("skincare",), 0.8, panels.skincare),
    Panel("dose", fields_in("dose"), 0.85, panels.dose),
    Panel("total", ("total",), 1.0, total_panel.total),
)


def fields_not_drawn(fields: Iterable[EntryField] = ENTRY_FIELDS) -> list[str]:
    """What keeps a charted field off the chart: no panel of that name, or no look (empty: none)."""
    panel_names = {panel.name for panel in PANELS}
    problems = []
    for field in fields:
        if field.panel is not None and field.panel not in panel_names:
            problems.append(f"{field.name}: no panel named {field.panel!r} in PANELS")
        if field.charted and field.name not in looks.FIELD_LOOKS:
            problems.append(f"{field.name}: no look in charts/style.py FIELD_LOOKS")
    return problems


# The series a person can show or hide, in the order of the panels, with the words for them
# (an entry field's are its label in the field table).
SERIES: dict[str, str] = {
    **{
        name: FIELDS_BY_NAME[name].label
        for panel in PANELS
        for name in panel.series
        if name in FIELDS_BY_NAME
    },
    "total": "Course total",
    "labs": "Lab results",
    "weight": "Weight",
}
ALL_SERIES = frozenset(SERIES)

# The figure's margins, in inches so the text keeps its room at any size.
TOP = 0.6  # the figure's heading and the first panel's title
BOTTOM = 0.56  # dates and course weeks
LEFT = 0.42
RIGHT = 0.34  # the severity scale on the right of the breakouts panel
GAP = 0.34  # between panels: each panel's title row
COLUMN_GAP = 0.62  # between columns: the severity scale, then the next column's scale
PAPER_WIDTH = 7.0  # A4 minus margins
PANEL_INCHES = 1.12  # a panel of height 1 on paper
# A figure this wide and this much wider than tall (a laptop window) gets two columns of
# panels, so each stays tall enough to read; paper is one column.
TWO_COLUMNS_WIDTH = 7.5
TWO_COLUMNS_ASPECT = 1.45
MIN_PANEL_INCHES = 0.7  # flatter than this a panel cannot be read; a window scrolls instead


# Every panel's axes are labelled 'panel:<name>', so the window can tell them from the rest.
PANEL_LABEL = "panel:"


def is_panel(ax: Axes) -> bool:
    """Whether `ax` is one of the figure's panels (not a text-only axes)."""
    return str(ax.get_label()).startswith(PANEL_LABEL)


def paper_size(series: Collection[str] = ALL_SERIES, extra: Sequence[Panel] = ()) -> tuple[float, float]:
    """A4 width, and a height that gives each shown panel room (about 9 inches with every panel)."""
    chosen = shown_panels(series) + list(extra)
    heights = sum(panel.height for panel in chosen)
    return PAPER_WIDTH, TOP + BOTTOM + max(heights, 1) * PANEL_INCHES + GAP * max(len(chosen) - 1, 0)


def shown_panels(series: Collection[str]) -> list[Panel]:
    return [panel for panel in PANELS if any(name in series for name in panel.series)]


# Text is most of a redraw's cost. FreeType's own light hinting ("auto") draws the chart's
# small text as crisply as matplotlib's default here and takes a fifth less time.
matplotlib.rcParams["text.hinting"] = "auto"


def trends_figure(
    entries: Sequence[Entry],
    courses: Sequence[Course],
    routine: Sequence[RoutineStep],
    start: dt.date,
    end: dt.date,
    *,
    flags: Sequence[Flag],
    series: Collection[str] = ALL_SERIES,
    dark: bool = False,
    today: dt.date | None = None,
    figure: Figure | None = None,
    size: tuple[float, float] | None = None,
    labs: Sequence[LabResult] = (),
    weights: Sequence[Weighing] = (),
) -> Figure:
    """The trend figure for start..end (both included).

    `entries` should reach back to `ranges.load_from(courses, start)` so that the rolling
    mean and the course total are right on the first day. `flags` are the diary's mood
    flags (core.flags.mood_flags(entries, courses)), marked on the mood panel where they
    fall in the range; every caller passes them, so the window, PDF and command agree.
    With `figure`, draws into it (the window's canvas) at its size; otherwise makes a new
    light-or-dark figure of `size` inches (default: A4 width, see paper_size).
    `today` (default: the real today) decides whether a running course is projected.
    `labs` and `weights` add a panel per lab test and one for weight, below the others,
    when they have a record in the range (lab_panels).
    """
    if start > end:
        raise ValueError(f"the chart's start {start} is after its end {end}")
    style = style_for(dark)
    data = trend_data(entries, courses, routine, start, end, today=today or dt.date.today(), weights=weights)
    extra = record_panels(labs, weights, start, end, series)
    chosen = shown_panels(series) + extra
    nothing = (data.is_empty and not extra) or not chosen
    if figure is None:
        # Paper gets a short figure for a sentence, not a blank page.
        figure = Figure(
            figsize=size or ((PAPER_WIDTH, 2.0) if nothing else paper_size(series, extra)), dpi=100
        )
    else:
        figure.clear()
    figure.set_facecolor(style.background)
    if nothing:
        _message(figure, _empty_words(data, chosen), style)
        return figure
    plot = Plot(data, style, x_of(data.days), bin_days(len(data.days)), flags)
    columns = _columns(figure, chosen)
    axes = []
    for column, panels_here in enumerate(columns):
        axes_here = _lay_out_column(figure, column, len(columns), panels_here, style)
        for panel, ax in zip(panels_here, axes_here, strict=True):
            panel.draw(ax, plot, [name for name in panel.series if name in series])
        axes.append(axes_here)
    draw_time_axis(axes, start, end, courses, style)
    _heading(figure, data, plot.bin_size, style)
    return figure


def record_panels(
    labs: Sequence[LabResult],
    weights: Sequence[Weighing],
    start: dt.date,
    end: dt.date,
    series: Collection[str],
) -> list[Panel]:
    """The lab and weight panels with data in start..end, as panels of this figure."""

    def drawing(draw: lab_panels.Draw) -> panels.Draw:
        return lambda ax, plot, _shown: draw(ax, plot.style)

    return [
        Panel(p.name, (p.series,), p.height, drawing(p.draw))
        for p in lab_panels.record_panels(labs, weights, start, end, series)
    ]


def _columns(figure: Figure, chosen: list[Panel]) -> list[list[Panel]]:
    width, height = figure.get_size_inches()
    return columns_for(chosen, wide=width / height >= TWO_COLUMNS_ASPECT, width=width)


def columns_for(chosen: list[Panel], wide: bool, width: float) -> list[list[Panel]]:
    """One column, or two of about equal height on a wide, short figure (order kept)."""
    if len(chosen) < 4 or width < TWO_COLUMNS_WIDTH or not wide:
        return [chosen]
    total = sum(panel.height for panel in chosen)
    sums = [sum(panel.height for panel in chosen[:split]) for split in range(1, len(chosen))]
    split = 1 + min(range(len(sums)), key=lambda index: abs(2 * sums[index] - total))
    return [chosen[:split], chosen[split:]]


def minimum_height(width: float, series: Collection[str] = ALL_SERIES) -> float:
    """The least height (inches) at which a figure `width` inches wide keeps every panel readable:
    two columns when the width allows them, else one."""
    columns = columns_for(shown_panels(series), wide=True, width=width)
    rows = max((len(column) for column in columns), default=1)
    return TOP + BOTTOM + rows * MIN_PANEL_INCHES + (rows - 1) * GAP


def _lay_out_column(
    figure: Figure, column: int, count: int, chosen: list[Panel], style: ChartStyle
) -> list[Axes]:
    """The panels of one column, their margins kept in inches whatever the figure's size."""
    width, height = figure.get_size_inches()
    column_width = (width - LEFT - RIGHT - COLUMN_GAP * (count - 1)) / count
    left = LEFT + column * (column_width + COLUMN_GAP)
    inner = max(height - TOP - BOTTOM, 0.5)
    panel_height = max((inner - GAP * (len(chosen) - 1)) / len(chosen), 0.2)
    grid = figure.add_gridspec(
        len(chosen),
        1,
        height_ratios=[panel.height for panel in chosen],
        left=left / width,
        right=(left + column_width) / width,
        top=1 - min(TOP / height, 0.4),
        bottom=min(BOTTOM / height, 0.4),
        hspace=GAP / panel_height,
    )
    axes = []
    for row, panel in enumerate(chosen):
        ax = figure.add_subplot(grid[row, 0], label=f"{PANEL_LABEL}{panel.name}")
        dress(ax, style)
        axes.append(ax)
    return axes


def _heading(figure: Figure, data: TrendData, bin_size: int, style: ChartStyle) -> None:
    width, height = figure.get_size_inches()
    top = 1 - 0.1 / height
    figure.text(
        LEFT / width,
        top,
        _span_words(data.start, data.end),
        ha="left",
        va="top",
        fontsize=looks.TITLE_SIZE + 1,
        fontweight="bold",
        color=style.text,
    )
    key = f"Dots: {_dot_words(bin_size)}  ·  Lines: 7-day mean  ·  Gaps: not logged"
    figure.text(
        1 - RIGHT / width, top, key, ha="right", va="top", fontsize=looks.SMALL_SIZE, color=style.quiet
    )


def _dot_words(bin_size: int) -> str:
    if bin_size == 1:
        return "each day"
    if bin_size == 7:
        return "mean of each week"
    if bin_size % 7 == 0:
        return f"mean of each {bin_size // 7} weeks"
    return f"mean of each {bin_size} days"


def _span_words(start: dt.date, end: dt.date) -> str:
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"


def _empty_words(data: TrendData, chosen: list[Panel]) -> str:
    if not chosen:
        return "Choose at least one thing to show."
    if data.start == data.end:
        when = f"on {_span_words(data.start, data.end)}"
    else:
        when = f"between {data.start.day} {data.start:%B %Y} and {data.end.day} {data.end:%B %Y}"
    return f"Nothing logged yet {when}.\nThe days you log will show here."


def _message(figure: Figure, words: str, style: ChartStyle) -> None:
    figure.text(0.5, 0.5, words, ha="center", va="center", fontsize=looks.TITLE_SIZE + 2, color=style.text)
