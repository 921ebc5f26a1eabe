"""File ▸ Export and File ▸ Import with photos, as a person uses them: a diary with photos is
offered a bundle first, the bundle carries them into another diary's window, and a JSON
naming images the diary lacks asks before leaving those photos out."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from diary.store.diary import Diary
from diary.store.photo_files import PhotoFiles
from diary.ui.app.main_window import MainWindow
from diary.ui.files.transfer_dialogs import BUNDLE_FILTER, JSON_FILTER
from diary.ui.photos.view import PhotosView
from tests.helpers.bundles import diary_with_photos, exported
from tests.helpers.window import close_window, open_window, when_dialog_opens

TODAY = dt.date(2026, 5, 20)


def action(window: MainWindow, text: str) -> QAction:
    (found,) = [a for a in window.findChildren(QAction) if a.text() == text]
    return found


def answered_in_turn(*answers: Callable[[QMessageBox], None]) -> list[str]:
    """Answer the message boxes that open one after another; returns what each said."""
    said: list[str] = []

    def handle(box: QMessageBox, rest: tuple[Callable[[QMessageBox], None], ...]) -> None:
        said.append(f"{box.windowTitle()}: {box.text()}")
        if rest[1:]:
            when_dialog_opens(lambda next_box: handle(next_box, rest[1:]))
        rest[0](box)

    when_dialog_opens(lambda box: handle(box, answers))
    return said


def ok(box: QMessageBox) -> None:
    box.accept()


def yes(box: QMessageBox) -> None:
    button = box.button(QMessageBox.StandardButton.Yes)
    assert button is not None
    button.click()


def opened(qtbot: QtBot, path: Path) -> MainWindow:
    with Diary.open(path) as diary:
        diary.set_setting("first_run_done", True)
    return open_window(qtbot, path, TODAY)


def test_export_offers_a_bundle_first_when_the_diary_holds_photos_and_writes_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, photos = diary_with_photos(tmp_path / "mine")
    window = opened(qtbot, path)
    offered: list[tuple[str, str]] = []

    def choose(_parent: QWidget, _title: str, suggested: str, filters: str) -> tuple[str, str]:
        offered.append((Path(suggested).name, filters))
        return str(tmp_path / "moving"), filters.split(";;", maxsplit=1)[0]  # no ending typed: the filter's

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    said = answered_in_turn(ok)
    try:
        action(window, "&Export…").trigger()
        qtbot.waitUntil(lambda: len(said) == 1)
    finally:
        close_window(window)
    assert offered[0][0] == "isodiary-export.isodiary" and offered[0][1].startswith(BUNDLE_FILTER)
    assert said == ["Exported: Wrote 1 day and 2 photos to moving.isodiary."]
    with zipfile.ZipFile(tmp_path / "moving.isodiary") as bundle:
        assert sorted(bundle.namelist()) == sorted(
            ["diary.json", *(f"photos/{photo.file_name}" for photo in photos)]
        )


def test_a_json_export_says_the_images_are_not_in_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _photos = diary_with_photos(tmp_path / "mine")
    window = opened(qtbot, path)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a: (str(tmp_path / "plain"), JSON_FILTER))
    )
    said = answered_in_turn(ok)
    try:
        action(window, "&Export…").trigger()
        qtbot.waitUntil(lambda: len(said) == 1)
    finally:
        close_window(window)
    assert said[0].startswith("Exported: Wrote 1 day to plain.json.")
    assert "the 2 photos' images are not in it" in said[0] and "choose a bundle (.isodiary)" in said[0]


def test_import_of_a_bundle_brings_its_photos_into_the_window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle, photos = exported(tmp_path, "moved.isodiary")
    path = tmp_path / "new" / "diary.sqlite3"
    path.parent.mkdir()
    window = opened(qtbot, path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a: (str(bundle), "")))
    said = answered_in_turn(ok)
    try:
        action(window, "&Import…").trigger()
        qtbot.waitUntil(lambda: len(said) == 1)
        view = window.photos_view.content
        assert isinstance(view, PhotosView) and set(view.strips) == {"back", "chest"}
        assert window.context.photos() == sorted(photos, key=lambda photo: photo.identity)
    finally:
        close_window(window)
    assert said == ["Imported: Imported 1 new day, 2 new photos."]
    assert PhotoFiles(path).held() == {photo.sha256: photo.media_type for photo in photos}


def test_import_of_a_json_without_the_images_asks_before_leaving_those_photos_out(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, _photos = exported(tmp_path, "moved.json")
    path = tmp_path / "new" / "diary.sqlite3"
    path.parent.mkdir()
    window = opened(qtbot, path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a: (str(source), "")))
    said = answered_in_turn(yes, ok)
    try:
        action(window, "&Import…").trigger()
        qtbot.waitUntil(lambda: len(said) == 2)
        assert window.context.photos() == [] and len(window.context.entries()) == 1
    finally:
        close_window(window)
    assert said[0].startswith(f"Photos without their images: {source}: photos[0]: the photo of back")
    assert said[0].endswith("Import the rest of the file and leave out these 2 photos?")
    assert said[1] == (
        "Imported: Imported 1 new day. 2 photos left out: this diary does not hold their images."
    )


def test_answering_no_imports_nothing(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, _photos = exported(tmp_path, "moved.json")
    path = tmp_path / "new" / "diary.sqlite3"
    path.parent.mkdir()
    window = opened(qtbot, path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a: (str(source), "")))

    def no(box: QMessageBox) -> None:
        button = box.button(QMessageBox.StandardButton.No)
        assert button is not None
        button.click()

    said = answered_in_turn(no)
    try:
        action(window, "&Import…").trigger()
        qtbot.waitUntil(lambda: len(said) == 1)
        assert window.context.entries() == [] and window.context.photos() == []
    finally:
        close_window(window)


def test_a_bundle_is_checked_and_copied_off_the_windows_thread_while_the_window_waits(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from PySide6.QtCore import QThread, QTimer
    from PySide6.QtWidgets import QApplication

    from diary.store import importing
    from diary.ui.app.application import serve_request

    bundle, _photos = exported(tmp_path, "moved.isodiary")
    path = tmp_path / "new" / "diary.sqlite3"
    path.parent.mkdir()
    window = opened(qtbot, path)
    seen: list[tuple[str, bool, bool, str]] = []
    real_read, real_keep = importing.read_file, importing.keep_images_first

    def watched(name: str, work: Callable[..., object]) -> Callable[..., object]:
        def run(*args: object) -> object:
            app = QApplication.instance()
            assert app is not None
            apart = QThread.currentThread() is not app.thread()
            seen.append((name, apart, window.isEnabled(), window.statusBar().currentMessage()))
            return work(*args)

        return run

    monkeypatch.setattr(importing, "read_file", watched("read", real_read))
    monkeypatch.setattr(importing, "keep_images_first", watched("keep", real_keep))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a: (str(bundle), "")))
    refused: list[dict[str, object]] = []
    said = answered_in_turn(ok)
    original_apart = window.context.files.read_file_apart

    def busy_check(file: Path) -> object:
        # While the worker checks the file, the window's own thread goes on turning its event
        # loop: a command handing work over meanwhile is answered there, and told to wait.
        served = threading.Event()

        def hand_over() -> None:
            refused.append(serve_request(window, window.context, {"do": "import", "file": str(file)}))
            served.set()

        QTimer.singleShot(0, window, hand_over)
        assert served.wait(30), "the window's thread did not answer while the file was checked"
        return original_apart(file)

    monkeypatch.setattr(window.context.files, "read_file_apart", busy_check)
    try:
        action(window, "&Import…").trigger()
        qtbot.waitUntil(lambda: len(said) == 1)
        assert window.isEnabled() and window.statusBar().currentMessage() == ""
    finally:
        close_window(window)
    assert seen == [
        ("read", True, False, "Checking moved.isodiary…"),
        ("keep", True, False, "Copying the photos of moved.isodiary…"),
    ]
    assert refused and refused[0]["ok"] is False and "busy importing" in str(refused[0]["message"])
    assert said == ["Imported: Imported 1 new day, 2 new photos."]


def folder_state(path: Path) -> dict[str, bytes]:
    """Every file in the diary's folder (the diary, its photos, anything left behind), by name."""
    return {
        str(file.relative_to(path.parent)): file.read_bytes()
        for file in sorted(path.parent.rglob("*"))
        if file.is_file() and not file.name.startswith("diary.sqlite3-")  # SQLite's own -wal, -shm
    }


