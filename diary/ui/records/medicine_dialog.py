"""The dialog for one other medicine: its name, kind, first and last day, and a note."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from diary.core import scales
from diary.core.records import Medicine
from diary.ui.records.record_dialog import RecordDialog, buddy_label, date_edit, text_or_none
from diary.ui.widgets.calendar import from_qdate


class MedicineDialog(RecordDialog[Medicine]):
    def __init__(
        self,
        medicine: Medicine | None,
        today: dt.date,
        clash: Callable[[Medicine], str | None],
        parent: QWidget | None,
    ) -> None:
        super().__init__("Other medicine", clash, parent)
        self.name = QLineEdit(medicine.name if medicine else "")
        self.name.setPlaceholderText("e.g. Doxycycline")
        self.kind = QComboBox()
        for key, words in scales.MEDICINE_KINDS.items():
            self.kind.addItem(words, key)
        self.starts = date_edit(medicine.starts if medicine else today)
        self.still_taking = QCheckBox("Still taking it")
        self.ends = date_edit(medicine.ends if medicine and medicine.ends else today)
        self.note = QLineEdit(medicine.note or "" if medicine else "")
        self.note.setPlaceholderText("optional, e.g. the dose")
        if medicine is not None:
            self.kind.setCurrentIndex(self.kind.findData(medicine.kind))
        self.still_taking.setChecked(medicine is None or medicine.ends is None)
        self.ends.setEnabled(not self.still_taking.isChecked())
        self.still_taking.toggled.connect(self._still_taking)
        self.add_row("&Name", self.name, "Name of the medicine or supplement")
        self.add_row("&Kind", self.kind, "Kind of medicine")
        self.add_row("&From", self.starts, "First day taken")
        until = QHBoxLayout()
        until.addWidget(self.ends)
        until.addWidget(self.still_taking)
        self.ends.setAccessibleName("Last day taken")
        self.still_taking.setAccessibleName("Still taking it")
        self.form.addRow(buddy_label("&To", self.ends), until)
        self.add_row("N&ote", self.note, "Note")
        self.resize(480, 0)

    def _still_taking(self, checked: bool) -> None:
        self.ends.setEnabled(not checked)

    def read(self) -> Medicine:
        return Medicine(
            name=self.name.text().strip(),
            kind=self.kind.currentData(),
            starts=from_qdate(self.starts.date()),
            ends=None if self.still_taking.isChecked() else from_qdate(self.ends.date()),
            note=text_or_none(self.note),
        )
