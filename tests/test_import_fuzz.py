"""Bad input everywhere: random and mutated interchange files and CSV thrown at `isodiary import`.

Every file is either imported whole (every day in it is then in the diary exactly, and
nothing else changed) or refused with exit code 2 and a message naming the file, with
the diary unchanged to the last byte of content. Never a traceback, never a partial write.
"""

from __future__ import annotations

import contextlib
import copy
import csv
import datetime as dt
import io
import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diary.cli import main
from diary.core.course import Course
from diary.core.entry import Entry
from diary.core.interchange import CSV_HEADER, document_to_json, entries_to_csv
from diary.core.routine import DEFAULT_ROUTINE
from diary.store import backups
from diary.store.diary import Diary
from diary.store.importing import read_document
from tests.helpers.diaries import sample_document

JSON_EXAMPLES, CSV_EXAMPLES, BYTES_EXAMPLES = 150, 120, 40
FUZZ = settings(
    max_examples=JSON_EXAMPLES,
    deadline=None,
    # The autouse folder fixtures are per test; each example makes its own diary below.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TRIED = {"files": 0, "imported": 0, "refused": 0}

VALID_DOCUMENT: dict[str, Any] = json.loads(document_to_json(sample_document(), dt.datetime(2026, 4, 1)))
VALID_CSV = entries_to_csv(sample_document().entries)
SIGNS = ["sad", "irritable", "hallucinations", "no_energy", "dry_nose", "cleanser", "retinoid", ""]

# Values a mutation puts in: mostly near the valid ones, so that many files stay importable.
plausible = st.one_of(
    st.integers(-3, 12),
    st.sampled_from([0, 1, 200, 201, 999, 1000, 0.5, 22.5, -0.0, 1e309]),
    st.sampled_from(["2026-03-20", "2026-02-30", "2026-3-5", "20260320", "", "null", "7"]),
    st.lists(st.sampled_from(SIGNS), max_size=3),
    st.lists(st.integers(-1, 4), min_size=8, max_size=10),
    st.none(),
    st.booleans(),
)
anything = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=5,
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A diary that already holds a routine, a course and days of its own (2025), apart from the file's."""
    path = tmp_path_factory.mktemp("template") / "diary.sqlite3"
    with Diary.open(path) as diary:
        diary.save_routine(list(DEFAULT_ROUTINE))  # CSV files use the diary's routine
        diary.save_course(Course(dt.date(2025, 1, 6), weight_kg=58, end_date=dt.date(2025, 5, 30)))
        for offset in range(20):
            diary.save_entry(Entry(dt.date(2025, 1, 6) + dt.timedelta(days=offset), mood=offset % 11))
    # One file at rest: later copies of it are whole diaries.
    Diary.open(path).close()
    return path


@contextlib.contextmanager
def fresh_copy(template: Path) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="fuzz-") as folder:
        path = Path(folder) / "diary.sqlite3"
        shutil.copyfile(template, path)
        yield path


