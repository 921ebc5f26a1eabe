"""Course ▸ Skin clear since…, driven as a person does: the menu's action, a date typed,
Save or Remove the date clicked; the header shows it beside the cumulative mg/kg."""

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from diary.core.entry import Entry
from diary.store.diary import Diary
from diary.ui.app.main_window import MainWindow
from diary.ui.course.clear_since_dialog import ClearSinceDialog
from tests.helpers.diaries import START, sample_course
from tests.helpers.window import close_window, open_window, when_dialog_opens

TODAY = dt.date(2026, 7, 20)


def menu_action(window: MainWindow) -> QAction:
    (action,) = [a for a in window.menus.course.actions() if a.text() == "Skin c&lear since…"]
    return action


def in_dialog(qtbot: QtBot, typed: str | None, button: str) -> list[str]:
    """When the dialog opens: type `typed` over the date (if given), click `button`; the
    problem shown, if any, is kept (and the dialog cancelled)."""
    problems: list[str] = []

    def act(dialog: ClearSinceDialog) -> None:
        assert isinstance(dialog, ClearSinceDialog)
        if typed is not None:
            assert dialog.focusWidget() is dialog.day.edit  # the date takes the keys at once
            dialog.day.edit.selectAll()
            qtbot.keyClicks(dialog.day.edit, typed)
        target = dialog.save_button if button == "save" else dialog.remove_button
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton)
        if dialog.isVisible():
            problems.append(dialog.problem.text())
            dialog.reject()

    when_dialog_opens(act)
    return problems


def test_marked_clear_shows_beside_the_dose_and_can_be_removed(qtbot: QtBot, diary_path: Path) -> None:
    with Diary.open(diary_path) as diary:
        diary.save_course(sample_course())
        for offset in range(10):
            diary.save_entry(Entry(START + dt.timedelta(days=offset), dose_mg=64.5))
        diary.set_setting("first_run_done", True)
    window = open_window(qtbot, diary_path, TODAY)
    assert "clear since" not in window.course_line.text()

    in_dialog(qtbot, "2026-05-25", "save")
    menu_action(window).trigger()
    (course,) = window.context.courses
    assert course.clear_since == dt.date(2026, 5, 25)
    assert window.course_line.text().endswith("10.0 of 120 mg/kg · clear since 25 May (8 weeks)")

    in_dialog(qtbot, None, "remove")
    menu_action(window).trigger()
    assert window.context.courses[0].clear_since is None
    assert "clear since" not in window.course_line.text()
    close_window(window)


def test_a_day_outside_the_course_or_to_come_is_refused_beside_the_field(
    qtbot: QtBot, diary_path: Path
) -> None:
    with Diary.open(diary_path) as diary:
        diary.save_course(sample_course())
        diary.set_setting("first_run_done", True)
    window = open_window(qtbot, diary_path, TODAY)
    for typed, said in (
        ("2026-02-27", "27 Feb 2026 is before this course started (2 Mar 2026)."),
        ("2026-07-21", "21 Jul 2026 has not come yet."),
        ("2026-07-2", "Type the whole date, such as 2026-10-06."),
    ):
        problems = in_dialog(qtbot, typed, "save")
        menu_action(window).trigger()
        assert problems == [said]
        assert window.context.courses[0].clear_since is None
    close_window(window)


def test_with_no_course_it_says_so(qtbot: QtBot, diary_path: Path) -> None:
    with Diary.open(diary_path) as diary:
        diary.set_setting("first_run_done", True)
    window = open_window(qtbot, diary_path, TODAY)
    told: list[str] = []
    when_dialog_opens(lambda box: (told.append(box.text()), box.accept()))
    menu_action(window).trigger()
    assert told == ["There is no course yet to mark. Course ▸ Courses… sets one up."]
    close_window(window)


def test_the_course_dialog_says_when_new_dates_leave_the_clear_day_out(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from diary.ui.course.course_dialog import CourseDialog

    course = sample_course(clear_since=dt.date(2026, 6, 1))
    dialog = CourseDialog(course, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "Skin clear since" not in dialog.note.text()
    qtbot.mouseClick(dialog.ended, Qt.MouseButton.LeftButton)  # the course has ended…
    dialog.end.setFocus()
    dialog.end.edit.selectAll()
    qtbot.keyClicks(dialog.end.edit, "2026-05-20")  # …before that day
    assert (
        "Skin clear since 2026-06-01 is outside these dates: saving removes it "
        "(Course ▸ Skin clear since… sets it again)." in dialog.note.text()
    )
    qtbot.keyClicks(dialog.end.edit, "\b" * 5 + "06-15")  # 2026-06-15 holds it again
    assert "Skin clear since" not in dialog.note.text()
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    saved = dialog.course()
    assert saved is not None and saved.clear_since == dt.date(2026, 6, 1)


def test_the_longest_header_line_wraps_within_a_1024_screen(qtbot: QtBot, diary_path: Path) -> None:
    from diary.core.course import Course, DoseChange
    from diary.ui.app.main_window import FRAME_ALLOWANCE

    with Diary.open(diary_path) as diary:
        diary.save_course(
            Course(
                START, 20, 50, doses=(DoseChange(START, 40, every_days=2),), clear_since=dt.date(2026, 6, 1)
            )
        )
        for offset in range(0, 150, 2):
            diary.save_entry(Entry(START + dt.timedelta(days=offset), dose_mg=100))
        diary.set_setting("first_run_done", True)
    window = open_window(qtbot, diary_path, TODAY + dt.timedelta(days=10))
    window.day_view.go_to(TODAY + dt.timedelta(days=9))
    line = window.course_line.text()
    assert (
        line.startswith("On 29 Jul, not today:") and "(target reached) · clear since 1 Jun (8 weeks)" in line
    )
    assert len(line) > 150
    assert window.minimumSizeHint().width() <= 1024 - FRAME_ALLOWANCE.width()
    close_window(window)
