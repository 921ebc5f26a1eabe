"""Page 1 as a prescriber reads it, for the diaries issue 20 describes (rebuilt from its words):
the right mg/kg with the weight that reproduces it, every urgent day, the safety facts."""

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from diary.report import make_report
from diary.store.diary import Diary
from tests.helpers import prescriber_diaries

pytestmark = pytest.mark.usefixtures("qapp")

Fill = Callable[[Diary], tuple[dt.date, dt.date, dt.date]]


def page_one(tmp_path: Path, fill: Fill, paper: str = "A4") -> tuple[str, list[str]]:
    with Diary.open(tmp_path / "d.sqlite3") as diary:
        start, end, made = fill(diary)
        make_report(diary, tmp_path / "s.pdf", start, end, paper=paper, today=made)
    pages = [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(tmp_path / "s.pdf").pages]
    return pages[0], pages


def test_a_later_courses_weight_gives_the_mg_per_kg_and_page_1_prints_it(tmp_path: Path) -> None:
    first, _ = page_one(tmp_path, prescriber_diaries.weights)
    assert "400 mg from logged doses = 5.6 mg/kg (weight 72 kg)" in first  # 400 / 72 = 5.56
    assert "6.9 mg/kg" not in first and "58 kg" not in first


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_urgent_day_inside_an_episode_shows_with_its_own_day(tmp_path: Path, paper: str) -> None:
    first, _ = page_one(tmp_path, prescriber_diaries.urgent, paper)
    assert "13 Apr 2026: thoughts about hurting myself or ending my life" in first
    assert "15 Apr 2026: PHQ-9 question 9 answered 2" in first
    assert "Should I keep taking it while I feel like this?" in first, "the questions stay on page 1"
    # The summary's own words speak of the patient; only quotations keep the guide's "you".
    unquoted = re.sub(r"“[^”]*”", "", first)
    assert not re.search(r"\byou(r)?\b", unquoted, re.IGNORECASE), unquoted


def test_the_safety_facts_are_on_page_1_whatever_the_range(tmp_path: Path) -> None:
    first, _ = page_one(tmp_path, prescriber_diaries.safety)
    assert "Last pregnancy test: 5 Oct 2026, negative, clinic" in first
    assert "overdue since 4 Nov 2026" in first
    assert "7-day window after the last negative test: 5–11 Oct 2026" in first
    # Labs from before the range, against the baseline, in the latest unit (1.2 mmol/L x 88.57).
    assert (
        "Triglycerides mg/dL 106.3 (25 Aug 2026) (logged as 1.2 mmol/L) 560 ▲ (20 Oct 2026) up to 150"
        in first
    )
    assert "ALT U/L 22 (25 Aug 2026) 88 ▲ (20 Oct 2026) 7–56" in first
    assert "Minocycline" in first and "increased pressure in the brain.”" in first
    unquoted = re.sub(r"“[^”]*”", "", first)
    assert not re.search(r"\byou(r)?\b", unquoted, re.IGNORECASE), unquoted


def test_a_range_with_nothing_logged_says_so_on_the_chart_page(tmp_path: Path) -> None:
    with Diary.open(tmp_path / "d.sqlite3") as diary:
        prescriber_diaries.weights(diary)
        make_report(
            diary, tmp_path / "s.pdf", dt.date(2025, 1, 1), dt.date(2025, 1, 31), today=dt.date(2026, 11, 29)
        )
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "s.pdf").pages)
    assert "nothing to chart" in re.sub(r"\s+", " ", text)


def test_doses_logged_after_the_course_ended_are_named(tmp_path: Path) -> None:
    from diary.core.entry import Entry

    def ended(diary: Diary) -> tuple[dt.date, dt.date, dt.date]:
        prescriber_diaries.weights(diary)
        diary.save_entry(Entry(dt.date(2022, 7, 20), dose_mg=30))
        return dt.date(2022, 7, 1), dt.date(2022, 7, 31), dt.date(2022, 8, 1)

    first, _ = page_one(tmp_path, ended)
    assert "logged after the course ended: 20 Jul 30 mg (not in the total)" in first
    assert "150 mg from logged doses" in first  # the five days of the course only