def _paths(value: Any, where: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in a JSON value, as the keys and indexes that lead there."""
    yield where
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _paths(inner, (*where, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _paths(inner, (*where, index))


def _mutate(document: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    document = copy.deepcopy(document)
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        places = [place for place in _paths(document) if place]
        place = data.draw(st.sampled_from(places), label="place")
        parent = document
        for key in place[:-1]:
            parent = parent[key]
        key = place[-1]
        action = data.draw(
            st.sampled_from(["harmless", "harmless", "replace", "anything", "delete", "add", "copy"])
        )
        if action == "harmless":
            parent[key] = data.draw(_harmless(key, parent[key]), label="value")
        elif action == "replace":
            parent[key] = data.draw(plausible, label="value")
        elif action == "anything":
            parent[key] = data.draw(anything, label="value")
        elif action == "delete":
            del parent[key]
        elif action == "add" and isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["extra", "Mood", "notes", "date"]))] = data.draw(plausible)
        elif isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))  # a repeated entry, course or step
    return document


def _harmless(key: Any, old: Any) -> st.SearchStrategy[Any]:
    """A value that is probably still valid where `old` was: files that should import."""
    if key == "note":
        return st.text(max_size=40)
    if isinstance(old, int) and not isinstance(old, bool) and 0 <= old <= 10:
        return st.integers(0, 3)  # valid on every scale, the PHQ-9 answers included
    if isinstance(old, list):
        return st.integers(0, len(old)).map(lambda length: old[:length])
    return st.just(old)


def _csv_mutate(data: st.DataObject) -> str:
    rows = list(csv.reader(io.StringIO(VALID_CSV)))
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        row = data.draw(st.integers(0, len(rows) - 1), label="row")
        action = data.draw(
            st.sampled_from(
                ["note", "note", "small", "cell", "cell", "text", "drop", "add", "copy row", "raw"]
            )
        )
        if action in ("note", "small") and row > 0 and len(rows[row]) == len(CSV_HEADER):
            # Changes a file may well have and still be good: a note, a value on the scales.
            if action == "note":
                rows[row][CSV_HEADER.index("note")] = data.draw(st.text(max_size=40), label="note")
            else:
                column = data.draw(st.integers(2, 6), label="scale column")
                rows[row][column] = str(data.draw(st.integers(0, 10), label="scale value"))
            continue
        width = max(len(rows[row]), 1)
        column = data.draw(st.integers(0, width - 1), label="column")
        if action == "cell" and rows[row]:
            value = data.draw(plausible, label="value")
            rows[row][column] = ";".join(map(str, value)) if isinstance(value, list) else str(value)
        elif action == "text" and rows[row]:
            rows[row][column] = data.draw(st.text(max_size=12), label="text")
        elif action == "drop" and rows[row]:
            del rows[row][column]
        elif action == "add":
            rows[row].insert(column, data.draw(st.text(max_size=4)))
        elif action == "copy row":
            rows.insert(row, list(rows[row]))
        elif action == "raw":
            out = io.StringIO()
            csv.writer(out, lineterminator="\n").writerows(rows)
            text = out.getvalue()
            at = data.draw(st.integers(0, len(text)), label="at")
            return text[:at] + data.draw(st.text(max_size=5), label="inserted") + text[at:]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _import(template: Path, content: bytes, suffix: str, replace: bool) -> int:
    """Import `content` as a file into a fresh copy of the template, check the outcome, return the code."""
    with fresh_copy(template) as db:
        file = db.parent / f"import{suffix}"
        file.write_bytes(content)
        before = backups.content_digest(db)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--db", str(db), "import", str(file), *(["--replace"] if replace else [])])
        TRIED["files"] += 1
        if code == 2:
            TRIED["refused"] += 1
            message = err.getvalue()
            assert message.startswith("isodiary: ") and str(file) in message, message
            assert "Nothing was imported" in message, message
            assert backups.content_digest(db) == before, f"a refused file changed the diary: {message}"
            return code
        assert code == 0, (code, err.getvalue())
        TRIED["imported"] += 1
        assert out.getvalue().startswith("Imported"), out.getvalue()
        with Diary.open(db) as diary:
            document = read_document(diary, file)
            for entry in document.entries:
                assert diary.entry(entry.date) == entry  # whole, to the field
            template_days = {day for day in _days(template)}
            imported = {entry.date for entry in document.entries}
            assert {entry.date for entry in diary.entries()} == template_days | imported
            assert diary.integrity_problems() == []
        return code


def _days(path: Path) -> list[dt.date]:
    with Diary.open(path) as diary:
        return [entry.date for entry in diary.entries()]


@pytest.fixture(autouse=True, scope="module")
def _report() -> Iterator[None]:
    yield
    print(
        f"\nimport fuzz: {TRIED['files']} files tried, {TRIED['imported']} imported whole, "
        f"{TRIED['refused']} refused with exit code 2"
    )


@FUZZ
@given(data=st.data(), replace=st.booleans())
def test_mutated_json_is_imported_whole_or_refused_cleanly(
    template: Path, data: st.DataObject, replace: bool
) -> None:
    document = _mutate(VALID_DOCUMENT, data)
    text = json.dumps(document, ensure_ascii=data.draw(st.booleans()))
    if data.draw(st.integers(0, 9), label="truncate?") == 0:
        text = text[: data.draw(st.integers(0, len(text)), label="cut at")]
    _import(template, text.encode("utf-8"), ".json", replace)


@settings(FUZZ, max_examples=CSV_EXAMPLES)
@given(data=st.data(), replace=st.booleans())
def test_mutated_csv_is_imported_whole_or_refused_cleanly(
    template: Path, data: st.DataObject, replace: bool
) -> None:
    _import(template, _csv_mutate(data).encode("utf-8"), ".csv", replace)


@settings(FUZZ, max_examples=BYTES_EXAMPLES)
@given(content=st.binary(max_size=300), suffix=st.sampled_from([".json", ".csv"]))
def test_random_bytes_are_refused_cleanly(template: Path, content: bytes, suffix: str) -> None:
    _import(template, content, suffix, replace=False)


def test_the_unmutated_files_import_so_the_mutations_start_from_good_files(template: Path) -> None:
    assert _import(template, json.dumps(VALID_DOCUMENT).encode(), ".json", replace=False) == 0
    assert _import(template, VALID_CSV.encode(), ".csv", replace=False) == 0


# Hostile files of the trust issue (11): each is refused with exit code 2 and a message that
# names the file, the record and the field, never a traceback, the diary unchanged.
def _json_with(old: str, new: str) -> bytes:
    text = json.dumps(VALID_DOCUMENT)
    assert old in text, old
    return text.replace(old, new, 1).encode("utf-8")


_FIRST_DAY = VALID_DOCUMENT["entries"][0]["date"]
_FIRST_NOTE = json.dumps(VALID_DOCUMENT["entries"][0]["note"])
_CSV_LINES = VALID_CSV.splitlines()
HOSTILE: list[tuple[str, bytes, str, str]] = [
    ("integer of 4,300 digits", _json_with('"mood": 0', '"mood": ' + "7" * 4_300), ".json", "mood"),
    ("integer of 50,000 digits", _json_with('"lips": 0', '"lips": ' + "1" * 50_000), ".json", "dryness.lips"),
    ("nesting 100,000 deep", b"[" * 100_000 + b"]" * 100_000, ".json", "nested"),
    ("nesting in a note", _json_with(_FIRST_NOTE, "[" * 5_000 + "]" * 5_000), ".json", "nested"),
    (
        "lone surrogate in a note",
        _json_with(_FIRST_NOTE, '"\\ud800"'),
        ".json",
        f"entries[{_FIRST_DAY}]: note",
    ),
    (
        "lone surrogate in a label",
        _json_with('"label": "Gentle', '"label": "\\udfffGentle'),
        ".json",
        "routine[0]: label",
    ),
    (
        "lone surrogate in a key",
        _json_with('"key": "cleanser"', '"key": "\\ud800"'),
        ".json",
        "routine[0]: key",
    ),
    ("NaN in an entry", _json_with('"mood": 0', '"mood": NaN'), ".json", f"entries[{_FIRST_DAY}]: mood"),
    (
        "Infinity in an entry",
        _json_with('"dose_mg": 22.5', '"dose_mg": -Infinity'),
        ".json",
        f"entries[{_FIRST_DAY}]: dose_mg",
    ),
    (
        "a key twice in an entry",
        _json_with('"mood": 0', '"mood": 0, "mood": 1'),
        ".json",
        f"entries[{_FIRST_DAY}]: mood",
    ),
    (
        "control character in a routine key",
        _json_with('"key": "cleanser"', '"key": "clean\\u0007ser"'),
        ".json",
        "routine[0]: key",
    ),
    (
        "an entry on 9999-12-31",
        _json_with(f'"date": "{_FIRST_DAY}"', '"date": "9999-12-31"'),
        ".json",
        "entries[0]: date",
    ),
    ("a newer version", _json_with('"version": 3', '"version": 4'), ".json", "version 4"),
    (
        "unterminated quote in CSV",
        "\n".join([_CSV_LINES[0], _CSV_LINES[1] + '"', *_CSV_LINES[2:]]).encode("utf-8"),
        ".csv",
        "line 2",
    ),
    (
        "Arabic-Indic digits in CSV",
        "\n".join(
            [_CSV_LINES[0], _CSV_LINES[1].replace(",22.5,", ",\u0662\u0662,", 1), *_CSV_LINES[2:]]
        ).encode(),
        ".csv",
        "line 2: dose_mg",
    ),
    (
        "integer of 5,000 digits in CSV",
        "\n".join(
            [_CSV_LINES[0], _CSV_LINES[1].replace(",22.5,", "," + "2" * 5_000 + ",", 1), *_CSV_LINES[2:]]
        ).encode(),
        ".csv",
        "line 2: dose_mg",
    ),
]


@pytest.mark.parametrize(
    ("content", "suffix", "named"), [case[1:] for case in HOSTILE], ids=[case[0] for case in HOSTILE]
)
def test_hostile_files_are_refused_naming_the_place(
    template: Path, content: bytes, suffix: str, named: str
) -> None:
    with fresh_copy(template) as db:
        file = db.parent / f"hostile{suffix}"
        file.write_bytes(content)
        before = backups.content_digest(db)
        err = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            code = main(["--db", str(db), "import", str(file)])
        message = err.getvalue()
        assert code == 2, message
        assert "Traceback" not in message and str(file) in message
        assert named in message, message
        assert backups.content_digest(db) == before


def test_the_programs_own_csv_with_notes_over_128_kib_imports_again(tmp_path: Path) -> None:
    source, target = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    notes = ["Ünïcødé 日記 " * 8_000, "=" + "x" * 99_999, "'" + "long line " * 9_999]
    with Diary.open(source) as diary:
        for offset, note in enumerate(notes):
            diary.save_entry(Entry(dt.date(2026, 3, 2) + dt.timedelta(days=offset), mood=5, note=note))
    exported = tmp_path / "days.csv"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["--db", str(source), "export", "-o", str(exported)]) == 0
        assert exported.stat().st_size > 128 * 1024
        assert main(["--db", str(target), "import", str(exported)]) == 0
    with Diary.open(target) as diary:
        assert [entry.note for entry in diary.entries()] == notes
