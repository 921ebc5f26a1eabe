"""The Reminders group of Settings: the evening time and the reminders' switches (which
travel with the diary), start at login and closing to the tray (this computer only)."""

from __future__ import annotations

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from diary.core.preferences import Preferences
from diary.core.reminders import PROGRAMME_NOTE
from diary.desktop.autostart import Autostart
from diary.ui.app.tray import tray_available
from diary.ui.models.reminder_memory import close_to_tray, set_close_to_tray
from diary.ui.widgets import speech

DEFAULT_TIME = QTime(20, 30)


class ReminderSettings(QGroupBox):
    """`values()` gives the reminder preferences; `apply_to_computer()` writes the
    per-computer choices (False, after saying why, when that failed)."""

    def __init__(
        self,
        preferences: Preferences,
        parent: QWidget | None = None,
        autostart: Autostart | None = None,
        has_tray: bool | None = None,
    ) -> None:
        super().__init__("Reminders", parent)
        self.autostart = autostart or Autostart()
        has_tray = tray_available() if has_tray is None else has_tray
        self.evening = QCheckBox("Evening &reminder at")
        self.evening.setChecked(bool(preferences.reminder_time))
        self.time = QTimeEdit(_time(preferences.reminder_time))
        self.time.setDisplayFormat("HH:mm")
        self.time.setEnabled(self.evening.isChecked())
        self.evening.toggled.connect(self.time.setEnabled)
        self.phq9 = QCheckBox("The PHQ-9 check-in when it is &due")
        self.phq9.setChecked(preferences.remind_phq9)
        self.appointments = QCheckBox("An appointment &tomorrow")
        self.appointments.setChecked(preferences.remind_appointments)
        self.tests = QCheckBox("Pregnancy tests, in a course with pregnancy pre&vention")
        self.tests.setChecked(preferences.remind_tests)
        self.start_at_login = QCheckBox("Start IsoDiary in the tray when I &log in")
        self.start_at_login.setChecked(self.autostart.is_enabled())
        self.keep_in_tray = QCheckBox("&Keep IsoDiary in the tray when I close the window")
        self.keep_in_tray.setChecked(bool(close_to_tray()))
        # Starting at login in the tray means staying there: closing the window keeps it.
        self.start_at_login.toggled.connect(self._keep_in_tray_too)
        named: tuple[tuple[QWidget, str], ...] = (
            (self.evening, "Evening reminder"),
            (self.time, "Evening reminder time"),
            (self.phq9, "Remind me of the PHQ-9 check-in"),
            (self.appointments, "Remind me of an appointment tomorrow"),
            (self.tests, "Remind me of pregnancy tests"),
            (self.start_at_login, "Start at login"),
            (self.keep_in_tray, "Keep in the tray when the window closes"),
        )
        for widget, name in named:
            widget.setAccessibleName(name)
        evening_row = QHBoxLayout()
        evening_row.addWidget(self.evening)
        evening_row.addWidget(self.time)
        evening_row.addStretch()
        if has_tray:
            where = (
                "Reminders come as notifications from the tray icon, once a day each,\n"
                "from the evening time (20:30 when it is off) until midnight."
            )
        else:
            where = (
                "This desktop has no system tray, so reminders show in IsoDiary's\n"
                "window while it is open, once a day each."
            )
            self.keep_in_tray.setEnabled(False)
        self.where = QLabel(where)
        speech.reads_as_shown(self.where, "Where reminders show")
        # Broken by hand: wrapped labels inside a group box get squeezed by the dialog's sizing.
        note = QLabel(PROGRAMME_NOTE.split(":")[0].replace(" It does", "\nIt does") + ".")
        computer_label = QLabel("On this computer only:")
        layout = QVBoxLayout(self)
        layout.addLayout(evening_row)
        shown: tuple[QWidget, ...] = (
            self.phq9,
            self.appointments,
            self.tests,
            note,
            self.where,
            computer_label,
            self.start_at_login,
            self.keep_in_tray,
        )
        for item in shown:
            layout.addWidget(item)
        # The dialog sizes itself by height-for-width, which would squeeze this group.
        self.setFixedHeight(self.minimumSizeHint().height())

    def _keep_in_tray_too(self, start_at_login: bool) -> None:
        if start_at_login:
            self.keep_in_tray.setChecked(True)

    def values(self) -> dict[str, str | bool]:
        return {
            "reminder_time": self.time.time().toString("HH:mm") if self.evening.isChecked() else "",
            "remind_phq9": self.phq9.isChecked(),
            "remind_appointments": self.appointments.isChecked(),
            "remind_tests": self.tests.isChecked(),
        }

    def apply_to_computer(self) -> bool:
        if self.keep_in_tray.isEnabled():
            set_close_to_tray(self.keep_in_tray.isChecked())
        wanted = self.start_at_login.isChecked()
        if wanted == self.autostart.is_enabled():
            return True
        try:
            if wanted:
                self.autostart.enable()
            else:
                self.autostart.disable()
        except (OSError, RuntimeError) as error:
            QMessageBox.warning(
                self,
                "Start at login",
                f"IsoDiary could not change how it starts at login:\n\n{error}\n\n"
                f"The file is {self.autostart.entry}.",
            )
            return False
        return True


def _time(text: str) -> QTime:
    parsed = QTime.fromString(text, "HH:mm") if text else DEFAULT_TIME
    return parsed if parsed.isValid() else DEFAULT_TIME
