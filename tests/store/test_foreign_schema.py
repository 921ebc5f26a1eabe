"""A file from outside carries nothing but IsoDiary's own schema, or it is refused (issue 22, 1).

A backup with a trigger used to be restored, and the next save deleted every entry while
`isodiary check` said "Integrity: ok". Views, extra tables, two revision rows and settings
Settings could never have saved were accepted too.
"""

from __future__ import annotations

import datetime as dt
import json
from contextlib import closing
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the one SQLite library (issue 25)

from diary.core.entry import Entry
from diary.store import backups, migrations, restore, schema
from diary.store.diary import Diary
from diary.store.errors import DiaryUnavailable, ForeignSchema
from tests.helpers.commands import run
from tests.helpers.diaries import sample_course, sample_entries
from tests.helpers.seeds import OLDER, build_at

NOW = dt.datetime(2026, 4, 15, 21, 30, 5)

# What an attacker (or a careless tool) might leave in a file, and the words that name it.
FOREIGN = {
    "trigger": (
        "CREATE TRIGGER wipe AFTER UPDATE ON entries BEGIN DELETE FROM entries; END",
        "a trigger that IsoDiary never makes (trigger wipe)",
    ),
    "trigger on insert": (
        "CREATE TRIGGER wipe_on_insert AFTER INSERT ON entries BEGIN DELETE FROM entries; END",
        "trigger wipe_on_insert",
    ),
    "view": ("CREATE VIEW everything AS SELECT * FROM entries", "a view that IsoDiary never makes"),
    "extra table": ("CREATE TABLE notes_for_later (x TEXT)", "table notes_for_later"),
    "extra index": ("CREATE INDEX ix_mood ON entries (mood)", "index ix_mood"),
    "two revisions": (
        "INSERT INTO alembic_version VALUES ('9999')",
        "the alembic_version table holds 2 revisions, not one",
    ),
    "dropped index": ("DROP INDEX ix_appointments_day", "the index ix_appointments_day is missing"),
}


def _filled(path: Path) -> Path:
    with Diary.open(path) as diary:
        diary.save_course(sample_course())
        for entry in sample_entries():
            diary.save_entry(entry)
    return path


def _tampered(path: Path, sql: str) -> None:
    with closing(sqlite3.connect(path, isolation_level=None)) as connection:
        connection.execute(sql)


@pytest.fixture
def diary_and_crafted(tmp_path: Path) -> tuple[Path, Path]:
    diary = _filled(tmp_path / "diary.sqlite3")
    crafted = backups.make_backup(diary, backups.BY_HAND, NOW).path
    return diary, crafted


@pytest.mark.parametrize("kind", sorted(FOREIGN))
def test_a_backup_carrying_a_trigger_view_or_extra_table_is_not_restored(
    diary_and_crafted: tuple[Path, Path], kind: str
) -> None:
    diary, crafted = diary_and_crafted
    sql, words = FOREIGN[kind]
    _tampered(crafted, sql)
    before = backups.content_digest(diary)
    with pytest.raises(ForeignSchema) as refused:
        restore.restore_backup(diary, crafted, NOW)
    assert words in str(refused.value) and "Nothing was changed" in str(refused.value)
    assert backups.content_digest(diary) == before
    with Diary.open(diary) as opened:  # and the diary is still IsoDiary's own
        assert len(opened.entries()) == len(sample_entries())


@pytest.mark.parametrize("kind", sorted(FOREIGN))
def test_a_diary_carrying_a_trigger_view_or_extra_table_is_not_opened(tmp_path: Path, kind: str) -> None:
    diary = _filled(tmp_path / "diary.sqlite3")
    sql, words = FOREIGN[kind]
    _tampered(diary, sql)
    before = diary.read_bytes()
    with pytest.raises(ForeignSchema, match="left untouched") as refused:
        Diary.open(diary)
    assert words in str(refused.value)
    assert diary.read_bytes() == before


def test_the_trigger_that_wiped_every_entry_never_runs(tmp_path: Path) -> None:
    """What the person lost before: restore, then one save, then no entries."""
    diary = _filled(tmp_path / "diary.sqlite3")
    crafted = backups.make_backup(diary, backups.BY_HAND, NOW).path
    _tampered(crafted, FOREIGN["trigger on insert"][0])
    with pytest.raises(DiaryUnavailable):
        restore.restore_backup(diary, crafted, NOW)
    with Diary.open(diary) as opened:
        opened.save_entry(Entry(dt.date(2026, 4, 20), mood=6))
        assert len(opened.entries()) == len(sample_entries()) + 1


