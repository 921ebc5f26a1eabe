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
    assert "flag" in first and "Side effects" in first


def words(reader: PdfReader) -> str:
    """All the PDF's text with runs of white space (line breaks in wrapped text) made single."""
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_page_one_has_the_course_figures(pdf: tuple[Path, PdfReader]) -> None:
    first = re.sub(r"\s+", " ", pdf[1].pages[0].extract_text())
    assert "IsoDiary summary · 1–30 Apr 2026" in first
    assert "day 60 of about 140 planned (week 9)" in first
    assert "20 mg a day from 2 Mar 2026" in first
    # 59 doses of 20 mg (one missed) = 1,180 mg; 50 kg; 1,180/50 = 23.6 mg/kg
    assert "1,180 mg from logged doses = 23.6 mg/kg (weight 50 kg)" in first
    assert "120 mg/kg;" in first
    assert "A cumulative 120–150 mg/kg is widely regarded as increasing remission" in first
    assert "doi:10.1177/1203475415595776" in first, "the band names its source"
    assert "1 missed in this range (11 Apr)" in first
    # 4,820 mg to go at 20 mg a day: 241 days after 30 Apr
    assert "about 27 Dec 2026 at 20 mg a day" in first


def test_open_flags_come_first_with_dates_and_reasons_and_discussed_ones_do_not(
    pdf: tuple[Path, PdfReader],
) -> None:
    first = re.sub(r"\s+", " ", pdf[1].pages[0].extract_text())
    urgent = first.index("Urgent 23 Apr 2026")
    warning = first.index("Warning 16 Apr 2026")
    assert urgent < warning, "urgent first"
    assert (
        "PHQ-9 questionnaire: 20 of 27 (severe); question 9 (“Thoughts that you would be better off" in first
    )
    assert "Warning signs from the Medication Guide: Felt sad or had crying spells." in first
    assert "Flags discussed in this range: Warning sign, 21 Apr 2026: Discussed on 30 Apr 2026: ok" in first
    assert "21 Apr 2026" not in first.split("Flags discussed")[0], (
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


def test_the_back_pages_hold_adherence_and_phq9_and_notes_go_with_their_flags(
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
        assert "1–30 Apr 2026 · made 30 Apr 2026" in text
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
    reader = PdfReader(path)
    assert len(reader.pages) == 1, "an empty diary gets one honest page"
    text = words(reader)
    assert "nothing logged yet" in text and "Page 1 of 1" in text


def test_pdftotext_finds_the_word_flag(pdf: tuple[Path, PdfReader]) -> None:
    import subprocess

    text = subprocess.run(["pdftotext", str(pdf[0]), "-"], capture_output=True, text=True, check=True).stdout
    assert "flag" in text and "\ufb02" not in text.split("Dryness")[0]


def test_page_one_text_holds_nothing_of_page_two(pdf: tuple[Path, PdfReader]) -> None:
    first = words(PdfReader(pdf[0])).split("Page 1 of")[0]
    assert first.count("Side effects") == 1
    assert "Skincare routine" not in first


def urgent_april_diary(path: Path) -> Diary:
    diary = Diary.open(path)
    diary.save_course(Course(START, weight_kg=50, doses=(DoseChange(START, 20),)))
    diary.save_entry(
        Entry(dt.date(2026, 4, 13), warning_signs=("self_harm_thoughts",), note="A very bad night")
    )
    diary.save_entry(Entry(dt.date(2026, 4, 14), phq9=(0, 0, 0, 0, 0, 0, 0, 0, 2)))
    for offset in range(20):
        diary.save_entry(Entry(dt.date(2026, 6, 11) + dt.timedelta(days=offset), dose_mg=20, mood=7, lips=3))
    return diary


def test_a_summary_after_every_flag_still_lists_each_open_one_urgent_first(tmp_path: Path) -> None:
    path = tmp_path / "june.pdf"
    today = dt.date(2026, 6, 30)
    with urgent_april_diary(tmp_path / "d.sqlite3") as diary:
        diary.save_entry(Entry(dt.date(2026, 6, 25), warning_signs=("sad",)))
        make_report(diary, path, dt.date(2026, 6, 20), today, paper="A4", today=today)
    first = re.sub(r"\s+", " ", PdfReader(path).pages[0].extract_text())
    assert "No open flags" not in first
    assert "Urgent 13 Apr 2026" in first and "Urgent 14 Apr 2026" in first
    assert first.index("Urgent 13 Apr 2026") < first.index("Warning 25 Jun 2026"), "urgent first"
    assert "Thoughts about hurting myself or ending my life" in first
    assert "“A very bad night”" in first, "the note of the flagged day goes with its flag"
    assert "Side effects" in first, "the symptom table fits on page 1"


def test_a_long_list_continues_on_page_two_saying_so(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    with urgent_april_diary(tmp_path / "d.sqlite3") as diary:
        for offset in range(0, 60, 2):  # thirty separate days with signs
            diary.save_entry(Entry(START + dt.timedelta(days=offset), warning_signs=("sad", "withdrawn")))
        diary.save_question(Question("Is my sleep a side effect?", dt.date(2026, 4, 10)))
        make_report(
            diary, path, dt.date(2026, 6, 1), dt.date(2026, 6, 30), paper="A4", today=dt.date(2026, 6, 30)
        )
    reader = PdfReader(path)
    first = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    second = re.sub(r"\s+", " ", reader.pages[1].extract_text())
    assert re.search(r"\d+ more flag episodes follow on page 2", first)
    assert "To discuss, continued from page 1" in second
    assert "Is my sleep a side effect?" in first, "the patient's questions stay on page 1"
    assert first.index("Urgent") < first.index("Warning"), "urgent first"
    assert "Side effects" in first, "the table stays on page 1 when three episodes fit with it"


def test_labs_pregnancy_tests_and_medicines_follow_the_symptom_table(tmp_path: Path) -> None:
    from diary.core.records import LabResult, Medicine, PregnancyTest
    from diary.report.content import build
    from diary.report.pdf import write_pdf

    day = dt.date(2026, 4, 10)
    content = build(
        start=dt.date(2026, 4, 1),
        end=TODAY,
        made_on=TODAY,
        name="",
        entries=[Entry(day, mood=6, dose_mg=20)],
        courses=[Course(START, weight_kg=50, pregnancy_prevention=True)],
        routine=list(DEFAULT_ROUTINE),
        follow_ups={},
        questions=[],
        labs=[
            LabResult(day, "triglycerides", 320, "mg/dL", reference_high=150),
            LabResult(day, "alt", 20, "U/L", reference_low=7, reference_high=56),
            LabResult(day, "hdl", 30, "mg/dL", reference_low=40, reference_high=90),
            LabResult(dt.date(2026, 1, 1), "ast", 99, "U/L"),
        ],
        pregnancy_tests=[PregnancyTest(day, "negative", "clinic")],
        medicines=[
            Medicine("Doxycycline", "tetracycline", dt.date(2026, 3, 1), dt.date(2026, 4, 5)),
            Medicine("Ibuprofen", "other", dt.date(2026, 5, 1)),
        ],
    )
    path = tmp_path / "records.pdf"
    write_pdf(content, path)
    text = words(PdfReader(path))
    # Every column is named, and the arrows that say which way a value is out keep their glyphs.
    assert "Date Test Value Lab's range Against the range" in text
    assert "10 Apr 2026 Triglycerides 320 mg/dL up to 150 ▲ above the range" in text
    assert "HDL cholesterol 30 mg/dL 40–90 ▼ below the range" in text
    assert "10 Apr 2026 ALT 20 U/L 7–56 within the range" in text
    assert "AST" not in text.split("Lab results")[1].split("Pregnancy")[0], "outside the range of dates"
    assert "10 Apr 2026 negative clinic" in text
    assert "Doxycycline Tetracycline antibiotic" in text and "Ibuprofen" not in text
    assert text.index("Side effects") < text.index("Lab results in this range")
