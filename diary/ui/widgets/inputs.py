"""Inputs that know "not logged": every one can be empty, and empty is never shown as 0."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QFocusEvent, QKeyEvent, QKeySequence, QValidator
from PySide6.QtWidgets import QApplication, QComboBox, QDoubleSpinBox, QMenu, QSpinBox, QWidget

from diary.core import scales
from diary.core.decimal_text import plain_decimal
from diary.ui.widgets.checklist import Checklist
from diary.ui.widgets.typed_keys import move_on, plain_key, typed_digit

NOT_LOGGED_TEXT = "not logged"


class RatingBox(QSpinBox):
    """A whole number on a scale, or not logged (shown as "not logged", below the scale's 0).

    Type a number, use the arrow keys, or Delete to clear it back to "not logged". Typing
    starts afresh each time the box gets the focus (by Tab, an Alt letter or a click). On
    a 0-10 scale a digit is a whole answer and moves on, except a 1, which waits: a 0 next
    makes it 10, any other digit leaves the 1 here and goes, as typed, to the next box.
    On a longer scale (new spots, 0-999) digits add up until Tab. A number above the scale
    (pasted, or a fourth digit) is refused and said so; the box then holds nothing typed,
    and the next key starts again in it.

    Signals:
        refused(str): the person typed or pasted this, which is not on the scale.
        answered: the box took a value (not logged included): a refusal said before is stale.
    """

    refused = Signal(str)
    answered = Signal()

    def __init__(self, scale: scales.Scale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(int(scale.low) - 1, int(scale.high))
        self.setSpecialValueText(NOT_LOGGED_TEXT)
        self.setValue(self.minimum())
        self.setKeyboardTracking(True)
        self.setCorrectionMode(QSpinBox.CorrectionMode.CorrectToPreviousValue)
        self._typed = ""  # the digits typed since the box got the focus

    @property
    def waits_after_one(self) -> bool:
        """A 0-10 scale: after a 1 the next digit may make it 10."""
        return 10 <= self.maximum() < 100

    def rating(self) -> int | None:
        return None if self.value() == self.minimum() else self.value()

    def set_rating(self, value: int | None) -> None:
        self._typed = ""
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

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._typed = ""  # however the focus came, the next digit starts a new number
        super().focusInEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        digit = typed_digit(event)
        if digit is not None:
            self._type_digit(digit, event)
            return
        if self._one_waits() and plain_key(event) and event.text().strip() and event.text().isprintable():
            # "1 N" on mood: the 1 is whole, and the N is the next list's, as typed.
            self._pass_on(event)
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_text(QApplication.clipboard().text())
            return
        if plain_key(event) and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            # Backspace takes back the last digit typed; otherwise the box is emptied.
            kept = self._typed[:-1] if event.key() == Qt.Key.Key_Backspace else ""
            self.set_rating(int(kept) if kept else None)
            self._typed = kept
            self.answered.emit()
            return
        super().keyPressEvent(event)

    def stepBy(self, steps: int) -> None:
        self._typed = ""
        super().stepBy(steps)
        self.answered.emit()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.context_menu().exec(event.globalPos())

    def context_menu(self) -> QMenu:
        """The right-click menu: the line's own, with its Paste going through `paste_text`,
        so that a pasted number off the scale is said beside the box, not silently dropped."""
        menu = self.lineEdit().createStandardContextMenu()
        menu.setParent(self, menu.windowFlags())
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for action in menu.actions():
            if action.objectName() == "edit-paste":
                action.triggered.disconnect()
                action.triggered.connect(lambda: self.paste_text(QApplication.clipboard().text()))
        menu.addSeparator()
        menu.addAction("Step &up", lambda: self.stepBy(1)).setEnabled(self.value() < self.maximum())
        menu.addAction("Step &down", lambda: self.stepBy(-1)).setEnabled(self.value() > self.minimum())
        return menu

    def paste_text(self, text: str) -> None:
        """Pasted text: a number on the scale is the answer; anything else is refused and
        leaves the box not logged (what was pasted is never half-kept)."""
        self._typed = ""
        words = text.strip()
        number = int(words) if words.isdecimal() and len(words) <= 6 else None
        if number is not None and number <= self.maximum():
            self.set_rating(number)
            self.answered.emit()
            return
        self._refuse(words[:12] or "(nothing)")

    def _type_digit(self, digit: int, event: QKeyEvent) -> None:
        if self._one_waits():
            if digit == 0:
                self._typed = ""
                self._accept(10)
                move_on(self)
                return
            # "1 6" is 1 here and 6 in the next box, which gets the key as if typed there.
            self._pass_on(event)
            return
        typed = self._typed + str(digit)
        if typed.startswith("0") and len(typed) > 1:
            typed = typed.lstrip("0") or "0"
        if int(typed) > self.maximum():
            self._refuse(typed)
            return
        self._accept(int(typed))
        # On 0-10 only a 1 can grow; on a longer scale, a number that cannot grow is whole.
        longer = typed != "0" and int(typed) * 10 <= self.maximum()
        can_grow = typed == "1" if self.waits_after_one else longer
        if not can_grow:
            self._typed = ""
            move_on(self)
        else:
            self._typed = typed
            self.lineEdit().deselect()
            self.lineEdit().end(False)

    def _one_waits(self) -> bool:
        return self.waits_after_one and self._typed == "1"

    def _pass_on(self, event: QKeyEvent) -> None:
        """The 1 here is whole: move on and hand `event` to the next field, as if typed there."""
        self._typed = ""
        move_on(self)
        following = QApplication.focusWidget()
        if following is not None and following is not self:
            QApplication.sendEvent(following, _same_key(event))

    def _accept(self, value: int) -> None:
        self.setValue(value)
        self.answered.emit()

    def _refuse(self, typed: str) -> None:
        self._typed = ""
        self.setValue(self.minimum())  # nothing refused is saved, nor the value it replaced
        self.refused.emit(typed)
        QApplication.beep()
        self.lineEdit().selectAll()  # the next digit starts again, here


def _same_key(event: QKeyEvent) -> QKeyEvent:
    return QKeyEvent(QEvent.Type.KeyPress, event.key(), event.modifiers(), event.text())


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
        plain = plain_decimal(text).lower()  # 22,5 and ٢٢٫٥ are 22.5, whatever the locale
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
        value = float(number.group(1))
        if value > self.maximum():
            return QValidator.State.Invalid, text, position
        return QValidator.State.Acceptable, text, position

    def valueFromText(self, text: str) -> float:
        plain = plain_decimal(text).lower()
        if not plain or plain == NOT_LOGGED_TEXT:
            return self.minimum()
        if plain == self.MISSED_TEXT:
            return 0.0
        number = _DOSE_TEXT.fullmatch(plain)
        if number is None or not number.group(1):
            return self.value()
        return round(float(number.group(1)), 1)

    def stepBy(self, steps: int) -> None:
        # From "not logged", the first step up lands on 0 (missed), not on 4 mg.
        if self.dose() is None and steps > 0:
            self.setValue(0)
            return
        super().stepBy(steps)


_DOSE_TEXT = re.compile(r"([0-9]{0,3}(?:\.[0-9]?)?)\s*(?:m|mg)?")


class ChoiceBox(QComboBox):
    """One of a few labelled values, or not logged (the first item).

    Signals:
        refused(str): the digit typed is past the last value; the choice is unchanged.
    """

    refused = Signal(str)

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
                self.refused.emit(str(digit))
                QApplication.beep()
            return
        if plain_key(event) and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.set_choice(None)
            return
        super().keyPressEvent(event)

    def set_choice(self, value: int | None) -> None:
        self.setCurrentIndex(0 if value is None else value + 1)

    def highest(self) -> int:
        """The last value offered (4 for severity's 0 to 4)."""
        return self.count() - 2


def on_any_change(widgets: Sequence[QWidget], callback: Callable[[], None]) -> None:
    """Call `callback` whenever the person changes any of these inputs."""
    for widget in widgets:
        if isinstance(widget, QSpinBox | QDoubleSpinBox):
            widget.valueChanged.connect(callback)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(callback)
        elif isinstance(widget, Checklist):
            widget.edited.connect(callback)
