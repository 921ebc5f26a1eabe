"""Done-when of issue 20: an every-other-day course imported from a version-3 file shows no
false missed dose, in the arithmetic and on the summary's page 1."""

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from diary.cli import main
from diary.core.progress import course_progress
from diary.report import make_report
from diary.store.diary import Diary

START = dt.date(2026, 9, 1)


def version_3_file(path: Path) -> Path:
    """Twenty days of "20 mg every other day": a dose on each dosing day, 0 logged on two days
    between doses, nothing at all on the others between doses."""
    entries = []
    for n in range(20):
        day = (START + dt.timedelta(days=n)).isoformat()
        if n % 2 == 0:
            entries.append({"date": day, "dose_mg": 20, "mood": 7})
        elif n in (3, 7):
            entries.append({"date": day, "dose_mg": 0, "mood": 7})
    data = {
        "format": "isodiary",
        "version": 3,
        "courses": [
            {
                "start_date": START.isoformat(),
                "planned_weeks": 20,
                "weight_kg": 50,
                "target_mg_per_kg": 120,
                "doses": [{"from": START.isoformat(), "mg": 20, "every_days": 2}],
                "end_date": None,
                "pregnancy_prevention": False,
                "clear_since": None,
            }
        ],
        "entries": entries,
        "photos": [],
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.usefixtures("qapp")
def test_an_every_other_day_course_from_a_version_3_file_has_no_false_missed_dose(tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite3"
    assert main(["--db", str(db), "import", str(version_3_file(tmp_path / "v3.json"))]) == 0
    today = START + dt.timedelta(days=19)
    with Diary.open(db) as diary:
        (course,) = diary.courses()
        assert course.doses[0].every_days == 2
        progress = course_progress(course, diary.entries(), today, today=today, weights=diary.weights())
        assert progress.missed_doses == 0 and progress.days_without_dose == 0
        assert progress.cumulative_mg == 200 and progress.if_taken_mg is None
        make_report(diary, tmp_path / "s.pdf", START, today, paper="A4", today=today)
    first = re.sub(r"\s+", " ", PdfReader(tmp_path / "s.pdf").pages[0].extract_text())
    assert "20 mg every other day from 1 Sep 2026" in first
    assert "0 missed in this range" in first and "no dose logged" not in first
    assert "200 mg from logged doses = 4.0 mg/kg (weight 50 kg)" in first
    # And the export writes the step back as it came.
    out = tmp_path / "back.json"
    assert main(["--db", str(db), "export", "--format", "json", "-o", str(out)]) == 0
    assert json.loads(out.read_text())["courses"][0]["doses"] == [
        {"from": "2026-09-01", "mg": 20, "every_days": 2}
    ]
