"""Reminders while the diary is locked: it cannot be read then, so nothing is known of what
is due but the evening reminder's time, which this computer keeps (reminder_memory). At
that time, once a day, a notification says only that it is time for today's entry: never a
symptom, a flag, a test or an appointment, since anyone at the computer may see it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from diary import APP_NAME
from diary.core.reminders import EVENING
from diary.ui.models.reminder_memory import ShownReminders, evening_time

LOCKED_TITLE = APP_NAME
LOCKED_MESSAGE = "Time for today's entry."
# The same words on one line (a tooltip, the lock screen where there is no tray).
LOCKED_NOTICE = f"{APP_NAME}: time for today's entry"
CHECK_EVERY_MS = 60_000


class LockedReminders(QObject):
    """Looks at the clock every minute while started.

    Signals:
        due: the evening time has come today and this reminder was not shown yet today
            (by this or by the unlocked reminders, which share the day it was shown).
    """

    due = Signal()

    def __init__(
        self,
        diary_path: Path,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.diary_path = Path(diary_path)
        self.now = now
        self.shown = ShownReminders(diary_path=self.diary_path)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(0, self.check)

    def stop(self) -> None:
        self.timer.stop()

    @property
    def running(self) -> bool:
        return self.timer.isActive()

    def check(self) -> bool:
        """Announce the evening reminder if it is due now; True when it was."""
        if not self.running:
            return False
        at = evening_time(self.diary_path)
        now = self.now()
        if at is None or now.time() < at or self.shown.days().get(EVENING) == now.date():
            return False
        self.shown.mark([EVENING], now.date())
        self.due.emit()
        return True