def test_check_names_a_trigger_in_the_diary_itself_and_exits_1(tmp_path: Path) -> None:
    diary = _filled(tmp_path / "diary.sqlite3")
    _tampered(diary, FOREIGN["trigger"][0])
    checked = run("--db", str(diary), "check")
    assert checked.returncode == 1, checked.stderr
    assert "Integrity: ok" not in checked.stdout
    assert "NOT IsoDiary's own" in checked.stdout and "trigger wipe" in checked.stdout
    assert "Traceback" not in checked.stderr


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("preference.appearance", '"purple"', "'purple' is not a value Settings can hold"),
        ("preference.remind_phq9", '"yes"', "'yes' is not a value Settings can hold"),
        ("preference.reminder_time", '"25:99"', "is not a value Settings can hold"),
        ("preference.password", '"hunter2"', "is not a preference IsoDiary knows"),
        ("first_run_done", '"true"', "is not what IsoDiary remembers there"),
        ("preference.name", "{not json", "is not readable JSON"),
    ],
)
def test_a_backup_with_settings_that_settings_could_never_save_is_refused(
    diary_and_crafted: tuple[Path, Path], key: str, value: str, words: str
) -> None:
    diary, crafted = diary_and_crafted
    with closing(sqlite3.connect(crafted, isolation_level=None)) as connection:
        connection.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, value))
    before = backups.content_digest(diary)
    with pytest.raises(DiaryUnavailable, match="Nothing was changed") as refused:
        restore.restore_backup(diary, crafted, NOW)
    assert f"key {key!r}" in str(refused.value) and words in str(refused.value)
    assert backups.content_digest(diary) == before


@pytest.mark.parametrize("revision", OLDER)
def test_an_older_backup_is_checked_against_its_own_revision_then_restored(
    tmp_path: Path, revision: str
) -> None:
    diary = _filled(tmp_path / "diary.sqlite3")
    old = tmp_path / f"old-{revision}.sqlite3"
    build_at(old, revision)
    restore.restore_backup(diary, old, NOW)
    with Diary.open(diary) as opened:
        assert opened.revision() == migrations.HEAD_REVISION


@pytest.mark.parametrize("revision", OLDER)
def test_an_older_backup_with_a_trigger_is_refused_before_any_upgrade(tmp_path: Path, revision: str) -> None:
    diary = _filled(tmp_path / "diary.sqlite3")
    old = tmp_path / f"old-{revision}.sqlite3"
    build_at(old, revision)
    _tampered(old, "CREATE TRIGGER wipe AFTER INSERT ON entries BEGIN DELETE FROM entries; END")
    with pytest.raises(ForeignSchema, match="trigger wipe"):
        restore.restore_backup(diary, old, NOW)
    with pytest.raises(ForeignSchema, match="trigger wipe"):
        Diary.open(old)


def test_each_revisions_schema_is_derived_from_the_migrations_themselves(tmp_path: Path) -> None:
    """Not written down: a new revision (0005) is checked without anyone listing its tables."""
    for revision in migrations.known_revisions():
        schema.expected_schema.cache_clear()
        expected = schema.expected_schema(revision)
        assert "table entries" in expected and "table alembic_version" in expected
        assert json.loads(schema.cache_file(revision).read_text()) == expected
    head = _filled(tmp_path / "diary.sqlite3")
    with closing(sqlite3.connect(head)) as connection:
        assert schema.foreign_objects(connection, migrations.HEAD_REVISION) == []


def test_an_outdated_remembered_schema_never_refuses_a_sound_diary(tmp_path: Path) -> None:
    diary = _filled(tmp_path / "diary.sqlite3")
    remembered = schema.cache_file(migrations.HEAD_REVISION)
    remembered.parent.mkdir(parents=True, exist_ok=True)
    remembered.write_text(json.dumps({"table something_else": []}))
    schema.expected_schema.cache_clear()
    with Diary.open(diary) as opened:
        assert opened.entries()
