"""Trends ▸ Show as table: the charted days as rows a screen reader (or anyone) can read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from diary.charts.ranges import load_from
from diary.charts.series import trend_data
from diary.charts.table import TrendTable, trend_table
from diary.charts.trends import SERIES
from diary.ui.app.context import DiaryContext, DiaryUnavailable
from diary.ui.widgets import speech, theme


def show_table(
    context: DiaryContext, start: dt.date, end: dt.date, chosen: Collection[str], parent: QWidget
) -> None:
    """Trends ▸ Show as table: the chart's days, or why the diary could not be read."""
    try:
        table = table_for(context, start, end, chosen)
    except DiaryUnavailable as error:
        QMessageBox.warning(parent, "Table not shown", f"The diary could not be read: {error}")
        return
    TrendsTableDialog(table, start, end, parent).exec()


def table_for(context: DiaryContext, start: dt.date, end: dt.date, chosen: Collection[str]) -> TrendTable:
    """The table of start..end for the chosen series, from what the diary holds now."""
    courses = context.courses
    data = trend_data(
        context.entries(load_from(courses, start), end),
        courses,
        context.routine(include_retired=True),
        start,
        end,
        today=context.today(),
        weights=context.weights(),
    )
    return trend_table(data, chosen, SERIES)


class TrendsTableDialog(QDialog):
    """The chart's days, newest first: each ticked series' value and its 7-day mean."""

    def __init__(
        self, table: TrendTable, start: dt.date, end: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        span = f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}"
        self.setWindowTitle("Trends as a table")
        intro = QLabel(f"From {span}, newest day first. Each series the chart shows, and its 7-day mean.")
        intro.setWordWrap(True)
        self.table = QTableWidget(len(table.rows), len(table.headings))
        self.table.setHorizontalHeaderLabels(list(table.headings))
        self.table.setAccessibleName(f"Trends from {span}, newest day first")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.verticalHeader().setVisible(False)
        for row, cells in enumerate(table.rows):
            for column, words in enumerate(cells):
                item = QTableWidgetItem(words)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(theme.SPACING)
        layout.addWidget(speech.reads_as_shown(intro, "What the table shows"))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 560)
        self.table.setFocus()
        if table.rows:
            self.table.setCurrentCell(0, 0)
