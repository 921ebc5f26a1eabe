"""Making the appointment summary from the window: choose the range, then save a PDF or print it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLayout,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from diary.core.appointments import summary_range
from diary.ui.app.context import DiaryContext, DiaryUnavailable
from diary.ui.files import save_place
from diary.ui.files.off_thread import run_apart
from diary.ui.widgets import speech, theme
from diary.ui.widgets.calendar import from_qdate, to_qdate

PAPER_WORDS = {"A4": "A4", "Letter": "US Letter"}


class ReportDialog(QDialog):
    """The summary's range (since the last appointment by default), paper and whether to add
    photos (never by default), then Save or Print. Saving writes on a worker thread; the
    dialog waits for it, saying so, and closes when the PDF is in place."""

    def __init__(self, context: DiaryContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from diary.report.pdf import paper_for_locale

        self.setWindowTitle("Appointment summary")
        self.context = context
        self.today = today = context.today()
        start, end = summary_range(context.appointments(), today)
        self.start = _date_edit(start, "First day of the summary")
        self.end = _date_edit(end, "Last day of the summary")
        self.paper = QComboBox()
        self.paper.setAccessibleName("Paper size")
        for key, words in PAPER_WORDS.items():
            self.paper.addItem(words, key)
        preferred = context.preferences().paper_size
        self.paper.setCurrentIndex(
            self.paper.findData(preferred if preferred != "auto" else paper_for_locale())
        )
        has_photos = bool(context.photos())
        self.with_photos = QCheckBox(
            "&Add a page of photos: the first and the latest of each area"
            if has_photos
            else "&Add a page of photos (the diary holds none yet)"
        )
        self.with_photos.setEnabled(has_photos)
        self.with_photos.setToolTip(
            "Photos are the most private part of your diary: the summary leaves them out unless "
            "you tick this. Page 1 then says that it holds photos."
        )
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        speech.reads_as_shown(self.problem, "Problem with the range")
        self._writing = False
        intro = QLabel(
            "A few pages for your prescriber: open mood flags and your questions first, then how "
            "each symptom moved. It starts from your last appointment, or covers the last 30 days."
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&From", self.start)
        form.addRow("&To", self.end)
        form.addRow("&Paper", self.paper)
        form.addRow("", self.with_photos)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton("&Save PDF…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button = buttons.addButton("P&rint…", QDialogButtonBox.ButtonRole.ActionRole)
        # Not connected directly: clicked(bool) would hand `False` to save_pdf as the path.
        self.save_button.clicked.connect(lambda _checked=False: self.save_pdf())
        self.print_button.clicked.connect(self.print_preview)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        # Never smaller than its contents: word-wrapped text once squashed the fields flat.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(theme.SECTION_SPACING)
        self.resize(480, self.sizeHint().height())

    def chosen_range(self) -> tuple[dt.date, dt.date] | None:
        start, end = from_qdate(self.start.date()), from_qdate(self.end.date())
        if start > end:
            self.problem.setText("The first day is after the last day.")
            return None
        self.problem.setText("")
        return start, end

    def save_pdf(self, path: Path | None = None) -> Path | None:
        """Ask where (unless given), write the PDF on a worker thread (the pages, the charts
        and any photos are made there while the window keeps painting), and say where it went."""
        chosen = self.chosen_range()
        if chosen is None or self._writing:
            return None
        if path is None:
            offered = save_place.suggested(f"isodiary-summary-{chosen[1]:%Y-%m-%d}.pdf")
            name, _ = QFileDialog.getSaveFileName(self, "Save the summary", offered, "PDF (*.pdf)")
            if not name:
                return None
            path = Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf")
        try:
            pages = self._write(path, *chosen)
        except (OSError, DiaryUnavailable) as error:
            QMessageBox.warning(self, "Not saved", f"The summary could not be written:\n\n{error}")
            return None
        save_place.remember(path)
        self.accept()
        save_place.say_saved(
            self.parentWidget() or self, "Summary saved", f"Saved {pages} pages as {path.name}.", path
        )
        return path

    def _write(self, path: Path, start: dt.date, end: dt.date) -> int:
        from diary.report import ensure_application
        from diary.report.pdf import ensure_fonts

        ensure_application()
        ensure_fonts()  # registered here, on the window's thread, before the worker lays out text
        paper, photos = self.paper.currentData(), self.with_photos.isChecked()
        self._writing = True
        self.problem.setStyleSheet("")
        self.problem.setText("Making the summary…")
        try:
            return run_apart(
                self,
                "Making the summary…",
                lambda: self.context.files.write_report(path, start, end, paper, photos=photos),
            )
        finally:
            self._writing = False
            self.problem.setText("")

    def reject(self) -> None:
        """Escape, Cancel and closing the window wait while the summary is written (a second
        or two): it is finished first, then the dialog closes as it says."""
        if not self._writing:
            super().reject()

    def print_preview(self) -> None:
        chosen = self.chosen_range()
        if chosen is None:
            return
        from PySide6.QtGui import QPageLayout, QPageSize
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from diary.report.pdf import MARGINS_MM, PAPER, paint

        content = self.context.files.report_content(*chosen, photos=self.with_photos.isChecked())
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(PAPER[self.paper.currentData()]))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        printer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
        preview = QPrintPreviewDialog(printer, self)
        preview.setWindowTitle("Print the summary")
        preview.paintRequested.connect(lambda device: paint(content, device))
        preview.setWindowState(Qt.WindowState.WindowMaximized)
        preview.exec()


def _date_edit(day: dt.date, name: str) -> QDateEdit:
    edit = QDateEdit(to_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setAccessibleName(name)
    return edit
