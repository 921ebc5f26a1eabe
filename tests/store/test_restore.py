"""Restoring: the backup is checked first, the current diary kept (a damaged one untouched), then replaced."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the one SQLite library (issue 25)

from diary.core.entry import Entry
from diary.store import backups, migrations, restore
from diary.store.diary import Diary
from diary.store.errors import DiaryDamaged, DiaryUnavailable
from tests.helpers.damage import damage
from tests.helpers.diaries import sample_course, sample_entries
from tests.helpers.seeds import OLDER, build_at, check_seeds_up_to

NOW = dt.datetime(2026, 4, 15, 21, 30, 5)
LATER = NOW + dt.timedelta(minutes=5)


@pytest.fixture
def filled(diary_path: Path) -> Path:
    with Diary.open(diary_path) as diary:
        diary.save_course(sample_course())
        for entry in sample_entries():
            diary.save_entry(entry)
    return diary_path


@pytest.fixture
def backup(filled: Path) -> Path:
    """A backup of `filled`, after which the diary changes (a day is added)."""
    made = backups.make_backup(filled, backups.BY_HAND, NOW)
    with Diary.open(filled) as diary:
        diary.save_entry(Entry(dt.date(2026, 4, 1), mood=2, note="After the backup"))
    return made.path


def _digest(path: Path) -> str:
    return backups.content_digest(path)


def test_restoring_keeps_the_current_diary_as_a_backup_then_replaces_it(filled: Path, backup: Path) -> None:
    current = _digest(filled)
    restored = restore.restore_backup(filled, backup, LATER)

    assert restored.set_aside is None
    assert restored.previous is not None and restored.previous.kind == backups.BEFORE_RESTORE
    assert _digest(restored.previous.path) == current
    assert _digest(filled) == _digest(backup)
    assert restored.facts.days == len(sample_entries())
    assert restored.facts.last_day == sample_entries()[-1].date
    with Diary.open(filled) as diary:
        assert diary.entry(dt.date(2026, 4, 1)) is None
        assert diary.entries() == sample_entries()
        assert diary.integrity_problems() == []
    if os.name == "posix":
        assert filled.stat().st_mode & 0o777 == 0o600


def test_a_restore_is_seen_whole_by_a_program_that_had_the_diary_open(filled: Path, backup: Path) -> None:
    reader = sqlite3.connect(filled)
    assert reader.execute("SELECT count(*) FROM entries").fetchone() == (len(sample_entries()) + 1,)
    restore.restore_backup(filled, backup, LATER)
    assert reader.execute("SELECT count(*) FROM entries").fetchone() == (len(sample_entries()),)
    reader.close()


def test_a_damaged_diary_is_set_aside_byte_for_byte_and_the_backup_takes_its_place(
    filled: Path, backup: Path
) -> None:
    damage(filled)
    original = filled.read_bytes()
    with pytest.raises(DiaryDamaged):
        Diary.open(filled)
    assert filled.read_bytes() == original  # opening did not write to it

    restored = restore.restore_backup(filled, backup, LATER)

    assert restored.previous is None
    assert restored.set_aside == filled.with_name("diary-damaged-2026-04-15-213505.sqlite3")
    assert restored.set_aside.read_bytes() == original
    assert _digest(filled) == _digest(backup)
    with Diary.open(filled) as diary:
        assert diary.entries() == sample_entries()


def test_a_damaged_diarys_log_goes_aside_with_it(filled: Path, backup: Path) -> None:
    damage(filled)
    log = Path(f"{filled}-wal")
    log.write_bytes(b"frames a crash left behind")
    restored = restore.restore_backup(filled, backup, LATER)
    assert restored.set_aside is not None
    assert Path(f"{restored.set_aside}-wal").read_bytes() == b"frames a crash left behind"
    assert not log.exists() or log.read_bytes() != b"frames a crash left behind"
    with Diary.open(filled) as diary:
        assert diary.integrity_problems() == []


def test_restoring_onto_a_new_computer_with_no_diary_yet(tmp_path: Path, filled: Path, backup: Path) -> None:
    fresh = tmp_path / "new-computer" / "diary.sqlite3"
    restored = restore.restore_backup(fresh, backup, LATER)
    assert restored.previous is None and restored.set_aside is None
    with Diary.open(fresh) as diary:
        assert diary.entries() == sample_entries()


@pytest.mark.parametrize("revision", OLDER)
def test_a_backup_from_an_older_version_is_restored_and_then_brought_up_to_date(
    tmp_path: Path, filled: Path, revision: str
) -> None:
    old = tmp_path / "old-backup.sqlite3"
    build_at(old, revision)
    restore.restore_backup(filled, old, LATER)
    with Diary.open(filled) as diary:
        assert diary.revision() == migrations.HEAD_REVISION
        check_seeds_up_to(diary, revision)
    kinds = sorted(backup.kind for backup in backups.list_backups(filled))
    assert kinds == [backups.BEFORE_RESTORE, backups.BEFORE_UPGRADE]


def _not_sqlite(path: Path) -> None:
    path.write_text("my shopping list")


def _other_program(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE songs (title TEXT)")
    connection.commit()
    connection.close()


def _newer(path: Path) -> None:
    build_at(path, migrations.HEAD_REVISION)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()


def _damaged(path: Path) -> None:
    build_at(path, migrations.HEAD_REVISION)
    damage(path)


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (None, "does not exist"),
        (_not_sqlite, "not an IsoDiary backup"),
        (_other_program, "not an IsoDiary diary"),
        (_newer, "newer version of IsoDiary"),
        (_damaged, "is damaged"),
    ],
    ids=["missing", "not sqlite", "another program's", "newer", "damaged"],
)
def test_a_file_that_is_not_a_good_backup_is_refused_before_anything_changes(
    tmp_path: Path, filled: Path, make: object, words: str
) -> None:
    candidate = tmp_path / "candidate.sqlite3"
    if make is not None:
        make(candidate)  # type: ignore[operator]
    current = _digest(filled)
    with pytest.raises(DiaryUnavailable, match=words) as refused:
        restore.restore_backup(filled, candidate, LATER)
    assert "Nothing was changed" in str(refused.value)
    assert _digest(filled) == current
    assert backups.list_backups(filled) == []  # not even a before-restore backup


def test_the_diary_itself_is_not_a_backup(filled: Path) -> None:
    with pytest.raises(DiaryUnavailable, match="the diary itself"):
        restore.restore_backup(filled, filled, LATER)


def test_the_newest_good_backup_skips_damaged_ones(filled: Path) -> None:
    good = backups.make_backup(filled, backups.DAILY, NOW)
    bad = backups.make_backup(filled, backups.DAILY, NOW + dt.timedelta(days=1))
    damage(bad.path)
    found = restore.newest_good_backup(filled)
    assert found is not None and found[0] == good
    assert found[1].describe() == f"{len(sample_entries())} logged days, up to Sunday 15 March 2026"


def test_a_backup_whose_last_day_cannot_be_read_still_says_how_many_days_it_holds() -> None:
    assert restore.BackupFacts("0004", 12, None).describe() == "12 logged days"
    assert restore.BackupFacts("0004", 0, None).describe() == "no days logged"


def test_the_read_back_names_a_broken_list_in_every_list_field(filled: Path) -> None:
    bad = backups.make_backup(filled, backups.BY_HAND, NOW).path
    with sqlite3.connect(bad) as connection:
        connection.execute(
            "UPDATE entries SET serious_symptoms = '[' WHERE rowid = (SELECT min(rowid) FROM entries)"
        )
    connection.close()
    problems = restore.unreadable_rows(bad)
    assert len(problems) == 1 and "field serious_symptoms: is not readable JSON" in problems[0], problems


def test_the_read_back_reads_the_doctors_records_too(filled: Path) -> None:
    bad = backups.make_backup(filled, backups.BY_HAND, NOW).path
    with sqlite3.connect(bad) as connection:
        connection.execute("INSERT INTO weights (date, kg) VALUES ('2026-02-30', 70)")
    connection.close()
    problems = restore.unreadable_rows(bad)
    assert len(problems) == 1 and problems[0].startswith("table weights: "), problems
    with pytest.raises(DiaryUnavailable, match="table weights"):
        restore.restore_backup(filled, bad, LATER)
