"""The reminders on the desktop: a tray icon whose menu opens today's entry, and
notifications for what core/reminders says is due. Where the desktop has no tray, the
reminders show in the window while it is open."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QSystemTrayIcon, QWidget

from diary import APP_NAME
from diary.core.reminders import Reminder, due_reminders
from diary.ui.app.context import DiaryContext
from diary.ui.models.reminder_memory import ShownReminders, close_to_tray, set_close_to_tray
from diary.ui.widgets import speech

CHECK_EVERY_MS = 60_000
MESSAGE_MS = 15_000


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


class ReminderClock(QObject):
    """Asks the core what is due, every minute and after each save, and announces each
    reminder once a day.

    Signals:
        due(list[Reminder]): what to show now, together (already remembered as shown today).
    """

    due = Signal(list)

    def __init__(
        self,
        context: DiaryContext,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.now = now
        self.shown = ShownReminders(context)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(0, self.check)

    def check(self) -> list[Reminder]:
        """Show what is due now and not yet shown today; returns it."""
        now = self.now()
        today = now.date()
        context = self.context
        course = context.course_on(today)
        found = due_reminders(
            now,
            context.preferences(),
            today_entry=context.entry(today),
            courses=context.courses,
            last_phq9_day=context.last_phq9_day(today - dt.timedelta(days=1)) if course else None,
            appointments=context.appointments(),
            pregnancy_tests=self.context.pregnancy_tests(),
            shown=self.shown.days(),
        )
        if found:
            self.shown.mark([reminder.kind for reminder in found], today)
            self.due.emit(found)
        return found


class Tray(QObject):
    """The tray icon and its menu over a `ReminderClock`.

    Signals:
        open_today: the person asked for today's entry (the menu or a notification).
        quit_requested: the person chose Quit in the menu.
    """

    open_today = Signal()
    quit_requested = Signal()

    def __init__(self, clock: ReminderClock, icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.menu = QMenu()
        self.menu.setAccessibleName("IsoDiary tray menu")
        self.open_action = QAction("Open today's entry", self.menu)
        self.open_action.triggered.connect(self.open_today)
        self.quit_action = QAction("Quit IsoDiary", self.menu)
        self.quit_action.triggered.connect(self.quit_requested)
        self.menu.addAction(self.open_action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        if icon.isNull():
            from diary.shipped import resources_folder

            icon = QIcon(str(resources_folder() / "isodiary.svg"))
        self.icon = QSystemTrayIcon(icon, self)
        self.icon.setToolTip(APP_NAME)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.icon.messageClicked.connect(self.open_today)
        clock.due.connect(self.notify)

    def show(self) -> None:
        self.icon.show()

    def notify(self, found: list[Reminder]) -> None:
        """One notification for what is due together (a tray shows one message at a time)."""
        title, message = notification_text(found)
        self.icon.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.open_today.emit()


class CloseToTray(QObject):
    """Watches the window's close: the first time, asks whether to stay in the tray, and
    lets the application keep running when the person chose so."""

    def __init__(
        self,
        window: QWidget,
        ask: Callable[[QWidget], bool | None] | None = None,
        quit_application: Callable[[], None] = QApplication.quit,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.ask = ask or ask_close_to_tray
        self.quit_application = quit_application
        self.quitting = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close and not self.quitting:
            keep = close_to_tray()
            if keep is None:
                keep = self.ask(self.window)
                if keep is None:  # the person closed the question: neither close nor decide
                    event.ignore()
                    return True
                set_close_to_tray(keep)
            QApplication.setQuitOnLastWindowClosed(not keep)
        return False

    def quit(self) -> None:
        """Close the window (which saves) and, once it is closed, the application."""
        self.quitting = True
        QApplication.setQuitOnLastWindowClosed(True)
        if self.window.isVisible() and not self.window.close():
            self.quitting = False
            return
        self.quit_application()


def ask_close_to_tray(parent: QWidget) -> bool | None:
    box = QMessageBox(parent)
    box.setWindowTitle("Keep the reminders?")
    box.setText("Keep IsoDiary in the tray when you close the window?")
    box.setInformativeText(
        "It then reminds you in the evening even with the window closed. You can change this in Settings."
    )
    keep = box.addButton("Keep in the tray", QMessageBox.ButtonRole.AcceptRole)
    quit_button = box.addButton("Quit when closed", QMessageBox.ButtonRole.RejectRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep)
    box.exec()
    clicked = box.clickedButton()
    return True if clicked is keep else False if clicked is quit_button else None


class DesktopReminders(QObject):
    """Everything a window needs for reminders: the clock, the tray (when the desktop has
    one) and the close-to-tray choice; else the reminders in the window's status bar."""

    def __init__(
        self,
        window: QWidget,
        context: DiaryContext,
        open_today: Callable[[], None],
        *,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        has_tray: bool | None = None,
        quit_application: Callable[[], None] = QApplication.quit,
    ) -> None:
        super().__init__(window)
        self.clock = ReminderClock(context, now, self)
        self.tray: Tray | None = None
        self.closing: CloseToTray | None = None
        if has_tray if has_tray is not None else tray_available():
            self.tray = Tray(self.clock, window.windowIcon(), self)
            self.tray.open_today.connect(open_today)
            self.closing = CloseToTray(window, quit_application=quit_application)
            self.tray.quit_requested.connect(self.closing.quit)
            # File ▸ Quit quits, even when closing the window only hides it in the tray.
            quit_action = getattr(window, "quit_action", None)
            if isinstance(quit_action, QAction):
                quit_action.triggered.disconnect()
                quit_action.triggered.connect(self.closing.quit)
            self.tray.show()
        else:
            self.clock.due.connect(lambda found: _show_in_window(window, found))

    def start(self) -> None:
        self.clock.start()


def notification_text(found: list[Reminder]) -> tuple[str, str]:
    """The title and text of one notification for `found`."""
    if len(found) == 1:
        return found[0].title, found[0].message
    return f"{APP_NAME}: {len(found)} reminders", "\n".join(f"{r.title}: {r.message}" for r in found)


def _show_in_window(window: QWidget, found: list[Reminder]) -> None:
    bar = getattr(window, "statusBar", None)
    if bar is None:
        return
    if len(found) == 1:
        text = f"{found[0].title}: {found[0].message}"
    else:
        text = "Reminders: " + " · ".join(reminder.title for reminder in found)
    bar().showMessage(text)
    speech.announce(window, text)  # seen at a glance in the status bar, so said politely
