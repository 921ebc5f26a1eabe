"""One "what changed": each change goes out once, naming what it touched and who asked; the
flags are counted again from the saved day, and the trends take the day from the change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from diary.core.entry import Entry
from diary.core.records import Weighing
from diary.store.diary import Diary
from diary.ui.app.context import DiaryContext
from diary.ui.models.changes import Changes
from diary.ui.trends.view import TrendsView
from tests.helpers.diaries import sample_course
from tests.helpers.window import close_window, open_window

TODAY = dt.date(2026, 4, 15)


def prepare(path: Path, *entries: Entry) -> None:
    with Diary.open(path) as diary:
        diary.save_course(sample_course())
        diary.set_setting("first_run_done", True)
        for entry in entries:
            diary.save_entry(entry)


def test_a_day_saved_in_the_window_goes_out_once_with_the_day_and_who_saved_it(
    qtbot: QtBot, diary_path: Path
) -> None:
    prepare(diary_path)
    window = open_window(qtbot, diary_path, TODAY)
    heard: list[Changes] = []
    window.context.changed.connect(heard.append)
    window.day_view.form.mood.setValue(6)
    window.day_view.save_now()
    (changes,) = heard
    (entry,) = changes.entries
    assert (entry.date, entry.mood) == (TODAY, 6)
    assert changes.made_by(window.day_view) and not changes.made_by(window)
    assert not (changes.courses or changes.routine or changes.records or changes.replaced)
    close_window(window)


def test_each_write_names_only_the_part_it_touched(qtbot: QtBot, diary_path: Path) -> None:
    prepare(diary_path)
    with Diary.open(diary_path) as diary:
        context = DiaryContext(diary, today=lambda: TODAY)
        heard: list[Changes] = []
        context.changed.connect(heard.append)
        context.save_weighing(Weighing(TODAY, 64.0))
        context.save_routine(context.routine(include_retired=True))
        context.reload()
    weighing, routine, reloaded = heard
    assert weighing == Changes(records=True)
    assert routine == Changes(routine=True)
    assert reloaded.replaced and reloaded.courses and reloaded.records and reloaded.any_entries


def test_a_save_is_counted_again_from_the_saved_day_without_reading_the_diary(
    qtbot: QtBot, diary_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepare(diary_path, Entry(TODAY - dt.timedelta(days=1), mood=7))
    window = open_window(qtbot, diary_path, TODAY)
    window.flags.refresh()
    qtbot.waitUntil(window.flags.is_ready, timeout=5000)
    assert window.flags.tracked() == []

    def no_reading() -> Diary:
        raise AssertionError("the tracker read the whole diary again")

    monkeypatch.setattr(window.context, "second_reader", no_reading)
    window.day_view.form.warning_signs.set_keys(("irritable",))
    window.day_view.form.warning_signs.edited.emit()
    window.day_view.save_now()
    qtbot.waitUntil(lambda: len(window.flags.tracked()) == 1, timeout=5000)
    (tracked,) = window.flags.tracked()
    assert (tracked.flag.rule, tracked.flag.date) == ("warning_sign", TODAY)
    assert window.flag_badge.isVisible()
    close_window(window)


def test_a_saves_count_starts_once_every_view_has_taken_the_change_in(
    qtbot: QtBot, diary_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Started while the change goes round, the count's thread took Python's lock from the
    # views still taking it in: the window's save waited on it.
    from diary.ui.models.flag_tracker import FlagTracker

    prepare(diary_path, Entry(TODAY - dt.timedelta(days=1), mood=7))
    window = open_window(qtbot, diary_path, TODAY)
    window.flags.refresh()
    qtbot.waitUntil(window.flags.is_ready, timeout=5000)
    order: list[str] = []
    start = FlagTracker._start

    def noted(tracker: FlagTracker, days: list[Entry] | None) -> None:
        order.append("count started")
        start(tracker, days)

    monkeypatch.setattr(FlagTracker, "_start", noted)
    window.context.changed.connect(lambda _changes: order.append("last view"))  # after every view
    window.day_view.form.warning_signs.set_keys(("irritable",))
    window.day_view.form.warning_signs.edited.emit()
    window.day_view.save_now()
    assert not window.flags.is_ready()  # counting, or about to
    qtbot.waitUntil(lambda: len(window.flags.tracked()) == 1, timeout=5000)
    assert order == ["last view", "count started"]
    assert window.flags.is_ready() and window.flag_badge.isVisible()
    close_window(window)


def test_the_trends_take_a_saved_day_from_the_change_not_from_a_new_read(
    qtbot: QtBot, diary_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepare(diary_path, Entry(TODAY - dt.timedelta(days=1), mood=7))
    window = open_window(qtbot, diary_path, TODAY)
    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.trends_view.is_built, timeout=5000)
    view = window.trends_view.content
    assert isinstance(view, TrendsView)
    qtbot.waitUntil(lambda: view.shown_days is not None, timeout=10000)
    reads: list[object] = []
    entries = window.context.entries

    def counted_entries(*days: dt.date | None) -> list[Entry]:
        reads.append(days)
        return entries(*days)

    monkeypatch.setattr(window.context, "entries", counted_entries)
    with qtbot.waitSignal(view.drawn, timeout=5000):
        window.context.save_entry(Entry(TODAY, mood=3))
    assert reads == []
    view.show_day(TODAY)
    assert "mood 3" in view.day_label.text()
    close_window(window)
