"""Course ▸ Tests and measurements: every record listed, added, edited and deleted through small dialogs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QLineEdit,
    QMessageBox,
)
from pytestqt.qtbot import QtBot

from diary.core.course import Course, DoseChange
from diary.core.records import LabResult, Medicine, PregnancyTest, Weighing
from diary.core.routine import RoutineStep
from diary.store.diary import Diary
from diary.store.errors import DiaryUnavailable
from diary.ui.app.context import DiaryContext
from diary.ui.course.course_dialog import CourseDialog
from diary.ui.records.lab_dialog import LabDialog
from diary.ui.records.medicine_dialog import MedicineDialog
from diary.ui.records.pregnancy_test_dialog import PregnancyTestDialog
from diary.ui.records.tests_dialog import CourseRecordsDialog
from diary.ui.records.weighing_dialog import WeighingDialog
from diary.ui.widgets.calendar import to_qdate
from tests.helpers.window import close_window, open_window, when_dialog_opens

TODAY = dt.date(2026, 4, 15)
START = dt.date(2026, 2, 2)


class RecordsStore:
    """The store's record methods (COMMON.md's agreed API) over plain lists."""

    def __init__(self, courses: Sequence[Course] = ()) -> None:
        self._courses = list(courses)
        self._weights: dict[dt.date, Weighing] = {}
        self._labs: dict[tuple[object, ...], LabResult] = {}
        self._tests: dict[dt.date, PregnancyTest] = {}
        self._medicines: dict[tuple[object, ...], Medicine] = {}

    def courses(self) -> list[Course]:
        return list(self._courses)

    def routine(self, include_retired: bool = False) -> list[RoutineStep]:
        return []

    def weights(self) -> list[Weighing]:
        return sorted(self._weights.values(), key=lambda w: w.date)

    def save_weighing(self, w: Weighing) -> None:
        self._weights[w.date] = w

    def delete_weighing(self, day: dt.date) -> None:
        del self._weights[day]

    def lab_results(self) -> list[LabResult]:
        return sorted(self._labs.values(), key=lambda r: (r.date, r.test))

    def save_lab_result(self, r: LabResult, previous: LabResult | None = None) -> None:
        if previous is not None:
            self._labs.pop(previous.identity, None)
        self._labs[r.identity] = r

    def delete_lab_result(self, r: LabResult) -> None:
        del self._labs[r.identity]

    def pregnancy_tests(self) -> list[PregnancyTest]:
        return sorted(self._tests.values(), key=lambda t: t.date)

    def save_pregnancy_test(self, t: PregnancyTest) -> None:
        self._tests[t.date] = t

    def delete_pregnancy_test(self, day: dt.date) -> None:
        del self._tests[day]

    def medicines(self) -> list[Medicine]:
        return sorted(self._medicines.values(), key=lambda m: (m.starts, m.name))

    def save_medicine(self, m: Medicine, previous: Medicine | None = None) -> None:
        if previous is not None:
            self._medicines.pop(previous.identity, None)
        self._medicines[m.identity] = m

    def delete_medicine(self, m: Medicine) -> None:
        del self._medicines[m.identity]


def a_course(prevention: bool = True) -> Course:
    return Course(
        start_date=START, weight_kg=64.5, doses=(DoseChange(START, 40),), pregnancy_prevention=prevention
    )


def filled_store(prevention: bool = True) -> RecordsStore:
    store = RecordsStore([a_course(prevention)])
    store.save_lab_result(LabResult(dt.date(2026, 1, 26), "triglycerides", 1.2, "mmol/L", None, 0.4, 1.7))
    store.save_lab_result(LabResult(dt.date(2026, 3, 30), "triglycerides", 212, "mg/dL", None, None, 150))
    store.save_lab_result(LabResult(dt.date(2026, 3, 30), "alt", 31, "U/L", None, 7, 56, "fasting"))
    store.save_lab_result(LabResult(dt.date(2026, 3, 30), "other", 4.1, "g/dL", "Albumin", 3.5, 5.0))
    store.save_weighing(Weighing(dt.date(2026, 1, 20), 65.0))
    store.save_weighing(Weighing(dt.date(2026, 3, 2), 63.8))
    store.save_pregnancy_test(PregnancyTest(dt.date(2026, 3, 31), "negative", "clinic"))
    store.save_pregnancy_test(PregnancyTest(dt.date(2026, 4, 14), "negative", "lab"))
    store.save_medicine(Medicine("Doxycycline", "tetracycline", dt.date(2025, 11, 1), dt.date(2026, 2, 20)))
    store.save_medicine(Medicine("Minocycline", "tetracycline", dt.date(2026, 3, 1), dt.date(2026, 3, 10)))
    store.save_medicine(Medicine("Prednisone", "corticosteroid", dt.date(2025, 6, 1), dt.date(2025, 6, 7)))
    store.save_medicine(Medicine("Vitamin D", "other", dt.date(2026, 1, 1), None, "1000 IU"))
    return store


def make_view(qtbot: QtBot, store: RecordsStore) -> tuple[CourseRecordsDialog, DiaryContext]:
    context = DiaryContext(store, today=lambda: TODAY)  # type: ignore[arg-type]
    view = CourseRecordsDialog(context)
    qtbot.addWidget(view)
    return view, context


def cell(view_tab: object, row: int, heading: str) -> str:
    model = view_tab.model  # type: ignore[attr-defined]
    column = [c.heading for c in model.columns].index(heading)
    return str(model.data(model.index(row, column)))


def when_shown(handle: Callable[[QDialog], None]) -> None:
    when_dialog_opens(handle)


def test_every_model_passes_the_model_tester(qtbot: QtBot, qtmodeltester: object) -> None:
    view, _ = make_view(qtbot, filled_store())
    for tab in (view.labs, view.weights, view.pregnancy_tests, view.medicines):
        qtmodeltester.check(tab.model)  # type: ignore[attr-defined]


def test_lab_results_show_the_labs_range_and_say_when_a_value_is_outside(qtbot: QtBot) -> None:
    view, _ = make_view(qtbot, filled_store())
    labs = view.labs
    assert labs.model.rowCount() == 4
    rows = {cell(labs, row, "Test"): row for row in range(4) if cell(labs, row, "Date").endswith("Mar 2026")}
    high = rows["Triglycerides"]
    assert cell(labs, high, "Value") == "212 mg/dL"
    assert cell(labs, high, "Lab's range") == "up to 150 mg/dL"
    assert cell(labs, high, "Against the range") == "▲ above the lab's range"  # words, not only colour
    font = labs.model.data(labs.model.index(high, 2), Qt.ItemDataRole.FontRole)
    assert font.bold()
    assert cell(labs, rows["ALT"], "Against the range") == "within range"
    assert cell(labs, rows["Albumin"], "Lab's range") == "3.5–5 g/dL"
    # The baseline result, before the course started, is listed too.
    assert cell(labs, 3, "Course") == "outside a course"
    assert cell(labs, high, "Course") == "week 9"


def test_adding_a_lab_result_through_its_dialog(qtbot: QtBot) -> None:
    view, context = make_view(qtbot, RecordsStore([a_course()]))
    assert not view.labs.empty.isHidden()

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, LabDialog)
        dialog.day.setDate(to_qdate(dt.date(2026, 4, 10)))
        dialog.test.setCurrentIndex(dialog.test.findData("alt"))
        qtbot.keyClicks(dialog.value, "61")
        qtbot.keyClicks(dialog.low, "7")
        qtbot.keyClicks(dialog.high, "56")
        qtbot.keyClick(dialog.high, Qt.Key.Key_Return)

    when_shown(fill)
    with qtbot.waitSignal(context.changed):
        qtbot.mouseClick(view.labs.add_button, Qt.MouseButton.LeftButton)
    (result,) = context.lab_results()
    assert result == LabResult(dt.date(2026, 4, 10), "alt", 61, "U/L", None, 7, 56)
    assert cell(view.labs, 0, "Against the range") == "▲ above the lab's range"
    assert view.labs.empty.isHidden()


def test_a_lab_dialog_names_what_is_wrong(qtbot: QtBot) -> None:
    dialog = LabDialog(None, TODAY, lambda _r: None, None)
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == "The value is needed."
    qtbot.keyClicks(dialog.value, "abc")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == "The value must be a number, not 'abc'."
    dialog.value.clear()
    qtbot.keyClicks(dialog.value, "200000")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.problem.text().startswith("The value must be")  # the core's own words
    dialog.test.setCurrentIndex(dialog.test.findData("other"))
    assert dialog.label.isEnabled() and dialog.unit.isEditable()
    dialog.value.setText("4,1")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == "The test's name must not be empty."
    qtbot.keyClicks(dialog.label, "Albumin")
    qtbot.keyClicks(dialog.unit.lineEdit(), "g/dL")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.record() == LabResult(TODAY, "other", 4.1, "g/dL", "Albumin")


def test_the_same_result_twice_is_refused_with_a_message(qtbot: QtBot) -> None:
    view, context = make_view(qtbot, filled_store())
    messages = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, LabDialog)
        dialog.day.setDate(to_qdate(dt.date(2026, 3, 30)))
        dialog.test.setCurrentIndex(dialog.test.findData("alt"))
        dialog.value.setText("40")
        dialog.buttons.accepted.emit()
        messages.append(dialog.problem.text())
        dialog.reject()

    when_shown(fill)
    qtbot.mouseClick(view.labs.add_button, Qt.MouseButton.LeftButton)
    assert messages == ["There is already a ALT result on Mon 30 Mar 2026: edit that one."]
    assert len(context.lab_results()) == 4


def test_editing_a_weighing_to_another_day_moves_it(qtbot: QtBot) -> None:
    view, context = make_view(qtbot, filled_store())
    view.tabs.setCurrentWidget(view.weights)
    view.weights.table.selectRow(1)  # 20 Jan
    view.weights.table.setFocus()

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, WeighingDialog)
        dialog.day.setDate(to_qdate(dt.date(2026, 1, 21)))
        dialog.kg.setValue(64.9)
        dialog.buttons.accepted.emit()

    when_shown(fill)
    qtbot.keyClick(view.weights.table, Qt.Key.Key_Return)
    assert context.weights() == [Weighing(dt.date(2026, 1, 21), 64.9), Weighing(dt.date(2026, 3, 2), 63.8)]
    assert cell(view.weights, 1, "Weight") == "64.9 kg"
    assert cell(view.weights, 1, "Course") == "outside a course"


def test_a_weight_of_zero_is_refused(qtbot: QtBot) -> None:
    dialog = WeighingDialog(None, TODAY, lambda _w: None, None)
    qtbot.addWidget(dialog)
    dialog.buttons.accepted.emit()
    assert dialog.problem.text().startswith("The weight must be")
    assert dialog.record() is None


def test_deleting_asks_first(qtbot: QtBot) -> None:
    view, context = make_view(qtbot, filled_store())
    view.tabs.setCurrentWidget(view.pregnancy_tests)
    view.pregnancy_tests.table.selectRow(0)
    asked = []

    def answer(button: QMessageBox.StandardButton) -> Callable[[QDialog], None]:
        def handle(dialog: QDialog) -> None:
            assert isinstance(dialog, QMessageBox)
            asked.append(dialog.text())
            dialog.button(button).click()

        return handle

    when_shown(answer(QMessageBox.StandardButton.Cancel))
    qtbot.keyClick(view.pregnancy_tests.table, Qt.Key.Key_Delete)
    assert len(context.pregnancy_tests()) == 2
    when_shown(answer(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(view.pregnancy_tests.delete_button, Qt.MouseButton.LeftButton)
    assert asked == ["Delete the pregnancy test of Tue 14 Apr 2026?"] * 2
    assert context.pregnancy_tests() == [PregnancyTest(dt.date(2026, 3, 31), "negative", "clinic")]
    assert view.pregnancy_tests.model.rowCount() == 1


def test_the_pregnancy_tab_shows_only_with_a_prevention_course(qtbot: QtBot) -> None:
    store = RecordsStore([a_course(prevention=False)])
    view, _ = make_view(qtbot, store)
    assert not view.tabs.isTabVisible(view.tabs.indexOf(view.pregnancy_tests))
    view, _ = make_view(qtbot, RecordsStore([a_course(prevention=True)]))
    assert view.tabs.isTabVisible(view.tabs.indexOf(view.pregnancy_tests))
    assert view.schedule.text().startswith("Pregnancy tests: none logged yet")
    assert "does not replace or report to any programme such as iPLEDGE" in view.programme.text()


def test_the_guide_is_quoted_once_per_kind_taken_during_a_course(qtbot: QtBot) -> None:
    view, _ = make_view(qtbot, filled_store())
    words = view.guide.text()
    assert view.medicines.model.rowCount() == 4
    # Doxycycline overlaps the course's start; minocycline is during it: one quote for both.
    assert words.count("increased pressure in the brain") == 1
    assert "Doxycycline, Minocycline:" in words or "Minocycline, Doxycycline:" in words
    assert "(isotretinoin Medication Guide)" in words
    assert "weaken your bones" not in words  # prednisone was taken before the course
    courses = {cell(view.medicines, row, "Name"): cell(view.medicines, row, "Course") for row in range(4)}
    assert courses["Prednisone"] == "outside a course" and courses["Doxycycline"] == "during a course"
    assert "should" not in words.lower()  # quotes, no advice of IsoDiary's own


def test_a_medicine_with_no_guide_words_shows_no_quote(qtbot: QtBot) -> None:
    store = RecordsStore([a_course()])
    store.save_medicine(Medicine("Vitamin D", "other", START))
    view, _ = make_view(qtbot, store)
    assert view.guide.isHidden()
    assert cell(view.medicines, 0, "To") == "still taking"


def test_adding_a_medicine_with_the_keyboard(qtbot: QtBot) -> None:
    view, context = make_view(qtbot, RecordsStore([a_course()]))

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, MedicineDialog)
        qtbot.keyClicks(dialog.name, "St John's wort tea")
        dialog.kind.setCurrentIndex(dialog.kind.findData("st_johns_wort"))
        dialog.starts.setDate(to_qdate(dt.date(2026, 4, 1)))
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)

    when_shown(fill)
    view.tabs.setCurrentWidget(view.medicines)
    view.medicines.add_button.click()
    assert context.medicines() == [Medicine("St John's wort tea", "st_johns_wort", dt.date(2026, 4, 1))]
    assert "“This herbal supplement may make birth control pills work less effectively.”" in view.guide.text()


def test_a_medicine_ending_before_it_starts_is_refused(qtbot: QtBot) -> None:
    dialog = MedicineDialog(None, TODAY, lambda _m: None, None)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "Doxycycline")
    dialog.still_taking.setChecked(False)
    dialog.ends.setDate(to_qdate(TODAY - dt.timedelta(days=3)))
    dialog.buttons.accepted.emit()
    assert dialog.problem.text() == "The last day 2026-04-12 is before 2026-04-15."


@pytest.mark.parametrize("name", ["", "   "])
def test_a_medicine_needs_a_name(qtbot: QtBot, name: str) -> None:
    dialog = MedicineDialog(None, TODAY, lambda _m: None, None)
    qtbot.addWidget(dialog)
    dialog.name.setText(name)
    dialog.buttons.accepted.emit()
    assert dialog.problem.text() == "The name must not be empty."


def test_every_control_has_an_accessible_name(qtbot: QtBot) -> None:
    view, _ = make_view(qtbot, filled_store())
    dialogs = [
        LabDialog(None, TODAY, lambda _r: None, None),
        WeighingDialog(None, TODAY, lambda _w: None, None),
        PregnancyTestDialog(None, TODAY, lambda _t: None, None),
        MedicineDialog(None, TODAY, lambda _m: None, None),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        for kind in (QDateEdit, QComboBox, QCheckBox, QDoubleSpinBox, QLineEdit):
            for widget in dialog.findChildren(kind):
                inner = isinstance(widget.parent(), (QComboBox, QDateEdit, QDoubleSpinBox))
                assert widget.accessibleName() or inner, widget
    for tab in (view.labs, view.weights, view.pregnancy_tests, view.medicines):
        assert tab.table.accessibleName() and tab.add_button.accessibleName()


# In the window, on a real diary ------------------------------------------------------------


def action(window: object, text: str) -> QAction:
    (found,) = [a for a in window.findChildren(QAction) if a.text() == text]  # type: ignore[attr-defined]
    return found


def test_the_header_follows_the_tests_of_a_prevention_course(qtbot: QtBot, diary_path: Path) -> None:
    with Diary.open(diary_path) as diary:
        diary.save_course(a_course(prevention=True))
        diary.save_pregnancy_test(PregnancyTest(dt.date(2026, 3, 20), "negative", "clinic"))
        diary.set_setting("first_run_done", True)
    window = open_window(qtbot, diary_path, TODAY)
    window.first_run()
    line = window.pregnancy_line
    assert line.isVisible()
    assert line.words.text().startswith(
        "Next pregnancy test due Sun 19 Apr (in 4 days), 30 days after Fri 20 Mar"
    )
    assert line.note.text() == (
        "IsoDiary is a personal diary: it does not replace or report to any programme such as iPLEDGE."
    )

    def add_test(dialog: QDialog) -> None:
        assert isinstance(dialog, CourseRecordsDialog)
        assert dialog.tabs.isTabVisible(dialog.tabs.indexOf(dialog.pregnancy_tests))
        dialog.tabs.setCurrentWidget(dialog.pregnancy_tests)

        def fill(test_dialog: QDialog) -> None:
            assert isinstance(test_dialog, PregnancyTestDialog)
            assert test_dialog.outcome.currentData() is None  # no result until one is chosen
            test_dialog.outcome.setCurrentIndex(test_dialog.outcome.findData("negative"))
            test_dialog.where.setCurrentIndex(test_dialog.where.findData("lab"))
            test_dialog.buttons.accepted.emit()
            when_dialog_opens(lambda view: view.accept())

        when_dialog_opens(fill)
        dialog.pregnancy_tests.add_button.click()

    when_dialog_opens(add_test)
    action(window, "&Tests and measurements…").trigger()
    assert window.context.pregnancy_tests()[-1] == PregnancyTest(TODAY, "negative", "lab")
    assert "day 1 of the 7 days after the test (until Tue 21 Apr)" in line.words.text()
    close_window(window)


def test_without_pregnancy_prevention_the_header_says_nothing_of_tests(
    qtbot: QtBot, diary_path: Path
) -> None:
    with Diary.open(diary_path) as diary:
        diary.save_course(a_course(prevention=False))
        diary.set_setting("first_run_done", True)
    window = open_window(qtbot, diary_path, TODAY)
    window.first_run()
    assert not window.pregnancy_line.isVisible()
    close_window(window)


def test_the_course_dialog_keeps_pregnancy_prevention(qtbot: QtBot) -> None:
    dialog = CourseDialog(a_course(prevention=False), TODAY)
    qtbot.addWidget(dialog)
    assert not dialog.pregnancy_prevention.isChecked()
    qtbot.mouseClick(dialog.pregnancy_prevention, Qt.MouseButton.LeftButton)
    dialog.findChild(QDialogButtonBox).accepted.emit()
    course = dialog.course()
    assert course is not None and course.pregnancy_prevention
    again = CourseDialog(course, TODAY)
    qtbot.addWidget(again)
    assert again.pregnancy_prevention.isChecked()


def test_records_saved_through_the_context_reach_the_diary(qtbot: QtBot, diary: Diary) -> None:
    context = DiaryContext(diary, today=lambda: TODAY)
    view = CourseRecordsDialog(context)
    qtbot.addWidget(view)
    with qtbot.waitSignal(context.changed):
        context.save_weighing(Weighing(TODAY, 63.0))
    context.save_lab_result(LabResult(TODAY, "ldl", 3.1, "mmol/L", None, None, 3.0))
    context.save_medicine(Medicine("Doxycycline", "tetracycline", TODAY))
    assert diary.weights() == [Weighing(TODAY, 63.0)]
    assert cell(view.labs, 0, "Against the range") == "▲ above the lab's range"
    assert view.medicines.model.rowCount() == 1 and view.guide.isHidden()  # no course in this diary


def test_a_diary_that_cannot_be_written_says_so_and_keeps_the_list(qtbot: QtBot) -> None:
    store = filled_store()

    def refuse(_w: Weighing) -> None:
        raise DiaryUnavailable("The diary file /tmp/diary.sqlite3 is read-only.")

    store.save_weighing = refuse  # type: ignore[method-assign]
    view, _ = make_view(qtbot, store)
    warned = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, WeighingDialog)
        dialog.kg.setValue(62.0)

        def warning(box: QDialog) -> None:
            assert isinstance(box, QMessageBox)
            warned.append(box.text())
            box.accept()

        when_dialog_opens(warning)
        dialog.buttons.accepted.emit()

    when_shown(fill)
    view.weights.add_button.click()
    assert warned == [
        "IsoDiary could not save this change:\n\nThe diary file /tmp/diary.sqlite3 is read-only."
    ]
    assert view.weights.model.rowCount() == 2
