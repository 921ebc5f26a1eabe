"""The main window: the course at the top, the day below, menus for everything else."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from diary import APP_NAME, __version__
from diary.core.appointments import next_appointment
from diary.core.progress import progress_line
from diary.core.routine import DEFAULT_ROUTINE
from diary.ui import theme
from diary.ui.context import DiaryContext
from diary.ui.day_view import DayView
from diary.ui.flag_tracker import FlagTracker
from diary.ui.lazy_view import LazyView
from diary.ui.urgent_message import UrgentAlerts

FIRST_RUN_DONE = "first_run_done"


class MainWindow(QMainWindow):
    """The diary's window. Closing it saves what is on screen first."""

    def __init__(self, context: DiaryContext, title_detail: str = "") -> None:
        super().__init__()
        self.context = context
        self.setWindowTitle(APP_NAME + (f" — {title_detail}" if title_detail else ""))
        self.setAccessibleName("IsoDiary main window")
        self.day_view = DayView(context)
        self.course_line = QLabel()
        self.course_line.setAccessibleName("Course progress")
        self.save_label = QLabel("")
        self.save_label.setAccessibleName("Save status")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.day_view, "&Day")
        self.tabs.setAccessibleName("Views")
        self.tabs.tabBar().setAccessibleName("Views: the day, trends and flags")
        self._build_central()
        self._build_menus()
        self.statusBar().addPermanentWidget(self.save_label)

        self.day_view.day_shown.connect(self._show_course_line)
        self.day_view.save_state.connect(self._show_save_state)
        context.entry_saved.connect(lambda _day: self._show_course_line(self.day_view.day))
        context.courses_changed.connect(lambda: self._show_course_line(self.day_view.day))
        context.diary_replaced.connect(lambda: self._show_course_line(self.day_view.day))
        self.flags = FlagTracker(context, self)
        self.urgent_alerts = UrgentAlerts(context, self)
        self.flags.changed.connect(self._show_flag_badge)
        self.flags.changed.connect(self._mark_flagged_days)
        self.trends_view = self.add_view("&Trends", self._build_trends_view, "Ctrl+2")
        self.flags_view = self.add_view("F&lags", self._build_flags_view, "Ctrl+3")
        self.resize(1180, 800)
        self._restore_geometry()
        self.day_view.go_to(context.today())

    # Start ----------------------------------------------------------------------------

    def first_run(self) -> None:
        """On a new diary: the default routine, and the course set-up (which may be skipped).
        Then the keyboard is where logging starts: the dose. Runs once the window is shown,
        so the flag count (which reads the whole diary) never delays the first frame."""
        self.flags.refresh()
        self._show_next_appointment()
        diary = self.context.diary
        if diary.setting(FIRST_RUN_DONE):
            self.day_view.form.focus_first()
            return
        if not self.context.routine(include_retired=True):
            self.context.save_routine(list(DEFAULT_ROUTINE))
        if not self.context.courses:
            from diary.ui.courses_dialog import edit_course

            edit_course(self.context, None, self, first_run=True)
        diary.set_setting(FIRST_RUN_DONE, True)
        self.day_view.form.focus_first()

    def add_view(self, title: str, build: Callable[[], QWidget], shortcut: str) -> LazyView:
        """Add a tab built on first show (its imports wait till then), reachable by `shortcut`."""
        view = LazyView(build)
        view.setAccessibleName(title.replace("&", ""))
        index = self.tabs.addTab(view, title)
        self._action(self.go_menu, title, lambda: self.tabs.setCurrentIndex(index), QKeySequence(shortcut))
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
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

    def _show_course_line(self, day: dt.date) -> None:
        progress = self.context.progress(day)
        if progress is not None:
            text = progress_line(progress)
        elif self.context.courses:
            text = "This day is outside your courses."
        else:
            text = "No course set up yet: Course ▸ Courses… counts your days and total dose."
        self.course_line.setText(text)

    def _build_trends_view(self) -> QWidget:
        from diary.ui.trends_view import TrendsView  # brings in matplotlib, on first show only

        view = TrendsView(self.context)
        view.day_chosen.connect(self.open_day)
        return view

    def _build_flags_view(self) -> QWidget:
        from diary.ui.flags_view import FlagsView

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
        color = "" if ok else f"color: {theme.URGENT.name()}; font-weight: 600"
        self.save_label.setStyleSheet(color)

    # Menus ------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.file_menu = file_menu
        self._action(file_menu, "&Import…", self.import_file, QKeySequence("Ctrl+I"))
        self._action(file_menu, "&Export…", self.export_file, QKeySequence("Ctrl+E"))
        self._action(
            file_menu, "Appointment &summary (PDF or print)…", self.make_summary, QKeySequence("Ctrl+P")
        )
        file_menu.addSeparator()
        self._action(file_menu, "&Save now", self.day_view.save_now, QKeySequence.StandardKey.Save)
        self._action(file_menu, "&Backups…", self.show_backups)
        file_menu.addSeparator()
        self.quit_action = self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        go_menu = bar.addMenu("&Go")
        self._action(go_menu, "&Previous day", self.day_view.previous_day, QKeySequence("Alt+Left"))
        self._action(go_menu, "&Next day", self.day_view.next_day, QKeySequence("Alt+Right"))
        self._action(go_menu, "&Today", self.day_view.go_to_today, QKeySequence("Alt+Home"))
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
        course_menu.addSeparator()
        self._action(course_menu, "&Settings…", self.edit_settings, QKeySequence("Ctrl+,"))
        self.course_menu = course_menu

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&About IsoDiary", self._about)

    def _action(
        self, menu: QWidget, text: str, slot: object, shortcut: QKeySequence | None = None
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    def _focus_calendar(self) -> None:
        self.tabs.setCurrentWidget(self.day_view)
        self.day_view.calendar.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # Dialogs ----------------------------------------------------------------------------

    def edit_courses(self) -> None:
        from diary.ui.courses_dialog import CoursesDialog

        CoursesDialog(self.context, self).exec()

    def edit_appointments(self) -> None:
        from diary.ui.appointments_dialog import AppointmentsDialog

        dialog = AppointmentsDialog(self.context.diary, self.context.today(), self)
        dialog.changed.connect(self._show_next_appointment)
        dialog.exec()

    def _show_next_appointment(self) -> None:
        coming = next_appointment(self.context.diary.appointments(), self.context.today())
        self.next_appointment.setText(
            f"Next appointment: {coming.describe()}" if coming else "No appointment planned"
        )

    def edit_routine(self) -> None:
        from diary.ui.routine_dialog import RoutineDialog

        all_steps = self.context.routine(include_retired=True)
        dialog = RoutineDialog(self.context.routine(), [step.key for step in all_steps], self)
        if dialog.exec():
            self.day_view.save_now()
            self.context.save_routine(dialog.steps())

    def edit_settings(self) -> None:
        from diary.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.context.diary.preferences(), self)
        if dialog.exec():
            preferences = dialog.preferences()
            self.context.diary.save_preferences(preferences)
            from PySide6.QtWidgets import QApplication

            theme.apply_appearance(QApplication.instance(), preferences.appearance)  # type: ignore[arg-type]

    def make_summary(self) -> None:
        from diary.ui.report_dialog import ReportDialog

        self.day_view.save_now()
        ReportDialog(self.context.diary, self.context.today(), self).exec()

    def import_file(self) -> None:
        from diary.ui.transfer_dialogs import import_with_dialogs

        self.day_view.save_now()
        if import_with_dialogs(self.context.diary, self):
            self.context.reload()

    def show_backups(self) -> None:
        from diary.ui.backups_dialog import BackupsDialog

        self.day_view.save_now()  # a backup made now, or the copy kept before a restore, holds it
        BackupsDialog(self.context, self).exec()

    def export_file(self) -> None:
        from diary.ui.transfer_dialogs import export_with_dialogs

        self.day_view.save_now()
        export_with_dialogs(self.context.diary, self)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About IsoDiary",
            f"<b>IsoDiary {__version__}</b><p>A private diary for a course of isotretinoin. "
            "Your diary stays on this computer unless you export it.</p>"
            "<p>IsoDiary is a diary, not medical advice. Talk with your prescriber about how "
            "you feel and before changing how you take your medicine.</p>"
            f"<p>Diary file: {self.context.diary.path}</p>",
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
        QSettings().setValue("window/geometry", self.saveGeometry())
        event.accept()

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
