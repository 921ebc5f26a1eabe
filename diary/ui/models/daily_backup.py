"""The day's backup, made in a worker thread once the window is up, so start-up never waits for the disk."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from diary.ui.app.context import DiaryUnavailable
from diary.ui.app.opening import make_daily_backup

# How often an open window looks at the date (a new day starts its backup).
WATCH_MS = 60_000


class DailyBackup(QObject):
    """Makes today's backup if it is due (see store/backups.py, make_daily_backup).

    The work is SQLite and file I/O only, through its own connections, so it runs beside the
    window's writes: in WAL mode the copy reads one committed snapshot and blocks no one.

    Signals:
        finished(object): the Backup made, or None when none was due.
        failed(str): why no backup could be made, in plain words.
    """

    finished = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        diary_path: Path,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.diary_path = Path(diary_path)
        self._now = now
        self._thread: threading.Thread | None = None
        self._started_on: dt.date | None = None
        self._paused = False
        self._clock = QTimer(self)
        self._clock.timeout.connect(self._check_day)

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._started_on = self._now().date()
        self._thread = threading.Thread(target=self._run, name="isodiary-daily-backup")
        self._thread.start()

    def watch(self, interval_ms: int = WATCH_MS) -> None:
        """Check the date every `interval_ms` while the window stays open; a new day gets its backup."""
        self._clock.start(interval_ms)

    def pause(self, paused: bool) -> None:
        """While the diary is let go of (locked: its keys forgotten), no backup starts; the
        day's is made once it is back."""
        self._paused = paused
        if not paused:
            self._check_day()

    def _check_day(self) -> None:
        if self._paused:
            return
        if self._started_on is not None and self._now().date() != self._started_on:
            self.start()

    def wait(self) -> None:
        """Block until the backup is done (before the program exits, so none is cut short)."""
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        # Signals emitted from this thread reach the window's slots through its event loop.
        try:
            made = make_daily_backup(self.diary_path, self._now())  # also clears killed .part files
        except DiaryUnavailable as error:
            self.failed.emit(str(error))
            return
        except OSError as error:
            self.failed.emit(f"IsoDiary could not back up your diary: {error.strerror or error}.")
            return
        self.finished.emit(made)
