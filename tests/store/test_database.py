"""Opening a diary file: created with the current schema, refused (untouched) when not ours."""

import os
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the one SQLite library (issue 25)

from diary.store import database, migrations
from diary.store.diary import Diary
from diary.store.errors import DiaryUnavailable
from tests.helpers.pragmas import pragma_of


def test_a_new_diary_is_made_at_the_newest_revision_in_wal_mode(diary_path: Path) -> None:
    with Diary.open(diary_path) as diary:
        assert diary.revision() == migrations.HEAD_REVISION
    connection = sqlite3.connect(diary_path)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    connection.close()


def test_the_folder_is_created_when_missing(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "diary.sqlite3"
    with Diary.open(path):
        assert path.is_file()


def test_every_connection_has_foreign_keys_and_durable_commits(diary: Diary) -> None:
    assert pragma_of(diary, "foreign_keys") == "1"
    assert pragma_of(diary, "synchronous") == "2"  # FULL


def _untouched(path: Path) -> bytes:
    return path.read_bytes()


def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("my shopping list\n")
    before = path.read_bytes()
    with pytest.raises(DiaryUnavailable, match="not an IsoDiary diary"):
        Diary.open(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE songs (title TEXT)")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(DiaryUnavailable, match="not an IsoDiary diary"):
        Diary.open(path)
    assert path.read_bytes() == before


def test_a_diary_from_a_newer_isodiary_is_refused_untouched(diary_path: Path) -> None:
    Diary.open(diary_path).close()
    connection = sqlite3.connect(diary_path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    before = diary_path.read_bytes()
    with pytest.raises(DiaryUnavailable, match="newer version of IsoDiary"):
        Diary.open(diary_path)
    assert diary_path.read_bytes() == before


def test_a_folder_is_not_a_diary(tmp_path: Path) -> None:
    with pytest.raises(DiaryUnavailable, match="folder"):
        Diary.open(tmp_path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may read any file")
def test_a_file_we_may_not_write_is_refused(diary_path: Path) -> None:
    Diary.open(diary_path).close()
    diary_path.chmod(0o400)
    with pytest.raises(DiaryUnavailable, match="permission"):
        Diary.open(diary_path)


def test_a_locked_diary_is_reported_in_use(diary_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Diary.open(diary_path).close()
    monkeypatch.setattr(database, "BUSY_TIMEOUT_SECONDS", 0.1)
    holder = sqlite3.connect(diary_path, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DiaryUnavailable, match="in use"):
            Diary.open(diary_path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_damaged_bytes_are_reported_in_plain_words(diary_path: Path) -> None:
    Diary.open(diary_path).close()
    data = bytearray(diary_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    diary_path.write_bytes(bytes(data))
    with pytest.raises(DiaryUnavailable, match=r"damaged|not a diary"):
        Diary.open(diary_path)
