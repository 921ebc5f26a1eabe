"""`isodiary backup`, `restore` and `check` on a damaged diary; command-line writes wait for the window."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from diary.cli import main
from diary.store import backups
from tests.helpers.commands import DEMO, demo_diary, run
from tests.helpers.damage import damage


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = demo_diary(tmp_path / "diary.sqlite3")
    capsys.readouterr()
    return path


def test_backup_and_restore_have_help() -> None:
    for command in ("backup", "restore"):
        result = run(command, "--help")
        assert result.returncode == 0 and "usage: isodiary" in result.stdout


def test_backup_into_the_folder_lists_it_and_a_copy_to_a_file(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db), "backup", "--list"]) == 0
    assert "No backups yet" in capsys.readouterr().out
    assert main(["--db", str(db), "backup"]) == 0
    (made,) = backups.list_backups(db)
    assert str(made.path) in capsys.readouterr().out
    assert main(["--db", str(db), "backup", "--list"]) == 0
    listing = capsys.readouterr().out
    assert "Made by you" in listing and made.size_words in listing and str(made.path) in listing

    copy = tmp_path / "copy.sqlite3"
    assert main(["--db", str(db), "backup", "-o", str(copy)]) == 0
    assert backups.content_digest(copy) == backups.content_digest(db)
    if os.name == "posix":
        assert copy.stat().st_mode & 0o777 == 0o600
    assert main(["--db", str(db), "backup", "-o", str(copy)]) == 2
    assert "already exists" in capsys.readouterr().err


def test_restore_keeps_the_current_diary_and_says_where(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite3"
    assert run("--db", str(db), "backup", "-o", str(copy)).returncode == 0
    extra = _one_day_csv(tmp_path)
    assert run("--db", str(db), "import", str(extra)).returncode == 0, "a day after the backup"

    result = run("--db", str(db), "restore", str(copy))

    assert result.returncode == 0, result.stderr
    assert "Restored" in result.stdout and "139 logged days" in result.stdout
    (kept,) = backups.list_backups(db)
    assert kept.kind == backups.BEFORE_RESTORE and str(kept.path) in result.stdout
    assert "Entries: 139" in run("--db", str(db), "check").stdout
    assert "Entries: 140" in run("--db", str(kept.path), "check").stdout


def _one_day_csv(folder: Path) -> Path:
    """A CSV file with one day (2026-11-01, mood 5) the demo diary does not hold."""
    from diary.core.interchange import CSV_HEADER

    values = {"date": "2026-11-01", "mood": "5"}
    path = folder / "one-day.csv"
    path.write_text(
        ",".join(CSV_HEADER) + "\n" + ",".join(values.get(name, "") for name in CSV_HEADER) + "\n"
    )
    return path


def test_restore_refuses_a_file_that_is_not_a_backup_with_exit_2(db: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("not a diary")
    before = backups.content_digest(db)
    result = run("--db", str(db), "restore", str(notes))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert str(notes) in result.stderr and "Nothing was changed" in result.stderr
    assert backups.content_digest(db) == before and backups.list_backups(db) == []


def test_restore_is_refused_when_the_window_holding_the_diary_cannot_be_reached(db: Path) -> None:
    from diary.desktop.instance import DiaryLock

    copy = backups.make_backup(db, backups.BY_HAND).path
    window = DiaryLock(db)
    assert window.acquire()
    try:
        result = run("--db", str(db), "restore", str(copy))
    finally:
        window.release()
    # This holder does not listen (a hung window): the work is refused, never done behind it.
    assert result.returncode == 2 and "could not be reached" in result.stderr
    assert "nothing was restored" in result.stderr and str(window.path) in result.stderr
    assert len(backups.list_backups(db)) == 1


def test_a_damaged_diary_check_exits_1_and_names_the_backup_to_restore(db: Path) -> None:
    good = backups.make_backup(db, backups.DAILY)
    damage(db)
    original = db.read_bytes()

    checked = run("--db", str(db), "check")
    assert checked.returncode == 1
    assert "Integrity: DAMAGED" in checked.stdout
    assert f"isodiary restore {good.path}" in checked.stderr and "Traceback" not in checked.stderr

    for command in (["import", str(DEMO)], ["export", "--format", "csv"], ["flags"]):
        refused = run("--db", str(db), *command)
        assert refused.returncode == 1, command  # a damaged diary: exit 1 (issue 22)
        assert "is damaged" in refused.stderr and "Traceback" not in refused.stderr
    assert db.read_bytes() == original  # nothing ever wrote to it

    restored = run("--db", str(db), "restore", str(good.path))
    assert restored.returncode == 0, restored.stderr
    assert "The damaged diary is kept, unchanged" in restored.stdout
    (aside,) = db.parent.glob("diary-damaged-*.sqlite3")
    assert aside.read_bytes() == original
    assert run("--db", str(db), "check").returncode == 0


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="watches /proc to know the command is waiting")
def test_a_command_line_write_waits_for_the_window_instead_of_failing(db: Path, tmp_path: Path) -> None:
    import sqlite3

    extra = _one_day_csv(tmp_path)
    window = sqlite3.connect(db, isolation_level=None)
    window.execute("BEGIN IMMEDIATE")  # the window in the middle of a save
    command = subprocess.Popen(
        [sys.executable, "-m", "diary", "--db", str(db), "import", str(extra)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # Hold the write lock until the command has the diary open, and a while longer:
        # without a busy timeout it would have failed by then.
        while command.poll() is None and not _has_open(command.pid, db):
            time.sleep(0.01)
        time.sleep(1.0)
        assert command.poll() is None, "the command should still be waiting for the lock"
    finally:
        window.execute("COMMIT")
        window.close()
    out, err = command.communicate(timeout=60)
    assert command.returncode == 0, err
    assert "Imported 1 new day" in out


def _has_open(pid: int, path: Path) -> bool:
    try:
        links = [str(entry.readlink()) for entry in Path(f"/proc/{pid}/fd").iterdir()]
    except OSError:
        return False
    return str(path) in links
