"""Saving files: the folder used last is offered, else Documents, never the program's own
folder; and each save says where the file went, with a way to open that folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from diary.core.entry import Entry
from diary.store.diary import Diary
from diary.ui.app.context import DiaryContext
from diary.ui.files import save_place
from diary.ui.files.transfer_dialogs import export_with_dialogs
from tests.helpers.diaries import REPOSITORY
from tests.helpers.window import when_dialog_opens

TODAY = dt.date(2026, 4, 15)


@pytest.fixture
def offered(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """The file dialog (the desktop's own) is answered with a file in tmp_path/chosen, and
    what it was offered is kept."""
    asked: list[str] = []
    (tmp_path / "chosen").mkdir()

    def choose(_parent: QWidget, _title: str, suggested: str, _filters: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(tmp_path / "chosen" / Path(suggested).name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    return asked


@pytest.mark.usefixtures("qapp")
def test_the_first_export_offers_documents_not_the_programs_folder(
    diary: Diary, offered: list[str], private_folders: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPOSITORY)  # started with `make run`, from the program's folder
    (private_folders / "Documents").mkdir()
    diary.save_entry(Entry(TODAY, mood=6))
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()))
    )
    told: list[str] = []

    def open_the_folder(box: QMessageBox) -> None:
        told.append(f"{box.text()} {box.informativeText()}")
        (button,) = [b for b in box.findChildren(QPushButton) if b.text() == "&Open the folder"]
        button.click()

    when_dialog_opens(open_the_folder)
    export_with_dialogs(DiaryContext(diary, today=lambda: TODAY), None)  # type: ignore[arg-type]
    assert Path(offered[0]).parent == private_folders / "Documents"
    assert told == [f"Wrote 1 day to isodiary-export.json. In the folder {tmp_path / 'chosen'}"]
    assert opened == [str(tmp_path / "chosen")]
    # The next save offers the folder used last.
    assert save_place.save_folder() == tmp_path / "chosen"


def test_a_remembered_folder_inside_the_program_is_never_offered(private_folders: Path) -> None:
    save_place.remember(REPOSITORY / "diary" / "chart.png")
    assert save_place.save_folder() in (private_folders / "Documents", Path.home())
    assert not str(save_place.save_folder()).startswith(str(REPOSITORY))


def test_open_the_folder_opens_the_files_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    assert save_place.open_folder(tmp_path / "summary.pdf")
    assert [url.toLocalFile() for url in opened] == [str(tmp_path)]
