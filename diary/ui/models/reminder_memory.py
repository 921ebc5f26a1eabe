"""What was already shown, so no reminder comes twice in a day; and the per-computer
choices (close to the tray), which do not travel with the diary.

Both live in QSettings, not in the diary: showing a reminder is no change to the diary
(its backups and exports stay as they were), and a notification is this computer's.
The days shown are kept per diary file.
"""

from __future__ import annotations

import datetime as dt

from diary.core.reminders import KINDS
from diary.desktop.instance import real_path
from diary.settings import CLOSE_TO_TRAY, CLOSE_TO_TRAY_ASKED, REMINDERS_SHOWN, qt_settings
from diary.ui.app.context import DiaryContext


class ShownReminders:
    """Each reminder kind's last day shown, for this diary file, on this computer."""

    def __init__(self, context: DiaryContext) -> None:
        import hashlib

        path = str(real_path(context.path))
        self.key = f"{REMINDERS_SHOWN.key}/{hashlib.sha256(path.encode()).hexdigest()[:16]}"

    def days(self) -> dict[str, dt.date]:
        settings = qt_settings()
        days: dict[str, dt.date] = {}
        for kind in KINDS:
            text = settings.value(f"{self.key}/{kind}")
            try:
                days[kind] = dt.date.fromisoformat(str(text))
            except ValueError:
                continue  # never shown, or a damaged value: that reminder may show again
        return days

    def mark(self, kinds: list[str], day: dt.date) -> None:
        settings = qt_settings()
        for kind in kinds:
            settings.setValue(f"{self.key}/{kind}", day.isoformat())
        settings.sync()


def close_to_tray() -> bool | None:
    """Whether closing the window leaves IsoDiary in the tray; None until asked."""
    value = CLOSE_TO_TRAY.read()
    if value is None:
        return None
    return value in (True, "true", "1", 1)


def close_to_tray_asked() -> bool:
    """Whether the person answered the question at a close (a Settings tick is not that)."""
    return CLOSE_TO_TRAY_ASKED.read() in (True, "true", "1", 1)


def set_close_to_tray(keep: bool, asked: bool = False) -> None:
    CLOSE_TO_TRAY.write(keep)
    if asked:
        CLOSE_TO_TRAY_ASKED.write(True)
