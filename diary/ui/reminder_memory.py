"""What was already shown, so no reminder comes twice in a day; and the per-computer
choices (close to the tray), which do not travel with the diary.

The days shown live in the diary's settings table, so a second computer opening the
same diary on the same day does not repeat them; the tray choice lives in QSettings.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSettings

from diary import APP_NAME
from diary.core.reminders import KINDS
from diary.ui.context import DiaryContext

SHOWN_SETTING = "reminders_shown"
CLOSE_TO_TRAY = "desktop/close_to_tray"


class ShownReminders:
    """Each reminder kind's last day shown, kept in the diary."""

    def __init__(self, context: DiaryContext) -> None:
        self.context = context

    def days(self) -> dict[str, dt.date]:
        stored = self.context.diary.setting(SHOWN_SETTING, {})
        days: dict[str, dt.date] = {}
        if isinstance(stored, dict):
            for kind, text in stored.items():
                try:
                    days[kind] = dt.date.fromisoformat(text)
                except (TypeError, ValueError):
                    continue  # a damaged value only means that reminder may show again
        return days

    def mark(self, kinds: list[str], day: dt.date) -> None:
        days = {kind: shown.isoformat() for kind, shown in self.days().items() if kind in KINDS}
        days.update({kind: day.isoformat() for kind in kinds})
        self.context.diary.set_setting(SHOWN_SETTING, days)


def computer_settings() -> QSettings:
    """This computer's IsoDiary settings, under a named organisation and application.
    Only QSettings is named: the diary's data folder stays where paths.py puts it."""
    # The format is the default one (native; tests point it at a temporary folder).
    return QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, APP_NAME, APP_NAME)


def close_to_tray() -> bool | None:
    """Whether closing the window leaves IsoDiary in the tray; None until asked."""
    value = computer_settings().value(CLOSE_TO_TRAY)
    if value is None:
        return None
    return value in (True, "true", "1", 1)


def set_close_to_tray(keep: bool) -> None:
    computer_settings().setValue(CLOSE_TO_TRAY, keep)
