"""The summary dialog's photo page: off unless ticked, written off the window's thread."""

import datetime as dt
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from diary.core.course import Course, DoseChange
from diary.core.photos import Photo
from diary.store.diary import Diary
from diary.store.photo_files import PhotoFiles
from diary.store.photo_intake import take_in
from diary.ui.app.context import DiaryContext, DiaryFiles
from diary.ui.files.report_dialog import ReportDialog
from tests.helpers.images import jpeg
from tests.helpers.window import when_dialog_opens

TODAY = dt.date(2026, 4, 30)


def with_a_photo(diary: Diary) -> None:
    diary.save_course(Course(dt.date(2026, 3, 2), weight_kg=60, doses=(DoseChange(dt.date(2026, 3, 2), 20),)))
    kept = take_in(jpeg(size=(300, 400)))
    PhotoFiles(diary.path).keep(kept)
    diary.save_photo(Photo(dt.date(2026, 4, 20), "chest", kept.sha256, kept.media_type))


def save(qtbot: QtBot, dialog: ReportDialog, path: Path) -> None:
    when_dialog_opens(lambda box: box.accept())  # "Summary saved"
    assert dialog.save_pdf(path) == path


def test_photos_are_off_by_default_and_ticked_they_are_in(
    qtbot: QtBot, diary: Diary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_a_photo(diary)
    threads: list[str] = []
    original = DiaryFiles.write_report

    def spied(self: DiaryFiles, *args: object, **kwargs: object) -> int:
        threads.append("main" if threading.current_thread() is threading.main_thread() else "worker")
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(DiaryFiles, "write_report", spied)
    dialog = ReportDialog(DiaryContext(diary, today=lambda: TODAY))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.with_photos.isEnabled() and not dialog.with_photos.isChecked()
    save(qtbot, dialog, tmp_path / "plain.pdf")
    assert sum(len(page.images) for page in PdfReader(tmp_path / "plain.pdf").pages) == 0

    dialog = ReportDialog(DiaryContext(diary, today=lambda: TODAY))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.with_photos, Qt.MouseButton.LeftButton)
    assert dialog.with_photos.isChecked()
    save(qtbot, dialog, tmp_path / "photos.pdf")
    reader = PdfReader(tmp_path / "photos.pdf")
    assert "holds photos of the patient's skin" in " ".join(reader.pages[0].extract_text().split())
    assert len(reader.pages[-1].images) == 1
    assert threads == ["worker", "worker"]  # never the window's thread


def test_while_it_is_written_the_dialog_says_so_and_takes_no_keys(
    qtbot: QtBot, diary: Diary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_a_photo(diary)
    dialog = ReportDialog(DiaryContext(diary, today=lambda: TODAY))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    seen: list[tuple[str, bool]] = []
    written, looked = threading.Event(), threading.Event()
    original = DiaryFiles.write_report

    def spied(self: DiaryFiles, *args: object, **kwargs: object) -> int:
        pages = original(self, *args, **kwargs)  # type: ignore[arg-type]
        written.set()
        looked.wait(30)  # still "writing" until the window's thread has looked
        return pages

    def look() -> None:  # on the window's thread, which keeps answering meanwhile
        if written.is_set() and not looked.is_set():
            seen.append((dialog.problem.text(), dialog.isEnabled()))
            dialog.reject()  # Escape or closing meanwhile: ignored
            looked.set()

    monkeypatch.setattr(DiaryFiles, "write_report", spied)
    watch = QTimer()
    watch.timeout.connect(look)
    watch.start(5)
    when_dialog_opens(lambda box: box.accept())
    assert dialog.save_pdf(tmp_path / "s.pdf") == tmp_path / "s.pdf"
    watch.stop()
    assert seen == [("Making the summary…", False)]
    assert (tmp_path / "s.pdf").is_file() and not dialog.isVisible()


def test_a_diary_without_photos_offers_none(qtbot: QtBot, diary: Diary) -> None:
    dialog = ReportDialog(DiaryContext(diary, today=lambda: TODAY))
    qtbot.addWidget(dialog)
    assert not dialog.with_photos.isEnabled()
    assert dialog.with_photos.text() == "&Add a page of photos (the diary holds none yet)"


def test_alt_a_ticks_the_photos_without_clashing_with_paper(qtbot: QtBot, diary: Diary) -> None:
    with_a_photo(diary)
    dialog = ReportDialog(DiaryContext(diary, today=lambda: TODAY))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.with_photos.isChecked)  # a mnemonic clicks after a short animation
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert dialog.paper.hasFocus()  # Alt+P is Paper's alone


def test_a_summary_that_cannot_be_written_is_said_and_nothing_is_left(
    qtbot: QtBot, diary: Diary, tmp_path: Path
) -> None:
    with_a_photo(diary)
    dialog = ReportDialog(DiaryContext(diary, today=lambda: TODAY))
    qtbot.addWidget(dialog)
    dialog.show()
    told: list[str] = []
    when_dialog_opens(lambda box: (told.append(box.text()), box.accept()))
    assert dialog.save_pdf(tmp_path / "no-such-folder" / "s.pdf") is None
    assert told and told[0].startswith("The summary could not be written:")
    assert dialog.isVisible() and dialog.save_button.isEnabled() and dialog.problem.text() == ""
    assert not (tmp_path / "no-such-folder").exists()
