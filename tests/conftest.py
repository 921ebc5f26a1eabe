"""Shared fixtures. Tests never touch the person's real diary, settings or data folder."""

from __future__ import annotations

import os

# Before Qt is imported anywhere: no screen needed, and no real config or data folders.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.diaries import sample_course, sample_entries

# Every wait on a signal or a condition returns as soon as it comes; its timeout only stops
# a hang. On a busy machine (a shared CI box, two busy loops beside the suite) pytest-qt's
# five seconds, or a test's one, were not enough: a test failed there and passed alone.
PATIENCE_MS = 60_000


def _patient(wait: Any) -> Any:
    def waiting(*args: Any, **options: Any) -> Any:
        options["timeout"] = max(int(options.get("timeout", 0) or 0), PATIENCE_MS)
        return wait(*args, **options)

    return waiting


def _make_waits_patient() -> None:
    from pytestqt.qtbot import QtBot

    for name in ("waitUntil", "waitSignal", "waitSignals", "waitCallback", "waitExposed", "waitActive"):
        setattr(QtBot, name, _patient(getattr(QtBot, name)))


_make_waits_patient()


@pytest.fixture(scope="session")
def derived_schemas(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Each revision's schema, derived from the migrations once for the whole run (as a
    person's first start does), so the commands the tests run need not derive it again."""
    from diary.store import migrations, schema

    cache = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(cache))
        for revision in migrations.known_revisions():
            schema.expected_schema.cache_clear()
            schema.expected_schema(revision)
    assert any((cache / "IsoDiary").iterdir())
    return cache / "IsoDiary"


@pytest.fixture(scope="session")
def font_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Matplotlib's font cache, built once for the whole run. Built afresh in each test's
    empty cache folder, a busy machine made matplotlib say "Matplotlib is building the font
    cache; this may take a moment." on a command's error output, and a test reading that
    output failed under load and passed alone (issue 22, 13)."""
    import subprocess
    import sys

    folder = tmp_path_factory.mktemp("matplotlib")
    subprocess.run(
        [sys.executable, "-c", "import matplotlib.font_manager"],
        env={**os.environ, "MPLCONFIGDIR": str(folder)},
        check=True,
        capture_output=True,
        timeout=600,
    )
    return folder


@pytest.fixture(autouse=True)
def private_folders(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    derived_schemas: Path,
    font_cache: Path,
) -> Path:
    """Point every per-user folder at a temporary one for each test."""
    import shutil

    home = tmp_path_factory.mktemp("home")
    shutil.copytree(derived_schemas, home / "cache" / "IsoDiary")
    monkeypatch.setenv("MPLCONFIGDIR", str(font_cache))
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


@pytest.fixture(autouse=True)
def no_keys_held() -> Iterator[None]:
    """A protected diary's keys, once unlocked, are held by the process (diary.store.keyring):
    each test starts and ends with none, as a fresh start does."""
    yield
    import sys

    keyring = sys.modules.get("diary.store.keyring")
    if keyring is not None:
        keyring.forget()


@pytest.fixture
def quick_passphrases(monkeypatch: pytest.MonkeyPatch) -> None:
    """scrypt at 1 MiB instead of 64 (the key file records its cost, so unlocking follows):
    for tests that protect many diaries in this process. The commands' own runs keep 64 MiB."""
    from diary.store import key_file

    monkeypatch.setattr(key_file, "SCRYPT_N", 2**10)
