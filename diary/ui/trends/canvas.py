"""The Trends tab's drawing surface: the chart's canvas, and the strip of dates kept in
sight under it when the panels are scrolled."""

from __future__ import annotations

from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPalette, QWheelEvent
from PySide6.QtWidgets import QWidget


class TrendsCanvas(FigureCanvasQTAgg):
    """The chart's canvas; the mouse wheel scrolls the view (the chart itself does not zoom).

    It never renders on the window's thread: the chart is rendered on a thread of its own
    (painter.py) and adopted here with its pixels. Resized, the canvas shows the last chart
    stretched until the view has it drawn again at the new size (TrendsView._resized).
    """

    def __init__(self, figure: Figure) -> None:
        super().__init__(figure)  # type: ignore[no-untyped-call]  # matplotlib leaves it unannotated
        self._adopted: tuple[RendererAgg, tuple[int, int, float]] | None = None

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()

    def adopt(self, figure: Figure, renderer: RendererAgg) -> bool:
        """Show `figure`, already rendered into `renderer` elsewhere, without drawing it again.

        False (and nothing changed) when the canvas has since changed size: the pixels would
        not fit. The figure's own event connections are the caller's to make (matplotlib
        keeps them on the figure).
        """
        key = _pixels(figure)
        if key != _pixels(self.figure):
            return False
        figure.set_canvas(self)
        self.figure = figure
        self.renderer = renderer
        self._adopted = (renderer, key)
        self.update()
        return True

    def get_renderer(self) -> RendererAgg:
        """The adopted chart's renderer while the canvas keeps its size: what painting and the
        day line's blitting read and draw on (matplotlib's own would be a blank new one)."""
        if self._adopted is not None and self._adopted[1] == _pixels(self.figure):
            return self._adopted[0]
        renderer: RendererAgg = super().get_renderer()  # type: ignore[no-untyped-call]
        return renderer

    def draw_idle(self, *_args: object, **_kwargs: object) -> None:
        # What a resize asks for: no drawing here (ten years took 280 ms of the window's
        # time); paintEvent stretches the last chart until the new one is adopted.
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._adopted is None and getattr(self, "renderer", None) is None:
            # No chart yet (the first is being drawn on its thread): the figure's own plain
            # background. matplotlib makes the canvas opaque (it paints every pixel itself),
            # so left unpainted it would show whatever was there before, the Day view.
            painter = QPainter(self)
            painter.fillRect(event.rect(), QColor.fromRgbF(*self.figure.get_facecolor()))
            painter.end()
            return
        if self._adopted is None or self._adopted[1] == _pixels(self.figure):
            super().paintEvent(event)  # type: ignore[no-untyped-call]
            return
        renderer, (width, height, _dpi) = self._adopted
        image = QImage(renderer.buffer_rgba(), width, height, QImage.Format.Format_RGBA8888)
        painter = QPainter(self)
        painter.drawImage(self.rect(), image)
        painter.end()


def _pixels(figure: Figure) -> tuple[int, int, float]:
    """A figure's size in pixels and its dpi, as FigureCanvasAgg keys its renderer."""
    width, height = figure.bbox.size
    return int(width), int(height), figure.dpi


class DateStrip(QWidget):
    """The chart's dates, kept under the scrolled panels so they stay in sight on a short
    screen (the chart's own date row is at the foot of its last panel)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels: list[tuple[float, str]] = []
        self.setAccessibleName("Dates of the chart")
        self.setFixedHeight(self.fontMetrics().height() + 6)

    def set_labels(self, labels: list[tuple[float, str]]) -> None:
        """(x in this strip's pixels, words) for each date."""
        self._labels = labels
        self.setAccessibleDescription(", ".join(words for _x, words in labels))
        self.update()

    def labels(self) -> list[str]:
        return [words for _x, words in self._labels]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        metrics = self.fontMetrics()
        for x, words in self._labels:
            width = metrics.horizontalAdvance(words)
            painter.drawText(int(x - width / 2), metrics.ascent() + 2, words)
        painter.end()
