"""A list to tick, with "none of these" as its first line and nothing ticked as not logged."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from diary.ui.widgets.typed_keys import move_on, plain_key


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
        # A screen reader ticks a line with its Toggle action, which Qt turns into selecting
        # or unselecting it: so a line is selected exactly when it is ticked, and selecting it
        # ticks it. Keys and clicks never select (selectionCommand); the delegate paints no
        # highlight, so the current line shows as a focus frame only.
        self.setSelectionMode(QListWidget.SelectionMode.MultiSelection)
        self.setItemDelegate(_WholeRowToggles(self))
        self.itemChanged.connect(self._on_item_changed)
        self.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.currentItemChanged.connect(lambda _now, _before: self.show_current())

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
        self._select_ticked()
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
        # Enter ticks like Space does, rather than doing nothing; both tick the current line only.
        item = self.currentItem()
        plain = plain_key(event)
        if plain and event.key() in self.NONE_KEYS:
            self.tick_none()
            move_on(self)
            return
        if plain and self._repeatable and event.key() == self.REPEAT_KEY:
            if self.repeat():
                move_on(self)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and item is not None:
            # The line ticked is the current one, and it is brought into view first.
            self.show_current()
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
            return
        super().keyPressEvent(event)

    def show_current(self) -> None:
        """Scroll the page that holds this list (it never scrolls itself: it is as tall as
        its lines) so that the current line is on screen, with a little room around it."""
        item = self.currentItem()
        area = self._scroll_area()
        page = area.widget() if area is not None else None
        if item is None or area is None or page is None or not self.hasFocus():
            return
        line = self.visualItemRect(item)
        centre = self.viewport().mapTo(page, line.center())
        area.ensureVisible(centre.x(), centre.y(), 40, line.height() // 2 + 24)

    def _scroll_area(self) -> QScrollArea | None:
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        return parent

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
        self._select_ticked()
        self._updating = False
        self.edited.emit()

    def _select_ticked(self) -> None:
        for item in self._items():
            ticked = item.checkState() == Qt.CheckState.Checked
            if item.isSelected() != ticked:
                item.setSelected(ticked)

    def _on_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        """Selected through the accessibility tree: tick (or untick) those lines."""
        if self._updating:
            return
        for indexes, state in ((deselected, Qt.CheckState.Unchecked), (selected, Qt.CheckState.Checked)):
            for index in indexes.indexes():
                item = self.item(index.row())
                if item is not None and item.checkState() != state:
                    item.setCheckState(state)  # as a click does: _on_item_changed follows
        self._updating = True
        self._select_ticked()  # a selection that changed nothing (or was undone) is put back
        self._updating = False

    def selectionCommand(
        self, index: QModelIndex | QPersistentModelIndex, event: QEvent | None = None
    ) -> QItemSelectionModel.SelectionFlag:
        return QItemSelectionModel.SelectionFlag.NoUpdate  # keys and clicks tick; they never select

    def setCurrentRow(self, row: int) -> None:  # type: ignore[override]
        # QListWidget's own selects the row too, which here would tick it.
        self.setCurrentIndex(self.model().index(row, 0))

    def setCurrentItem(self, item: QListWidgetItem) -> None:  # type: ignore[override]
        self.setCurrentIndex(self.indexFromItem(item))

    def selectAll(self) -> None:
        pass  # Ctrl+A (or a screen reader's "select all") would tick "none" and every sign at once

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
    """A click anywhere on a line ticks it, not only on the small box; no line is highlighted
    (a ticked line is selected, for screen readers; its tick says so)."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.state &= ~QStyle.StateFlag.State_Selected

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
