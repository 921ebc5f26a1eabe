"""The Privacy line of Settings: protect the diary with a passphrase, change it, remove it,
and how long the window waits without use before it locks (this computer's setting). One
line, so that Settings still fits a small laptop's screen (1024 x 600)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from diary.ui.app.context import DiaryContext
from diary.ui.models.reminder_memory import MOST_MINUTES, lock_after_minutes, set_lock_after_minutes
from diary.ui.widgets import speech


class PrivacySettings(QWidget):
    """The buttons act at once (each in its own dialog); the idle time is kept by
    `apply_to_computer`, when Settings is saved."""

    def __init__(self, context: DiaryContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.status = QLabel("")
        speech.reads_as_shown(self.status, "Protection")
        self.protect_button = QPushButton("Protect this diary with a passp&hrase…")
        self.protect_button.clicked.connect(self.protect)
        self.change_button = QPushButton("Chan&ge the passphrase…")
        self.change_button.clicked.connect(self.change)
        self.remove_button = QPushButton("Re&move the passphrase…")
        self.remove_button.clicked.connect(self.remove)
        self.minutes = QSpinBox()
        self.minutes.setRange(0, MOST_MINUTES)
        self.minutes.setSpecialValueText("Never")
        self.minutes.setSuffix(" minutes")
        self.minutes.setValue(lock_after_minutes())
        self.minutes.setAccessibleName("Lock after this many minutes without use")
        self.minutes.setToolTip(
            "Without a key or a click for this long, the window locks (this computer only)"
        )
        self.minutes_label = QLabel("Lock a&fter")
        self.minutes_label.setBuddy(self.minutes)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        for button in (self.protect_button, self.change_button, self.remove_button):
            button.setAutoDefault(False)
            layout.addWidget(button)
        layout.addWidget(self.minutes_label)
        layout.addWidget(self.minutes)
        layout.addStretch()
        self.show_state()

    def show_state(self) -> None:
        protected = self.context.protection.protected
        self.status.setText("Protected." if protected else "Not protected.")
        self.status.setToolTip(
            "This diary is encrypted on the disk."
            if protected
            else "Anyone who uses this computer can open this diary."
        )
        self.protect_button.setVisible(not protected)
        for widget in (self.change_button, self.remove_button, self.minutes, self.minutes_label):
            widget.setVisible(protected)

    def protect(self) -> None:
        from diary.ui.settings.protection_dialogs import ProtectDialog

        ProtectDialog(self.context, self).exec()
        self.show_state()

    def change(self) -> None:
        from diary.ui.settings.protection_change import ChangePassphraseDialog

        ChangePassphraseDialog(self.context, self).exec()

    def remove(self) -> None:
        from diary.ui.settings.protection_change import RemoveProtectionDialog

        RemoveProtectionDialog(self.context, self).exec()
        self.show_state()

    def apply_to_computer(self) -> None:
        if self.minutes.value() != lock_after_minutes():
            set_lock_after_minutes(self.minutes.value())
            self.context.protection_changed.emit()


def offer_protection(context: DiaryContext, parent: QWidget | None = None) -> bool:
    """At the first start: the offer, which may be put off ("Not now"). True when protected."""
    if context.protection.protected:
        return True
    from diary.ui.settings.protection_dialogs import ProtectDialog

    return bool(ProtectDialog(context, parent, first_run=True).exec())
