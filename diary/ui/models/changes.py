"""One "what changed": every change the window makes goes out as a Changes, naming what it
touched and who asked, so the view that made it is not reloaded and the others refresh only
what it touched (as Anki's OpChanges does)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from diary.core.entry import Entry
from diary.core.preferences import Preferences


@dataclass(frozen=True)
class Changes:
    """What one change touched, and who made it (`source`: the view that asked, or None).

    `entries` are the days as they were saved (an emptied day is an Entry with nothing
    logged), so a listener needs no read of its own. `replaced` means the whole diary
    changed underneath (an import, a restore): every part counts as touched.
    """

    entries: tuple[Entry, ...] = ()
    courses: bool = False
    routine: bool = False
    side_effects: bool = False
    records: bool = False  # weighings, lab results, pregnancy tests, other medicines
    follow_ups: bool = False
    appointments: bool = False
    photos: bool = False  # a photo added or deleted
    preferences: Preferences | None = None
    replaced: bool = False
    source: object | None = field(default=None, compare=False)

    @classmethod
    def everything(cls, source: object | None = None) -> Changes:
        """The whole diary was replaced: every part counts as changed."""
        return cls(
            courses=True,
            routine=True,
            side_effects=True,
            records=True,
            follow_ups=True,
            appointments=True,
            photos=True,
            replaced=True,
            source=source,
        )

    @property
    def days(self) -> frozenset[dt.date]:
        """The days saved (empty after a replace: then every day may have changed)."""
        return frozenset(entry.date for entry in self.entries)

    @property
    def any_entries(self) -> bool:
        """Some day's entry changed (a save, or the whole diary replaced)."""
        return bool(self.entries) or self.replaced

    def made_by(self, view: object) -> bool:
        """Whether `view` made this change itself (it already shows it)."""
        return self.source is not None and self.source is view
