"""The main window: the course at the top, the day below, menus for everything else."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from diary import APP_NAME, __version__
from diary.core.appointments import next_appointment
from diary.core.preferences import Preferences
from diary.core.progress import progress_line
from diary.core.routine import DEFAULT_ROUTINE
from diary.settings import FIRST_RUN_DONE, WINDOW_GEOMETRY
from diary.ui.app.context import DiaryContext
from diary.ui.day.urgent_message import UrgentAlerts
from diary.ui.day.view import DayView
from diary.ui.models.changes import Changes
from diary.ui.models.flag_tracker import FlagTracker
from diary.ui.records.pregnancy_line import PregnancyLine
from diary.ui.widgets import theme
from diary.ui.widgets.lazy_view import LazyView

# Room left for the title bar and borders a window manager adds around the window.
FRAME_ALLOWANCE = QSize(16, 48)

GETTING_STARTED = """
<h3>Getting started</h3>
<p><b>Once:</b> Course ▸ Courses… holds your course: the start date, your weight, the dose
schedule and the total your prescriber aims for. Course ▸ Skincare routine… lists the steps
you tick each evening.</p>
<p><b>Each evening</b> the day opens on the dose, already filled in from your schedule.
Tab moves from field to field; a digit sets a 0-10 box and moves on by itself.
In a list, N says "none of these today"; in the skincare list, Y ticks yesterday's steps.
Nothing is counted until you fill it in: an empty box reads "not logged", never 0.
IsoDiary saves by itself a moment after each change.</p>
<p><b>Warning signs and serious symptoms</b> are the ones the Medication Guide asks you to
watch for. When you tick one, IsoDiary shows what the guide says about it.</p>
<p><b>Other days:</b> Alt+Left and Alt+Right move a day, Alt+Home comes back to today,
Ctrl+G opens the calendar.</p>
<p><b>Trends</b> (Ctrl+2) draws your days; <b>Flags</b> (Ctrl+3) lists what to raise with your
prescriber; File ▸ Appointment summary makes a PDF to bring along.</p>
<p>IsoDiary is a diary, not medical advice. Help ▸ Keyboard shortcuts lists every key.</p>
"""


def mnemonic_of(text: str) -> str:
    """The Alt letter of a label ("Se&verity" -> "V"), or "" when it has none."""
    index = 0
    while (index := text.find("&", index)) != -1 and index + 1 < len(text):
        if text[index + 1] != "&":
            return text[index + 1].upper()
        index += 2
    return ""


def _show_text(parent: QWidget, title: str, text: str) -> None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    browser = QTextBrowser()
    browser.setAccessibleName(title)
    browser.setHtml(text)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser, 1)
    layout.addWidget(buttons)
    screen = parent.screen().availableGeometry() if parent.screen() else None
    width, height = 640, 520
    if screen is not None:
        width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
    dialog.resize(width, height)
    dialog.exec()


class MainWindow(QMainWindow):
    """The diary's window. Closing it saves what is on screen first."""

    def __init__(self, context: DiaryContext, title_detail: str = "") -> None:
        super().__init__()
        self.context = context
        # Qt adds " — IsoDiary" (the application's display name) where the desktop shows it,
        # so the title names only what differs: "Demo diary — IsoDiary", not IsoDiary twice.
        self.setWindowTitle(title_detail[:1].upper() + title_detail[1:] if title_detail else APP_NAME)
        self.setAccessibleName("IsoDiary main window")
        self.day_view = DayView(context)
        self.course_line = QLabel()
        self.course_line.setAccessibleName("Course progress")
        self.save_label = QLabel("")
        self.save_label.setAccessibleName("Save status")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # Tabs carry no Alt letters (Ctrl+1, 2, 3 switch): Alt letters belong to the fields.
        self.tabs.addTab(self.day_view, "Day")
        self.tabs.setTabToolTip(0, "The day (Ctrl+1)")
        self.tabs.setAccessibleName("Views")
        self.tabs.tabBar().setAccessibleName("Views: the day, trends and flags")
        self._build_central()
        self._build_menus()
        self.statusBar().addPermanentWidget(self.save_label)

        self.day_view.day_shown.connect(self._show_course_line)
        self.day_view.save_state.connect(self._show_save_state)
        context.changed.connect(self._changed)
        self.flags = FlagTracker(context, self)
        self.urgent_alerts = UrgentAlerts(context, self)
        self.flags.changed.connect(self._show_flag_badge)
        self.flags.changed.connect(self._mark_flagged_days)
        self.trends_view = self.add_view("Trends", self._build_trends_view, "Ctrl+2", "&Trends")
        self.flags_view = self.add_view("Flags", self._build_flags_view, "Ctrl+3", "F&lags")
        self.resize(self._fitting_size())
        self._restore_geometry()
        self.day_view.go_to(context.today())

    # Start ----------------------------------------------------------------------------

    def first_run(self) -> None:
        """On a new diary: the default routine, and the course set-up (which may be skipped).
        Then the keyboard is where logging starts: the dose. Runs once the window is shown,
        so the flag count (which reads the whole diary) never delays the first frame."""
        self.flags.refresh()
        self._show_next_appointment()
        self.pregnancy_line.refresh()
        if self.context.remembered(FIRST_RUN_DONE):
            self.day_view.form.focus_first()
            return
        if not self.context.routine(include_retired=True):
            self.context.save_routine(list(DEFAULT_ROUTINE))
        if not self.context.courses:
            from diary.ui.course.courses_dialog import edit_course

            edit_course(self.context, None, self, first_run=True)
        if not self.context.preferences().emergency_number:
            from diary.ui.settings.emergency_fields import ask_numbers

            ask_numbers(self.context, self)
        self.context.remember(FIRST_RUN_DONE, True)
        self.day_view.form.focus_first()

    def add_view(self, title: str, build: Callable[[], QWidget], shortcut: str, menu_text: str) -> LazyView:
        """Add a tab built on first show (its imports wait till then), reachable by `shortcut`
        and from the Go menu (as `menu_text`, whose Alt letter works only inside the menu)."""
        view = LazyView(build)
        view.setAccessibleName(title)
        index = self.tabs.addTab(view, title)
        self.tabs.setTabToolTip(index, f"{title} ({shortcut})")
        self._action(
            self.go_menu, menu_text, lambda: self.tabs.setCurrentIndex(index), QKeySequence(shortcut)
        )
        return view

    # Header and status ---------------------------------------------------------------------

    def _build_central(self) -> None:
        font = self.course_line.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.course_line.setFont(font)
        header = QHBoxLayout()
        header.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, 0)
        header.addWidget(self.course_line, 1)
        self.next_appointment = QPushButton()
        self.next_appointment.setFlat(True)
        self.next_appointment.setAccessibleName("Next appointment; opens appointments and questions")
        self.next_appointment.clicked.connect(self.edit_appointments)
        header.addWidget(self.next_appointment)
        self.flag_badge = QPushButton()
        self.flag_badge.setAccessibleName("Open mood flags")
        self.flag_badge.setVisible(False)
        self.flag_badge.clicked.connect(self.show_flags)
        header.addWidget(self.flag_badge)
        self.header_layout = header
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.SPACING)
        layout.addLayout(header)
        self.pregnancy_line = PregnancyLine(self.context)
        layout.addWidget(self.pregnancy_line)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

    def _changed(self, changes: Changes) -> None:
        if changes.any_entries or changes.courses:
            self._show_course_line(self.day_view.day)
        if changes.appointments:
            self._show_next_appointment()
        if changes.preferences is not None:
            self._follow_preferences(changes.preferences)

    def _show_course_line(self, day: dt.date) -> None:
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

    def _build_trends_view(self) -> QWidget:
        from diary.ui.trends.view import TrendsView  # brings in matplotlib, on first show only

        view = TrendsView(self.context, self.flags)
        view.day_chosen.connect(self.open_day)
        return view

    def _build_flags_view(self) -> QWidget:
        from diary.ui.flags.view import FlagsView

        return FlagsView(self.flags, self.open_day)

    def show_flags(self) -> None:
        self.tabs.setCurrentWidget(self.flags_view)

    def open_day(self, day: dt.date) -> None:
        """Show `day` in the day view (from the flags, the trends…)."""
        self.tabs.setCurrentWidget(self.day_view)
        self.day_view.go_to(day, focus_form=True)

    def _mark_flagged_days(self) -> None:
        days = {day for item in self.flags.tracked() for day in item.flag.days()}
        self.day_view.calendar.set_flagged_days(days)

    def _show_flag_badge(self) -> None:
        count, urgent = self.flags.open_count()
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
            self._show_flag_badge()

    def _show_save_state(self, text: str, ok: bool) -> None:
        self.save_label.setText(text)
        if ok:
            self.save_label.setStyleSheet("")
        else:
            theme.make_alarming(self.save_label)

    # Menus ------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.file_menu = file_menu
        self._action(file_menu, "&Import…", self.import_file, QKeySequence("Ctrl+I"))
        self._action(file_menu, "&Export…", self.export_file, QKeySequence("Ctrl+E"))
        self._action(
            file_menu, "Appointment su&mmary (PDF or print)…", self.make_summary, QKeySequence("Ctrl+P")
        )
        file_menu.addSeparator()
        self._action(
            file_menu, "&Save now", self.day_view.save_now, QKeySequence(QKeySequence.StandardKey.Save)
        )
        self._action(file_menu, "&Backups…", self.show_backups)
        file_menu.addSeparator()
        self.quit_action = self._action(
            file_menu, "&Quit", self.close, QKeySequence(QKeySequence.StandardKey.Quit)
        )

        go_menu = bar.addMenu("&Go")
        self._action(go_menu, "&Previous day", self.day_view.previous_day, QKeySequence("Alt+Left"))
        self._action(go_menu, "&Next day", self.day_view.next_day, QKeySequence("Alt+Right"))
        self._action(go_menu, "T&oday", self.day_view.go_to_today, QKeySequence("Alt+Home"))
        self._action(go_menu, "&Choose a day…", self._focus_calendar, QKeySequence("Ctrl+G"))
        go_menu.addSeparator()
        self.go_menu = go_menu
        self._action(go_menu, "The &day", lambda: self.tabs.setCurrentIndex(0), QKeySequence("Ctrl+1"))

        course_menu = bar.addMenu("Co&urse")
        self._action(course_menu, "&Courses…", self.edit_courses)
        self._action(course_menu, "Skincare &routine…", self.edit_routine)
        self._action(
            course_menu, "&Appointments and questions…", self.edit_appointments, QKeySequence("Ctrl+Shift+A")
        )
        self._action(course_menu, "&Tests and measurements…", self.show_tests, QKeySequence("Ctrl+Shift+T"))
        course_menu.addSeparator()
        self._action(course_menu, "&Settings…", self.edit_settings, QKeySequence("Ctrl+,"))
        self.course_menu = course_menu

        help_menu = bar.addMenu("&Help")
        self._action(
            help_menu,
            "&Getting started",
            self.show_getting_started,
            QKeySequence(QKeySequence.StandardKey.HelpContents),
        )
        self._action(help_menu, "&Keyboard shortcuts", self.show_shortcuts, QKeySequence("Ctrl+/"))
        help_menu.addSeparator()
        self._action(help_menu, "&About IsoDiary", self._about)
        self.help_menu = help_menu

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _focus_calendar(self) -> None:
        self.tabs.setCurrentWidget(self.day_view)
        self.day_view.calendar.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # Dialogs ----------------------------------------------------------------------------

    def edit_courses(self) -> None:
        from diary.ui.course.courses_dialog import CoursesDialog

        CoursesDialog(self.context, self).exec()

    def show_tests(self) -> None:
        from diary.ui.records.tests_view import CourseRecordsView

        CourseRecordsView(self.context, self).exec()

    def edit_appointments(self) -> None:
        from diary.ui.records.appointments_dialog import AppointmentsDialog

        AppointmentsDialog(self.context, self).exec()

    def _show_next_appointment(self) -> None:
        coming = next_appointment(self.context.appointments(), self.context.today())
        self.next_appointment.setText(
            f"Next appointment: {coming.describe()}" if coming else "No appointment planned"
        )

    def edit_routine(self) -> None:
        from diary.ui.course.routine_dialog import RoutineDialog

        all_steps = self.context.routine(include_retired=True)
        dialog = RoutineDialog(self.context.routine(), [step.key for step in all_steps], self)
        if dialog.exec():
            self.day_view.save_now()
            self.context.save_routine(dialog.steps())

    def edit_settings(self) -> None:
        from diary.ui.settings.dialog import SettingsDialog

        dialog = SettingsDialog(self.context.preferences(), self)
        if dialog.exec():
            self.context.save_preferences(dialog.preferences())

    def _follow_preferences(self, preferences: Preferences) -> None:
        from PySide6.QtWidgets import QApplication

        theme.apply_appearance(QApplication.instance(), preferences.appearance)  # type: ignore[arg-type]

    def make_summary(self) -> None:
        from diary.ui.files.report_dialog import ReportDialog

        self.day_view.save_now()
        ReportDialog(self.context, self).exec()

    def import_file(self) -> None:
        from diary.ui.files.transfer_dialogs import import_with_dialogs

        self.day_view.save_now()
        import_with_dialogs(self.context, self)  # the context reloads every view

    def show_backups(self) -> None:
        from diary.ui.files.backups_dialog import BackupsDialog

        self.day_view.save_now()  # a backup made now, or the copy kept before a restore, holds it
        BackupsDialog(self.context, self).exec()

    def export_file(self) -> None:
        from diary.ui.files.transfer_dialogs import export_with_dialogs

        self.day_view.save_now()
        export_with_dialogs(self.context, self)

    def shortcut_rows(self) -> list[tuple[str, str, str]]:
        """(where, what, keys) for every menu action and every field's Alt letter, read from
        the actions and labels themselves so the list cannot drift from the window."""
        rows: list[tuple[str, str, str]] = []
        for menu_action in self.menuBar().actions():
            menu = menu_action.menu()
            if not isinstance(menu, QMenu):
                continue
            where = menu_action.text().replace("&", "")
            for action in menu.actions():
                keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                if keys and not action.isSeparator():
                    rows.append((where, action.text().replace("&", "").rstrip("…"), keys))
        for label in self.day_view.form.findChildren(QLabel):
            letter = mnemonic_of(label.text())
            if letter and label.buddy() is not None:
                rows.append(("The day", label.text().replace("&", ""), f"Alt+{letter}"))
        for button in self.day_view.form.findChildren(QPushButton):
            letter = mnemonic_of(button.text())
            if letter:
                rows.append(("The day", button.text().replace("&", "").rstrip("…"), f"Alt+{letter}"))
        rows += [
            ("In a 0-10 box", "A digit sets it and moves on (1 waits for 10; Tab keeps 1)", "0-9"),
            ("In a list", "None of these today, and move on", "N"),
            ("In a list", "Tick or untick the line", "Space or Enter"),
            ("Skincare", "Same as yesterday, and move on", "Y"),
            ("Severity", "A digit sets it and moves on", "0-4"),
            ("Any box", "Back to not logged", "Delete"),
        ]
        return rows

    def show_shortcuts(self) -> None:
        cells = "".join(
            f"<tr><td>{html.escape(where)}</td><td>{html.escape(what)}</td><td><b>{html.escape(keys)}</b></td></tr>"
            for where, what, keys in self.shortcut_rows()
        )
        _show_text(
            self,
            "Keyboard shortcuts",
            "<p>Everything in IsoDiary works without a mouse.</p>"
            "<table cellspacing='0' cellpadding='3'><tr><th align='left'>Where</th>"
            f"<th align='left'>What</th><th align='left'>Keys</th></tr>{cells}</table>",
        )

    def show_getting_started(self) -> None:
        _show_text(self, "Getting started", GETTING_STARTED)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About IsoDiary",
            f"<b>IsoDiary {__version__}</b><p>A private diary for a course of isotretinoin. "
            "Your diary stays on this computer unless you export it.</p>"
            "<p>IsoDiary is a diary, not medical advice. Talk with your prescriber about how "
            "you feel and before changing how you take your medicine.</p>"
            f"<p>Diary file: {self.context.path}</p>",
        )

    # Closing -----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.day_view.save_now():
            answer = QMessageBox.warning(
                self,
                "Not saved",
                "IsoDiary could not save your last changes:\n\n"
                f"{self.day_view.autosaver.last_error}\n\nClose anyway and lose them?",
                QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Discard,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                event.ignore()
                return
        WINDOW_GEOMETRY.write(self.saveGeometry())
        event.accept()

    def _fitting_size(self) -> QSize:
        """1180 × 800 where it fits; else the screen's work area less the window's frame."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return QSize(1180, 800)
        area = screen.availableGeometry()
        return QSize(
            min(1180, area.width() - FRAME_ALLOWANCE.width()),
            min(800, area.height() - FRAME_ALLOWANCE.height()),
        )

    def _restore_geometry(self) -> None:
        geometry = WINDOW_GEOMETRY.read()
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        # A window remembered on a bigger screen is brought back inside this one.
        fitting = self._fitting_size()
        if self.width() > fitting.width() or self.height() > fitting.height():
            self.resize(self.size().boundedTo(fitting))
