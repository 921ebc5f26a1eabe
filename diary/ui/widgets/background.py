"""One slow call off the window's thread (deriving a key from a passphrase takes about half
a second on purpose), its result or its error brought back to the window's thread; and how
often threads that compute hand Python's lock back to the window's."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

# While a thread computes in Python, the window's thread waits for Python's lock each time it
# runs Python (a slot, a paint event, an event filter) until the thread is made to hand it
# over, after the switch interval: 5 ms by default, several times in one frame while a chart
# of ten years is drawn. At 1 ms the thread still has the lock whenever the window is idle.
SWITCH_INTERVAL_SECONDS = 0.001


def share_the_lock_often() -> None:
    """Before starting a thread that computes while the window answers (the chart, the flags)."""
    if sys.getswitchinterval() > SWITCH_INTERVAL_SECONDS:
        sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)


class Background(QObject):
    """Runs one call at a time in a worker thread.

    Signals (received on the thread this object lives on, the window's):
        done(object): what the call returned.
        failed(object): the exception it raised.
    """

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def run(self, work: Callable[[], object]) -> bool:
        """Start `work`; False (and nothing started) while the last call still runs."""
        if self.busy:
            return False
        self._thread = threading.Thread(
            target=self._run, args=(work,), name="isodiary-background", daemon=True
        )
        self._thread.start()
        return True

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()

    def _run(self, work: Callable[[], object]) -> None:
        try:
            result = work()
        except Exception as error:  # handed to the window's thread, which decides
            self.failed.emit(error)
            return
        self.done.emit(result)
