"""Import and export of files: all or nothing, the spec's merge rules, private files."""

import datetime as dt
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from diary.core.course import Course
from diary.core.entry import Entry
from diary.core.interchange import InterchangeError, document_to_json, entries_to_csv
from diary.core.interchange.file_kinds import render
from diary.core.interchange.import_messages import ImportConflict
from diary.core.preferences import Preferences
from diary.core.routine import DEFAULT_ROUTINE, RoutineStep
from diary.store.diary import Diary
from diary.store.exporting import export_file, whole_document
from diary.store.importing import import_document, import_file
from tests.helpers.diaries import START, demo_document, sample_course, sample_document, sample_entries

NOW = dt.datetime(2026, 11, 21, 9, 30, tzinfo=dt.UTC)


def write(path: Path, document: object) -> Path:
    path.write_text(document_to_json(document, NOW), encoding="utf-8")  # type: ignore[arg-type]
    return path


def test_export_import_export_is_identical_for_the_five_month_demo(tmp_path: Path) -> None:
    source = write(tmp_path / "demo.json", demo_document())
    with Diary.open(tmp_path / "one.sqlite3") as first:
        import_file(first, source)
        exported = render(whole_document(first), "json", NOW)
    again = tmp_path / "again.json"
    again.write_text(exported, encoding="utf-8")
    with Diary.open(tmp_path / "two.sqlite3") as second:
        summary = import_file(second, again)
        assert render(whole_document(second), "json", NOW) == exported
    # The same file, but for the preferences an export always writes (the demo has none).
    assert exported == render(replace(demo_document(), preferences=Preferences()), "json", NOW)
    assert summary.entries_added == len(demo_document().entries)


def test_a_conflicting_day_refuses_the_whole_import(diary: Diary, tmp_path: Path) -> None:
    diary.save_entry(Entry(START, mood=9))
    source = write(tmp_path / "diary.json", sample_document())
    with pytest.raises(ImportConflict) as raised:
        import_file(diary, source)
    assert raised.value.dates == [START]
    assert "2026-03-02" in str(raised.value)
    assert diary.entries() == [Entry(START, mood=9)]
    assert diary.courses() == [] and diary.routine() == []


def test_replace_replaces_conflicting_days_whole(diary: Diary, tmp_path: Path) -> None:
    diary.save_entry(Entry(START, mood=9, note="mine"))
    source = write(tmp_path / "diary.json", sample_document())
    summary = import_file(diary, source, replace=True)
    assert summary.entries_replaced == 1
    assert diary.entries() == sample_entries()


def test_a_course_with_a_known_start_is_the_same_course(diary: Diary) -> None:
    diary.save_course(sample_course(weight_kg=80.0))
    document = sample_document()
    with pytest.raises(ImportConflict, match="1 course is already in the diary: starting 2026-03-02"):
        import_document(diary, document, "diary.json")
    assert diary.courses() == [sample_course(weight_kg=80.0)] and diary.entries() == []
    import_document(diary, document.__class__(courses=document.courses), "diary.json", replace=True)
    assert diary.courses() == [sample_course()]


def test_an_overlapping_course_refuses_the_import(diary: Diary) -> None:
    diary.save_course(sample_course())
    document = sample_document().__class__(
        courses=(Course(dt.date(2026, 5, 1)),), entries=tuple(sample_entries())
    )
    with pytest.raises(InterchangeError, match="overlap"):
        import_document(diary, document, "diary.json")
    assert diary.courses() == [sample_course()]
    assert diary.entries() == []


def test_new_routine_steps_are_added_and_known_ones_keep_the_diarys_label(diary: Diary) -> None:
    diary.save_entry(Entry(START, mood=5))  # a diary holding data: its routine is its own
    diary.save_routine([RoutineStep("spf", "My sunscreen")], today=START)  # no day before: from the start
    document = sample_document().__class__(routine=(RoutineStep("spf", "SPF"), RoutineStep("serum", "Serum")))
    summary = import_document(diary, document, "diary.json")
    assert summary.steps_added == 1
    assert diary.routine() == [RoutineStep("spf", "My sunscreen"), RoutineStep("serum", "Serum")]


def test_csv_import_uses_the_diarys_routine(diary: Diary, tmp_path: Path) -> None:
    diary.save_routine(list(DEFAULT_ROUTINE))
    entries = sample_entries()[1:]
    source = tmp_path / "days.csv"
    source.write_text(entries_to_csv(entries), encoding="utf-8")
    summary = import_file(diary, source)
    assert summary.entries_added == len(entries)
    assert [entry.date for entry in diary.entries()] == [entry.date for entry in entries]


def test_csv_with_a_step_the_diary_does_not_have_is_refused_whole(diary: Diary, tmp_path: Path) -> None:
    source = tmp_path / "days.csv"
    source.write_text(entries_to_csv(sample_entries()), encoding="utf-8")
    with pytest.raises(InterchangeError) as raised:
        import_file(diary, source)
    assert raised.value.where == "line 2" and raised.value.field == "skincare"
    assert diary.entries() == []


def test_one_bad_entry_and_nothing_is_written(diary: Diary, tmp_path: Path) -> None:
    data = json.loads(document_to_json(sample_document(), NOW))
    data["entries"][-1]["mood"] = 42
    source = tmp_path / "diary.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InterchangeError, match="mood"):
        import_file(diary, source)
    assert diary.counts() == {"entries": 0, "courses": 0, "routine steps": 0}


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("diary.txt", b"{}", "unknown kind of file"),
        ("diary.json", b"\xff\xfe\x00", "not UTF-8"),
        ("missing.json", None, "cannot be read"),
    ],
)
def test_files_that_cannot_be_read(
    diary: Diary, tmp_path: Path, name: str, content: bytes | None, words: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InterchangeError, match=words) as raised:
        import_file(diary, path)
    assert raised.value.source == str(path)


def test_exports_are_private_and_complete(diary: Diary, tmp_path: Path) -> None:
    import_document(diary, sample_document(), "diary.json")
    os.umask(0o022)
    (tmp_path / "out").mkdir()
    json_path = tmp_path / "out" / "diary.json"
    csv_path = tmp_path / "out" / "diary.csv"
    assert export_file(diary, json_path) == len(sample_entries())
    assert export_file(diary, csv_path) == len(sample_entries())
    if os.name == "posix":
        assert json_path.stat().st_mode & 0o777 == 0o600
        assert csv_path.stat().st_mode & 0o777 == 0o600
    assert json.loads(json_path.read_text())["entries"][0]["date"] == "2026-03-02"
    assert csv_path.read_text().splitlines()[0].startswith("date,dose_mg,")
    assert sorted(p.name for p in json_path.parent.iterdir()) == ["diary.csv", "diary.json"]
