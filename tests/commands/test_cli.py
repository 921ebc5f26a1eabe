"""The `isodiary` command: import, export and check, with exit code 2 and a clear message on bad input."""

import datetime as dt
import json
from pathlib import Path

import pytest

from diary import __version__
from diary.cli import main
from diary.core.interchange import document_to_json
from diary.store.migrations import HEAD_REVISION
from tests.helpers.commands import DEMO, run
from tests.helpers.diaries import sample_document


def test_version_and_help() -> None:
    assert run("--version").stdout.strip() == f"isodiary {__version__}"
    for command in ("import", "export", "check"):
        result = run(command, "--help")
        assert result.returncode == 0 and "usage: isodiary" in result.stdout


def test_import_export_round_trip_through_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "d.sqlite3")
    assert main(["--db", db, "import", str(DEMO)]) == 0
    assert "Imported" in capsys.readouterr().out
    out = tmp_path / "export.json"
    assert main(["--db", db, "export", "--format", "json", "-o", str(out)]) == 0
    exported = json.loads(out.read_text())
    assert exported["version"] == 3 and exported["photos"] == []
    # The demo is a version-1 file: its days have no serious_symptoms, written null since version 2.
    assert [{**entry, "serious_symptoms": None} for entry in json.loads(DEMO.read_text())["entries"]] == [
        {**entry, "serious_symptoms": None} for entry in exported["entries"]
    ]
    assert all(entry["serious_symptoms"] is None for entry in exported["entries"])
    csv_out = tmp_path / "export.csv"
    assert main(["--db", db, "export", "-o", str(csv_out)]) == 0
    assert csv_out.read_text().startswith("date,dose_mg,lips")


def test_export_to_standard_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "d.sqlite3")
    main(["--db", db, "import", str(DEMO)])
    capsys.readouterr()
    assert main(["--db", db, "export", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("date,")


def test_the_environment_variable_chooses_the_diary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "from-env.sqlite3"
    monkeypatch.setenv("ISODIARY_DB", str(db))
    assert main(["import", str(DEMO)]) == 0
    assert db.is_file()


def test_a_bad_file_exits_2_naming_file_entry_and_field(tmp_path: Path) -> None:
    data = json.loads(document_to_json(sample_document(), __import__("datetime").datetime.now()))
    data["entries"][2]["dryness"] = {"lips": 14}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    result = run("--db", str(tmp_path / "d.sqlite3"), "import", str(bad))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert str(bad) in result.stderr
    assert "entries[2026-03-04]: dryness.lips" in result.stderr
    assert "Nothing was imported" in result.stderr
    check = run("--db", str(tmp_path / "d.sqlite3"), "check")
    assert "Entries: 0" in check.stdout


def test_a_conflict_names_the_days_and_replace_resolves_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "d.sqlite3")
    assert main(["--db", db, "import", str(DEMO)]) == 0
    assert main(["--db", db, "import", str(DEMO)]) == 0  # the same file twice changes nothing
    assert capsys.readouterr().out.splitlines()[-1].startswith("Nothing was imported.")
    from diary.core.entry import Entry
    from diary.store.diary import Diary

    with Diary.open(db) as diary:
        diary.save_entry(Entry(dt.date(2026, 3, 2), mood=1))
    assert main(["--db", db, "import", str(DEMO)]) == 2
    err = capsys.readouterr().err
    assert "already in the diary: 2026-03-02" in err and "--replace" in err
    assert err.count("Nothing was imported") == 1
    assert main(["--db", db, "import", "--replace", str(DEMO)]) == 0


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["import", "nowhere.json"], "cannot be read"),
        (["import", "diary.pdf"], "unknown kind of file"),
        (["export", "-o", "out.xlsx"], "unknown kind of file"),
        (["export"], "--format"),
    ],
)
def test_bad_arguments_exit_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    assert main(["--db", str(tmp_path / "d.sqlite3"), *args]) == 2
    assert words in capsys.readouterr().err


