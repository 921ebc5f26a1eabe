"""Every dialog fits a 1024 x 600 work area, unsquashed; empty lists say so."""

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel
from pytestqt.qtbot import QtBot

from diary.core.routine import DEFAULT_ROUTINE
from diary.store.diary import Diary
from diary.ui.app.context import DiaryContext
from tests.helpers.diaries import sample_course

TODAY = dt.date(2026, 4, 15)
WORK_AREA = (1024, 600 - 48)  # less a title bar


def dialogs(diary: Diary) -> dict[str, Callable[[], QDialog]]:
    from diary.ui.course.course_dialog import CourseDialog
    from diary.ui.course.courses_dialog import CoursesDialog
    from diary.ui.course.routine_dialog import RoutineDialog
    from diary.ui.day.phq9_dialog import Phq9Dialog
    from diary.ui.files.report_dialog import ReportDialog
    from diary.ui.records.appointments_dialog import AppointmentsDialog
    from diary.ui.settings.dialog import SettingsDialog

    context = DiaryContext(diary, today=lambda: TODAY)
    return {
        "appointments": lambda: AppointmentsDialog(context),
        "course": lambda: CourseDialog(sample_course(), TODAY),
        "courses": lambda: CoursesDialog(context),
        "phq9": lambda: Phq9Dialog(None, TODAY),
        "report": lambda: ReportDialog(context),
        "routine": lambda: RoutineDialog(list(DEFAULT_ROUTINE), [s.key for s in DEFAULT_ROUTINE]),
        "settings": lambda: SettingsDialog(diary.preferences()),
    }


@pytest.mark.parametrize(
    "name", ["appointments", "course", "courses", "phq9", "report", "routine", "settings"]
)
def test_the_dialog_fits_a_small_laptop_and_nothing_is_squashed(
    qtbot: QtBot, diary_path: Path, name: str
) -> None:
    with Diary.open(diary_path) as diary:
        diary.save_course(sample_course())
        dialog = dialogs(diary)[name]()
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        hint = dialog.minimumSizeHint()
        assert hint.width() <= WORK_AREA[0] and hint.height() <= WORK_AREA[1], hint
        assert dialog.width() <= WORK_AREA[0] and dialog.height() <= WORK_AREA[1]
        for form in dialog.findChildren(QFormLayout):
            for row in range(form.rowCount()):
                label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
                if label is None or field is None or label.widget() is None:
                    continue
                text = label.widget()
                assert isinstance(text, QLabel)
                # The whole label is drawn (no "Tc" for "To"), and its field is not flattened.
                assert text.width() >= text.sizeHint().width(), text.text()
                assert field.geometry().height() >= field.sizeHint().height(), text.text()
        dialog.close()


def test_appointment_lists_say_when_empty_and_remove_waits_for_a_choice(
    qtbot: QtBot, diary_path: Path
) -> None:
    from diary.ui.records.appointments_dialog import AppointmentsDialog

    with Diary.open(diary_path) as diary:
        dialog = AppointmentsDialog(DiaryContext(diary, today=lambda: TODAY))
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.no_appointments.isVisible() and "No appointments yet" in dialog.no_appointments.text()
        assert dialog.no_questions.isVisible()
        assert not dialog.remove_appointment.isEnabled() and not dialog.remove_question.isEnabled()
        dialog.question_text.setText("Can I wax?")
        dialog.add_question.click()
        assert not dialog.no_questions.isVisible()
        assert not dialog.remove_question.isEnabled()
        dialog.questions.setCurrentRow(0)
        assert dialog.remove_question.isEnabled()
        dialog.remove_question.click()
        assert dialog.questions.count() == 0 and dialog.no_questions.isVisible()
        dialog.close()
