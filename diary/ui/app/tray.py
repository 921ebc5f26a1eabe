"""The reminders on the desktop: a tray icon whose menu opens today's entry, and
notifications for what core/reminders says is due. A notification is gone after a few
seconds, so what is due also stays on the tray until it is done or the day ends: the icon
carries a mark, its tooltip and menu list each reminder. Where the desktop has no tray,
the reminders show in the window while it is open."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon, QWidget

from diary import APP_NAME, palette
from diary.core.reminders import Reminder, due_reminders
from diary.ui.app.close_to_tray import CloseToTray
from diary.ui.app.context import DiaryContext
from diary.ui.models.reminder_memory import ShownReminders
from diary.ui.widgets import speech

__all__ = ["CloseToTray", "DesktopReminders", "ReminderClock", "Tray", "tray_available"]

CHECK_EVERY_MS = 60_000
MESSAGE_MS = 15_000


# Started at login, IsoDiary may come up before the desktop's panel (and its tray) does.
TRAY_WAIT_MS = 60_000
TRAY_POLL_MS = 500


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


def when_tray_known(
    then: Callable[[bool], None],
    available: Callable[[], bool] = tray_available,
    wait_ms: int = TRAY_WAIT_MS,
    parent: QObject | None = None,
) -> QTimer:
    """Calls `then(True)` as soon as the desktop has a tray, or `then(False)` after
    `wait_ms` without one; the timer that asks (kept by `parent`)."""
    timer = QTimer(parent)
    timer.setInterval(TRAY_POLL_MS)
    waited = [0]

    def ask() -> None:
        has_tray = available()
        if has_tray or waited[0] >= wait_ms:
            timer.stop()
            then(has_tray)
        waited[0] += TRAY_POLL_MS

    timer.timeout.connect(ask)
    timer.start()
    QTimer.singleShot(0, ask)
    return timer


class ReminderClock(QObject):
    """Asks the core what is due, every minute and after each save, and announces each
    reminder once a day; what is still due stays listed until it is done or the day ends.

    Signals:
        due(list[Reminder]): what to announce now, together (remembered as shown today).
        still_due(list[Reminder]): everything due at this check, announced or not (empty
            once each is done, put away for the day, or the day is over).
    """

    due = Signal(list)
    still_due = Signal(list)

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
        self.put_away: tuple[dt.date, frozenset[str]] | None = None
        self.paused = False  # while the diary is locked: it is not read
        # A save may be what a reminder asked for: the list follows at once.
        context.changed.connect(self._check_after_change)
        context.quiet.connect(self.pause)  # the diary let go of: locked, or being converted

    def _check_after_change(self, *_changed: object) -> None:
        QTimer.singleShot(0, self.check)

    def put_away_for_today(self) -> None:
        """The person saw the list and wants it gone until tomorrow."""
        today = self.now().date()
        self.put_away = (today, frozenset(self._due_now(today)))
        self.still_due.emit([])

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(0, self.check)

    def pause(self, paused: bool) -> None:
        """While locked, nothing is read from the diary; afterwards, a check at once."""
        self.paused = paused
        if paused:
            self.timer.stop()
        else:
            self.start()

    def check(self) -> list[Reminder]:
        """Announce what is due now and not yet shown today (returned), and list
        everything still due."""
        if self.paused:
            return []
        today = self.now().date()
        due = self._due_now(today)
        shown = self.shown.days()
        found = [reminder for reminder in due.values() if shown.get(reminder.kind) != today]
        if found:
            self.shown.mark([reminder.kind for reminder in found], today)
            self.due.emit(found)
        put_away = self.put_away[1] if self.put_away and self.put_away[0] == today else frozenset()
        self.still_due.emit([reminder for kind, reminder in due.items() if kind not in put_away])
        return found

    def _due_now(self, today: dt.date) -> dict[str, Reminder]:
        context = self.context
        course = context.course_on(today)
        found = due_reminders(
            self.now(),
            context.preferences(),
            today_entry=context.entry(today),
            courses=context.courses,
            last_phq9_day=context.last_phq9_day(today - dt.timedelta(days=1)) if course else None,
            appointments=context.appointments(),
            pregnancy_tests=context.pregnancy_tests(),
        )
        return {reminder.kind: reminder for reminder in found}


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
        # Owned by the tray, not the menu: the menu is cleared and refilled as reminders come and go.
        self.open_action = QAction("Open today's entry", self)
        self.open_action.triggered.connect(self.open_today)
        self.put_away_action = QAction("Hide these reminders until tomorrow", self)
        self.put_away_action.triggered.connect(clock.put_away_for_today)
        self.quit_action = QAction("Quit IsoDiary", self)
        self.quit_action.triggered.connect(self.quit_requested)
        self.due_actions: list[QAction] = []
        self.due_now: list[Reminder] = []
        self.locked = False
        if icon.isNull():
            from diary.shipped import resources_folder

            icon = QIcon(str(resources_folder() / "isodiary.svg"))
        self.plain_icon = icon
        self.marked_icon = marked(icon)
        self.icon = QSystemTrayIcon(icon, self)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.icon.messageClicked.connect(self.open_today)
        clock.due.connect(self.notify)
        clock.still_due.connect(self.show_due)
        self.show_due([])

    def show(self) -> None:
        self.icon.show()

    def show_due(self, found: list[Reminder]) -> None:
        """The mark on the icon, the tooltip and the menu's first lines: what is due now."""
        if self.locked:
            return
        self.due_now = list(found)
        self.icon.setIcon(self.marked_icon if found else self.plain_icon)
        self.icon.setToolTip(due_tooltip(found))
        self.menu.clear()
        self.due_actions = []
        for reminder in found:
            action = QAction(f"Due: {reminder.title}", self.menu)
            action.setToolTip(reminder.message)
            action.triggered.connect(self.open_today)
            self.due_actions.append(action)
            self.menu.addAction(action)
        if found:
            self.menu.addAction(self.put_away_action)
            self.menu.addSeparator()
        self.menu.addAction(self.open_action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)

    def notify(self, found: list[Reminder]) -> None:
        """One notification for what is due together (a tray shows one message at a time)."""
        if self.locked:
            return
        title, message = notification_text(found)
        self.icon.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)

    def show_locked(self, locked: bool, due: bool = False) -> None:
        """While locked: nothing of the diary, only Unlock and Quit, and (`due`) that it is
        time for today's entry. Unlocked again: what the clock lists next (it checks then)."""
        from diary.ui.app.locked_reminders import LOCKED_NOTICE

        self.locked = locked
        self.open_action.setText("Unlock IsoDiary" if locked else "Open today's entry")
        if not locked:
            self.show_due([])
            return
        self.due_now = []
        self.icon.setIcon(self.marked_icon if due else self.plain_icon)
        self.icon.setToolTip(LOCKED_NOTICE if due else f"{APP_NAME} (locked)")
        self.menu.clear()
        self.due_actions = []
        self.menu.addAction(self.open_action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)

    def notify_locked(self) -> None:
        """The evening reminder while locked: the same few words, whatever is due."""
        from diary.ui.app.locked_reminders import LOCKED_MESSAGE, LOCKED_TITLE

        self.show_locked(True, due=True)
        self.icon.showMessage(
            LOCKED_TITLE, LOCKED_MESSAGE, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS
        )

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.open_today.emit()


