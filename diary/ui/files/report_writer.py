"""Writing the summary PDF on a thread of its own: the pages are laid out, the charts drawn
and any photos decoded there, so the window keeps answering however long that takes. The
PDF is whole or absent (make_report writes a temporary file and moves it into place)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from diary.ui.app.context import DiaryContext, DiaryUnavailable


class ReportWriter(QObject):
    """One summary at a time.

    Signals:
        written(Path, int): the PDF is in place, with so many pages.
        failed(Path, str): nothing was written, and why.
    """

    written = Signal(object, int)
    failed = Signal(object, str)

    def __init__(self, context: DiaryContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        # A Qt thread, not a bare Python one: the text layout and the PDF writer are Qt
        # objects that want the event dispatcher such a thread has until its work is done.
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._busy = False
        self.written.connect(self._done)
        self.failed.connect(self._done)

    @property
    def busy(self) -> bool:
        return self._busy

    def _done(self) -> None:
        self._busy = False

    def start(self, path: Path, start: dt.date, end: dt.date, paper: str, photos: bool) -> None:
        """Begin writing; `written` or `failed` follows on the window's thread."""
        from diary.report import ensure_application
        from diary.report.pdf import ensure_fonts

        ensure_application()
        ensure_fonts()  # fonts are registered on the window's thread, before the worker uses them

        def work() -> None:
            try:
                pages = self.context.files.write_report(path, start, end, paper, photos=photos)
            except (OSError, DiaryUnavailable) as error:
                self.failed.emit(path, str(error))
            except Exception as error:  # a fault of ours: said, never a dialog left waiting
                self.failed.emit(path, f"{type(error).__name__}: {error}")
            else:
                self.written.emit(path, pages)

        self._busy = True
        self.pool.start(QRunnable.create(work))

    def wait(self) -> None:
        """Let a summary being written be finished (before the diary closes)."""
        self.pool.waitForDone()
