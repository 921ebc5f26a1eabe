"""Settings: the person's name for the summary, appearance, who to call in an emergency,
reminders, and (given the open diary's context) its privacy: a passphrase, the idle lock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from diary.core.preferences import APPEARANCES, PAPER_SIZES, Preferences
from diary.ui.widgets import theme

if TYPE_CHECKING:
    from diary.ui.app.context import DiaryContext
    from diary.ui.settings.protection_group import PrivacySettings

_APPEARANCE_WORDS = {"system": "Follow the desktop", "light": "Light", "dark": "Dark"}
_PAPER_WORDS = {"auto": "From my region", "A4": "A4", "Letter": "US Letter"}


class SettingsDialog(QDialog):
    """`preferences()` gives the edited preferences once accepted."""

    def __init__(
        self, preferences: Preferences, parent: QWidget | None = None, context: DiaryContext | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.name = QLineEdit(preferences.name)
        self.name.setMaxLength(500)  # the interchange format's limit for names
        self.name.setPlaceholderText("Shown on the appointment summary (optional)")
        self.appearance = _choice(APPEARANCES, _APPEARANCE_WORDS, preferences.appearance)
        from diary.ui.settings.emergency_fields import EmergencyFields

        self.emergency = EmergencyFields(preferences)
        self.emergency_number = self.emergency.emergency_number
        self.crisis_line = self.emergency.crisis_line
        self.paper_size = _choice(PAPER_SIZES, _PAPER_WORDS, preferences.paper_size)
        for widget, name in (
            (self.name, "Your name"),
            (self.appearance, "Appearance"),
            (self.paper_size, "Paper size for the summary"),
        ):
            widget.setAccessibleName(name)
        form = QFormLayout()
        form.addRow("Your &name", self.name)
        form.addRow("&Appearance", self.appearance)
        form.addRow(self.emergency)
        form.addRow("&Paper size", self.paper_size)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        from diary.ui.settings.reminders import ReminderSettings

        self.reminders = ReminderSettings(preferences, self)
        layout.addWidget(self.reminders)
        self.privacy: PrivacySettings | None = None
        if context is not None:
            from diary.ui.settings.protection_group import PrivacySettings

            self.privacy = PrivacySettings(context, self)
            form.addRow("Privacy", self.privacy)
        layout.addWidget(buttons)
        # Never smaller than its contents: word-wrapped text once squashed the fields.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.setSpacing(theme.SPACING)
        form.setVerticalSpacing(theme.SPACING)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(theme.SECTION_SPACING)
        # Wrapped text needs the height for this width, more than the minimum the layout gives.
        self.resize(620, max(self.sizeHint().height(), self.heightForWidth(620)))

    def preferences(self) -> Preferences:
        reminders = self.reminders.values()
        emergency_number, crisis_line = self.emergency.numbers()
        return Preferences(
            name=self.name.text().strip(),
            appearance=self.appearance.currentData(),
            emergency_number=emergency_number,
            crisis_line=crisis_line,
            paper_size=self.paper_size.currentData(),
            reminder_time=str(reminders["reminder_time"]),
            remind_phq9=bool(reminders["remind_phq9"]),
            remind_appointments=bool(reminders["remind_appointments"]),
            remind_tests=bool(reminders["remind_tests"]),
        )

    def accept(self) -> None:
        if self.reminders.apply_to_computer():
            if self.privacy is not None:
                self.privacy.apply_to_computer()
            super().accept()


def _choice(keys: tuple[str, ...], words: dict[str, str], current: str) -> QComboBox:
    box = QComboBox()
    for key in keys:
        box.addItem(words[key], key)
    box.setCurrentIndex(max(0, keys.index(current) if current in keys else 0))
    return box
