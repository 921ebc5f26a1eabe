"""One writer, for real: the lock follows the diary file, whatever name leads to it, and a
file a restore puts in the diary's place is locked before it takes the name (issue 22, 9)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from diary.desktop.instance import DiaryLock, LockState, real_path
from diary.store import backups, restore
from diary.store.files import FileLock, left_by_a_crash
from tests.helpers.commands import DEMO, run
from tests.helpers.diaries import REPOSITORY

NOW = dt.datetime(2026, 4, 15, 21, 30, 5)


def _state_elsewhere(path: Path) -> str:
    """What another process gets when it tries to lock the diary through `path`."""
    code = (
        "import sys; from diary.desktop.instance import DiaryLock; "
        "print(DiaryLock(sys.argv[1]).try_lock().value)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, cwd=REPOSITORY, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_hard_link_to_the_diary_meets_the_one_window_lock(held: DiaryLock, db: Path) -> None:
    # Issue 22, 9: a hard link got past the lock, and two windows wrote one file.
    link = db.parent / "another-name.sqlite3"
    os.link(db, link)
    assert _state_elsewhere(link) == "taken"
    assert _state_elsewhere(db) == "taken"


def test_an_import_through_a_hard_link_while_the_diary_is_held_changes_nothing(
    held: DiaryLock, db: Path, tmp_path: Path
) -> None:
    link = tmp_path / "linked.sqlite3"
    os.link(db, link)
    before = backups.content_digest(db)
    result = run("--db", str(link), "import", str(DEMO), "--replace")
    assert result.returncode != 0 and "nothing was imported" in result.stderr, result.stderr
    assert backups.content_digest(db) == before


def test_once_let_go_another_process_may_hold_the_diary(db: Path) -> None:
    lock = DiaryLock(db)
    assert lock.try_lock() == LockState.HELD
    lock.release()
    assert _state_elsewhere(db) == "held"


def test_a_file_a_restore_swaps_in_is_locked_before_it_takes_the_diarys_name(
    held: DiaryLock, db: Path, tmp_path: Path
) -> None:
    good = backups.make_backup(db, backups.BY_HAND, NOW).path
    db.write_bytes(b"")  # an emptied diary: the restore renames a checked copy into place
    before = db.stat().st_ino
    restored = restore.restore_backup(db, good, NOW)
    assert restored.set_aside is not None
    assert db.stat().st_ino != before, "a new file took the diary's name"
    assert real_path(db) in FileLock.held  # and this process holds it
    link = tmp_path / "linked-after.sqlite3"
    os.link(db, link)
    assert _state_elsewhere(link) == "taken"


# 8. Copies a killed run left behind ---------------------------------------------------------


def _left_copy(db: Path) -> Path:
    """What a restore killed mid-way leaves: a hidden whole copy of a diary beside it."""
    copy = db.parent / f".{db.name}.restore.k1ll3d.part"
    copy.write_bytes(db.read_bytes())
    return copy


def test_a_copy_left_by_a_killed_restore_is_removed_by_check(db: Path) -> None:
    copy = _left_copy(db)
    journal = Path(f"{copy}-journal")
    journal.write_bytes(b"x")
    checked = run("--db", str(db), "check")
    assert checked.returncode == 0, checked.stderr
    assert not copy.exists() and not journal.exists()
    assert copy.name in checked.stderr


def test_a_copy_left_by_a_killed_restore_is_removed_at_the_next_start(db: Path) -> None:
    from diary.ui.app.opening import make_daily_backup

    copy = _left_copy(db)
    make_daily_backup(db, NOW)  # what the window does once its first frame is up
    assert not copy.exists()


def test_a_copy_a_restore_is_making_now_is_left_alone(db: Path) -> None:
    copy = _left_copy(db)
    lock = FileLock.take(copy)
    assert lock is not None
    try:
        assert not left_by_a_crash(copy)
        assert run("--db", str(db), "check").returncode == 0
        assert copy.exists()
    finally:
        lock.release()


def test_a_killed_restore_leaves_nothing_after_the_next_check(db: Path, tmp_path: Path) -> None:
    """A real kill: a restore stopped while it writes its copy."""
    good = backups.make_backup(db, backups.BY_HAND, NOW).path
    code = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from diary.store import backups, restore\n"
        "real = backups.write_checked_copy\n"
        "def killed(source, target, diary_path, **options):\n"
        "    real(source, target, diary_path, **options)\n"
        "    if '.restore.' in target.name:\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "backups.write_checked_copy = killed\n"
        "restore.restore_backup(Path(sys.argv[1]), Path(sys.argv[2]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(db), str(good)], cwd=REPOSITORY, capture_output=True, timeout=60
    )
    assert done.returncode == -9
    assert list(db.parent.glob(f".{db.name}.restore.*")), "the kill should have left the copy"
    assert run("--db", str(db), "check").returncode == 0
    assert not list(db.parent.glob(f".{db.name}.restore.*"))
