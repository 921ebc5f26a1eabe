"""The days the Trends chart draws from: read once for its range, a year a turn, then kept up
to date from the days each change carries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from diary.core.entry import Entry

# Days read from the diary in one turn of the event loop: a year takes a few tens of
# milliseconds, ten years at once held the window still for well over 100.
READ_DAYS_PER_TURN = 366

Days = tuple[dt.date, dt.date]


class ChartDays:
    """The logged days of one range (both ends included), read in steps."""

    def __init__(self, read: Callable[[dt.date, dt.date], list[Entry]]) -> None:
        self._read = read
        self.entries: dict[dt.date, Entry] = {}
        self.loaded: Days | None = None  # the days `entries` holds, when current
        # While a long range is read a year a turn: its days, the next day to read, what is read.
        self._reading: tuple[Days, dt.date, dict[dt.date, Entry]] | None = None

    def read_some(self, days: Days) -> bool:
        """Read up to READ_DAYS_PER_TURN more of `days`; True once all are read."""
        if self.loaded == days:
            return True
        if self._reading is None or self._reading[0] != days:
            self._reading = (days, days[0], {})
        _days, first, read = self._reading
        last = min(first + dt.timedelta(days=READ_DAYS_PER_TURN - 1), days[1])
        read.update((entry.date, entry) for entry in self._read(first, last))
        if last < days[1]:
            self._reading = (days, last + dt.timedelta(days=1), read)
            return False
        self.entries, self.loaded, self._reading = read, days, None
        return True

    def read_all(self, days: Days) -> None:
        while not self.read_some(days):
            pass

    def forget(self) -> None:
        """Read again next time: the range may start elsewhere."""
        self.loaded = None
        self._reading = None

    def take(self, entry: Entry) -> None:
        """A saved day: kept if in the days held (an emptied day is removed from the diary)."""
        self._reading = None  # a range half read is read again from its start
        if self.loaded is not None and self.loaded[0] <= entry.date <= self.loaded[1]:
            if entry.is_empty():
                self.entries.pop(entry.date, None)
            else:
                self.entries[entry.date] = entry

    def in_order(self) -> list[Entry]:
        return sorted(self.entries.values(), key=lambda entry: entry.date)
