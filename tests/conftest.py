"""Shared fixtures. Tests never touch the person's real diary, settings or data folder."""

from __future__ import annotations

import os

# Before Qt is imported anywhere: no screen needed, and no real config or data folders.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.diaries import sample_course, sample_entries


@pytest.fixture(autouse=True)
def private_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every per-user folder at a temporary one for each test."""
    home = tmp_path_factory.mktemp("home")
    for variable, folder in (
        ("HOME", home),
        ("XDG_DATA_HOME", home / "data"),
        ("XDG_CONFIG_HOME", home / "config"),
        ("XDG_CACHE_HOME", home / "cache"),
    ):
        monkeypatch.setenv(variable, str(folder))
    monkeypatch.setenv("ISODIARY_DB", str(home / "default-diary.sqlite3"))
    return home


@pytest.fixture(autouse=True)
def qt_settings_in_temp(private_folders: Path) -> None:
    """QSettings (window geometry) goes to the temporary config folder, if Qt is in use."""
    import sys

    if "PySide6.QtCore" not in sys.modules:
        return
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(private_folders / "config"))


@pytest.fixture
def diary_path(tmp_path: Path) -> Path:
    return tmp_path / "diary.sqlite3"


@pytest.fixture
def diary(diary_path: Path) -> Iterator[object]:
    from diary.store.diary import Diary

    with Diary.open(diary_path) as opened:
        yield opened


@pytest.fixture
def course() -> object:
    return sample_course()


@pytest.fixture
def entries() -> list[object]:
    return sample_entries()


@pytest.fixture
def today() -> dt.date:
    return dt.date(2026, 4, 15)
