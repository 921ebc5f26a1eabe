"""Slow file work (checking a bundle's images, copying them in) run on a worker thread while
the window keeps painting: the window takes no input meanwhile, shows a busy pointer and
says what it is doing in its status bar, then gets the result, or the error, back on its
own thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

T = TypeVar("T")


class _Relay(QObject):
    finished = Signal()


class _Job(QRunnable):
    def __init__(self, work: Callable[[], object], outcome: list[tuple[bool, object]], relay: _Relay) -> None:
        super().__init__()
        self.work, self.outcome, self.relay = work, outcome, relay

    def run(self) -> None:
        try:
            self.outcome.append((True, self.work()))
        except BaseException as error:  # handed back whole, raised again on the window's thread
            self.outcome.append((False, error))
        self.relay.finished.emit()


def run_apart(parent: QWidget | None, doing: str, work: Callable[[], T]) -> T:
    """`work()` on a worker thread; returns its result (or raises its exception) here, once
    it is done. `doing` is said in the window's status bar meanwhile ("Checking the bundle…").
    `work` must not touch the window or the diary's own connection (a second reader may)."""
    window = parent.window() if parent is not None else None
    outcome: list[tuple[bool, object]] = []
    relay = _Relay()
    loop = QEventLoop()
    relay.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    was_enabled = window is not None and window.isEnabled()
    if window is not None:
        window.setEnabled(False)  # painted, but no click or key starts other work meanwhile
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(doing)
    QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    try:
        QThreadPool.globalInstance().start(_Job(work, outcome, relay))
        loop.exec()  # the queued quit comes even when the job was done before this line
    finally:
        QApplication.restoreOverrideCursor()
        if window is not None:
            window.setEnabled(was_enabled)
            if isinstance(window, QMainWindow) and window.statusBar().currentMessage() == doing:
                window.statusBar().clearMessage()
    done, value = outcome[0]
    if not done:
        assert isinstance(value, BaseException)
        raise value
    return value  # type: ignore[return-value]
