"""Draws the Trends chart off the window's thread, so that ten years never hold the window still.

Building the figure and rendering it with Agg take a few hundred milliseconds on ten years;
done on the window's thread they froze it that long. Here both run on a thread of their
own, on a figure of their own that nothing else touches; the window then takes the
finished figure and its rendered pixels in one short step (TrendsCanvas.adopt). The days
are read from the diary beforehand, on the window's thread, so the store is never shared.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Collection, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass

from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QObject, QTimer, Signal

from diary.charts.series import trend_data
from diary.charts.style import style_for
from diary.charts.table import latest_words
from diary.charts.trends import SERIES, trends_figure
from diary.core.course import Course
from diary.core.entry import Entry
from diary.core.flags import Flag
from diary.core.records import LabResult, Weighing
from diary.core.routine import RoutineStep
from diary.ui.trends.cursor import add_day_lines
from diary.ui.widgets.background import share_the_lock_often


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
    add_day_lines(figure, style_for(order.dark).quiet)
    canvas.draw()
    return Painting(order, figure, canvas.get_renderer(), chart_words(order))


def tear_down(figure: Figure) -> None:
    """Take a chart apart that nothing uses any more: each of its artists forgets what it
    refers to, which breaks the reference cycles among them (figure, axes, artists and their
    callbacks), so they are freed as their last references go instead of waiting for a
    full collection. Ten years' chart: about 7 ms, in Python steps that let other threads in."""
    for artist in figure.findobj(include_self=True):
        artist.__dict__.clear()


class ChartPainter(QObject):
    """Paints one chart at a time on a thread of its own; `finished` comes on the window's thread.

    Signals:
        finished(Painting | Exception): the chart is ready, or drawing it failed.
    """

    finished = Signal(object)
    _done = Signal(object)  # from the drawing thread, queued to this object's (the window's)

    def __init__(self) -> None:
        super().__init__()
        # One thread kept for every chart: starting a thread waits until it has run, which
        # took the window 10-40 ms while other threads held Python's lock.
        self._worker: ThreadPoolExecutor | None = None
        self._drawing: Future[None] | None = None
        self._retired: list[Figure] = []  # charts shown no more, to take apart
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
        # Handed to the thread once the window's thread is back in its event loop: the thread
        # begins with a full collection that holds Python's lock, and the window would wait
        # for it in the middle of its own work (10 ms longer on ten years).
        QTimer.singleShot(0, self, lambda: self._hand_over(order))

    def retire(self, figure: Figure) -> None:
        """`figure` is shown no more and nothing of the window's refers to it: it is taken
        apart on the painting thread before the next chart is drawn (see tear_down)."""
        self._retired.append(figure)

    def _hand_over(self, order: ChartOrder) -> None:
        if self._worker is None:
            share_the_lock_often()
            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="trends-chart")
        retired, self._retired = self._retired, []
        self._drawing = self._worker.submit(self._run, order, retired)

    def wait(self, seconds: float = 30) -> None:
        """Let a chart being drawn finish (before the program ends)."""
        if self._drawing is not None:
            wait([self._drawing], seconds)

    def _run(self, order: ChartOrder, retired: list[Figure]) -> None:
        # A chart is thousands of objects in reference cycles, which only a full collection
        # frees, holding Python's lock (and the window) while it runs: 30-45 ms on ten years.
        # The charts the window let go of are taken apart first, so that almost all of them
        # is freed at once; the collection, made here before the new chart is built (left
        # to chance, one came mid-drawing and freed two charts, 100 ms), finds the rest.
        while retired:
            tear_down(retired.pop())  # freed on return: the list held the last reference
        gc.collect()
        result: Painting | Exception
        try:
            result = paint(order)
        except Exception as error:  # handed to the window's thread, which raises it
            result = error
        with contextlib.suppress(RuntimeError):  # the view is gone
            self._done.emit(result)

    def _deliver(self, result: Painting | Exception) -> None:
        self._busy = False
        self.finished.emit(result)
