"""Importing an interchange file (shared/spec/interchange.md) into a diary: all or nothing.

The file is read and checked whole first (a bundle: every member and image too); the merge
rules (diary.core.interchange.merge) then decide what to write, and it is written in one
transaction. A bundle's images are kept in the diary's folder inside that transaction,
before its records: if anything then fails, the images it newly wrote are removed again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from diary.core.course import Course
from diary.core.interchange import (
    MAX_FILE_BYTES,
    DiaryDocument,
    InterchangeError,
    document_from_json,
    entries_from_csv,
)
from diary.core.interchange.file_kinds import BUNDLE, CSV, JSON, format_of
from diary.core.interchange.import_messages import ImportSummary
from diary.core.interchange.merge import ImportPlan, plan_import
from diary.core.photos import images_named
from diary.store import photo_records, writes
from diary.store.diary import Diary
from diary.store.errors import explain_os_error
from diary.store.exporting import whole_document
from diary.store.files import check_regular
from diary.store.models import CourseRow
from diary.store.photo_files import PhotoFileFailed, PhotoFiles
from diary.store.rows import fill_course_row

if TYPE_CHECKING:
    from diary.store.bundle_file import CheckedBundle


@dataclass(frozen=True)
class FileToImport:
    """A file read and checked whole, ready to import: its document, what kind of file it
    is, and for a bundle its images (checked, still in the file)."""

    document: DiaryDocument
    source: str
    kind: str
    bundle: CheckedBundle | None = None


def read_file(diary: Diary, path: Path) -> FileToImport:
    """Read and check a whole JSON, CSV or bundle file against the diary's routine and side
    effects; raises InterchangeError naming the file, the record or member, and the field."""
    kind = format_of(path)
    if kind == BUNDLE:
        return _read_bundle(diary, path)
    text = _text_of(path)
    known_steps, known_effects = _known_keys(diary)
    if kind == JSON:
        document = document_from_json(text, str(path), known_steps, known_side_effect_keys=known_effects)
    else:
        entries = entries_from_csv(text, str(path), known_steps, known_side_effect_keys=known_effects)
        document = DiaryDocument(entries=entries)
    return FileToImport(document, str(path), kind)


def read_document(diary: Diary, path: Path) -> DiaryDocument:
    """The document of a whole file, read and checked (see read_file)."""
    return read_file(diary, path).document


def _text_of(path: Path) -> str:
    source = str(path)
    try:
        check_regular(path)  # a FIFO or a device is refused at once: reading it could never end
        # Refused before it is read whole: a file over the format's limit (interchange spec).
        if path.is_file() and (size := path.stat().st_size) > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // 1024 // 1024
            why = f"is {size / 1024 / 1024:,.0f} MiB; files over {limit} MiB are refused"
            raise InterchangeError(source, None, None, why)
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InterchangeError(source, None, None, "is not UTF-8 text") from None
    except OSError as error:
        raise InterchangeError(source, None, None, f"cannot be read ({error.strerror})") from None


def _read_bundle(diary: Diary, path: Path) -> FileToImport:
    from diary.store.bundle_file import read_bundle

    try:
        check_regular(path)
    except OSError as error:
        raise InterchangeError(str(path), None, None, f"cannot be read ({error.strerror})") from None
    known_steps, known_effects = _known_keys(diary)
    read: list[DiaryDocument] = []

    def named_by(text: str) -> dict[str, str]:
        document = document_from_json(text, f"{path}: diary.json", known_steps, known_effects)
        read.append(document)
        return images_named(document.photos)  # one hash as two kinds is refused by the reader

    bundle = read_bundle(path, named_by)
    return FileToImport(read[0], str(path), BUNDLE, bundle)


def _known_keys(diary: Diary) -> tuple[list[str], list[str]]:
    return (
        [step.key for step in diary.routine(include_retired=True)],
        [item.key for item in diary.custom_side_effects()],
    )


def import_file(
    diary: Diary, path: Path, replace: bool = False, without_photos: bool = False
) -> ImportSummary:
    """Import a JSON, CSV or bundle file whole, or nothing of it."""
    return import_read(diary, read_file(diary, path), replace, without_photos)


def import_read(
    diary: Diary, file: FileToImport, replace: bool = False, without_photos: bool = False
) -> ImportSummary:
    """Import a file read by read_file, whole or nothing (see import_document)."""
    return import_document(
        diary,
        file.document,
        file.source,
        replace,
        from_csv=file.kind == CSV,
        bundle=file.bundle,
        without_photos=without_photos,
    )


def import_document(
    diary: Diary,
    document: DiaryDocument,
    source: str,
    replace: bool = False,
    from_csv: bool = False,
    *,
    bundle: CheckedBundle | None = None,
    without_photos: bool = False,
) -> ImportSummary:
    """Merge a document into the diary in one transaction, by the spec's rules
    (diary.core.interchange.merge.plan_import says which): all of it, or nothing when it
    raises ImportConflict, InterchangeError (PhotosWithoutImages among them) or
    DiaryUnavailable (PhotoFileFailed: an image could not be kept).

    A photo record needs its image in the diary's folder or in `bundle`; `without_photos`
    leaves out the records whose image is in neither."""
    files = PhotoFiles(diary.path)
    kept: list[Path] = []
    try:
        with diary.writing() as session:
            session.connection()  # takes the write lock: what is read below cannot change
            empty = not diary.holds_records()
            images = {**files.held(), **({} if bundle is None else bundle.images)}
            plan = plan_import(
                document,
                whole_document(diary),
                source,
                empty=empty,
                replace=replace,
                from_csv=from_csv,
                images=images,
                without_photos=without_photos,
            )
            if bundle is not None:
                kept = _keep_new_images(bundle, files)
            _write(session, plan)
            return plan.summary
    except BaseException:
        forget_images(kept)  # nothing written: the images this import added go again
        raise


def keep_images_first(diary_path: Path, file: FileToImport) -> tuple[FileToImport, list[Path]]:
    """A bundle's images kept in the diary's folder ahead of its records (the window does it
    on a worker thread: checking and copying them takes seconds). Returns the file to import
    now that the diary holds its images, and the images newly written, which the caller
    removes (`forget_images`) when the import is not made. JSON and CSV bring no images."""
    if file.bundle is None:
        return file, []
    kept = _keep_new_images(file.bundle, PhotoFiles(diary_path))
    return replace(file, bundle=None), kept


def forget_images(paths: Sequence[Path]) -> None:
    """Remove the images an import kept first, when it was not made after all."""
    for path in paths:
        path.unlink(missing_ok=True)


def _keep_new_images(bundle: CheckedBundle, files: PhotoFiles) -> list[Path]:
    """Copy the bundle's images into the diary's folder; returns those that were not there.
    If one cannot be kept (a full disk), those this call wrote go again before it raises."""
    from diary.store.bundle_file import keep_images

    paths = [files.path_of(sha256, kind) for sha256, kind in sorted(bundle.images.items())]
    there = {path for path in paths if path.exists()}
    try:
        keep_images(bundle, files)
    except BaseException as error:
        forget_images([path for path in paths if path not in there])
        cause = error.__cause__
        if isinstance(error, PhotoFileFailed) and isinstance(cause, OSError):
            # Said for an import (photo_files' words are for adding a photo), as the computer's refusal.
            where = Path(cause.filename) if cause.filename else files.folder
            raise PhotoFileFailed(
                f"IsoDiary could not copy the bundle's photos into {files.folder}: "
                f"{explain_os_error(where, cause)}; free some space or check the folder, then try again",
                machine_refused=True,
            ) from cause
        raise
    return [path for path in paths if path not in there]


def _write(session: Session, plan: ImportPlan) -> None:
    """Everything is known to be sound: write it."""
    writes.set_routine(session, plan.routine)
    writes.save_custom_side_effects(session, plan.custom_side_effects)
    _write_courses(session, plan.courses)
    writes.upsert_entries(session, plan.entries)
    for follow_up in plan.follow_ups:
        writes.save_follow_up(session, follow_up)
    for appointment in plan.appointments:
        writes.save_appointment(session, appointment)
    for question in plan.questions:
        writes.save_question(session, question)
    for weighing in plan.weights:
        writes.save_weighing(session, weighing)
    for result in plan.labs:
        writes.save_lab_result(session, result, None)
    for test in plan.pregnancy_tests:
        writes.save_pregnancy_test(session, test)
    for medicine in plan.medicines:
        writes.save_medicine(session, medicine, None)
    for photo in plan.photos:
        photo_records.save_photo(session, photo)
    if plan.preferences is not None:
        writes.save_preferences(session, plan.preferences)


def _write_courses(session: Session, courses: Sequence[Course]) -> None:
    rows = {row.start_date: row for row in session.scalars(select(CourseRow))}
    for course in courses:
        row = rows.get(course.start_date)
        if row is None:
            row = CourseRow()
            session.add(row)
        fill_course_row(row, course)
    session.flush()
