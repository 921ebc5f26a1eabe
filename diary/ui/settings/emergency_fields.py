"""Who to call in an emergency: the fields Settings and the first start share, and the
first start's short dialog that asks the person to confirm or set their numbers."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from diary.core import emergency
from diary.core.preferences import Preferences
from diary.ui.app.context import DiaryContext
from diary.ui.day.urgent_message import shipped_numbers


def shipped_words(shipped: emergency.CountryNumbers | None) -> str:
    """What IsoDiary shows while the person has not set their own numbers."""
    if shipped is None or not shipped.emergency:
        return (
            "IsoDiary has no emergency number for this computer's country, so the message says "
            "“your local emergency number”. Please type yours, and a crisis line if you know one."
        )
    text = f"For this computer's country IsoDiary shows {emergency.emergency_words(shipped)}"
    if shipped.crisis:
        text += f" and the crisis line {emergency.crisis_words(shipped)}"
    return text + ". Leave a field empty to keep these, or type your own."


class EmergencyFields(QWidget):
    """The emergency number and crisis line, with what is shown while they are empty."""

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        shipped = shipped_numbers()
        self.emergency_number = QLineEdit(preferences.emergency_number)
        self.emergency_number.setAccessibleName("Emergency number")
        self.emergency_number.setPlaceholderText(
            shipped.emergency if shipped and shipped.emergency else "Your local emergency number"
        )
        self.crisis_line = QLineEdit(preferences.crisis_line)
        self.crisis_line.setAccessibleName("Crisis line")
        self.crisis_line.setPlaceholderText(
            emergency.crisis_words(shipped) if shipped and shipped.crisis else "A crisis line you trust"
        )
        self.note = QLabel(
            shipped_words(shipped) + " They are shown when a day you save has an urgent flag. "
            "IsoDiary never calls or sends anything: it works offline."
        )
        self.note.setWordWrap(True)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("&Emergency number", self.emergency_number)
        form.addRow("&Crisis line", self.crisis_line)
        form.addRow(self.note)

    def numbers(self) -> tuple[str, str]:
        return self.emergency_number.text().strip(), self.crisis_line.text().strip()


class NumbersDialog(QDialog):
    """At first start: confirm the numbers IsoDiary will show, or set your own."""

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Who to call in an emergency")
        intro = QLabel(
            "When a day you save has an urgent flag, IsoDiary shows who to call. Please check these numbers."
        )
        intro.setWordWrap(True)
        self.fields = EmergencyFields(preferences)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.fields)
        layout.addWidget(buttons)
        # Never shorter than its wrapped words (the note was cut to one line at 1024 x 600).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.resize(520, self.heightForWidth(520) if self.hasHeightForWidth() else self.sizeHint().height())
        self.fields.emergency_number.setFocus(Qt.FocusReason.OtherFocusReason)


def ask_numbers(context: DiaryContext, parent: QWidget) -> None:
    """The first start's question; the answer is saved with the other preferences."""
    preferences = context.preferences()
    dialog = NumbersDialog(preferences, parent)
    if dialog.exec():
        emergency_number, crisis_line = dialog.fields.numbers()
        context.save_preferences(
            replace(preferences, emergency_number=emergency_number, crisis_line=crisis_line)
        )
