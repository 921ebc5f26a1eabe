"""`isodiary chart`: the figure written headless by extension, and exit code 2 with a clear message."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from diary.cli import main
from diary.core.entry import Entry
from diary.store.diary import Diary
from tests.helpers.diaries import START, sample_course, sample_entries

MAGIC = {"png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF"}


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "diary.sqlite3"
    with Diary.open(path) as diary:
        diary.save_course(sample_course())
        for entry in sample_entries():
            diary.save_entry(entry)
    return str(path)


@pytest.mark.parametrize("kind", ["png", "svg", "pdf"])
def test_the_extension_chooses_png_svg_or_pdf(
    db: str, tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"chart.{kind}"
    assert main(["--db", db, "chart", "-o", str(out), "--from", "2026-03-02", "--to", "2026-03-15"]) == 0
    assert out.read_bytes().startswith(MAGIC[kind])
    assert capsys.readouterr().out == f"Wrote {out}: 2026-03-02 to 2026-03-15, 12 logged days.\n"


def test_without_dates_the_chart_covers_the_course_up_to_today(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "course.png"
    assert main(["--db", db, "chart", "-o", str(out)]) == 0
    assert f"{START.isoformat()} to {dt.date.today().isoformat()}" in capsys.readouterr().out


def test_from_alone_runs_to_the_end_of_the_course_range(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "later.svg"
    assert main(["--db", db, "chart", "-o", str(out), "--from", "2026-03-10"]) == 0
    assert f"2026-03-10 to {dt.date.today().isoformat()}, 5 logged days" in capsys.readouterr().out


def test_an_empty_diary_gets_a_chart_that_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "empty.png"
    assert main(["--db", str(tmp_path / "new.sqlite3"), "chart", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(MAGIC["png"])
    assert "nothing is logged" in capsys.readouterr().out


def test_with_no_course_the_chart_covers_the_whole_diary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "no-course.sqlite3"
    with Diary.open(db) as diary:
        diary.save_entry(Entry(dt.date(2025, 6, 1), mood=6))
    assert main(["--db", str(db), "chart", "-o", str(tmp_path / "all.pdf")]) == 0
    assert f"2025-06-01 to {dt.date.today().isoformat()}, 1 logged day." in capsys.readouterr().out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["-o", "{tmp}/chart.jpg"], "{tmp}/chart.jpg: .jpg is not a type IsoDiary can write"),
        (
            ["-o", "{tmp}/chart"],
            "{tmp}/chart: the name has no extension; end the name with .png, .svg or .pdf",
        ),
        (["-o", "{tmp}/missing/chart.png"], "the folder {tmp}/missing does not exist"),
        (["-o", "{tmp}"], "{tmp}: is a folder"),
        (
            ["-o", "{tmp}/c.png", "--from", "2026-03-10", "--to", "2026-03-02"],
            "--from 2026-03-10 is after --to",
        ),
        (["-o", "{tmp}/c.png", "--from", "2099-01-01"], "--from 2099-01-01 is after the chart's last day"),
        (["-o", "{tmp}/c.png", "--to", "2020-01-01"], "--to 2020-01-01 is before the chart's first day"),
    ],
)
def test_bad_input_exits_2_naming_what_and_where(
    db: str, tmp_path: Path, arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    arguments = [argument.replace("{tmp}", str(folder)) for argument in arguments]
    assert main(["--db", db, "chart", *arguments]) == 2
    assert message.replace("{tmp}", str(folder)) in capsys.readouterr().err
    assert list(folder.iterdir()) == []  # nothing written, not even a part


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root may write anywhere")
def test_a_folder_it_may_not_write_in(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert main(["--db", db, "chart", "-o", str(locked / "c.png")]) == 2
    finally:
        locked.chmod(0o700)
    assert f"may not write in the folder {locked}" in capsys.readouterr().err


def test_no_traceback_and_usage_errors_exit_2(db: str, tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "diary", "--db", db, "chart", *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)

    bad = run("-o", str(tmp_path / "chart.gif"))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert bad.stderr.startswith(f"isodiary: {tmp_path / 'chart.gif'}: .gif is not a type")
    no_output = run()
    assert no_output.returncode == 2 and "-o/--output" in no_output.stderr
    bad_date = run("-o", str(tmp_path / "c.png"), "--from", "2026-02-30")
    assert bad_date.returncode == 2 and "'2026-02-30' is not a date" in bad_date.stderr
    help_text = run("--help")
    assert help_text.returncode == 0 and ".png, .svg or .pdf" in help_text.stdout
