"""Appointments and questions: visits to the prescriber, and what to ask there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from diary.core.appointments import TEXT_MAX, Appointment, Question
from diary.ui.app.context import DiaryContext
from diary.ui.widgets import theme
from diary.ui.widgets.calendar import from_qdate, to_qdate
from diary.ui.widgets.enter_key import enter_does


class AppointmentsDialog(QDialog):
    """Two lists: appointments (newest first) and questions (ticked once asked).

    Every change is saved at once, through the context (whose `changed` tells
    the window).
    """

    def __init__(self, context: DiaryContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Appointments and questions")
        self.context = context
        self.today = today = context.today()

        self.appointments = QListWidget()
        self.appointments.setAccessibleName("Appointments, newest first")
        self.day = QDateEdit(to_qdate(today))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setAccessibleName("Appointment date")
        self.with_whom = QLineEdit()
        self.with_whom.setPlaceholderText("With whom, e.g. Dr. Novak")
        self.with_whom.setMaxLength(TEXT_MAX)
        self.with_whom.setAccessibleName("With whom")
        self.appointment_note = QLineEdit()
        self.appointment_note.setPlaceholderText("A note (optional)")
        self.appointment_note.setMaxLength(TEXT_MAX)
        self.appointment_note.setAccessibleName("Appointment note")
        self.add_appointment = QPushButton("&Add appointment")
        self.remove_appointment = QPushButton("Remove")
        self.remove_appointment.setAccessibleName("Remove the selected appointment")

        self.questions = QListWidget()
        self.questions.setAccessibleName("Questions for the doctor; tick the ones you have asked")
        self.question_text = QLineEdit()
        self.question_text.setPlaceholderText("A question for your doctor")
        self.question_text.setMaxLength(TEXT_MAX)
        self.question_text.setAccessibleName("New question")
        self.add_question = QPushButton("Add &question")
        self.remove_question = QPushButton("Remove")
        self.remove_question.setAccessibleName("Remove the selected question")

        self.no_appointments = QLabel("No appointments yet: add the next one below.")
        self.no_questions = QLabel("No questions yet: write one below, then Add question.")
        for empty in (self.no_appointments, self.no_questions):
            empty.setWordWrap(True)
            theme.make_quiet(empty)
        self._lay_out()
        self.appointments.itemSelectionChanged.connect(self._enable_removal)
        self.questions.itemSelectionChanged.connect(self._enable_removal)
        self.add_appointment.clicked.connect(self._add_appointment)
        self.remove_appointment.clicked.connect(self._remove_appointment)
        self.add_question.clicked.connect(self._add_question)
        # Enter in a field adds once: no default button adds a second.
        enter_does(self.question_text, self._add_question)
        for field in (self.with_whom, self.appointment_note):
            enter_does(field, self._add_appointment)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        self.remove_question.clicked.connect(self._remove_question)
        self.questions.itemChanged.connect(self._question_ticked)
        self._fill()
        self.day.setFocus(Qt.FocusReason.OtherFocusReason)  # the cursor in the first field

    def _fill(self) -> None:
        self.appointments.clear()
        for appointment in reversed(self.context.appointments()):
            text = appointment.describe() + (f" · {appointment.note}" if appointment.note else "")
            if appointment.day >= self.today:
                text += "  (coming)"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, appointment)
            self.appointments.addItem(item)
        self.questions.blockSignals(True)
        self.questions.clear()
        for question in self.context.questions():
            item = QListWidgetItem(
                question.text + (f"  (asked {question.asked_on:%d %b})" if question.asked_on else "")
            )
            item.setData(Qt.ItemDataRole.UserRole, question)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if question.is_open else Qt.CheckState.Checked)
            self.questions.addItem(item)
        self.questions.blockSignals(False)
        self.no_appointments.setVisible(self.appointments.count() == 0)
        self.no_questions.setVisible(self.questions.count() == 0)
        self._enable_removal()

    def _enable_removal(self) -> None:
        """Remove acts on the selected line, so it waits until one is selected."""
        self.remove_appointment.setEnabled(bool(self.appointments.selectedItems()))
        self.remove_question.setEnabled(bool(self.questions.selectedItems()))

    def _add_appointment(self) -> None:
        appointment = Appointment(
            from_qdate(self.day.date()), self.with_whom.text(), self.appointment_note.text()
        )
        # The same day with the same person is the same appointment (its identity): never a copy.
        if any(known.identity == appointment.identity for known in self.context.appointments()):
            self.with_whom.selectAll()
            return
        self.context.save_appointment(appointment)
        self.with_whom.clear()
        self.appointment_note.clear()
        self._fill()
        self.day.setFocus(Qt.FocusReason.OtherFocusReason)

    def _remove_appointment(self) -> None:
        item = self.appointments.currentItem()
        if item is not None:
            self.context.delete_appointment(item.data(Qt.ItemDataRole.UserRole).id)
            self._fill()

    def _add_question(self) -> None:
        text = self.question_text.text().strip()
        if not text:
            return
        self.context.save_question(Question(text, self.today))
        self.question_text.clear()
        self._fill()

    def _remove_question(self) -> None:
        item = self.questions.currentItem()
        if item is not None:
            self.context.delete_question(item.data(Qt.ItemDataRole.UserRole).id)
            self._fill()

    def _question_ticked(self, item: QListWidgetItem) -> None:
        question: Question = item.data(Qt.ItemDataRole.UserRole)
        asked = item.checkState() == Qt.CheckState.Checked
        self.context.save_question(
            Question(question.text, question.added_on, self.today if asked else None, question.id)
        )
        self._fill()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(theme.SPACING)
        layout.addWidget(_heading("Appointments"))
        layout.addWidget(self.no_appointments)
        layout.addWidget(self.appointments, 1)
        entry = QGridLayout()
        entry.addWidget(self.day, 0, 0)
        entry.addWidget(self.with_whom, 0, 1)
        entry.addWidget(self.appointment_note, 1, 0, 1, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_appointment)
        buttons.addWidget(self.remove_appointment)
        buttons.addStretch()
        entry.addLayout(buttons, 2, 0, 1, 2)
        layout.addLayout(entry)
        layout.addSpacing(theme.SECTION_SPACING)
        layout.addWidget(_heading("Questions for the doctor"))
        layout.addWidget(self.no_questions)
        layout.addWidget(self.questions, 1)
        question_row = QHBoxLayout()
        question_row.addWidget(self.question_text, 1)
        question_row.addWidget(self.add_question)
        question_row.addWidget(self.remove_question)
        layout.addLayout(question_row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.accept)
        layout.addWidget(close)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.resize(560, 520)  # fits a 1024 x 600 screen with its title bar


def _heading(text: str) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    return label
