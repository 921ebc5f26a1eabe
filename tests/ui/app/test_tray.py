"""The tray and the reminders on screen: once a day each, from the diary's preferences;
in the window's status bar where there is no tray; the close-to-tray question."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from diary.core import reminders
from diary.core.entry import Entry
from diary.core.preferences import Preferences
from diary.store.diary import Diary
from diary.ui.app.application import open_today_in
from diary.ui.app.context import DiaryContext
from diary.ui.app.tray import DesktopReminders, ReminderClock, Tray
from diary.ui.models.reminder_memory import close_to_tray, set_close_to_tray
from diary.ui.settings.dialog import SettingsDialog
from tests.helpers.diaries import sample_course
from tests.helpers.window import close_window, open_window, when_dialog_opens

TODAY = dt.date(2026, 4, 15)
EVENING = dt.datetime(2026, 4, 15, 21, 0)
# The offscreen platform has no tray; showing the icon there only draws this complaint.
NO_TRAY_HOST = "systemTrayWindowChanged"
NO_RAISE = "does not support raise"


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
def quit_on_last_window_closed() -> Iterator[None]:
    yield
    QApplication.setQuitOnLastWindowClosed(True)


def test_the_evening_reminder_shows_once_a_day_even_after_a_restart(
    qtbot: QtBot, context: DiaryContext
) -> None:
    clock = Clock(EVENING)
    reminder_clock = ReminderClock(context, clock)
    with qtbot.waitSignal(reminder_clock.due) as shown:
        reminder_clock.check()
    # The PHQ-9 too: it was never done in this course.
    assert [r.kind for r in shown.args[0]] == [reminders.EVENING, reminders.PHQ9]
    assert reminder_clock.check() == []
    assert ReminderClock(context, clock).check() == []  # remembered on this computer
    clock.now += dt.timedelta(days=1)
    assert reminders.EVENING in [r.kind for r in ReminderClock(context, clock).check()]


def test_showing_a_reminder_leaves_the_diary_as_it_was(context: DiaryContext) -> None:
    from diary.store.backups import content_digest

    before = content_digest(context.diary.path)
    assert ReminderClock(context, Clock(EVENING)).check()
    assert content_digest(context.diary.path) == before


def test_nothing_before_the_time_and_nothing_once_the_day_is_logged(context: DiaryContext) -> None:
    reminder_clock = ReminderClock(context, Clock(EVENING.replace(hour=20, minute=29)))
    assert reminder_clock.check() == []
    context.save_entry(Entry(TODAY, dose_mg=40.0, lips=1))
    reminder_clock.now = Clock(EVENING)
    assert [r.kind for r in reminder_clock.check()] == [reminders.PHQ9]  # that one is still due


def test_the_reminders_follow_the_preferences_in_the_diary(context: DiaryContext) -> None:
    context.diary.save_preferences(Preferences(reminder_time="22:15"))
    assert ReminderClock(context, Clock(EVENING)).check() == []
    later = ReminderClock(context, Clock(EVENING.replace(hour=22, minute=15))).check()
    assert reminders.EVENING in [r.kind for r in later]


def test_without_a_tray_the_reminder_shows_in_the_window(qtbot: QtBot, diary_path: Path) -> None:
    window = open_window(qtbot, diary_path, TODAY)
    window.context.save_course(sample_course())
    desktop = DesktopReminders(window, window.context, lambda: None, now=Clock(EVENING), has_tray=False)
    assert desktop.tray is None
    desktop.clock.check()
    assert window.statusBar().currentMessage() == "Reminders: Today's diary · PHQ-9 check-in"
    window.context.diary.save_preferences(Preferences(remind_phq9=False))
    DesktopReminders(window, window.context, lambda: None, now=Clock(EVENING), has_tray=False).clock.check()
    assert window.statusBar().currentMessage() == "Reminders: Today's diary · PHQ-9 check-in"  # not again
    window.statusBar().clearMessage()
    later = DesktopReminders(
        window, window.context, lambda: None, now=Clock(EVENING + dt.timedelta(days=1)), has_tray=False
    )
    later.clock.check()
    assert window.statusBar().currentMessage().startswith("Today's diary: How was today?")
    close_window(window)


def test_the_tray_menu_and_a_clicked_notification_open_today(qtbot: QtBot, context: DiaryContext) -> None:
    tray = Tray(ReminderClock(context, Clock(EVENING)), QIcon())
    assert [a.text() for a in tray.menu.actions() if a.text()] == ["Open today's entry", "Quit IsoDiary"]
    with qtbot.waitSignal(tray.open_today):
        tray.open_action.trigger()
    with qtbot.waitSignal(tray.open_today):
        tray.icon.messageClicked.emit()
    with qtbot.waitSignal(tray.quit_requested):
        tray.quit_action.trigger()


@pytest.mark.qt_log_ignore(NO_TRAY_HOST, NO_RAISE)
def test_open_todays_entry_brings_the_closed_window_back_on_today(qtbot: QtBot, diary_path: Path) -> None:
    window = open_window(qtbot, diary_path, TODAY)
    quits: list[bool] = []
    desktop = DesktopReminders(
        window,
        window.context,
        lambda: open_today_in(window),
        now=Clock(EVENING),
        has_tray=True,
        quit_application=lambda: quits.append(True),
    )
    assert desktop.tray is not None
    set_close_to_tray(True)
    window.day_view.go_to(TODAY - dt.timedelta(days=9))
    window.close()
    assert not window.isVisible() and not QApplication.quitOnLastWindowClosed()
    desktop.tray.open_action.trigger()
    qtbot.waitUntil(window.isVisible)
    assert window.day_view.day == TODAY
    desktop.tray.quit_action.trigger()
    assert quits == [True] and not window.isVisible()
    # File ▸ Quit quits too, though closing the window only hides it.
    window.show()
    window.quit_action.trigger()
    assert quits == [True, True] and not window.isVisible()
    window.context.diary.close()


@pytest.mark.qt_log_ignore(NO_TRAY_HOST)
@pytest.mark.parametrize(("button", "keep"), [("Keep in the tray", True), ("Quit when closed", False)])
def test_the_first_close_asks_whether_to_stay_in_the_tray_and_remembers(
    qtbot: QtBot, diary_path: Path, button: str, keep: bool
) -> None:
    window = open_window(qtbot, diary_path, TODAY)
    DesktopReminders(window, window.context, lambda: None, now=Clock(EVENING), has_tray=True)
    assert close_to_tray() is None
    asked: list[str] = []

    def answer(box: QMessageBox) -> None:
        asked.append(box.text())
        (chosen,) = [b for b in box.buttons() if b.text() == button]
        qtbot.mouseClick(chosen, Qt.MouseButton.LeftButton)

    when_dialog_opens(answer)
    window.close()
    assert asked == ["Keep IsoDiary in the tray when you close the window?"]
    assert close_to_tray() is keep
    assert QApplication.quitOnLastWindowClosed() is (not keep)
    assert not window.isVisible()
    # Not asked again.
    window.show()
    window.close()
    assert len(asked) == 1
    window.context.diary.close()


@pytest.mark.qt_log_ignore(NO_TRAY_HOST)
def test_cancelling_the_question_keeps_the_window_open(qtbot: QtBot, diary_path: Path) -> None:
    window = open_window(qtbot, diary_path, TODAY)
    DesktopReminders(window, window.context, lambda: None, now=Clock(EVENING), has_tray=True)

    def cancel(box: QMessageBox) -> None:
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)

    when_dialog_opens(cancel)
    window.close()
    assert window.isVisible() and close_to_tray() is None
    set_close_to_tray(False)
    close_window(window)


def test_settings_save_the_reminders_and_start_at_login(qtbot: QtBot, private_folders: Path) -> None:
    dialog = SettingsDialog(Preferences())
    qtbot.addWidget(dialog)
    dialog.show()
    group = dialog.reminders
    for box in (group.evening, group.phq9, group.start_at_login, group.keep_in_tray):
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert not group.time.isEnabled()
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    chosen = dialog.preferences()
    assert chosen.reminder_time == "" and not chosen.remind_phq9
    assert chosen.remind_appointments and chosen.remind_tests
    entry = private_folders / "config" / "autostart" / "isodiary.desktop"
    assert entry.exists() and "--tray" in entry.read_text(encoding="utf-8")
    # The offscreen platform has no tray: Settings says where reminders show instead.
    assert "no system tray" in group.where.text() and not group.keep_in_tray.isEnabled()

    again = SettingsDialog(chosen)
    qtbot.addWidget(again)
    assert again.reminders.start_at_login.isChecked() and not again.reminders.evening.isChecked()
    again.show()
    box = again.reminders.start_at_login
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    again.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert not entry.exists()


def test_the_evening_time_is_kept_as_hh_mm(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Preferences(reminder_time="07:45"))
    qtbot.addWidget(dialog)
    assert dialog.reminders.time.time().toString("HH:mm") == "07:45"
    assert dialog.preferences().reminder_time == "07:45"
    words = " ".join(label.text() for label in dialog.reminders.findChildren(QLabel))
    assert "does not replace, and does not report to, any programme such as iPLEDGE" in words
