"""The line above the views: the course's progress, the next appointment and the open flags."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from diary.core.appointments import next_appointment
from diary.core.progress import progress_line
from diary.ui.app.context import DiaryContext
from diary.ui.widgets import speech, theme


class CourseHeader(QWidget):
    """Says where the shown day is in the course; its two buttons open the appointments and
    the flags (whoever holds the header connects their `clicked`)."""

    def __init__(self, context: DiaryContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._flags = (0, 0)
        self.course_line = QLabel()
        speech.reads_as_shown(self.course_line, "Course progress")
        font = self.course_line.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.course_line.setFont(font)
        # A long line (a day not today, past the plan, a schedule not daily, clear since…)
        # wraps on a narrow screen instead of widening the window past it.
        self.course_line.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, 0)
        layout.setSpacing(theme.SPACING)
        layout.addWidget(self.course_line, 1)
        self.next_appointment = QPushButton()
        self.next_appointment.setFlat(True)
        # Both buttons read what they show ("3 open flags · 1 urgent"); what they do is apart.
        self.next_appointment.setAccessibleDescription("Opens appointments and questions")
        self.next_appointment.setAccessibleName("Next appointment")  # till its text is read
        layout.addWidget(self.next_appointment)
        self.flag_badge = QPushButton()
        self.flag_badge.setAccessibleDescription("Opens the mood flags")
        self.flag_badge.setVisible(False)
        layout.addWidget(self.flag_badge)

    def show_course_line(self, day: dt.date) -> None:
        progress = self.context.progress(day)
        if progress is not None:
            text = progress_line(progress)
        elif self.context.courses:
            text = "This day is outside your courses."
        else:
            text = "No course set up yet: Course ▸ Courses… counts your days and total dose."
        if progress is not None and day != self.context.today():
            text = f"On {day.day} {day:%b}, not today: {text}"
        self.course_line.setText(text)

    def show_next_appointment(self) -> None:
        coming = next_appointment(self.context.appointments(), self.context.today())
        self.next_appointment.setText(
            f"Next appointment: {coming.describe()}" if coming else "No appointment planned"
        )
        self.next_appointment.setAccessibleName("")  # from now on, read as shown

    def show_flag_count(self, count: int, urgent: int) -> None:
        """`count` open flags, `urgent` of them urgent; no badge when none is open."""
        self._flags = (count, urgent)
        self.flag_badge.setVisible(count > 0)
        if not count:
            return
        text = f"{count} open flag" + ("s" if count != 1 else "")
        if urgent:
            text += f" · {urgent} urgent"
        self.flag_badge.setText(text)
        self.flag_badge.setToolTip("Flags to raise with your prescriber (Ctrl+3)")
        color = theme.URGENT if urgent else theme.WARNING
        # A style sheet fixes colours when set, so the text colour is taken from the palette
        # now and set again when the palette changes (see changeEvent).
        text_color = self.palette().color(QPalette.ColorRole.ButtonText).name()
        self.flag_badge.setStyleSheet(
            f"QPushButton {{ border: 2px solid {color.name()}; border-radius: 10px; padding: 3px 12px; "
            f"font-weight: 600; color: {text_color}; }}"
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.show_flag_count(*self._flags)
