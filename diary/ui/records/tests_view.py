"""Course ▸ Tests and measurements: lab results, weighings, pregnancy tests and other medicines.

Every record is listed, also those outside a course; each tab adds, edits and deletes its
kind through a small dialog. The medicines tab quotes the Medication Guide once for each
kind it warns about that was taken during a course.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from diary.core import scales
from diary.core.course import Course, course_on
from diary.core.entry import InvalidValue
from diary.core.medicine_guide import during_a_course, guide_notes
from diary.core.pregnancy import NOT_A_PROGRAMME, header_words, schedule_course, schedule_for
from diary.core.records import LabResult, Medicine, PregnancyTest, Weighing
from diary.ui.app.context import DiaryContext, DiaryUnavailable
from diary.ui.models.changes import Changes
from diary.ui.widgets import theme
from diary.ui.widgets.calendar import from_qdate, to_qdate

Record = TypeVar("Record")


class _Dated(Protocol):
    @property
    def date(self) -> dt.date: ...


Dated = TypeVar("Dated", bound=_Dated)
NOT_GIVEN = "not given"
RESULT_WORDS = {"negative": "Negative", "positive": "Positive", "invalid": "Invalid (no result)"}
PLACE_WORDS = {"clinic": "At the clinic", "lab": "At a lab", "home": "At home"}
ModelIndex = QModelIndex | QPersistentModelIndex


# Tables ---------------------------------------------------------------------------------------


def _newest_first(records: Sequence[Dated]) -> list[Dated]:
    return sorted(records, key=lambda record: record.date, reverse=True)


@dataclass(frozen=True)
class Column(Generic[Record]):
    """A column: its heading, its words for a record, and whether to mark the cell."""

    heading: str
    text: Callable[[Record], str]
    marked: Callable[[Record], bool] | None = None


class RecordsModel(QAbstractTableModel, Generic[Record]):
    """Records of one kind as rows, newest first; marked cells are bold in the urgent colour,
    and their words say why, so the mark never rests on colour alone."""

    def __init__(self, columns: Sequence[Column[Record]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.records: list[Record] = []

    def set_records(self, records: Sequence[Record]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def record(self, row: int) -> Record:
        return self.records[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.records):
            return None
        record, column = self.records[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(record)
        marked = column.marked is not None and column.marked(record)
        if role == Qt.ItemDataRole.ForegroundRole and marked:
            return theme.urgent_text_color()
        if role == Qt.ItemDataRole.FontRole and marked:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].heading if 0 <= section < len(self.columns) else None
        return str(section + 1)


def number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def day_words(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def course_words(courses: Sequence[Course], day: dt.date) -> str:
    course = course_on(courses, day)
    return "outside a course" if course is None else f"week {course.week_number(day)}"


def range_words(result: LabResult) -> str:
    low, high = result.reference_low, result.reference_high
    if low is None and high is None:
        return NOT_GIVEN
    if low is None:
        return f"up to {number(high)} {result.unit}"
    if high is None:
        return f"from {number(low)} {result.unit}"
    return f"{number(low)}–{number(high)} {result.unit}"


def against_range(result: LabResult) -> str:
    if result.reference_low is not None and result.value < result.reference_low:
        return "▼ below the lab's range"
    if result.reference_high is not None and result.value > result.reference_high:
        return "▲ above the lab's range"
    if result.reference_low is None and result.reference_high is None:
        return ""
    return "within range"


# Dialogs --------------------------------------------------------------------------------------

FIELD_WORDS = {
    "date": "The date",
    "kg": "The weight",
    "test": "The test",
    "label": "The test's name",
    "value": "The value",
    "unit": "The unit",
    "reference_low": "The range's lower end",
    "reference_high": "The range's upper end",
    "note": "The note",
    "result": "The result",
    "where": "Where",
    "name": "The name",
    "kind": "The kind",
    "to": "The last day",
}


def problem_words(error: InvalidValue) -> str:
    return f"{FIELD_WORDS.get(error.field, error.field)} {error.message}."


class RecordDialog(QDialog, Generic[Record]):
    """A small form for one record. `record()` is the result once saved.

    `clash(record)` names an existing record the new one would overwrite (None: no clash).
    """

    def __init__(self, title: str, clash: Callable[[Record], str | None], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._clash = clash
        self._result: Record | None = None
        self.form = QFormLayout()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        theme.make_alarming(self.problem)
        self.problem.setAccessibleName("Problem")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def record(self) -> Record | None:
        return self._result

    def read(self) -> Record:
        raise NotImplementedError

    def _save(self) -> None:
        try:
            record = self.read()
        except InvalidValue as error:
            self.problem.setText(problem_words(error))
            return
        clash = self._clash(record)
        if clash:
            self.problem.setText(clash)
            return
        self._result = record
        self.accept()

    def add_row(self, label: str, widget: QWidget, name: str) -> None:
        widget.setAccessibleName(name)
        self.form.addRow(label, widget)


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A form label whose mnemonic moves the focus to `buddy` (rows holding a layout need one)."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(to_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def optional_number(edit: QLineEdit, field: str) -> float | None:
    """The number typed (a comma works as the decimal mark), None when left empty."""
    text = edit.text().strip().replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise InvalidValue(field, f"must be a number, not {edit.text().strip()!r}") from None


def text_or_none(edit: QLineEdit) -> str | None:
    return edit.text().strip() or None


class LabDialog(RecordDialog[LabResult]):
    def __init__(
        self,
        result: LabResult | None,
        today: dt.date,
        clash: Callable[[LabResult], str | None],
        parent: QWidget | None,
    ) -> None:
        super().__init__("Lab result", clash, parent)
        self.day = date_edit(result.date if result else today)
        self.test = QComboBox()
        for key, lab in scales.LAB_TESTS.items():
            self.test.addItem("Other test…" if key == scales.OTHER_LAB else lab.label, key)
        self.label = QLineEdit()
        self.label.setPlaceholderText("The test's name, as on the report")
        self.value = QLineEdit()
        self.value.setPlaceholderText("as on the report")
        self.unit = QComboBox()
        self.low = QLineEdit()
        self.high = QLineEdit()
        for edit in (self.low, self.high):
            edit.setPlaceholderText(NOT_GIVEN)
        self.note = QLineEdit()
        self.note.setPlaceholderText("optional")
        self.add_row("&Date", self.day, "Date of the lab result")
        self.add_row("&Test", self.test, "Lab test")
        self.add_row("Test &name", self.label, "Name of the other test")
        value_row = QHBoxLayout()
        value_row.addWidget(self.value, 1)
        value_row.addWidget(self.unit)
        self.value.setAccessibleName("Value")
        self.unit.setAccessibleName("Unit")
        self.form.addRow(buddy_label("&Value", self.value), value_row)
        range_row = QHBoxLayout()
        range_row.addWidget(self.low)
        range_row.addWidget(QLabel("to"))
        range_row.addWidget(self.high)
        self.low.setAccessibleName("Lower end of the lab's reference range")
        self.high.setAccessibleName("Upper end of the lab's reference range")
        self.form.addRow(buddy_label("Lab's &range", self.low), range_row)
        hint = QLabel("The range as printed on the lab report, in the same unit; leave an end empty if none.")
        self.form.addRow("", hint)
        self.add_row("N&ote", self.note, "Note")
        self.test.currentIndexChanged.connect(self._test_chosen)
        if result is not None:
            self.test.setCurrentIndex(self.test.findData(result.test))
            self._test_chosen()
            self.label.setText(result.label or "")
            self.value.setText(number(result.value))
            self.unit.setCurrentText(result.unit)
            self.low.setText(number(result.reference_low))
            self.high.setText(number(result.reference_high))
            self.note.setText(result.note or "")
        else:
            self._test_chosen()
        self.resize(560, 0)

    def _test_chosen(self) -> None:
        key = self.test.currentData()
        other = key == scales.OTHER_LAB
        self.label.setEnabled(other)
        self.unit.clear()
        self.unit.setEditable(other)
        self.unit.addItems(list(scales.LAB_TESTS[key].units))
        line = self.unit.lineEdit()
        if other and line is not None:
            self.unit.setCurrentText("")
            line.setPlaceholderText("unit")
            line.setMaxLength(scales.OTHER_UNIT_MAX_LENGTH)

    def read(self) -> LabResult:
        key = self.test.currentData()
        value = optional_number(self.value, "value")
        if value is None:
            raise InvalidValue("value", "is needed")
        return LabResult(
            date=from_qdate(self.day.date()),
            test=key,
            value=value,
            unit=self.unit.currentText().strip(),
            label=text_or_none(self.label) if key == scales.OTHER_LAB else None,
            reference_low=optional_number(self.low, "reference_low"),
            reference_high=optional_number(self.high, "reference_high"),
            note=text_or_none(self.note),
        )


class WeighingDialog(RecordDialog[Weighing]):
    def __init__(
        self,
        weighing: Weighing | None,
        today: dt.date,
        clash: Callable[[Weighing], str | None],
        parent: QWidget | None,
    ) -> None:
        super().__init__("Weight", clash, parent)
        self.day = date_edit(weighing.date if weighing else today)
        self.kg = QDoubleSpinBox()
        self.kg.setDecimals(1)
        self.kg.setRange(0, scales.WEIGHT_KG.high)
        self.kg.setSuffix(" kg")
        self.kg.setValue(weighing.kg if weighing else 0)
        self.add_row("&Date", self.day, "Date of the weighing")
        self.add_row("&Weight", self.kg, "Weight in kilograms")

    def read(self) -> Weighing:
        return Weighing(from_qdate(self.day.date()), self.kg.value())


class PregnancyTestDialog(RecordDialog[PregnancyTest]):
    def __init__(
        self,
        test: PregnancyTest | None,
        today: dt.date,
        clash: Callable[[PregnancyTest], str | None],
        parent: QWidget | None,
    ) -> None:
        super().__init__("Pregnancy test", clash, parent)
        self.day = date_edit(test.date if test else today)
        self.outcome = QComboBox()
        for key in scales.PREGNANCY_RESULTS:
            self.outcome.addItem(RESULT_WORDS[key], key)
        self.where = QComboBox()
        self.where.addItem(NOT_GIVEN, None)
        for key in scales.PREGNANCY_TEST_PLACES:
            self.where.addItem(PLACE_WORDS[key], key)
        if test is not None:
            self.outcome.setCurrentIndex(self.outcome.findData(test.result))
            self.where.setCurrentIndex(max(self.where.findData(test.where), 0))
        self.add_row("&Date", self.day, "Date of the pregnancy test")
        self.add_row("&Result", self.outcome, "Result of the test")
        self.add_row("&Where", self.where, "Where the test was taken")

    def read(self) -> PregnancyTest:
        return PregnancyTest(
            from_qdate(self.day.date()), self.outcome.currentData(), self.where.currentData()
        )


class MedicineDialog(RecordDialog[Medicine]):
    def __init__(
        self,
        medicine: Medicine | None,
        today: dt.date,
        clash: Callable[[Medicine], str | None],
        parent: QWidget | None,
    ) -> None:
        super().__init__("Other medicine", clash, parent)
        self.name = QLineEdit(medicine.name if medicine else "")
        self.name.setPlaceholderText("e.g. Doxycycline")
        self.kind = QComboBox()
        for key, words in scales.MEDICINE_KINDS.items():
            self.kind.addItem(words, key)
        self.starts = date_edit(medicine.starts if medicine else today)
        self.still_taking = QCheckBox("Still taking it")
        self.ends = date_edit(medicine.ends if medicine and medicine.ends else today)
        self.note = QLineEdit(medicine.note or "" if medicine else "")
        self.note.setPlaceholderText("optional, e.g. the dose")
        if medicine is not None:
            self.kind.setCurrentIndex(self.kind.findData(medicine.kind))
        self.still_taking.setChecked(medicine is None or medicine.ends is None)
        self.ends.setEnabled(not self.still_taking.isChecked())
        self.still_taking.toggled.connect(self._still_taking)
        self.add_row("&Name", self.name, "Name of the medicine or supplement")
        self.add_row("&Kind", self.kind, "Kind of medicine")
        self.add_row("&From", self.starts, "First day taken")
        until = QHBoxLayout()
        until.addWidget(self.ends)
        until.addWidget(self.still_taking)
        self.ends.setAccessibleName("Last day taken")
        self.still_taking.setAccessibleName("Still taking it")
        self.form.addRow(buddy_label("&To", self.ends), until)
        self.add_row("N&ote", self.note, "Note")
        self.resize(480, 0)

    def _still_taking(self, checked: bool) -> None:
        self.ends.setEnabled(not checked)

    def read(self) -> Medicine:
        return Medicine(
            name=self.name.text().strip(),
            kind=self.kind.currentData(),
            starts=from_qdate(self.starts.date()),
            ends=None if self.still_taking.isChecked() else from_qdate(self.ends.date()),
            note=text_or_none(self.note),
        )


# The tabs -------------------------------------------------------------------------------------


class RecordsTab(QWidget, Generic[Record]):
    """A table of one kind of record with Add, Edit and Delete.

    Enter or a double click edits the selected row; Delete deletes it (after asking).
    """

    def __init__(
        self,
        kind: str,
        columns: Sequence[Column[Record]],
        describe: Callable[[Record], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.describe = describe
        self.model: RecordsModel[Record] = RecordsModel(columns, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(kind.capitalize() + ", newest first")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.add_button = QPushButton("&Add…")
        self.edit_button = QPushButton("&Edit…")
        self.delete_button = QPushButton("&Delete")
        self.add_button.setAccessibleName(f"Add {_singular(kind)}")
        self.edit_button.setAccessibleName(f"Edit the selected {_singular(kind)}")
        self.delete_button.setAccessibleName(f"Delete the selected {_singular(kind)}")
        self.below = QVBoxLayout()
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, theme.MARGIN)
        layout.setSpacing(theme.SPACING)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        layout.addLayout(self.below)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.installEventFilter(self)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)

    def _double_clicked(self, _index: QModelIndex) -> None:
        self.edit_selected()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.edit_selected()
                return True
            if event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Delete:
                self.delete_selected()
                return True
        return super().eventFilter(watched, event)

    # Filled in by CourseRecordsView for each kind.
    open_dialog: Callable[[Record | None], Record | None]
    save: Callable[[Record, Record | None], None]
    remove: Callable[[Record], None]

    def show_records(self, records: Sequence[Record], empty_words: str) -> None:
        selected = self.selected()
        self.model.set_records(records)
        self.empty.setText(empty_words if not records else "")
        self.empty.setVisible(not records)
        if selected is not None and selected in self.model.records:
            self.table.selectRow(self.model.records.index(selected))
        elif records:
            self.table.selectRow(0)
        has_rows = bool(records)
        self.edit_button.setEnabled(has_rows)
        self.delete_button.setEnabled(has_rows)

    def selected(self) -> Record | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.record(rows[0].row()) if rows else None

    def select(self, record: Record) -> None:
        if record in self.model.records:
            self.table.selectRow(self.model.records.index(record))

    def add(self) -> None:
        record = self.open_dialog(None)
        if record is not None:
            self.save(record, None)
            self.select(record)

    def edit_selected(self) -> None:
        previous = self.selected()
        if previous is None:
            return
        record = self.open_dialog(previous)
        if record is not None:
            self.save(record, previous)
            self.select(record)

    def delete_selected(self) -> None:
        record = self.selected()
        if record is None:
            return
        answer = QMessageBox.question(
            self,
            f"Delete {_singular(self.kind)}",
            f"Delete {self.describe(record)}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove(record)


def _singular(kind: str) -> str:
    return {
        "lab results": "lab result",
        "weighings": "weighing",
        "pregnancy tests": "pregnancy test",
        "other medicines": "medicine",
    }.get(kind, kind)


class CourseRecordsView(QDialog):
    """Course ▸ Tests and measurements. Every change is saved at once through the context,
    and the tabs follow the context's `records_changed` and `courses_changed`."""

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
        weights.open_dialog = dialog_for(WeighingDialog, weighing_clash)
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
