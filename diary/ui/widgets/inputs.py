"""Inputs that know "not logged": every one can be empty, and empty is never shown as 0."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRegularExpression,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QMouseEvent, QRegularExpressionValidator, QResizeEvent, QValidator
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from diary.core import scales

NOT_LOGGED_TEXT = "not logged"


def plain_key(event: QKeyEvent) -> bool:
    """No modifier held (the keypad's own flag aside): a key typed, not a shortcut."""
    return event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier.NoModifier


def typed_digit(event: QKeyEvent) -> int | None:
    """The digit a plain key typed, else None (a "²" key, as on French keyboards, is no digit)."""
    text = event.text()
    return int(text) if plain_key(event) and len(text) == 1 and text.isdecimal() else None


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
            self.focusNextChild()
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
                self.focusNextChild()
            else:
                QApplication.beep()
            return
        if plain_key(event) and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.set_choice(None)
            return
        super().keyPressEvent(event)

    def set_choice(self, value: int | None) -> None:
        self.setCurrentIndex(0 if value is None else value + 1)


class Checklist(QListWidget):
    """Tick any of a list of things, or "none of these"; nothing ticked is "not logged".

    One stop in the tab order: arrow keys move, Space ticks. N (or 0) ticks "none of these"
    and moves on, so a quiet day takes one key per list. A list given `set_repeatable` also
    takes Y: tick what was ticked the day before, and move on.

    Signals:
        edited: the person ticked or unticked something.
        repeat_missing: Y was pressed but there is nothing from the day before to repeat.
    """

    edited = Signal()
    repeat_missing = Signal()

    NONE_KEYS = (Qt.Key.Key_N, Qt.Key.Key_0)
    REPEAT_KEY = Qt.Key.Key_Y

    def __init__(self, none_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._none_label = none_label
        self._updating = False
        self._repeat: tuple[str, ...] | None = None
        self._repeatable = False
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrap(True)
        # The current line shows as a focus frame only: a highlighted line looks ticked.
        self.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.setItemDelegate(_WholeRowToggles(self))
        self.itemChanged.connect(self._on_item_changed)

    def set_options(self, options: Sequence[tuple[str, str]]) -> None:
        """(key, label) pairs, shown in order after the "none" line."""
        self._updating = True
        self.clear()
        for key, label in [(None, self._none_label), *options]:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
            )
            item.setCheckState(Qt.CheckState.Unchecked)
            if key is None:
                font = item.font()
                font.setItalic(True)
                item.setFont(font)
            self.addItem(item)
        self._updating = False
        self.setCurrentRow(0)
        self._fit_height()

    def keys(self) -> tuple[str, ...] | None:
        """The ticked keys; () for "none of these"; None when nothing is ticked."""
        ticked = [item for item in self._items() if item.checkState() == Qt.CheckState.Checked]
        if not ticked:
            return None
        return tuple(key for item in ticked if (key := item.data(Qt.ItemDataRole.UserRole)) is not None)

    def set_keys(self, keys: Sequence[str] | None) -> None:
        self._updating = True
        chosen = set(keys or ())
        for item in self._items():
            key = item.data(Qt.ItemDataRole.UserRole)
            ticked = (key is None and keys is not None and not chosen) or key in chosen
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self._updating = False

    def set_repeatable(self, keys: Sequence[str] | None) -> None:
        """What Y ticks: the day before's keys (None when that day has nothing to repeat)."""
        self._repeatable = True
        self._repeat = None if keys is None else tuple(keys)

    def repeat(self) -> bool:
        """Tick what the day before had; False (and `repeat_missing`) when there is nothing."""
        if self._repeat is None:
            self.repeat_missing.emit()
            return False
        self.set_keys(self._repeat)
        self.edited.emit()
        return True

    def tick_none(self) -> None:
        self.set_keys(())
        self.edited.emit()

    def _items(self) -> list[QListWidgetItem]:
        return [self.item(row) for row in range(self.count())]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter ticks like Space does, rather than doing nothing.
        item = self.currentItem()
        plain = plain_key(event)
        if plain and event.key() in self.NONE_KEYS:
            self.tick_none()
            self.focusNextChild()
            return
        if plain and self._repeatable and event.key() == self.REPEAT_KEY:
            if self.repeat():
                self.focusNextChild()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item is not None:
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
            return
        super().keyPressEvent(event)

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if self._updating:
            return
        self._updating = True
        if item.checkState() == Qt.CheckState.Checked:
            # "None of these" and a ticked sign contradict each other: the newest tick wins.
            is_none = item.data(Qt.ItemDataRole.UserRole) is None
            for other in self._items():
                if other is not item and (is_none or other.data(Qt.ItemDataRole.UserRole) is None):
                    other.setCheckState(Qt.CheckState.Unchecked)
        self._updating = False
        self.edited.emit()

    def _fit_height(self) -> None:
        rows = sum(max(self.sizeHintForRow(row), 1) for row in range(self.count()))
        if self.count():
            # Lines that wrap at this width are taller than their hint: use where they lie.
            first = self.visualItemRect(self.item(0))
            last = self.visualItemRect(self.item(self.count() - 1))
            if first.isValid() and last.isValid():
                rows = max(rows, last.bottom() - first.top() + 1)
        height = rows + 2 * self.frameWidth() + 2
        if height != self.height():
            self.setFixedHeight(height)

    def doItemsLayout(self) -> None:
        super().doItemsLayout()
        self._fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()


class _WholeRowToggles(QStyledItemDelegate):
    """A click anywhere on a line ticks it, not only on the small box."""

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            return True  # the release below does the ticking, once
        if kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            if event.button() == Qt.MouseButton.LeftButton and option.rect.contains(
                event.position().toPoint()
            ):
                checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked.value
                state = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
                return model.setData(index, state.value, Qt.ItemDataRole.CheckStateRole)
            return True
        return super().editorEvent(event, model, option, index)


def on_any_change(widgets: Sequence[QWidget], callback: Callable[[], None]) -> None:
    """Call `callback` whenever the person changes any of these inputs."""
    for widget in widgets:
        if isinstance(widget, QSpinBox | QDoubleSpinBox):
            widget.valueChanged.connect(callback)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(callback)
        elif isinstance(widget, Checklist):
            widget.edited.connect(callback)


class DateField(QWidget):
    """A date typed as 2026-10-06, in one Tab stop; a small button (mouse only) opens a calendar.

    Text that is not a date yet shows as a problem beside the field, never as another date.

    Signals:
        date_changed(QDate): a whole, valid date was typed or picked.
    """

    date_changed = Signal(QDate)

    def __init__(self, day: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("YYYY-MM-DD")
        self.edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9]{0,4}(-[0-9]{0,2}(-[0-9]{0,2})?)?"))
        )
        self.edit.setMaxLength(10)
        self.edit.setToolTip("Type the date as 2026-10-06")
        self.picker = QToolButton()
        self.picker.setText("▾")
        self.picker.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard types the date
        self.picker.setAccessibleName("Pick the date on a calendar")
        self.picker.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        menu = QMenu(self.picker)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self.picker.setMenu(menu)
        self.calendar.clicked.connect(self.setDate)
        self.calendar.clicked.connect(menu.close)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.picker)
        self.setFocusProxy(self.edit)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._date = QDate(day.year, day.month, day.day)
        self.edit.setText(self._date.toString("yyyy-MM-dd"))
        self.edit.textEdited.connect(self._typed)
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("2026-10-06") + 16)

    def date(self) -> QDate:
        return QDate(self._date)

    def setDate(self, day: QDate) -> None:
        self.edit.setText(day.toString("yyyy-MM-dd"))
        self._set(day)

    def is_complete(self) -> bool:
        return self._parse(self.edit.text()) is not None

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def _typed(self, text: str) -> None:
        day = self._parse(text)
        if day is not None:
            self._set(day)

    def _set(self, day: QDate) -> None:
        if day != self._date:
            self._date = QDate(day)
            self.date_changed.emit(QDate(day))
        self.calendar.setSelectedDate(day)

    @staticmethod
    def _parse(text: str) -> QDate | None:
        day = QDate.fromString(text, "yyyy-MM-dd")
        # The diary's dates run 1900-2099 (interchange spec); a course is this century's.
        return day if day.isValid() and len(text) == 10 and 2000 <= day.year() <= 2099 else None
