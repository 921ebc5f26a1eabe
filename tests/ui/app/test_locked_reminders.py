"""While the diary is locked (issue 25, 2): the tray and its notifications say only that it
is time for today's entry, at the evening time this computer keeps; nothing is read from
the diary; what a command hands over is refused, saying so; the crash log keeps no words."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QSystemTrayIcon
from pytestqt.qtbot import QtBot

from diary.core.entry import Entry
from diary.core.interchange import DiaryDocument, document_to_json
from diary.core.preferences import Preferences
from diary.core.reminders import Reminder
from diary.desktop.instance import SingleInstance
from diary.store.diary import Diary
from diary.ui.app.application import serve_request
from diary.ui.app.context import DiaryContext
from diary.ui.app.lock_screen import WindowLock
from diary.ui.app.locked_reminders import LOCKED_MESSAGE, LOCKED_NOTICE, LOCKED_TITLE, LockedReminders
from diary.ui.app.tray import DesktopReminders, Tray
from diary.ui.models.reminder_memory import evening_time, remember_evening_time, set_close_to_tray
from tests.helpers.diaries import REPOSITORY, sample_course
from tests.helpers.window import close_window, open_window

TODAY = dt.date(2026, 4, 15)
EVENING = dt.datetime(2026, 4, 15, 21, 0)
NO_TRAY_HOST = "systemTrayWindowChanged"


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def context(diary_path: Path) -> Iterator[DiaryContext]:
    with Diary.open(diary_path) as diary:
        diary.save_course(sample_course())
        yield DiaryContext(diary, today=lambda: TODAY)


@pytest.fixture(autouse=True)
def no_close_to_tray_question() -> Iterator[None]:
    set_close_to_tray(False, asked=True)  # closing a window asks nothing, and quits
    yield
    QApplication.setQuitOnLastWindowClosed(True)


@pytest.fixture
def bare(qtbot: QtBot) -> QMainWindow:
    """A window for the reminders to belong to (the tray needs no more)."""
    window = QMainWindow()
    qtbot.addWidget(window)
    return window


def menu_lines(tray: Tray) -> list[str]:
    return [action.text() for action in tray.menu.actions() if action.text()]


@pytest.mark.qt_log_ignore(NO_TRAY_HOST)
def test_the_locked_tray_says_nothing_of_the_diary(
    qtbot: QtBot, bare: QMainWindow, context: DiaryContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QSystemTrayIcon, "showMessage", lambda _icon, title, text, *_: messages.append((title, text))
    )
    clock = Clock(EVENING)
    desktop = DesktopReminders(bare, context, lambda: None, now=clock, has_tray=True)
    tray = desktop.tray
    assert tray is not None
    desktop.clock.check()  # unlocked: what is due, by name
    assert len(messages) == 1 and messages[-1][0] == "IsoDiary: 2 reminders" and "PHQ-9" in messages[-1][1]
    assert "Due: PHQ-9 check-in" in menu_lines(tray)

    desktop.set_locked(True)
    assert menu_lines(tray) == ["Unlock IsoDiary", "Quit IsoDiary"]
    assert tray.icon.toolTip() == "IsoDiary (locked)"
    assert desktop.clock.check() == [] and not desktop.clock.timer.isActive()  # the diary is not read
    late = Reminder("phq9", "PHQ-9 check-in", "Nine short questions.", TODAY)
    tray.show_due([late])  # a list from a check that was under way at the lock: not shown
    tray.notify([late])
    assert menu_lines(tray) == ["Unlock IsoDiary", "Quit IsoDiary"] and len(messages) == 1

    desktop.set_locked(False)
    qtbot.waitUntil(lambda: "Due: PHQ-9 check-in" in menu_lines(tray))
    assert tray.open_action.text() == "Open today's entry"


@pytest.mark.qt_log_ignore(NO_TRAY_HOST)
def test_the_evening_reminder_comes_while_locked_in_the_same_few_words(
    qtbot: QtBot, bare: QMainWindow, context: DiaryContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QSystemTrayIcon, "showMessage", lambda _icon, title, text, *_: messages.append((title, text))
    )
    context.save_preferences(Preferences(reminder_time="20:45"))
    clock = Clock(EVENING.replace(hour=20, minute=44))
    desktop = DesktopReminders(bare, context, lambda: None, now=clock, has_tray=True)
    assert desktop.tray is not None
    assert evening_time(context.path) == dt.time(20, 45)  # kept on this computer
    desktop.set_locked(True)
    context.close()
    assert not desktop.locked_clock.check() and messages == []  # 20:44: not yet
    clock.now = EVENING.replace(hour=20, minute=45)
    with qtbot.waitSignal(desktop.locked_clock.due):
        desktop.locked_clock.timer.timeout.emit()
    assert messages == [(LOCKED_TITLE, LOCKED_MESSAGE)] == [("IsoDiary", "Time for today's entry.")]
    assert desktop.tray.icon.toolTip() == LOCKED_NOTICE == "IsoDiary: time for today's entry"
    assert menu_lines(desktop.tray) == ["Unlock IsoDiary", "Quit IsoDiary"]
    assert not desktop.locked_clock.check(), "once a day"
    # Unlocked, the evening reminder is not announced a second time that day.
    desktop.set_locked(False)
    assert [r.kind for r in desktop.clock.check()] == ["phq9"]


def test_the_evening_time_follows_the_settings(bare: QMainWindow, context: DiaryContext) -> None:
    DesktopReminders(bare, context, lambda: None, now=Clock(EVENING), has_tray=False)
    assert evening_time(context.path) == dt.time(20, 30)  # a new diary's
    context.save_preferences(Preferences(reminder_time="19:30"))
    assert evening_time(context.path) == dt.time(19, 30)
    context.save_preferences(Preferences(reminder_time=""))
    assert evening_time(context.path) is None


def test_without_an_evening_time_no_reminder_comes_while_locked(qtbot: QtBot, diary_path: Path) -> None:
    remember_evening_time(diary_path, "")
    reminders = LockedReminders(diary_path, Clock(EVENING))
    reminders.start()
    assert not reminders.check()


def test_without_a_tray_the_lock_screen_shows_the_reminder(qtbot: QtBot, diary_path: Path) -> None:
    window = open_window(qtbot, diary_path, TODAY)
    window.context.save_preferences(Preferences(reminder_time="20:30"))
    desktop = DesktopReminders(window, window.context, lambda: None, now=Clock(EVENING), has_tray=False)
    lock = WindowLock(window, lambda: True, lambda *_: None, lambda _e: None, idle_ms=lambda: 0)
    lock.locked_changed.connect(desktop.set_locked)
    desktop.locked_reminder.connect(lambda: lock.screen and lock.screen.show_reminder())
    lock.lock()
    assert lock.screen is not None
    with qtbot.waitSignal(desktop.locked_reminder):
        desktop.locked_clock.timer.timeout.emit()
    assert lock.screen.reminder.text() == "IsoDiary: time for today's entry"
    close_window(window)


# Handed over while locked ---------------------------------------------------------------------


def test_an_import_a_restore_and_photos_handed_over_while_locked_are_refused(
    qtbot: QtBot, diary_path: Path, tmp_path: Path
) -> None:
    with Diary.open(diary_path) as diary:
        diary.save_entry(Entry(TODAY, dose_mg=40))
        diary.set_setting("first_run_done", True)
    instance = SingleInstance(diary_path)
    assert instance.start()
    window = open_window(qtbot, diary_path, TODAY)
    lock = WindowLock(window, lambda: True, lambda *_: None, lambda _e: None, idle_ms=lambda: 0)
    instance.serve(lambda request: serve_request(window, window.context, request, lambda: lock.locked))
    lock.lock()
    file = tmp_path / "day.json"
    file.write_text(
        document_to_json(
            DiaryDocument(entries=(Entry(TODAY, dose_mg=40, mood=1, note="imported"),)),
            dt.datetime(2026, 4, 15, tzinfo=dt.UTC),
        )
    )
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "diary", "--db", str(diary_path), "import", str(file), "--replace"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPOSITORY,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        qtbot.waitUntil(lambda: process.poll() is not None, timeout=60000)
        _out, error = process.communicate()
        assert process.returncode == 1
        assert error.strip() == (
            "isodiary: IsoDiary is locked, so nothing was imported. Unlock it in its window, then try again."
        )
        for action, words in (("restore", "nothing was restored"), ("add_photos", "no photo was added")):
            answer = serve_request(
                window, window.context, {"do": action, "file": str(file)}, lambda: lock.locked
            )
            assert answer["ok"] is False and words in str(answer["message"]) and answer["code"] == 1
    finally:
        instance.stop()
    assert lock.locked
    lock.unlock()
    assert window.context.entry(TODAY) == Entry(TODAY, dose_mg=40), "nothing changed"
    close_window(window)


# The crash log --------------------------------------------------------------------------------


@pytest.mark.qt_log_ignore("has no parent")
def test_the_crash_log_holds_where_an_error_was_never_its_words(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diary.ui.app.crash import install_crash_hook, log_path, uninstall_crash_hook

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text, *_rest: told.append(text))

    def save_the_note() -> None:
        try:
            raise KeyError("my note: thoughts of hurting myself")
        except KeyError as error:
            raise ValueError("mood 2, PHQ-9 item 9 answered 3") from error

    with qtbot.capture_exceptions() as caught:
        hook = install_crash_hook(tmp_path)
        try:
            QTimer.singleShot(0, save_the_note)
            qtbot.waitUntil(lambda: bool(told))
            hook.qt_message(*_qt_warning('QWidget "Note: thoughts of hurting myself" has no parent'))
        finally:
            uninstall_crash_hook(hook)
    logged = log_path(tmp_path).read_text()
    assert "ValueError" in logged and "KeyError" in logged and "save_the_note" in logged
    for words in ("hurting myself", "mood 2", "PHQ-9 item 9"):
        assert words not in logged, words
    assert "Qt: QWidget “…” has no parent" in logged
    assert len(caught) == 1


def _qt_warning(message: str) -> tuple[object, object, str]:
    from PySide6.QtCore import QMessageLogContext, QtMsgType

    return QtMsgType.QtWarningMsg, QMessageLogContext(), message
