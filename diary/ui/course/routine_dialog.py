"""Editing the skincare routine: add, rename, reorder and remove steps."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from diary.core.routine import LABEL_MAX_LENGTH, RoutineStep, key_for_label
from diary.ui.widgets.enter_key import enter_does


class RoutineDialog(QDialog):
    """The steps, in the order the day form lists them. `steps()` is the result.

    Removing a step keeps the days that ticked it: the step is only retired.
    """

    def __init__(
        self, steps: list[RoutineStep], known_keys: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Skincare routine")
        self._known_keys = list(known_keys)
        self.list = QListWidget()
        self.list.setAccessibleName("Routine steps; double-click or F2 to rename")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        for step in steps:
            self._add_item(step.key, step.label)
        self.new_label = QLineEdit()
        self.new_label.setPlaceholderText("A new step, e.g. Vitamin C serum")
        self.new_label.setMaxLength(LABEL_MAX_LENGTH)
        self.new_label.setAccessibleName("Name of a new step")
        self.add_button = QPushButton("&Add")
        self.up_button = QPushButton("Move &up")
        self.down_button = QPushButton("Move &down")
        self.remove_button = QPushButton("&Remove")
        for button, name in (
            (self.add_button, "Add the new step"),
            (self.up_button, "Move the selected step up"),
            (self.down_button, "Move the selected step down"),
            (self.remove_button, "Remove the selected step from the routine"),
        ):
            button.setAccessibleName(name)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("The steps you tick each day. Removing a step keeps the days that had it."))
        grid = QGridLayout()
        grid.addWidget(self.list, 0, 0, 4, 1)
        grid.addWidget(self.up_button, 0, 1)
        grid.addWidget(self.down_button, 1, 1)
        grid.addWidget(self.remove_button, 2, 1)
        grid.addWidget(self.new_label, 4, 0)
        grid.addWidget(self.add_button, 4, 1)
        layout.addLayout(grid)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.add_button.clicked.connect(self._add)
        enter_does(self.new_label, self._add)  # adds the step; the dialog stays open
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.remove_button.clicked.connect(self._remove)
        self.list.setCurrentRow(0)
        self.new_label.setFocus(Qt.FocusReason.OtherFocusReason)

    def steps(self) -> list[RoutineStep]:
        steps = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            label = item.text().strip() or item.data(Qt.ItemDataRole.UserRole)
            steps.append(RoutineStep(item.data(Qt.ItemDataRole.UserRole), label[:LABEL_MAX_LENGTH]))
        return steps

    def _add_item(self, key: str, label: str) -> None:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.list.addItem(item)

    def _add(self) -> None:
        label = self.new_label.text().strip()
        if not label:
            return
        taken = self._known_keys + [
            self.list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.list.count())
        ]
        self._add_item(key_for_label(label, taken), label)
        self.new_label.clear()
        self.list.setCurrentRow(self.list.count() - 1)

    def _move(self, offset: int) -> None:
        row = self.list.currentRow()
        target = row + offset
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)

    def _remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
