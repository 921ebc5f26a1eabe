"""Issue 25's figures: a protected ten-year diary opens within 1.3x of the plain one (the
passphrase's own derivation not counted: it is timed apart, as `unlock_ms`), and a save
on it stays within the 25 ms budget (processes.saves_in_child with the passphrase)."""

from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path

from diary.store import protection
from diary.store.diary import Diary

PASSPHRASE = "a bench passphrase"  # a throwaway copy of a synthetic diary


def protected_copy(plain: Path, folder: Path) -> Path:
    """A copy of the diary at `plain`, in a folder of its own, protected by PASSPHRASE."""
    folder.mkdir()
    copy = folder / plain.name
    shutil.copy2(plain, copy)
    protection.protect(copy, PASSPHRASE)
    protection.lock()
    return copy


def unlock_ms(encrypted: Path, runs: int = 3) -> float:
    """The passphrase's derivation (scrypt, 64 MiB): what the unlock prompt waits for, median."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        protection.unlock(encrypted, PASSPHRASE)
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def _open_and_read(path: Path, keys: protection.DiaryKeys | None) -> float:
    """Open the diary and read what the window's first frame and Trends read: every entry,
    the mood entries, the courses. Milliseconds."""
    began = time.perf_counter()
    with Diary.open(path, keys=keys) as diary:
        diary.entries()
        diary.mood_entries()
        diary.courses()
        diary.preferences()
    return (time.perf_counter() - began) * 1000


def open_times(plain: Path, encrypted: Path, runs: int = 11) -> tuple[float, float]:
    """Median milliseconds to open and read the plain diary and the protected one, their
    runs taken in turn (so a busy moment of the machine weighs on both alike)."""
    keys = protection.unlock(encrypted, PASSPHRASE)  # not counted: the KDF is unlock_ms
    _open_and_read(plain, None), _open_and_read(encrypted, keys)  # warm both
    plain_times, encrypted_times = [], []
    for _ in range(runs):
        plain_times.append(_open_and_read(plain, None))
        encrypted_times.append(_open_and_read(encrypted, keys))
    protection.lock()
    return statistics.median(plain_times), statistics.median(encrypted_times)
