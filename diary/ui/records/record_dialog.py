"""The small form every record dialog is: its rows, its problem line, Save and Cancel."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from diary.core.decimal_text import read_decimal
from diary.core.entry import InvalidValue
from diary.ui.widgets import speech, theme
from diary.ui.widgets.calendar import to_qdate

Record = TypeVar("Record")

FIELD_WORDS = {
    "date": "The date",
    "kg": "The weight",
    "test": "The test",
    "label": "The test's name",
    "value": "The value",
    "unit": "The unit",
    "reference_low": "The range's lower end",
    "reference_high": "The range's upper end",
    "note": "The note",
    "result": "The result",
    "where": "Where",
    "name": "The name",
    "kind": "The kind",
    "to": "The last day",
}


def problem_words(error: InvalidValue) -> str:
    return f"{FIELD_WORDS.get(error.field, error.field)} {error.message}."


class RecordDialog(QDialog, Generic[Record]):
    """A small form for one record. `record()` is the result once saved.

    `clash(record)` names an existing record the new one would overwrite (None: no clash).
    """

    def __init__(self, title: str, clash: Callable[[Record], str | None], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._clash = clash
        self._result: Record | None = None
        self.form = QFormLayout()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        theme.make_alarming(self.problem)
        speech.reads_as_shown(self.problem, "Problem")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The cursor in the first field, not on Save (which the button box made the default).
        first = self.form.itemAt(0, QFormLayout.ItemRole.FieldRole)
        widget = first.widget() if first is not None else None
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def record(self) -> Record | None:
        return self._result

    def read(self) -> Record:
        raise NotImplementedError

    def _save(self) -> None:
        try:
            record = self.read()
        except InvalidValue as error:
            self.problem.setText(problem_words(error))
            return
        clash = self._clash(record)
        if clash:
            self.problem.setText(clash)
            return
        self._result = record
        self.accept()

    def add_row(self, label: str, widget: QWidget, name: str) -> None:
        widget.setAccessibleName(name)
        self.form.addRow(label, widget)


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A form label whose mnemonic moves the focus to `buddy` (rows holding a layout need one)."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(to_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def optional_number(edit: QLineEdit, field: str) -> float | None:
    """The number typed (comma or point as the decimal mark), None when left empty."""
    try:
        return read_decimal(edit.text())  # 64,5, 64.5 and ٦٤٫٥ alike, whatever the locale
    except ValueError:
        raise InvalidValue(field, f"must be a number, not {edit.text().strip()!r}") from None


def text_or_none(edit: QLineEdit) -> str | None:
    return edit.text().strip() or None
