"""The appointment summary, read back from the PDF: what the doctor sees, and how it is made."""

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from diary.core.appointments import Appointment, Question
from diary.core.course import Course, DoseChange
from diary.core.entry import Entry
from diary.core.follow_up import DISCUSSED, FollowUp
from diary.core.routine import DEFAULT_ROUTINE
from diary.report import make_report
from diary.store.diary import Diary

pytestmark = pytest.mark.usefixtures("qapp")  # Qt's text layout needs the application

START = dt.date(2026, 3, 2)
TODAY = dt.date(2026, 4, 30)


def build(path: Path) -> Diary:
    """Sixty days: known values, two warning flags (one discussed), an urgent PHQ-9, questions."""
    diary = Diary.open(path)
    diary.save_course(
        Course(START, planned_weeks=20, weight_kg=50, target_mg_per_kg=120, doses=(DoseChange(START, 20),))
    )
    diary.save_routine(list(DEFAULT_ROUTINE))
    for offset in range(60):
        day = START + dt.timedelta(days=offset)
        diary.save_entry(
            Entry(
                day,
                dose_mg=0 if offset == 40 else 20,
                lips=4 if day < dt.date(2026, 4, 1) else 6,
                skin=None if offset % 2 else 2,
                mood=7,
                skincare=("cleanser", "spf") if offset % 3 else ("cleanser",),
                note="Felt <b>odd</b> & tired" if offset == 45 else None,
                warning_signs=("sad",) if offset in (45, 50) else (),
                phq9=(3, 3, 3, 2, 2, 2, 2, 2, 1) if offset == 52 else None,
            )
        )
    diary.save_follow_up(
        FollowUp("warning_sign", START + dt.timedelta(days=50), DISCUSSED, discussed_on=TODAY, note="ok")
    )
    diary.save_appointment(Appointment(dt.date(2026, 4, 1), "Dr. Novak"))
    diary.save_question(Question("Can I wax my eyebrows?", dt.date(2026, 4, 10)))
    return diary


@pytest.fixture
def pdf(tmp_path: Path) -> tuple[Path, PdfReader]:
    path = tmp_path / "summary.pdf"
    with build(tmp_path / "d.sqlite3") as diary:
        pages = make_report(diary, path, dt.date(2026, 4, 1), TODAY, paper="A4", today=TODAY)
    reader = PdfReader(path)
    assert len(reader.pages) == pages
    return path, reader


def test_words_are_searchable_without_ligatures(pdf: tuple[Path, PdfReader]) -> None:
    # The words the summary writes have no ligature glyphs (fl, ff) that a search could miss.
    # (Chart labels come through Qt's SVG renderer, which keeps them; readers such as
    # poppler and Acrobat expand those when searching.)
    reader = pdf[1]
    for page in (reader.pages[0], reader.pages[-1]):
        text = page.extract_text()
        assert "\ufb02" not in text and "\ufb00" not in text and "\ufb01" not in text
    first = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert "mood flags" in first and "Side effects" in first


def words(reader: PdfReader) -> str:
    """All the PDF's text with runs of white space (line breaks in wrapped text) made single."""
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_page_one_has_the_course_figures(pdf: tuple[Path, PdfReader]) -> None:
    first = re.sub(r"\s+", " ", pdf[1].pages[0].extract_text())
    assert "IsoDiary summary · 1 Apr – 30 Apr 2026" in first
    assert "day 60 of about 140 planned (week 9)" in first
    assert "20 mg a day from 2 Mar 2026" in first
    # 59 doses of 20 mg (one missed) = 1,180 mg; 50 kg; 1,180/50 = 23.6 mg/kg; 23.6/120 = 20%
    assert "1,180 mg = 23.6 mg/kg" in first and "20% of the 120 mg/kg target" in first
    assert "Missed doses in range 1 (11 Apr)" in first
    # 4,820 mg to go at 20 mg a day: 241 days after 30 Apr
    assert "target reached about 27 Dec 2026 at 20 mg a day" in first


