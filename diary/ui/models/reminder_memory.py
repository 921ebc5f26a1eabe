"""What was already shown, so no reminder comes twice in a day; and the per-computer
choices (close to the tray), which do not travel with the diary.

Both live in QSettings, not in the diary: showing a reminder is no change to the diary
(its backups and exports stay as they were), and a notification is this computer's.
The days shown are kept per diary file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from diary.core.reminders import KINDS
from diary.desktop.instance import real_path
from diary.settings import (
    CLOSE_TO_TRAY,
    CLOSE_TO_TRAY_ASKED,
    EVENING_TIME,
    LOCK_AFTER_MINUTES,
    REMINDERS_SHOWN,
    WindowState,
    qt_settings,
)
from diary.ui.app.context import DiaryContext

# The longest idle time Settings offers (a day), and what a damaged value falls back to.
MOST_MINUTES = 24 * 60


def per_diary(state: WindowState, diary_path: Path) -> str:
    """`state`'s key for one diary file: a digest of its real path, never the path itself."""
    import hashlib

    path = str(real_path(diary_path))
    return f"{state.key}/{hashlib.sha256(path.encode()).hexdigest()[:16]}"


class ShownReminders:
    """Each reminder kind's last day shown, for this diary file, on this computer."""

    def __init__(self, context: DiaryContext | None = None, diary_path: Path | None = None) -> None:
        path = context.path if context is not None else diary_path
        assert path is not None, "a context or a diary path"
        self.key = per_diary(REMINDERS_SHOWN, path)

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


def remember_evening_time(diary_path: Path, time: str) -> None:
    """Keep the evening reminder's time ("HH:MM", "" when off) on this computer too, so it
    is known while the diary is locked."""
    settings = qt_settings()
    key = per_diary(EVENING_TIME, diary_path)
    if settings.value(key) != time:
        settings.setValue(key, time)
        settings.sync()


def evening_time(diary_path: Path) -> dt.time | None:
    """The evening reminder's time this computer knows for the diary (None: off or unknown)."""
    text = qt_settings().value(per_diary(EVENING_TIME, diary_path))
    try:
        return dt.time.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def lock_after_minutes() -> int:
    """Minutes without use before a protected diary's window locks; 0 never."""
    value = LOCK_AFTER_MINUTES.read()
    try:
        minutes = int(str(value))
    except ValueError:
        return int(str(LOCK_AFTER_MINUTES.default))
    return minutes if 0 <= minutes <= MOST_MINUTES else int(str(LOCK_AFTER_MINUTES.default))


def set_lock_after_minutes(minutes: int) -> None:
    LOCK_AFTER_MINUTES.write(int(minutes))
