"""Setting up a course: start, planned length, weight, target and the dose schedule."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from diary.core import scales
from diary.core.course import EVERY_DAYS_WORDS, Course, DoseChange
from diary.core.entry import InvalidValue
from diary.core.progress import BAND_SOURCE, USUAL_BAND_MG_PER_KG
from diary.ui.widgets import theme
from diary.ui.widgets.calendar import from_qdate
from diary.ui.widgets.date_field import DateField
from diary.ui.widgets.decimal_box import DecimalBox

NOT_GIVEN = "not given"


class CourseDialog(QDialog):
    """Edits one course. `course()` gives the result once accepted (None when skipped)."""

    def __init__(
        self,
        course: Course | None,
        today: dt.date,
        first_run: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Your course" if first_run else "Course")
        self._today = today
        self._result: Course | None = None
        course = course or Course(start_date=today, planned_weeks=20, doses=(DoseChange(today, 20),))
        # Set elsewhere (the day the skin was clear): kept while it stays inside the course.
        self._clear_since = course.clear_since

        self.start = _date_edit(course.start_date)
        self.planned_weeks = QSpinBox()
        self.planned_weeks.setRange(0, int(scales.PLANNED_WEEKS.high))
        self.planned_weeks.setSpecialValueText(NOT_GIVEN)
        self.planned_weeks.setSuffix(" weeks")
        self.planned_weeks.setValue(course.planned_weeks or 0)
        # Decimals typed with a comma or a point, whatever the computer's language.
        self.weight = DecimalBox(scales.WEIGHT_KG, "kg", NOT_GIVEN, course.weight_kg)
        self.target = DecimalBox(scales.TARGET_MG_PER_KG, "mg/kg", NOT_GIVEN, course.target_mg_per_kg)
        self.ended = QCheckBox("This course has ended")
        self.end = _date_edit(course.end_date or today)
        self.ended.setChecked(course.end_date is not None)
        self.end.setEnabled(course.end_date is not None)
        self.ended.toggled.connect(self.end.setEnabled)
        self.pregnancy_prevention = QCheckBox("I follow a pregnancy prevention programme (such as iPLEDGE)")
        self.pregnancy_prevention.setChecked(course.pregnancy_prevention)
        self.pregnancy_prevention.setToolTip("Shows when the next pregnancy test is due, above the day.")
        self.doses = QTableWidget(0, 3)
        self.doses.setHorizontalHeaderLabels(["From", "Dose (mg)", "How often"])
        self.doses.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.doses.verticalHeader().setVisible(False)
        self.doses.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.doses.setTabKeyNavigation(False)
        for change in course.doses:
            self._add_dose_row(change.starts, change.mg_per_day, change.every_days)
        self.add_dose = QPushButton("&Add a dose change")
        self.remove_dose = QPushButton("&Remove selected")
        self.add_dose.clicked.connect(self._new_dose_row)
        self.remove_dose.clicked.connect(self._remove_dose_row)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        theme.make_alarming(self.problem)
        self.problem.setAccessibleName("Problem with the course")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAccessibleName("About the course")
        self._start_shown = from_qdate(self.start.date())
        self.start.date_changed.connect(self._start_moved)
        for box in (self.planned_weeks, self.weight, self.target):
            box.valueChanged.connect(lambda _value: self._explain())

        for widget, name in (
            (self.start, "Course start date"),
            (self.planned_weeks, "Planned length in weeks"),
            (self.weight, "Body weight in kilograms"),
            (self.target, "Target cumulative dose in milligrams per kilogram"),
            (self.ended, "This course has ended"),
            (self.end, "Course end date"),
            (self.pregnancy_prevention, "Pregnancy prevention programme during this course"),
            (self.doses, "Dose schedule: each change of dose, how often it is taken, and the date it starts"),
            (self.add_dose, "Add a dose change"),
            (self.remove_dose, "Remove the selected dose change"),
        ):
            widget.setAccessibleName(name)

        layout = QVBoxLayout(self)
        if first_run:
            welcome = QLabel(
                "Welcome to IsoDiary. Tell it about your course so it can count the days and "
                "your total dose. Your prescriber's plan is the guide: copy it from there. "
                "You can skip this and fill it in later from the Course menu."
            )
            welcome.setWordWrap(True)
            layout.addWidget(welcome)
        form = QFormLayout()
        form.addRow("&Start date", self.start)
        form.addRow("&Planned length", self.planned_weeks)
        form.addRow("&Weight", self.weight)
        form.addRow("&Target total dose", self.target)
        end_row = QHBoxLayout()
        end_row.addWidget(self.ended)
        end_row.addWidget(self.end)
        form.addRow("", end_row)
        form.addRow("", self.pregnancy_prevention)
        layout.addLayout(form)
        layout.addWidget(QLabel("Dose schedule: the dose and how often it is taken, from each date on"))
        layout.addWidget(self.doses)
        dose_buttons = QHBoxLayout()
        dose_buttons.addWidget(self.add_dose)
        dose_buttons.addWidget(self.remove_dose)
        dose_buttons.addStretch()
        layout.addLayout(dose_buttons)
        layout.addWidget(self.note)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        if first_run:
            buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Skip for now")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(theme.SECTION_SPACING)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        for box in (self.planned_weeks, self.weight, self.target):
            box.setMinimumWidth(box.fontMetrics().horizontalAdvance("1000.0 mg/kg") + 48)
        # Moving the end (or the start) may leave the day the skin was clear outside the course.
        self.end.date_changed.connect(lambda _day: self._explain())
        self.ended.toggled.connect(lambda _ended: self._explain())
        self._explain()
        self.resize(520, 520)  # fits a 1024 x 600 screen with its title bar

    def course(self) -> Course | None:
        return self._result

    def _start_moved(self, day: QDate) -> None:
        """The schedule's first step follows the start date, or past days would have no dose."""
        new_start, old_start = from_qdate(day), self._start_shown
        self._start_shown = new_start
        first, second = self._dose_date(0), self._dose_date(1)
        moved = ""
        if first is not None and from_qdate(first.date()) == old_start:
            if second is None or from_qdate(second.date()) > new_start:
                first.setDate(day)
                moved = f"The dose schedule's first step moved with it, to {new_start.isoformat()}."
            else:
                moved = f"The dose schedule still starts on {old_start.isoformat()}: check its steps."
        self._explain(moved)

    def _dose_date(self, row: int) -> DateField | None:
        widget = self.doses.cellWidget(row, 0) if 0 <= row < self.doses.rowCount() else None
        return widget if isinstance(widget, DateField) else None

    def _explain(self, first: str = "") -> None:
        """Notes a person should see before saving: the schedule moved, a target outside
        what plans usually aim for, a target the schedule reaches after the planned end."""
        notes = [first] if first else []
        target = self.target.number()
        low, high = USUAL_BAND_MG_PER_KG
        if target is not None and not low <= target <= high:
            notes.append(
                f"{target:g} mg/kg is outside the {low}-{high} mg/kg widely regarded as increasing "
                f"remission ({BAND_SOURCE}): check it against your prescriber's plan."
            )
        try:
            course = self._read()
        except (InvalidValue, AssertionError):
            course = None
        if course is not None and self._clear_since is not None and course.clear_since is None:
            notes.append(
                f"Skin clear since {self._clear_since.isoformat()} is outside these dates: saving "
                "removes it (Course ▸ Skin clear since… sets it again)."
            )
        if course is not None:
            reached = _target_reached_on(course)
            planned = course.planned_days
            if reached is not None and planned is not None:
                planned_end = course.start_date + dt.timedelta(days=planned - 1)
                late = (reached - planned_end).days
                if late > 0:
                    notes.append(
                        f"At this schedule the target is reached on {reached.isoformat()}, "
                        f"{_weeks_words(late)} after the planned end ({planned_end.isoformat()})."
                    )
        self.note.setText(" ".join(notes))
        self.note.setVisible(bool(notes))

    def _read(self) -> Course:
        doses = []
        for row in range(self.doses.rowCount()):
            starts = self.doses.cellWidget(row, 0)
            amount = self.doses.cellWidget(row, 1)
            every = self.doses.cellWidget(row, 2)
            assert isinstance(starts, DateField) and isinstance(amount, DecimalBox)
            assert isinstance(every, QComboBox)
            if not starts.is_complete():
                raise InvalidValue("doses", f"step {row + 1} needs a whole date, such as 2026-10-06")
            mg = amount.number()
            if mg is None:
                raise InvalidValue("doses", f"step {row + 1} needs a dose in mg")
            doses.append(DoseChange(from_qdate(starts.date()), mg, int(every.currentData())))
        start = from_qdate(self.start.date())
        end = from_qdate(self.end.date()) if self.ended.isChecked() else None
        clear = self._clear_since
        if clear is not None and (clear < start or (end is not None and clear > end)):
            clear = None  # the course no longer holds that day
        return Course(
            start_date=from_qdate(self.start.date()),
            planned_weeks=self.planned_weeks.value() or None,
            weight_kg=self.weight.number(),
            target_mg_per_kg=self.target.number(),
            doses=tuple(doses),
            end_date=end,
            pregnancy_prevention=self.pregnancy_prevention.isChecked(),
            clear_since=clear,
        )

    def _accept(self) -> None:
        for field, words in ((self.start, "The start date"), (self.end, "The end date")):
            if not field.is_complete() and (field is self.start or self.ended.isChecked()):
                self.problem.setText(f"{words} needs a whole date, such as 2026-10-06.")
                field.setFocus()
                return
        try:
            self._result = self._read()
        except InvalidValue as error:
            self.problem.setText(_problem_words(error))
            return
        self.accept()

    def _add_dose_row(self, starts: dt.date, mg_per_day: float, every_days: int = 1) -> None:
        row = self.doses.rowCount()
        self.doses.insertRow(row)
        date_edit = _date_edit(starts)
        date_edit.setAccessibleName(f"Dose change {row + 1}: from date")
        amount = DecimalBox(scales.MG_PER_DAY, "mg", "type the dose", mg_per_day)
        amount.setSingleStep(5)
        amount.setAccessibleName(f"Dose change {row + 1}: milligrams on each dosing day")
        amount.valueChanged.connect(lambda _value: self._explain())
        often = QComboBox()
        for days in range(int(scales.EVERY_DAYS.low), int(scales.EVERY_DAYS.high) + 1):
            often.addItem(
                EVERY_DAYS_WORDS.get(days, f"every {days} days").replace("a day", "every day"), days
            )
        often.setCurrentIndex(often.findData(every_days))
        often.setAccessibleName(f"Dose change {row + 1}: how often")
        often.currentIndexChanged.connect(lambda _index: self._explain())
        date_edit.date_changed.connect(lambda _day: self._explain())
        self.doses.setCellWidget(row, 0, date_edit)
        self.doses.setCellWidget(row, 1, amount)
        self.doses.setCellWidget(row, 2, often)
        self.doses.setItem(row, 0, QTableWidgetItem())
        self.doses.setRowHeight(row, max(self.doses.rowHeight(row), amount.sizeHint().height() + 4))

    def _new_dose_row(self) -> None:
        count = self.doses.rowCount()
        last = self.doses.cellWidget(count - 1, 1) if count else None
        often = self.doses.cellWidget(count - 1, 2) if count else None
        every = int(often.currentData()) if isinstance(often, QComboBox) else 1
        self._add_dose_row(self._today, (last.number() or 20) if isinstance(last, DecimalBox) else 20, every)
        self.doses.cellWidget(self.doses.rowCount() - 1, 0).setFocus(Qt.FocusReason.OtherFocusReason)

    def _remove_dose_row(self) -> None:
        row = self.doses.currentRow()
        if row < 0:
            row = self.doses.rowCount() - 1
        if row >= 0:
            self.doses.removeRow(row)


