"""Exporting a diary to an interchange file (shared/spec/interchange.md), whole: JSON, CSV,
or a bundle (the JSON document with the photos' images).

Every section is written in a fixed order, so that exporting, importing into an empty diary
and exporting again gives the same file.
"""

from __future__ import annotations

from pathlib import Path

from diary.core.interchange import DiaryDocument
from diary.core.interchange.file_kinds import BUNDLE, JSON, format_of, render
from diary.core.photos import images_named
from diary.store.diary import Diary
from diary.store.files import write_private


def whole_document(diary: Diary) -> DiaryDocument:
    """Everything the diary holds, each section in a fixed order (dates first)."""
    return DiaryDocument(
        courses=tuple(diary.courses()),
        routine=tuple(diary.routine(include_retired=True)),
        entries=tuple(diary.entries()),
        preferences=diary.preferences(),
        custom_side_effects=tuple(diary.custom_side_effects()),
        follow_ups=tuple(sorted(diary.follow_ups().values(), key=lambda item: (item.date, item.rule))),
        appointments=tuple(diary.appointments()),
        questions=tuple(diary.questions()),
        weights=tuple(diary.weights()),
        labs=tuple(diary.lab_results()),
        pregnancy_tests=tuple(diary.pregnancy_tests()),
        medicines=tuple(diary.medicines()),
        photos=tuple(diary.photos()),
    )


def export_file(diary: Diary, path: Path, kind: str | None = None) -> int:
    """Write the whole diary to `path` (owner-only, whole or absent); returns the number of
    days. A bundle holds the JSON document and every image its photos name, read from the
    diary's folder (one missing or changed there raises PhotoFileFailed, and nothing is
    written)."""
    chosen = format_of(path, kind)
    document = whole_document(diary)
    if chosen == BUNDLE:
        from diary.store.bundle_file import write_bundle
        from diary.store.photo_files import PhotoFiles

        text = render(document, JSON)
        write_bundle(path, text, images_named(document.photos), PhotoFiles(diary.path))
    else:
        write_private(path, render(document, chosen).encode("utf-8"))
    return len(document.entries)
