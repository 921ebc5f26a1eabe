"""The Trends view's controls: which days to chart (a range or custom dates) and which series to show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence

from PySide6.QtCore import QDate, QSignalBlocker, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from diary.charts.ranges import ChartRange
from diary.ui.widgets import theme
from diary.ui.widgets.calendar import from_qdate, to_qdate

CUSTOM = "custom"
EARLIEST = QDate(2000, 1, 1)


class RangePicker(QWidget):
    """A list of ranges (the course, the last 30 and 7 days, earlier courses) and From/To dates.

    Changing a date by hand switches the list to "Custom dates".

    Signals:
        changed: another stretch of days is chosen.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices: list[ChartRange] = []
        self.combo = QComboBox()
        self.combo.setAccessibleName("Range of days to chart")
        # The choices arrive after the first show (they depend on the diary): grow to fit them.
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.start = _date_edit("First day charted")
        self.end = _date_edit("Last day charted")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.SPACING)
        for words, widget in (("&Range", self.combo), ("Fro&m", self.start), ("&To", self.end)):
            label = QLabel(words)
            label.setBuddy(widget)
            layout.addWidget(label)
            layout.addWidget(widget)
        self.combo.currentIndexChanged.connect(self._range_chosen)
        self.start.dateChanged.connect(lambda _date: self._dates_edited(self.start))
        self.end.dateChanged.connect(lambda _date: self._dates_edited(self.end))

    def set_choices(self, choices: Sequence[ChartRange], today: dt.date) -> None:
        """Offer `choices` (plus custom dates), keeping the current choice when it is still offered."""
        key = self.key()
        custom = (self.start.date(), self.end.date()) if key == CUSTOM else None
        self._choices = list(choices)
        with QSignalBlocker(self.combo), QSignalBlocker(self.start), QSignalBlocker(self.end):
            self.combo.clear()
            for choice in self._choices:
                self.combo.addItem(choice.label, choice.key)
            self.combo.addItem("Custom dates", CUSTOM)
            for edit in (self.start, self.end):
                edit.setMaximumDate(to_qdate(today))
            keys = [choice.key for choice in self._choices]
            if custom is not None:
                self.combo.setCurrentIndex(len(self._choices))
                self.start.setDate(custom[0])
                self.end.setDate(custom[1])
            else:
                self.combo.setCurrentIndex(keys.index(key) if key in keys else 0)
                self._show_dates()

    def choose(self, key: str) -> None:
        """Pick a range by its key (tests and remembered choices)."""
        index = self.combo.findData(key)
        if index >= 0:
            self.combo.setCurrentIndex(index)

    def set_custom(self, start: dt.date, end: dt.date) -> None:
        with QSignalBlocker(self.start), QSignalBlocker(self.end):
            self.start.setDate(to_qdate(start))
            self.end.setDate(to_qdate(end))
        self._dates_edited(self.end)

    def key(self) -> str:
        return self.combo.currentData() or ""

    def days(self) -> tuple[dt.date, dt.date]:
        """The first and last day chosen (both included)."""
        return from_qdate(self.start.date()), from_qdate(self.end.date())

    def _range_chosen(self, _index: int) -> None:
        if self.key() != CUSTOM:
            self._show_dates()
        self.changed.emit()

    def _show_dates(self) -> None:
        index = self.combo.currentIndex()
        if not 0 <= index < len(self._choices):
            return
        choice = self._choices[index]
        with QSignalBlocker(self.start), QSignalBlocker(self.end):
            self.start.setDate(to_qdate(choice.start))
            self.end.setDate(to_qdate(choice.end))

    def _dates_edited(self, edited: QDateEdit) -> None:
        # The other end follows, so the range is never backwards.
        with QSignalBlocker(self.start), QSignalBlocker(self.end):
            if self.start.date() > self.end.date():
                (self.end if edited is self.start else self.start).setDate(edited.date())
        with QSignalBlocker(self.combo):
            self.combo.setCurrentIndex(self.combo.findData(CUSTOM))
        self.changed.emit()


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    edit.setMinimumDate(EARLIEST)
    edit.setAccessibleName(name)
    return edit


class SeriesToggles(QWidget):
    """A tick box for each series; unticked series leave the chart (a panel goes when all of its do).

    Signals:
        changed: a series was shown or hidden.
    """

    changed = Signal()

    def __init__(self, series: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.SPACING)
        shown = QLabel("Show:")
        layout.addWidget(shown)
        for key, words in series.items():
            box = QCheckBox(words)
            box.setChecked(True)
            box.setAccessibleName(f"Show {words.lower()}")
            box.toggled.connect(lambda _on: self.changed.emit())
            self.boxes[key] = box
            layout.addWidget(box)
        layout.addStretch()

    def chosen(self) -> frozenset[str]:
        return frozenset(key for key, box in self.boxes.items() if box.isChecked())

    def set_chosen(self, keys: Collection[str]) -> None:
        for key, box in self.boxes.items():
            with QSignalBlocker(box):
                box.setChecked(key in keys)
        self.changed.emit()
