"""A process that works on a diary until it is killed, telling its parent what is done.

    python -m tests.helpers.crash_child saves DIARY FIRST     save operations FIRST, FIRST+1, ...
    python -m tests.helpers.crash_child backups DIARY         back up the diary again and again
    python -m tests.helpers.crash_child restores DIARY A B    restore A, then B, then A...

Each line it prints is an acknowledgement, printed (and flushed) only after the call
returned: exactly when the window would show "Saved". The first line is the connection's
`synchronous` setting, so the test knows the saves it checks are power-cut safe too.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from diary.core.entry import Entry

BASE = dt.date(2026, 1, 1)
DAYS = 61  # operations cycle over these days, so days are written, rewritten and deleted
SIGNS = ("sad", "irritable", "no_energy", "withdrawn")


def day_of(operation: int) -> dt.date:
    return BASE + dt.timedelta(days=operation * 7 % DAYS)


def entry_of(operation: int) -> Entry | None:
    """What operation `operation` leaves on its day: an entry, or None (the day deleted)."""
    if operation % 11 == 5:
        return None
    return Entry(
        date=day_of(operation),
        dose_mg=[0, 20, 40, 22.5][operation % 4],
        lips=operation % 11,
        mood=None if operation % 3 == 0 else operation % 11,
        warning_signs=SIGNS[: operation % 5] if operation % 2 else None,
        breakouts_new=operation % 1000,
        phq9=tuple((operation + item) % 4 for item in range(9)) if operation % 7 == 0 else None,
        note=f"Operation {operation}: " + "words " * (operation % 50),
    )


def _acknowledge(text: object) -> None:
    sys.stdout.write(f"{text}\n")
    sys.stdout.flush()


def saves(path: Path, first: int) -> None:
    from diary.store.diary import Diary
    from tests.helpers.pragmas import pragma_of

    diary = Diary.open(path)
    _acknowledge("synchronous=" + pragma_of(diary, "synchronous"))
    operation = first
    while True:
        entry = entry_of(operation)
        if entry is None:
            diary.delete_entry(day_of(operation))
        else:
            diary.save_entry(entry)
        _acknowledge(operation)
        operation += 1


def backups_forever(path: Path) -> None:
    from diary.store import backups

    _acknowledge("ready")
    while True:
        made = backups.make_backup(path, backups.BY_HAND)
        _acknowledge(made.path)


def restores(path: Path, first: Path, second: Path) -> None:
    from diary.store.restore import restore_backup

    _acknowledge("ready")
    while True:
        for backup in (first, second):
            restore_backup(path, backup)
            _acknowledge(backup)


if __name__ == "__main__":
    mode, diary_path = sys.argv[1], Path(sys.argv[2])
    if mode == "saves":
        saves(diary_path, int(sys.argv[3]))
    elif mode == "backups":
        backups_forever(diary_path)
    else:
        restores(diary_path, Path(sys.argv[3]), Path(sys.argv[4]))
