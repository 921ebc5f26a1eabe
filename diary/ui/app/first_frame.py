"""Announcing the window's first painted frame, for `make bench` to time start-up from outside.

Set ISODIARY_EXIT_AFTER_FIRST_FRAME=1 and the first paint of the window prints
FIRST_FRAME_MARK on standard output and quits. The bare-Qt floor uses the same hook,
so both are timed to the same event.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

VARIABLE = "ISODIARY_EXIT_AFTER_FIRST_FRAME"
FIRST_FRAME_MARK = "first-frame"


class _FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # After this paint has been delivered, so the frame is complete.
            QTimer.singleShot(0, _announce_and_quit)
        return False


def _announce_and_quit() -> None:
    print(FIRST_FRAME_MARK, flush=True, file=sys.stdout)
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
    """Install the hook when asked to by the environment; True if it was installed."""
    if not os.environ.get(VARIABLE):
        return False
    hook = _FirstPaint(window)
    window.installEventFilter(hook)
    return True
