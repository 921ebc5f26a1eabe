"""Adding photos in the window: Photos ▸ Add (a file dialog, then the Add dialog by
keyboard), the day view's button, and files dragged onto the window. The image is taken in
on a worker thread; the test waits on its signals."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from diary.core.photos import Photo
from diary.ui.app.main_window import MainWindow
from diary.ui.photos.add_dialog import AddPhotosDialog
from tests.helpers import images
from tests.helpers.window import close_window, open_window, when_dialog_opens

TODAY = dt.date(2026, 5, 20)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    opened = open_window(qtbot, tmp_path / "diary.sqlite3", TODAY)
    yield opened
    opened.photo_actions.worker.wait()
    close_window(opened)


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _fill_and_add(qtbot: QtBot, area_presses: int, seen: dict[str, object]) -> object:
    """A handler for the Add dialog: wait for the images, choose the area by the arrow
    keys, note what the dialog showed, then Add by the keyboard."""

    def handle(dialog: QDialog) -> None:
        assert isinstance(dialog, AddPhotosDialog)
        qtbot.waitUntil(lambda: dialog.add_button.isEnabled() or bool(dialog.refusals), timeout=10_000)
        seen["date"] = dialog.date.edit.text()
        seen["rows"] = [dialog.files.item(row).text() for row in range(dialog.files.count())]
        seen["status"] = dialog.status.text()
        seen["focus"] = QApplication.focusWidget()
        for _ in range(area_presses):
            qtbot.keyClick(dialog.area, Qt.Key.Key_Down)
        seen["guide"] = dialog.guide_caption.text()
        if dialog.add_button.isEnabled():
            qtbot.keyClick(dialog.area, Qt.Key.Key_Return)  # the default button: Add
        else:
            qtbot.keyClick(dialog.area, Qt.Key.Key_Escape)

    return handle


def test_photos_add_offers_the_exif_date_keeps_the_area_chosen_and_removes_the_location(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = _file(tmp_path, "IMG_0001.jpg", images.jpeg(gps=True))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(photo)], ""))
    seen: dict[str, object] = {}
    when_dialog_opens(_fill_and_add(qtbot, 3, seen))
    add = next(a for a in window.menus.photos.actions() if a.text() == "&Add photos…")
    with qtbot.waitSignal(window.context.changed, timeout=10_000, check_params_cb=_photos_touched):
        add.trigger()

    assert seen["date"] == "2026-05-03"  # the photo's own date, not the day on screen
    [stored] = window.context.photos()
    assert (stored.date, stored.area) == (dt.date(2026, 5, 3), "chest")
    kept = window.context.photo_files().path_of(stored.sha256, stored.media_type).read_bytes()
    with Image.open(io.BytesIO(kept)) as image:
        assert not image.getexif().get_ifd(0x8825)  # no GPS read back
    assert "taken Sun 3 May 2026" in str(seen["rows"])


def test_a_typed_date_is_the_one_saved_and_the_last_photo_of_the_area_is_the_guide(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    earlier = images.jpeg(gps=False, taken="2026:04:01 09:00:00", size=(30, 40))
    window.context.add_photo(_kept(window, _file(tmp_path, "earlier.jpg", earlier), dt.date(2026, 4, 1)))
    dialog = AddPhotosDialog(
        window.context,
        window.photo_actions.worker,
        [_file(tmp_path, "new.png", images.png(gps=True))],
        TODAY,
        area="face_front",
        parent=window,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.add_button.isEnabled, timeout=10_000)
    assert dialog.guide_caption.text() == "Face, front, Wed 1 Apr 2026"
    qtbot.waitUntil(lambda: not dialog.guide.pixmap().isNull(), timeout=10_000)  # its thumbnail
    dialog.date.edit.selectAll()
    qtbot.keyClicks(dialog.date.edit, "2026-05-19")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert [(p.date, p.area) for p in window.context.photos()] == [
        (dt.date(2026, 4, 1), "face_front"),
        (dt.date(2026, 5, 19), "face_front"),
    ]


def test_a_file_that_is_not_an_image_is_refused_beside_it_and_nothing_is_added(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    bad = _file(tmp_path, "holiday.jpg", b"not a picture at all")
    dialog = AddPhotosDialog(window.context, window.photo_actions.worker, [bad], TODAY, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.refusals), timeout=10_000)
    assert dialog.files.item(0).text() == "holiday.jpg: not added, it is not a JPEG, PNG or HEIC image"
    assert not dialog.add_button.isEnabled()
    dialog.reject()
    assert window.context.photos() == []


def test_the_day_views_button_adds_for_the_day_shown_when_the_photo_has_no_date(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = _file(tmp_path, "scan.png", images.png(gps=False, taken=None))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(photo)], ""))
    seen: dict[str, object] = {}
    when_dialog_opens(_fill_and_add(qtbot, 0, seen))
    with qtbot.waitSignal(window.context.changed, timeout=10_000, check_params_cb=_photos_touched):
        qtbot.mouseClick(window.day_view.photos_button, Qt.MouseButton.LeftButton)
    assert seen["date"] == TODAY.isoformat()
    assert "no date in the photo" in str(seen["rows"])
    assert [(p.date, p.area) for p in window.context.photos()] == [(TODAY, "face_front")]


def test_image_files_dropped_on_the_window_open_the_add_dialog_with_them(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    first = _file(tmp_path, "a.jpg", images.jpeg(gps=True, taken="2026:05:10 08:00:00"))
    second = _file(tmp_path, "b.jpg", images.jpeg(gps=True, taken="2026:05:12 08:00:00", size=(50, 20)))
    notes = _file(tmp_path, "notes.txt", b"words")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path)) for path in (first, second, notes)])
    where = QPoint(window.width() // 2, window.height() // 2)
    enter = QDragEnterEvent(
        where, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    seen: dict[str, object] = {}
    when_dialog_opens(_fill_and_add(qtbot, 4, seen))
    drop = QDropEvent(
        QPointF(where),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.context.changed, timeout=10_000, check_params_cb=_photos_touched):
        QApplication.sendEvent(window, drop)
    assert len(seen["rows"]) == 2  # type: ignore[arg-type]  # the text file is not offered
    assert "different days" in str(seen["status"])
    assert seen["date"] == "2026-05-10"  # the first photo's date, offered for both
    assert sorted((p.date, p.area) for p in window.context.photos()) == [
        (dt.date(2026, 5, 10), "back"),
        (dt.date(2026, 5, 10), "back"),
    ]


def test_dragging_something_other_than_images_is_not_accepted(window: MainWindow) -> None:
    data = QMimeData()
    data.setText("some words")
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def _kept(window: MainWindow, path: Path, day: dt.date, area: str = "face_front") -> Photo:
    kept = window.context.photo_files().take_in(path)
    return Photo(day, area, kept.sha256, kept.media_type)


def test_taking_in_runs_off_the_windows_thread(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    import threading

    threads: list[threading.Thread] = []
    files = window.photo_actions.worker.files
    take_in = files.take_in

    def watched(path: Path) -> object:
        threads.append(threading.current_thread())
        return take_in(path)

    files.take_in = watched  # type: ignore[method-assign,assignment]
    photo = _file(tmp_path, "big.jpg", images.jpeg(gps=True, size=(2000, 1500)))
    with qtbot.waitSignal(window.photo_actions.worker.taken_in, timeout=10_000):
        window.photo_actions.worker.take_in(photo)
    assert threads and threads[0] is not threading.main_thread()


def test_a_full_disk_while_adding_is_said_on_the_row_and_leaves_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from diary.store import photo_files

    def no_space(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(photo_files, "write_private", no_space)
    photo = _file(tmp_path, "a.jpg", images.jpeg(gps=True))
    dialog = AddPhotosDialog(window.context, window.photo_actions.worker, [photo], TODAY, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.refusals), timeout=10_000)
    assert "could not keep the photo" in dialog.files.item(0).text()
    assert "Nothing was added" in dialog.files.item(0).text()
    assert not dialog.add_button.isEnabled()
    assert not (tmp_path / "photos").exists() or not any((tmp_path / "photos").glob("*.jpg"))


def _photos_touched(changes: object) -> bool:
    return bool(getattr(changes, "photos", False))
