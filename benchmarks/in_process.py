"""Saving a day in the window, and counting ten years of mood flags, timed inside one process."""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from diary.core.flags import mood_flags
from diary.store.diary import Diary

SAVES = 200


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def saves(diary_path: Path, today: dt.date, passphrase: str = "") -> tuple[float, float]:
    """p50 and p95 milliseconds of an edit autosaved in the real window (form, store,
    every panel that listens), `SAVES` times, after one warm-up save. `passphrase`: the
    diary is protected, and unlocked first (not timed)."""
    from PySide6.QtCore import QEvent

    from diary.ui.app.application import make_application
    from diary.ui.app.context import DiaryContext
    from diary.ui.app.main_window import MainWindow

    app = make_application()
    from diary.store import protection

    keys = protection.unlock(diary_path, passphrase) if passphrase else None
    with Diary.open(diary_path, keys=keys) as diary:
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


def _open_every_view(diary_path: Path, today: dt.date) -> tuple[Any, Any]:
    """The real window on the diary with its flags counted and every view built (Trends
    drawn, Flags listed), back on the Day tab where days are saved."""
    from diary.store.diary import load_writer
    from diary.ui.app.application import make_application
    from diary.ui.app.context import DiaryContext
    from diary.ui.app.main_window import MainWindow

    app = make_application()
    window = MainWindow(DiaryContext(Diary.open(diary_path), today=lambda: today))
    window.show()
    app.processEvents()
    load_writer()  # as the window does in the background after its first frame
    window.flags.refresh()
    _wait(app, window.flags.is_ready)
    window.tabs.setCurrentIndex(1)
    _wait(app, lambda: window.trends_view.is_built)
    trends = window.trends_view.content
    _wait(app, lambda: trends.shown_days is not None and trends.settled)
    window.tabs.setCurrentIndex(2)
    _wait(app, lambda: window.flags_view.is_built)
    window.tabs.setCurrentIndex(0)
    app.processEvents()
    return app, window


def _wait(app: Any, done: Callable[[], bool], seconds: float = 60) -> None:
    until = time.monotonic() + seconds
    while not done():
        if time.monotonic() > until:
            raise RuntimeError("the window did not get there in time")
        app.processEvents()
        time.sleep(0.001)


def _close(app: Any, window: Any) -> None:
    from PySide6.QtCore import QEvent

    window.close()
    window.context.close()
    window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def save_refresh(diary_path: Path, today: dt.date, runs: int = 40) -> float:
    """Median milliseconds from an edit's save in the Day view until every open view has
    taken it in: the form's day, the calendar, the course line, the flags counted again
    (header badge, flags view, the trends' flags) and Trends marked to redraw when shown."""
    app, window = _open_every_view(diary_path, today)
    form, day_view = window.day_view.form, window.day_view
    times = []
    for number in range(runs + 1):
        form.mood.setValue(number % 11)
        began = time.perf_counter()
        assert day_view.save_now()
        app.processEvents()
        while not window.flags.is_ready():
            app.processEvents()
        app.processEvents()
        if number:
            times.append((time.perf_counter() - began) * 1000)
    _close(app, window)
    return statistics.median(times)


def worst_stall(diary_path: Path, today: dt.date) -> float:
    """The longest the event loop waits (milliseconds) while a person goes through every
    view on ten years: open the window, count the flags, draw Trends, list the Flags, save
    a day ten times, then Trends again on the whole diary, and resize the window twice."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    gaps: list[float] = []
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.setInterval(5)
    ticker.timeout.connect(lambda: (gaps.append(clock.nsecsElapsed() / 1e6), clock.restart()))
    app, window = _open_every_view(diary_path, today)  # the first start: timed by startup_10y_ms
    with Diary.open(diary_path) as diary:  # read before the clock starts: the walk's, not the window's
        first = diary.first_logged_day(today)
    assert first is not None
    clock.start()
    ticker.start()
    trends = window.trends_view.content
    form, day_view = window.day_view.form, window.day_view
    for number in range(10):
        form.mood.setValue(number % 11)
        day_view.save_now()
        _wait(app, window.flags.is_ready)
    for index in (1, 2, 0, 1):
        window.tabs.setCurrentIndex(index)
        _wait(app, lambda: trends.settled)
    trends.range_picker.set_custom(first, today)  # all ten years
    _wait(app, lambda: trends.settled)
    for width, height in ((1000, 700), (1180, 800)):  # the window resized with ten years drawn
        window.resize(width, height)
        rested = time.monotonic() + 0.3  # the chart is drawn again once the size rests
        _wait(app, lambda rested=rested: time.monotonic() > rested and trends.settled)
    settle = time.monotonic() + 0.2
    _wait(app, lambda: time.monotonic() > settle)
    ticker.stop()
    _close(app, window)
    return max(gaps, default=0.0)
