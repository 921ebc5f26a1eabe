"""The main window: the course at the top, the day below, menus for everything else.

Its module imports only Qt's window classes: the window can be shown as an empty frame
first (`MainWindow.frame_only`, what start-up maps) and filled once that frame is painted
(`fill`), which is when the day form, the menus and the diary's modules are imported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QMainWindow, QWidget

from diary import APP_NAME
from diary.settings import FIRST_RUN_DONE, WINDOW_GEOMETRY

if TYPE_CHECKING:
    from diary.core.preferences import Preferences
    from diary.ui.app.context import DiaryContext
    from diary.ui.models.changes import Changes
    from diary.ui.widgets.lazy_view import LazyView

# Room left for the title bar and borders a window manager adds around the window.
FRAME_ALLOWANCE = QSize(16, 48)


class MainWindow(QMainWindow):
    """The diary's window. Closing it saves what is on screen first."""

    def __init__(self, context: DiaryContext, title_detail: str = "") -> None:
        super().__init__()
        self._frame(title_detail)
        self.fill(context)

    @classmethod
    def frame_only(cls, title_detail: str = "") -> MainWindow:
        """The window with its title, size and place, and nothing inside yet: what start-up
        shows first, so the window is on screen before the day form is built. `fill` it next."""
        window = cls.__new__(cls)
        QMainWindow.__init__(window)
        window._frame(title_detail)
        return window

    @property
    def is_filled(self) -> bool:
        return hasattr(self, "context")

    def _frame(self, title_detail: str) -> None:
        # Qt adds " — IsoDiary" (the application's display name) where the desktop shows it,
        # so the title names only what differs: "Demo diary — IsoDiary", not IsoDiary twice.
        self.setWindowTitle(title_detail[:1].upper() + title_detail[1:] if title_detail else APP_NAME)
        self.setAccessibleName("IsoDiary main window")
        self.resize(self._fitting_size())
        self._restore_geometry()

    def fill(self, context: DiaryContext) -> None:
        """Everything inside the window, on `context`'s diary, with today's day shown."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QLabel, QTabWidget

        from diary.ui.app.menus import build_menus
        from diary.ui.day.urgent_message import UrgentAlerts
        from diary.ui.day.view import DayView
        from diary.ui.models.flag_tracker import FlagTracker
        from diary.ui.photos.actions import PhotoActions
        from diary.ui.widgets import speech

        # First: a screen reader already reads the window shown as a frame, so Qt asks for
        # each widget's interface as it is made.
        speech.install()
        self.context = context
        self.day_view = DayView(context)
        self.save_label = QLabel("")
        speech.reads_as_shown(self.save_label, "Save status")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # Tabs carry no Alt letters (Ctrl+1, 2, 3 switch): Alt letters belong to the fields.
        self.tabs.addTab(self.day_view, "Day")
        self.tabs.setTabToolTip(0, "The day (Ctrl+1)")
        self.tabs.tabBar().setAccessibleTabName(0, "Day view")
        self.tabs.setAccessibleName("Views")
        # Only a frame around the views: its tab bar is the Tab stop, not the frame as well.
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.tabBar().setAccessibleName("Views: the day, trends and flags")
        self._build_central()
        self.menus = build_menus(self, self)
        self.file_menu, self.go_menu, self.help_menu = self.menus.file, self.menus.go, self.menus.help
        self.quit_action = self.menus.quit_action
        self.statusBar().addPermanentWidget(self.save_label)

        self.day_view.day_shown.connect(self.header.show_course_line)
        self.day_view.save_state.connect(self._show_save_state)
        context.changed.connect(self._changed)
        self.flags = FlagTracker(context, self)
        self.urgent_alerts = UrgentAlerts(context, self)
        self.flags.changed.connect(self._show_flag_badge)
        self.flags.changed.connect(self._mark_flagged_days)
        self.trends_view = self.add_view("Trends", self._build_trends_view, "Ctrl+2", "&Trends")
        self.flags_view = self.add_view("Flags", self._build_flags_view, "Ctrl+3", "F&lags")
        self.photo_actions = PhotoActions(context, self)
        self.photos_view = self.add_view("Photos", self._build_photos_view, "Ctrl+4", "P&hotos")
        self.day_view.add_photos_requested.connect(self.add_photos)
        self.setAcceptDrops(True)  # image files dropped on the window are added
        if self.isVisible():  # filled after its first frame: Qt would show the parts only later
            for part in (self.menuBar(), self.centralWidget(), self.statusBar()):
                if part is not None:
                    part.show()
        self.day_view.go_to(context.today())
        _forget_module_sources()

    # Start ----------------------------------------------------------------------------

    def first_run(self) -> None:
        """On a new diary: the default routine, and the course set-up (which may be skipped).
        Then the keyboard is where logging starts: the dose. Runs once the window is shown,
        so the flag count (which reads the whole diary) never delays the first frame."""
        self.flags.refresh()
        self.header.show_next_appointment()
        self.pregnancy_line.refresh()
        if self.context.remembered(FIRST_RUN_DONE):
            self.day_view.form.focus_first()
            return
        if not self.context.routine(include_retired=True):
            from diary.core.routine import DEFAULT_ROUTINE

            self.context.save_routine(list(DEFAULT_ROUTINE))
        if not self.context.courses:
            from diary.ui.course.courses_dialog import edit_course

            edit_course(self.context, None, self, first_run=True)
        if not self.context.preferences().emergency_number:
            from diary.ui.settings.emergency_fields import ask_numbers

            ask_numbers(self.context, self)
        from diary.ui.settings.protection_group import offer_protection

        offer_protection(self.context, self)
        self.context.remember(FIRST_RUN_DONE, True)
        self.day_view.form.focus_first()

    def add_view(self, title: str, build: Callable[[], QWidget], shortcut: str, menu_text: str) -> LazyView:
        """Add a tab built on first show (its imports wait till then), reachable by `shortcut`
        and from the Go menu (as `menu_text`, whose Alt letter works only inside the menu)."""
        from PySide6.QtGui import QKeySequence

        from diary.ui.app.menus import add_action
        from diary.ui.widgets.lazy_view import LazyView

        view = LazyView(build)
        view.setAccessibleName(title)
        index = self.tabs.addTab(view, title)
        self.tabs.setTabToolTip(index, f"{title} ({shortcut})")
        self.tabs.tabBar().setAccessibleTabName(index, f"{title} view")
        add_action(
            self, self.go_menu, menu_text, lambda: self.tabs.setCurrentIndex(index), QKeySequence(shortcut)
        )
        return view

    # Header and status ---------------------------------------------------------------------

    def _build_central(self) -> None:
        from PySide6.QtWidgets import QVBoxLayout

        from diary.ui.app.header import CourseHeader
        from diary.ui.records.pregnancy_line import PregnancyLine
        from diary.ui.widgets import theme

        self.header = CourseHeader(self.context)
        self.course_line = self.header.course_line
        self.next_appointment = self.header.next_appointment
        self.next_appointment.clicked.connect(self.edit_appointments)
        self.flag_badge = self.header.flag_badge
        self.flag_badge.clicked.connect(self.show_flags)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.SPACING)
        layout.addWidget(self.header)
        self.pregnancy_line = PregnancyLine(self.context)
        layout.addWidget(self.pregnancy_line)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

    def _changed(self, changes: Changes) -> None:
        if changes.any_entries or changes.courses:
            self.header.show_course_line(self.day_view.day)
        if changes.appointments:
            self.header.show_next_appointment()
        if changes.preferences is not None:
            self._follow_preferences(changes.preferences)

    def _build_trends_view(self) -> QWidget:
        import gc

        from diary.ui.app.module_sources import not_kept

        with not_kept():  # some 18 MiB of matplotlib's and numpy's lines, never kept
            from diary.ui.trends.view import TrendsView  # brings in matplotlib, on first show only

        _forget_module_sources()
        # matplotlib and numpy, now loaded, live as long as the program, as do the window and
        # its modules: frozen, they are left out of the collector's full walks, one of which
        # took 200 ms of the window's time while ten years were drawn.
        gc.freeze()
        view = TrendsView(self.context, self.flags)
        view.day_chosen.connect(self.open_day)
        return view

    def _build_flags_view(self) -> QWidget:
        from diary.ui.flags.view import FlagsView

        return FlagsView(self.flags, self.open_day)

    def _build_photos_view(self) -> QWidget:
        from diary.ui.photos.view import PhotosView

        view = PhotosView(self.context, self.photo_actions.worker)
        view.add_requested.connect(lambda area: self.photo_actions.choose_and_add(self.day_view.day, area))
        view.compare_requested.connect(self.photo_actions.compare)
        return view

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
        self.header.show_flag_count(*self.flags.open_count())

    def _show_save_state(self, text: str, ok: bool) -> None:
        from diary.ui.widgets import speech, theme

        if text.startswith(("Saved", "Not saved")):
            speech.show_and_announce(self.save_label, text)  # "Editing…" on each key is not news
        else:
            self.save_label.setText(text)
        if ok:
            self.save_label.setStyleSheet("")
        else:
            theme.make_alarming(self.save_label)

    def focus_calendar(self) -> None:
        from PySide6.QtCore import Qt

        self.tabs.setCurrentWidget(self.day_view)
        self.day_view.calendar.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # Photos ------------------------------------------------------------------------------

    def add_photos(self) -> None:
        """Choose image files and add them, for the day on screen (or their own dates)."""
        self.photo_actions.choose_and_add(self.day_view.day)

    def compare_photos(self) -> None:
        self.photo_actions.compare()

    def show_photos(self) -> None:
        self.tabs.setCurrentWidget(self.photos_view)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        from diary.ui.photos.actions import image_files

        if image_files(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        from PySide6.QtCore import QTimer

        from diary.ui.photos.actions import image_files

        files = image_files(event.mimeData().urls())
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        self.activateWindow()
        # The dialog opens once the drop is over, so the dragging program is not kept waiting.
        QTimer.singleShot(0, lambda: self.photo_actions.add_files(files, self.day_view.day))

    # Dialogs ----------------------------------------------------------------------------

    def edit_courses(self) -> None:
        from diary.ui.course.courses_dialog import CoursesDialog

        CoursesDialog(self.context, self).exec()

    def show_tests(self) -> None:
        from diary.ui.records.tests_dialog import CourseRecordsDialog

        CourseRecordsDialog(self.context, self).exec()

    def edit_appointments(self) -> None:
        from diary.ui.records.appointments_dialog import AppointmentsDialog

        AppointmentsDialog(self.context, self).exec()

    def edit_routine(self) -> None:
        from diary.ui.course.routine_dialog import RoutineDialog

        all_steps = self.context.routine(include_retired=True)
        dialog = RoutineDialog(self.context.routine(), [step.key for step in all_steps], self)
        if dialog.exec():
            self.day_view.save_now()
            self.context.save_routine(dialog.steps())

    def edit_settings(self) -> None:
        from diary.ui.settings.dialog import SettingsDialog

        self.day_view.save_now()  # protecting the diary rewrites its file: nothing waits unsaved
        dialog = SettingsDialog(self.context.preferences(), self, self.context)
        if dialog.exec():
            self.context.save_preferences(dialog.preferences())

    def _follow_preferences(self, preferences: Preferences) -> None:
        from PySide6.QtWidgets import QApplication

        from diary.ui.widgets import theme

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
        """(where, what, keys) for every menu action and every field's Alt letter."""
        from diary.ui.app import help_pages

        return help_pages.shortcut_rows(self.menuBar(), self.day_view.form)

    def show_shortcuts(self) -> None:
        from diary.ui.app import help_pages

        help_pages.show_shortcuts(self, self.shortcut_rows())

    # Closing -----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.is_filled:  # closed while still an empty frame: nothing was shown to save
            event.accept()
            return
        if not self.day_view.save_now():
            from PySide6.QtWidgets import QMessageBox

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
        self.photo_actions.wait()  # an image being taken in is kept whole before closing
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


def _forget_module_sources() -> None:
    """PySide6 reads the source of every module imported after it (to find its __feature__
    switches) through linecache, which keeps it all. Only a traceback reads it again, and
    that reads the files afresh."""
    import linecache

    linecache.clearcache()
