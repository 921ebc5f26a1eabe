"""Damaging a diary file the way a failing disk does, for the tests that must notice it."""

from __future__ import annotations

from pathlib import Path

from sqlcipher3 import dbapi2 as sqlite3  # the one SQLite library (issue 25)

from diary.store import integrity

PAGE = 4096


def fold_log(path: Path) -> None:
    """Fold the write-ahead log into the file, so the bytes on disk are the whole diary."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def damage(path: Path) -> None:
    """Overwrite the page headers of the diary's last pages (entry data) with garbage.

    Asserts that SQLite's quick check now fails, so a test cannot pass on undamaged bytes.
    """
    fold_log(path)
    for leftover in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    data = bytearray(path.read_bytes())
    pages = len(data) // PAGE
    for page in range(max(2, pages - 3), pages):
        data[page * PAGE : page * PAGE + 64] = b"\x55" * 64
    path.write_bytes(bytes(data))
    assert integrity.quick_problems(path), "the damage should be visible to SQLite's quick check"


def damage_a_name(path: Path) -> None:
    """Break an index's name in the schema into bytes that are not UTF-8: SQLite's report
    ("malformed database schema (...)") then quotes them, as it did for the tester."""
    fold_log(path)
    for leftover in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    data = path.read_bytes()
    assert b"ix_appointments_day" in data, "the index's name should be in the file"
    # Every copy (SQLite may leave an old copy of the schema in a free page), and the index's
    # SQL made unreadable too: SQLite 3.53 (SQLCipher's) reads a name that is not UTF-8 alone.
    data = data.replace(b"ix_appointments_day ON appointments", b"ix_appointments_day OX appointments")
    path.write_bytes(data.replace(b"ix_appointments_day", b"\xff\xfe\xfdappointments_day"))
