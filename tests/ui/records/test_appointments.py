"""Appointments and questions in the window, and the next appointment in the header."""

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from diary.settings import FIRST_RUN_DONE
from diary.store.diary import Diary
from diary.ui.app.context import DiaryContext
from diary.ui.records.appointments_dialog import AppointmentsDialog
from diary.ui.widgets.calendar import to_qdate
from tests.helpers.window import close_window, open_window, when_dialog_opens

TODAY = dt.date(2026, 4, 15)


def test_adding_an_appointment_and_questions(qtbot: QtBot, diary: Diary) -> None:
    context = DiaryContext(diary, today=lambda: TODAY)
    dialog = AppointmentsDialog(context)
    qtbot.addWidget(dialog)
    dialog.day.setDate(to_qdate(TODAY + dt.timedelta(days=14)))
    dialog.with_whom.setText("Dr. Novak")
    with qtbot.waitSignal(context.changed, timeout=1000):
        dialog.add_appointment.click()
    (appointment,) = diary.appointments()
    assert (appointment.day, appointment.with_whom) == (TODAY + dt.timedelta(days=14), "Dr. Novak")
    assert "(coming)" in dialog.appointments.item(0).text()

    dialog.question_text.setText("Can I use a retinoid cream?")
    qtbot.keyClick(dialog.question_text, Qt.Key.Key_Return)
    dialog.question_text.setText("   ")
    dialog.add_question.click()
    (question,) = diary.questions()
    assert question.is_open and question.added_on == TODAY
    with qtbot.waitSignal(context.changed, timeout=1000):
        dialog.questions.item(0).setCheckState(Qt.CheckState.Checked)
    assert diary.questions()[0].asked_on == TODAY
    dialog.questions.setCurrentRow(0)
    dialog.remove_question.click()
    assert diary.questions() == []


def test_the_header_shows_the_next_appointment(qtbot: QtBot, diary_path: Path) -> None:
    from diary.core.appointments import Appointment

    with Diary.open(diary_path) as diary:
        diary.save_appointment(Appointment(TODAY - dt.timedelta(days=20), "Dr. Old"))
        diary.save_appointment(Appointment(TODAY + dt.timedelta(days=6), "Dr. Novak"))
        diary.set_setting(FIRST_RUN_DONE.key, True)
    window = open_window(qtbot, diary_path, TODAY)
    window.first_run()
    assert window.next_appointment.text() == "Next appointment: Tue 21 Apr 2026 with Dr. Novak"

    def add_today(dialog: AppointmentsDialog) -> None:
        dialog.with_whom.setText("Nurse Ada")
        dialog.add_appointment.click()
        dialog.accept()

    when_dialog_opens(add_today)
    window.edit_appointments()
    assert window.next_appointment.text() == "Next appointment: Wed 15 Apr 2026 with Nurse Ada"
    close_window(window)


def shown(qtbot: QtBot, context: DiaryContext) -> AppointmentsDialog:
    dialog = AppointmentsDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_enter_in_a_field_adds_one_appointment_and_clears_the_fields(qtbot: QtBot, diary: Diary) -> None:
    context = DiaryContext(diary, today=lambda: TODAY)
    dialog = shown(qtbot, context)
    assert dialog.focusWidget() is dialog.day.findChild(QLineEdit) or dialog.day.hasFocus()
    qtbot.keyClick(dialog.day, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.with_whom, "Dr. Novak")
    qtbot.keyClick(dialog.with_whom, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.appointment_note, "bring the lab results")
    qtbot.keyClick(dialog.appointment_note, Qt.Key.Key_Return)
    assert [(a.with_whom, a.note) for a in diary.appointments()] == [("Dr. Novak", "bring the lab results")]
    assert dialog.with_whom.text() == "" and dialog.appointment_note.text() == ""
    assert dialog.isVisible()
    # Enter again on the same day and person: the same appointment, never a copy.
    qtbot.keyClicks(dialog.with_whom, "Dr. Novak")
    qtbot.keyClick(dialog.with_whom, Qt.Key.Key_Return)
    assert len(diary.appointments()) == 1


def test_enter_in_the_question_adds_it_once_and_keeps_the_dialog(qtbot: QtBot, diary: Diary) -> None:
    context = DiaryContext(diary, today=lambda: TODAY)
    dialog = shown(qtbot, context)
    qtbot.keyClicks(dialog.question_text, "Can I wax?")
    qtbot.keyClick(dialog.question_text, Qt.Key.Key_Return)
    assert [q.text for q in diary.questions()] == ["Can I wax?"]
    assert diary.appointments() == [] and dialog.isVisible() and dialog.question_text.text() == ""
    qtbot.keyClick(dialog.question_text, Qt.Key.Key_Return)  # an empty field adds nothing
    assert len(diary.questions()) == 1
    qtbot.keyClick(dialog.question_text, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
