"""The locked window (issue 25, 2): after the idle time, or File ▸ Lock now, nothing of the
diary is on screen or in the window's widget tree until the passphrase is typed again;
dialogs and menus close, actions are off, and what was typed in the form waits, unseen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from diary.core.entry import Entry
from diary.store import protection
from diary.store.diary import Diary
from diary.store.errors import DiaryLocked
from diary.ui.app.lock_screen import LockScreen, WindowLock
from diary.ui.app.main_window import MainWindow
from diary.ui.models.reminder_memory import lock_after_minutes, set_lock_after_minutes
from tests.helpers.window import close_window, open_window, when_dialog_opens

TODAY = dt.date(2026, 4, 15)
PASSPHRASE = "correct horse battery"
SECRET_NOTE = "told no one about the dark thoughts"


WRONG = "That passphrase does not open this diary."


@pytest.fixture
def recovery_code(diary_path: Path) -> Iterator[str]:
    """A diary protected by PASSPHRASE, its keys held (as after the prompt at start)."""
    with Diary.open(diary_path) as diary:
        diary.save_entry(Entry(TODAY, dose_mg=40, mood=3, note=SECRET_NOTE))
        diary.set_setting("first_run_done", True)
    yield protection.protect(diary_path, PASSPHRASE)
    protection.lock()


@pytest.fixture
def window(qtbot: QtBot, diary_path: Path, recovery_code: str) -> Iterator[MainWindow]:
    opened = open_window(qtbot, diary_path, TODAY)
    yield opened
    close_window(opened)


def lock_of(window: MainWindow, idle_ms: int = 0) -> WindowLock:
    """The window's lock as the application makes it: the real passphrase check."""
    return WindowLock(window, lambda: window.context.protection.protected, idle_ms=lambda: idle_ms)


def shown_texts(window: QWidget) -> str:
    """Every word a sighted person or a screen reader can reach in the window now."""
    words = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLabel | QLineEdit):
            words.append(widget.text())
        words += [widget.accessibleName(), widget.toolTip()]
    return "\n".join(words)


def unlock(qtbot: QtBot, lock: WindowLock, passphrase: str = PASSPHRASE) -> None:
    assert lock.screen is not None
    field = lock.screen.form.field
    field.selectAll()
    qtbot.keyClicks(field, passphrase)
    with qtbot.waitSignal(lock.locked_changed) as changed:
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert changed.args == [False]


def test_idle_time_locks_the_window_and_hides_every_health_datum(qtbot: QtBot, window: MainWindow) -> None:
    assert SECRET_NOTE in window.day_view.form.note.toPlainText()
    lock = lock_of(window, idle_ms=300)
    with qtbot.waitSignal(lock.locked_changed) as changed:
        pass  # no key, no click: the idle time passes
    assert changed.args == [True] and lock.locked
    assert isinstance(window.centralWidget(), LockScreen)
    assert not window.isAncestorOf(window.day_view) and not window.isAncestorOf(window.tabs)
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    seen = shown_texts(window)
    assert "IsoDiary is locked" in seen
    for private in (SECRET_NOTE, "Mood", "Flags", "Trends", "PHQ-9", "Pregnancy", "Day 1"):
        assert private not in seen, private
    # Every shortcut is off but Quit: Ctrl+2 shows no trends, Ctrl+, no settings.
    on = [a.text() for a in window.findChildren(QAction) if a.isEnabled() and a.text()]
    assert on == ["&Quit"]
    # The keys are forgotten: nothing in this process can read the diary now.
    qtbot.waitUntil(lambda: lock.forgotten)
    assert protection.keys_held(window.context.path) is None
    with pytest.raises(DiaryLocked):
        Diary.open(window.context.path)


def test_typing_puts_the_idle_lock_off(qtbot: QtBot, window: MainWindow) -> None:
    lock = lock_of(window, idle_ms=60_000)
    note = window.day_view.form.note
    note.setFocus()
    lock._last_input -= 61  # a minute without use has gone by...
    qtbot.keyClicks(note, "a")  # ...and then a key
    lock.timer.timeout.emit()
    assert not lock.locked and lock.timer.isActive()
    lock._last_input -= 61  # a minute without a key
    with qtbot.waitSignal(lock.locked_changed):
        lock.timer.timeout.emit()


def test_a_wrong_passphrase_is_said_beside_the_box_and_the_right_one_shows_the_diary_again(
    qtbot: QtBot, window: MainWindow
) -> None:
    note = window.day_view.form.note
    note.setFocus()
    note.moveCursor(note.textCursor().MoveOperation.End)
    qtbot.keyClicks(note, " and more")
    lock = lock_of(window)
    with qtbot.waitSignal(lock.locked_changed):
        lock.lock_action.trigger()
    assert lock.screen is not None
    form = lock.screen.form
    assert QApplication.focusWidget() is form.field
    qtbot.keyClicks(form.field, "wrong horse")
    with qtbot.waitSignal(form.worker.failed):
        qtbot.keyClick(form.field, Qt.Key.Key_Return)
    qtbot.waitUntil(form.field.isEnabled)
    assert form.problem.text() == WRONG
    assert lock.locked and form.field.hasFocus() and form.field.selectedText() == "wrong horse"
    unlock(qtbot, lock)
    stored = window.context.entry(TODAY)
    assert stored is not None and stored.note == SECRET_NOTE + " and more"  # saved at the lock
    assert window.centralWidget() is not None and window.isAncestorOf(window.day_view)
    assert window.menuBar().isVisible() and window.statusBar().isVisible()
    assert SECRET_NOTE in shown_texts(window) or SECRET_NOTE in window.day_view.form.note.toPlainText()
    assert note.hasFocus(), "the keyboard is back where it was"
    assert all(a.isEnabled() for a in window.findChildren(QAction) if a.text() in ("&Export…", "&Lock now"))


