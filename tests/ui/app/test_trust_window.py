"""What a person notices at the window when the diary is touched from elsewhere, the day
changes, or something breaks (issue 11)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from diary.core.entry import Entry
from diary.core.interchange import DiaryDocument, document_to_json
from diary.desktop.instance import SingleInstance, lock_path
from diary.store import backups
from diary.store.diary import Diary
from diary.ui.app.application import serve_request
from diary.ui.app.context import DiaryContext
from diary.ui.app.main_window import MainWindow
from diary.ui.models.daily_backup import DailyBackup
from tests.helpers.diaries import REPOSITORY
from tests.helpers.window import close_window, open_window, when_dialog_opens

TODAY = dt.date(2026, 4, 15)


def command(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "diary", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPOSITORY,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def finish(qtbot: QtBot, process: subprocess.Popen[str]) -> tuple[int, str, str]:
    """Let the window's event loop run (it answers the command) until the command is done."""
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=60000)
    out, error = process.communicate()
    return process.returncode, out, error


@pytest.fixture
def held(qtbot: QtBot, diary_path: Path) -> Iterator[MainWindow]:
    """A window holding the diary as `isodiary` runs it: the lock, the socket, the hand-over."""
    with Diary.open(diary_path) as diary:
        diary.save_entry(Entry(TODAY, dose_mg=40))
        diary.set_setting("first_run_done", True)
    instance = SingleInstance(diary_path)
    assert instance.start()
    window = open_window(qtbot, diary_path, TODAY)
    instance.serve(lambda request: serve_request(window, window.context, request))
    try:
        yield window
    finally:
        instance.stop()
        close_window(window)


# 1. One writer, really ----------------------------------------------------------------------------


def test_an_import_while_the_window_is_open_is_applied_by_the_window_and_the_form_shows_it(
    qtbot: QtBot, held: MainWindow, diary_path: Path, tmp_path: Path
) -> None:
    imported = Entry(TODAY, dose_mg=40, mood=2, warning_signs=("sad",), note="A hard day")
    file = tmp_path / "day.json"
    file.write_text(
        document_to_json(DiaryDocument(entries=(imported,)), dt.datetime(2026, 4, 15, tzinfo=dt.UTC))
    )
    assert held.day_view.form.entry().mood is None  # the form holds the old day

    code, out, error = finish(qtbot, command("--db", str(diary_path), "import", str(file), "--replace"))

    assert code == 0, error
    assert "1 day replaced" in out and "open window" in out
    assert held.day_view.form.entry() == imported  # the window reloaded it
    # Its next save keeps what was imported: nothing bare is written over it.
    qtbot.keyClicks(held.day_view.form.note, ".")
    assert held.day_view.save_now()
    stored = held.context.entry(TODAY)
    assert stored is not None and stored.mood == 2 and stored.warning_signs == ("sad",)
    assert stored.note is not None and "A hard day" in stored.note and "." in stored.note


def test_an_import_the_window_refuses_says_why_as_the_command_would(
    qtbot: QtBot, held: MainWindow, diary_path: Path, tmp_path: Path
) -> None:
    """Both refusals reach the command: a clash without --replace, and a file that is not one."""
    clash = tmp_path / "clash.json"
    clash.write_text(
        document_to_json(
            DiaryDocument(entries=(Entry(TODAY, dose_mg=20),)), dt.datetime(2026, 4, 15, tzinfo=dt.UTC)
        )
    )
    code, _out, error = finish(qtbot, command("--db", str(diary_path), "import", str(clash)))
    assert code == 2
    assert error.rstrip().endswith("To replace those records with the file's, add --replace."), error
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    code, _out, error = finish(qtbot, command("--db", str(diary_path), "import", str(broken)))
    assert code == 2 and error.count("Nothing was imported.") == 1, error
    assert held.context.entry(TODAY) == Entry(TODAY, dose_mg=40), "the diary is as it was"


def test_a_restore_while_the_window_is_open_is_applied_by_the_window(
    qtbot: QtBot, held: MainWindow, diary_path: Path
) -> None:
    backup = backups.make_backup(diary_path, backups.BY_HAND).path
    held.context.save_entry(Entry(TODAY, dose_mg=40, mood=8, note="after the backup"))

    code, out, error = finish(qtbot, command("--db", str(diary_path), "restore", str(backup)))

    assert code == 0, error
    assert "Restored" in out and "kept in" in out
    assert held.day_view.form.entry().mood is None and held.context.entry(TODAY) == Entry(TODAY, dose_mg=40)


def test_a_form_never_saves_over_a_day_that_changed_behind_it(
    qtbot: QtBot, held: MainWindow, diary_path: Path
) -> None:
    with Diary.open(diary_path) as elsewhere:  # an older IsoDiary, or another tool
        elsewhere.save_entry(Entry(TODAY, mood=3, note="written behind the window"))
    qtbot.keyClicks(held.day_view.form.note, "typed in the window")

    with qtbot.waitSignal(held.day_view.save_state) as said:
        assert not held.day_view.save_now()

    assert "changed elsewhere" in said.args[0] and said.args[1] is False
    assert held.context.entry(TODAY) == Entry(TODAY, mood=3, note="written behind the window")
    qtbot.waitUntil(lambda: held.day_view.form.entry().note == "written behind the window")


# 7. A symlinked path ---------------------------------------------------------------------------------


