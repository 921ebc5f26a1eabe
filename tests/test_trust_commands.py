"""What a person notices on the command line when things go wrong: nothing lost, nothing
half-written, and a message that names the cause (issue 11)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the one SQLite library (issue 25)

from diary.cli import main
from diary.desktop.instance import lock_path
from diary.store import backups
from tests.helpers.commands import DEMO, demo_diary, run
from tests.helpers.full_disk import fill, small_disk

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
LINUX = sys.platform == "linux"


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = demo_diary(tmp_path / "diary.sqlite3")
    capsys.readouterr()
    return path


needs_tmpfs = pytest.mark.skipif(not (ROOT and LINUX), reason="a small tmpfs needs root on Linux")


# 2. Export onto the diary's own files ----------------------------------------------------


@pytest.mark.parametrize("which", ["diary", "lock", "wal", "shm", "backups"])
def test_exporting_onto_the_diary_its_lock_journal_or_backups_is_refused(
    db: Path, which: str, capsys: pytest.CaptureFixture[str]
) -> None:
    made = backups.make_backup(db, backups.BY_HAND)
    target = {
        "diary": db,
        "lock": lock_path(db),
        "wal": Path(f"{db}-wal"),
        "shm": Path(f"{db}-shm"),
        "backups": made.path.parent / "export.json",
    }[which]
    before = backups.content_digest(db)
    assert main(["--db", str(db), "export", "--format", "json", "-o", str(target)]) == 2
    error = capsys.readouterr().err
    assert "Nothing was written" in error and "choose another" in error
    assert backups.content_digest(db) == before
    assert backups.content_digest(made.path) == before
    assert not (made.path.parent / "export.json").exists()


def test_exporting_onto_the_diary_through_a_symlink_is_refused_too(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "looks-like-an-export.json"
    link.symlink_to(db)
    assert main(["--db", str(db), "export", "-o", str(link)]) == 2
    assert "the diary's own file" in capsys.readouterr().err
    assert main(["--db", str(db), "check"]) == 0


# 3. and 14. An emptied or overwritten diary is damaged, never new ---------------------------


def test_an_emptied_diary_is_reported_damaged_kept_and_the_newest_backup_named(db: Path) -> None:
    good = backups.make_backup(db, backups.DAILY)
    db.write_bytes(b"")
    Path(f"{db}-wal").unlink(missing_ok=True)
    Path(f"{db}-shm").unlink(missing_ok=True)

    checked = run("--db", str(db), "check")

    assert checked.returncode == 1, checked.stderr
    assert "Integrity: DAMAGED" in checked.stdout and "empty" in checked.stdout
    assert "Entries: 0" not in checked.stdout
    assert f"isodiary restore {good.path}" in checked.stderr
    assert db.read_bytes() == b""  # kept as found
    exported = run("--db", str(db), "export", "--format", "json")
    assert exported.returncode == 1 and "is damaged" in exported.stderr


def test_a_diary_whose_first_bytes_are_zeroed_is_damaged_and_a_backup_offered(db: Path) -> None:
    good = backups.make_backup(db, backups.DAILY)
    data = bytearray(db.read_bytes())
    data[:100] = bytes(100)
    db.write_bytes(bytes(data))

    checked = run("--db", str(db), "check")

    assert checked.returncode == 1
    assert "DAMAGED" in checked.stdout and "not an IsoDiary diary" not in checked.stderr
    assert f"isodiary restore {good.path}" in checked.stderr


def test_an_empty_alembic_version_is_reported_plainly(db: Path) -> None:
    with sqlite3.connect(db) as connection:
        connection.execute("DELETE FROM alembic_version")
    connection.close()
    checked = run("--db", str(db), "check")
    assert checked.returncode == 2
    assert "alembic_version table is empty" in checked.stderr and "schema None" not in checked.stderr


# 4. and 14. Full disks ----------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("kind", ["json", "csv"])
def test_export_to_a_full_disk_through_standard_output_exits_non_zero_and_says_so(
    db: Path, kind: str
) -> None:
    with open("/dev/full", "w") as full:  # noqa: PTH123
        result = subprocess.run(
            [sys.executable, "-m", "diary", "--db", str(db), "export", "--format", kind],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert result.returncode == 1
    assert "the disk is full" in result.stderr and "Traceback" not in result.stderr


@needs_tmpfs
@pytest.mark.parametrize("command", ["export-json", "export-csv", "report", "chart"])
def test_an_output_on_a_full_disk_is_absent_the_old_file_untouched_and_the_cause_named(
    db: Path, tmp_path: Path, command: str
) -> None:
    with small_disk(tmp_path / "disk") as disk:
        name = {"export-json": "out.json", "export-csv": "out.csv", "report": "out.pdf", "chart": "out.pdf"}
        target = disk / name[command]
        target.write_bytes(b"the old file")
        fill(disk)
        args = {
            "export-json": ["export", "-o", str(target)],
            "export-csv": ["export", "-o", str(target)],
            "report": ["report", "-o", str(target), "--from", "2026-01-01", "--to", "2026-06-30"],
            "chart": ["chart", "-o", str(target)],
        }[command]
        result = run("--db", str(db), *args)
        assert result.returncode != 0, result.stderr
        assert "disk is full" in result.stderr and "Traceback" not in result.stderr
        assert "Wrote" not in result.stderr + result.stdout
        assert target.read_bytes() == b"the old file"
        assert sorted(p.name for p in disk.iterdir()) == sorted(["filler", "filler-2", target.name])


@needs_tmpfs
def test_check_on_a_full_disk_says_the_disk_is_full(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "1m") as disk:
        db = disk / "diary.sqlite3"
        assert run("--db", str(db), "import", str(DEMO)).returncode == 0
        for companion in ("-wal", "-shm"):
            Path(f"{db}{companion}").unlink(missing_ok=True)
        fill(disk)
        result = run("--db", str(db), "check")
        assert result.returncode != 0
        assert "is full" in result.stderr and "Your last change" not in result.stderr, result.stderr


@needs_tmpfs
def test_a_backup_on_a_full_disk_says_the_disk_is_full(db: Path, tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        fill(disk)
        result = run("--db", str(db), "backup", "-o", str(disk / "copy.sqlite3"))
        assert result.returncode == 1  # the computer refused (issue 22)
        assert "is full" in result.stderr and "disk I/O error" not in result.stderr, result.stderr
        assert not (disk / "copy.sqlite3").exists()


@needs_tmpfs
def test_a_read_only_folder_is_blamed_on_the_folder(db: Path, tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "1m") as disk:
        inside = disk / "diary.sqlite3"
        inside.write_bytes(db.read_bytes())
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        result = run("--db", str(inside), "import", str(DEMO), "--replace")
        assert result.returncode == 2
        assert f"the folder {disk}" in result.stderr, result.stderr


# 11. Dates the calendar cannot hold ----------------------------------------------------------


@pytest.mark.parametrize("command", ["chart", "report", "flags"])
@pytest.mark.parametrize(
    "dates", [("0001-01-01", "9999-12-31"), ("2026-01-01", "9999-12-31"), ("1899-12-31", None)]
)
def test_ranges_outside_1900_to_2099_are_refused_with_a_message_not_a_traceback(
    db: Path, tmp_path: Path, command: str, dates: tuple[str, str | None]
) -> None:
    args = [
        command,
        *{
            "chart": ["-o", str(tmp_path / "c.png")],
            "report": ["-o", str(tmp_path / "r.pdf")],
        }.get(command, []),
    ]
    args += ["--from", dates[0]] + (["--to", dates[1]] if dates[1] else [])
    result = run("--db", str(db), *args)
    assert result.returncode == 2
    assert "outside the days IsoDiary can show" in result.stderr and "Traceback" not in result.stderr


# 13. Restore reads before it replaces ---------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ("UPDATE entries SET mood = 99 WHERE rowid = (SELECT min(rowid) FROM entries)", "mood"),
        (
            "UPDATE entries SET skincare = '[\"cleanser\"' WHERE rowid = (SELECT min(rowid) FROM entries)",
            "skincare",
        ),
        ("UPDATE entries SET date = '2026-02-30' WHERE rowid = (SELECT min(rowid) FROM entries)", "date"),
    ],
)
def test_restore_refuses_a_backup_whose_rows_cannot_be_read_naming_table_row_and_field(
    db: Path, change: str, field: str
) -> None:
    bad = backups.make_backup(db, backups.BY_HAND).path
    with sqlite3.connect(bad) as connection:
        connection.execute("PRAGMA ignore_check_constraints = ON")  # as another program might
        connection.execute(change)
    connection.close()
    before = backups.content_digest(db)

    result = run("--db", str(db), "restore", str(bad))

    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "table entries, row" in result.stderr and f"field {field}" in result.stderr, result.stderr
    assert "Nothing was changed" in result.stderr
    assert backups.content_digest(db) == before
    assert run("--db", str(db), "export", "--format", "json").returncode == 0


# 14. A stale lock whose PID was reused --------------------------------------------------------


@pytest.mark.skipif(not LINUX, reason="process start times come from /proc")
def test_a_stale_lock_whose_pid_was_reused_does_not_block(db: Path) -> None:
    from PySide6.QtCore import QSysInfo

    lock = lock_path(db)
    # Another program (here a Python, named like IsoDiary's own process) got the dead window's PID.
    stranger = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock.write_text(
            f"{stranger.pid}\n{Path(os.path.realpath(sys.executable)).name}\n{QSysInfo.machineHostName()}\n\n\n"
        )
        written = dt.datetime.now().timestamp() - 3600
        os.utime(lock, (written, written))
        copy = backups.make_backup(db, backups.BY_HAND).path
        result = run("--db", str(db), "restore", str(copy))
    finally:
        stranger.kill()
        stranger.wait()
    assert result.returncode == 0, result.stderr
    assert "Restored" in result.stdout


def test_a_lock_held_by_a_window_that_cannot_answer_names_the_lock_file(db: Path, tmp_path: Path) -> None:
    from diary.desktop.instance import DiaryLock

    window = DiaryLock(db)
    assert window.acquire()
    try:
        result = run("--db", str(db), "import", str(DEMO), "--replace")
    finally:
        window.release()
    assert result.returncode == 2
    assert "could not be reached" in result.stderr and str(lock_path(db)) in result.stderr


def test_nothing_was_imported_is_said_once(db: Path, tmp_path: Path) -> None:
    document = json.loads(DEMO.read_text())
    course = dict(document["courses"][0])
    course["start_date"] = (dt.date.fromisoformat(course["start_date"]) + dt.timedelta(days=3)).isoformat()
    document["courses"] = [course]
    document["entries"] = []
    clash = tmp_path / "clash.json"
    clash.write_text(json.dumps(document))
    result = run("--db", str(db), "import", str(clash))
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("Nothing was imported") == 1, result.stderr


# 8. What "Saved" promises ---------------------------------------------------------------------


def test_check_says_when_the_journal_beside_the_diary_went_missing_with_saves_in_it(db: Path) -> None:
    # A writer killed before folding its journal in, then the journal lost (a sync tool, a copy).
    script = (
        "import sqlite3, os, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "c.execute(\"UPDATE entries SET note = 'lost' WHERE rowid = 1\")\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(db)], check=True, timeout=60)
    assert Path(f"{db}-wal").stat().st_size > 0
    Path(f"{db}-wal").unlink()

    checked = run("--db", str(db), "check")

    assert checked.returncode == 1
    assert "Journal: DAMAGED" in checked.stdout and "is missing" in checked.stdout, checked.stdout
