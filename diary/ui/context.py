"""The open diary as the window sees it: one object passed to every panel, with signals for changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from diary.core.course import Course, course_on
from diary.core.entry import Entry
from diary.core.progress import CourseProgress, course_progress
from diary.core.records import CustomSideEffect, LabResult, Medicine, PregnancyTest, Weighing
from diary.core.routine import RoutineStep
from diary.store.diary import Diary


class DiaryContext(QObject):
    """The diary, the courses and the routine, and news of their changes.

    Panels read through it and save through it; none of them talks to the store alone,
    so every panel hears about every change.

    Signals:
        entry_saved(date): a day was stored (or emptied).
        courses_changed: a course was added, changed or removed.
        routine_changed: the skincare routine was edited.
        side_effects_changed: the person's own side effects were added, renamed or retired.
        diary_replaced: the whole diary changed (an import), so everything should reload.
        records_changed: a weighing, lab result, pregnancy test or medicine was saved or deleted.
    """

    entry_saved = Signal(object)
    courses_changed = Signal()
    routine_changed = Signal()
    side_effects_changed = Signal()
    diary_replaced = Signal()
    records_changed = Signal()

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

    def second_reader(self) -> Diary:
        """Another reader on the same diary file, for work on a worker thread (a reader
        belongs to the thread that opened it); the caller closes it."""
        return Diary(self.diary.path)

    def entry(self, day: dt.date) -> Entry | None:
        return self.diary.entry(day)

    def save_entry(self, entry: Entry) -> None:
        """Store the day; raises DiaryUnavailable when the file cannot take it."""
        self.diary.save_entry(entry)
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

    # Weighings, lab results, pregnancy tests and other medicines -----------------------

    def weights(self) -> list[Weighing]:
        return self.diary.weights()

    def save_weighing(self, weighing: Weighing) -> None:
        self.diary.save_weighing(weighing)
        self.records_changed.emit()

    def delete_weighing(self, day: dt.date) -> None:
        self.diary.delete_weighing(day)
        self.records_changed.emit()

    def lab_results(self) -> list[LabResult]:
        return self.diary.lab_results()

    def save_lab_result(self, result: LabResult, previous: LabResult | None = None) -> None:
        self.diary.save_lab_result(result, previous)
        self.records_changed.emit()

    def delete_lab_result(self, result: LabResult) -> None:
        self.diary.delete_lab_result(result)
        self.records_changed.emit()

    def pregnancy_tests(self) -> list[PregnancyTest]:
        return self.diary.pregnancy_tests()

    def save_pregnancy_test(self, test: PregnancyTest) -> None:
        self.diary.save_pregnancy_test(test)
        self.records_changed.emit()

    def delete_pregnancy_test(self, day: dt.date) -> None:
        self.diary.delete_pregnancy_test(day)
        self.records_changed.emit()

    def medicines(self) -> list[Medicine]:
        return self.diary.medicines()

    def save_medicine(self, medicine: Medicine, previous: Medicine | None = None) -> None:
        self.diary.save_medicine(medicine, previous)
        self.records_changed.emit()

    def delete_medicine(self, medicine: Medicine) -> None:
        self.diary.delete_medicine(medicine)
        self.records_changed.emit()

    def custom_side_effects(self) -> list[CustomSideEffect]:
        """The person's own side effects, in their order (retired ones too, marked inactive)."""
        return self.diary.custom_side_effects()

    def save_custom_side_effects(self, items: list[CustomSideEffect]) -> None:
        """Store the whole list of the person's own side effects."""
        self.diary.save_custom_side_effects(items)
        self.side_effects_changed.emit()

    def reload(self) -> None:
        """After the file changed underneath (an import), read everything again."""
        self._courses = self.diary.courses()
        self._routine = self.diary.routine(include_retired=True)
        self.diary_replaced.emit()
