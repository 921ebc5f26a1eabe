"""The Trends tab as a person uses it: ranges, series, hover, click and keys to a day, save, redraw."""

import datetime as dt
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from diary.core.entry import Entry
from diary.store.diary import Diary
from diary.ui.app.main_window import MainWindow
from diary.ui.widgets import theme
from tests.charts.helpers import days_of, lines, panel, panel_names, series, x_of
from tests.helpers.diaries import START, sample_course, sample_entries
from tests.helpers.window import close_window, open_window

TODAY = START + dt.timedelta(days=13)
EARLIER = sample_course(start_date=dt.date(2025, 1, 6), end_date=dt.date(2025, 5, 25), doses=())


@pytest.fixture
def window(qtbot: QtBot, diary_path: Path) -> MainWindow:
    with Diary.open(diary_path) as diary:
        diary.save_course(EARLIER)
        diary.save_course(sample_course())
        for entry in [*sample_entries(), Entry(dt.date(2025, 2, 1), mood=8)]:
            diary.save_entry(entry)
        diary.set_setting("first_run_done", True)
    opened = open_window(qtbot, diary_path, TODAY)
    opened.resize(1180, 800)  # larger than the offscreen screen's 800 x 600, which the window fits by itself
    yield opened
    close_window(opened)


def trends(qtbot: QtBot, window: MainWindow):  # type: ignore[no-untyped-def]
    """Show the Trends tab the way a person does (Ctrl+2) and return its view."""
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 1
    view = window.trends_view.content
    qtbot.waitUntil(lambda: view.shown_days is not None)
    return view


def point_of(view, name: str, day: dt.date) -> QPoint:  # type: ignore[no-untyped-def]
    """Where `day` is on a panel, in the canvas's own (Qt) coordinates."""
    ax = panel(view.figure, name)
    x, y = ax.transData.transform((x_of(day), sum(ax.get_ylim()) / 2))
    ratio = view.canvas.device_pixel_ratio
    return QPoint(round(x / ratio), round((view.figure.bbox.height - y) / ratio))


def test_trends_loads_matplotlib_only_when_first_shown(qtbot: QtBot, window: MainWindow) -> None:
    assert not window.trends_view.is_built
    view = trends(qtbot, window)
    assert "matplotlib" in sys.modules
    assert panel_names(view.figure) == ["dryness", "joints", "mood", "breakouts", "skincare", "dose", "total"]
    assert view.range_picker.days() == (START, TODAY)  # the whole running course
    assert series(view.figure, "lips-days")[START] == 0


def test_choosing_a_range_redraws_those_days(qtbot: QtBot, window: MainWindow) -> None:
    view = trends(qtbot, window)
    labels = [view.range_picker.combo.itemText(index) for index in range(view.range_picker.combo.count())]
    assert labels == [
        "Whole course",
        "Last 30 days",
        "Last 7 days",
        "Earlier course: Jan – May 2025",
        "Custom dates",
    ]
    view.range_picker.choose("last7")
    qtbot.waitUntil(lambda: view.shown_days == (TODAY - dt.timedelta(days=6), TODAY))
    assert days_of(view.figure, "lips-days") == [TODAY - dt.timedelta(days=6 - n) for n in range(7)]
    view.range_picker.choose("course:2025-01-06")
    qtbot.waitUntil(lambda: view.shown_days == (EARLIER.start_date, EARLIER.end_date))
    assert series(view.figure, "mood-days")[dt.date(2025, 2, 1)] == 8


def test_custom_dates_by_hand_and_never_backwards(qtbot: QtBot, window: MainWindow) -> None:
    view = trends(qtbot, window)
    picker = view.range_picker
    picker.set_custom(START + dt.timedelta(days=2), START + dt.timedelta(days=5))
    assert picker.key() == "custom"
    qtbot.waitUntil(lambda: view.shown_days == (START + dt.timedelta(days=2), START + dt.timedelta(days=5)))
    picker.start.setDate(picker.end.date().addDays(3))  # a start after the end moves the end
    assert picker.days()[0] == picker.days()[1]


def test_hiding_a_series_and_a_whole_panel(qtbot: QtBot, window: MainWindow) -> None:
    view = trends(qtbot, window)
    view.toggles.boxes["lips"].click()
    view.toggles.boxes["joint_pain"].click()
    qtbot.waitUntil(lambda: "joints" not in panel_names(view.figure))
    assert lines(view.figure, "lips-days") == [] and lines(view.figure, "skin-days") != []


def test_pointing_at_a_day_shows_its_values(qtbot: QtBot, window: MainWindow) -> None:
    view = trends(qtbot, window)
    qtbot.mouseMove(view.canvas, point_of(view, "mood", START + dt.timedelta(days=1)))
    qtbot.waitUntil(lambda: view.day == START + dt.timedelta(days=1))
    words = view.day_label.text()
    assert words.startswith("Tuesday 3 March 2026 · week 1: dry lips 2, skin 1")
    assert "mood 7 (good)" in words and "dose 20 mg" in words
    qtbot.mouseMove(view.canvas, point_of(view, "dose", START + dt.timedelta(days=4)))
    qtbot.waitUntil(lambda: view.day_label.text().endswith("week 1: not logged"))


