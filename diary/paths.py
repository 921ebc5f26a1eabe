"""Where things live: the person's diary file and the resources shipped with the program."""

from __future__ import annotations

import os
from pathlib import Path

from diary import APP_NAME

DIARY_FILE_NAME = "diary.sqlite3"
ENVIRONMENT_VARIABLE = "ISODIARY_DB"


def default_diary_path() -> Path:
    """$ISODIARY_DB, or the diary in the platform's application-data folder.

    That folder is Qt's AppDataLocation (~/.local/share/IsoDiary on Linux,
    ~/Library/Application Support/IsoDiary on macOS, %APPDATA%/IsoDiary on Windows).
    """
    chosen = os.environ.get(ENVIRONMENT_VARIABLE)
    if chosen:
        return Path(chosen).expanduser()
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName("")
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder) / DIARY_FILE_NAME


def resources_folder() -> Path:
    """The resources inside an installed package, or the checkout's top-level folder."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "resources", package.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("IsoDiary's resources are missing from this installation")


def demo_diary_file() -> Path:
    return resources_folder() / "demo-diary.json"
