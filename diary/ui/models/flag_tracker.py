"""Keeps the window's flags current: recomputed from the diary after changes, with follow-ups.

Reading every day and working out the flags takes a second or more on a long diary
(30,000 days), so it runs on a worker thread with its own reader on the diary file; the
window keeps answering meanwhile and hears `changed` when the new flags are in.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from diary.core import scales
from diary.core.course import Course
from diary.core.entry import Entry
from diary.core.flags import URGENT, Flag, mood_flags
from diary.core.follow_up import FollowUp, TrackedFlag, track, urgent_first_then_newest
from diary.ui.app.context import DiaryContext

if TYPE_CHECKING:
    from diary.ui.app.context import Diary

# Saves come in bursts (autosave while typing); one recount after they settle is enough.
RECOUNT_DELAY_MS = 300


# A diary holds the days of 1900-2099; the two open ends catch anything else.
FIRST_YEAR, LAST_YEAR = scales.FIRST_DAY.year, scales.LAST_DAY.year


def _entries_in_slices(reader: Diary) -> list[Entry]:
    """Every entry, read a year at a time. One big read converts all rows in C while holding
    Python's lock, which would stall the window's thread for its whole length; small reads
    with a pause between them let the window answer throughout.
    (entries() by date range: mood_entries() reads the whole diary in one go.)"""
    entries = reader.entries(None, dt.date(FIRST_YEAR - 1, 12, 31))
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        entries += reader.entries(dt.date(year, 1, 1), dt.date(year, 12, 31))
        time.sleep(0)  # let the window's thread have the lock
    entries += reader.entries(dt.date(LAST_YEAR + 1, 1, 1), None)
    return entries


class FlagTracker(QObject):
    """The flags of the whole diary and the person's follow-ups, urgent first then newest.

    Signals:
        changed: the flags or their follow-ups changed.
        counted(object, int): internal, the worker's flags arriving on the GUI thread.
    """

    changed = Signal()
    counted = Signal(object, int)

    def __init__(self, context: DiaryContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._flags: list[Flag] | None = None
        self._tracked: list[TrackedFlag] = []
        self._generation = 0
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RECOUNT_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.counted.connect(self._arrived)
        context.entry_saved.connect(lambda _day: self._timer.start())
        context.courses_changed.connect(self._timer.start)
        context.diary_replaced.connect(self.refresh)
        context.follow_ups_changed.connect(self._retrack)

    def is_ready(self) -> bool:
        """True once the flags have been counted and no recount is under way."""
        return self._flags is not None and not self._busy and not self._timer.isActive()

    def tracked(self) -> list[TrackedFlag]:
        """The flags as last counted (empty until the first count is in; see is_ready)."""
        return list(self._tracked)

    def open_flags(self) -> list[TrackedFlag]:
        return [item for item in self.tracked() if item.is_open]

    def open_count(self) -> tuple[int, int]:
        """(open flags, of which urgent)."""
        open_flags = self.open_flags()
        return len(open_flags), sum(1 for item in open_flags if item.flag.severity == URGENT)

    def refresh(self) -> None:
        """Count the flags again on a worker thread; `changed` follows when they are in."""
        self._timer.stop()
        self._generation += 1
        self._busy = True
        generation, courses = self._generation, self.context.courses
        thread = threading.Thread(
            target=self._count, args=(courses, generation), name="isodiary-flags", daemon=True
        )
        thread.start()

    def _count(self, courses: list[Course], generation: int) -> None:
        flags: list[Flag] | None
        try:
            with self.context.second_reader() as reader:
                flags = mood_flags(_entries_in_slices(reader), courses)
        except Exception:
            flags = None
        with contextlib.suppress(RuntimeError):  # the window closed while counting
            self.counted.emit(flags, generation)

    def _arrived(self, flags: list[Flag] | None, generation: int) -> None:
        if generation != self._generation:
            return  # a newer count is under way
        self._busy = False
        if flags is not None:
            self._flags = flags
        self._retrack()

    def _retrack(self) -> None:
        self._tracked = urgent_first_then_newest(track(self._flags or [], self.context.follow_ups()))
        self.changed.emit()

    def save_follow_up(self, follow_up: FollowUp) -> None:
        """Store the follow-up; the flags are the same, only their follow-ups are read again
        (follow_ups_changed retracks)."""
        self.context.save_follow_up(follow_up)

    def days(self) -> set[dt.date]:
        return {day for item in self._tracked for day in item.flag.days()}
