"""One tab of records of one kind: the table with Add, Edit and Delete."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from diary.ui.models.records_table import Column, Record, RecordsModel
from diary.ui.widgets import theme


class RecordsTab(QWidget, Generic[Record]):
    """A table of one kind of record with Add, Edit and Delete.

    Enter or a double click edits the selected row; Delete deletes it (after asking).
    """

    def __init__(
        self,
        kind: str,
        columns: Sequence[Column[Record]],
        describe: Callable[[Record], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.describe = describe
        self.model: RecordsModel[Record] = RecordsModel(columns, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(kind.capitalize() + ", newest first")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.add_button = QPushButton("&Add…")
        self.edit_button = QPushButton("&Edit…")
        self.delete_button = QPushButton("&Delete")
        self.add_button.setAccessibleName(f"Add {_singular(kind)}")
        self.edit_button.setAccessibleName(f"Edit the selected {_singular(kind)}")
        self.delete_button.setAccessibleName(f"Delete the selected {_singular(kind)}")
        self.below = QVBoxLayout()
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, theme.MARGIN)
        layout.setSpacing(theme.SPACING)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        layout.addLayout(self.below)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.installEventFilter(self)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)

    def _double_clicked(self, _index: QModelIndex) -> None:
        self.edit_selected()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.edit_selected()
                return True
            if event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Delete:
                self.delete_selected()
                return True
        return super().eventFilter(watched, event)

    # Filled in by CourseRecordsDialog for each kind.
    open_dialog: Callable[[Record | None], Record | None]
    save: Callable[[Record, Record | None], None]
    remove: Callable[[Record], None]

    def show_records(self, records: Sequence[Record], empty_words: str) -> None:
        selected = self.selected()
        self.model.set_records(records)
        self.empty.setText(empty_words if not records else "")
        self.empty.setVisible(not records)
        if selected is not None and selected in self.model.records:
            self.table.selectRow(self.model.records.index(selected))
        elif records:
            self.table.selectRow(0)
        has_rows = bool(records)
        self.edit_button.setEnabled(has_rows)
        self.delete_button.setEnabled(has_rows)

    def selected(self) -> Record | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.record(rows[0].row()) if rows else None

    def select(self, record: Record) -> None:
        if record in self.model.records:
            self.table.selectRow(self.model.records.index(record))

    def add(self) -> None:
        record = self.open_dialog(None)
        if record is not None:
            self.save(record, None)
            self.select(record)

    def edit_selected(self) -> None:
        previous = self.selected()
        if previous is None:
            return
        record = self.open_dialog(previous)
        if record is not None:
            self.save(record, previous)
            self.select(record)

    def delete_selected(self) -> None:
        record = self.selected()
        if record is None:
            return
        answer = QMessageBox.question(
            self,
            f"Delete {_singular(self.kind)}",
            f"Delete {self.describe(record)}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove(record)


def _singular(kind: str) -> str:
    return {
        "lab results": "lab result",
        "weighings": "weighing",
        "pregnancy tests": "pregnancy test",
        "other medicines": "medicine",
    }.get(kind, kind)
