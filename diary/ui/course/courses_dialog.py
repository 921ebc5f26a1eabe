"""All the courses over the years: add a new one, change one, or forget one's settings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from diary.core.course import Course, CourseClash
from diary.ui.app.context import DiaryContext
from diary.ui.course.course_dialog import CourseDialog


def describe_course(course: Course) -> str:
    end = "still running" if course.end_date is None else f"ended {course.end_date:%d %b %Y}"
    parts = [f"From {course.start_date:%d %b %Y}, {end}"]
    if course.planned_weeks:
        parts.append(f"{course.planned_weeks} weeks planned")
    if course.weight_kg:
        parts.append(f"{course.weight_kg:g} kg")
    if course.target_mg_per_kg:
        parts.append(f"target {course.target_mg_per_kg:g} mg/kg")
    return " · ".join(parts)


def edit_course(
    context: DiaryContext, course: Course | None, parent: QWidget, first_run: bool = False
) -> bool:
    """Open the course editor until the course saves or the person gives up; True if saved."""
    dialog = CourseDialog(course, context.today(), first_run=first_run, parent=parent)
    while dialog.exec():
        result = dialog.course()
        if result is None:
            return False
        try:
            context.save_course(result, previous_start=None if course is None else course.start_date)
        except CourseClash as clash:
            dialog.problem.setText(str(clash))
            continue
        return True
    return False


class CoursesDialog(QDialog):
    """The list of courses, newest first."""

    def __init__(self, context: DiaryContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Courses")
        self.context = context
        self.list = QListWidget()
        self.list.setAccessibleName("Your courses")
        self.new_button = QPushButton("&New course…")
        self.edit_button = QPushButton("&Change…")
        self.delete_button = QPushButton("&Forget settings…")
        self.delete_button.setToolTip("Removes the course's settings; the days you logged stay.")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("A new course starts after the last one has an end date."))
        layout.addWidget(self.list)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout.addLayout(buttons)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.new_button.clicked.connect(lambda: self._edit(None))
        self.edit_button.clicked.connect(lambda: self._edit(self._selected()))
        self.list.itemActivated.connect(lambda _item: self._edit(self._selected()))
        self.delete_button.clicked.connect(self._forget)
        self._fill()
        self.resize(520, 320)

    def _fill(self) -> None:
        self.list.clear()
        for course in reversed(self.context.courses):
            item = QListWidgetItem(describe_course(course))
            item.setData(Qt.ItemDataRole.UserRole, course)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        has_courses = self.list.count() > 0
        self.edit_button.setEnabled(has_courses)
        self.delete_button.setEnabled(has_courses)

    def _selected(self) -> Course | None:
        item = self.list.currentItem()
        if item is None:
            return None
        course: Course = item.data(Qt.ItemDataRole.UserRole)
        return course

    def _edit(self, course: Course | None) -> None:
        if edit_course(self.context, course, self):
            self._fill()

    def _forget(self) -> None:
        course = self._selected()
        if course is None:
            return
        answer = QMessageBox.question(
            self,
            "Forget this course?",
            f"Forget the settings of the course from {course.start_date:%d %B %Y}? "
            "The days you logged stay in the diary.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.context.delete_course(course.start_date)
            self._fill()
