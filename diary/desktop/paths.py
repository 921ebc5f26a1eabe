"""Where the person's diary lives on this computer: the data folder, and XDG's folders."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from diary import APP_NAME

DIARY_FILE_NAME = "diary.sqlite3"
ENVIRONMENT_VARIABLE = "ISODIARY_DB"


def default_diary_path() -> Path:
    """$ISODIARY_DB, or the diary in the platform's application-data folder."""
    chosen = os.environ.get(ENVIRONMENT_VARIABLE)
    if chosen:
        return Path(chosen).expanduser()
    return data_folder() / DIARY_FILE_NAME


def data_folder(platform: str = sys.platform) -> Path:
    """Where the diary has always lived: ~/.local/share/IsoDiary on Linux (or
    $XDG_DATA_HOME/IsoDiary), ~/Library/Application Support/IsoDiary on macOS,
    %APPDATA%\\IsoDiary on Windows.

    Pinned here rather than asked of Qt: these are Qt's AppDataLocation for an application
    with no organisation name, which is what IsoDiary had until QSettings was given one (and
    Qt would now add the organisation to the path). A diary never moves.
    """
    home = Path.home()
    if platform == "win32":
        roaming = os.environ.get("APPDATA")
        return (Path(roaming) if roaming else home / "AppData" / "Roaming") / APP_NAME
    if platform == "darwin":
        return home / "Library" / "Application Support" / APP_NAME
    return xdg_folder("XDG_DATA_HOME", home / ".local" / "share") / APP_NAME


def xdg_folder(variable: str, fallback: Path, environ: Mapping[str, str] | None = None) -> Path:
    """The XDG base folder `$variable`, or `fallback` when it is unset or relative (the spec
    says a relative path is invalid and is to be ignored, and Qt ignores it too)."""
    chosen = (os.environ if environ is None else environ).get(variable, "")
    return Path(chosen) if chosen and Path(chosen).is_absolute() else fallback
