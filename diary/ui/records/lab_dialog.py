"""The dialog for one lab result: the test, its value and unit, the lab's range, a note."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from diary.core import scales
from diary.core.entry import InvalidValue
from diary.core.records import LabResult
from diary.ui.records.record_dialog import RecordDialog, buddy_label, date_edit, optional_number, text_or_none
from diary.ui.records.record_words import NOT_GIVEN, number
from diary.ui.widgets.calendar import from_qdate


class LabDialog(RecordDialog[LabResult]):
    def __init__(
        self,
        result: LabResult | None,
        today: dt.date,
        clash: Callable[[LabResult], str | None],
        parent: QWidget | None,
    ) -> None:
        super().__init__("Lab result", clash, parent)
        self.day = date_edit(result.date if result else today)
        self.test = QComboBox()
        for key, lab in scales.LAB_TESTS.items():
            self.test.addItem("Other test…" if key == scales.OTHER_LAB else lab.label, key)
        self.label = QLineEdit()
        self.label.setPlaceholderText("The test's name, as on the report")
        self.value = QLineEdit()
        self.value.setPlaceholderText("as on the report")
        self.unit = QComboBox()
        self.low = QLineEdit()
        self.high = QLineEdit()
        for edit in (self.low, self.high):
            edit.setPlaceholderText(NOT_GIVEN)
        self.note = QLineEdit()
        self.note.setPlaceholderText("optional")
        self.add_row("&Date", self.day, "Date of the lab result")
        self.add_row("&Test", self.test, "Lab test")
        self.add_row("Test &name", self.label, "Name of the other test")
        value_row = QHBoxLayout()
        value_row.addWidget(self.value, 1)
        value_row.addWidget(self.unit)
        self.value.setAccessibleName("Value")
        self.unit.setAccessibleName("Unit")
        self.form.addRow(buddy_label("&Value", self.value), value_row)
        range_row = QHBoxLayout()
        range_row.addWidget(self.low)
        range_row.addWidget(QLabel("to"))
        range_row.addWidget(self.high)
        self.low.setAccessibleName("Lower end of the lab's reference range")
        self.high.setAccessibleName("Upper end of the lab's reference range")
        self.form.addRow(buddy_label("Lab's &range", self.low), range_row)
        hint = QLabel("The range as printed on the lab report, in the same unit; leave an end empty if none.")
        self.form.addRow("", hint)
        self.add_row("N&ote", self.note, "Note")
        self.test.currentIndexChanged.connect(self._test_chosen)
        if result is not None:
            self.test.setCurrentIndex(self.test.findData(result.test))
            self._test_chosen()
            self.label.setText(result.label or "")
            self.value.setText(number(result.value))
            self.unit.setCurrentText(result.unit)
            self.low.setText(number(result.reference_low))
            self.high.setText(number(result.reference_high))
            self.note.setText(result.note or "")
        else:
            self._test_chosen()
        self.resize(560, 0)

    def _test_chosen(self) -> None:
        key = self.test.currentData()
        other = key == scales.OTHER_LAB
        self.label.setEnabled(other)
        self.unit.clear()
        self.unit.setEditable(other)
        self.unit.addItems(list(scales.LAB_TESTS[key].units))
        line = self.unit.lineEdit()
        if other and line is not None:
            self.unit.setCurrentText("")
            line.setPlaceholderText("unit")
            line.setMaxLength(scales.OTHER_UNIT_MAX_LENGTH)

    def read(self) -> LabResult:
        key = self.test.currentData()
        value = optional_number(self.value, "value")
        if value is None:
            raise InvalidValue("value", "is needed")
        return LabResult(
            date=from_qdate(self.day.date()),
            test=key,
            value=value,
            unit=self.unit.currentText().strip(),
            label=text_or_none(self.label) if key == scales.OTHER_LAB else None,
            reference_low=optional_number(self.low, "reference_low"),
            reference_high=optional_number(self.high, "reference_high"),
            note=text_or_none(self.note),
        )
