"""Course ▸ Tests and measurements: a dialog with a tab for each kind of record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from diary.core import scales
from diary.core.course import Course
from diary.core.medicine_guide import during_a_course, guide_notes
from diary.core.pregnancy import NOT_A_PROGRAMME, header_words, schedule_course, schedule_for
from diary.core.records import LabResult, Medicine, PregnancyTest, Weighing
from diary.ui.app.context import DiaryContext, DiaryUnavailable
from diary.ui.models.changes import Changes
from diary.ui.models.records_table import Column
from diary.ui.records.lab_dialog import LabDialog
from diary.ui.records.medicine_dialog import MedicineDialog
from diary.ui.records.pregnancy_test_dialog import PregnancyTestDialog
from diary.ui.records.record_words import (
    NOT_GIVEN,
    PLACE_WORDS,
    RESULT_WORDS,
    against_range,
    course_words,
    day_words,
    number,
    range_words,
)
from diary.ui.records.records_tab import RecordsTab
from diary.ui.records.weighing_dialog import WeighingDialog


class _Dated(Protocol):
    @property
    def date(self) -> dt.date: ...


Dated = TypeVar("Dated", bound=_Dated)


def _newest_first(records: Sequence[Dated]) -> list[Dated]:
    return sorted(records, key=lambda record: record.date, reverse=True)


class CourseRecordsDialog(QDialog):
    """Course ▸ Tests and measurements: lab results, weighings, pregnancy tests and other medicines.

    Every record is listed, also those outside a course; each tab adds, edits and deletes its
    kind through a small dialog. The medicines tab quotes the Medication Guide once for each
    kind it warns about that was taken during a course. Every change is saved at once through
    the context, and the tabs follow the changes to records and courses the context tells."""

    def __init__(self, context: DiaryContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Tests and measurements")
        self.setAccessibleName("Tests and measurements")

        def courses() -> list[Course]:  # read afresh: courses may change while open
            return context.courses

        self.labs: RecordsTab[LabResult] = RecordsTab(
            "lab results",
            [
                Column("Date", lambda r: day_words(r.date)),
                Column("Test", lambda r: r.shown_as),
                Column("Value", lambda r: f"{number(r.value)} {r.unit}", lambda r: r.outside_range),
                Column("Lab's range", range_words),
                Column("Against the range", against_range, lambda r: r.outside_range),
                Column("Course", lambda r: course_words(courses(), r.date)),
                Column("Note", lambda r: (r.note or "").replace("\n", " ")),
            ],
            lambda r: f"the {r.shown_as} result of {day_words(r.date)}",
        )
        self.weights: RecordsTab[Weighing] = RecordsTab(
            "weighings",
            [
                Column("Date", lambda w: day_words(w.date)),
                Column("Weight", lambda w: f"{number(w.kg)} kg"),
                Column("Course", lambda w: course_words(courses(), w.date)),
            ],
            lambda w: f"the weighing of {day_words(w.date)}",
        )
        self.pregnancy_tests: RecordsTab[PregnancyTest] = RecordsTab(
            "pregnancy tests",
            [
                Column("Date", lambda t: day_words(t.date)),
                Column(
                    "Result",
                    lambda t: RESULT_WORDS[t.result],
                    lambda t: t.result == "positive",
                ),
                Column("Where", lambda t: PLACE_WORDS.get(t.where or "", NOT_GIVEN)),
                Column("Course", lambda t: course_words(courses(), t.date)),
            ],
            lambda t: f"the pregnancy test of {day_words(t.date)}",
        )
        self.medicines: RecordsTab[Medicine] = RecordsTab(
            "other medicines",
            [
                Column("Name", lambda m: m.name),
                Column("Kind", lambda m: scales.MEDICINE_KINDS[m.kind]),
                Column("From", lambda m: day_words(m.starts)),
                Column("To", lambda m: "still taking" if m.ends is None else day_words(m.ends)),
                Column(
                    "Course",
                    lambda m: "during a course" if during_a_course(m, courses()) else "outside a course",
                ),
                Column("Note", lambda m: (m.note or "").replace("\n", " ")),
            ],
            lambda m: f"{m.name} (from {day_words(m.starts)})",
        )
        self.guide = QLabel()
        self.guide.setWordWrap(True)
        self.guide.setTextFormat(Qt.TextFormat.PlainText)
        self.guide.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.guide.setAccessibleName("What the Medication Guide says about these medicines")
        self.medicines.below.addWidget(self.guide)
        self.schedule = QLabel()
        self.schedule.setWordWrap(True)
        self.schedule.setAccessibleName("When the next pregnancy test is due")
        self.programme = QLabel(NOT_A_PROGRAMME)
        self.programme.setWordWrap(True)
        self.programme.setAccessibleName("About pregnancy prevention programmes")
        self.pregnancy_tests.below.addWidget(self.schedule)
        self.pregnancy_tests.below.addWidget(self.programme)
        self._wire()

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Kinds of record")
        self.tabs.addTab(self.labs, "&Lab results")
        self.tabs.addTab(self.weights, "&Weight")
        self.tabs.addTab(self.pregnancy_tests, "&Pregnancy tests")
        self.tabs.addTab(self.medicines, "Other &medicines")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)
        self.resize(900, 520)
        context.changed.connect(self._changed)
        self.refresh()

    def _changed(self, changes: Changes) -> None:
        if changes.records or changes.courses:  # the whole diary replaced counts as both
            self.refresh()

    def _wire(self) -> None:
        context, today = self.context, self.context.today
        labs, weights, tests, medicines = self.labs, self.weights, self.pregnancy_tests, self.medicines

        def clash_on(
            key: Callable[[Any], object], tab: RecordsTab[Any], words: Callable[[Any], str]
        ) -> Callable[[Any, Any], str | None]:
            """Names the listed record a new or edited one would overwrite (same `key`)."""

            def clash(record: Any, previous: Any) -> str | None:
                if previous is not None and key(previous) == key(record):
                    return None
                if any(key(other) == key(record) for other in tab.model.records):
                    return words(record)
                return None

            return clash

        identity, date = attrgetter("identity"), attrgetter("date")
        lab_clash = clash_on(
            identity,
            labs,
            lambda r: f"There is already a {r.shown_as} result on {day_words(r.date)}: edit that one.",
        )
        weighing_clash = clash_on(
            date, weights, lambda w: f"There is already a weighing on {day_words(w.date)}: edit that one."
        )
        test_clash = clash_on(
            date, tests, lambda t: f"There is already a pregnancy test on {day_words(t.date)}: edit that one."
        )
        medicine_clash = clash_on(
            identity,
            medicines,
            lambda m: f"{m.name} from {day_words(m.starts)} is already listed: edit that one.",
        )

        def dialog_for(make: Any, clash: Callable[[Any, Any], str | None]) -> Callable[[Any], Any]:
            def open_dialog(previous: Any) -> Any:
                dialog = make(previous, today(), lambda record: clash(record, previous), self)
                return dialog.record() if dialog.exec() else None

            return open_dialog

        labs.open_dialog = dialog_for(LabDialog, lab_clash)
        labs.save = lambda r, previous: self._saved(context.save_lab_result, r, previous)
        labs.remove = lambda r: self._saved(context.delete_lab_result, r)

        def weighing_dialog(previous: Any, day: Any, clash: Any, parent: Any) -> WeighingDialog:
            last = max(context.weights(), key=date, default=None)
            return WeighingDialog(previous, day, clash, parent, last_kg=last.kg if last else None)

        weights.open_dialog = dialog_for(weighing_dialog, weighing_clash)
        weights.save = lambda w, previous: self._save_dated(
            context.save_weighing, context.delete_weighing, w, previous
        )
        weights.remove = lambda w: self._saved(context.delete_weighing, w.date)
        tests.open_dialog = dialog_for(PregnancyTestDialog, test_clash)
        tests.save = lambda t, previous: self._save_dated(
            context.save_pregnancy_test, context.delete_pregnancy_test, t, previous
        )
        tests.remove = lambda t: self._saved(context.delete_pregnancy_test, t.date)
        medicines.open_dialog = dialog_for(MedicineDialog, medicine_clash)
        medicines.save = lambda m, previous: self._saved(context.save_medicine, m, previous)
        medicines.remove = lambda m: self._saved(context.delete_medicine, m)

    def _saved(self, action: Callable[..., None], *arguments: Any) -> None:
        try:
            action(*arguments)
        except DiaryUnavailable as error:
            QMessageBox.warning(self, "Not saved", f"IsoDiary could not save this change:\n\n{error}")
            self.refresh()

    def _save_dated(
        self, save: Callable[[Any], None], delete: Callable[[dt.date], None], record: Any, previous: Any
    ) -> None:
        """Records kept one per date: a new date is a new record, so the old one goes
        (after the new one is stored, so a failure never loses both)."""

        def save_then_delete() -> None:
            save(record)
            if previous is not None and previous.date != record.date:
                delete(previous.date)

        self._saved(save_then_delete)

    def refresh(self) -> None:
        context = self.context
        courses = context.courses
        self.labs.show_records(
            _newest_first(context.lab_results()),
            "No lab results yet. Add each result as printed on the lab report, with the lab's range.",
        )
        self.weights.show_records(
            _newest_first(context.weights()),
            "No weighings yet. With a weighing, the course total per kilogram uses the weight of each day.",
        )
        tests = _newest_first(context.pregnancy_tests())
        self.pregnancy_tests.show_records(tests, "No pregnancy tests logged yet.")
        shown = any(course.pregnancy_prevention for course in courses) or bool(tests)
        self.tabs.setTabVisible(self.tabs.indexOf(self.pregnancy_tests), shown)
        course = schedule_course(courses, context.today())
        self.schedule.setText(header_words(schedule_for(course, tests, context.today())) if course else "")
        self.schedule.setVisible(course is not None)
        medicines = sorted(context.medicines(), key=lambda m: (m.starts, m.name), reverse=True)
        self.medicines.show_records(
            medicines,
            "No other medicines yet. The Medication Guide asks you to tell your prescriber about every "
            "medicine and supplement you take.",
        )
        notes = guide_notes(medicines, courses)
        if notes:
            lines = ["What the Medication Guide says about medicines you took during a course:"]
            lines += [f"• {', '.join(note.names)}: {note.quoted()}" for note in notes]
            self.guide.setText("\n".join(lines))
        self.guide.setVisible(bool(notes))
