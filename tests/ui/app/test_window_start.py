"""Start-up maps the window as an empty frame, then fills it: what is typed meanwhile is kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from diary.core.course import DoseChange
from diary.core.entry import Entry
from diary.core.routine import DEFAULT_ROUTINE
from diary.store import protection
from diary.store.diary import Diary
from diary.ui.app import application as app
from diary.ui.app.lock_screen import LockScreen
from diary.ui.app.main_window import MainWindow
from diary.ui.app.unlock_prompt import UnlockDialog
from tests.helpers.damage import damage
from tests.helpers.diaries import sample_course
from tests.helpers.window import when_dialog_opens

SKINCARE = ("cleanser", "moisturizer", "lip_balm", "spf")
# The README's evening: Tab 3 2 4 1 6 N N 2 Tab 1 Y N.
TAB = Qt.Key.Key_Tab
EVENING: list[str | Qt.Key] = [TAB, "3", "2", "4", "1", "6", "n", "n", "2", TAB, "1", "y", "n"]


@pytest.fixture
def keep_look() -> Iterator[None]:
    """run_window sets the application's style and palette; put them back for the other tests."""
    application = QApplication.instance()
    style, palette = application.style().name(), application.palette()  # type: ignore[union-attr]
    yield
    application.setStyle(style)  # type: ignore[union-attr]
    application.setPalette(palette)  # type: ignore[union-attr]


def _prepare(path: Path, today: dt.date) -> None:
    """A diary in its fourth week of 40 mg a day, yesterday's skincare logged, first run done."""
    start = today - dt.timedelta(days=20)
    with Diary.open(path) as diary:
        diary.save_course(sample_course(start_date=start, doses=(DoseChange(start, 40),)))
        diary.save_routine(list(DEFAULT_ROUTINE))
        diary.save_entry(Entry(today - dt.timedelta(days=1), dose_mg=40, skincare=SKINCARE))
        diary.set_setting("first_run_done", True)


def _when_window_shown(then: Callable[[MainWindow], None]) -> None:
    """Call `then(window)` as soon as run_window's window is on screen and active, when keys
    typed go to it (as a frame or filled)."""

    def look() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if windows and windows[0].isActiveWindow():
            then(windows[0])
        else:
            QTimer.singleShot(0, look)

    QTimer.singleShot(0, look)


def test_the_evening_typed_into_the_empty_frame_is_saved_once_the_form_is_there(
    qtbot: QtBot, diary_path: Path, keep_look: None
) -> None:
    today = dt.date.today()
    _prepare(diary_path, today)
    filled_when_typed: list[bool] = []
    seen: list[tuple[Entry, bool]] = []

    def type_the_evening(window: MainWindow) -> None:
        filled_when_typed.append(window.is_filled)
        for key in EVENING:  # typed at once, as a person who knows the keys types them
            if isinstance(key, str):
                QTest.keyClicks(QApplication.focusWidget() or window, key)
            else:
                QTest.keyClick(QApplication.focusWidget() or window, key)
        assert not window.is_filled

        def close_once_filled() -> None:
            if not window.is_filled:
                QTimer.singleShot(10, close_once_filled)
                return
            form = window.day_view.form
            seen.append((form.entry(), QApplication.focusWidget() is form.phq9_button))
            window.close()  # saves what is on screen

        close_once_filled()

    _when_window_shown(type_the_evening)
    assert app.run_window(diary_path) == 0
    assert filled_when_typed == [False], "the keys were typed before the day form existed"
    expected = Entry(
        date=today,
        dose_mg=40,
        lips=3,
        skin=2,
        eyes=4,
        joint_pain=1,
        mood=6,
        warning_signs=(),
        serious_symptoms=(),
        breakouts_new=2,
        breakout_severity=1,
        skincare=tuple(step.key for step in DEFAULT_ROUTINE if step.key in SKINCARE),
        side_effects=(),
    )
    ((shown, at_the_end),) = seen
    assert shown == expected
    assert at_the_end, "the last key left the keyboard where the evening ends (the PHQ-9 button)"
    with Diary.open(diary_path) as diary:
        assert diary.entry(today) == expected


def test_a_window_closed_while_still_an_empty_frame_ends_cleanly(
    qtbot: QtBot, diary_path: Path, keep_look: None
) -> None:
    _prepare(diary_path, dt.date.today())
    closed: list[bool] = []

    def close_at_once(window: MainWindow) -> None:
        closed.append(window.is_filled)
        window.close()

    _when_window_shown(close_at_once)
    assert app.run_window(diary_path) == 0
    assert closed == [False]
    with Diary.open(diary_path) as diary:
        assert diary.entry(dt.date.today()) is None  # nothing was shown, so nothing was saved


