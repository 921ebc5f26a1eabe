"""Driving the window the way a person does: keys go to whatever has the focus."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from diary.store.diary import Diary
from diary.ui.app.context import DiaryContext
from diary.ui.app.main_window import MainWindow


def open_window(qtbot: QtBot, path: Path, today: dt.date) -> MainWindow:
    """A shown, active main window on the diary at `path`, with a fixed "today"."""
    diary = Diary.open(path)
    context = DiaryContext(diary, today=lambda: today)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def close_window(window: MainWindow) -> None:
    window.close()
    window.context.close()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def type_text(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def tab(qtbot: QtBot, times: int = 1) -> None:
    for _ in range(times):
        press(qtbot, Qt.Key.Key_Tab)


def when_dialog_opens(handle: object, timeout_ms: int = 5000) -> None:
    """Call `handle(dialog)` as soon as a modal dialog is up (dialogs block the test otherwise).

    Stops looking after `timeout_ms`, so a dialog that never came cannot be caught by a later test.
    """
    deadline = QDeadlineTimer(timeout_ms)

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.isVisible():
            handle(dialog)  # type: ignore[operator]
        elif not deadline.hasExpired():
            QTimer.singleShot(20, look)

    QTimer.singleShot(20, look)
