"""A box for a weight or a dose that reads 64,5, 64.5 and ٦٤٫٥ alike, whatever the
computer's language, and can be empty (never a silent 0.0)."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QWidget

from diary.core import scales
from diary.core.decimal_text import could_become_decimal, read_decimal


class DecimalBox(QDoubleSpinBox):
    """A number on `scale` in `unit`, or nothing (shown as `empty_text`, below the scale).

    Qt's own box reads the decimal mark of the computer's language only: under German,
    "64.5" became 645 or 64.0. This one reads either mark, and Arabic-Indic digits.
    """

    def __init__(
        self,
        scale: scales.Scale,
        unit: str,
        empty_text: str,
        value: float | None = None,
        *,
        decimals: int = 1,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.unit = unit
        self.setDecimals(decimals)
        # One step below the scale stands for "nothing typed" (Qt shows the special text).
        self.setRange(scale.low - 1, scale.high)
        self.setSpecialValueText(empty_text)
        self.setCorrectionMode(QDoubleSpinBox.CorrectionMode.CorrectToPreviousValue)
        self.set_number(value)

    def number(self) -> float | None:
        return None if self.value() <= self.minimum() else self.value()

    def set_number(self, value: float | None) -> None:
        self.setValue(self.minimum() if value is None else value)

    def textFromValue(self, value: float) -> str:
        if value <= self.minimum():
            return self.specialValueText()
        words = f"{value:.{self.decimals()}f}".rstrip("0").rstrip(".")
        if QLocale().decimalPoint() == ",":
            words = words.replace(".", ",")
        return f"{words} {self.unit}"

    def validate(self, text: str, position: int) -> tuple[QValidator.State, str, int]:
        plain = text.strip()
        if not plain or plain == self.specialValueText():
            return QValidator.State.Acceptable, text, position
        try:
            number = read_decimal(plain, (self.unit,))
        except ValueError:
            state = QValidator.State.Intermediate if could_become_decimal(plain) else QValidator.State.Invalid
            return state, text, position
        if number is None:
            return QValidator.State.Intermediate, text, position
        if number > self.maximum():
            return QValidator.State.Invalid, text, position
        if number <= self.minimum():
            return QValidator.State.Intermediate, text, position
        return QValidator.State.Acceptable, text, position

    def valueFromText(self, text: str) -> float:
        plain = text.strip()
        if not plain or plain == self.specialValueText():
            return self.minimum()
        try:
            number = read_decimal(plain, (self.unit,))
        except ValueError:
            return self.value()
        return self.minimum() if number is None else round(number, self.decimals())

    def fixup(self, text: str) -> str:
        return text