def _date_edit(day: dt.date) -> DateField:
    # One Tab stop per date, typed as 2026-10-06 (a QDateEdit's year, month and day
    # sections each took a Tab and turned typed dashes into other dates).
    return DateField(day)


def _target_reached_on(course: Course, limit_days: int = 5 * 366) -> dt.date | None:
    """The day the schedule, taken on each of its dosing days, reaches the course's target
    (None: no target, or not within five years)."""
    target = course.target_mg
    if target is None:
        return None
    total, day = 0.0, course.start_date
    for _ in range(limit_days):
        total += course.scheduled_dose(day) or 0
        if total >= target:
            return day
        day += dt.timedelta(days=1)
    return None


def _weeks_words(days: int) -> str:
    weeks = round(days / 7)
    if weeks < 1:
        return f"{days} day" + ("s" if days != 1 else "")
    return f"about {weeks} week" + ("s" if weeks != 1 else "")


def _problem_words(error: InvalidValue) -> str:
    names = {
        "end_date": "The end date",
        "doses": "The dose schedule",
        "weight_kg": "The weight",
        "target_mg_per_kg": "The target",
        "planned_weeks": "The planned length",
        "mg_per_day": "A dose",
        "every_days": "How often",
    }
    return f"{names.get(error.field, error.field)} {error.message}."
