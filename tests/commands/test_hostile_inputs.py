"""What a person notices on the command line when what reaches IsoDiary is hostile or the
computer refuses: a plain message and the right exit code, never a traceback (issue 22)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from diary.store import backups
from tests.helpers.commands import DEMO, demo_diary, run
from tests.helpers.damage import damage_a_name
from tests.helpers.diaries import REPOSITORY
from tests.helpers.full_disk import needs_tmpfs, small_disk


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


# 6. Only regular files are read ------------------------------------------------------------


@pytest.mark.parametrize("command", ["import", "restore"])
@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_importing_or_restoring_a_fifo_a_device_or_a_folder_is_refused_at_once(
    db: Path, tmp_path: Path, command: str, kind: str
) -> None:
    if kind == "fifo":
        target = tmp_path / "pipe.json"
        os.mkfifo(target)
    elif kind == "folder":
        target = tmp_path / "folder.json"
        target.mkdir()
    else:
        target = Path("/dev/zero")
    before = backups.content_digest(db)
    result = run("--db", str(db), command, str(target))  # it used to hang forever
    assert result.returncode == 2, result.stderr
    assert "not a file" in result.stderr and "Traceback" not in result.stderr
    assert backups.content_digest(db) == before


# 10. Names too long for the disk -------------------------------------------------------------

LONG = "x" * 300


@pytest.mark.parametrize(
    "args",
    [
        ["restore", f"{LONG}.sqlite3"],
        ["chart", "-o", f"{LONG}.png"],
        ["report", "-o", f"{LONG}.pdf"],
        ["backup", "-o", f"{LONG}.sqlite3"],
        ["export", "-o", f"{LONG}.json"],
        ["import", f"{LONG}.json"],
    ],
    ids=["restore", "chart", "report", "backup -o", "export -o", "import"],
)
def test_a_name_too_long_for_the_disk_is_said_plainly_with_exit_2(db: Path, args: list[str]) -> None:
    result = run("--db", str(db), *args)
    assert result.returncode == 2, result.stderr
    assert "too long" in result.stderr and "Traceback" not in result.stderr


def test_a_diary_name_too_long_for_the_disk_is_said_plainly_with_exit_2(tmp_path: Path) -> None:
    result = run("--db", str(tmp_path / f"{LONG}.sqlite3"), "check")
    assert result.returncode == 2 and "too long" in result.stderr and "Traceback" not in result.stderr


# 7. A disk that fills up ---------------------------------------------------------------------


@needs_tmpfs
def test_an_import_onto_a_disk_that_fills_up_says_so_and_imports_nothing(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "200k") as disk:
        diary = disk / "diary.sqlite3"
        result = run("--db", str(diary), "import", str(DEMO))
        assert result.returncode == 1, result.stderr
        assert "is full" in result.stderr and "Nothing was imported" in result.stderr
        assert "Traceback" not in result.stderr
        assert not any(disk.glob(".*.part"))


@needs_tmpfs
@pytest.mark.parametrize("appending", [False, True], ids=["> FILE", ">> FILE"])
def test_export_to_standard_output_on_a_full_disk_exits_1_and_leaves_no_part(
    db: Path, tmp_path: Path, appending: bool
) -> None:
    # Issue 22, 7: `isodiary export > FILE` on a full disk exited 0 leaving 64 KiB of 1.4 MB.
    with small_disk(tmp_path / "disk", "16k") as disk:
        target = disk / "export.json"
        target.write_text("what the file held before\n")
        with target.open("a" if appending else "w") as output:
            result = subprocess.run(
                [sys.executable, "-m", "diary", "--db", str(db), "export", "--format", "json"],
                stdout=output,
                stderr=subprocess.PIPE,
                text=True,
                timeout=120,
                cwd=REPOSITORY,
            )
        assert result.returncode == 1, result.stderr
        assert "the disk is full" in result.stderr and "Traceback" not in result.stderr
        assert target.read_text() == ("what the file held before\n" if appending else "")


# 12. A diary on read-only media can be read out ----------------------------------------------


@needs_tmpfs
@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["check"], "Integrity: ok"),
        (["export", "--format", "json"], '"entries"'),
        (["export", "--format", "csv"], "date,"),
        (["flags"], ""),
        (["chart", "-o", "OUT/chart.png"], "Wrote"),
        (["report", "-o", "OUT/summary.pdf", "--from", "2026-01-01", "--to", "2026-06-30"], "Wrote"),
    ],
    ids=["check", "export json", "export csv", "flags", "chart", "report"],
)
def test_reading_commands_work_on_a_diary_on_read_only_media(
    db: Path, tmp_path: Path, args: list[str], words: str
) -> None:
    with small_disk(tmp_path / "media", "2m") as media:
        diary = media / "diary.sqlite3"
        diary.write_bytes(db.read_bytes())
        before = diary.read_bytes()
        subprocess.run(["mount", "-o", "remount,ro", str(media)], check=True)
        out = tmp_path / "out"
        out.mkdir()
        args = [arg.replace("OUT", str(out)) for arg in args]
        result = run("--db", str(diary), *args)
        assert result.returncode == 0, result.stderr
        assert words in result.stdout + result.stderr
        assert sorted(p.name for p in media.iterdir()) == ["diary.sqlite3"]  # no -shm, no -wal
        assert diary.read_bytes() == before


# Found by the fuzz test: an output named after a device replaced the device ---------------


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="making a device needs root")
@pytest.mark.parametrize(
    "args",
    [
        ["export", "--format", "json", "-o", "DEVICE"],
        ["chart", "-o", "DEVICE.png"],
        ["report", "-o", "DEVICE.pdf"],
    ],
    ids=["export", "chart", "report"],
)
def test_an_output_named_after_a_device_is_refused_and_the_device_stays(
    db: Path, tmp_path: Path, args: list[str]
) -> None:
    # A device of the test's own: the rename used to put the export in place of /dev/null.
    name = "null-device" + ("" if args[0] == "export" else args[-1].removeprefix("DEVICE"))
    device = tmp_path / name
    os.mknod(device, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    args = [str(device) if arg.startswith("DEVICE") else arg for arg in args]
    result = run("--db", str(db), *args)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "Wrote" not in result.stdout + result.stderr
    assert stat.S_ISCHR(device.stat().st_mode), "the device was replaced by a file"


def test_a_diary_named_after_a_fifo_is_refused_by_every_command_at_once(db: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.sqlite3"
    os.mkfifo(fifo)
    for args in (["check"], ["import", str(DEMO)], ["restore", str(db)], ["export", "--format", "csv"]):
        result = run("--db", str(fifo), *args)  # each used to wait forever on the pipe
        assert result.returncode == 2, (args, result.stderr)
        assert "not a diary file" in result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_fifo_chosen_in_the_windows_import_dialog_is_refused_at_once(tmp_path: Path) -> None:
    """The window reads a chosen file through the store's reader: a pipe is refused, not read."""
    from diary.core.interchange import InterchangeError
    from diary.store.diary import Diary
    from diary.store.importing import read_document

    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with Diary.open(tmp_path / "diary.sqlite3") as diary, pytest.raises(InterchangeError, match="FIFO"):
        read_document(diary, fifo)
