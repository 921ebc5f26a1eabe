"""Inputs that know "not logged": every one can be empty, and empty is never shown as 0."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QValidator
from PySide6.QtWidgets import QApplication, QComboBox, QDoubleSpinBox, QSpinBox, QWidget

from diary.core import scales
from diary.ui.widgets.checklist import Checklist
from diary.ui.widgets.typed_keys import move_on, plain_key, typed_digit

NOT_LOGGED_TEXT = "not logged"


class RatingBox(QSpinBox):
    """A whole number on a scale, or not logged (shown as "not logged", below the scale's 0).

    Type a number, use the arrow keys, or Delete to clear it back to "not logged". A typed
    digit that finishes the number (any digit but a leading 1 on a 0-10 scale) moves the
    focus on, so a scale takes one key. A number above the scale is refused and said so.

    Signals:
        refused(str): the person typed this number, which is not on the scale.
    """

    refused = Signal(str)

    def __init__(self, scale: scales.Scale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(int(scale.low) - 1, int(scale.high))
        self.setSpecialValueText(NOT_LOGGED_TEXT)
        self.setValue(self.minimum())
        self.setKeyboardTracking(True)
        self.setCorrectionMode(QSpinBox.CorrectionMode.CorrectToPreviousValue)

    def rating(self) -> int | None:
        return None if self.value() == self.minimum() else self.value()

    def set_rating(self, value: int | None) -> None:
        self.setValue(self.minimum() if value is None else value)

    def validate(self, text: str, position: int) -> tuple[QValidator.State, str, int]:
        # An emptied box is "not logged", which is a finished answer, not a half-typed one.
        if not text.strip():
            return QValidator.State.Acceptable, text, position
        return super().validate(text, position)

    def valueFromText(self, text: str) -> int:
        if not text.strip() or text.strip() == NOT_LOGGED_TEXT:
            return self.minimum()
        return super().valueFromText(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        digit = typed_digit(event)
        if digit is not None:
            self._type_digit(str(digit))
            return
        super().keyPressEvent(event)

    def _type_digit(self, digit: str) -> None:
        edit = self.lineEdit()
        current = "" if self.rating() is None or edit.hasSelectedText() else str(self.rating())
        if current == "0":
            current = ""
        typed = current + digit
        if int(typed) > self.maximum():
            self.refused.emit(typed)
            QApplication.beep()
            edit.selectAll()  # the next digit starts again
            return
        self.setValue(int(typed))
        if typed == "0" or int(typed) * 10 > self.maximum():
            move_on(self)
        else:
            edit.deselect()
            edit.end(False)


class DoseBox(QDoubleSpinBox):
    """Milligrams taken that day: 0 means the dose was missed (shown as "missed");
    below 0 is "not logged"."""

    MISSED_TEXT = "missed"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(1)
        self.setRange(-1, scales.DOSE_MG.high)
        self.setSingleStep(5)
        self.setSpecialValueText(NOT_LOGGED_TEXT)
        self.setValue(self.minimum())
        self.setCorrectionMode(QDoubleSpinBox.CorrectionMode.CorrectToPreviousValue)

    def dose(self) -> float | None:
        return None if self.value() < 0 else self.value()

    def set_dose(self, value: float | None) -> None:
        self.setValue(self.minimum() if value is None else value)

    def textFromValue(self, value: float) -> str:
        if value < 0:
            return NOT_LOGGED_TEXT
        return self.MISSED_TEXT if value == 0 else f"{value:g} mg"

    def validate(self, text: str, position: int) -> tuple[QValidator.State, str, int]:
        plain = text.strip().lower()
        if not plain:
            return QValidator.State.Acceptable, text, position
        for word in (self.MISSED_TEXT, NOT_LOGGED_TEXT):
            if plain == word:
                return QValidator.State.Acceptable, text, position
            if word.startswith(plain):
                return QValidator.State.Intermediate, text, position
        number = _DOSE_TEXT.fullmatch(plain)
        if number is None:
            return QValidator.State.Invalid, text, position
        if not number.group(1):
            return QValidator.State.Intermediate, text, position
        value = float(number.group(1).replace(",", "."))
        if value > self.maximum():
            return QValidator.State.Invalid, text, position
        return QValidator.State.Acceptable, text, position

    def valueFromText(self, text: str) -> float:
        plain = text.strip().lower()
        if not plain or plain == NOT_LOGGED_TEXT:
            return self.minimum()
        if plain == self.MISSED_TEXT:
            return 0.0
        number = _DOSE_TEXT.fullmatch(plain)
        if number is None or not number.group(1):
            return self.value()
        return round(float(number.group(1).replace(",", ".")), 1)

    def stepBy(self, steps: int) -> None:
        # From "not logged", the first step up lands on 0 (missed), not on 4 mg.
        if self.dose() is None and steps > 0:
            self.setValue(0)
            return
        super().stepBy(steps)


_DOSE_TEXT = re.compile(r"(\d{0,3}(?:[.,]\d?)?)\s*(?:m|mg)?")


class ChoiceBox(QComboBox):
    """One of a few labelled values, or not logged (the first item)."""

    def __init__(self, labels: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem(NOT_LOGGED_TEXT, None)
        for value, label in enumerate(labels):
            self.addItem(f"{value} · {label}", value)

    def choice(self) -> int | None:
        value: int | None = self.currentData()
        return value

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # A digit picks that value and moves on; Delete goes back to "not logged".
        digit = typed_digit(event)
        if digit is not None:
            if digit < self.count() - 1:
                self.set_choice(digit)
                move_on(self)
            else:
                QApplication.beep()
            return
        if plain_key(event) and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.set_choice(None)
            return
        super().keyPressEvent(event)

    def set_choice(self, value: int | None) -> None:
        self.setCurrentIndex(0 if value is None else value + 1)


def on_any_change(widgets: Sequence[QWidget], callback: Callable[[], None]) -> None:
    """Call `callback` whenever the person changes any of these inputs."""
    for widget in widgets:
        if isinstance(widget, QSpinBox | QDoubleSpinBox):
            widget.valueChanged.connect(callback)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(callback)
        elif isinstance(widget, Checklist):
            widget.edited.connect(callback)
