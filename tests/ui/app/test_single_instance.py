"""One writer per diary: the lock file beside it, stale locks recovered, others' locks never removed,
and a second start bringing the first window forward instead of opening the diary again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSysInfo
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from diary.desktop.instance import DiaryLock, LockState, SingleInstance, lock_path, server_name
from diary.ui.app import application as app
from tests.helpers.diaries import REPOSITORY
from tests.helpers.window import when_dialog_opens

HOLD_LOCK = (
    "import sys; from PySide6.QtCore import QLockFile; "
    "lock = QLockFile(sys.argv[1]); assert lock.tryLock(0); print('held', flush=True); sys.stdin.read()"
)


def _holder(path: Path) -> subprocess.Popen[str]:
    """Another process holding the diary's lock until its stdin closes."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(lock_path(path))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "held"
    return process


def test_the_lock_is_beside_the_diary_private_and_held_once(diary_path: Path) -> None:
    first, second = DiaryLock(diary_path), DiaryLock(diary_path)
    assert first.try_lock() == LockState.HELD
    assert first.path == diary_path.with_name("diary.sqlite3.lock") and first.path.is_file()
    if os.name == "posix":
        assert first.path.stat().st_mode & 0o777 == 0o600
    assert second.try_lock() == LockState.TAKEN
    first.release()
    assert not first.path.exists()
    assert second.try_lock() == LockState.HELD
    second.release()


def test_a_stale_lock_left_by_a_crash_is_taken_over(diary_path: Path) -> None:
    holder = _holder(diary_path)
    holder.send_signal(signal.SIGKILL)
    holder.communicate()  # waits, and closes its pipes
    assert lock_path(diary_path).exists(), "the crash left its lock behind"
    lock = DiaryLock(diary_path)
    assert lock.try_lock() == LockState.HELD
    assert lock_path(diary_path).read_text().split("\n")[0] == str(os.getpid())
    lock.release()


def test_a_lock_held_by_a_live_process_is_never_removed(diary_path: Path) -> None:
    holder = _holder(diary_path)
    try:
        before = lock_path(diary_path).read_bytes()
        assert DiaryLock(diary_path).try_lock() == LockState.TAKEN
        assert lock_path(diary_path).read_bytes() == before
    finally:
        holder.communicate(timeout=30)  # closes its stdin, so it lets go


@pytest.mark.parametrize(
    "content",
    [
        b"4242\nisodiary\nanother-laptop\n\n\n",  # another computer sharing the folder
        b"this is not a lock file Qt wrote\n",  # something we cannot read
    ],
    ids=["another computer", "unreadable"],
)
def test_a_lock_that_is_not_ours_to_judge_is_never_removed(diary_path: Path, content: bytes) -> None:
    path = lock_path(diary_path)
    path.write_bytes(content)
    lock = DiaryLock(diary_path)
    assert lock.try_lock() == LockState.TAKEN
    assert path.read_bytes() == content
    if b"another-laptop" in content:
        assert "another-laptop" in lock.holder()


def test_the_server_name_is_per_diary_and_per_user(tmp_path: Path) -> None:
    one, other = tmp_path / "one.sqlite3", tmp_path / "other.sqlite3"
    assert server_name(one) != server_name(other)
    assert server_name(one) == server_name(tmp_path / "." / "one.sqlite3")


def test_a_second_start_brings_the_first_forward_and_exits(qtbot: QtBot, diary_path: Path) -> None:
    first = SingleInstance(diary_path)
    assert first.start()
    try:
        with qtbot.waitSignal(first.show_requested, timeout=30000):
            second = subprocess.Popen(
                [sys.executable, "-m", "diary", "--db", str(diary_path)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                cwd=REPOSITORY,
                env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            )
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=30000)
    finally:
        first.stop()
    _out, error = second.communicate()
    assert second.returncode == 0, error
    assert "already open on this diary" in error
    # The second start never opened the diary: no file was made, and the lock was ours throughout.
    assert not diary_path.exists()


def test_a_second_start_that_cannot_reach_the_first_says_so_plainly(
    qtbot: QtBot, diary_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lock_path(diary_path).write_bytes(
        f"4242\nisodiary\n{QSysInfo.machineHostName()}-elsewhere\n\n\n".encode()
    )
    seen: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    monkeypatch.setattr("diary.desktop.instance.CONNECT_TRIES", 1)
    monkeypatch.setattr("diary.desktop.instance.WAIT_MS", 50)
    when_dialog_opens(read_and_close)
    assert app.run_window(diary_path) == 2
    (text,) = seen
    assert "already has this diary open on the computer" in text and str(lock_path(diary_path)) in text
    assert not diary_path.exists()
