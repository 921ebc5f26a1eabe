"""The kinds of interchange file: JSON, CSV and the bundle (a ZIP of the JSON document and
the photos' images); which one a path names, and a document's text in JSON and CSV."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from diary.core.interchange.csv_format import entries_to_csv
from diary.core.interchange.document import DiaryDocument, InterchangeError
from diary.core.interchange.json_writer import document_to_json

JSON, CSV, BUNDLE = "json", "csv", "bundle"
# The kinds, and the file name ending each is known by.
FORMATS = (JSON, CSV, BUNDLE)
SUFFIXES = {JSON: ".json", CSV: ".csv", BUNDLE: ".isodiary"}
_BY_SUFFIX = {suffix: kind for kind, suffix in SUFFIXES.items()}


def format_of(path: Path, given: str | None = None) -> str:
    """The interchange format named, or the one the file's extension implies."""
    chosen = (given or _BY_SUFFIX.get(path.suffix.lower(), path.suffix.lstrip("."))).lower()
    if chosen not in FORMATS:
        raise InterchangeError(
            str(path),
            None,
            None,
            "unknown kind of file: use a .json, .csv or .isodiary (bundle) file (or --format)",
        )
    return chosen


def render(document: DiaryDocument, kind: str, now: dt.datetime | None = None) -> str:
    """The text of an export in `kind` ("json" or "csv"; a bundle's document is its JSON)."""
    if kind == CSV:
        return entries_to_csv(document.entries)
    return document_to_json(document, now or dt.datetime.now(dt.UTC))
