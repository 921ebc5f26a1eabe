"""A table model of records of one kind, its marked cells bold in the urgent colour (no widgets)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from diary.ui.widgets import theme

Record = TypeVar("Record")
ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[Record]):
    """A column: its heading, its words for a record, and whether to mark the cell."""

    heading: str
    text: Callable[[Record], str]
    marked: Callable[[Record], bool] | None = None


class RecordsModel(QAbstractTableModel, Generic[Record]):
    """Records of one kind as rows, in the order given; marked cells are bold in the urgent
    colour, and their words say why, so the mark never rests on colour alone."""

    def __init__(self, columns: Sequence[Column[Record]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.records: list[Record] = []

    def set_records(self, records: Sequence[Record]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def record(self, row: int) -> Record:
        return self.records[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.records):
            return None
        record, column = self.records[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(record)
        marked = column.marked is not None and column.marked(record)
        if role == Qt.ItemDataRole.ForegroundRole and marked:
            return theme.urgent_text_color()
        if role == Qt.ItemDataRole.FontRole and marked:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].heading if 0 <= section < len(self.columns) else None
        return str(section + 1)
