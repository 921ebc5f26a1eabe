"""The locked window: after the idle time this computer keeps (Settings), or File ▸ Lock now,
a protected diary's window hides everything of the diary until the passphrase is typed again.

Locking saves the day on screen, closes every dialog and menu (Cancel: nothing half-typed
in a dialog is saved), takes the window's whole content out (the views, the header, the
charts: out of the window, so neither the screen nor a screen reader can reach them),
hides the menu bar and the status bar, and turns every action off but Quit. What was typed
in the day form stays in it, unseen, and is there again after unlocking. While locked, a
dialog that opens anyway (a timer's message) is closed at once, and the diary is let go of.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from diary.ui.app.unlock_prompt import Attempt, Refusal, UnlockForm
from diary.ui.models.reminder_memory import lock_after_minutes
from diary.ui.widgets import speech, theme

if TYPE_CHECKING:
    from diary.ui.app.main_window import MainWindow

# A new look (the desktop turned dark) makes views draw again, reading the diary: while its
# keys are forgotten, the hidden views get these once the diary is unlocked.
LOOK_EVENTS = frozenset(
    {QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange, QEvent.Type.StyleChange}
)
SETTLE_POLL_MS = 50
SETTLE_MOST_S = 10.0

# What a key, a click or the wheel is: use of the window, which puts the lock off.
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.ShortcutOverride,
    }
)


class LockScreen(QWidget):
    """What the locked window shows: its name, the passphrase box, and Quit."""

    def __init__(
        self,
        diary_path: Path,
        attempt: Attempt | None = None,
        refusal: Refusal | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("IsoDiary is locked")
        heading = QLabel("<b>IsoDiary is locked</b>")
        note = QLabel("Your diary is hidden. Type your passphrase to see it again.")
        self.reminder = QLabel("")
        speech.reads_as_shown(self.reminder, "Reminder")
        self.form = UnlockForm(diary_path, attempt, refusal, self)
        self.quit_button = QPushButton("&Quit IsoDiary")
        self.quit_button.setAutoDefault(False)
        column = QVBoxLayout()
        column.setSpacing(theme.SPACING)
        for widget in (heading, note, self.reminder, self.form):
            column.addWidget(widget)
        column.addWidget(self.quit_button, 0, Qt.AlignmentFlag.AlignLeft)
        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(560)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(holder, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def show_reminder(self) -> None:
        """The evening reminder while locked, where there is no tray: the same few words."""
        from diary.ui.app.locked_reminders import LOCKED_NOTICE

        speech.show_and_announce(self.reminder, LOCKED_NOTICE)


class WindowLock(QObject):
    """Locks `window` after `idle_ms()` without input (while `protected()`), or when asked.

    Signals:
        locked_changed(bool): locked (True) or unlocked again (False).
    """

    locked_changed = Signal(bool)

    def __init__(
        self,
        window: MainWindow,
        protected: Callable[[], bool],
        attempt: Attempt | None = None,
        refusal: Refusal | None = None,
        idle_ms: Callable[[], int] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.protected = protected
        self.attempt = attempt
        self.refusal = refusal
        self.idle_ms = idle_ms or (lambda: lock_after_minutes() * 60_000)
        self.locked = False
        self.screen: LockScreen | None = None
        self._content: QWidget | None = None
        self._focus: QWidget | None = None
        self._actions_off: list[QAction] = []
        self._looks_missed: dict[int, tuple[QWidget, QEvent.Type]] = {}
        self._last_input = time.monotonic()
        self._watching = False
        self._converting = False  # the file is being encrypted or decrypted: no lock now
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._maybe_idle)
        # The keys are forgotten once work the last save started (the flags' count) is done.
        self.forgotten = False
        self._settling = QTimer(self)
        self._settling.setInterval(SETTLE_POLL_MS)
        self._settling.timeout.connect(self._forget_when_settled)
        self._settle_deadline = 0.0
        self.lock_action = QAction("&Lock now", window)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        window.file_menu.insertAction(window.quit_action, self.lock_action)
        window.context.protection_changed.connect(self.follow_protection)
        window.context.quiet.connect(self._follow_quiet)
        self.follow_protection()

    # The idle time -----------------------------------------------------------------------

    def follow_protection(self) -> None:
        """Watch for idleness only while the diary is protected (else there is no passphrase
        to unlock with); call again when protection or the idle time changed."""
        protected = self.protected()
        self.lock_action.setEnabled(protected and not self.locked)
        self.lock_action.setVisible(protected)
        app = QApplication.instance()
        if protected and not self._watching and app is not None:
            app.installEventFilter(self)  # only then: every event of the program passes here
            self._watching = True
        elif not protected and self._watching and app is not None:
            app.removeEventFilter(self)
            self._watching = False
        self._last_input = time.monotonic()
        self._arm()

    def stop(self) -> None:
        """The window's run is over: no more watching (while it watches, every event of the
        program passes here, and a dialog shown while locked is closed)."""
        self.timer.stop()
        self._settling.stop()
        app = QApplication.instance()
        if self._watching and app is not None:
            app.removeEventFilter(self)
        self._watching = False

    def _follow_quiet(self, quiet: bool) -> None:
        """The diary let go of while unlocked: its file is being converted; locking then
        would forget the keys the work needs. The idle time starts again afterwards."""
        if self.locked:
            return
        self._converting = quiet
        self._last_input = time.monotonic()
        self._arm()

    def _arm(self) -> None:
        limit = self.idle_ms()
        if not self._watching or self.locked or self._converting or limit <= 0:
            self.timer.stop()
            return
        spent = int((time.monotonic() - self._last_input) * 1000)
        self.timer.start(max(0, limit - spent))

    def _maybe_idle(self) -> None:
        limit = self.idle_ms()
        if limit > 0 and (time.monotonic() - self._last_input) * 1000 >= limit:
            self.lock()
        else:
            self._arm()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in INPUT_EVENTS:
            self._last_input = time.monotonic()
        elif self.locked and kind == QEvent.Type.Show and isinstance(watched, QDialog):
            # A message a timer opened while locked (it may name the diary's content).
            QTimer.singleShot(0, watched.reject)
        elif self.forgotten and kind in LOOK_EVENTS and self._is_hidden_view(watched):
            assert isinstance(watched, QWidget)
            self._looks_missed[id(watched)] = (watched, kind)
            return True
        return False

    def _is_hidden_view(self, watched: QObject) -> bool:
        content = self._content
        return (
            content is not None
            and isinstance(watched, QWidget)
            and (watched is content or content.isAncestorOf(watched))
        )

    # Locking and unlocking ----------------------------------------------------------------

    def lock(self) -> None:
        if self.locked or self._converting or not self.protected():
            return
        window = self.window
        window.day_view.save_now()  # if it cannot save, what was typed stays in the form
        focus = QApplication.focusWidget()
        self._close_other_windows()
        self._focus = focus if focus is not None and window.isAncestorOf(focus) else None
        self._actions_off = [
            action
            for action in window.findChildren(QAction)
            if action.isEnabled() and action is not window.quit_action
        ]
        for action in self._actions_off:
            action.setEnabled(False)
        self._content = window.takeCentralWidget()
        if self._content is not None:  # out of the window, but gone with it
            window.destroyed.connect(self._content.deleteLater)
        self.screen = LockScreen(window.context.path, self.attempt, self.refusal)
        self.screen.form.unlocked.connect(self.unlock)
        self.screen.quit_button.clicked.connect(window.quit_action.trigger)
        window.setCentralWidget(self.screen)
        self.screen.show()  # at once: the layout would show it only when events next run
        window.menuBar().hide()
        window.statusBar().hide()
        self.locked = True
        self.timer.stop()
        self.locked_changed.emit(True)
        self.screen.form.focus()
        self._settle_deadline = time.monotonic() + SETTLE_MOST_S
        self._forget_when_settled()
        if not self.forgotten:
            self._settling.start()

    def _forget_when_settled(self) -> None:
        """No connection to the diary stays open, and this process forgets its keys: as soon
        as the work the last save started is done (it reads the diary on other threads)."""
        if not self.locked:
            self._settling.stop()
            return
        flags = getattr(self.window, "flags", None)
        settled = flags is None or flags.settled()
        if settled or time.monotonic() >= self._settle_deadline:
            self._settling.stop()
            self.window.context.protection.let_go(forget=True)
            self.forgotten = True

    def unlock(self, _keys: object = None) -> None:
        """Show the diary again (the form checked the passphrase against the diary)."""
        if not self.locked or self._content is None:
            return
        window = self.window
        screen = window.takeCentralWidget()
        window.destroyed.disconnect(self._content.deleteLater)
        window.setCentralWidget(self._content)
        self._content.show()
        if screen is not None:
            screen.deleteLater()
        self.screen = None
        self._content = None
        window.menuBar().show()
        window.statusBar().show()
        for action in self._actions_off:
            action.setEnabled(True)
        self._actions_off = []
        self.locked = False
        self._settling.stop()
        if self.forgotten:
            window.context.protection.take_back()  # the form held the keys again, checked against the diary
        self.forgotten = False
        missed, self._looks_missed = list(self._looks_missed.values()), {}
        for widget, kind in missed:  # the new look, now that the diary can be read
            QApplication.sendEvent(widget, QEvent(kind))
        self.lock_action.setEnabled(self.protected())
        self._last_input = time.monotonic()
        self._arm()
        self.locked_changed.emit(False)
        if self._focus is not None:
            self._focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self._focus = None

    def show_reminder(self) -> None:
        """The evening reminder while locked and no tray: on the lock screen."""
        if self.screen is not None:
            self.screen.show_reminder()

    def _close_other_windows(self) -> None:
        """Every dialog, message, menu and window of the diary's: closed, the innermost
        first (Cancel)."""
        for _ in range(100):  # dialogs opened from dialogs: a hundred is more than ever are
            modal = QApplication.activeModalWidget()
            if modal is None:
                break
            if isinstance(modal, QDialog):
                modal.reject()
            modal.hide()
        for widget in QApplication.topLevelWidgets():
            if widget is self.window or not widget.isVisible():
                continue
            if isinstance(widget, QDialog):
                widget.reject()
            # A menu, or a window of the diary's own (photos compared); not the tray's icon,
            # which is a window of no one's on X11 and stays, saying nothing of the diary.
            if isinstance(widget, QMenu | QDialog) or widget.parentWidget() is not None:
                widget.hide()