def test_the_same_diary_through_a_symlink_meets_the_same_lock_and_brings_the_first_window_forward(
    qtbot: QtBot, held: MainWindow, diary_path: Path, tmp_path: Path
) -> None:
    link = tmp_path / "elsewhere" / "my-diary.sqlite3"
    link.parent.mkdir()
    link.symlink_to(diary_path)
    assert lock_path(link) == lock_path(diary_path)
    assert not SingleInstance(link).start()

    code, _out, error = finish(qtbot, command("--db", str(link)))

    assert code == 0, error
    assert "already open on this diary" in error
    assert not Path(f"{link}.lock").exists()


# 6. The daily backup while the window stays open -----------------------------------------------------


def test_the_daily_backup_is_made_when_the_day_changes_while_the_window_stays_open(
    qtbot: QtBot, diary_path: Path
) -> None:
    with Diary.open(diary_path) as diary:
        diary.save_entry(Entry(TODAY, mood=6))
    clock = [dt.datetime(2026, 4, 15, 23, 58)]
    daily = DailyBackup(diary_path, now=lambda: clock[0])
    with qtbot.waitSignal(daily.finished, timeout=20000):
        daily.start()
    daily.wait()
    with Diary.open(diary_path) as diary:
        diary.save_entry(Entry(TODAY, mood=7))
    daily.watch(interval_ms=20)

    clock[0] = dt.datetime(2026, 4, 16, 0, 1)  # midnight passes, the window still open
    with qtbot.waitSignal(daily.finished, timeout=20000) as made:
        pass
    daily.wait()

    assert made.args[0] is not None and made.args[0].taken_at.date() == dt.date(2026, 4, 16)
    assert [b.taken_at.date() for b in backups.list_backups(diary_path)] == [
        dt.date(2026, 4, 16),
        dt.date(2026, 4, 15),
    ]


# 10. The Save PDF button --------------------------------------------------------------------------


def test_the_save_pdf_button_writes_the_summary_where_the_person_chose(
    qtbot: QtBot, diary: Diary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diary.ui.files.report_dialog import ReportDialog

    chosen = tmp_path / "for-dr-novak.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args, **_kw: (str(chosen), "PDF (*.pdf)"))
    diary.save_entry(Entry(TODAY, mood=6))
    dialog = ReportDialog(DiaryContext(diary, today=lambda: TODAY))
    qtbot.addWidget(dialog)
    dialog.show()

    told: list[str] = []
    when_dialog_opens(lambda box: (told.append(box.informativeText()), box.accept()))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert chosen.is_file() and chosen.read_bytes().rstrip().endswith(b"%%EOF")
    assert told == [f"In the folder {tmp_path}"]


# A crash is never silent ------------------------------------------------------------------------------


def test_an_exception_in_a_slot_is_logged_beside_the_diary_and_told_plainly(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diary.ui.app.crash import install_crash_hook, log_path, uninstall_crash_hook

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text, *_rest: told.append(text))

    def broken_slot() -> None:
        raise RuntimeError("a slot broke")

    with qtbot.capture_exceptions() as caught:
        hook = install_crash_hook(tmp_path)
        try:
            QTimer.singleShot(0, broken_slot)
            qtbot.waitUntil(lambda: bool(told))
        finally:
            uninstall_crash_hook(hook)

    (text,) = told
    assert text.startswith("Something went wrong. Everything you saved is safe.")
    assert "Details: RuntimeError: a slot broke" in text and str(log_path(tmp_path)) in text
    log = log_path(tmp_path)
    logged = log.read_text()
    assert "RuntimeError" in logged and "broken_slot" in logged
    assert "a slot broke" not in logged, "the log never holds an error's words (they may be the diary's)"
    if os.name == "posix":
        assert log.stat().st_mode & 0o777 == 0o600
    # The hook hands on to the one it replaced, so tests still fail on a crash.
    assert len(caught) == 1 and isinstance(caught[0][1], RuntimeError)


# Issue 22 ------------------------------------------------------------------------------------


def test_import_replace_handed_to_the_window_takes_the_files_preferences_as_without_it(
    qtbot: QtBot, held: MainWindow, diary_path: Path, tmp_path: Path
) -> None:
    # Issue 22, 5: with no day in conflict, the window imported without --replace and
    # dropped the file's preferences, exit 0.
    from diary.core.preferences import Preferences

    chosen = Preferences(name="Sam", appearance="dark", paper_size="Letter")
    file = tmp_path / "with-preferences.json"
    file.write_text(
        document_to_json(
            DiaryDocument(entries=(Entry(TODAY, dose_mg=40),), preferences=chosen),
            dt.datetime(2026, 4, 15, tzinfo=dt.UTC),
        )
    )
    code, out, error = finish(qtbot, command("--db", str(diary_path), "import", str(file), "--replace"))
    assert code == 0, error
    assert "preferences" in out
    assert held.context.preferences() == chosen


def test_a_fifo_handed_to_the_window_is_refused_at_once_and_the_window_keeps_working(
    qtbot: QtBot, held: MainWindow, tmp_path: Path
) -> None:
    # Issue 22, 6: the window read the pipe and froze.
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    for action in ("import", "restore"):
        answer = serve_request(held, held.context, {"do": action, "file": str(fifo), "replace": False})
        assert answer["ok"] is False and answer["code"] == 2
        assert "FIFO" in str(answer["message"])
    assert held.context.entry(TODAY) == Entry(TODAY, dose_mg=40)
