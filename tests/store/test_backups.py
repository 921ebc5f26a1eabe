"""Backups: consistent copies through SQLite's backup API, checked before they get a name, kept by rule."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the one SQLite library (issue 25)

from diary.core.course import Course
from diary.core.entry import Entry
from diary.store import backups, integrity
from diary.store.diary import Diary
from tests.helpers.diaries import REPOSITORY, sample_course, sample_entries

NOW = dt.datetime(2026, 4, 15, 21, 30, 5)
POSIX = os.name == "posix"


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def _days(path: Path) -> list[dt.date]:
    with Diary.open(path) as diary:
        return [entry.date for entry in diary.entries()]


@pytest.fixture
def filled(diary_path: Path) -> Path:
    with Diary.open(diary_path) as diary:
        diary.save_course(sample_course())
        for entry in sample_entries():
            diary.save_entry(entry)
    return diary_path


# Making one ---------------------------------------------------------------------------------


def test_a_backup_is_a_whole_checked_private_file_named_for_when_and_why(filled: Path) -> None:
    made = backups.make_backup(filled, backups.BY_HAND, NOW)

    assert made.path == filled.parent / "backups" / "diary-2026-04-15-213005-by-hand.sqlite3"
    assert made.taken_at == NOW and made.kind == backups.BY_HAND
    assert made.size == made.path.stat().st_size > 0
    assert backups.content_digest(made.path) == backups.content_digest(filled)
    assert integrity.full_problems(made.path) == []
    # One self-contained file, not a database still in WAL mode waiting for its log.
    connection = sqlite3.connect(made.path)
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    connection.close()
    assert sorted(path.name for path in made.path.parent.iterdir()) == [made.path.name]
    if POSIX:
        assert _mode(made.path) == 0o600
        assert _mode(made.path.parent) == 0o700
    assert backups.list_backups(filled) == [made]


def test_a_copy_of_the_diary_file_alone_holds_the_last_save_while_the_window_is_open(filled: Path) -> None:
    with Diary.open(filled) as diary:
        late = Entry(dt.date(2026, 4, 1), mood=4, note="Written just before the copy")
        diary.save_entry(late)
        # What a person copying only diary.sqlite3 (or a sync tool) gets: the last save too.
        plain = filled.with_name("plain-copy.sqlite3")
        plain.write_bytes(filled.read_bytes())
        connection = sqlite3.connect(plain)
        copied = connection.execute("SELECT mood FROM entries WHERE date = '2026-04-01'").fetchone()
        connection.close()
        assert copied == (4,)

        made = backups.make_backup(filled, backups.BY_HAND, NOW)
        assert backups.content_digest(made.path) == backups.content_digest(filled)
    assert dt.date(2026, 4, 1) in _days(made.path)


def test_a_backup_taken_during_a_write_holds_only_what_was_committed(filled: Path) -> None:
    writer = sqlite3.connect(filled, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM entries")
    try:
        made = backups.make_backup(filled, backups.BY_HAND, NOW)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert _days(made.path) == [entry.date for entry in sample_entries()]


def test_a_copy_that_fails_its_check_is_never_given_a_backups_name(
    filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        integrity, "full_problems", lambda *_args, **_kwargs: ["Page 7: btreeInitPage() returns error"]
    )
    with pytest.raises(backups.BackupFailed, match="did not pass SQLite's check"):
        backups.make_backup(filled, backups.BY_HAND, NOW)
    assert list(backups.backups_folder(filled).iterdir()) == []


def test_two_backups_in_the_same_second_both_keep_their_own_name(filled: Path) -> None:
    first = backups.make_backup(filled, backups.BY_HAND, NOW)
    second = backups.make_backup(filled, backups.BY_HAND, NOW)
    assert first.path != second.path and second.path.name == "diary-2026-04-15-213005-2-by-hand.sqlite3"
    assert backups.list_backups(filled) == [second, first]


def test_a_copy_to_a_chosen_file_refuses_to_overwrite_and_is_private(filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "my-copy.sqlite3"
    with pytest.raises(backups.BackupFailed, match="does not exist"):
        backups.copy_diary(filled, target)
    target.parent.mkdir()
    backups.copy_diary(filled, target)
    assert backups.content_digest(target) == backups.content_digest(filled)
    if POSIX:
        assert _mode(target) == 0o600
    before = target.read_bytes()
    with pytest.raises(backups.BackupFailed, match="already exists"):
        backups.copy_diary(filled, target)
    assert target.read_bytes() == before
    with pytest.raises(backups.BackupFailed, match="no diary"):
        backups.copy_diary(tmp_path / "nothing.sqlite3", tmp_path / "x.sqlite3")


def test_the_list_ignores_other_diaries_and_other_files(filled: Path) -> None:
    made = backups.make_backup(filled, backups.DAILY, NOW)
    folder = made.path.parent
    for name in (
        "other-2026-04-15-213005-daily.sqlite3",  # another diary's
        "diary-2026-04-15-daily.sqlite3",  # not our pattern
        "diary-2026-04-15-213005-weekly.sqlite3",  # not a kind we make
        "notes.txt",
        ".diary-2026-04-15-213006-daily.sqlite3.abc.part",
    ):
        (folder / name).write_text("x")
    assert backups.list_backups(filled) == [made]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write anywhere")
def test_a_backup_into_a_folder_we_may_not_write_says_so(filled: Path) -> None:
    folder = backups.private_folder(backups.backups_folder(filled))
    folder.chmod(0o500)
    try:
        with pytest.raises(backups.BackupFailed, match="IsoDiary could not back up"):
            backups.make_backup(filled, backups.BY_HAND, NOW)
    finally:
        folder.chmod(0o700)


# A full disk ------------------------------------------------------------------------------


def _with_small_disk(limit: int, action: str, path: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "tests.helpers.full_disk", str(limit), action, str(path)],
        capture_output=True,
        text=True,
        cwd=REPOSITORY,
        timeout=60,
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return result.stdout.strip()


@pytest.mark.skipif(sys.platform != "linux", reason="needs RLIMIT_FSIZE and SIGXFSZ")
def test_a_full_disk_stops_a_backup_cleanly(filled: Path) -> None:
    fingerprint = backups.content_digest(filled)
    said = _with_small_disk(8192, "backup", filled)
    assert said.startswith("IsoDiary could not back up") and "disk" in said and "full" in said
    assert said.endswith("Your diary is unchanged.")
    assert list(backups.backups_folder(filled).iterdir()) == []  # no half-written backup, no .part
    assert backups.content_digest(filled) == fingerprint


@pytest.mark.skipif(sys.platform != "linux", reason="needs RLIMIT_FSIZE and SIGXFSZ")
def test_a_save_on_a_full_disk_is_refused_whole_and_loses_nothing(filled: Path) -> None:
    said = _with_small_disk(65536, "save", filled)
    # A short write reads as "disk full" to SQLite, a refused one as an I/O error: both in plain words.
    assert ("is full" in said and "nothing was lost" in said) or "may be full or failing" in said, said
    with Diary.open(filled) as diary:
        assert diary.integrity_problems() == []
        assert diary.entry(dt.date(2026, 5, 1)) is None  # all or nothing
        assert [entry.date for entry in diary.entries()] == [entry.date for entry in sample_entries()]


# The daily backup ---------------------------------------------------------------------------


def test_the_first_start_makes_a_daily_backup_and_the_second_that_day_does_not(filled: Path) -> None:
    assert backups.daily_backup_due(filled, NOW)
    made = backups.make_daily_backup(filled, NOW)
    assert made is not None and made.kind == backups.DAILY
    with Diary.open(filled) as diary:
        diary.save_entry(Entry(dt.date(2026, 4, 15), mood=8))
    assert backups.make_daily_backup(filled, NOW.replace(hour=23)) is None
    assert len(backups.list_backups(filled)) == 1


def test_a_day_without_changes_makes_no_new_backup(filled: Path) -> None:
    backups.make_daily_backup(filled, NOW)
    with Diary.open(filled) as diary:
        diary.entries()  # reading is not changing
    assert backups.make_daily_backup(filled, NOW + dt.timedelta(days=1)) is None
    assert len(backups.list_backups(filled)) == 1


@pytest.mark.parametrize(
    "change",
    [
        lambda diary: diary.save_entry(Entry(dt.date(2026, 3, 3), mood=1)),
        lambda diary: diary.delete_entry(dt.date(2026, 3, 2)),
        lambda diary: diary.save_course(Course(dt.date(2025, 9, 1), end_date=dt.date(2025, 12, 1))),
        lambda diary: diary.set_setting("first_run_done", True),
    ],
    ids=["entry changed", "entry deleted", "course added", "setting changed"],
)
def test_any_change_since_the_newest_backup_makes_the_next_days_backup_due(
    filled: Path, change: object
) -> None:
    backups.make_daily_backup(filled, NOW)
    with Diary.open(filled) as diary:
        change(diary)  # type: ignore[operator]
    made = backups.make_daily_backup(filled, NOW + dt.timedelta(days=1))
    assert made is not None
    assert backups.content_digest(made.path) == backups.content_digest(filled)


def test_a_backup_made_for_another_reason_counts_as_the_newest_copy(filled: Path) -> None:
    backups.make_backup(filled, backups.BY_HAND, NOW - dt.timedelta(days=1))
    assert not backups.daily_backup_due(filled, NOW)  # unchanged since the hand-made one


# Keeping them -----------------------------------------------------------------------------


def _fake(folder: Path, taken_at: dt.datetime, kind: str) -> backups.Backup:
    path = folder / f"diary-{taken_at:%Y-%m-%d-%H%M%S}-{kind}.sqlite3"
    path.write_bytes(b"")
    return backups.Backup(path, taken_at, kind, 0)


def test_the_rule_keeps_14_days_and_one_a_month_for_a_year_and_every_backup_made_for_a_reason(
    tmp_path: Path,
) -> None:
    today = dt.date(2026, 4, 15)
    start = dt.datetime(2025, 1, 1, 20, 0)
    made = [_fake(tmp_path, start + dt.timedelta(days=offset), backups.DAILY) for offset in range(470)]
    # Two on one day: only the newer of them counts for that day.
    made.append(_fake(tmp_path, dt.datetime(2026, 4, 14, 7, 0), backups.DAILY))
    reasons = [
        _fake(tmp_path, dt.datetime(2025, 2, 3, 9, 0), backups.BEFORE_UPGRADE),
        _fake(tmp_path, dt.datetime(2025, 6, 3, 9, 0), backups.BEFORE_RESTORE),
        _fake(tmp_path, dt.datetime(2024, 6, 3, 9, 0), backups.BY_HAND),
    ]
    kept = backups.backups_to_keep([*made, *reasons], today)

    last_day = (start + dt.timedelta(days=469)).date()  # 2026-04-15
    expected_days = {last_day - dt.timedelta(days=offset) for offset in range(14)}
    expected_months = {(2026, 4), (2026, 3), (2026, 2), (2026, 1)} | {(2025, month) for month in range(5, 13)}
    daily_kept = [backup for backup in made if backup.path in kept]
    assert {backup.taken_at.date() for backup in daily_kept} >= expected_days
    assert {(backup.taken_at.year, backup.taken_at.month) for backup in daily_kept} == expected_months
    # The monthly one is the newest of its month.
    march = [backup for backup in daily_kept if (backup.taken_at.year, backup.taken_at.month) == (2026, 3)]
    assert [backup.taken_at.day for backup in march] == [31]
    assert len(daily_kept) == 14 + 11  # April's monthly one is today's
    assert all(backup.path in kept for backup in reasons)
    assert dt.datetime(2026, 4, 14, 7, 0) not in {backup.taken_at for backup in daily_kept}


def test_the_rule_never_empties_a_diary_left_alone_for_years(tmp_path: Path) -> None:
    made = [
        _fake(tmp_path, dt.datetime(2020, 1, 1) + dt.timedelta(days=offset), backups.DAILY)
        for offset in range(30)
    ]
    kept = backups.backups_to_keep(made, dt.date(2026, 4, 15))
    assert kept == {backup.path for backup in made[-14:]}


def test_pruning_deletes_only_the_diarys_daily_backups_the_rule_drops(filled: Path) -> None:
    folder = backups.private_folder(backups.backups_folder(filled))
    old = [_fake(folder, NOW - dt.timedelta(days=offset), backups.DAILY) for offset in range(1, 40)]
    reason = _fake(folder, NOW - dt.timedelta(days=300), backups.BEFORE_UPGRADE)
    strangers = [folder / "other-2025-01-01-000000-daily.sqlite3", folder / "notes.txt"]
    for path in strangers:
        path.write_text("not ours")
    stale = folder / ".diary-2026-01-01-000000-daily.sqlite3.x1.part"
    fresh = folder / ".diary-2026-04-15-213000-daily.sqlite3.x2.part"
    for path in (stale, fresh):
        path.write_bytes(b"half")
    os.utime(stale, (0, 0))
    # The fresh one is being written now: its writer holds it locked, as copy_diary does.
    import fcntl

    writer = os.open(fresh, os.O_RDONLY)
    fcntl.flock(writer, fcntl.LOCK_EX)

    try:
        made = backups.make_daily_backup(filled, NOW)
    finally:
        os.close(writer)

    assert made is not None
    remaining = {backup.path for backup in backups.list_backups(filled)}
    assert made.path in remaining and reason.path in remaining
    assert remaining == backups.backups_to_keep([*old, reason, made], NOW.date())
    assert len([backup for backup in old if backup.path in remaining]) == 13 + 1  # 13 days + March's
    assert all(path.exists() for path in strangers)
    assert not stale.exists() and fresh.exists()


def test_a_backup_killed_mid_copy_leaves_no_part_file_once_isodiary_starts_again(filled: Path) -> None:
    folder = backups.private_folder(backups.backups_folder(filled))
    # Just now, tens of MB in real life: a kill leaves it unlocked, so it is not being written.
    killed = folder / ".diary-2026-04-15-213000-daily.sqlite3.k1.part"
    killed.write_bytes(b"x" * 4096)
    Path(f"{killed}-journal").write_bytes(b"j")

    assert set(backups.remove_leftovers(filled)) == {killed, Path(f"{killed}-journal")}
    assert not killed.exists() and not Path(f"{killed}-journal").exists()


def test_daily_backups_of_an_emptied_diary_never_push_the_good_ones_out(filled: Path) -> None:
    for offset in range(20, 0, -1):
        backups.make_backup(filled, backups.DAILY, NOW - dt.timedelta(days=offset))
    good = {backup.path for backup in backups.list_backups(filled)}
    with Diary.open(filled) as diary:
        for entry in diary.entries():
            diary.delete_entry(entry.date)

    for offset in range(0, 20):
        backups.make_daily_backup(filled, NOW + dt.timedelta(days=offset))

    kept = {backup.path for backup in backups.list_backups(filled)}
    assert len(good & kept) >= backups.DAYS_KEPT
