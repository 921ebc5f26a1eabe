"""The flags view: every mood flag with its reason and dates, its follow-up, and the days behind it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from diary.core import scales
from diary.core.entry import Entry
from diary.core.flags import based_on_text
from diary.core.follow_up import DISCUSSED, STATE_WORDS, STATES, FollowUp, TrackedFlag
from diary.ui.models.flag_tracker import FlagTracker
from diary.ui.models.flags_table import FlagsModel, span_words
from diary.ui.widgets import speech, theme
from diary.ui.widgets.calendar import from_qdate, to_qdate

INTRO = (
    "Entries to raise with your prescriber, urgent first, then newest. Each says where it "
    "comes from: the Medication Guide's warning signs and serious symptoms, the PHQ-9 "
    "questionnaire, or IsoDiary's reading of your mood scores. Mark each one when it is on "
    "your list for the next appointment, and when you have talked it through."
)
COUNTING = "Counting flags…"
NO_FLAGS = "No flags. Days you log with warning signs, serious symptoms or low mood would show here."


class FlagsView(QWidget):
    """Urgent first, then newest. Selecting a flag shows its follow-up and the days behind it;
    Enter on a day opens it in the day view (through `open_day`)."""

    def __init__(
        self, tracker: FlagTracker, open_day: Callable[[dt.date], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.tracker = tracker
        self._open_day = open_day
        self.model = FlagsModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Mood flags, urgent first then newest")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(3, 240)
        # Wrapped reasons need their rows re-measured whenever the columns change width.
        header.sectionResized.connect(lambda *_: self._fit_rows())
        self._rows_unfitted = True
        self.empty = QLabel(COUNTING)
        theme.make_quiet(self.empty)

        self.reason = QLabel()
        self.reason.setWordWrap(True)
        speech.reads_as_shown(self.reason, "Why this flag was raised")
        self.state = QComboBox()
        for state in STATES:
            self.state.addItem(STATE_WORDS[state], state)
        self.state.setAccessibleName("Follow-up")
        self.discussed_on = QDateEdit()
        self.discussed_on.setCalendarPopup(True)
        self.discussed_on.setDisplayFormat("yyyy-MM-dd")
        self.discussed_on.setAccessibleName("Date it was discussed")
        self.note = QLineEdit()
        self.note.setPlaceholderText("For example: talked with Dr. Novak, weekly check-ins")
        self.note.setAccessibleName("Follow-up note")
        self.save_button = QPushButton("&Save follow-up")
        self.days = QListWidget()
        self.days.setAccessibleName("The days behind this flag; Enter opens a day")
        self.days.setWordWrap(True)
        self.open_button = QPushButton("&Open this day")

        self._lay_out()
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show(current.row())
        )
        self.state.currentIndexChanged.connect(self._state_changed)
        self.save_button.clicked.connect(self._save)
        self.note.returnPressed.connect(self._save)
        self.days.itemActivated.connect(self._open_selected_day)
        self.open_button.clicked.connect(lambda: self._open_selected_day(self.days.currentItem()))
        tracker.changed.connect(self.reload)
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._rows_unfitted:
            self._fit_rows()

    def _fit_rows(self) -> None:
        """Each row as tall as its wrapped words. Measured while hidden, it is measured again
        when next shown; measured while shown, not again until something changes (measuring
        every row on each showing took the tab 10-15 ms on ten years)."""
        self.table.resizeRowsToContents()
        self._rows_unfitted = not self.isVisible()

    def reload(self) -> None:
        """Show the tracker's flags, keeping the selected flag selected."""
        current = self._current()
        self.model.set_flags(self.tracker.tracked())
        has_flags = self.model.rowCount() > 0
        self.empty.setText(NO_FLAGS if self.tracker.is_ready() else COUNTING)
        self.empty.setVisible(not has_flags)
        self.table.setVisible(has_flags)
        self.details.setEnabled(has_flags)
        row = self.model.row_of(current.flag.key) if current else None
        self.select_row(row if row is not None else 0)
        self._fit_rows()

    def select_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            self._show(-1)
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self._show(row)

    def _current(self) -> TrackedFlag | None:
        row = self.table.currentIndex().row()
        return self.model.flag_at(row) if 0 <= row < self.model.rowCount() else None

    def _show(self, row: int) -> None:
        self.days.clear()
        if not 0 <= row < self.model.rowCount():
            self.reason.setText("")
            return
        item = self.model.flag_at(row)
        flag, follow_up = item.flag, item.follow_up
        based = based_on_text(flag)
        extra = f" ({based})" if based and based not in flag.reason else ""
        self.reason.setText(f"{span_words(flag.date, flag.end_date)}. {flag.reason}{extra}")
        self.state.blockSignals(True)
        self.state.setCurrentIndex(STATES.index(follow_up.state))
        self.state.blockSignals(False)
        self.discussed_on.setDate(to_qdate(follow_up.discussed_on or self.tracker.context.today()))
        self.discussed_on.setEnabled(follow_up.state == DISCUSSED)
        self.note.setText(follow_up.note or "")
        start, end = flag.days_behind()
        logged = {entry.date: entry for entry in self.tracker.context.entries(start, end)}
        # Counted by ordinal, so a day at the calendar's very end (9999-12-31) ends the loop
        # instead of overflowing.
        for ordinal in range(start.toordinal(), end.toordinal() + 1):
            day = dt.date.fromordinal(ordinal)
            line = QListWidgetItem(_day_line(day, logged.get(day)))
            line.setData(Qt.ItemDataRole.UserRole, day)
            self.days.addItem(line)
        self.days.setCurrentRow(self.days.count() - 1)

    def _state_changed(self) -> None:
        self.discussed_on.setEnabled(self.state.currentData() == DISCUSSED)

    def _save(self) -> None:
        item = self._current()
        if item is None:
            return
        state = self.state.currentData()
        self.tracker.save_follow_up(
            FollowUp(
                item.flag.rule,
                item.flag.date,
                state,
                discussed_on=from_qdate(self.discussed_on.date()) if state == DISCUSSED else None,
                note=self.note.text().strip() or None,
                alerted=item.follow_up.alerted,
            )
        )

    def _open_selected_day(self, line: QListWidgetItem | None) -> None:
        if line is not None:
            self._open_day(line.data(Qt.ItemDataRole.UserRole))

    def _lay_out(self) -> None:
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(intro)
        top_layout.addWidget(self.empty)
        top_layout.addWidget(self.table, 1)

        follow = QFormLayout()
        follow.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        follow.setVerticalSpacing(theme.SPACING)
        follow.addRow("Follo&w-up", self.state)  # Alt+F is the File menu
        follow.addRow("&Discussed on", self.discussed_on)
        follow.addRow("&Note", self.note)
        save_row = QHBoxLayout()
        save_row.addStretch()
        save_row.addWidget(self.save_button)
        follow.addRow(save_row)
        left = QVBoxLayout()
        left.setSpacing(theme.SECTION_SPACING)
        left.addWidget(self.reason)
        left.addLayout(follow)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(QLabel("The days behind it"))
        right.addWidget(self.days, 1)
        open_row = QHBoxLayout()
        open_row.addStretch()
        open_row.addWidget(self.open_button)
        right.addLayout(open_row)
        self.details = QWidget()
        details_layout = QHBoxLayout(self.details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.setSpacing(2 * theme.SECTION_SPACING)
        details_layout.addLayout(left, 1)
        details_layout.addLayout(right, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, theme.MARGIN)
        layout.addWidget(splitter)


def _day_line(day: dt.date, entry: Entry | None) -> str:
    head = f"{day:%a} {day.day} {day:%b}"
    if entry is None:
        return f"{head} · not logged"
    parts = [head, "mood " + ("not logged" if entry.mood is None else f"{entry.mood}/10")]
    if entry.warning_signs:
        parts.append("; ".join(scales.WARNING_SIGNS[sign] for sign in entry.warning_signs))
    if entry.serious_symptoms:
        parts.append("; ".join(scales.SERIOUS_SYMPTOMS[key] for key in entry.serious_symptoms))
    if entry.phq9 is not None:
        parts.append(f"PHQ-9 {sum(entry.phq9)}")
    if entry.note:
        parts.append(f"“{entry.note}”")
    return " · ".join(parts)
