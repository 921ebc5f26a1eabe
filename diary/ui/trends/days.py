"""The days the Trends chart draws from: read for its range on a thread of their own, a year
at a time, then kept up to date from the days each change carries."""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from diary.core.entry import Entry
from diary.ui.widgets.background import share_the_lock_often

# Days read in one go: ten years at once convert every row while holding Python's lock, so
# the window's thread would wait for all of them; a year at a time it waits for one at most.
READ_DAYS_AT_A_TIME = 366

Days = tuple[dt.date, dt.date]


class Reader(Protocol):
    """A reader of its own on the diary (DiaryContext.second_reader): for one thread only."""

    def __enter__(self) -> Reader: ...

    def __exit__(self, *_exc: object) -> None: ...

    def entries(self, start: dt.date | None = None, end: dt.date | None = None) -> list[Entry]: ...


class ChartDays(QObject):
    """The logged days of one range (both ends included).

    A range is read on a thread of its own, through a reader of its own, so ten years never
    hold the window still; `arrived` then comes on the window's thread. A day saved while a
    range is read is laid over what the read brings (it may have read the day before the save).

    Signals:
        arrived: the range asked for is in (`loaded`), or reading it failed (`failure`).
    """

    arrived = Signal()
    _read = Signal(int, object)  # from the reading thread: which read, and its days or error

    def __init__(
        self, read: Callable[[dt.date, dt.date], list[Entry]], open_reader: Callable[[], Reader]
    ) -> None:
        super().__init__()
        self._read_here = read  # the window's own reader, for read_all
        self._open_reader = open_reader
        self.entries: dict[dt.date, Entry] = {}
        self.loaded: Days | None = None  # the days `entries` holds, when current
        self.failure: Exception | None = None  # why the last read failed, until the next
        self._reading: Days | None = None  # the range being read apart
        self._saved_while_reading: list[Entry] = []
        self._number = 0  # of the read under way: an older one's days are not taken
        self._worker: ThreadPoolExecutor | None = None
        self._read.connect(self._arrived)

    @property
    def reading(self) -> bool:
        """A range is being read on its own thread (`arrived` follows)."""
        return self._reading is not None

    def read_apart(self, days: Days) -> None:
        """Read `days` on a thread of their own, unless they are held or being read."""
        if days in (self.loaded, self._reading):
            return
        self._number += 1
        self._reading, self._saved_while_reading, self.failure = days, [], None
        if self._worker is None:  # one thread kept for every read: starting one waits till it runs
            share_the_lock_often()
            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="trends-days")
        self._worker.submit(self._read_range, days, self._number)

    def _read_range(self, days: Days, number: int) -> None:
        """On the reading thread."""
        result: dict[dt.date, Entry] | Exception
        try:
            with self._open_reader() as reader:
                result = _read_by_years(reader.entries, days, pause=True)
        except Exception as error:  # handed to the window's thread, which decides
            result = error
        with contextlib.suppress(RuntimeError):  # the view is gone
            self._read.emit(number, result)

    def _arrived(self, number: int, result: dict[dt.date, Entry] | Exception) -> None:
        if number != self._number or self._reading is None:
            return  # another range was asked for since, or the days were forgotten
        days, self._reading = self._reading, None
        if isinstance(result, Exception):
            self.failure = result
        else:
            self.entries, self.loaded = result, days
            for entry in self._saved_while_reading:
                self.take(entry)
        self._saved_while_reading = []
        self.arrived.emit()

    def read_all(self, days: Days) -> None:
        """Hold `days`, read now on the window's own reader if they are not held."""
        if self.loaded != days:
            self.entries, self.loaded = _read_by_years(self._read_here, days), days

    def forget(self) -> None:
        """Read again next time: the range may start elsewhere (a read under way is dropped)."""
        self.loaded = self._reading = None
        self._number += 1

    def take(self, entry: Entry) -> None:
        """A saved day: kept if in the days held (an emptied day is removed from the diary)."""
        if self._reading is not None:
            self._saved_while_reading.append(entry)
        if self.loaded is not None and self.loaded[0] <= entry.date <= self.loaded[1]:
            if entry.is_empty():
                self.entries.pop(entry.date, None)
            else:
                self.entries[entry.date] = entry

    def in_order(self) -> list[Entry]:
        return sorted(self.entries.values(), key=lambda entry: entry.date)


def _read_by_years(
    read: Callable[[dt.date, dt.date], list[Entry]], days: Days, pause: bool = False
) -> dict[dt.date, Entry]:
    """The logged days of `days`, read READ_DAYS_AT_A_TIME at a time (with `pause`, letting
    the window's thread have Python's lock between reads)."""
    found: dict[dt.date, Entry] = {}
    first = days[0]
    while first <= days[1]:
        last = min(first + dt.timedelta(days=READ_DAYS_AT_A_TIME - 1), days[1])
        found.update((entry.date, entry) for entry in read(first, last))
        first = last + dt.timedelta(days=1)
        if pause:
            time.sleep(0)
    return found
