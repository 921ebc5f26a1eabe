"""Draws the Trends chart off the window's thread, so that ten years never hold the window still.

Building the figure and rendering it with Agg take a few hundred milliseconds on ten years;
done on the window's thread they froze it that long. Here both run on a thread of their
own, on a figure of their own that nothing else touches; the window then takes the
finished figure and its rendered pixels in one short step (TrendsCanvas.adopt). The days
are read from the diary beforehand, on the window's thread, so the store is never shared.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QObject, Signal

from diary.charts.series import trend_data
from diary.charts.table import latest_words
from diary.charts.trends import SERIES, trends_figure
from diary.core.course import Course
from diary.core.entry import Entry
from diary.core.flags import Flag
from diary.core.records import LabResult, Weighing
from diary.core.routine import RoutineStep


@dataclass(frozen=True)
class ChartOrder:
    """Everything one drawing of the chart needs, read from the diary on the window's thread."""

    entries: Sequence[Entry]
    courses: Sequence[Course]
    routine: Sequence[RoutineStep]
    start: dt.date
    end: dt.date
    flags: Sequence[Flag]
    series: Collection[str]
    dark: bool
    today: dt.date
    labs: Sequence[LabResult]
    weights: Sequence[Weighing]
    inches: tuple[float, float]  # the canvas's figure size when ordered
    base_dpi: float  # the figure's own dpi, before the screen's pixel ratio
    dpi: float  # the figure's dpi on this screen

    def figure(self, figure: Figure | None = None) -> Figure:
        """The chart of this order: drawn into `figure` if given, else a new light-or-dark figure."""
        return trends_figure(
            self.entries,
            self.courses,
            self.routine,
            self.start,
            self.end,
            flags=self.flags,
            series=self.series,
            dark=self.dark,
            today=self.today,
            figure=figure,
            labs=self.labs,
            weights=self.weights,
        )


@dataclass(frozen=True)
class Painting:
    """A finished chart: its figure and the renderer holding its pixels."""

    order: ChartOrder
    figure: Figure
    renderer: RendererAgg
    words: str  # what a screen reader says of it (chart_words)


def chart_words(order: ChartOrder) -> str:
    """What a screen reader says of the chart: its range, the latest values, the keys.
    (Read through ten years of days: done here, off the window's thread, with the chart.)"""
    data = trend_data(order.entries, order.courses, order.routine, order.start, order.end, today=order.today)
    start, end = order.start, order.end
    return (
        f"Charts from {start.day} {start:%B %Y} to {end.day} {end:%B %Y}. "
        f"{latest_words(data, order.series, SERIES)} The left and right arrow keys go from day to day and "
        "say what was logged; Enter opens the day; Show as table lists every day."
    )


def paint(order: ChartOrder) -> Painting:
    """Build and render the chart of `order` on a figure of its own (any thread)."""
    figure = Figure(figsize=order.inches, dpi=order.base_dpi)
    canvas = FigureCanvasAgg(figure)  # notes base_dpi as the figure's own dpi, as the window's canvas does
    if order.dpi != order.base_dpi:
        figure.set_dpi(order.dpi)  # a high-density screen: the same inches, more pixels
    order.figure(figure)
    canvas.draw()
    return Painting(order, figure, canvas.get_renderer(), chart_words(order))


class ChartPainter(QObject):
    """Paints one chart at a time on a thread of its own; `finished` comes on the window's thread.

    Signals:
        finished(Painting | Exception): the chart is ready, or drawing it failed.
    """

    finished = Signal(object)
    _done = Signal(object)  # from the drawing thread, queued to this object's (the window's)

    def __init__(self) -> None:
        super().__init__()
        self._thread: threading.Thread | None = None
        self._busy = False
        self._done.connect(self._deliver)

    @property
    def busy(self) -> bool:
        """From start until `finished` has been handled (on the window's thread)."""
        return self._busy

    def start(self, order: ChartOrder) -> None:
        """Begin painting `order` (only when not busy: one chart at a time)."""
        if self._busy:
            raise RuntimeError("a chart is already being drawn")
        self._busy = True
        self._thread = threading.Thread(target=self._run, args=(order,), name="trends-chart", daemon=True)
        self._thread.start()

    def wait(self, seconds: float = 30) -> None:
        """Let a chart being drawn finish (before the program ends)."""
        if self._thread is not None:
            self._thread.join(seconds)

    def _run(self, order: ChartOrder) -> None:
        result: Painting | Exception
        try:
            result = paint(order)
        except Exception as error:  # handed to the window's thread, which raises it
            result = error
        self._done.emit(result)

    def _deliver(self, result: Painting | Exception) -> None:
        self._busy = False
        self.finished.emit(result)
