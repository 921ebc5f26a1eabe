"""Crash safety, for real: processes working on a diary are killed with SIGKILL at random moments.

After every kill the diary must pass SQLite's integrity check and hold every save that
was acknowledged before the kill (printed only once the save returned, as "Saved" is
shown only then). The one save in flight may or may not have landed, whole either way.
A kill in the middle of a backup leaves no file with a backup's name that is not whole;
a kill in the middle of a restore leaves the old diary or the new one, never a mix.

SIGKILL is a crash, not a power cut: what makes an acknowledged save survive a power
cut is that it was synced to disk before returning (synchronous=FULL in WAL mode),
which the writing process reports and the test requires.

Set ISODIARY_KILL_SEED to replay a run; the seed is in every failure message.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from diary.core.entry import Entry
from diary.store import backups, integrity
from diary.store.diary import Diary
from tests.helpers.crash_child import DAYS, day_of, entry_of
from tests.helpers.diaries import REPOSITORY, sample_entries

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL"),
]

SAVE_KILLS = 30
BACKUP_KILLS = 6
RESTORE_KILLS = 8
SEED = int(os.environ.get("ISODIARY_KILL_SEED") or int.from_bytes(os.urandom(4), "big"))

# What the tests did, printed at the end of each (pytest -s shows it).
TALLY = {"kills": 0, "acknowledged saves": 0, "entries checked": 0}


@pytest.fixture(autouse=True)
def _report() -> object:
    yield
    print(f"\ncrash safety (seed {SEED}): " + ", ".join(f"{value} {name}" for name, value in TALLY.items()))


def _start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.crash_child", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPOSITORY,
    )


def _kill(child: subprocess.Popen[str]) -> list[str]:
    """Kill the child; return the acknowledgements it printed before dying."""
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    # Read through the same text streams _read_line used: communicate() would read the pipes
    # underneath them and miss the lines readline() had already taken into their buffers,
    # which on a busy machine (the child writing quickly) lost acknowledged saves.
    with child.stdout, child.stderr:  # type: ignore[union-attr]
        rest, error = child.stdout.read(), child.stderr.read()  # type: ignore[union-attr]
    assert child.returncode == -signal.SIGKILL, f"seed {SEED}: the child ended on its own:\n{error}"
    TALLY["kills"] += 1
    return rest.splitlines()


def _read_line(child: subprocess.Popen[str]) -> str:
    line = child.stdout.readline()  # type: ignore[union-attr]
    assert line, f"seed {SEED}: the child stopped early:\n{child.stderr.read()}"  # type: ignore[union-attr]
    return line.strip()


def test_every_acknowledged_save_survives_sigkill_at_random_moments(diary_path: Path) -> None:
    rng = random.Random(SEED)
    last_acknowledged: dict[dt.date, Entry | None] = {}
    next_operation = 0
    for kill in range(SAVE_KILLS):
        child = _start("saves", str(diary_path), str(next_operation))
        acknowledged: list[str] = []
        if rng.random() < 0.15:
            time.sleep(rng.uniform(0, 0.4))  # somewhere in starting up and opening the diary
        else:
            assert _read_line(child) == "synchronous=2", "saves must be synced to disk: synchronous=FULL"
            for _ in range(rng.randint(0, 15)):
                acknowledged.append(_read_line(child))
            time.sleep(rng.uniform(0, 0.01))  # and then anywhere inside the next save
        acknowledged += _kill(child)
        operations = [int(line) for line in acknowledged if not line.startswith("synchronous")]
        assert operations == list(range(next_operation, next_operation + len(operations)))
        for operation in operations:
            last_acknowledged[day_of(operation)] = entry_of(operation)
        TALLY["acknowledged saves"] += len(operations)
        next_operation += len(operations)
        _check(diary_path, last_acknowledged, in_flight=next_operation, where=f"seed {SEED}, kill {kill + 1}")
    assert TALLY["acknowledged saves"] > SAVE_KILLS, "the kills should come between many saves"


def _check(path: Path, expected: dict[dt.date, Entry | None], in_flight: int, where: str) -> None:
    if path.exists():  # a kill while starting may come before the diary was made
        assert integrity.full_problems(path) == [], where
    with Diary.open(path) as diary:
        assert diary.integrity_problems() == [], where
        stored = {entry.date: entry for entry in diary.entries()}
    days = [day_of(0) + dt.timedelta(days=offset) for offset in range(DAYS)]
    assert set(stored) <= set(days), where
    for day in days:
        allowed = [expected.get(day)]
        if day == day_of(in_flight):
            allowed.append(entry_of(in_flight))  # the save the kill interrupted: landed or not
        assert stored.get(day) in allowed, (
            f"{where}: {day} holds {stored.get(day)}, expected one of {allowed}"
        )
        TALLY["entries checked"] += 1


def _filled(path: Path) -> Path:
    with Diary.open(path) as diary:
        for entry in sample_entries():
            diary.save_entry(entry)
    return path


def test_a_kill_during_a_backup_never_leaves_a_torn_backup(diary_path: Path) -> None:
    rng = random.Random(SEED + 1)
    fingerprint = backups.content_digest(_filled(diary_path))
    for kill in range(BACKUP_KILLS):
        child = _start("backups", str(diary_path))
        assert _read_line(child) == "ready"
        for _ in range(rng.randint(0, 3)):
            _read_line(child)
        time.sleep(rng.uniform(0, 0.02))
        _kill(child)
        for backup in backups.list_backups(diary_path):
            assert integrity.full_problems(backup.path) == [], f"seed {SEED}, kill {kill + 1}: {backup.path}"
            assert backups.content_digest(backup.path) == fingerprint
        assert backups.content_digest(diary_path) == fingerprint
    # Leftover temporary files are not backups, and are cleared once they are old.
    assert all(not path.name.startswith(".") for path in (b.path for b in backups.list_backups(diary_path)))


def test_a_kill_during_a_restore_leaves_one_whole_diary_or_the_other(
    tmp_path: Path, diary_path: Path
) -> None:
    rng = random.Random(SEED + 2)
    _filled(diary_path)
    first = backups.make_backup(diary_path, backups.BY_HAND).path
    with Diary.open(diary_path) as diary:
        for offset in range(60):
            diary.save_entry(Entry(dt.date(2025, 1, 1) + dt.timedelta(days=offset), mood=offset % 11))
    second = backups.make_backup(diary_path, backups.BY_HAND).path
    whole = {backups.content_digest(first), backups.content_digest(second)}
    for kill in range(RESTORE_KILLS):
        child = _start("restores", str(diary_path), str(first), str(second))
        assert _read_line(child) == "ready"
        for _ in range(rng.randint(0, 2)):
            _read_line(child)
        time.sleep(rng.uniform(0, 0.03))
        _kill(child)
        assert integrity.full_problems(diary_path) == [], f"seed {SEED}, kill {kill + 1}"
        with Diary.open(diary_path) as diary:
            assert diary.integrity_problems() == []
        assert backups.content_digest(diary_path) in whole, f"seed {SEED}, kill {kill + 1}: a mix"
