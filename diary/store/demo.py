"""The demo diary: a throwaway copy of the invented five-month course, ending yesterday."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from diary.core.interchange import document_from_json
from diary.core.interchange.document import shifted
from diary.settings import FIRST_RUN_DONE
from diary.shipped import demo_diary_file
from diary.store.diary import Diary
from diary.store.importing import import_document

DEMO_NAME = "demo-diary.sqlite3"


def create_demo_diary(folder: Path, today: dt.date) -> Path:
    """Make a demo diary in `folder` whose last logged day is the day before `today`."""
    source = demo_diary_file()
    document = document_from_json(source.read_text(encoding="utf-8"), str(source))
    last = max(entry.date for entry in document.entries)
    document = shifted(document, (today - dt.timedelta(days=1) - last).days)
    path = folder / DEMO_NAME
    with Diary.open(path) as diary:
        import_document(diary, document, str(source))
        diary.set_setting(FIRST_RUN_DONE.key, True)
    return path
