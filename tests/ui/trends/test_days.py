"""The Trends chart's days: read on a thread of their own a year at a time, the same days the
window's own reader gives, with a day saved meanwhile laid over them."""

import datetime as dt
import threading
from pathlib import Path

from pytestqt.qtbot import QtBot

from diary.core.entry import Entry
from diary.store.diary import Diary
from diary.ui.trends.days import READ_DAYS_AT_A_TIME, ChartDays

FIRST = dt.date(2024, 1, 1)
RANGE = (FIRST, FIRST + dt.timedelta(days=2 * READ_DAYS_AT_A_TIME + 40))  # three reads


class NotedReader:
    """A second reader that notes the thread of each read, and can be held at its first."""

    def __init__(self, path: Path, threads: list[str], hold: threading.Event | None = None) -> None:
        self.diary = Diary(path)
        self.threads = threads
        self.hold = hold

    def __enter__(self) -> "NotedReader":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.diary.close()

    def entries(self, start: dt.date | None = None, end: dt.date | None = None) -> list[Entry]:
        self.threads.append(threading.current_thread().name)
        read = self.diary.entries(start, end)
        if self.hold is not None:
            assert self.hold.wait(10)
        return read


def logged(diary_path: Path) -> Diary:
    diary = Diary.open(diary_path)
    for offset in range(0, (RANGE[1] - FIRST).days + 30, 3):
        diary.save_entry(Entry(FIRST + dt.timedelta(days=offset), mood=offset % 11))
    return diary


def test_a_range_is_read_off_the_window_thread_and_gives_the_same_days(
    qtbot: QtBot, diary_path: Path
) -> None:
    diary = logged(diary_path)
    threads: list[str] = []
    days = ChartDays(diary.entries, lambda: NotedReader(diary_path, threads))
    with qtbot.waitSignal(days.arrived, timeout=10000):
        days.read_apart(RANGE)
        assert days.reading and days.loaded is None
    assert days.loaded == RANGE and days.failure is None
    assert days.entries == {entry.date: entry for entry in diary.entries(*RANGE)}
    assert len(threads) == 3 and threading.main_thread().name not in threads
    here = ChartDays(diary.entries, lambda: NotedReader(diary_path, []))
    here.read_all(RANGE)  # the window's own reader, for a chart saved to a file
    assert here.in_order() == days.in_order()
    diary.close()


def test_a_day_saved_while_its_range_is_read_is_laid_over_what_the_read_brings(
    qtbot: QtBot, diary_path: Path
) -> None:
    diary = logged(diary_path)
    hold = threading.Event()
    days = ChartDays(diary.entries, lambda: NotedReader(diary_path, [], hold))
    saved, emptied = Entry(FIRST, mood=1, note="saved meanwhile"), Entry(FIRST + dt.timedelta(days=3))
    days.read_apart(RANGE)
    for entry in (saved, emptied):
        diary.save_entry(entry)  # the read had already read these days
        days.take(entry)
    with qtbot.waitSignal(days.arrived, timeout=10000):
        hold.set()
    assert days.entries[FIRST] == saved
    assert emptied.date not in days.entries
    diary.close()


def test_only_the_range_asked_for_last_is_taken(qtbot: QtBot, diary_path: Path) -> None:
    diary = logged(diary_path)
    days = ChartDays(diary.entries, lambda: NotedReader(diary_path, []))
    shorter = (FIRST, FIRST + dt.timedelta(days=30))
    arrivals: list[object] = []
    delivered: list[int] = []
    days.arrived.connect(lambda: arrivals.append(days.loaded))
    days._read.connect(lambda number, _result: delivered.append(number))  # after the view's own slot
    days.read_apart(RANGE)
    days.read_apart(shorter)
    qtbot.waitUntil(lambda: len(delivered) == 2, timeout=10000)  # both reads have come back
    assert arrivals == [shorter]
    assert days.entries == {entry.date: entry for entry in diary.entries(*shorter)}
    diary.close()


def test_a_failed_read_is_said_and_the_next_read_starts_afresh(qtbot: QtBot, diary_path: Path) -> None:
    diary = logged(diary_path)

    broken = [True]

    def reader() -> NotedReader:
        if broken[0]:
            raise OSError("the disk went away")
        return NotedReader(diary_path, [])

    days = ChartDays(diary.entries, reader)
    with qtbot.waitSignal(days.arrived, timeout=10000):
        days.read_apart(RANGE)
    assert isinstance(days.failure, OSError) and days.loaded is None
    broken[0] = False
    with qtbot.waitSignal(days.arrived, timeout=10000):
        days.read_apart(RANGE)
    assert days.failure is None and days.loaded == RANGE
    diary.close()
