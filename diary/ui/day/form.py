"""The day form: every field of one day, in the order a person logs it, all by keyboard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent, QTextCursor
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from diary.core import phq9, scales
from diary.core.entry import Entry
from diary.core.records import NOTE_MAX_LENGTH, CustomSideEffect
from diary.core.routine import RoutineStep, offered_on
from diary.ui.day.form_labels import buddy, heading, hint
from diary.ui.day.rating_rows import RatingRows, say_refused
from diary.ui.widgets import speech, theme
from diary.ui.widgets.checklist import Checklist
from diary.ui.widgets.inputs import ChoiceBox, DoseBox, RatingBox, on_any_change
from diary.ui.widgets.typed_keys import PASSED_BY_TYPED_ANSWERS, PassTypedAnswersOn

GUIDE_NOTE = "The Medication Guide asks you to watch for these signs."
SERIOUS_NOTE = (
    "The Medication Guide names these as serious. A headache or a rash on its own goes "
    "under Other side effects; here only a bad headache with blurred vision, dizziness or "
    "vomiting, or a rash with fever, blisters or peeling skin."
)
LIST_KEYS = "N: none of these today"
ONE_COLUMN_BELOW = 820  # pixels: narrower than this, the two columns become one


class DayForm(QWidget):
    """Edits one Entry. It never saves: whoever shows it listens to `edited` and saves.

    Signals:
        edited: the person changed a value.
        phq9_requested: the person asked for the PHQ-9 check-in.
        add_side_effect_requested: the person wants to add a side effect of their own.
        retire_side_effect_requested: the person wants to stop offering one of their own.
    """

    edited = Signal()
    phq9_requested = Signal()
    add_side_effect_requested = Signal()
    retire_side_effect_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._date = dt.date.today()
        self._phq9: tuple[int, ...] | None = None
        self._loading = False
        self._prefilled = False

        self.dose = DoseBox()
        self.missed_button = QPushButton("&Missed today")
        self.dose_hint = hint("")
        # The 0-10 ratings (lips to mood) come from the field table; each box is also the
        # form's attribute of its field's name (form.lips), as tests and tools reach them.
        self.ratings = RatingRows()
        for name, box in self.ratings.boxes.items():
            setattr(self, name, box)
        self.warning_signs = Checklist("None of these today")
        self.warning_signs.set_options(list(scales.WARNING_SIGNS.items()))
        self.serious_symptoms = Checklist("None of these today")
        self.serious_symptoms.set_options(list(scales.SERIOUS_SYMPTOMS.items()))
        self.new_spots = RatingBox(scales.NEW_SPOTS)
        self.severity = ChoiceBox(scales.SEVERITY_WORDS)
        self.skincare = Checklist("Did none of these today")
        self.skincare.set_repeatable(None)
        self.same_as_yesterday = QPushButton("Same as &yesterday")
        self.skincare_hint = hint("")
        self.side_effects = Checklist("None of these today")
        self.side_effects.set_options(list(scales.SIDE_EFFECTS.items()))
        self._custom_side_effects: list[CustomSideEffect] = []
        self.add_side_effect = QPushButton("&Add your own…")
        self.retire_side_effect = QPushButton("Stop offering one…")
        self._typed_answers = PassTypedAnswersOn(self)
        # Each button is a Tab stop where it is read (after the dose, above its list), but a
        # typed answer (a digit, N, Y) moves on past it to the next field.
        for button in (
            self.missed_button,
            self.same_as_yesterday,
            self.add_side_effect,
            self.retire_side_effect,
        ):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setProperty(PASSED_BY_TYPED_ANSWERS, True)
            button.installEventFilter(self._typed_answers)
        self.phq9_summary = QLabel()
        self.phq9_button = QPushButton("&PHQ-9 check-in…")
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText("Anything you want to remember about today")

        self._name_controls()
        self._lay_out()
        self.missed_button.clicked.connect(self._missed)
        self.phq9_button.clicked.connect(self.phq9_requested)
        self.same_as_yesterday.clicked.connect(self._same_as_yesterday)
        self.skincare.repeat_missing.connect(self._nothing_to_repeat)
        self.add_side_effect.clicked.connect(self.add_side_effect_requested)
        self.retire_side_effect.clicked.connect(self.retire_side_effect_requested)
        self.new_spots.refused.connect(
            lambda typed: say_refused(self.new_spots_word, self.new_spots.maximum(), typed)
        )
        self.severity.refused.connect(
            lambda typed: say_refused(self.severity_word, self.severity.highest(), typed)
        )
        self.dose.valueChanged.connect(self._show_dose_hint)
        on_any_change(self._inputs(), self._changed)
        self.note.textChanged.connect(self._keep_note_within_limit)
        self.note.textChanged.connect(self._changed)

    # Showing and reading a day ---------------------------------------------------------

    def show_day(
        self,
        day: dt.date,
        entry: Entry | None,
        routine: Sequence[RoutineStep],
        scheduled_dose: float | None,
        *,
        is_today: bool = True,
        yesterday_skincare: Sequence[str] | None = None,
        custom_side_effects: Sequence[CustomSideEffect] = (),
    ) -> None:
        """Fill the form for `day`; a day never logged shows the scheduled dose pre-filled.

        `yesterday_skincare` is what "same as yesterday" ticks (None: nothing to repeat);
        `custom_side_effects` are the person's own, offered after the built-in ones."""
        self._loading = True
        self._date = day
        shown = entry or Entry(day)
        self.missed_button.setText("&Missed today" if is_today else "&Missed this day")
        self.missed_button.setAccessibleName("Missed today's dose" if is_today else "Missed this day's dose")
        self._set_side_effect_options(shown.side_effects, custom_side_effects)
        # That day's routine: a step added later is not offered on an earlier day (so it is
        # never shown as skipped there), a step retired later still is.
        named = shown.skincare or ()
        steps = [(step.key, step.label) for step in routine if step.active and offered_on(step, day, named)]
        steps += [(s.key, s.label) for s in routine if not s.active and s.retired_on and offered_on(s, day)]
        known = {key for key, _ in steps}
        retired = {step.key: step.label for step in routine if not step.active}
        for key in shown.skincare or ():
            if key not in known:  # keep a step the routine no longer has, so it is not lost
                steps.append((key, f"{retired.get(key, key)} (no longer in your routine)"))
        self.skincare.set_options(steps)
        repeat = None if yesterday_skincare is None else [k for k in yesterday_skincare if k in known]
        self.skincare.set_repeatable(repeat)
        self.same_as_yesterday.setEnabled(repeat is not None)
        self.skincare_hint.setText("Y: same as yesterday · " + LIST_KEYS if repeat is not None else LIST_KEYS)
        dose = shown.dose_mg
        self._prefilled = entry is None and scheduled_dose is not None
        self.dose.set_dose(scheduled_dose if self._prefilled else dose)
        self.ratings.show_entry(shown)
        self.warning_signs.set_keys(shown.warning_signs)
        self.serious_symptoms.set_keys(shown.serious_symptoms)
        self.new_spots.set_rating(shown.breakouts_new)
        self.severity.set_choice(shown.breakout_severity)
        self.skincare.set_keys(shown.skincare)
        self.side_effects.set_keys(shown.side_effects)
        self.set_phq9(shown.phq9, announce=False)
        self.note.setPlainText(shown.note or "")
        self._show_dose_hint()
        self._loading = False

    def entry(self) -> Entry:
        """What the form shows, as an Entry for its day."""
        return Entry(
            date=self._date,
            dose_mg=self.dose.dose(),
            warning_signs=self.warning_signs.keys(),
            breakouts_new=self.new_spots.rating(),
            breakout_severity=self.severity.choice(),
            skincare=self.skincare.keys(),
            side_effects=self.side_effects.keys(),
            phq9=self._phq9,
            note=self.note.toPlainText() or None,
            serious_symptoms=self.serious_symptoms.keys(),
            **self.ratings.ratings(),
        )

    def _keep_note_within_limit(self) -> None:
        # The interchange format holds notes of up to 100,000 characters; a longer one could
        # not move to a new computer, so the form never holds more (a pasted book is cut).
        text = self.note.toPlainText()
        if len(text) > NOTE_MAX_LENGTH:
            self.note.setPlainText(text[:NOTE_MAX_LENGTH])
            self.note.moveCursor(QTextCursor.MoveOperation.End)

    @property
    def day(self) -> dt.date:
        return self._date

    def set_phq9(self, answers: Sequence[int] | None, announce: bool = True) -> None:
        self._phq9 = None if answers is None else tuple(answers)
        self.phq9_summary.setText(
            "Not done for this day." if self._phq9 is None else phq9.describe(self._phq9) + "."
        )
        if announce:
            self._changed()

    @property
    def phq9_answers(self) -> tuple[int, ...] | None:
        return self._phq9

    # Inside ---------------------------------------------------------------------------

    def _inputs(self) -> list[QWidget]:
        return [
            self.dose,
            *self.ratings.boxes.values(),
            self.warning_signs,
            self.serious_symptoms,
            self.new_spots,
            self.severity,
            self.skincare,
            self.side_effects,
        ]

    def _changed(self) -> None:
        if not self._loading:
            self._prefilled = False
            self._show_dose_hint()
            self.edited.emit()

    def lips_word_label(self) -> QLabel:
        """The word shown beside Lips ("mild"), or why a typed number was refused."""
        return self.ratings.words["lips"]

    def custom_side_effects(self) -> list[CustomSideEffect]:
        return list(self._custom_side_effects)

    def _set_side_effect_options(
        self, logged: Sequence[str] | None, custom: Sequence[CustomSideEffect]
    ) -> None:
        self._custom_side_effects = list(custom)
        options = list(scales.SIDE_EFFECTS.items())
        # An own side effect added later was not asked about on an earlier day.
        options += [(item.key, item.label) for item in custom if item.active and offered_on(item, self._date)]
        offered = {key for key, _ in options}
        retired = {item.key: item.label for item in custom if not item.active}
        for key in logged or ():
            if key not in offered:  # a retired one stays on the days that name it
                options.append((key, f"{retired.get(key, key)} (no longer offered)"))
        self.side_effects.set_options(options)
        self.retire_side_effect.setEnabled(any(item.active for item in custom))

    def _same_as_yesterday(self) -> None:
        if self.skincare.repeat():
            self.skincare.setFocus(Qt.FocusReason.OtherFocusReason)

    def _nothing_to_repeat(self) -> None:
        self.skincare_hint.setText("Nothing was logged yesterday to repeat. " + LIST_KEYS)

    def _missed(self) -> None:
        self.dose.set_dose(0)
        self.dose.setFocus()

    def _show_dose_hint(self) -> None:
        dose = self.dose.dose()
        if dose is None:
            text = "Not logged. Type the milligrams you took, or press Missed."
        elif dose == 0:
            text = "Missed dose."
        elif self._prefilled:
            text = "From your dose schedule; change it if you took something else."
        else:
            text = ""
        self.dose_hint.setText(text)

    def _name_controls(self) -> None:
        names = {
            self.dose: ("Dose taken today, in milligrams", "0 means the dose was missed."),
            self.missed_button: ("Missed today's dose", "Sets the dose to 0 mg."),
            self.warning_signs: ("Warning signs today", GUIDE_NOTE),
            self.serious_symptoms: ("Serious symptoms today", SERIOUS_NOTE),
            self.new_spots: ("New spots today", "A count from 0 to 999."),
            self.severity: ("Breakout severity overall", "0 clear to 4 severe."),
            self.skincare: (
                "Skincare steps done today",
                "Tick the steps of your routine you did; Y ticks yesterday's.",
            ),
            self.same_as_yesterday: ("Same skincare as yesterday", "Ticks the steps done yesterday."),
            self.side_effects: ("Other side effects today", ""),
            self.add_side_effect: ("Add a side effect of your own", "It is offered every day after."),
            self.retire_side_effect: (
                "Stop offering a side effect of your own",
                "Days that name it keep it.",
            ),
            self.phq9_button: ("PHQ-9 check-in", "Nine questions about the last two weeks."),
            self.phq9_summary: ("PHQ-9 result", ""),
            self.note: ("Note for the day", ""),
        }
        for widget, (name, description) in names.items():
            widget.setAccessibleName(name)
            widget.setAccessibleDescription(description)
            widget.setToolTip(description or name)
        speech.reads_as_shown(self.phq9_summary, "PHQ-9 result")  # "Not done for this day."
        self.dose.setMinimumWidth(110)
        self.new_spots.setMinimumWidth(110)

    def _lay_out(self) -> None:
        left = QVBoxLayout()
        left.setSpacing(theme.SPACING)
        left.addWidget(heading("Dose"))
        dose_row = QHBoxLayout()
        dose_row.addWidget(buddy("&Dose taken", self.dose))
        dose_row.addWidget(self.dose)
        dose_row.addWidget(self.missed_button)
        dose_row.addStretch()
        left.addLayout(dose_row)
        left.addWidget(self.dose_hint)

        self.ratings.lay_out(left)
        left.addWidget(buddy("&Warning signs today", self.warning_signs, strong=True))
        left.addWidget(hint(GUIDE_NOTE + " " + LIST_KEYS))
        left.addWidget(self.warning_signs)
        left.addSpacing(theme.SECTION_SPACING)
        left.addWidget(buddy("Se&rious symptoms today", self.serious_symptoms, strong=True))
        left.addWidget(hint(SERIOUS_NOTE + " " + LIST_KEYS))
        left.addWidget(self.serious_symptoms)
        left.addStretch()

        right = QVBoxLayout()
        right.setSpacing(theme.SPACING)
        right.addWidget(heading("Breakouts"))
        breakout_grid = QGridLayout()
        breakout_grid.addWidget(buddy("&New spots", self.new_spots), 0, 0)
        breakout_grid.addWidget(self.new_spots, 0, 1)
        self.new_spots_word = hint("")
        breakout_grid.addWidget(self.new_spots_word, 0, 2)
        self.new_spots.valueChanged.connect(lambda _value: self.new_spots_word.setText(""))
        self.new_spots.answered.connect(lambda: self.new_spots_word.setText(""))
        breakout_grid.addWidget(buddy("Se&verity", self.severity), 1, 0)
        breakout_grid.addWidget(self.severity, 1, 1)
        self.severity_word = hint("")
        breakout_grid.addWidget(self.severity_word, 1, 2)
        self.severity.currentIndexChanged.connect(lambda _index: self.severity_word.setText(""))
        breakout_grid.setColumnStretch(2, 1)
        right.addLayout(breakout_grid)
        right.addWidget(hint("A count, then Tab · severity: a digit 0 to 4"))
        right.addSpacing(theme.SECTION_SPACING)
        skincare_row = QHBoxLayout()
        skincare_row.addWidget(buddy("Skin&care done", self.skincare, strong=True), 1)
        skincare_row.addWidget(self.same_as_yesterday)
        right.addLayout(skincare_row)
        right.addWidget(self.skincare_hint)
        right.addWidget(self.skincare)
        right.addSpacing(theme.SECTION_SPACING)
        side_row = QHBoxLayout()
        side_row.addWidget(buddy("Other s&ide effects", self.side_effects, strong=True), 1)
        side_row.addWidget(self.add_side_effect)
        side_row.addWidget(self.retire_side_effect)
        right.addLayout(side_row)
        right.addWidget(hint(LIST_KEYS))
        right.addWidget(self.side_effects)
        right.addSpacing(theme.SECTION_SPACING)
        right.addWidget(heading("PHQ-9"))
        phq_row = QHBoxLayout()
        phq_row.addWidget(self.phq9_summary, 1)
        phq_row.addWidget(self.phq9_button)
        right.addLayout(phq_row)
        right.addSpacing(theme.SECTION_SPACING)
        right.addWidget(buddy("No&te", self.note, strong=True))
        self.note.setMinimumHeight(90)
        right.addWidget(self.note, 1)

        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.columns.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, theme.MARGIN)
        self.columns.setSpacing(2 * theme.SECTION_SPACING)
        self.columns.addLayout(left, 1)
        self.columns.addLayout(right, 1)

        order = [  # reading order: down the left column, then down the right
            self.dose,
            self.missed_button,
            *self.ratings.boxes.values(),
            self.warning_signs,
            self.serious_symptoms,
            self.new_spots,
            self.severity,
            self.same_as_yesterday,
            self.skincare,
            self.add_side_effect,
            self.retire_side_effect,
            self.side_effects,
            self.phq9_button,
            self.note,
        ]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def one_column(self) -> bool:
        return self.columns.direction() == QBoxLayout.Direction.TopToBottom

    def resizeEvent(self, event: QResizeEvent) -> None:
        narrow = event.size().width() < ONE_COLUMN_BELOW
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)
        super().resizeEvent(event)

    def focus_first(self) -> None:
        self.dose.setFocus(Qt.FocusReason.TabFocusReason)
        self.dose.selectAll()
