"""The window around the day: first run, course header, dialogs, names for assistive technology."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from diary.core.entry import Entry
from diary.core.routine import DEFAULT_ROUTINE
from diary.store.diary import Diary
from diary.ui.course.course_dialog import CourseDialog
from diary.ui.course.routine_dialog import RoutineDialog
from diary.ui.day.phq9_dialog import Phq9Dialog
from diary.ui.widgets import theme
from diary.ui.widgets.calendar import to_qdate
from tests.helpers.diaries import START, sample_course
from tests.helpers.window import close_window, open_window, when_dialog_opens

TODAY = dt.date(2026, 4, 15)


def test_the_title_begins_with_isodiary(qtbot: QtBot, diary_path: Path) -> None:
    window = open_window(qtbot, diary_path, TODAY)
    assert window.windowTitle().startswith("IsoDiary")
    close_window(window)


def test_first_run_sets_up_the_routine_and_the_course_can_be_skipped(qtbot: QtBot, diary_path: Path) -> None:
    window = open_window(qtbot, diary_path, TODAY)
    seen: list[str] = []

    def skip(dialog: QWidget) -> None:
        seen.append(dialog.windowTitle())
        dialog.reject()
        if len(seen) < 3:
            when_dialog_opens(skip)  # then the emergency numbers, then a passphrase

    when_dialog_opens(skip)
    window.first_run()
    assert seen == ["Your course", "Who to call in an emergency", "Protect this diary with a passphrase"]
    assert not window.context.protection.protected  # put off: "Not now"
    assert window.context.routine() == list(DEFAULT_ROUTINE)
    assert window.context.courses == []
    assert "No course set up yet" in window.course_line.text()
    window.first_run()  # only once
    assert len(seen) == 3
    close_window(window)


def test_first_run_course_is_saved_and_shown_in_the_header(qtbot: QtBot, diary_path: Path) -> None:
    window = open_window(qtbot, diary_path, TODAY)

    def fill(dialog: CourseDialog) -> None:
        dialog.start.setDate(to_qdate(START))
        dialog.weight.setValue(64.5)

        def numbers_then_passphrase(numbers: QWidget) -> None:
            when_dialog_opens(lambda offer: offer.reject())  # the passphrase offer: not now
            numbers.reject()  # type: ignore[attr-defined]

        when_dialog_opens(numbers_then_passphrase)  # the emergency numbers, next
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    when_dialog_opens(fill)
    window.first_run()
    (course,) = window.context.courses
    assert course.start_date == START and course.weight_kg == 64.5 and course.target_mg_per_kg == 120
    assert window.course_line.text().startswith("Day 45 of ~140 · week 7 · 0.0 of 120 mg/kg")
    close_window(window)


def test_the_header_counts_the_logged_doses(qtbot: QtBot, diary_path: Path) -> None:
    with Diary.open(diary_path) as diary:
        diary.save_course(sample_course())
        for offset in range(10):
            diary.save_entry(Entry(START + dt.timedelta(days=offset), dose_mg=64.5))
        diary.set_setting("first_run_done", True)
    window = open_window(qtbot, diary_path, TODAY)
    window.day_view.go_to(START + dt.timedelta(days=9))
    assert window.course_line.text() == "On 11 Mar, not today: Day 10 of ~140 · week 2 · 10.0 of 120 mg/kg"
    close_window(window)


def click_save(qtbot: QtBot, dialog: QWidget) -> None:
    """Press the dialog's Save button, as a person does."""
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_course_dialog_refuses_an_end_before_the_start(qtbot: QtBot) -> None:
    dialog = CourseDialog(sample_course(), TODAY)
    qtbot.addWidget(dialog)
    dialog.ended.setChecked(True)
    dialog.end.setDate(to_qdate(START - dt.timedelta(days=3)))
    click_save(qtbot, dialog)
    assert dialog.course() is None
    assert "end date" in dialog.problem.text().lower()


def test_course_dialog_reads_the_dose_schedule(qtbot: QtBot) -> None:
    dialog = CourseDialog(sample_course(), TODAY)
    qtbot.addWidget(dialog)
    dialog.add_dose.click()
    click_save(qtbot, dialog)
    course = dialog.course()
    assert course is not None
    assert [(c.starts, c.mg_per_day) for c in course.doses] == [
        (START, 20),
        (dt.date(2026, 3, 30), 40),
        (TODAY, 40),
    ]


def test_routine_dialog_adds_renames_reorders_and_removes(qtbot: QtBot) -> None:
    dialog = RoutineDialog(list(DEFAULT_ROUTINE), [step.key for step in DEFAULT_ROUTINE])
    qtbot.addWidget(dialog)
    dialog.new_label.setText("Vitamin C serum")
    dialog.add_button.click()
    dialog.list.item(0).setText("Cleanser, fragrance-free")
    dialog.list.setCurrentRow(5)
    dialog.up_button.click()
    dialog.list.setCurrentRow(1)
    dialog.remove_button.click()
    steps = dialog.steps()
    assert [step.key for step in steps] == ["cleanser", "spf", "lip_balm", "vitamin_c_serum", "eye_drops"]
    assert steps[0].label == "Cleanser, fragrance-free"


