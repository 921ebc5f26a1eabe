"""The Privacy group of Settings: protect the diary with a passphrase, change it, remove it,
and how long the window waits without use before it locks (this computer's setting)."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from diary.ui.app.context import DiaryContext
from diary.ui.models.reminder_memory import MOST_MINUTES, lock_after_minutes, set_lock_after_minutes
from diary.ui.widgets import speech


class PrivacySettings(QGroupBox):
    """The buttons act at once (each in its own dialog); the idle time is kept by
    `apply_to_computer`, when Settings is saved."""

    def __init__(self, context: DiaryContext, parent: QWidget | None = None) -> None:
        super().__init__("Privacy", parent)
        self.context = context
        self.status = QLabel("")
        speech.reads_as_shown(self.status, "Protection")
        self.protect_button = QPushButton("Protect this diary with a &passphrase…")
        self.protect_button.clicked.connect(self.protect)
        self.change_button = QPushButton("C&hange the passphrase…")
        self.change_button.clicked.connect(self.change)
        self.remove_button = QPushButton("Remove the pass&phrase…")
        self.remove_button.clicked.connect(self.remove)
        self.minutes = QSpinBox()
        self.minutes.setRange(0, MOST_MINUTES)
        self.minutes.setSpecialValueText("Never")
        self.minutes.setSuffix(" minutes")
        self.minutes.setValue(lock_after_minutes())
        self.minutes.setAccessibleName("Lock after this many minutes without use")
        self.minutes_label = QLabel("&Lock after")
        self.minutes_label.setBuddy(self.minutes)
        minutes_row = QHBoxLayout()
        minutes_row.addWidget(self.minutes_label)
        minutes_row.addWidget(self.minutes)
        minutes_row.addWidget(QLabel("without use (on this computer)"))
        minutes_row.addStretch()
        buttons = QHBoxLayout()
        for button in (self.protect_button, self.change_button, self.remove_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        layout.addLayout(minutes_row)
        self.show_state()

    def show_state(self) -> None:
        protected = self.context.protected
        self.status.setText(
            "This diary is protected by a passphrase: it is encrypted on the disk."
            if protected
            else "This diary is not protected: anyone who uses this computer can open it."
        )
        self.protect_button.setVisible(not protected)
        self.change_button.setVisible(protected)
        self.remove_button.setVisible(protected)
        for widget in (self.minutes, self.minutes_label):
            widget.setEnabled(protected)

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
    if context.protected:
        return True
    from diary.ui.settings.protection_dialogs import ProtectDialog

    return bool(ProtectDialog(context, parent, first_run=True).exec())
