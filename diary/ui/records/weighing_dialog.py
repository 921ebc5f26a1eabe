"""The dialog for one weighing: the day and the weight in kilograms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QDoubleSpinBox, QWidget

from diary.core import scales
from diary.core.records import Weighing
from diary.ui.records.record_dialog import RecordDialog, date_edit
from diary.ui.widgets.calendar import from_qdate


class WeighingDialog(RecordDialog[Weighing]):
    def __init__(
        self,
        weighing: Weighing | None,
        today: dt.date,
        clash: Callable[[Weighing], str | None],
        parent: QWidget | None,
    ) -> None:
        super().__init__("Weight", clash, parent)
        self.day = date_edit(weighing.date if weighing else today)
        self.kg = QDoubleSpinBox()
        self.kg.setDecimals(1)
        self.kg.setRange(0, scales.WEIGHT_KG.high)
        self.kg.setSuffix(" kg")
        self.kg.setValue(weighing.kg if weighing else 0)
        self.add_row("&Date", self.day, "Date of the weighing")
        self.add_row("&Weight", self.kg, "Weight in kilograms")

    def read(self) -> Weighing:
        return Weighing(from_qdate(self.day.date()), self.kg.value())