def test_an_empty_passphrase_is_not_tried(qtbot: QtBot, window: MainWindow) -> None:
    lock = lock_of(window)
    lock.lock()
    assert lock.screen is not None
    form = lock.screen.form
    qtbot.mouseClick(form.unlock_button, Qt.MouseButton.LeftButton)
    assert form.problem.text() == "Type your passphrase first." and not form.busy and lock.locked


def test_the_recovery_code_unlocks_too(qtbot: QtBot, window: MainWindow, recovery_code: str) -> None:
    lock = lock_of(window)
    lock.lock()
    assert lock.screen is not None
    form = lock.screen.form
    qtbot.mouseClick(form.switch_button, Qt.MouseButton.LeftButton)
    assert form.label.text() == "&Recovery code" and form.field.echoMode() == QLineEdit.EchoMode.Normal
    assert form.switch_button.text() == "Use my &passphrase instead"
    qtbot.keyClicks(form.field, PASSPHRASE)  # a passphrase is no recovery code
    with qtbot.waitSignal(form.worker.failed):
        qtbot.keyClick(form.field, Qt.Key.Key_Return)
    qtbot.waitUntil(form.field.isEnabled)
    assert lock.locked and form.problem.text().startswith("A recovery code is 24 letters and digits")
    form.field.selectAll()
    qtbot.keyClicks(form.field, recovery_code.lower().replace("-", " "))  # as copied from paper
    with qtbot.waitSignal(lock.locked_changed):
        qtbot.keyClick(form.field, Qt.Key.Key_Return)
    assert not lock.locked and window.context.entry(TODAY) is not None
    lock.lock()
    assert lock.screen is not None
    assert lock.screen.form.field.echoMode() == QLineEdit.EchoMode.Password, "the passphrase again first"


def test_locking_closes_an_open_dialog_and_saves_nothing_of_it(qtbot: QtBot, window: MainWindow) -> None:
    lock = lock_of(window)
    seen: list[str] = []

    def lock_over(box: QMessageBox) -> None:
        seen.append(box.text())
        lock.lock()

    when_dialog_opens(lock_over)
    QMessageBox.information(window, "A message", "Something about the diary")
    assert seen == ["Something about the diary"] and lock.locked
    assert QApplication.activeModalWidget() is None


def test_locking_leaves_the_tray_icon_alone(qtbot: QtBot, window: MainWindow) -> None:
    """On X11 the tray's icon is a window of no one's: it stays (saying nothing, see the tray)."""
    icon_like = QWidget()
    qtbot.addWidget(icon_like)
    icon_like.show()
    lock_of(window).lock()
    assert icon_like.isVisible()


def test_a_dialog_that_opens_while_locked_is_closed_at_once(qtbot: QtBot, window: MainWindow) -> None:
    lock = lock_of(window)
    lock.lock()
    box = QMessageBox(QMessageBox.Icon.Warning, "Flag", "Thoughts of self-harm", parent=window)
    box.show()
    qtbot.waitUntil(lambda: not box.isVisible())


def test_without_protection_nothing_locks(qtbot: QtBot, diary_path: Path) -> None:
    window = open_window(qtbot, diary_path, TODAY)
    lock = WindowLock(window, lambda: window.context.protection.protected, idle_ms=lambda: 1)
    assert not lock.lock_action.isVisible() and not lock.timer.isActive()
    lock.lock()
    assert not lock.locked and window.isAncestorOf(window.day_view)
    close_window(window)


def test_the_idle_time_is_this_computers_setting(qtbot: QtBot) -> None:
    assert lock_after_minutes() == 5
    set_lock_after_minutes(15)
    assert lock_after_minutes() == 15
    set_lock_after_minutes(0)
    assert lock_after_minutes() == 0


def test_a_new_look_while_locked_reads_nothing_and_is_followed_after(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The desktop turning dark while locked: the hidden views would read the diary to draw
    again (its keys are forgotten); they do once it is unlocked."""
    from PySide6.QtGui import QFont

    from diary.ui.widgets import theme
    from diary.ui.widgets.calendar import to_qdate

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    calendar = window.day_view.calendar
    lock = lock_of(window)
    lock.lock()
    qtbot.waitUntil(lambda: lock.forgotten)
    calendar.setDateTextFormat(to_qdate(TODAY), calendar.dateTextFormat(to_qdate(TODAY)).__class__())
    try:
        theme.apply_appearance(app, "dark")  # no error: nothing tried to read the locked diary
        assert calendar.dateTextFormat(to_qdate(TODAY)).fontWeight() != QFont.Weight.Bold
        unlock(qtbot, lock)
        assert calendar.dateTextFormat(to_qdate(TODAY)).fontWeight() == QFont.Weight.Bold  # redrawn
    finally:
        app.setPalette(before)
