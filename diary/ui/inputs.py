"""Inputs that know "not logged": every one can be empty, and empty is never shown as 0."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QResizeEvent, QValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from diary.core import scales

NOT_LOGGED_TEXT = "not logged"


class RatingBox(QSpinBox):
    """A whole number on a scale, or not logged (shown as "not logged", below the scale's 0).

    Type a number, use the arrow keys, or Delete to clear it back to "not logged".
    """

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


class DoseBox(QDoubleSpinBox):
    """Milligrams taken that day: 0 means the dose was missed; below 0 is "not logged"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(1)
        self.setRange(-1, scales.DOSE_MG.high)
        self.setSingleStep(5)
        self.setSuffix(" mg")
        self.setSpecialValueText(NOT_LOGGED_TEXT)
        self.setValue(self.minimum())
        self.setCorrectionMode(QDoubleSpinBox.CorrectionMode.CorrectToPreviousValue)

    def dose(self) -> float | None:
        return None if self.value() < 0 else self.value()

    def set_dose(self, value: float | None) -> None:
        self.setValue(self.minimum() if value is None else value)

    def textFromValue(self, value: float) -> str:
        return f"{value:g}"

    def validate(self, text: str, position: int) -> tuple[QValidator.State, str, int]:
        if not text.strip() or text.strip() == self.suffix().strip():
            return QValidator.State.Acceptable, text, position
        return super().validate(text, position)

    def valueFromText(self, text: str) -> float:
        plain = text.removesuffix(self.suffix()).strip()
        if not plain or plain == NOT_LOGGED_TEXT:
            return self.minimum()
        return super().valueFromText(text)

    def stepBy(self, steps: int) -> None:
        # From "not logged", the first step up lands on 0 (missed), not on 4 mg.
        if self.dose() is None and steps > 0:
            self.setValue(0)
            return
        super().stepBy(steps)


class ChoiceBox(QComboBox):
    """One of a few labelled values, or not logged (the first item)."""

    def __init__(self, labels: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem(NOT_LOGGED_TEXT, None)
        for value, label in enumerate(labels):
            self.addItem(f"{value} · {label}", value)

    def choice(self) -> int | None:
        return self.currentData()

    def set_choice(self, value: int | None) -> None:
        self.setCurrentIndex(0 if value is None else value + 1)


class Checklist(QListWidget):
    """Tick any of a list of things, or "none of these"; nothing ticked is "not logged".

    One stop in the tab order: arrow keys move, Space ticks.

    Signals:
        edited: the person ticked or unticked something.
    """

    edited = Signal()

    def __init__(self, none_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._none_label = none_label
        self._updating = False
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

    def _items(self) -> list[QListWidgetItem]:
        return [self.item(row) for row in range(self.count())]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter ticks like Space does, rather than doing nothing.
        item = self.currentItem()
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
        self.setFixedHeight(rows + 2 * self.frameWidth() + 2)

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