class DesktopReminders(QObject):
    """Everything a window needs for reminders: the clock, the tray (when the desktop has
    one) and the close-to-tray choice; else the reminders in the window's status bar.
    While the diary is locked (`set_locked`), only the evening time is known: see
    locked_reminders.py.

    Signals:
        locked_reminder: the evening reminder came while locked and there is no tray.
    """

    locked_reminder = Signal()

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
        from diary.ui.app.locked_reminders import LockedReminders
        from diary.ui.models.reminder_memory import remember_evening_time

        self.clock = ReminderClock(context, now, self)
        self.locked_clock = LockedReminders(context.path, now, self)
        self.locked_clock.due.connect(self._locked_reminder)
        # The evening time, kept on this computer too: it must be known while locked.
        remember_evening_time(context.path, context.preferences().reminder_time)
        context.preferences_changed.connect(
            lambda preferences: remember_evening_time(context.path, preferences.reminder_time)
        )
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
            shown: list[str] = []

            def show(found: list[Reminder]) -> None:
                shown[:] = [_show_in_window(window, found)]

            def clear_when_done(found: list[Reminder]) -> None:
                bar = getattr(window, "statusBar", None)
                if not found and bar is not None and shown and bar().currentMessage() == shown[0]:
                    bar().clearMessage()

            self.clock.due.connect(show)
            self.clock.still_due.connect(clear_when_done)

    def start(self) -> None:
        self.clock.start()

    def set_locked(self, locked: bool) -> None:
        """Locked: the diary is not read; the tray says nothing of it. Unlocked: as before."""
        self.clock.pause(locked)
        if self.tray is not None:
            self.tray.show_locked(locked)
        if locked:
            self.locked_clock.start()
        else:
            self.locked_clock.stop()

    def _locked_reminder(self) -> None:
        if self.tray is not None:
            self.tray.notify_locked()
        else:
            self.locked_reminder.emit()


def due_tooltip(found: list[Reminder]) -> str:
    """The tray icon's tooltip: the name, then each reminder still due on a line."""
    if not found:
        return APP_NAME
    return "\n".join([f"{APP_NAME}: due today", *(f"• {reminder.title}" for reminder in found)])


def marked(icon: QIcon, size: int = 64) -> QIcon:
    """`icon` with a dot in its top right corner (the warning colour, ringed in white so it
    shows on a dark or a light panel): something is due."""
    pixmap = icon.pixmap(size, size)
    if pixmap.isNull():
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    radius = pixmap.width() * 0.22
    centre = QPointF(pixmap.width() - radius - 1, radius + 1)
    painter.setPen(QPen(QColor("#FFFFFF"), pixmap.width() * 0.05))
    painter.setBrush(QColor(palette.LIGHT.urgent))
    painter.drawEllipse(centre, radius, radius)
    painter.end()
    return QIcon(pixmap)


def notification_text(found: list[Reminder]) -> tuple[str, str]:
    """The title and text of one notification for `found`."""
    if len(found) == 1:
        return found[0].title, found[0].message
    return f"{APP_NAME}: {len(found)} reminders", "\n".join(f"{r.title}: {r.message}" for r in found)


def _show_in_window(window: QWidget, found: list[Reminder]) -> str:
    """Shows `found` in the window's status bar (it stays till done); returns the words."""
    if len(found) == 1:
        words = f"{found[0].title}: {found[0].message}"
    else:
        words = "Reminders: " + " · ".join(reminder.title for reminder in found)
    bar = getattr(window, "statusBar", None)
    if bar is not None:
        bar().showMessage(words)
    speech.announce(window, words)  # seen at a glance in the status bar, so said politely
    return words
