"""The appointment summary: a PDF a dermatologist can read in two minutes.

`make_report` is the one entry point the window and `isodiary report` share.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from diary.store.diary import Diary
from diary.store.files import replaced_privately


def ensure_application() -> None:
    """Qt's text and PDF classes need an application; headless commands get an offscreen one."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        QGuiApplication(["isodiary", "-platform", "offscreen"])


def make_report(
    diary: Diary,
    path: Path,
    start: dt.date,
    end: dt.date,
    *,
    paper: str | None = None,
    today: dt.date | None = None,
    photos: bool = False,
) -> int:
    """Write the summary of start..end to `path`, owner-only and never half-written. Returns pages.
    With `photos` (only when the person asks) it ends with each area's first and latest photo."""
    from diary.report.content import gather
    from diary.report.pdf import paper_for_locale, write_pdf

    ensure_application()
    content = gather(diary, start, end, today or dt.date.today(), photos=photos)
    with replaced_privately(path) as temporary:
        return write_pdf(content, temporary, paper or paper_for_locale())
