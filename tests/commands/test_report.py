"""`isodiary report`: a PDF from the command line, and clear refusals."""

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.helpers.commands import DEMO, run


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("report") / "d.sqlite3")
    assert run("--db", db, "import", str(DEMO)).returncode == 0
    return db


def test_report_writes_a_pdf_of_the_range(demo_db: str, tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    result = run("--db", demo_db, "report", "-o", str(out), "--from", "2026-05-01", "--to", "2026-05-31")
    assert result.returncode == 0, result.stderr
    assert "Wrote the summary of 2026-05-01 to 2026-05-31" in result.stderr
    reader = PdfReader(out)
    assert "IsoDiary summary · 1–31 May 2026" in reader.pages[0].extract_text().replace("\t", " ")
    assert 2 <= len(reader.pages) <= 5


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["-o", "summary.txt"], "must be a .pdf file"),
        (["-o", "missing-folder/summary.pdf"], "does not exist"),
        (["-o", "s.pdf", "--from", "2026-06-01", "--to", "2026-05-01"], "after"),
        (["-o", "s.pdf", "--from", "June"], "not a date"),
        (["-o", "s.pdf", "--paper", "A3"], "invalid choice"),
    ],
)
def test_bad_requests_exit_2_with_a_message(
    demo_db: str, tmp_path: Path, args: list[str], words: str
) -> None:
    args = [str(tmp_path / arg) if arg.endswith((".pdf", ".txt")) else arg for arg in args]
    result = run("--db", demo_db, "report", *args)
    assert result.returncode == 2
    assert words in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []
