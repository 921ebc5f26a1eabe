"""`isodiary photos add` and `isodiary import` of photos while the window holds the diary:
the window saves the records (a bundle's images kept first), and its Photos view shows them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from diary.desktop.instance import SingleInstance
from diary.store.diary import Diary
from diary.store.photo_files import PhotoFiles
from diary.ui.app.application import serve_request
from diary.ui.app.main_window import MainWindow
from diary.ui.photos.view import PhotosView
from tests.helpers import images
from tests.helpers.bundles import exported
from tests.helpers.window import close_window, open_window
from tests.ui.app.test_trust_window import command, finish

TODAY = dt.date(2026, 5, 20)


@pytest.fixture
def held(qtbot: QtBot, diary_path: Path) -> Iterator[MainWindow]:
    with Diary.open(diary_path) as diary:
        diary.set_setting("first_run_done", True)
    instance = SingleInstance(diary_path)
    assert instance.start()
    window = open_window(qtbot, diary_path, TODAY)
    instance.serve(lambda request: serve_request(window, window.context, request))
    try:
        yield window
    finally:
        instance.stop()
        window.photo_actions.worker.wait()
        close_window(window)


def test_photos_added_from_the_command_line_show_in_the_open_window(
    qtbot: QtBot, held: MainWindow, diary_path: Path, tmp_path: Path
) -> None:
    photo = tmp_path / "a.jpg"
    photo.write_bytes(images.jpeg(gps=True, taken="2026:05:18 08:00:00"))
    view = held.photos_view.content
    assert isinstance(view, PhotosView) and not view.strips
    code, out, error = finish(
        qtbot, command("--db", str(diary_path), "photos", "add", str(photo), "--area", "back")
    )
    assert code == 0, error
    assert out.startswith("Added back, 2026-05-18 (") and "open window shows them" in out
    assert [(p.date, p.area) for p in held.context.photos()] == [(dt.date(2026, 5, 18), "back")]
    assert set(view.strips) == {"back"}  # the view heard of the change


def test_a_hand_over_the_window_cannot_read_is_refused(held: MainWindow) -> None:
    answer = serve_request(
        held, held.context, {"do": "add_photos", "photos": [{"date": "soon", "area": "back"}]}
    )
    assert answer["ok"] is False and answer["code"] == 2
    assert "date" in str(answer["message"])
    assert held.context.photos() == []


def test_a_bundle_imported_from_the_command_line_brings_its_photos_into_the_open_window(
    qtbot: QtBot, held: MainWindow, diary_path: Path, tmp_path: Path
) -> None:
    bundle, photos = exported(tmp_path, "moved.isodiary")
    view = held.photos_view.content
    assert isinstance(view, PhotosView) and not view.strips
    code, out, error = finish(qtbot, command("--db", str(diary_path), "import", str(bundle)))
    assert code == 0, error
    assert "2 new photos" in out and "The open window shows it." in out
    assert held.context.photos() == sorted(photos, key=lambda photo: photo.identity)
    assert set(view.strips) == {"back", "chest"}  # the view reloaded
    assert PhotoFiles(diary_path).held() == {photo.sha256: photo.media_type for photo in photos}


def test_a_json_naming_images_the_diary_lacks_handed_over_is_refused_unless_without_photos(
    qtbot: QtBot, held: MainWindow, diary_path: Path, tmp_path: Path
) -> None:
    source, _photos = exported(tmp_path, "moved.json")
    code, _out, error = finish(qtbot, command("--db", str(diary_path), "import", str(source)))
    assert code == 2 and f"{source}: photos[0]: the photo of back" in error
    assert "add --without-photos" in error and error.count("Nothing was imported.") == 1
    assert held.context.photos() == [] and held.context.entries() == []
    code, out, error = finish(
        qtbot, command("--db", str(diary_path), "import", "--without-photos", str(source))
    )
    assert code == 0, error
    assert "1 new day" in out and "2 photos left out: this diary does not hold their images." in out
    assert held.context.photos() == [] and len(held.context.entries()) == 1
