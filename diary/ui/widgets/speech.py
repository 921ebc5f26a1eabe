"""What a screen reader reads and says: labels that read as they look, polite announcements,
and the alert role for the one message that must interrupt.

Qt names a label by its text unless it is given a fixed name; a status label keeps that
(its purpose goes in its description), so what is shown is what is read. A change a sighted
person notices at a glance (saved, a refused value, a reminder) is also announced, politely:
the screen reader says it when it has finished what it is saying. PySide6 6.8 and later (the
project's floor) has QAccessibleAnnouncementEvent, which AT-SPI passes on as
`object:announcement`.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QObject
from PySide6.QtGui import (
    QAccessible,
    QAccessibleActionInterface,
    QAccessibleAnnouncementEvent,
    QAccessibleEvent,
    QAccessibleInterface,
)
from PySide6.QtWidgets import QAccessibleWidget, QComboBox, QLabel, QWidget

# A widget with this property set to True reads as an alert (role Alert), not a dialog.
ALERT_PROPERTY = "isodiaryAlert"


def reads_as_shown(label: QLabel, purpose: str) -> QLabel:
    """`label`'s accessible name is whatever it shows; `purpose` says what it is for."""
    label.setAccessibleName("")
    label.setAccessibleDescription(purpose)
    return label


def announce(source: QObject, text: str, *, urgent: bool = False) -> None:
    """Have the screen reader say `text`: politely (after what it is saying), or at once."""
    if not text or not QAccessible.isActive():
        return
    event = QAccessibleAnnouncementEvent(source, text)
    if urgent:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)


def show_and_announce(label: QLabel, text: str) -> None:
    """Show `text` in `label` and, when it is news, say it politely."""
    if text != label.text():
        label.setText(text)
        announce(label, text)


def read_as_alert(widget: QWidget) -> None:
    """`widget` (a message window) reads as an alert: screen readers say it when it appears."""
    install()
    widget.setProperty(ALERT_PROPERTY, True)


@cache
def install() -> None:
    """Give Qt this module's accessible interfaces (once; the window does it at start)."""
    QAccessible.installFactory(_interface_for)


def _interface_for(_class_name: str, target: QObject) -> QAccessibleInterface | None:
    """Qt asks this for each object a screen reader reaches; None leaves it to Qt's own."""
    if not isinstance(target, QWidget):
        return None
    if target.property(ALERT_PROPERTY) is True:
        return QAccessibleWidget(target, QAccessible.Role.AlertMessage)
    if isinstance(target, QComboBox) and not target.isEditable():
        # Whether it has a name is asked when read, not now: Qt often asks for the interface
        # (as items are added) before the name is given.
        return _Choice(target)
    return None


class _Choice(QAccessibleWidget):
    """A list to choose from, named by what it chooses ("Paper size"), its choice apart.

    On Linux Qt names a combo box by its current text ("A4") and leaves its purpose to the
    label beside it; a screen reader walking the tree then hears only the value. This one
    is named by its accessible name; the value is its Value text and leads its description.
    """

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo, QAccessible.Role.ComboBox)
        self._combo = combo
        combo.currentIndexChanged.connect(self._chosen)

    def _chosen(self, _index: int) -> None:
        QAccessible.updateAccessibility(QAccessibleEvent(self._combo, QAccessible.Event.DescriptionChanged))

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self._combo.accessibleName() or self._combo.currentText()
        if kind == QAccessible.Text.Value:
            return self._combo.currentText()
        if kind == QAccessible.Text.Description:
            purpose = self._combo.accessibleDescription()
            chosen = f"Chosen: {self._combo.currentText() or 'nothing'}."
            return f"{chosen} {purpose}" if purpose else chosen
        return str(super().text(kind))

    def actionNames(self) -> list[str]:
        return [QAccessibleActionInterface.showMenuAction(), QAccessibleActionInterface.pressAction()]

    def doAction(self, name: str) -> None:
        if name in self.actionNames():
            self._combo.showPopup()
