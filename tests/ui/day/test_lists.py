"""The day's lists by keyboard: the arrow keys bring the current line into view on a small
screen, and Space ticks the line shown, only that one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from pytestqt.qtbot import QtBot

from diary.store.diary import Diary
from diary.ui.app.main_window import MainWindow
from diary.ui.widgets.checklist import Checklist
from tests.helpers.window import close_window, open_window

TODAY = dt.date(2026, 4, 15)


@pytest.fixture
def window(qtbot: QtBot, diary_path: Path) -> MainWindow:
    with Diary.open(diary_path) as diary:
        diary.set_setting("first_run_done", True)
    opened = open_window(qtbot, diary_path, TODAY)
    opened.resize(1024, 560)  # a small laptop, less its panel and title bar
    yield opened
    close_window(opened)


def ticked_lines(checklist: Checklist) -> list[str]:
    items = [checklist.item(row) for row in range(checklist.count())]
    return [item.text() for item in items if item.checkState() == Qt.CheckState.Checked]


def line_on_screen(window: MainWindow, checklist: Checklist) -> bool:
    item = checklist.currentItem()
    line = checklist.visualItemRect(item)
    viewport = window.day_view.scroll_area.viewport()
    top_left = checklist.viewport().mapTo(viewport, line.topLeft())
    return QRect(0, 0, viewport.width(), viewport.height()).contains(QRect(top_left, line.size()))


@pytest.mark.parametrize("name", ["warning_signs", "serious_symptoms", "skincare", "side_effects"])
def test_arrow_keys_bring_each_line_into_view_and_space_ticks_only_it(
    qtbot: QtBot, window: MainWindow, name: str
) -> None:
    form = window.day_view.form
    if name == "skincare":
        from diary.core.routine import DEFAULT_ROUTINE

        window.context.save_routine(list(DEFAULT_ROUTINE))
        window.day_view.reload()
    checklist: Checklist = getattr(form, name)
    checklist.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(checklist.hasFocus)
    window.day_view.scroll_area.verticalScrollBar().setValue(0)
    for row in range(1, checklist.count()):
        qtbot.keyClick(checklist, Qt.Key.Key_Down)
        assert checklist.currentRow() == row
        assert line_on_screen(window, checklist), f"line {row} of {name} is off screen"
    qtbot.keyClick(checklist, Qt.Key.Key_Space)
    assert ticked_lines(checklist) == [checklist.item(checklist.count() - 1).text()]
    qtbot.keyClick(checklist, Qt.Key.Key_Up)
    qtbot.keyClick(checklist, Qt.Key.Key_Space)
    assert len(ticked_lines(checklist)) == 2 and line_on_screen(window, checklist)


def test_a_step_added_today_is_not_offered_on_an_earlier_day(qtbot: QtBot, window: MainWindow) -> None:
    from diary.core.entry import Entry
    from diary.core.routine import DEFAULT_ROUTINE, RoutineStep

    earlier = TODAY - dt.timedelta(days=3)
    window.context.save_entry(Entry(earlier, skincare=("cleanser",)))
    window.context.save_routine([*DEFAULT_ROUTINE, RoutineStep("serum", "Vitamin C serum")])
    (serum,) = [step for step in window.context.routine() if step.key == "serum"]
    assert serum.added_on is not None  # stored with the day it was added
    window.day_view.go_to(serum.added_on - dt.timedelta(days=1))
    lines = [
        window.day_view.form.skincare.item(r).text() for r in range(window.day_view.form.skincare.count())
    ]
    assert "Vitamin C serum" not in lines
    window.day_view.go_to(serum.added_on)
    lines = [
        window.day_view.form.skincare.item(r).text() for r in range(window.day_view.form.skincare.count())
    ]
    assert "Vitamin C serum" in lines
