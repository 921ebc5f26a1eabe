"""The header's pregnancy-test line, for a course with pregnancy prevention and the month after it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from diary.core.pregnancy import NOT_A_PROGRAMME, header_words, schedule_course, schedule_for
from diary.ui.app.context import DiaryContext
from diary.ui.models.changes import Changes
from diary.ui.widgets import speech, theme


class PregnancyLine(QWidget):
    """When the next test is due, and below it that IsoDiary is not a programme.

    Hidden when no course asks for tests today. Call `refresh()` once the window is up;
    it follows the context's changes after that.
    """

    def __init__(self, context: DiaryContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.words = QLabel()
        self.words.setWordWrap(True)
        speech.reads_as_shown(self.words, "Pregnancy tests")
        self.note = QLabel(NOT_A_PROGRAMME)
        self.note.setWordWrap(True)
        speech.reads_as_shown(self.note, "About pregnancy prevention programmes")
        font = self.note.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.note.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.MARGIN, 0, theme.MARGIN, 0)
        layout.setSpacing(2)
        layout.addWidget(self.words)
        layout.addWidget(self.note)
        self.setVisible(False)
        self._started = False
        context.changed.connect(self._changed)

    def _changed(self, changes: Changes) -> None:
        if self._started and (changes.records or changes.courses):
            self.refresh()

    def refresh(self) -> None:
        self._started = True
        today = self.context.today()
        course = schedule_course(self.context.courses, today)
        if course is None:
            self.setVisible(False)
            return
        schedule = schedule_for(course, self.context.pregnancy_tests(), today)
        self.words.setText(header_words(schedule))
        positive = schedule.last_test is not None and schedule.last_test.result == "positive"
        if positive:
            theme.make_alarming(self.words)
        else:
            self.words.setStyleSheet("")
        self.setVisible(True)
