"""The table model behind the flags view: one row per flag, urgent first then newest."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from diary.core.flags import RULE_WORDS, SOURCE_WORDS, URGENT, based_on_text, days_text
from diary.core.follow_up import TrackedFlag
from diary.ui.widgets import theme

COLUMNS = ("How urgent", "When", "What was noticed", "Follow-up")
Index = QModelIndex | QPersistentModelIndex


def span_words(first: dt.date, last: dt.date | None) -> str:
    """A flag's days, in the one format every view uses (core.flags.days_text)."""
    return days_text(first, last)


class FlagsModel(QAbstractTableModel):
    """Read-only rows of TrackedFlag; the view edits follow-ups through the tracker."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[TrackedFlag] = []
        self._texts: list[tuple[str, str, str, str]] = []
        self._icons = {URGENT: _dot(theme.URGENT), "warning": _dot(theme.WARNING)}

    def set_flags(self, rows: list[TrackedFlag]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        # Worded once here: the table asks for each cell's words many times over (to paint
        # it, and to measure wrapped rows whenever a column changes width).
        self._texts = [_row_words(item) for item in self._rows]
        self.endResetModel()

    def flag_at(self, row: int) -> TrackedFlag:
        return self._rows[row]

    def row_of(self, key: tuple[str, dt.date]) -> int | None:
        for row, item in enumerate(self._rows):
            if item.flag.key == key:
                return row
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        flag, column = item.flag, index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._texts[index.row()][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{RULE_WORDS[flag.rule]}, from {SOURCE_WORDS[flag.source]}"
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self._icons[flag.severity]
        if role == Qt.ItemDataRole.ForegroundRole and not item.is_open:
            # Discussed flags stay listed, quieter.
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None


def _row_words(item: TrackedFlag) -> tuple[str, str, str, str]:
    """A row's words, column by column."""
    flag = item.flag
    return (
        "Urgent" if flag.severity == URGENT else "Warning",
        span_words(flag.date, flag.end_date),
        flag.reason + (f" ({based})" if (based := based_on_text(flag)) and based not in flag.reason else ""),
        item.follow_up.describe(),
    )


def _dot(color: QColor) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(color)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)
