"""What a person notices on the command line when what reaches IsoDiary is hostile or the
computer refuses: a plain message and the right exit code, never a traceback (issue 22)."""

from __future__ import annotations

from pathlib import Path

import pytest

from diary.store import backups
from tests.helpers.commands import demo_diary, run
from tests.helpers.damage import damage_a_name


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return demo_diary(tmp_path / "diary.sqlite3")


# 2. A damaged diary -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["check"], ["export", "--format", "json"], ["flags"], ["backup"], ["backup", "-o", "COPY"]],
    ids=["check", "export", "flags", "backup", "backup -o"],
)
def test_every_command_on_a_damaged_diary_says_damaged_and_exits_1(
    db: Path, tmp_path: Path, args: list[str]
) -> None:
    damage_a_name(db)
    args = [str(tmp_path / "copy.sqlite3") if arg == "COPY" else arg for arg in args]
    result = run("--db", str(db), *args)
    assert result.returncode == 1, result.stderr
    assert "damaged" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "copy.sqlite3").exists()


def test_restore_over_a_diary_whose_damage_report_is_not_utf8_sets_it_aside(db: Path) -> None:
    good = backups.make_backup(db, backups.BY_HAND).path
    damage_a_name(db)
    original = db.read_bytes()
    result = run("--db", str(db), "restore", str(good))
    assert result.returncode == 0, result.stderr
    (aside,) = db.parent.glob("diary-damaged-*.sqlite3")
    assert aside.read_bytes() == original
    assert run("--db", str(db), "check").returncode == 0
