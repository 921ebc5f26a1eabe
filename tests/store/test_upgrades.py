"""Upgrades: a diary made at every earlier schema revision, full of realistic data, opens at the
newest one through the normal open path with every value intact, and a backup of it as it was.

The revisions are read from Alembic, so a new one is picked up by itself; its data is one
`Seed` in tests/helpers/seeds.py.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine
from sqlalchemy.dialects import sqlite
from sqlcipher3 import dbapi2 as sqlite3  # the one SQLite library (issue 25)

from diary.core import fields
from diary.core.fields import ENTRY_FIELDS
from diary.store import backups, migrations
from diary.store.diary import Diary
from diary.store.errors import DiaryUnavailable
from diary.store.models import Base, EntryRow
from tests.helpers.seeds import HEAD, OLDER, REVISIONS, SEEDS, build_at, check_seeds_up_to

# Every test below runs for each revision before head.
assert OLDER or HEAD == "0001", "only the very first release may have no earlier revision"


def test_every_revision_has_seed_data() -> None:
    missing = [revision for revision in REVISIONS if revision not in SEEDS]
    assert not missing, f"add a Seed for revision(s) {missing} in tests/helpers/seeds.py"
    assert set(SEEDS) == set(REVISIONS), "tests/helpers/seeds.py has seeds for revisions Alembic lacks"


def test_the_revisions_are_one_line_ending_at_the_programs_head() -> None:
    scripts = ScriptDirectory(str(migrations.migrations_folder()))
    assert scripts.get_heads() == [migrations.HEAD_REVISION] == [HEAD]
    for earlier, later in itertools.pairwise(REVISIONS):
        assert scripts.get_revision(later).down_revision == earlier


@pytest.mark.parametrize("revision", OLDER)
def test_a_diary_from_an_earlier_revision_upgrades_with_every_value(tmp_path: Path, revision: str) -> None:
    path = tmp_path / "diary.sqlite3"
    build_at(path, revision)
    fingerprint = backups.content_digest(path)

    with Diary.open(path) as diary:
        assert diary.revision() == HEAD
        check_seeds_up_to(diary, revision)
        assert diary.integrity_problems() == []

    # The diary as it was is kept, whole and at its old revision, before anything changed.
    (kept,) = backups.list_backups(path)
    assert kept.kind == backups.BEFORE_UPGRADE
    assert backups.content_digest(kept.path) == fingerprint
    # And opening it again changes nothing more: no second upgrade, no second backup.
    with Diary.open(path) as diary:
        check_seeds_up_to(diary, revision)
    assert len(backups.list_backups(path)) == 1


@pytest.mark.parametrize("revision", OLDER)
def test_an_upgraded_diary_has_exactly_the_schema_of_the_models(tmp_path: Path, revision: str) -> None:
    path = tmp_path / "diary.sqlite3"
    build_at(path, revision)
    Diary.open(path).close()
    engine = create_engine(f"sqlite:///{path}", module=sqlite3)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


@pytest.mark.parametrize("revision", OLDER)
def test_an_upgrade_that_cannot_back_up_first_does_not_happen(
    tmp_path: Path, revision: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "diary.sqlite3"
    build_at(path, revision)
    fingerprint = backups.content_digest(path)

    def disk_full(*_args: object) -> None:
        raise backups.BackupFailed("IsoDiary could not back up the diary: the disk is full.")

    monkeypatch.setattr(backups, "copy_diary", disk_full)
    with pytest.raises(DiaryUnavailable, match="disk is full"):
        Diary.open(path)
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (revision,)
    connection.close()
    assert backups.content_digest(path) == fingerprint


def test_a_diary_seeded_at_head_reads_back_every_value(tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    build_at(path, HEAD)
    with Diary.open(path) as diary:
        assert diary.revision() == HEAD
        check_seeds_up_to(diary, HEAD)
    assert backups.list_backups(path) == []  # nothing was upgraded, so nothing to keep


def test_a_missing_file_becomes_an_empty_diary_at_head(tmp_path: Path) -> None:
    # (An existing empty file is damaged, never a new diary: see test_database.py.)
    path = tmp_path / "diary.sqlite3"
    with Diary.open(path) as diary:
        assert diary.revision() == HEAD
        assert diary.entries() == [] and diary.courses() == []
        assert diary.integrity_problems() == []
    assert backups.list_backups(path) == []


def _crash_after_writing(path: Path, sql: str) -> None:
    """A process that commits `sql` and dies without closing: its commit waits in the -wal file."""
    code = (
        "import os, sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
        "c.execute('PRAGMA journal_mode = WAL'); c.execute(sys.argv[2]); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", code, str(path), sql], check=True)


def test_a_diary_from_a_newer_version_is_refused_untouched_even_with_a_log_left_by_a_crash(
    tmp_path: Path,
) -> None:
    path = tmp_path / "diary.sqlite3"
    build_at(path, HEAD)
    _crash_after_writing(path, "UPDATE alembic_version SET version_num = '9999'")
    wal = Path(f"{path}-wal")
    assert wal.stat().st_size > 0, "the newer version's last commit should still be in the log"
    before = {name: (tmp_path / name).read_bytes() for name in ("diary.sqlite3", "diary.sqlite3-wal")}

    with pytest.raises(DiaryUnavailable, match=r"newer version of IsoDiary \(schema 9999\)"):
        Diary.open(path)

    assert {name: (tmp_path / name).read_bytes() for name in before} == before
    assert not backups.backups_folder(path).exists()
    if os.name == "posix":
        # And the refusal says so from the command line too, with exit code 2.
        result = subprocess.run(
            [sys.executable, "-m", "diary", "--db", str(path), "check"], capture_output=True, text=True
        )
        assert result.returncode == 2 and "newer version" in result.stderr
        assert {name: (tmp_path / name).read_bytes() for name in before} == before


def test_the_field_table_the_entry_model_and_the_migrated_entries_table_agree(tmp_path: Path) -> None:
    """Every field of diary.core.fields is a column of the model and of the table the
    revisions build, nullable (NULL is "not logged"), of the kind its values need."""
    path = tmp_path / "diary.sqlite3"
    Diary.open(path).close()
    connection = sqlite3.connect(path)
    table = {
        name: (kind, notnull)
        for _cid, name, kind, notnull, _default, _pk in connection.execute("PRAGMA table_info(entries)")
    }
    connection.close()
    model = {column.name: column for column in EntryRow.__table__.columns}
    expected_kind = {fields.TEXT: "TEXT", fields.KEYS: "JSON", fields.ANSWERS: "JSON"}
    for field in ENTRY_FIELDS:
        assert field.name in model, f"{field.name} is not a column of EntryRow"
        assert field.name in table, f"{field.name} is not a column of the migrated entries table"
        assert model[field.name].nullable and table[field.name][1] == 0, f"{field.name} must allow NULL"
        if field.kind == fields.NUMBER:
            assert field.scale is not None
            kind = "INTEGER" if field.scale.whole_numbers else "FLOAT"
        else:
            kind = expected_kind[field.kind]
        assert table[field.name][0] == kind, field.name
        assert str(model[field.name].type.compile(dialect=sqlite.dialect())) == kind, field.name
    assert set(table) == set(model) == {"date", "saved_at", *(field.name for field in ENTRY_FIELDS)}


def test_a_named_lab_test_is_one_result_per_day_in_the_table_itself(tmp_path: Path) -> None:
    """SQLite keeps NULLs apart in a key, so a null label is stored as '' and the key holds."""
    path = tmp_path / "diary.sqlite3"
    Diary.open(path).close()
    connection = sqlite3.connect(path)
    row = (
        "INSERT INTO lab_results (date, test, label, value, unit) VALUES ('2026-03-02', 'alt', '', 20, 'U/L')"
    )
    connection.execute(row)
    with pytest.raises(sqlite3.IntegrityError):
        connection.execute(row)
    with pytest.raises(sqlite3.IntegrityError):
        connection.execute(row.replace("'', 20", "NULL, 20"))
    connection.close()