def test_usage_errors_exit_2() -> None:
    result = run("import")
    assert result.returncode == 2 and "usage:" in result.stderr


def test_check_reports_revision_and_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "d.sqlite3")
    main(["--db", db, "import", str(DEMO)])
    capsys.readouterr()
    assert main(["--db", db, "check"]) == 0
    out = capsys.readouterr().out
    assert f"Schema revision: {HEAD_REVISION}" in out and "Integrity: ok" in out
    assert f"Entries: {len(json.loads(DEMO.read_text())['entries'])}" in out


def test_check_and_import_refuse_a_file_that_is_not_a_diary(tmp_path: Path) -> None:
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("not a database")
    for args in (["check"], ["import", str(DEMO)]):
        result = run("--db", str(notes), *args)
        assert result.returncode == 2
        assert "not an IsoDiary diary" in result.stderr and "Traceback" not in result.stderr
    assert notes.read_text() == "not a database"


def test_demo_diary_is_a_throwaway_copy(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--demo", "check"]) == 0
    out = capsys.readouterr().out
    demo_path = Path(out.splitlines()[0].removeprefix("Diary: "))
    assert "Integrity: ok" in out
    assert not demo_path.exists()


def test_flags_prints_the_spec_json_and_filters_by_range(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from diary.core.entry import Entry
    from diary.store.diary import Diary

    db = tmp_path / "d.sqlite3"
    with Diary.open(db) as diary:
        for offset, mood in enumerate((2, 3, 1, 8)):
            diary.save_entry(Entry(dt.date(2026, 5, 1) + dt.timedelta(days=offset), mood=mood))
        diary.save_entry(Entry(dt.date(2026, 6, 1), warning_signs=("hallucinations",)))
    capsys.readouterr()
    assert main(["--db", str(db), "flags", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {
            "rule": "low_mood_run",
            "severity": "warning",
            "date": "2026-05-03",
            "end_date": None,
            "reason": "From IsoDiary's reading of your mood scores: a mood of 3 or less (out of 10) "
            "on 3 days in a row, based on 1–3 May 2026.",
        },
        {
            "rule": "warning_sign",
            "severity": "urgent",
            "date": "2026-06-01",
            "end_date": None,
            "reason": "A warning sign from the Medication Guide: Saw or heard things that are not real.",
        },
    ]
    assert main(["--db", str(db), "flags", "--json", "--from", "2026-05-10", "--to", "2026-12-31"]) == 0
    assert [flag["date"] for flag in json.loads(capsys.readouterr().out)] == ["2026-06-01"]
    assert main(["--db", str(db), "flags"]) == 0
    text = capsys.readouterr().out
    assert "1 Jun 2026  URGENT" in text and "[Open]" in text
    # A flag's own days decide the range, never the days behind it; always the whole diary.
    assert main(["--db", str(db), "flags", "--json", "--to", "2026-05-02"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["--db", str(db), "flags", "--json", "--from", "2026-05-03", "--to", "2026-05-03"]) == 0
    assert [flag["rule"] for flag in json.loads(capsys.readouterr().out)] == ["low_mood_run"]
    for flag in json.loads(main(["--db", str(db), "flags", "--json"]) == 0 and capsys.readouterr().out):
        assert set(flag) == {"rule", "severity", "date", "end_date", "reason"}


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["flags", "--from", "2026-13-01"], "not a date"),
        (["flags", "--from", "2026-05-02", "--to", "2026-05-01"], "after"),
    ],
)
def test_flags_refuses_bad_dates(tmp_path: Path, args: list[str], words: str) -> None:
    result = run("--db", str(tmp_path / "d.sqlite3"), *args)
    assert result.returncode == 2 and words in result.stderr and "Traceback" not in result.stderr


def test_flags_on_an_empty_diary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path / "d.sqlite3"), "flags", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["--db", str(tmp_path / "d.sqlite3"), "flags"]) == 0
    assert capsys.readouterr().out.strip() == "No mood flags."
