"""Every setting is declared once (diary/settings.py); QSettings can be written; the diary never moves."""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from diary import settings
from diary.core.entry import Entry
from diary.core.preferences import Preferences
from diary.desktop.paths import DIARY_FILE_NAME, data_folder, default_diary_path
from diary.store.diary import Diary

PACKAGE = Path(__file__).resolve().parents[1] / "diary"


@pytest.fixture
def named_application(qapp: object) -> Iterator[None]:
    """The application named as IsoDiary names it, then as pytest-qt had it."""
    from PySide6.QtCore import QCoreApplication

    before = QCoreApplication.organizationName(), QCoreApplication.applicationName()
    settings.name_application()
    yield
    QCoreApplication.setOrganizationName(before[0])
    QCoreApplication.setApplicationName(before[1])


def test_qsettings_can_be_written_once_the_application_is_named(named_application: None) -> None:
    from PySide6.QtCore import QSettings

    written = QSettings()
    written.setValue("test/written", 42)
    written.sync()
    assert written.status() == QSettings.Status.NoError
    assert QSettings().value("test/written") in (42, "42")
    assert (settings.ORGANISATION, settings.APPLICATION) == ("IsoDiary", "IsoDiary")


def test_window_state_reads_back_what_was_written(qapp: object) -> None:
    assert settings.SAVE_FOLDER.read() is None  # the default, nothing written yet
    settings.SAVE_FOLDER.write("/somewhere/charts")
    assert settings.SAVE_FOLDER.read() == "/somewhere/charts"
    assert settings.qt_settings().status() == settings.qt_settings().Status.NoError


def test_an_existing_diary_is_found_where_it_always_was(
    named_application: None, private_folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Giving QSettings an organisation changes Qt's AppDataLocation; the diary stays put."""
    from PySide6.QtCore import QStandardPaths

    monkeypatch.delenv("ISODIARY_DB")
    where_it_was = private_folders / "data" / "IsoDiary" / DIARY_FILE_NAME  # ~/.local/share/IsoDiary
    where_it_was.parent.mkdir(parents=True)
    with Diary.open(where_it_was) as diary:
        diary.save_entry(Entry(dt.date(2026, 4, 15), mood=6))

    assert default_diary_path() == where_it_was
    with Diary.open(default_diary_path()) as diary:
        assert diary.entry(dt.date(2026, 4, 15)).mood == 6  # type: ignore[union-attr]
    qt_now = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    assert qt_now != where_it_was.parent, "Qt's folder moved with the organisation name; ours did not"


def test_the_data_folder_without_xdg_is_under_local_share(
    private_folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_DATA_HOME")
    assert data_folder("linux") == private_folders / ".local" / "share" / "IsoDiary"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")  # as Qt does
    assert data_folder("linux") == private_folders / ".local" / "share" / "IsoDiary"


def test_the_data_folder_on_macos_and_windows(private_folders: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert data_folder("darwin") == private_folders / "Library" / "Application Support" / "IsoDiary"
    monkeypatch.setenv("APPDATA", str(private_folders / "Roaming"))
    assert data_folder("win32") == private_folders / "Roaming" / "IsoDiary"
    monkeypatch.delenv("APPDATA")
    assert data_folder("win32") == private_folders / "AppData" / "Roaming" / "IsoDiary"


def test_every_key_is_declared_once() -> None:
    keys = [
        *(preference.key for preference in settings.PREFERENCES),
        *(choice.key for choice in settings.REMEMBERED),
        *(state.key for state in settings.WINDOW_STATE),
    ]
    assert len(keys) == len(set(keys))
    assert {preference.name for preference in settings.PREFERENCES} == set(Preferences().values())
    for preference in settings.PREFERENCES:
        assert isinstance(preference.default, preference.kind)


def test_no_key_is_written_out_anywhere_else() -> None:
    """The keys' strings appear in diary/settings.py only; everyone else names the declaration."""
    keys = {choice.key for choice in settings.REMEMBERED} | {state.key for state in settings.WINDOW_STATE}
    keys.add(settings.PREFERENCE_PREFIX)
    found = [
        f"{path.relative_to(PACKAGE)}:{node.lineno} {node.value!r}"
        for path in PACKAGE.rglob("*.py")
        if path.name != "settings.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and node.value in keys
    ]
    assert found == []


def test_saving_preferences_tells_the_window(qtbot: QtBot, diary: Diary) -> None:
    from diary.ui.app.context import DiaryContext

    context = DiaryContext(diary)
    chosen = Preferences(emergency_number="112")
    with qtbot.waitSignal(context.preferences_changed, timeout=1000) as signal:
        context.save_preferences(chosen)
    assert signal.args == [chosen]
    assert context.preferences() == chosen
    assert context.remembered(settings.FIRST_RUN_DONE) is False
    context.remember(settings.FIRST_RUN_DONE, True)
    assert context.remembered(settings.FIRST_RUN_DONE) is True