def test_a_hostile_bundle_is_refused_naming_its_member_and_leaves_the_diarys_folder_as_it_was(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle, photos = exported(tmp_path, "moved.isodiary")
    with zipfile.ZipFile(bundle) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    hostile = tmp_path / "hostile.isodiary"
    with zipfile.ZipFile(hostile, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        archive.writestr("photos/../../escaped.jpg", members[f"photos/{photos[0].file_name}"])
    path = tmp_path / "new" / "diary.sqlite3"
    path.parent.mkdir()
    window = opened(qtbot, path)
    before = folder_state(path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a: (str(hostile), "")))
    said = answered_in_turn(ok)
    try:
        action(window, "&Import…").trigger()
        qtbot.waitUntil(lambda: len(said) == 1)
        assert window.context.photos() == [] and window.context.entries() == []
    finally:
        close_window(window)
    member = "member 'photos/../../escaped.jpg': points outside the bundle"
    assert said[0].startswith(f"Nothing was imported: {hostile}: {member}")
    assert folder_state(path) == before and not (tmp_path / "escaped.jpg").exists()


def test_a_bundle_whose_days_are_not_replaced_takes_back_only_the_images_it_brought(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The images are copied in before the records (off the window's thread); answering No to
    # replacing a day imports nothing, so the images this import brought go again, and an
    # image the diary already held stays.
    from diary.core.entry import Entry
    from diary.store.photo_intake import take_in
    from tests.helpers import images
    from tests.helpers.bundles import DAY

    bundle, photos = exported(tmp_path, "moved.isodiary")
    path = tmp_path / "new" / "diary.sqlite3"
    path.parent.mkdir()
    with Diary.open(path) as diary:
        diary.save_entry(Entry(DAY, mood=2, note="Another evening"))  # the bundle's day, otherwise
        diary.save_photo(photos[0])
    PhotoFiles(path).keep(take_in(images.jpeg(gps=True)))  # photos[0]'s image, held already
    window = opened(qtbot, path)
    before = folder_state(path)

    def no(box: QMessageBox) -> None:
        button = box.button(QMessageBox.StandardButton.No)
        assert button is not None
        button.click()

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a: (str(bundle), "")))
    said = answered_in_turn(no)
    try:
        action(window, "&Import…").trigger()
        qtbot.waitUntil(lambda: len(said) == 1)
        assert window.context.photos() == [photos[0]]
    finally:
        close_window(window)
    assert said[0].startswith("Replace days?")
    assert folder_state(path) == before
    assert PhotoFiles(path).held() == {photos[0].sha256: photos[0].media_type}
