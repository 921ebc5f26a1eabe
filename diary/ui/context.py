"""The open diary as the window sees it: one object passed to every panel, with signals for changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from diary.core.course import Course, course_on
from diary.core.entry import Entry
from diary.core.progress import CourseProgress, course_progress
from diary.core.routine import RoutineStep
from diary.store.diary import Diary
from diary.store.errors import DiaryChanged  # noqa: F401 (the views catch it from here)


class DiaryContext(QObject):
    """The diary, the courses and the routine, and news of their changes.

    Panels read through it and save through it; none of them talks to the store alone,
    so every panel hears about every change.

    Signals:
        entry_saved(date): a day was stored (or emptied).
        courses_changed: a course was added, changed or removed.
        routine_changed: the skincare routine was edited.
        diary_replaced: the whole diary changed (an import), so everything should reload.
    """

    entry_saved = Signal(object)
    courses_changed = Signal()
    routine_changed = Signal()
    diary_replaced = Signal()

    def __init__(self, diary: Diary, today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__()
        self.diary = diary
        self.today = today
        self._courses: list[Course] = diary.courses()
        self._routine: list[RoutineStep] = diary.routine(include_retired=True)

    @property
    def courses(self) -> list[Course]:
        return list(self._courses)

    def routine(self, include_retired: bool = False) -> list[RoutineStep]:
        return [step for step in self._routine if include_retired or step.active]

    def course_on(self, day: dt.date) -> Course | None:
        return course_on(self._courses, day)

    def scheduled_dose(self, day: dt.date) -> float | None:
        course = self.course_on(day)
        return None if course is None else course.scheduled_dose(day)

    def progress(self, day: dt.date) -> CourseProgress | None:
        """Where the course holding `day` stands on that day, or None outside every course."""
        course = self.course_on(day)
        if course is None:
            return None
        entries = self.diary.entries(course.start_date, min(day, course.last_day(day)))
        return course_progress(course, entries, day)

    def entry(self, day: dt.date) -> Entry | None:
        return self.diary.entry(day)

    def save_entry(self, entry: Entry) -> None:
        """Store the day; raises DiaryUnavailable when the file cannot take it."""
        self.diary.save_entry(entry)
        self.entry_saved.emit(entry.date)

    def save_entry_over(self, entry: Entry, loaded: Entry | None) -> None:
        """Store the day unless it changed since `loaded` was read (then DiaryChanged, nothing saved)."""
        self.diary.save_entry_over(entry, loaded)
        self.entry_saved.emit(entry.date)

    def save_course(self, course: Course, previous_start: dt.date | None = None) -> None:
        self.diary.save_course(course, previous_start)
        self._courses = self.diary.courses()
        self.courses_changed.emit()

    def delete_course(self, start: dt.date) -> None:
        self.diary.delete_course(start)
        self._courses = self.diary.courses()
        self.courses_changed.emit()

    def save_routine(self, steps: list[RoutineStep]) -> None:
        self.diary.save_routine(steps)
        self._routine = self.diary.routine(include_retired=True)
        self.routine_changed.emit()

    def reload(self) -> None:
        """After the file changed underneath (an import), read everything again."""
        self._courses = self.diary.courses()
        self._routine = self.diary.routine(include_retired=True)
        self.diary_replaced.emit()
