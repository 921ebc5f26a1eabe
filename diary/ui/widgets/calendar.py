"""A month calendar that marks the days already logged (and, once known, the flagged ones)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from PySide6.QtCore import QDate, QEvent, QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QIcon,
    QPainter,
    QPalette,
    QPixmap,
    QPolygonF,
    QShowEvent,
    QTextCharFormat,
)
from PySide6.QtWidgets import QCalendarWidget, QToolButton, QWidget

from diary.ui.widgets import theme


def _arrow(colour: QColor, pointing_left: bool, size: int) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    near, far, top, bottom = size * 0.3, size * 0.7, size * 0.2, size * 0.8
    tip, back = (near, far) if pointing_left else (far, near)
    painter.drawPolygon(QPolygonF([QPointF(tip, size / 2), QPointF(back, top), QPointF(back, bottom)]))
    painter.end()
    return QIcon(pixmap)


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class DiaryCalendar(QCalendarWidget):
    """Logged days in bold on a tinted background; flagged days also in italics and the
    urgent colour (so they differ by more than colour), today underlined."""

    def __init__(
        self,
        logged_days: Callable[[dt.date, dt.date], set[dt.date]],
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._logged_days = logged_days
        self._today = today
        self._flagged: set[dt.date] = set()
        self.setGridVisible(False)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setAccessibleName("Calendar: logged days in bold, flagged days in italics")
        self.currentPageChanged.connect(lambda _year, _month: self.refresh())
        self._plain_weekends()
        for child, name in (
            ("qt_calendar_calendarview", "Days of the month"),
            ("qt_calendar_prevmonth", "Previous month"),
            ("qt_calendar_nextmonth", "Next month"),
            ("qt_calendar_monthbutton", "Month"),
            ("qt_calendar_yearbutton", "Year"),
            ("qt_calendar_yearedit", "Year"),
        ):
            widget = self.findChild(QWidget, child)
            if widget is not None:
                widget.setAccessibleName(name)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._plain_weekends()
            self._clear_arrows()
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        self._clear_arrows()
        super().showEvent(event)

    def _clear_arrows(self) -> None:
        # The style's arrows are dark on the month bar's highlight colour (under 3:1, WCAG's
        # need for controls): drawn here in the bar's own text colour instead.
        colour = self.palette().color(QPalette.ColorRole.HighlightedText)
        for name, pointing_left in (("qt_calendar_prevmonth", True), ("qt_calendar_nextmonth", False)):
            button = self.findChild(QToolButton, name)
            if button is not None:
                button.setIcon(_arrow(colour, pointing_left, button.iconSize().height() or 16))
                # On the bar's own colour, never a light box under the light arrow.
                button.setStyleSheet(
                    "QToolButton { background: transparent; border: 1px solid transparent; }"
                    f" QToolButton:hover, QToolButton:focus {{ border-color: {colour.name()}; }}"
                )

    def _plain_weekends(self) -> None:
        # Weekends in the usual text colour: red is kept for what needs attention.
        plain = QTextCharFormat()
        plain.setForeground(self.palette().color(QPalette.ColorRole.Text))
        for weekday in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.setWeekdayTextFormat(weekday, plain)

    def set_flagged_days(self, days: Iterable[dt.date]) -> None:
        self._flagged = set(days)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the logged days of the month on show (with its spill-over weeks)."""
        first = dt.date(self.yearShown(), self.monthShown(), 1)
        start, end = first - dt.timedelta(days=7), first + dt.timedelta(days=42)
        logged = self._logged_days(start, end)
        self.setDateTextFormat(QDate(), QTextCharFormat())  # clears every earlier mark
        tint = self.palette().color(QPalette.ColorRole.Highlight)
        tint.setAlpha(60)
        for day in logged:
            marked = QTextCharFormat()
            marked.setFontWeight(QFont.Weight.Bold)
            marked.setBackground(tint)
            if day in self._flagged:
                marked.setForeground(theme.urgent_text_color(self))
                marked.setFontItalic(True)
            self.setDateTextFormat(to_qdate(day), marked)
        today = self._today()
        marked = self.dateTextFormat(to_qdate(today))
        marked.setFontUnderline(True)
        self.setDateTextFormat(to_qdate(today), marked)
        # Days still to come cannot be logged; they are shown quieter.
        future = QTextCharFormat()
        future.setForeground(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        day = today + dt.timedelta(days=1)
        while day <= end:
            self.setDateTextFormat(to_qdate(day), future)
            day += dt.timedelta(days=1)
