"""Keeps the window's flags current: recomputed from the diary after changes, with follow-ups.

Reading every day and working out the flags takes a second or more on a long diary
(30,000 days), so it runs on a worker thread with its own reader on the diary file; the
window keeps answering meanwhile and hears `changed` when the new flags are in.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from diary.core import scales
from diary.core.course import Course
from diary.core.entry import Entry
from diary.core.flags import URGENT, Flag, mood_flags
from diary.core.follow_up import FollowUp, TrackedFlag, track, urgent_first_then_newest
from diary.ui.app.context import DiaryContext
from diary.ui.models.changes import Changes
from diary.ui.widgets.background import share_the_lock_often

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

    from diary.ui.app.context import Diary

# Saves come in bursts (autosave while typing); one recount after they settle is enough.
RECOUNT_DELAY_MS = 300


# A diary holds the days of 1900-2099; the two open ends catch anything else.
FIRST_YEAR, LAST_YEAR = scales.FIRST_DAY.year, scales.LAST_DAY.year


def _entries_in_slices(reader: Diary) -> Iterator[Entry]:
    """Every entry, read a year at a time. One big read converts all rows in C while holding
    Python's lock, which would stall the window's thread for its whole length; small reads
    with a pause between them let the window answer throughout. Each year is handed on
    before the next is read, so the whole diary is never in memory at once.
    (entries() by date range: mood_entries() reads the whole diary in one go.)"""
    yield from reader.entries(None, dt.date(FIRST_YEAR - 1, 12, 31))
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        yield from reader.entries(dt.date(year, 1, 1), dt.date(year, 12, 31))
        time.sleep(0)  # let the window's thread have the lock
    yield from reader.entries(dt.date(LAST_YEAR + 1, 1, 1), None)


class FlagTracker(QObject):
    """The flags of the whole diary and the person's follow-ups, urgent first then newest:
    the one place they are counted, read by the header, the flags view and the trends.

    The first count reads every day on a worker thread; the days are then kept (only what
    the flags read), so a save is counted again from the saved day the change carries,
    with no read of the diary. An import or a restore reads everything again.

    Signals:
        changed: the flags or their follow-ups changed.
        counted(object, int): internal, the worker's days and flags arriving on the GUI thread.
    """

    changed = Signal()
    counted = Signal(object, int)

    def __init__(self, context: DiaryContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._flags: list[Flag] | None = None
        self._tracked: list[TrackedFlag] = []
        self._days: dict[dt.date, Entry] | None = None  # what the flags read of each day
        self._saved_while_reading: list[Entry] = []
        self._count_on_arrival = False
        self._generation = 0
        self._worker: ThreadPoolExecutor | None = None
        self._announced: tuple[list[TrackedFlag], bool] | None = None  # what `changed` last told
        self._busy = False
        self._recount_waiting = False  # a recount of the kept days is about to start
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RECOUNT_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.counted.connect(self._arrived)
        context.changed.connect(self._diary_changed)
        self._quiet = False  # the diary let go of (locked): its follow-ups are read after
        self._retrack_when_back = False
        context.quiet.connect(self._follow_quiet)

    def _follow_quiet(self, quiet: bool) -> None:
        self._quiet = quiet
        if not quiet and self._retrack_when_back:
            self._retrack_when_back = False
            self._retrack()

    def settled(self) -> bool:
        """No count under way or waiting to start (the window's lock waits for it)."""
        return not self._busy and not self._timer.isActive()

    def _diary_changed(self, changes: Changes) -> None:
        if changes.replaced:
            self.refresh()
            return
        if changes.entries or changes.courses:
            self._saved_while_reading += changes.entries
            if self._days is not None:
                for entry in changes.entries:
                    self._days[entry.date] = _what_flags_read(entry)
            if self._recount_waiting:
                pass  # the count about to start takes these days too
            elif self._busy:
                self._count_on_arrival = True  # counted again once the count under way is in
            elif self._days is None:
                self._timer.start()  # no days kept yet: read them all once saves settle
            else:
                # Started once every view has taken this change in: started at once, the
                # count's thread took Python's lock from the views still taking it in.
                self._busy = self._recount_waiting = True
                QTimer.singleShot(0, self, self._recount_if_waiting)
        elif changes.follow_ups:
            self._retrack()

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

    def count_once(self) -> None:
        """Start the first count, unless it is in or under way (`changed` follows)."""
        if self._flags is None and not self._busy:
            self.refresh()

    def refresh(self) -> None:
        """Read every day and count the flags again on a worker thread; `changed` follows
        when they are in."""
        self._saved_while_reading, self._count_on_arrival = [], False
        self._start(None)

    def _recount_if_waiting(self) -> None:
        if self._recount_waiting:  # unless a full count started meanwhile
            self._recount()

    def _recount(self) -> None:
        """Count again from the days kept, on a worker thread (no read of the diary)."""
        assert self._days is not None
        self._start(list(self._days.values()))

    def _start(self, days: list[Entry] | None) -> None:
        self._timer.stop()
        self._recount_waiting = False
        self._generation += 1
        self._busy = True
        if self._worker is None:  # one thread kept for every count: starting one costs a while
            from concurrent.futures import ThreadPoolExecutor  # after the first frame, not before

            share_the_lock_often()
            worker = self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="isodiary-flags")
            self.destroyed.connect(lambda: worker.shutdown(wait=False, cancel_futures=True))
        self._worker.submit(self._count, days, self.context.courses, self._generation)

    def _count(self, days: list[Entry] | None, courses: list[Course], generation: int) -> None:
        """On the worker: the flags of `days`, or of every day read afresh when None."""
        counted: tuple[dict[dt.date, Entry] | None, list[Flag]] | None
        try:
            if days is None:
                with self.context.second_reader() as reader:
                    read = {entry.date: _what_flags_read(entry) for entry in _entries_in_slices(reader)}
                counted = read, mood_flags(read.values(), courses)
            else:
                counted = None, mood_flags(days, courses)
        except Exception:
            counted = None
        with contextlib.suppress(RuntimeError):  # the window closed while counting
            self.counted.emit(counted, generation)

    def _arrived(
        self, counted: tuple[dict[dt.date, Entry] | None, list[Flag]] | None, generation: int
    ) -> None:
        if generation != self._generation:
            return  # a newer count is under way
        self._busy = False
        if counted is not None:
            read, self._flags = counted
            if read is not None:
                self._days = read
                for entry in self._saved_while_reading:  # saved while it read: maybe not in it
                    self._days[entry.date] = _what_flags_read(entry)
        self._saved_while_reading = []
        if self._count_on_arrival and self._days is not None:
            self._count_on_arrival = False
            self._recount()  # a day saved or a course changed while it counted
            return
        self._count_on_arrival = False
        self._retrack()

    def _retrack(self) -> None:
        if self._quiet:
            self._retrack_when_back = True
            return
        self._tracked = urgent_first_then_newest(track(self._flags or [], self.context.follow_ups()))
        # Most saves leave the flags as they were: then the views have nothing to redo.
        now = (self._tracked, self.is_ready())
        if now != self._announced:
            self._announced = now
            self.changed.emit()

    def save_follow_up(self, follow_up: FollowUp) -> None:
        """Store the follow-up; the flags are the same, only their follow-ups are read again
        (the change it makes retracks)."""
        self.context.save_follow_up(follow_up)

    def flags(self) -> list[Flag] | None:
        """Every flag of the diary as last counted (None until the first count is in)."""
        return None if self._flags is None else list(self._flags)

    def days(self) -> set[dt.date]:
        return {day for item in self._tracked for day in item.flag.days()}


def _what_flags_read(entry: Entry) -> Entry:
    """The day as the flags read it (mood, warning signs, serious symptoms, PHQ-9): the
    rest is not kept, so ten years of days stay small in memory."""
    return Entry(
        entry.date,
        mood=entry.mood,
        warning_signs=entry.warning_signs,
        serious_symptoms=entry.serious_symptoms,
        phq9=entry.phq9,
    )