def test_phq9_dialog_by_keyboard_and_its_score(qtbot: QtBot) -> None:
    dialog = Phq9Dialog(None, TODAY)
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()
    for group, value in zip(dialog._groups, (1, 1, 2, 2, 0, 1, 1, 0, 1), strict=True):
        group.button(value).click()
    assert save.isEnabled()
    assert dialog.answers() == (1, 1, 2, 2, 0, 1, 1, 0, 1)
    assert "Score 9 of 27 (mild)" in dialog.score.text()
    assert "item 9" in dialog.score.text()


def test_every_control_has_an_accessible_name(qtbot: QtBot, diary_path: Path) -> None:
    window = open_window(qtbot, diary_path, TODAY)
    unnamed = [
        f"{type(widget).__name__} {widget.objectName()!r}"
        for widget in window.findChildren(QWidget)
        if widget.isVisibleTo(window)
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not widget.accessibleName()
        and not (isinstance(widget, QAbstractButton) and widget.text())
        # the text field inside a spin box or combo box is named by its owner
        and not (
            type(widget).__name__ == "QLineEdit" and isinstance(widget.parent(), QAbstractSpinBox | QComboBox)
        )
    ]
    assert unnamed == []
    close_window(window)


def test_the_calendar_marks_logged_days(qtbot: QtBot, diary_path: Path) -> None:
    with Diary.open(diary_path) as diary:
        diary.save_entry(Entry(TODAY - dt.timedelta(days=2), mood=5))
    window = open_window(qtbot, diary_path, TODAY)
    calendar = window.day_view.calendar
    logged = calendar.dateTextFormat(to_qdate(TODAY - dt.timedelta(days=2)))
    other = calendar.dateTextFormat(to_qdate(TODAY - dt.timedelta(days=3)))
    assert logged.fontWeight() > other.fontWeight()
    window.day_view.form.mood.setValue(6)
    window.day_view.save_now()
    assert calendar.dateTextFormat(to_qdate(TODAY)).fontWeight() == logged.fontWeight()
    close_window(window)


@pytest.mark.parametrize("appearance", ["light", "dark"])
def test_light_and_dark_palettes(qtbot: QtBot, diary_path: Path, appearance: str) -> None:
    window = open_window(qtbot, diary_path, TODAY)
    theme.apply_appearance(QApplication.instance(), appearance)  # type: ignore[arg-type]
    assert theme.palette_is_dark() == (appearance == "dark")
    theme.apply_appearance(QApplication.instance(), "light")  # type: ignore[arg-type]
    close_window(window)


def test_opening_the_window_does_not_load_matplotlib_or_alembic(diary_path: Path) -> None:
    # In a fresh process: this test run has long imported both.
    Diary.open(diary_path).close()
    code = (
        "import sys, datetime as dt\n"
        "from diary.store.diary import Diary\n"
        "from diary.ui.app.application import make_application\n"
        "from diary.ui.app.context import DiaryContext\n"
        "from diary.ui.app.main_window import MainWindow\n"
        "app = make_application()\n"
        f"window = MainWindow(DiaryContext(Diary.open({str(diary_path)!r})))\n"
        "window.show(); app.processEvents()\n"
        "print(sorted({n.split('.')[0] for n in sys.modules if n.startswith(('matplotlib', 'alembic'))}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_demo_title_names_isodiary_once(qtbot: QtBot, diary_path: Path) -> None:
    from diary.ui.app.context import DiaryContext
    from diary.ui.app.main_window import MainWindow

    diary = Diary.open(diary_path)
    window = MainWindow(DiaryContext(diary, today=lambda: TODAY), title_detail="demo diary")
    qtbot.addWidget(window)
    # Qt appends the application's name (" — IsoDiary") where the desktop shows titles.
    assert window.windowTitle() == "Demo diary"
    close_window(window)


def test_phq9_answers_typed_as_digits(qtbot: QtBot) -> None:
    dialog = Phq9Dialog(None, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    typed = "112201109"
    for digit in typed:  # the 9 is not an answer: refused, and item 9 stays open
        qtbot.keyClicks(QApplication.focusWidget(), digit)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert dialog.answers() is None and not save.isEnabled()
    assert "1 of 9 questions still to answer" in dialog.score.text()
    qtbot.keyClicks(QApplication.focusWidget(), "1")
    assert dialog.answers() == (1, 1, 2, 2, 0, 1, 1, 0, 1)
    assert QApplication.focusWidget() is save
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
