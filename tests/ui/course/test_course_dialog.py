"""The course dialog by keyboard: dates typed whole, one Tab per field, and notes that say why."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from diary.core.course import Course, DoseChange
from diary.ui.course.course_dialog import CourseDialog

TODAY = dt.date(2026, 9, 1)


def shown(qtbot: QtBot, course: Course | None) -> CourseDialog:
    dialog = CourseDialog(course, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def focused() -> object:
    return QApplication.focusWidget()


def save(dialog: CourseDialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


def test_a_typed_start_date_is_that_date_and_the_schedule_follows(qtbot: QtBot) -> None:
    dialog = shown(qtbot, None)
    dialog.start.setFocus()
    dialog.start.edit.selectAll()
    qtbot.keyClicks(focused(), "2026-10-06")
    assert dialog.start.date().toString("yyyy-MM-dd") == "2026-10-06"
    assert "first step moved with it, to 2026-10-06" in dialog.note.text()
    assert dialog.note.isVisible()
    save(dialog)
    course = dialog.course()
    assert course is not None and course.start_date == dt.date(2026, 10, 6)
    assert course.doses == (DoseChange(dt.date(2026, 10, 6), 20),)


def test_tab_goes_field_to_field(qtbot: QtBot) -> None:
    dialog = shown(qtbot, None)
    dialog.start.setFocus()
    order = [dialog.planned_weeks, dialog.weight, dialog.target, dialog.ended]
    for expected in order:
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        assert expected is focused() or expected.isAncestorOf(focused()), expected.accessibleName()


def test_a_half_typed_date_is_refused_aloud(qtbot: QtBot) -> None:
    dialog = shown(qtbot, None)
    dialog.start.setFocus()
    dialog.start.edit.selectAll()
    qtbot.keyClicks(focused(), "2026-10")
    save(dialog)
    assert dialog.course() is None
    assert "start date needs a whole date" in dialog.problem.text()
    assert dialog.start.date().toString("yyyy-MM-dd") == TODAY.isoformat(), "not some other date"


def test_an_unusual_target_is_pointed_out(qtbot: QtBot) -> None:
    dialog = shown(qtbot, None)
    dialog.target.setFocus()
    dialog.target.selectAll()
    qtbot.keyClicks(focused(), "202")
    assert dialog.target.value() == 202
    assert "202 mg/kg is outside the 120-150 mg/kg" in dialog.note.text()


def test_a_target_past_the_planned_end_is_said(qtbot: QtBot) -> None:
    course = Course(
        start_date=TODAY,
        planned_weeks=20,
        weight_kg=64.5,
        target_mg_per_kg=120,
        doses=(DoseChange(TODAY, 20),),
    )
    dialog = shown(qtbot, course)
    # 64.5 kg x 120 mg/kg = 7740 mg: 387 days at 20 mg, the plan is 140 days.
    assert "the target is reached on 2027-09-22" in dialog.note.text()
    assert "after the planned end (2027-01-18)" in dialog.note.text()
    dialog.planned_weeks.setValue(56)
    assert "after the planned end" not in dialog.note.text()


def test_every_other_day_is_chosen_by_keyboard_and_saved_with_the_step(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QComboBox

    course = Course(TODAY, planned_weeks=20, weight_kg=50, doses=(DoseChange(TODAY, 20),), clear_since=TODAY)
    dialog = shown(qtbot, course)
    often = dialog.doses.cellWidget(0, 2)
    assert isinstance(often, QComboBox) and often.currentText() == "every day"
    often.setFocus()
    qtbot.keyClick(often, Qt.Key.Key_Down)  # the next choice, as a person presses it
    assert often.currentText() == "every other day"
    save(dialog)
    saved = dialog.course()
    assert saved is not None and saved.doses == (DoseChange(TODAY, 20, every_days=2),)
    assert saved.clear_since == TODAY, "a day set elsewhere is kept"
    again = shown(qtbot, saved)
    shown_often = again.doses.cellWidget(0, 2)
    assert isinstance(shown_often, QComboBox) and shown_often.currentText() == "every other day"
