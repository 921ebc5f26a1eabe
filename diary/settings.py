"""Every setting IsoDiary keeps, in one place: its key, type, default and where it lives.

Three homes, as Picard keeps options apart from remembered state:
- a **preference** (`PREFERENCES`): chosen by the person in Settings, stored in the diary
  (the `settings` table, under "preference.") so it travels with it; typed by
  `diary.core.preferences.Preferences`.
- a **remembered choice** (`RememberedChoice`): something the program noted about this
  diary (the first-run questions were answered), stored in the diary too.
- **window state** (`WindowState`): how the window was left on this computer (its size,
  the folder charts were saved to), in QSettings under `ORGANISATION`/`APPLICATION`.

This module is Qt-free at import (the store reads its keys); QSettings loads when used.
The diary's own folder is not QSettings' business: see diary/desktop/paths.py, which pins it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from diary import APP_NAME
from diary.core.preferences import Preferences

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

# QSettings' names: ~/.config/IsoDiary/IsoDiary.conf on Linux, the registry key
# HKEY_CURRENT_USER\Software\IsoDiary\IsoDiary on Windows, a plist in ~/Library/Preferences on macOS.
ORGANISATION = APP_NAME
APPLICATION = APP_NAME

# Preferences share the diary's settings table with remembered choices, under this prefix.
PREFERENCE_PREFIX = "preference."


@dataclass(frozen=True)
class Preference:
    """A preference's key in the diary, its type and default (from Preferences)."""

    name: str
    kind: type
    default: object

    @property
    def key(self) -> str:
        return PREFERENCE_PREFIX + self.name


PREFERENCES: tuple[Preference, ...] = tuple(
    Preference(field.name, type(getattr(Preferences(), field.name)), getattr(Preferences(), field.name))
    for field in fields(Preferences)
)


@dataclass(frozen=True)
class RememberedChoice:
    """Something the program remembers about one diary, stored in it."""

    key: str
    kind: type
    default: object
    meaning: str


FIRST_RUN_DONE = RememberedChoice(
    "first_run_done", bool, False, "the first-run questions (routine, course) were answered or skipped"
)
PHQ9_OFFER_DISMISSED_ON = RememberedChoice(
    "phq9_offer_dismissed_on", str, None, "the day (ISO date) the PHQ-9 offer was put off, till tomorrow"
)
REMEMBERED: tuple[RememberedChoice, ...] = (FIRST_RUN_DONE, PHQ9_OFFER_DISMISSED_ON)

# One remembered choice per flag whose message at save was shown: what it showed, so the
# message comes again only when the day becomes more serious (mood-flags spec).
ALERTED_PREFIX = "alerted:"


def alerted_message(rule: str, day_iso: str) -> RememberedChoice:
    """What the message at save showed for the flag (rule, day), or None when never shown."""
    return RememberedChoice(
        f"{ALERTED_PREFIX}{rule}:{day_iso}", dict, None, "the flag's message at save, as shown"
    )


@dataclass(frozen=True)
class WindowState:
    """How the window was left on this computer, in QSettings (never in the diary)."""

    key: str
    kind: type
    default: object
    meaning: str

    def read(self) -> object:
        value = qt_settings().value(self.key)
        return self.default if value is None else value

    def write(self, value: object) -> None:
        qt_settings().setValue(self.key, value)


WINDOW_GEOMETRY = WindowState("window/geometry", bytes, None, "the main window's size and place (Qt's own)")
SAVE_FOLDER = WindowState(
    "files/save_folder",
    str,
    None,
    "where a chart, summary or export was last saved (else the Documents folder)",
)
TRENDS_HIDDEN_SERIES = WindowState("trends/hidden_series", list, [], "the trend lines switched off")
CLOSE_TO_TRAY = WindowState(
    "desktop/close_to_tray",
    bool,
    None,
    "closing the window leaves IsoDiary in the tray (None: not asked yet)",
)
CLOSE_TO_TRAY_ASKED = WindowState(
    "desktop/close_to_tray_asked",
    bool,
    False,
    "the person answered the close-to-tray question (Settings alone does not count)",
)
# A group: one value per diary file (a digest of its path) and reminder kind. On this
# computer only, since showing a reminder is no change to the diary (nor its backups).
REMINDERS_SHOWN = WindowState(
    "reminders_shown", str, None, "each reminder kind's last day shown (ISO date), per diary file"
)
WINDOW_DARK = WindowState(
    "window/dark",
    bool,
    False,
    "the window's look was dark when last set (the next start's first frame follows it)",
)
# A group too: the evening reminder's time per diary file, copied from the diary's
# preferences whenever they are read or saved, so that reminders still come while a
# protected diary is locked (and cannot be read).
EVENING_TIME = WindowState(
    "reminders_evening_time", str, "", "the evening reminder's time (HH:MM, '' when off), per diary file"
)
LOCK_AFTER_MINUTES = WindowState(
    "privacy/lock_after_minutes",
    int,
    5,
    "minutes without a key or a click before a protected diary's window locks (0: never)",
)
WINDOW_STATE: tuple[WindowState, ...] = (
    WINDOW_GEOMETRY,
    WINDOW_DARK,
    SAVE_FOLDER,
    TRENDS_HIDDEN_SERIES,
    CLOSE_TO_TRAY,
    CLOSE_TO_TRAY_ASKED,
    REMINDERS_SHOWN,
    EVENING_TIME,
    LOCK_AFTER_MINUTES,
)


def name_application() -> None:
    """Give Qt the names QSettings files its values under (before the first QSettings)."""
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)


def qt_settings() -> QSettings:
    """This computer's window state: QSettings under IsoDiary's own names, in the default
    format (tests point that at a temporary folder)."""
    from PySide6.QtCore import QSettings

    return QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANISATION, APPLICATION)
