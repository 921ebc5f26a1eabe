"""The interchange format of shared/spec/interchange.md: JSON documents and CSV entries."""

from diary.core.interchange.csv_format import CSV_HEADER, entries_from_csv, entries_to_csv
from diary.core.interchange.document import FORMAT_VERSION, DiaryDocument, InterchangeError
from diary.core.interchange.json_format import document_from_json, document_to_json

__all__ = [
    "CSV_HEADER",
    "FORMAT_VERSION",
    "DiaryDocument",
    "InterchangeError",
    "document_from_json",
    "document_to_json",
    "entries_from_csv",
    "entries_to_csv",
]