def test_open_flags_come_first_with_dates_and_reasons_and_discussed_ones_do_not(
    pdf: tuple[Path, PdfReader],
) -> None:
    first = re.sub(r"\s+", " ", pdf[1].pages[0].extract_text())
    urgent = first.index("Urgent 23 Apr 2026")
    warning = first.index("Warning 16 Apr 2026")
    assert urgent < warning, "urgent first"
    assert "PHQ-9 score 20 of 27, in the severe band." in first
    assert "A warning sign from the Medication Guide: Felt sad or had crying spells." in first
    assert "21 Apr 2026" not in first.split("Side effects")[0], (
        "a discussed flag is not on the list to discuss"
    )
    assert "Can I wax my eyebrows?" in first


def test_the_side_effect_table_numbers(pdf: tuple[Path, PdfReader]) -> None:
    text = words(pdf[1])
    # April: 30 days of lips 6; the previous 30 days (2-31 March): lips 4 -> change +2.0
    assert "Lips dryness 30 6.0 6 6.0 +2.0" in text
    # skin logged every other day (15 days in April) at 2; before: also 2
    assert "Skin dryness 15 2.0 2 2.0 ±0.0" in text
    assert "Eye dryness 0 — — — —" in text


def test_the_back_pages_hold_adherence_phq9_and_the_notes_of_flagged_days(
    pdf: tuple[Path, PdfReader],
) -> None:
    text = words(pdf[1])
    assert "Gentle cleanser 30 of 30 100%" in text
    assert "Sunscreen SPF 30+ 20 of 30 67%" in text
    assert "23 Apr 2026 20 severe 1" in text
    assert "Felt <b>odd</b> & tired" in text, "notes are shown as written, never as markup"


def test_every_page_has_the_footer(pdf: tuple[Path, PdfReader]) -> None:
    reader = pdf[1]
    total = len(reader.pages)
    assert 2 < total <= 5
    for number, page in enumerate(reader.pages, start=1):
        text = re.sub(r"\s+", " ", page.extract_text())
        assert f"Page {number} of {total}" in text
        assert "1 Apr – 30 Apr 2026 · made 30 Apr 2026" in text
        assert "not a medical record or advice" in text


def test_text_is_real_fonts_are_embedded_and_nothing_is_a_picture(pdf: tuple[Path, PdfReader]) -> None:
    path, reader = pdf
    for page in reader.pages:
        assert list(page.images) == []
        resources = page["/Resources"]
        xobjects = resources.get("/XObject", {})
        assert not any(xobjects[name].get_object().get("/Subtype") == "/Image" for name in xobjects)
    raw = path.read_bytes()
    assert b"/FontFile2" in raw
    charts = words(reader)
    assert "Dryness (0 none – 10 worst)" in charts, "chart titles are real text too"
    assert path.stat().st_size < 1024 * 1024


def test_the_file_is_private_and_replaced_whole(tmp_path: Path) -> None:
    path = tmp_path / "summary.pdf"
    path.write_bytes(b"an older summary")
    with build(tmp_path / "d.sqlite3") as diary:
        make_report(diary, path, dt.date(2026, 4, 1), TODAY, paper="Letter", today=TODAY)
    assert path.read_bytes().startswith(b"%PDF")
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
    width, height = PdfReader(path).pages[0].mediabox.upper_right
    assert (round(float(width)), round(float(height))) == (612, 792)


def test_an_empty_diary_still_makes_a_clear_summary(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    with Diary.open(tmp_path / "d.sqlite3") as diary:
        make_report(diary, path, dt.date(2026, 4, 1), TODAY, paper="A4", today=TODAY)
    text = words(PdfReader(path))
    assert "0 of 30 days logged" in text
    assert "No course has been set up" in text
    assert "No open mood flags and no open questions." in text
