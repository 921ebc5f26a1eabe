"""`isodiary photos add` while the window holds the diary: the window saves the records, and
its Photos view shows them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from diary.desktop.instance import SingleInstance
from diary.store.diary import Diary
from diary.ui.app.application import serve_request
from diary.ui.app.main_window import MainWindow
from diary.ui.photos.view import PhotosView
from tests.helpers import images
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
