"""A thin line across every chart panel at the day being read, moved without redrawing the chart."""

from __future__ import annotations

from matplotlib.backend_bases import DrawEvent
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from diary.charts.trends import is_panel

GID = "cursor"


def add_day_lines(figure: Figure, color: str) -> None:
    """A line on each panel of `figure`, hidden and left out of its drawing: the day cursor's.
    Added where the chart is built (off the window's thread): seven lines took the window
    5-10 ms after each drawing."""
    for ax in figure.axes:
        if is_panel(ax):
            ax.axvline(0, color=color, linewidth=1.0, alpha=0.7, animated=True, visible=False, gid=GID)


class DayCursor:
    """Marks one day on every panel of the canvas's figure.

    The chart is drawn once; the line is drawn over a saved copy of it ("blitting"), so
    following the mouse costs a copy of pixels, not a redraw of seven panels.
    """

    def __init__(self, canvas: FigureCanvasQTAgg) -> None:
        self._canvas = canvas
        self._lines: list[Line2D] = []
        self._background: object | None = None
        self._x: float | None = None

    def attach(self) -> None:
        """After a new figure is shown: its panels' day lines (add_day_lines), hidden until a
        day is read."""
        self._canvas.mpl_connect("draw_event", self._drawn)  # matplotlib keeps it on the figure
        self._lines = [
            line
            for ax in self._canvas.figure.axes
            if is_panel(ax)
            for line in ax.get_lines()
            if line.get_gid() == GID
        ]
        self._background = None
        self._x = None

    @property
    def x(self) -> float | None:
        return self._x

    def move_to(self, x: float) -> None:
        self._x = x
        for line in self._lines:
            line.set_xdata([x, x])
            line.set_visible(True)
        self._blit()

    def _blit(self) -> None:
        canvas = self._canvas
        if self._background is None or not self._lines:
            return  # the next full draw shows the line (see _drawn)
        canvas.restore_region(self._background)
        for line in self._lines:
            canvas.figure.draw_artist(line)
        canvas.blit(canvas.figure.bbox)

    def chart_drawn(self) -> None:
        """The chart was rendered elsewhere and shown: keep its copy, as after a full draw."""
        self._drawn(None)

    def _drawn(self, _event: DrawEvent | None) -> None:
        """After every full draw: keep a copy of the chart without the line, then put the line back."""
        canvas = self._canvas
        self._background = canvas.copy_from_bbox(canvas.figure.bbox)
        if self._x is not None:
            for line in self._lines:
                canvas.figure.draw_artist(line)
