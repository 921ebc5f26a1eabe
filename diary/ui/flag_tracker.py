"""Keeps the window's flags current: recomputed from the diary after changes, with follow-ups."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from diary.core.flags import URGENT, mood_flags
from diary.core.follow_up import FollowUp, TrackedFlag, track, urgent_first_then_newest
from diary.ui.context import DiaryContext

# Saves come in bursts (autosave while typing); one recount after they settle is enough.
RECOUNT_DELAY_MS = 300


class FlagTracker(QObject):
    """The flags of the whole diary and the person's follow-ups, urgent first then newest.

    Signals:
        changed: the flags or their follow-ups changed.
    """

    changed = Signal()

    def __init__(self, context: DiaryContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._tracked: list[TrackedFlag] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RECOUNT_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        context.entry_saved.connect(lambda _day: self._timer.start())
        context.courses_changed.connect(self._timer.start)
        context.diary_replaced.connect(self.refresh)
        context.follow_ups_changed.connect(self.refresh)

    def tracked(self) -> list[TrackedFlag]:
        if self._tracked is None or self._timer.isActive():
            self.refresh()
        assert self._tracked is not None
        return list(self._tracked)

    def open_flags(self) -> list[TrackedFlag]:
        return [item for item in self.tracked() if item.is_open]

    def open_count(self) -> tuple[int, int]:
        """(open flags, of which urgent)."""
        open_flags = self.open_flags()
        return len(open_flags), sum(1 for item in open_flags if item.flag.severity == URGENT)

    def refresh(self) -> None:
        self._timer.stop()
        flags = mood_flags(self.context.mood_entries(), self.context.courses)
        self._tracked = urgent_first_then_newest(track(flags, self.context.follow_ups()))
        self.changed.emit()

    def save_follow_up(self, follow_up: FollowUp) -> None:
        self.context.save_follow_up(follow_up)  # follow_ups_changed refreshes
