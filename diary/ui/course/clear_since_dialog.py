"""Course ▸ Skin clear since…: the day the person's skin became clear (the course's
`clear_since`), typed as a date, saved when asked, and taken away again just as easily."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from diary.core.course import Course, CourseClash
from diary.core.flags import days_text
from diary.ui.app.context import DiaryContext, DiaryUnavailable
from diary.ui.widgets import speech, theme
from diary.ui.widgets.calendar import from_qdate
from diary.ui.widgets.date_field import DateField


def course_to_mark(context: DiaryContext, day: dt.date) -> Course | None:
    """The course holding `day` (the day on screen), else the one holding today, else the
    latest course that had started by today."""
    today = context.today()
    started = [course for course in context.courses if course.start_date <= today]
    return context.course_on(day) or context.course_on(today) or (started[-1] if started else None)


def ask_clear_since(context: DiaryContext, day: dt.date, parent: QWidget | None = None) -> bool:
    """Open the dialog for the course of `day`; True when something was saved."""
    course = course_to_mark(context, day)
    if course is None:
        QMessageBox.information(
            parent,
            "Skin clear since",
            "There is no course yet to mark. Course ▸ Courses… sets one up.",
        )
        return False
    dialog = ClearSinceDialog(context, course, parent)
    saved = bool(dialog.exec())
    dialog.deleteLater()
    return saved


class ClearSinceDialog(QDialog):
    """One date field: Save sets the course's clear_since to the day typed; Remove the date
    (when one is set) takes it away; Cancel changes nothing."""

    def __init__(self, context: DiaryContext, course: Course, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Skin clear since")
        self.context, self.course = context, course
        today = context.today()
        offered = course.clear_since or min(today, course.end_date or today)
        self.day = DateField(max(offered, course.start_date))
        self.day.setAccessibleName("The first day the skin was clear")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        # Room for two lines from the start: a refusal never pushes the rest out of place.
        self.problem.setMinimumHeight(2 * self.problem.fontMetrics().lineSpacing() + 4)
        speech.reads_as_shown(self.problem, "Problem with the date")
        ended = f"ended {days_text(course.end_date)}" if course.end_date else "still running"
        intro = QLabel(
            "The first day your skin was clear. The header and the summary show it beside the "
            "total dose, with how long ago it was, for your prescriber.\n\n"
            f"Course: from {days_text(course.start_date)}, {ended}."
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Clear since", self.day)
        form.addRow("", self.problem)
        form.setHorizontalSpacing(theme.SECTION_SPACING)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.remove_button = buttons.addButton(
            "&Remove the date", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.remove_button.setVisible(course.clear_since is not None)
        self.save_button.clicked.connect(self._save)
        self.remove_button.clicked.connect(self._remove)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.resize(440, self.sizeHint().height())
        self.day.setFocus()

    def chosen_day(self) -> dt.date | None:
        """The day typed, or None with the reason said beside the field."""
        if not self.day.is_complete():
            return self._refused("Type the whole date, such as 2026-10-06.")
        day = from_qdate(self.day.date())
        course = self.course
        if day < course.start_date:
            return self._refused(
                f"{days_text(day)} is before this course started ({days_text(course.start_date)})."
            )
        if course.end_date is not None and day > course.end_date:
            return self._refused(
                f"{days_text(day)} is after this course ended ({days_text(course.end_date)})."
            )
        if day > self.context.today():
            return self._refused(f"{days_text(day)} has not come yet.")
        self.problem.setText("")
        return day

    def _refused(self, words: str) -> dt.date | None:
        """Say why beside the field and give the field the keys again: no day."""
        self.problem.setText(words)
        theme.make_alarming(self.problem)
        self.day.setFocus()
        return None

    def _save(self) -> None:
        day = self.chosen_day()
        if day is not None and self._store(day):
            self.accept()

    def _remove(self) -> None:
        if self._store(None):
            self.accept()

    def _store(self, day: dt.date | None) -> bool:
        try:
            self.context.save_course(
                replace(self.course, clear_since=day), previous_start=self.course.start_date
            )
        except (CourseClash, DiaryUnavailable) as problem:
            self.problem.setText(f"Not saved: {problem}")
            return False
        return True
