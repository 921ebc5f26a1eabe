"""Enter in a field that adds something: it adds, once, and nothing else.

A QLineEdit lets its Enter go on to the dialog, whose default button (which a
QDialogButtonBox picks by itself when shown) then acts as well: a copy added, or the
dialog closed under the person's cursor. This keeps that Enter for the field alone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit


class _EnterDoes(QObject):
    def __init__(self, edit: QLineEdit, action: Callable[[], None]) -> None:
        super().__init__(edit)
        self.action = action
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.action()
            return True
        return False


def enter_does(edit: QLineEdit, action: Callable[[], None]) -> None:
    """Enter in `edit` calls `action`, and only that."""
    _EnterDoes(edit, action)
