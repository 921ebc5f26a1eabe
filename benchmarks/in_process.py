"""Saving a day in the window, and counting ten years of mood flags, timed inside one process."""

from __future__ import annotations

import datetime as dt
import statistics
import time
from pathlib import Path

from diary.core.flags import mood_flags
from diary.store.diary import Diary

SAVES = 200


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def saves(diary_path: Path, today: dt.date) -> tuple[float, float]:
    """p50 and p95 milliseconds of an edit autosaved in the real window (form, store,
    every panel that listens), `SAVES` times, after one warm-up save."""
    from PySide6.QtCore import QEvent

    from diary.ui.app.application import make_application
    from diary.ui.app.context import DiaryContext
    from diary.ui.app.main_window import MainWindow

    app = make_application()
    with Diary.open(diary_path) as diary:
        window = MainWindow(DiaryContext(diary, today=lambda: today))
        window.show()
        app.processEvents()
        form, day_view = window.day_view.form, window.day_view
        times = []
        for number in range(SAVES + 1):
            form.mood.setValue(number % 11)  # an edit, as a keystroke makes one
            began = time.perf_counter()
            assert day_view.save_now()
            elapsed = (time.perf_counter() - began) * 1000
            app.processEvents()
            if number:
                times.append(elapsed)
        window.close()
        # Widgets go before the application does, as when the real window's run ends.
        window.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return percentile(times, 0.5), percentile(times, 0.95)


def flags(diary_path: Path, runs: int = 9) -> float:
    """Median milliseconds to read every day's mood, signs and PHQ-9 and every course, and work
    out every mood flag: what the flags view and `isodiary flags` do."""
    with Diary.open(diary_path) as diary:
        times = []
        for _ in range(runs + 1):
            began = time.perf_counter()
            mood_flags(diary.entries(), diary.courses())  # what the flags view reads (slice by slice)
            times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times[1:])


def flags_view_block(diary_path: Path, today: dt.date) -> float:
    """The longest the window's event loop waits (milliseconds) while the flags of the whole
    diary are counted again: the count runs on a worker thread, so this stays small."""
    from PySide6.QtCore import QElapsedTimer, QEvent, QTimer

    from diary.ui.app.application import make_application
    from diary.ui.app.context import DiaryContext
    from diary.ui.app.main_window import MainWindow

    app = make_application()
    with Diary.open(diary_path) as diary:
        window = MainWindow(DiaryContext(diary, today=lambda: today))
        window.show()
        app.processEvents()
        gaps: list[float] = []
        clock = QElapsedTimer()
        ticker = QTimer()
        ticker.setInterval(5)
        ticker.timeout.connect(lambda: (gaps.append(clock.nsecsElapsed() / 1e6), clock.restart()))
        clock.start()
        ticker.start()
        window.flags.refresh()
        while not window.flags.is_ready():
            app.processEvents()
        ticker.stop()
        window.close()
        window.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return max(gaps, default=0.0)
