"""The day view: choose a day (arrows, Today, the calendar), log it in the form, and it saves itself."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from diary.core import phq9
from diary.ui import theme
from diary.ui.autosave import Autosaver
from diary.ui.calendar import DiaryCalendar, from_qdate, to_qdate
from diary.ui.context import DiaryChanged, DiaryContext
from diary.ui.day_form import DayForm

PHQ9_OFFER_DISMISSED = "phq9_offer_dismissed_on"


class DayView(QWidget):
    """One day at a time.

    Signals:
        day_shown(date): another day is on screen.
        save_state(str, bool): what to tell the person about saving (text, all is well).
    """

    day_shown = Signal(object)
    save_state = Signal(str, bool)

    def __init__(self, context: DiaryContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._day = context.today()
        self.form = DayForm()
        self.autosaver = Autosaver(self._save, parent=self)
        self.calendar = DiaryCalendar(context.diary.logged_days, context.today)
        self.calendar.setMaximumDate(to_qdate(context.today()))
        self.previous_button = QToolButton()
        self.previous_button.setText("◀")
        self.next_button = QToolButton()
        self.next_button.setText("▶")
        self.today_button = QPushButton("Today")
        self.title = QLabel()
        self.subtitle = QLabel()
        self.phq9_offer = _Phq9Offer()
        self._name_controls()
        self._lay_out()

        self.form.edited.connect(self._edited)
        self.form.phq9_requested.connect(self._ask_phq9)
        self.phq9_offer.start.clicked.connect(self._ask_phq9)
        self.phq9_offer.later.clicked.connect(self._not_today)
        self.autosaver.saved.connect(lambda when: self.save_state.emit(f"Saved at {when:%H:%M}", True))
        self.autosaver.failed.connect(lambda why: self.save_state.emit(f"Not saved: {why}", False))
        self.previous_button.clicked.connect(self.previous_day)
        self.next_button.clicked.connect(self.next_day)
        self.today_button.clicked.connect(self.go_to_today)
        self.calendar.clicked.connect(lambda qdate: self.go_to(from_qdate(qdate)))
        self.calendar.activated.connect(lambda qdate: self.go_to(from_qdate(qdate), focus_form=True))
        context.entry_saved.connect(lambda _day: self.calendar.refresh())
        context.routine_changed.connect(self.reload)
        context.courses_changed.connect(self.reload)
        context.diary_replaced.connect(self._diary_replaced)

    @property
    def day(self) -> dt.date:
        return self._day

    # Moving between days -------------------------------------------------------------

    def go_to(self, day: dt.date, focus_form: bool = False) -> bool:
        """Show `day`, after saving the one on screen. False if that save failed (we stay)."""
        today = self.context.today()
        day = min(day, today)
        if not self.autosaver.flush():
            QMessageBox.warning(
                self,
                "Not saved",
                "IsoDiary could not save this day, so it stays open. Your changes are still in the "
                "form.\n\n" + (self.autosaver.last_error or ""),
            )
            return False
        self._day = day
        self._show()
        if focus_form:
            self.form.focus_first()
        self.day_shown.emit(day)
        return True

    def previous_day(self) -> None:
        self.go_to(self._day - dt.timedelta(days=1))

    def next_day(self) -> None:
        self.go_to(self._day + dt.timedelta(days=1))

    def go_to_today(self) -> None:
        self.calendar.setMaximumDate(to_qdate(self.context.today()))
        self.go_to(self.context.today())

    def reload(self) -> None:
        """Show the day again from the diary (after the routine or courses changed)."""
        if self.autosaver.flush():
            self._show()

    def save_now(self) -> bool:
        return self.autosaver.flush()

    # Inside ---------------------------------------------------------------------------

    def _show(self) -> None:
        day = self._day
        entry = self.context.entry(day)
        self._loaded = entry  # what a save may replace (see _save)
        self.form.show_day(
            day, entry, self.context.routine(include_retired=True), self.context.scheduled_dose(day)
        )
        today = self.context.today()
        self.title.setText(f"{day:%A} {day.day} {day:%B %Y}")
        self._show_subtitle(logged=entry is not None)
        self.next_button.setEnabled(day < today)
        self._offer_phq9(entry is not None and entry.phq9 is not None)
        self.calendar.blockSignals(True)
        self.calendar.setSelectedDate(to_qdate(day))
        self.calendar.blockSignals(False)
        self.calendar.refresh()

    def _edited(self) -> None:
        self.save_state.emit("Editing…", True)
        self.autosaver.changed()

    def _save(self) -> None:
        entry = self.form.entry()
        try:
            self.context.save_entry_over(entry, self._loaded)
        except DiaryChanged:
            QTimer.singleShot(0, self._show)  # the day as the diary now holds it
            raise
        self._loaded = None if entry.is_empty() else entry
        self._show_subtitle(logged=not entry.is_empty())

    def _show_subtitle(self, logged: bool) -> None:
        today = self.context.today()
        day = self._day
        when = "Today" if day == today else "Yesterday" if day == today - dt.timedelta(days=1) else ""
        self.subtitle.setText(" · ".join(part for part in (when, _logged_words(logged)) if part))

    def _offer_phq9(self, done_today: bool) -> None:
        """Every two weeks of a course, today's page offers the PHQ-9 (never forces it)."""
        today = self.context.today()
        diary = self.context.diary
        course = self.context.course_on(today)
        due = (
            self._day == today
            and not done_today
            and diary.setting(PHQ9_OFFER_DISMISSED) != today.isoformat()
            and phq9.is_check_in_due(
                today,
                course.start_date if course else None,
                diary.last_phq9_day(today - dt.timedelta(days=1)),
            )
        )
        self.phq9_offer.setVisible(due)

    def _not_today(self) -> None:
        self.context.diary.set_setting(PHQ9_OFFER_DISMISSED, self.context.today().isoformat())
        self.phq9_offer.setVisible(False)

    def _ask_phq9(self) -> None:
        from diary.ui.phq9_dialog import Phq9Dialog

        dialog = Phq9Dialog(self.form.phq9_answers, self._day, self)
        if dialog.exec():
            self.form.set_phq9(dialog.answers())
            self.autosaver.flush()
            self._offer_phq9(self.form.phq9_answers is not None)

    def _diary_replaced(self) -> None:
        self.autosaver.discard()
        self._show()

    def _name_controls(self) -> None:
        for widget, name in (
            (self.previous_button, "Previous day"),
            (self.next_button, "Next day"),
            (self.today_button, "Go to today"),
            (self.title, "Day shown"),
            (self.subtitle, "Whether this day is logged"),
        ):
            widget.setAccessibleName(name)
            widget.setToolTip(name)
        self.previous_button.setToolTip("Previous day (Alt+Left)")
        self.next_button.setToolTip("Next day (Alt+Right)")
        self.today_button.setToolTip("Go to today (Alt+Home)")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        for button in (self.previous_button, self.next_button, self.today_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def _lay_out(self) -> None:
        navigation = QHBoxLayout()
        navigation.setSpacing(theme.SPACING)
        navigation.addWidget(self.previous_button)
        navigation.addWidget(self.next_button)
        navigation.addWidget(self.today_button)
        navigation.addSpacing(theme.SECTION_SPACING)
        heading = QVBoxLayout()
        heading.setSpacing(0)
        heading.addWidget(self.title)
        heading.addWidget(self.subtitle)
        navigation.addLayout(heading, 1)

        scroll = QScrollArea()
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setAccessibleName("The day's entry")

        main = QVBoxLayout()
        main.setContentsMargins(0, 0, 0, 0)
        main.addLayout(navigation)
        main.addWidget(self.phq9_offer)
        main.addWidget(scroll, 1)

        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.calendar)
        side.addStretch()

        layout = QHBoxLayout(self)
        layout.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, theme.MARGIN)
        layout.setSpacing(theme.SECTION_SPACING)
        layout.addLayout(side)
        layout.addLayout(main, 1)


class _Phq9Offer(QFrame):
    """A quiet banner above the form: the fortnightly PHQ-9 check-in, if the person wants it."""

    def __init__(self) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("PHQ-9 check-in offer")
        text = QLabel(
            "Two weeks have passed: would you like to do the PHQ-9 check-in? "
            "Nine questions about how you have felt; it takes a minute or two."
        )
        text.setWordWrap(True)
        self.start = QPushButton("Check in now")
        self.later = QPushButton("Not today")
        layout = QHBoxLayout(self)
        layout.addWidget(text, 1)
        layout.addWidget(self.start)
        layout.addWidget(self.later)
        self.setVisible(False)


def _logged_words(logged: bool) -> str:
    return "Logged" if logged else "Not logged yet"
