"""The dialog for one weighing: the day and the weight in kilograms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from diary.core import scales
from diary.core.entry import InvalidValue
from diary.core.records import Weighing
from diary.ui.records.record_dialog import RecordDialog, date_edit
from diary.ui.widgets.calendar import from_qdate
from diary.ui.widgets.decimal_box import DecimalBox


class WeighingDialog(RecordDialog[Weighing]):
    def __init__(
        self,
        weighing: Weighing | None,
        today: dt.date,
        clash: Callable[[Weighing], str | None],
        parent: QWidget | None,
        last_kg: float | None = None,
    ) -> None:
        super().__init__("Weight", clash, parent)
        self.day = date_edit(weighing.date if weighing else today)
        # A new weighing starts at the last weight, or empty: never at a made-up 0.0 kg.
        self.kg = DecimalBox(scales.WEIGHT_KG, "kg", "type the weight", weighing.kg if weighing else last_kg)
        self.add_row("&Date", self.day, "Date of the weighing")
        self.add_row("&Weight", self.kg, "Weight in kilograms")

    def read(self) -> Weighing:
        kg = self.kg.number()
        if kg is None:
            raise InvalidValue("kg", "must be typed, in kilograms (64.5 or 64,5)")
        return Weighing(from_qdate(self.day.date()), kg)
