"""The tray and the reminders on screen: once a day each, from the diary's preferences;
in the window's status bar where there is no tray; the close-to-tray question."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
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
from diary.ui.app.tray import DesktopReminders, ReminderClock, Tray, when_tray_known
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
    set_close_to_tray(True, asked=True)
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
    set_close_to_tray(False, asked=True)
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


@pytest.mark.qt_log_ignore(NO_TRAY_HOST)
def test_the_close_question_comes_the_first_time_even_after_settings_saved_a_choice(
    qtbot: QtBot, diary_path: Path
) -> None:
    set_close_to_tray(False)  # Settings saved with the box unticked: no answer to the question
    window = open_window(qtbot, diary_path, TODAY)
    DesktopReminders(window, window.context, lambda: None, now=Clock(EVENING), has_tray=True)
    asked: list[str] = []

    def keep(box: QMessageBox) -> None:
        asked.append(box.defaultButton().text())
        (chosen,) = [b for b in box.buttons() if b.text() == "Keep in the tray"]
        qtbot.mouseClick(chosen, Qt.MouseButton.LeftButton)

    when_dialog_opens(keep)
    window.close()
    assert asked == ["Quit when closed"]  # what Settings saved is the first offer
    assert close_to_tray() is True and not QApplication.quitOnLastWindowClosed()
    window.show()
    window.close()
    assert len(asked) == 1  # answered once: not asked again
    window.context.diary.close()


def test_a_reminder_stays_on_the_tray_until_the_day_is_logged(qtbot: QtBot, context: DiaryContext) -> None:
    clock = Clock(EVENING)
    tray = Tray(ReminderClock(context, clock), QIcon())
    assert tray.icon.toolTip() == "IsoDiary" and not tray.due_actions
    tray.clock.check()
    assert tray.icon.icon().cacheKey() == tray.marked_icon.cacheKey()
    assert tray.icon.toolTip() == "IsoDiary: due today\n• Today's diary\n• PHQ-9 check-in"
    assert [a.text() for a in tray.due_actions] == ["Due: Today's diary", "Due: PHQ-9 check-in"]
    with qtbot.waitSignal(tray.open_today):
        tray.due_actions[0].trigger()
    # An hour later (the notification long gone), both are still listed.
    clock.now += dt.timedelta(hours=1)
    tray.clock.check()
    assert [a.text() for a in tray.due_actions] == ["Due: Today's diary", "Due: PHQ-9 check-in"]
    # Saving the day takes its reminder away at once, without waiting for the minute.
    with qtbot.waitSignal(tray.clock.still_due):
        context.save_entry(Entry(TODAY, dose_mg=40.0, mood=6))
    assert [a.text() for a in tray.due_actions] == ["Due: PHQ-9 check-in"]
    assert tray.icon.toolTip() == "IsoDiary: due today\n• PHQ-9 check-in"
    # The day ends: nothing is listed and the mark is gone.
    clock.now = dt.datetime(2026, 4, 16, 0, 1)
    tray.clock.check()
    assert tray.due_actions == [] and tray.icon.toolTip() == "IsoDiary"
    assert tray.icon.icon().cacheKey() == tray.plain_icon.cacheKey()


def test_hiding_the_reminders_keeps_them_away_until_tomorrow(context: DiaryContext) -> None:
    clock = Clock(EVENING)
    tray = Tray(ReminderClock(context, clock), QIcon())
    tray.clock.check()
    assert tray.put_away_action in tray.menu.actions()
    tray.put_away_action.trigger()
    assert tray.due_actions == [] and tray.icon.toolTip() == "IsoDiary"
    tray.clock.check()
    assert tray.due_actions == []
    clock.now += dt.timedelta(days=1)
    tray.clock.check()
    assert [a.text() for a in tray.due_actions] == ["Due: Today's diary", "Due: PHQ-9 check-in"]


def test_without_a_tray_the_reminder_stays_in_the_status_bar_until_done(
    qtbot: QtBot, diary_path: Path
) -> None:
    window = open_window(qtbot, diary_path, TODAY)
    window.context.save_course(sample_course())
    window.context.diary.save_preferences(Preferences(remind_phq9=False))
    desktop = DesktopReminders(window, window.context, lambda: None, now=Clock(EVENING), has_tray=False)
    desktop.clock.check()
    assert window.statusBar().currentMessage().startswith("Today's diary: How was today?")
    desktop.clock.check()  # a minute on: still there
    assert window.statusBar().currentMessage().startswith("Today's diary: How was today?")
    with qtbot.waitSignal(desktop.clock.still_due):
        window.context.save_entry(Entry(TODAY, dose_mg=40.0, mood=6))
    assert window.statusBar().currentMessage() == ""
    close_window(window)


def test_started_at_login_it_waits_for_a_tray_that_comes_late(qtbot: QtBot) -> None:
    answers = iter([False, False, False, True])
    known: list[bool] = []
    when_tray_known(known.append, available=lambda: next(answers), wait_ms=60_000)
    qtbot.waitUntil(lambda: known == [True], timeout=10_000)


def test_started_at_login_without_any_tray_it_shows_the_window_in_the_end(qtbot: QtBot) -> None:
    known: list[bool] = []
    when_tray_known(known.append, available=lambda: False, wait_ms=1_000)
    qtbot.waitUntil(lambda: known == [False], timeout=10_000)


def test_ticking_start_at_login_keeps_it_in_the_tray_on_close(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Preferences())
    qtbot.addWidget(dialog)
    dialog.show()
    group = dialog.reminders
    group.keep_in_tray.setEnabled(True)  # as on a desktop with a tray
    box = group.start_at_login
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert group.keep_in_tray.isChecked()


# A tray of its own under Xvfb: stalonetray where the system has it, else trayer.
TRAYS = {
    "stalonetray": "stalonetray --geometry 4x1 --no-shrink",
    "trayer": "trayer --edge top --align right --widthtype request --expand false",
}
REAL_TRAY = next((command for tool, command in TRAYS.items() if shutil.which(tool)), None)


@pytest.mark.skipif(
    REAL_TRAY is None or shutil.which("xvfb-run") is None, reason="needs xvfb-run and stalonetray or trayer"
)
def test_on_a_real_tray_the_icon_is_marked_and_lists_what_is_due_until_done(diary_path: Path) -> None:
    environment = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    script = f'{REAL_TRAY} & exec "{sys.executable}" -m tests.helpers.tray_child "$0"'
    result = subprocess.run(
        ["xvfb-run", "-a", "sh", "-c", script, str(diary_path)],
        capture_output=True,
        text=True,
        env=environment,
        cwd=Path(__file__).resolve().parents[3],
        timeout=120,
        check=False,
    )
    if 'Could not load the Qt platform plugin "xcb"' in result.stderr:
        pytest.skip("Qt's X11 plugin cannot load here (see tools/check_qt_platform.py)")
    steps = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert result.returncode == 0, result.stderr + result.stdout
    evening, saved, morning = steps
    assert evening["on_tray"] and evening["marked"]
    assert evening["tooltip"] == "IsoDiary: due today\n• Today's diary\n• PHQ-9 check-in"
    assert evening["menu"][:2] == ["Due: Today's diary", "Due: PHQ-9 check-in"]
    assert saved["marked"] and saved["menu"][0] == "Due: PHQ-9 check-in"
    assert "Due: Today's diary" not in saved["menu"]
    assert morning["on_tray"] and not morning["marked"] and morning["tooltip"] == "IsoDiary"
    assert morning["menu"] == ["Open today's entry", "Quit IsoDiary"]
