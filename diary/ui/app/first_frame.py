"""The window's first frame: work done right after it, keys typed before the window is
filled, and the marks `make bench` times start-up by.

Start-up shows the window as an empty frame first and fills it once that frame is painted
(diary/ui/app/application.py). Keys typed meanwhile are held (HeldKeys) and typed again,
in order, once the day form has the keyboard: nothing typed right after start is lost.

Set ISODIARY_EXIT_AFTER_FIRST_FRAME=1 and the first paint of the window prints
FIRST_FRAME_MARK on standard output and quits. The bare-Qt floor uses the same hook,
so both are timed to the same event. Set it to "ready" and the window goes on after
that mark until its day form has the keyboard, then prints READY_MARK and quits.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

VARIABLE = "ISODIARY_EXIT_AFTER_FIRST_FRAME"
UNTIL_READY = "ready"
FIRST_FRAME_MARK = "first-frame"
READY_MARK = "day-form-ready"


class _FirstPaint(QObject):
    def __init__(self, window: QWidget, quit_after: bool) -> None:
        super().__init__(window)
        self._quit_after = quit_after
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # After this paint has been delivered, so the frame is complete.
            QTimer.singleShot(0, self._announce)
        return False

    def _announce(self) -> None:
        print(FIRST_FRAME_MARK, flush=True, file=sys.stdout)
        if self._quit_after:
            window = self.parent()
            if isinstance(window, QWidget):
                window.close()  # an empty frame: nothing fills it once the mark is out
            QApplication.quit()


class _AfterFirstPaint(QObject):
    def __init__(self, window: QWidget, work: Callable[[], None]) -> None:
        super().__init__(window)
        self._work = work
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._work)
        return False


def after_first_paint(window: QWidget, work: Callable[[], None]) -> None:
    """Do `work` once the window's first frame is painted (install before showing it)."""
    _AfterFirstPaint(window, work)


def exit_after_first_frame(window: QWidget) -> bool:
    """Install the hook when asked to by the environment; True if it was installed.
    Install it after every after_first_paint, so that the mark comes before their work."""
    mode = os.environ.get(VARIABLE)
    if not mode:
        return False
    _FirstPaint(window, quit_after=mode != UNTIL_READY)
    return True


def announce_ready() -> None:
    """The day form has the keyboard: the end of start-up, when timed until it."""
    if os.environ.get(VARIABLE) == UNTIL_READY:
        print(READY_MARK, flush=True, file=sys.stdout)
        QApplication.quit()


class HeldKeys(QObject):
    """Holds every key typed in the application from now until `type_again`, which types them
    again in order wherever the keyboard is then (as a person's keys would have gone)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._keys: list[QKeyEvent] = []
        self._holding = True
        app.installEventFilter(self)

    @property
    def held(self) -> int:
        return len(self._keys)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        # A key reaches the window's QWindow first, then the widget: held once, at the widget.
        is_key = kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) and isinstance(event, QKeyEvent)
        if self._holding and is_key and isinstance(watched, QWidget):
            assert isinstance(event, QKeyEvent)
            copy = QKeyEvent(
                kind, event.key(), event.modifiers(), event.text(), event.isAutoRepeat(), event.count()
            )
            self._keys.append(copy)
            return True
        return False

    def stop(self) -> None:
        """Hold no more keys (a dialog may need them); those held wait for type_again."""
        if self._holding:
            self._holding = False
            self._app.removeEventFilter(self)

    def forget(self) -> None:
        """Hold no more keys and drop those held: a question came up before the form (the
        diary is damaged), and keys typed before it were meant neither for it nor for later."""
        self.stop()
        self._keys = []

    def type_again(self, window: QWidget) -> None:
        """Type the held keys into `window`'s widget with the keyboard, one by one (a Tab
        moves the keyboard on before the next key, as it did when typed), once the window
        is active: a field knows it has the keyboard only then."""
        self.stop()
        if self._keys and not window.isActiveWindow():
            _WhenActive(window, lambda: self.type_again(window))
            return
        keys, self._keys = self._keys, []
        for key in keys:
            # Sent, not spontaneous, so Qt offers each press to the shortcuts first (an Alt
            # letter still jumps to its field), as it does for keys a test types.
            QApplication.sendEvent(QApplication.focusWidget() or window, key)


class _WhenActive(QObject):
    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate:
            watched.removeEventFilter(self)
            self.deleteLater()
            QTimer.singleShot(0, self._then)  # once the activation has reached the fields too
        return False
