"""The two kinds of interchange file, JSON and CSV: which one a path names, and a document's
text in each."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from diary.core.interchange.csv_format import entries_to_csv
from diary.core.interchange.document import DiaryDocument, InterchangeError
from diary.core.interchange.json_writer import document_to_json

FORMATS = ("json", "csv")


def format_of(path: Path, given: str | None = None) -> str:
    """The interchange format named, or the one the file's extension implies."""
    chosen = (given or path.suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        raise InterchangeError(
            str(path), None, None, "unknown kind of file: use a .json or .csv file (or --format)"
        )
    return chosen


def render(document: DiaryDocument, kind: str, now: dt.datetime | None = None) -> str:
    """The text of an export in `kind` ("json" or "csv")."""
    if kind == "csv":
        return entries_to_csv(document.entries)
    return document_to_json(document, now or dt.datetime.now(dt.UTC))
