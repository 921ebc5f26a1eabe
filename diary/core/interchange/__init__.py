"""The interchange format of shared/spec/interchange.md (CURRENT_VERSION is written; every
older version is still read): JSON documents and CSV entries."""

from diary.core.interchange.csv_format import CSV_HEADER, entries_from_csv, entries_to_csv
from diary.core.interchange.document import (
    CURRENT_VERSION,
    FORMAT_VERSION,
    PREFERENCE_KEYS,
    READABLE_VERSIONS,
    DiaryDocument,
    InterchangeError,
    shifted,
)
from diary.core.interchange.json_reader import document_from_json
from diary.core.interchange.json_writer import document_to_json
from diary.core.interchange.rules import MAX_FILE_BYTES

__all__ = [
    "CSV_HEADER",
    "CURRENT_VERSION",
    "FORMAT_VERSION",
    "MAX_FILE_BYTES",
    "PREFERENCE_KEYS",
    "READABLE_VERSIONS",
    "DiaryDocument",
    "InterchangeError",
    "document_from_json",
    "document_to_json",
    "entries_from_csv",
    "entries_to_csv",
    "shifted",
]
