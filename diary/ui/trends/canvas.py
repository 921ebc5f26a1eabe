"""The Trends tab's drawing surface: the chart's canvas, and the strip of dates kept in
sight under it when the panels are scrolled."""

from __future__ import annotations

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QWheelEvent
from PySide6.QtWidgets import QWidget


class TrendsCanvas(FigureCanvasQTAgg):
    """The chart's canvas; the mouse wheel scrolls the view (the chart itself does not zoom)."""

    def __init__(self, figure: Figure) -> None:
        super().__init__(figure)  # type: ignore[no-untyped-call]  # matplotlib leaves it unannotated

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()


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