def test_a_protected_diary_asks_its_passphrase_before_the_frame_and_then_starts_as_a_plain_one(
    qtbot: QtBot, diary_path: Path, keep_look: None
) -> None:
    """The frame comes only once the diary is unlocked; the evening typed into it is saved,
    and the filled window locks (File ▸ Lock now)."""
    today = dt.date.today()
    _prepare(diary_path, today)
    passphrase = "quiet river evening"
    protection.protect(diary_path, passphrase)
    protection.lock()
    asked_with_a_window_shown: list[bool] = []
    locked_screens: list[bool] = []

    def unlock(dialog: object) -> None:
        assert isinstance(dialog, UnlockDialog)
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        asked_with_a_window_shown.append(bool(shown))
        QTest.keyClicks(dialog.form.field, passphrase)
        QTest.keyClick(dialog.form.field, Qt.Key.Key_Return)

    def type_then_lock(window: MainWindow) -> None:
        for key in EVENING:
            if isinstance(key, str):
                QTest.keyClicks(QApplication.focusWidget() or window, key)
            else:
                QTest.keyClick(QApplication.focusWidget() or window, key)

        def lock_once_filled() -> None:
            if not window.is_filled:
                QTimer.singleShot(10, lock_once_filled)
                return
            (lock_now,) = [a for a in window.file_menu.actions() if a.text().replace("&", "") == "Lock now"]
            lock_now.trigger()  # saves the day on screen first
            locked_screens.append(isinstance(window.centralWidget(), LockScreen))
            close_once_keys_forgotten()

        def close_once_keys_forgotten() -> None:  # once the flags counted since are in
            if protection.keys_held(diary_path) is not None:
                QTimer.singleShot(10, close_once_keys_forgotten)
                return
            window.close()

        lock_once_filled()

    when_dialog_opens(unlock, timeout_ms=30000)  # a busy machine may take a while
    _when_window_shown(type_then_lock)
    try:
        assert app.run_window(diary_path) == 0
    finally:
        protection.lock()
    assert asked_with_a_window_shown == [False], "the passphrase is asked before any window shows"
    assert locked_screens == [True]
    left = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    assert not left, "the window's run over, it is gone, its hidden views with it"
    with Diary.open(diary_path, keys=protection.unlock(diary_path, passphrase)) as diary:
        entry = diary.entry(today)
    protection.lock()
    assert entry is not None
    assert (entry.lips, entry.skin, entry.eyes, entry.joint_pain, entry.mood) == (3, 2, 4, 1, 6)
    assert (entry.breakouts_new, entry.breakout_severity) == (2, 1)


def _quit_button(box: QMessageBox) -> QPushButton:
    (button,) = [b for b in box.findChildren(QPushButton) if b.text().replace("&", "") == "Quit"]
    return button


def test_a_damaged_diary_is_offered_its_backup_over_the_frame_before_anything_is_read(
    qtbot: QtBot, diary_path: Path, keep_look: None
) -> None:
    """The frame comes first; the file is checked once it is painted, and the question about
    a damaged diary is asked over it. Quit there exits 1, and nothing was filled."""
    _prepare(diary_path, dt.date.today())
    damage(diary_path)
    asked: list[tuple[bool, bool]] = []

    def quit_at_the_question(box: object) -> None:
        assert isinstance(box, QMessageBox)
        frame = box.parentWidget()
        asked.append((isinstance(frame, MainWindow) and frame.isVisible(), getattr(frame, "is_filled", True)))
        qtbot.mouseClick(_quit_button(box), Qt.MouseButton.LeftButton)

    when_dialog_opens(quit_at_the_question, timeout_ms=30000)
    assert app.run_window(diary_path) == 1
    assert asked == [(True, False)], "asked over the empty frame, which was never filled"


def test_at_login_a_damaged_diary_declined_ends_the_start_without_a_window(
    qtbot: QtBot, diary_path: Path, keep_look: None
) -> None:
    """Start at login (in the tray) shows no frame: the question comes alone, and Quit ends
    the start (it does not wait for a window that will never close)."""
    _prepare(diary_path, dt.date.today())
    damage(diary_path)
    seen: list[bool] = []

    def quit_at_the_question(box: object) -> None:
        assert isinstance(box, QMessageBox)
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        seen.append(bool(shown))
        qtbot.mouseClick(_quit_button(box), Qt.MouseButton.LeftButton)

    when_dialog_opens(quit_at_the_question, timeout_ms=30000)
    assert app.run_window(diary_path, in_tray=True) == 1
    assert seen == [False]
