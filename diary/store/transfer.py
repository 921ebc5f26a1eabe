"""The names importing and exporting had when they lived here, for the callers not yet moved:
new code imports from diary.store.importing, diary.store.exporting and the core's
interchange modules (file_kinds, import_messages, merge)."""

from __future__ import annotations

from diary.core.interchange.file_kinds import FORMATS, format_of, render
from diary.core.interchange.import_messages import (
    REPLACE_HINT,
    SECTIONS,
    ImportConflict,
    ImportSummary,
    SectionCounts,
    nothing_imported,
)
from diary.core.interchange.merge import replace_id
from diary.store.exporting import export_file, whole_document
from diary.store.importing import import_document, import_file, read_document

__all__ = [
    "FORMATS",
    "REPLACE_HINT",
    "SECTIONS",
    "ImportConflict",
    "ImportSummary",
    "SectionCounts",
    "export_file",
    "format_of",
    "import_document",
    "import_file",
    "nothing_imported",
    "read_document",
    "render",
    "replace_id",
    "whole_document",
]
