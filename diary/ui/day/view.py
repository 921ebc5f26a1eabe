"""The day view: choose a day (arrows, Today, the calendar), log it in the form, and it saves itself."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from diary.core import phq9, scales
from diary.core.entry import InvalidValue
from diary.core.records import CustomSideEffect
from diary.core.routine import key_for_label
from diary.settings import PHQ9_OFFER_DISMISSED_ON
from diary.ui.app.context import DiaryChanged, DiaryContext
from diary.ui.day.form import DayForm
from diary.ui.models.autosave import Autosaver
from diary.ui.models.changes import Changes
from diary.ui.widgets import speech, theme
from diary.ui.widgets.calendar import DiaryCalendar, from_qdate, to_qdate


class DayView(QWidget):
    """One day at a time.

    Signals:
        day_shown(date): another day is on screen.
        add_photos_requested: the person asked to add photos for the day shown.
        save_state(str, bool): what to tell the person about saving (text, all is well).
    """

    day_shown = Signal(object)
    save_state = Signal(str, bool)
    add_photos_requested = Signal()

    def __init__(self, context: DiaryContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._day = context.today()
        self.form = DayForm()
        self.autosaver = Autosaver(self._save, parent=self)
        self.calendar = DiaryCalendar(context.logged_days, context.today)
        self.calendar.setMaximumDate(to_qdate(context.today()))
        self.previous_button = QToolButton()
        self.previous_button.setText("◀")
        self.next_button = QToolButton()
        self.next_button.setText("▶")
        self.today_button = QPushButton("Today")
        self.photos_button = QPushButton("Add photos…")
        self.photos_button.setToolTip("Add photos of your skin for this day (Ctrl+Shift+P)")
        self.title = QLabel()
        self.subtitle = QLabel()
        self.phq9_offer = _Phq9Offer()
        self._name_controls()
        self._lay_out()

        QApplication.instance().focusChanged.connect(self._show_focused)  # type: ignore[union-attr]
        self.form.add_side_effect_requested.connect(self._add_side_effect)
        self.form.retire_side_effect_requested.connect(self._retire_side_effect)
        self.form.edited.connect(self._edited)
        self.form.phq9_requested.connect(self._ask_phq9)
        self.phq9_offer.start.clicked.connect(self._ask_phq9)
        self.phq9_offer.later.clicked.connect(self._not_today)
        self.autosaver.saved.connect(lambda when: self.save_state.emit(f"Saved at {when:%H:%M}", True))
        self.autosaver.failed.connect(lambda why: self.save_state.emit(f"Not saved: {why}", False))
        self.previous_button.clicked.connect(self.previous_day)
        self.next_button.clicked.connect(self.next_day)
        self.today_button.clicked.connect(self.go_to_today)
        self.photos_button.clicked.connect(self.add_photos_requested)
        self.calendar.clicked.connect(lambda qdate: self.go_to(from_qdate(qdate)))
        self.calendar.activated.connect(lambda qdate: self.go_to(from_qdate(qdate), focus_form=True))
        context.changed.connect(self._changed)

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
        # Focus left inside the form would stay on the row last used (one Space would tick
        # a sign on the new day), so a new day always starts at its dose.
        focused = QApplication.focusWidget()
        focus_in_form = focused is not None and self.form.isAncestorOf(focused)
        self._day = day
        self._show()
        if focus_form or focus_in_form:
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
        yesterday = self.context.entry(day - dt.timedelta(days=1))
        today = self.context.today()
        self.form.show_day(
            day,
            entry,
            self.context.routine(include_retired=True),
            self.context.scheduled_dose(day),
            is_today=day == today,
            yesterday_skincare=None if yesterday is None else yesterday.skincare,
            custom_side_effects=self.context.custom_side_effects(),
        )
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
            self.context.save_entry_over(entry, self._loaded, source=self)
        except DiaryChanged:
            QTimer.singleShot(0, self._show)  # the day as the diary now holds it
            raise
        self._loaded = None if entry.is_empty() else entry
        self._show_subtitle(logged=not entry.is_empty())

    def _show_subtitle(self, logged: bool) -> None:
        today = self.context.today()
        day = self._day
        if day == today:
            when = "Today"
        elif day == today - dt.timedelta(days=1):
            when = "Yesterday, not today"
        else:
            days = (today - day).days
            when = f"{days} days ago, not today (Alt+Home goes to today)"
        self.subtitle.setText(" · ".join((when, _logged_words(logged))))

    def _offer_phq9(self, done_today: bool) -> None:
        """Every two weeks of a course, today's page offers the PHQ-9 (never forces it)."""
        today = self.context.today()
        due = (
            self._day == today
            and not done_today
            and self.context.remembered(PHQ9_OFFER_DISMISSED_ON) != today.isoformat()
        )
        if due:  # the last check-in is read only for today's page, not on every day shown
            course = self.context.course_on(today)
            last = self.context.last_phq9_day(today - dt.timedelta(days=1))
            due = phq9.is_check_in_due(today, course.start_date if course else None, last)
            self.phq9_offer.set_first(last is None)
        self.phq9_offer.setVisible(due)

    def _not_today(self) -> None:
        self.context.remember(PHQ9_OFFER_DISMISSED_ON, self.context.today().isoformat())
        self.phq9_offer.setVisible(False)

    def _ask_phq9(self) -> None:
        from diary.ui.day.phq9_dialog import Phq9Dialog

        dialog = Phq9Dialog(self.form.phq9_answers, self._day, self)
        if dialog.exec():
            self.form.set_phq9(dialog.answers())
            self.autosaver.flush()
            self._offer_phq9(self.form.phq9_answers is not None)

    def _show_focused(self, _old: QWidget | None, new: QWidget | None) -> None:
        # Alt+letter and Tab move the focus; the field it lands on must be on screen too.
        if new is None or not self.form.isAncestorOf(new):
            return
        self.scroll_area.ensureWidgetVisible(new, 40, 40)
        for label in self.form.findChildren(QLabel):
            buddy = label.buddy()
            if buddy is not None and (buddy is new or buddy.isAncestorOf(new)):
                # Then its label too, so the field is seen with its name (and its hint).
                self.scroll_area.ensureWidgetVisible(label, 40, 20)
                break

    def _add_side_effect(self) -> None:
        label, ok = QInputDialog.getText(
            self, "Add a side effect", "A side effect to offer every day, in your own words:"
        )
        label = label.strip()
        if not ok or not label:
            return
        items = self.context.custom_side_effects()
        folded = label.casefold()
        built_in = any(words.casefold() == folded for words in scales.SIDE_EFFECTS.values())
        same = next((item for item in reversed(items) if item.label.casefold() == folded), None)
        if built_in or (same is not None and same.active):
            QMessageBox.information(self, "Already in the list", f"“{label}” is already offered.")
            return
        if same is not None:  # a retired one, brought back
            items = [CustomSideEffect(i.key, i.label, True) if i is same else i for i in items]
        else:
            taken = [*scales.SIDE_EFFECTS, *(item.key for item in items)]
            try:
                items.append(CustomSideEffect(key_for_label(label, taken), label))
            except InvalidValue as error:
                QMessageBox.warning(self, "Not added", str(error))
                return
        self._save_side_effects(items)

    def _retire_side_effect(self) -> None:
        items = self.context.custom_side_effects()
        active = [item.label for item in items if item.active]
        if not active:
            return
        label, ok = QInputDialog.getItem(
            self,
            "Stop offering a side effect",
            "No longer offer (the days that name it keep it):",
            active,
            0,
            False,
        )
        if ok:
            self._save_side_effects(
                [CustomSideEffect(i.key, i.label, False) if i.label == label else i for i in items]
            )

    def _save_side_effects(self, items: list[CustomSideEffect]) -> None:
        if not self.autosaver.flush():
            return
        try:
            self.context.save_custom_side_effects(items, source=self)
        except Exception as error:  # told to the person; the day stays as it is
            QMessageBox.warning(self, "Not saved", f"IsoDiary could not keep that change.\n\n{error}")

    def _changed(self, changes: Changes) -> None:
        if changes.replaced:
            self._diary_replaced()
            return
        if changes.entries:
            self.calendar.refresh()  # the days it marks as logged
        if changes.routine or changes.courses or changes.side_effects:
            self.reload()  # the form's rows and the scheduled dose follow them
        # A day saved by this view is already on screen: no reload (days are saved only here).

    def _diary_replaced(self) -> None:
        self.autosaver.discard()
        self._show()

    def _name_controls(self) -> None:
        for widget, name in (
            (self.previous_button, "Previous day"),
            (self.next_button, "Next day"),
            (self.today_button, "Go to today"),
            (self.photos_button, "Add photos for this day"),
        ):
            widget.setAccessibleName(name)
            widget.setToolTip(name)
        # The day and whether it is logged read as they are shown; their purpose is apart.
        speech.reads_as_shown(self.title, "Day shown")
        speech.reads_as_shown(self.subtitle, "Whether this day is logged")
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
        navigation.addWidget(self.photos_button)

        scroll = QScrollArea()
        self.scroll_area = scroll
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setAccessibleName("The day's entry")
        # Only a frame around the form: the fields inside it take the focus, not the frame.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

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
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.set_first(True)
        text = self.text
        self.start = QPushButton("Check in now")
        self.later = QPushButton("Not today")
        layout = QHBoxLayout(self)
        layout.addWidget(text, 1)
        layout.addWidget(self.start)
        layout.addWidget(self.later)
        self.setVisible(False)

    def set_first(self, first: bool) -> None:
        opening = (
            "Would you like to do a first PHQ-9 check-in?"
            if first
            else "Two weeks have passed since your last PHQ-9 check-in: would you like to do another?"
        )
        self.text.setText(opening + " Nine questions about how you have felt; it takes a minute or two.")


def _logged_words(logged: bool) -> str:
    return "Logged" if logged else "Not logged yet"
