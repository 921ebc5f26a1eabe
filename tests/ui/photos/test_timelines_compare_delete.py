"""The Photos view (a strip a week per area), Photos ▸ Compare and deleting a photo, driven
by keys, clicks and menu actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from diary.core.course import Course, DoseChange
from diary.core.entry import Entry
from diary.core.photos import Photo
from diary.store import backups
from diary.store.diary import Diary
from diary.ui.app.main_window import MainWindow
from diary.ui.photos.compare import CompareDialog
from diary.ui.photos.view import STRIP_ICON, PhotosView
from tests.helpers import images
from tests.helpers.window import close_window, open_window, when_dialog_opens

START = dt.date(2026, 3, 2)
TODAY = dt.date(2026, 5, 20)


def _add(window: MainWindow, tmp_path: Path, day: dt.date, area: str, width: int) -> Photo:
    path = tmp_path / f"{day}-{area}.jpg"
    path.write_bytes(images.jpeg(gps=True, size=(width, 30)))
    kept = window.context.photo_files().take_in(path)
    photo = Photo(day, area, kept.sha256, kept.media_type)
    window.context.add_photo(photo)
    return photo


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    path = tmp_path / "diary.sqlite3"
    with Diary.open(path) as diary:
        diary.save_course(Course(START, planned_weeks=20, weight_kg=60, doses=(DoseChange(START, 20),)))
        diary.save_entry(Entry(dt.date(2026, 3, 3), breakouts_new=7, breakout_severity=3))
        diary.save_entry(Entry(dt.date(2026, 5, 18), breakouts_new=1))
    opened = open_window(qtbot, path, TODAY)
    yield opened
    opened.photo_actions.worker.wait()
    close_window(opened)


def _photos_view(qtbot: QtBot, window: MainWindow) -> PhotosView:
    go = next(a for a in window.go_menu.actions() if a.text() == "P&hotos")
    go.trigger()
    view = window.photos_view.content
    assert isinstance(view, PhotosView)
    return view


def test_the_timeline_shows_one_slot_a_week_across_the_course_with_the_weeks_photo(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    _add(window, tmp_path, dt.date(2026, 3, 3), "face_front", 40)
    _add(window, tmp_path, dt.date(2026, 3, 5), "face_front", 41)  # the same week: the later shows
    _add(window, tmp_path, dt.date(2026, 5, 18), "face_front", 42)
    _add(window, tmp_path, dt.date(2026, 4, 1), "back", 43)
    view = _photos_view(qtbot, window)
    strip = view.strips["face_front"]
    assert strip.count() == 12  # 2 March to 20 May: weeks 1 to 12 of the course
    assert strip.item(0).text() == "Week 1\n05 Mar"
    assert strip.item(1).text() == "Week 2"  # no photo that week, shown empty
    assert not strip.item(1).flags() & Qt.ItemFlag.ItemIsEnabled  # the arrows pass it
    assert set(view.strips) == {"face_front", "back"}
    qtbot.waitUntil(lambda: not strip.item(0).icon().isNull(), timeout=10_000)  # thumbnail arrived
    # The keyboard: Home goes to week 1, whose two photos show below.
    strip.setFocus()
    qtbot.keyClick(strip, Qt.Key.Key_Home)
    assert [view.week.item(row).text() for row in range(view.week.count())] == ["Tue 03 Mar", "Thu 05 Mar"]
    assert (
        view.caption.text()
        == "Face, front: Thu 5 Mar 2026 · course day 4 · new spots not logged · severity not logged"
    )
    qtbot.keyClick(view.week, Qt.Key.Key_Left)
    assert (
        view.caption.text() == "Face, front: Tue 3 Mar 2026 · course day 2 · new spots 7 · severity moderate"
    )


def test_delete_asks_once_and_the_image_stays_while_a_kept_backup_names_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    backed_up = _add(window, tmp_path, dt.date(2026, 5, 18), "chest", 40)
    backups.make_backup(window.context.path, backups.BY_HAND)
    alone = _add(window, tmp_path, dt.date(2026, 5, 19), "chest", 41)
    view = _photos_view(qtbot, window)
    strip = view.strips["chest"]
    strip.setFocus()
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> object:
        def handle(box: QMessageBox) -> None:
            asked.append(box.text())
            qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)

        return handle

    when_dialog_opens(answer(QMessageBox.StandardButton.No))
    qtbot.keyClick(strip, Qt.Key.Key_Delete)  # the week's latest: the 19th
    assert window.context.photos() == [backed_up, alone]  # No keeps it
    when_dialog_opens(answer(QMessageBox.StandardButton.Yes))
    with qtbot.waitSignal(window.context.changed, check_params_cb=_photos_touched):
        qtbot.keyClick(strip, Qt.Key.Key_Delete)
    assert asked[-1].startswith("Delete the photo of chest from Tue 19 May 2026?")
    assert window.context.photos() == [backed_up]
    assert (
        not window.context.photo_files().path_of(alone.sha256, alone.media_type).exists()
    )  # no one names it: gone

    view = _photos_view(qtbot, window)  # rebuilt from the change
    when_dialog_opens(answer(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert window.context.photos() == []
    assert (
        window.context.photo_files().path_of(backed_up.sha256, backed_up.media_type).exists()
    )  # the backup still names it


def test_compare_lays_two_dates_side_by_side_and_fades_one_over_the_other(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    _add(window, tmp_path, dt.date(2026, 3, 3), "face_left", 40)
    _add(window, tmp_path, dt.date(2026, 4, 1), "face_left", 41)
    _add(window, tmp_path, dt.date(2026, 5, 18), "face_left", 42)
    seen: dict[str, object] = {}

    def handle(dialog: CompareDialog) -> None:
        assert isinstance(dialog, CompareDialog)
        qtbot.waitUntil(
            lambda: dialog.left.bottom is not None and dialog.right.bottom is not None, timeout=10_000
        )
        seen["left"], seen["right"] = dialog.left_caption.text(), dialog.right_caption.text()
        qtbot.keyClick(dialog.after, Qt.Key.Key_Up)  # the later photo: 1 April instead
        seen["after"] = dialog.right_caption.text()
        dialog.overlay.setFocus()
        qtbot.keyClick(dialog.overlay, Qt.Key.Key_Space)  # One over the other
        seen["page"] = dialog.stack.currentIndex()
        dialog.fade.setFocus()
        qtbot.keyClick(dialog.fade, Qt.Key.Key_End)
        seen["fade"] = dialog.blend.fade
        qtbot.waitUntil(lambda: dialog.blend.top is not None, timeout=10_000)
        seen["blend"] = dialog.blend_caption.text()
        dialog.grab()  # paints both, faded, without error
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    when_dialog_opens(handle)
    compare = next(a for a in window.menus.photos.actions() if a.text() == "&Compare…")
    compare.trigger()
    assert seen["left"] == "Tue 3 Mar 2026 · course day 2 · new spots 7 · severity moderate"
    assert seen["right"] == "Mon 18 May 2026 · course day 78 · new spots 1 · severity not logged"
    assert str(seen["after"]).startswith("Wed 1 Apr 2026 · course day 31")
    assert seen["page"] == 1
    assert seen["fade"] == 1.0
    assert str(seen["blend"]).startswith("Earlier: Tue 3 Mar 2026")
    assert QApplication.activeModalWidget() is None


def _photos_touched(changes: object) -> bool:
    return bool(getattr(changes, "photos", False))


def test_enter_in_a_timeline_compares_that_area(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    _add(window, tmp_path, dt.date(2026, 3, 3), "face_front", 40)
    _add(window, tmp_path, dt.date(2026, 4, 1), "back", 41)
    _add(window, tmp_path, dt.date(2026, 5, 1), "back", 42)
    timelines = next(a for a in window.menus.photos.actions() if a.text() == "&Timelines")
    timelines.trigger()
    view = window.photos_view.content
    assert isinstance(view, PhotosView)
    seen: list[object] = []

    def handle(dialog: CompareDialog) -> None:
        seen.extend([dialog.area.currentData(), dialog.before.currentText(), dialog.after.currentText()])
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    when_dialog_opens(handle)
    view.strips["back"].setFocus()
    qtbot.keyClick(view.strips["back"], Qt.Key.Key_Return)
    assert seen == ["back", "Wed 1 Apr 2026", "Fri 1 May 2026"]


def test_the_chosen_photo_is_drawn_untinted(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    _add(window, tmp_path, dt.date(2026, 5, 18), "face_front", 40)
    view = _photos_view(qtbot, window)
    strip = view.strips["face_front"]
    item = strip.currentItem()
    assert item is not None and item.isSelected()
    qtbot.waitUntil(lambda: not item.icon().isNull())  # the thumbnail arrives from the worker
    side = QSize(STRIP_ICON, STRIP_ICON)
    normal = item.icon().pixmap(side, QIcon.Mode.Normal).toImage()
    chosen = item.icon().pixmap(side, QIcon.Mode.Selected).toImage()
    assert chosen == normal
    # Tap the strip with the mouse too: still the same picture.
    qtbot.mouseClick(strip.viewport(), Qt.MouseButton.LeftButton, pos=strip.visualItemRect(item).center())
    assert item.icon().pixmap(side, QIcon.Mode.Selected).toImage() == normal
