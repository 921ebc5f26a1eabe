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


def test_photos_only_with_the_flag_and_said_on_page_1(tmp_path: Path) -> None:
    from tests.helpers.commands import demo_diary
    from tests.helpers.images import jpeg

    db = demo_diary(tmp_path / "d.sqlite3")
    photo = tmp_path / "front.jpg"
    photo.write_bytes(jpeg(size=(300, 400)))  # its EXIF date: 2026-05-03
    assert run("--db", str(db), "photos", "add", str(photo), "--area", "face_front").returncode == 0
    span = ("--from", "2026-05-01", "--to", "2026-05-31")
    plain, with_photos = tmp_path / "plain.pdf", tmp_path / "photos.pdf"
    assert run("--db", str(db), "report", "-o", str(plain), *span).returncode == 0
    done = run("--db", str(db), "report", "-o", str(with_photos), *span, "--photos")
    assert done.returncode == 0, done.stderr
    assert sum(len(page.images) for page in PdfReader(plain).pages) == 0
    reader = PdfReader(with_photos)
    first = " ".join(reader.pages[0].extract_text().split())
    assert f"holds photos of the patient's skin (page {len(reader.pages)})" in first
    last = " ".join(reader.pages[-1].extract_text().split()).replace(" ,", ",")
    assert "Face, front, the only photo in this range Sun 3 May 2026 · course day 63" in last
    assert len(reader.pages[-1].images) == 1
