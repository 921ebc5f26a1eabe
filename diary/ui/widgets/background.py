"""One slow call off the window's thread (deriving a key from a passphrase takes about half
a second on purpose), its result or its error brought back to the window's thread."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal


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
