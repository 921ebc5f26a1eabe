"""The Trends chart is built and rendered off the window's thread, and shown exactly as drawn."""

import datetime as dt
import threading
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from diary.charts.timeaxis import x_of
from diary.core.entry import Entry
from diary.store.diary import Diary
from diary.ui.app.main_window import MainWindow
from diary.ui.trends import painter
from tests.charts.helpers import series
from tests.helpers.diaries import START, sample_course, sample_entries
from tests.helpers.window import close_window, open_window

TODAY = START + dt.timedelta(days=13)


@pytest.fixture
def window(qtbot: QtBot, diary_path: Path) -> MainWindow:
    with Diary.open(diary_path) as diary:
        diary.save_course(sample_course())
        for entry in sample_entries():
            diary.save_entry(entry)
        diary.set_setting("first_run_done", True)
    opened = open_window(qtbot, diary_path, TODAY)
    opened.resize(1180, 800)
    yield opened
    close_window(opened)


def test_the_chart_is_built_off_the_window_thread_and_shown_as_drawn(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[str] = []
    build = painter.trends_figure

    def noted(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return build(*args, **kwargs)

    monkeypatch.setattr(painter, "trends_figure", noted)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    view = window.trends_view.content
    qtbot.waitUntil(lambda: view.shown_days is not None)
    assert threads and threading.main_thread().name not in threads
    shown = view.canvas.grab().toImage()
    colours = {shown.pixel(x, y) for x in range(0, shown.width(), 7) for y in range(0, shown.height(), 7)}
    assert len(colours) > 3  # a chart, not a blank canvas
    view.canvas.draw()  # the same figure drawn again by the window's canvas itself
    assert view.canvas.grab().toImage() == shown


def test_a_change_while_the_chart_is_drawn_is_drawn_after_it(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    view = window.trends_view.content
    qtbot.waitUntil(lambda: view.shown_days is not None)
    view.redraw()
    assert not view.settled  # a chart is being drawn
    window.context.save_entry(Entry(TODAY, mood=1))  # arrives while that chart is drawn
    qtbot.waitUntil(lambda: series(view.figure, "mood-days")[TODAY] == 1)
    qtbot.waitUntil(lambda: view.settled)


def test_a_resized_chart_is_drawn_again_off_the_window_thread(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    view = window.trends_view.content
    qtbot.waitUntil(lambda: view.shown_days is not None and view.settled)
    threads: list[str] = []
    draw = Figure.draw

    def noted(figure: Figure, renderer: object) -> None:
        threads.append(threading.current_thread().name)
        draw(figure, renderer)  # type: ignore[arg-type]

    monkeypatch.setattr(Figure, "draw", noted)
    with qtbot.waitSignal(view.drawn, timeout=20000):
        window.resize(1000, 700)
        qtbot.waitUntil(lambda: view.canvas.width() < 1000)  # laid out at the new size
        view.canvas.grab()  # painted before the new chart is in: the last one, stretched
    assert threads and threading.main_thread().name not in threads
    ratio = view.canvas.device_pixel_ratio
    width, height = view.figure.bbox.size
    assert (round(width), round(height)) == (
        round(view.canvas.width() * ratio),
        round(view.canvas.height() * ratio),
    )


def test_the_chart_let_go_of_is_freed_before_the_next_is_drawn(qtbot: QtBot, window: MainWindow) -> None:
    # A chart is objects in reference cycles: only a full collection frees it. The painter
    # makes that collection itself, one old chart at a time, before it draws the next.
    import gc
    import weakref

    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    view = window.trends_view.content
    qtbot.waitUntil(lambda: view.shown_days is not None and view.settled)
    first = weakref.ref(view.figure)
    gc.disable()  # no collection by chance: only the painter's own
    try:
        for _ in range(2):  # the second drawing starts after the first chart was let go of
            with qtbot.waitSignal(view.drawn, timeout=20000):
                view.redraw()
            qtbot.waitUntil(lambda: view.settled)
        assert first() is None
    finally:
        gc.enable()


def test_the_day_lines_are_made_with_the_chart_off_the_window_thread(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from matplotlib.axes import Axes

    threads: list[str] = []
    axvline = Axes.axvline

    def noted(ax: Axes, *args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return axvline(ax, *args, **kwargs)

    monkeypatch.setattr(Axes, "axvline", noted)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    view = window.trends_view.content
    qtbot.waitUntil(lambda: view.shown_days is not None and view.settled)
    assert threads and threading.main_thread().name not in threads
    day = view.shown_days[1]
    qtbot.keyClick(view.canvas, Qt.Key.Key_Left)  # the arrow keys read days: the line follows
    lines = [line for ax in view.figure.axes for line in ax.get_lines() if line.get_gid() == "cursor"]
    assert len(lines) == 7 and all(line.get_visible() for line in lines)
    assert view.day == day
    assert all(line.get_xdata()[0] == x_of(day) for line in lines)


def test_a_chart_shown_no_more_is_taken_apart_and_freed_without_a_collection(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc
    import types
    import weakref

    from tests.charts.helpers import panel_names

    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    view = window.trends_view.content
    qtbot.waitUntil(lambda: view.shown_days is not None and view.settled)
    first = weakref.ref(view.figure)
    monkeypatch.setattr(painter, "gc", types.SimpleNamespace(collect=lambda: 0))  # no collection at all
    gc.disable()
    try:
        for _ in range(2):  # the second drawing takes the first chart apart before it draws
            with qtbot.waitSignal(view.drawn, timeout=20000):
                view.redraw()
            qtbot.waitUntil(lambda: view.settled)
        assert first() is None  # freed as its references went, no collector needed
    finally:
        gc.enable()
    shown = view.figure  # the chart on screen is whole
    assert panel_names(shown) == ["dryness", "joints", "mood", "breakouts", "skincare", "dose", "total"]
    qtbot.keyClick(view.canvas, Qt.Key.Key_Left)
    assert view.day == view.shown_days[1]


def test_drawing_a_chart_makes_its_thread_hand_the_lock_back_often(qtbot: QtBot, window: MainWindow) -> None:
    import sys

    from diary.ui.widgets.background import SWITCH_INTERVAL_SECONDS

    before = sys.getswitchinterval()
    sys.setswitchinterval(0.005)  # Python's own, as before any thread of the window's started
    try:
        qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
        view = window.trends_view.content
        qtbot.waitUntil(lambda: view.shown_days is not None and view.settled)
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_SECONDS)
    finally:
        sys.setswitchinterval(before)
