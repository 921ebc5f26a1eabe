"""Crash safety of protecting (issue 25): a kill at any moment of encrypting, changing the
passphrase or decrypting leaves a diary that opens with the old state or the new one, and
loses no saved day. A real process is killed (SIGKILL) at random moments, several times."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from diary.store import backups, key_file, keyring, protection
from diary.store.diary import Diary
from diary.store.errors import WrongPassphrase
from tests.helpers.commands import demo_diary
from tests.helpers.diaries import REPOSITORY
from tests.helpers.protection_child import NEW, OLD

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("quick_passphrases")]

RUNS = 8
NOW_BACKUPS = 3


def _everything(path: Path) -> list[object]:
    with Diary.open(path) as diary:
        return [diary.entries(), diary.courses(), diary.routine(include_retired=True)]


@pytest.fixture
def plain(tmp_path: Path) -> tuple[Path, list[object]]:
    path = demo_diary(tmp_path / "diary" / "diary.sqlite3")
    import datetime as dt

    for hours in range(NOW_BACKUPS):
        backups.make_backup(path, backups.BY_HAND, dt.datetime(2026, 4, 1, 9 + hours))
    return path, _everything(path)


def _start(action: str, path: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.protection_child", action, str(path)],
        cwd=REPOSITORY,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    assert line == "go", child.stderr.read() if child.stderr else line
    return child


def _whole_run(action: str, path: Path) -> float:
    """How long `action` takes uncut, in seconds (the span the kills are spread over)."""
    child = _start(action, path)
    started = time.monotonic()
    output, errors = child.communicate(timeout=300)
    assert child.returncode == 0, errors
    assert output.strip() == "done"
    return time.monotonic() - started


def _killed_at_random(action: str, path: Path, span: float, chance: random.Random) -> bool:
    """Run `action` and SIGKILL it after a random part of `span`; True when it was cut short."""
    child = _start(action, path)
    time.sleep(chance.uniform(0, span))
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=300)
    return child.returncode == -signal.SIGKILL


def _state(path: Path, expected: list[object]) -> str:
    """Which state the diary is in ("plain", "old" or "new" passphrase), after checking it
    opens whole in it: every saved day, course and step, SQLite's check passing; its
    backups too."""
    keyring.forget()
    if not protection.is_protected(path):
        state, keys = "plain", None
    else:
        try:
            keys, state = protection.unlock(path, OLD), "old"
        except WrongPassphrase:
            keys, state = protection.unlock(path, NEW), "new"
    with Diary.open(path, keys=keys) as diary:
        assert diary.integrity_problems() == []
    assert _everything(path) == expected
    for backup in backups.list_backups(path):
        with Diary.open(backup.path, only_to_read=True) as copy:
            assert copy.entries() == expected[0]
    return state


@pytest.mark.parametrize(
    ("action", "before", "after"),
    [("protect", "plain", "old"), ("change", "old", "new"), ("unprotect", "old", "plain")],
)
def test_a_kill_at_any_moment_leaves_the_old_state_or_the_new_and_every_day(
    plain: tuple[Path, list[object]], tmp_path: Path, action: str, before: str, after: str
) -> None:
    path, expected = plain
    pristine = tmp_path / "pristine"
    import shutil

    if before != "plain":
        protection.protect(path, OLD)
        keyring.forget()
    shutil.copytree(path.parent, pristine)
    span = _whole_run(action, path) * 1.2
    assert _state(path, expected) == after
    chance = random.Random(f"{action}-25")
    states: list[str] = []
    for _ in range(RUNS):
        shutil.rmtree(path.parent)
        shutil.copytree(pristine, path.parent)
        _killed_at_random(action, path, span, chance)
        state = _state(path, expected)
        assert state in (before, after)
        states.append(state)
        # And the same work, run again to its end from there, ends in the new state.
        if state == before:
            keyring.forget()
            child = _start(action, path)
            child.communicate(timeout=300)
            assert child.returncode == 0
            assert _state(path, expected) == after
    assert key_file.SCRYPT_N == 2**10  # the fixture's quick cost held (the children set their own)
    print(action, states)
