"""A date typed as 2026-10-06 in one Tab stop, with a calendar a click away."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)


class DateField(QWidget):
    """A date typed as 2026-10-06, in one Tab stop; a small button (mouse only) opens a calendar.

    Text that is not a date yet shows as a problem beside the field, never as another date.

    Signals:
        date_changed(QDate): a whole, valid date was typed or picked.
    """

    date_changed = Signal(QDate)

    def __init__(self, day: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("YYYY-MM-DD")
        self.edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9]{0,4}(-[0-9]{0,2}(-[0-9]{0,2})?)?"))
        )
        self.edit.setMaxLength(10)
        self.edit.setToolTip("Type the date as 2026-10-06")
        self.picker = QToolButton()
        self.picker.setText("▾")
        self.picker.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard types the date
        self.picker.setAccessibleName("Pick the date on a calendar")
        self.picker.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        menu = QMenu(self.picker)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self.picker.setMenu(menu)
        self.calendar.clicked.connect(self.setDate)
        self.calendar.clicked.connect(menu.close)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.picker)
        self.setFocusProxy(self.edit)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._date = QDate(day.year, day.month, day.day)
        self.edit.setText(self._date.toString("yyyy-MM-dd"))
        self.edit.textEdited.connect(self._typed)
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("2026-10-06") + 16)

    def date(self) -> QDate:
        return QDate(self._date)

    def setDate(self, day: QDate) -> None:
        self.edit.setText(day.toString("yyyy-MM-dd"))
        self._set(day)

    def is_complete(self) -> bool:
        return self._parse(self.edit.text()) is not None

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def _typed(self, text: str) -> None:
        day = self._parse(text)
        if day is not None:
            self._set(day)

    def _set(self, day: QDate) -> None:
        if day != self._date:
            self._date = QDate(day)
            self.date_changed.emit(QDate(day))
        self.calendar.setSelectedDate(day)

    @staticmethod
    def _parse(text: str) -> QDate | None:
        day = QDate.fromString(text, "yyyy-MM-dd")
        # The diary's dates run 1900-2099 (interchange spec); a course is this century's.
        return day if day.isValid() and len(text) == 10 and 2000 <= day.year() <= 2099 else None