def test_clicking_a_day_opens_it_in_the_day_view(qtbot: QtBot, window: MainWindow) -> None:
    view = trends(qtbot, window)
    day = START + dt.timedelta(days=6)
    qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=point_of(view, "dryness", day))
    assert window.tabs.currentIndex() == 0
    assert window.day_view.day == day
    assert window.day_view.form.dose.value() == 0  # the missed dose, as logged


def test_the_keyboard_reads_the_days_and_enter_opens_one(qtbot: QtBot, window: MainWindow) -> None:
    view = trends(qtbot, window)
    view.canvas.setFocus()
    qtbot.keyClick(view.canvas, Qt.Key.Key_Left)
    assert view.day == TODAY  # the first key press starts at the latest day
    qtbot.keyClick(view.canvas, Qt.Key.Key_Left)
    qtbot.keyClick(view.canvas, Qt.Key.Key_Left)
    assert view.day == TODAY - dt.timedelta(days=2)
    assert "dry lips 7" in view.day_label.text()
    assert view.canvas.accessibleDescription() == view.day_label.text()  # a screen reader hears it
    qtbot.keyClick(view.canvas, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert view.day == TODAY - dt.timedelta(days=9)  # a week at a time
    qtbot.keyClick(view.canvas, Qt.Key.Key_End)
    assert view.day == TODAY
    qtbot.keyClick(view.canvas, Qt.Key.Key_Home)
    assert view.day == START
    qtbot.keyClick(view.canvas, Qt.Key.Key_Return)
    assert window.tabs.currentIndex() == 0 and window.day_view.day == START


@pytest.mark.parametrize(
    "case",
    [
        ("chart.png", "PNG image (*.png)", "chart.png", b"\x89PNG"),
        ("chart", "SVG drawing (*.svg)", "chart.svg", b"<?xml"),  # no extension: the chosen type's
        ("chart.pdf", "SVG drawing (*.svg)", "chart.pdf", b"%PDF"),  # an extension typed wins
    ],
)
def test_save_chart_as_writes_the_chosen_type(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: tuple
) -> None:
    typed, chosen_filter, written, magic = case
    view = trends(qtbot, window)
    asked: list[str] = []

    def choose(_parent: QWidget, _title: str, suggested: str, _filters: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(tmp_path / typed), chosen_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    view.save_button.click()
    assert asked[0].endswith(f"isodiary-trends-{START}-to-{TODAY}.png")
    assert (tmp_path / written).read_bytes().startswith(magic)
    assert view.day_label.text().startswith(f"Saved the chart as {written} in {tmp_path} · ")
    assert "Open the folder</a>" in view.day_label.text()


def test_save_chart_as_into_a_missing_folder_says_why(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = trends(qtbot, window)
    target = tmp_path / "gone" / "chart.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a: (str(target), "")))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text: warnings.append(text)))
    assert view.save_chart() is None
    assert len(warnings) == 1 and f"{target}: the folder {target.parent} does not exist" in warnings[0]
    assert not target.parent.exists()


def test_a_saved_entry_redraws_the_chart_at_once_when_shown(qtbot: QtBot, window: MainWindow) -> None:
    view = trends(qtbot, window)
    day = START + dt.timedelta(days=9)  # not logged yet: a gap
    assert series(view.figure, "mood-days")[day] != series(view.figure, "mood-days")[day]
    view.show_day(day)
    assert view.day_label.text().endswith("week 2: not logged")
    window.context.save_entry(Entry(day, mood=2))
    qtbot.waitUntil(lambda: series(view.figure, "mood-days")[day] == 2)
    assert view.day_label.text().endswith("week 2: mood 2 (low)")  # the words follow too


def test_an_entry_saved_while_trends_is_hidden_shows_when_it_is_next_shown(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = trends(qtbot, window)
    window.tabs.setCurrentIndex(0)
    with qtbot.assertNotEmitted(view.drawn, wait=300):  # hidden: not redrawn
        window.context.save_entry(Entry(TODAY, lips=9, dose_mg=0))
    assert series(view.figure, "lips-days")[TODAY] == 8  # hidden: not redrawn yet
    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: series(view.figure, "lips-days")[TODAY] == 9)
    assert days_of(view.figure, "dose-missed") == [START + dt.timedelta(days=6), TODAY]


def test_the_chart_follows_the_dark_palette(qtbot: QtBot, window: MainWindow) -> None:
    view = trends(qtbot, window)
    light = view.figure.get_facecolor()
    theme.apply_appearance(QApplication.instance(), "dark")  # type: ignore[arg-type]
    try:
        qtbot.waitUntil(lambda: view.figure.get_facecolor() != light)
        assert theme.palette_is_dark()
    finally:
        theme.apply_appearance(QApplication.instance(), "light")  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: view.figure.get_facecolor() == light)


def test_every_control_has_an_accessible_name(qtbot: QtBot, window: MainWindow) -> None:
    view = trends(qtbot, window)
    unnamed = [
        f"{type(widget).__name__} {widget.objectName()!r}"
        for widget in view.findChildren(QWidget)
        if widget.isVisibleTo(view)
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not widget.accessibleName()
        and not (isinstance(widget, QAbstractButton) and widget.text())
        and type(widget).__name__ != "QLineEdit"  # inside the date edits, named by them
    ]
    assert unnamed == []
    assert view.canvas.accessibleName() == "Trend charts"
    assert "arrow keys" in view.canvas.accessibleDescription()


def test_a_new_diary_says_nothing_is_logged_yet(qtbot: QtBot, diary_path: Path) -> None:
    window = open_window(qtbot, diary_path, TODAY)
    view = trends(qtbot, window)
    assert panel_names(view.figure) == []
    assert view.range_picker.days() == (TODAY - dt.timedelta(days=29), TODAY)
    message = [text.get_text() for text in view.figure.texts]
    assert message == [
        "Nothing logged yet between 14 February 2026 and 15 March 2026.\nThe days you log will show here."
    ]
    qtbot.keyClick(view.canvas, Qt.Key.Key_Left)  # reading days still works: none is logged
    assert view.day_label.text().endswith(": not logged")
    close_window(window)


def test_with_every_series_hidden_the_chart_asks_for_one(qtbot: QtBot, window: MainWindow) -> None:
    view = trends(qtbot, window)
    view.toggles.set_chosen(set())
    qtbot.waitUntil(lambda: panel_names(view.figure) == [])
    assert [text.get_text() for text in view.figure.texts] == ["Choose at least one thing to show."]


def test_on_a_short_window_the_dates_stay_in_sight(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1000, 560)
    view = trends(qtbot, window)
    bar = view.chart_scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    qtbot.waitUntil(view.date_strip.isVisible)
    assert view.date_strip.labels(), "the strip names the chart's dates"
    strip_bottom = view.date_strip.mapTo(window, view.date_strip.rect().bottomLeft()).y()
    assert strip_bottom <= window.height()
    bar.setValue(bar.maximum())  # the chart's own date row is in sight: the strip steps aside
    qtbot.waitUntil(lambda: not view.date_strip.isVisible())


def test_tab_never_stops_on_the_invisible_scroll_area(qtbot: QtBot, window: MainWindow) -> None:
    view = trends(qtbot, window)
    view.save_button.setFocus()
    seen = []
    for _ in range(20):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
        if QApplication.focusWidget() is view.canvas:
            break
    assert view.chart_scroll not in seen and view.chart_scroll.viewport() not in seen
    assert view.canvas in seen


def test_the_chart_as_a_table_by_keyboard_with_values_means_and_not_logged(
    qtbot: QtBot, window: MainWindow
) -> None:
    from diary.ui.trends.table_dialog import TrendsTableDialog
    from tests.helpers.window import when_dialog_opens

    view = trends(qtbot, window)
    view.range_picker.choose("last7")
    qtbot.waitUntil(lambda: view.shown_days == (TODAY - dt.timedelta(days=6), TODAY))
    read: dict[str, list[list[str]]] = {}

    def read_table(dialog: TrendsTableDialog) -> None:
        table = dialog.table
        read["headings"] = [[table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]]
        read["rows"] = [
            [table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())
        ]
        dialog.reject()

    when_dialog_opens(read_table)
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # Show as t&able…
    qtbot.waitUntil(lambda: "rows" in read)
    headings, rows = read["headings"][0], read["rows"]
    assert headings[:4] == ["Day", "Lips", "Lips, 7-day mean", "Skin"]
    assert "Dose" in headings and "Dose, 7-day mean" not in headings
    assert [row[0] for row in rows] == [
        f"{d:%a} {d.day} {d:%b %Y}" for d in (TODAY - dt.timedelta(days=n) for n in range(7))
    ]
    by_day = {row[0]: dict(zip(headings, row, strict=True)) for row in rows}
    not_logged = START + dt.timedelta(days=9)  # sample_entries leaves this day out
    assert set(by_day[f"{not_logged:%a} {not_logged.day} {not_logged:%b %Y}"].values()) >= {"not logged"}
    last = by_day[f"{TODAY:%a} {TODAY.day} {TODAY:%b %Y}"]
    assert last["Lips"] == "8" and last["Mood"] == "7" and last["Dose"] == "20 mg"
    assert last["Skin"] == "1" and last["Skin, 7-day mean"] == "1.0"
    description = view.canvas.accessibleDescription()
    assert description.startswith(f"Charts from {(TODAY - dt.timedelta(days=6)).day} ")
    assert f"Lips 8 on {TODAY.day} {TODAY:%b}" in description and "Mood 7" in description
