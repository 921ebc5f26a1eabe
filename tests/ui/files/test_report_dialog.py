"""The summary from the window: the range defaults to since the last appointment."""

import datetime as dt
from pathlib import Path

from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from diary.core.appointments import Appointment
from diary.core.entry import Entry
from diary.store.diary import Diary
from diary.ui.app.context import DiaryContext
from diary.ui.files.report_dialog import ReportDialog
from diary.ui.widgets.calendar import from_qdate, to_qdate
from tests.helpers.window import when_dialog_opens

TODAY = dt.date(2026, 4, 30)


def test_the_range_starts_at_the_last_appointment_and_saves_a_pdf(
    qtbot: QtBot, diary: Diary, tmp_path: Path
) -> None:
    diary.save_appointment(Appointment(dt.date(2026, 4, 2), "Dr. Novak"))
    diary.save_entry(Entry(dt.date(2026, 4, 20), mood=6))
    dialog = ReportDialog(DiaryContext(diary, today=lambda: TODAY))
    qtbot.addWidget(dialog)
    assert (from_qdate(dialog.start.date()), from_qdate(dialog.end.date())) == (dt.date(2026, 4, 2), TODAY)
    told: list[str] = []
    when_dialog_opens(lambda box: (told.append(box.text()), box.accept()))
    path = dialog.save_pdf(tmp_path / "summary.pdf")
    assert told and told[0].startswith("Saved ") and "summary.pdf" in told[0]
    assert path is not None and PdfReader(path).pages[0].extract_text().startswith("IsoDiary")


def test_a_backwards_range_is_refused_in_words(qtbot: QtBot, diary: Diary, tmp_path: Path) -> None:
    dialog = ReportDialog(DiaryContext(diary, today=lambda: TODAY))
    qtbot.addWidget(dialog)
    dialog.start.setDate(to_qdate(TODAY))
    dialog.end.setDate(to_qdate(TODAY - dt.timedelta(days=3)))
    assert dialog.save_pdf(tmp_path / "summary.pdf") is None
    assert "after the last day" in dialog.problem.text()
    assert not (tmp_path / "summary.pdf").exists()


def test_printing_paints_the_same_pages(qtbot: QtBot, diary: Diary, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from diary.report.content import gather
    from diary.report.pdf import paint

    diary.save_entry(Entry(dt.date(2026, 4, 20), mood=6, lips=3))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    pages = paint(gather(diary, dt.date(2026, 4, 1), TODAY, TODAY), printer)
    reader = PdfReader(tmp_path / "printed.pdf")
    assert len(reader.pages) == pages
    assert f"Page {pages} of {pages}" in reader.pages[-1].extract_text().replace("\t", " ")
