"""Autosave: a moment after the last change, and at once before moving on or closing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from diary.ui.app.context import DiaryUnavailable

# Short enough that every change is on disk within a second, long enough that typing a
# number or a note is one save rather than one per key.
DELAY_MS = 500


class Autosaver(QObject):
    """Calls `save` after edits settle; never drops an edit that could not be saved.

    Signals:
        saved(datetime): the pending edits are on disk.
        failed(str): saving failed; the edits are still pending and will be tried again.
    """

    saved = Signal(object)
    failed = Signal(str)

    def __init__(
        self, save: Callable[[], None], delay_ms: int = DELAY_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._pending = False
        self.last_error: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)

    @property
    def pending(self) -> bool:
        return self._pending

    def changed(self) -> None:
        self._pending = True
        self._timer.start()

    def discard(self) -> None:
        """Forget pending edits (the day they belonged to was replaced wholesale)."""
        self._timer.stop()
        self._pending = False

    def flush(self) -> bool:
        """Save now if anything is pending; True when nothing is left unsaved."""
        self._timer.stop()
        if not self._pending:
            return True
        try:
            self._save()
        except DiaryUnavailable as error:
            self.last_error = str(error)
            self.failed.emit(self.last_error)
            return False
        self._pending = False
        self.last_error = None
        self.saved.emit(dt.datetime.now())
        return True
