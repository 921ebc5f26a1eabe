"""The open diary as the window sees it: one object passed to every panel, with signals for changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from diary.core.appointments import Appointment, Question
from diary.core.course import Course, course_on
from diary.core.entry import Entry
from diary.core.follow_up import FollowUp
from diary.core.photos import ImageRefused, Photo
from diary.core.preferences import Preferences
from diary.core.progress import CourseProgress, course_progress
from diary.core.records import CustomSideEffect, LabResult, Medicine, PregnancyTest, Weighing
from diary.core.routine import RoutineStep
from diary.settings import RememberedChoice
from diary.store.diary import Diary
from diary.store.errors import (
    DiaryChanged,
    DiaryDamaged,
    DiaryUnavailable,
)
from diary.ui.models.changes import Changes

if TYPE_CHECKING:
    from diary.report.content import ReportContent
    from diary.store.backups import Backup
    from diary.store.importing import FileToImport
    from diary.store.photo_files import PhotoFiles
    from diary.store.photo_intake import KeptImage
    from diary.store.restore import BackupFacts, Restored
    from diary.store.transfer import ImportSummary
    from diary.ui.app.opening import DiaryProtection

# The store's names the views use, handed on from here so that only this module imports the
# store: DiaryChanged (a day changed since the form loaded it), Diary (the flag tracker's worker).
__all__ = [
    "Diary",
    "DiaryChanged",
    "DiaryContext",
    "DiaryDamaged",
    "DiaryUnavailable",
    "FileToImport",
    "ImageRefused",
    "KeptImage",
    "PhotoFiles",
]


class DiaryContext(QObject):
    """The diary, the courses and the routine, and news of their changes.

    Panels read through it and save through it; none of them talks to the store alone
    (the layering test keeps it so), so every panel hears about every change. Files made
    from the diary (export, the summary PDF, backups) are in `files`.

    Signals:
        changed(Changes): something was stored; the Changes says what, and which view asked
            (diary/ui/models/changes.py). The whole diary replaced (an import, a restore)
            counts as every part changed.
        preferences_changed(Preferences): the preferences saved, sent as well as `changed`
            (kept for the callers that wait on it alone).
        quiet(bool): True while the diary is let go of (locked, or being encrypted): read nothing.
        protection_changed: a passphrase was set or removed, or the idle time changed.
    """

    changed = Signal(object)
    preferences_changed = Signal(object)
    quiet = Signal(bool)
    protection_changed = Signal()

    def __init__(self, diary: Diary, today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__()
        self.diary = diary  # for this module only: tests/test_layering.py fails on `context.diary` elsewhere
        self.today = today
        self._courses: list[Course] = diary.courses()
        self._routine: list[RoutineStep] = diary.routine(include_retired=True)
        self.files = DiaryFiles(self)

    def tell(self, changes: Changes) -> None:
        """Send what changed to every view (the context's own writes call this)."""
        self.changed.emit(changes)

    @property
    def courses(self) -> list[Course]:
        return list(self._courses)

    def routine(self, include_retired: bool = False) -> list[RoutineStep]:
        return [step for step in self._routine if include_retired or step.active]

    def course_on(self, day: dt.date) -> Course | None:
        return course_on(self._courses, day)

    def scheduled_dose(self, day: dt.date) -> float | None:
        course = self.course_on(day)
        return None if course is None else course.scheduled_dose(day)

    def progress(self, day: dt.date) -> CourseProgress | None:
        """Where the course holding `day` stands on that day, or None outside every course."""
        course = self.course_on(day)
        if course is None:
            return None
        entries = self.diary.dose_entries(course.start_date, min(day, course.last_day(day)))
        # The weight in force each day, and never a day after today (as the summary counts).
        return course_progress(course, entries, day, today=self.today(), weights=self.diary.weights())

    def second_reader(self) -> Diary:
        """Another reader on the same diary file, for work on a worker thread (a reader
        belongs to the thread that opened it); the caller closes it."""
        return Diary(self.diary.path)

    @property
    def path(self) -> Path:
        """The diary file."""
        return self.diary.path

    def close(self) -> None:
        """Let go of the file (it reconnects when used again)."""
        self.diary.close()

    @property
    def protection(self) -> DiaryProtection:
        from diary.ui.app.opening import DiaryProtection  # its passphrase; letting go while locked

        return DiaryProtection(self.path, self.close, self.quiet.emit)

    # Entries -----------------------------------------------------------------------------

    def entry(self, day: dt.date) -> Entry | None:
        return self.diary.entry(day)

    def entries(self, start: dt.date | None = None, end: dt.date | None = None) -> list[Entry]:
        return self.diary.entries(start, end)

    def logged_days(self, start: dt.date, end: dt.date) -> set[dt.date]:
        return self.diary.logged_days(start, end)

    def first_logged_day(self) -> dt.date | None:
        """The first day logged up to today (where the trends' "everything" starts)."""
        return self.diary.first_logged_day(self.today())

    def last_phq9_day(self, on_or_before: dt.date) -> dt.date | None:
        return self.diary.last_phq9_day(on_or_before)

    def save_entry(self, entry: Entry, source: object | None = None) -> None:
        """Store the day; raises DiaryUnavailable when the file cannot take it."""
        self.diary.save_entry(entry)
        self.tell(Changes(entries=(entry,), source=source))

    def save_entry_over(self, entry: Entry, loaded: Entry | None, source: object | None = None) -> None:
        """Store the day unless it changed since `loaded` was read (then DiaryChanged, nothing saved)."""
        self.diary.save_entry_over(entry, loaded)
        self.tell(Changes(entries=(entry,), source=source))

    def save_course(self, course: Course, previous_start: dt.date | None = None) -> None:
        self.diary.save_course(course, previous_start)
        self._courses = self.diary.courses()
        self.tell(Changes(courses=True))

    def delete_course(self, start: dt.date) -> None:
        self.diary.delete_course(start)
        self._courses = self.diary.courses()
        self.tell(Changes(courses=True))

    def save_routine(self, steps: list[RoutineStep]) -> None:
        self.diary.save_routine(steps, today=self.today())  # the day it changed, for its history
        self._routine = self.diary.routine(include_retired=True)
        self.tell(Changes(routine=True))

    # Weighings, lab results, pregnancy tests and other medicines -----------------------

    def weights(self) -> list[Weighing]:
        return self.diary.weights()

    def save_weighing(self, weighing: Weighing) -> None:
        self.diary.save_weighing(weighing)
        self.tell(Changes(records=True))

    def delete_weighing(self, day: dt.date) -> None:
        self.diary.delete_weighing(day)
        self.tell(Changes(records=True))

    def lab_results(self) -> list[LabResult]:
        return self.diary.lab_results()

    def save_lab_result(self, result: LabResult, previous: LabResult | None = None) -> None:
        self.diary.save_lab_result(result, previous)
        self.tell(Changes(records=True))

    def delete_lab_result(self, result: LabResult) -> None:
        self.diary.delete_lab_result(result)
        self.tell(Changes(records=True))

    def pregnancy_tests(self) -> list[PregnancyTest]:
        return self.diary.pregnancy_tests()

    def save_pregnancy_test(self, test: PregnancyTest) -> None:
        self.diary.save_pregnancy_test(test)
        self.tell(Changes(records=True))

    def delete_pregnancy_test(self, day: dt.date) -> None:
        self.diary.delete_pregnancy_test(day)
        self.tell(Changes(records=True))

    def medicines(self) -> list[Medicine]:
        return self.diary.medicines()

    def save_medicine(self, medicine: Medicine, previous: Medicine | None = None) -> None:
        self.diary.save_medicine(medicine, previous)
        self.tell(Changes(records=True))

    def delete_medicine(self, medicine: Medicine) -> None:
        self.diary.delete_medicine(medicine)
        self.tell(Changes(records=True))

    def custom_side_effects(self) -> list[CustomSideEffect]:
        """The person's own side effects, in their order (retired ones too, marked inactive)."""
        return self.diary.custom_side_effects()

    def save_custom_side_effects(self, items: list[CustomSideEffect], source: object | None = None) -> None:
        """Store the whole list of the person's own side effects."""
        self.diary.save_custom_side_effects(items, today=self.today())  # the day, for its history
        self.tell(Changes(side_effects=True, source=source))

    # Follow-ups on flags ------------------------------------------------------------------

    def follow_ups(self) -> dict[tuple[str, dt.date], FollowUp]:
        return self.diary.follow_ups()

    def save_follow_up(self, follow_up: FollowUp, source: object | None = None) -> None:
        self.diary.save_follow_up(follow_up)
        self.tell(Changes(follow_ups=True, source=source))

    # Appointments and questions -------------------------------------------------------------

    def appointments(self) -> list[Appointment]:
        return self.diary.appointments()

    def save_appointment(self, appointment: Appointment) -> Appointment:
        saved = self.diary.save_appointment(appointment)
        self.tell(Changes(appointments=True))
        return saved

    def delete_appointment(self, appointment_id: int) -> None:
        self.diary.delete_appointment(appointment_id)
        self.tell(Changes(appointments=True))

    def questions(self) -> list[Question]:
        return self.diary.questions()

    def save_question(self, question: Question) -> Question:
        saved = self.diary.save_question(question)
        self.tell(Changes(appointments=True))
        return saved

    def delete_question(self, question_id: int) -> None:
        self.diary.delete_question(question_id)
        self.tell(Changes(appointments=True))

    # Photos (records in the diary, image files in photos/ beside it) ----------------------

    def photos(self) -> list[Photo]:
        return self.diary.photos()

    def photo_files(self) -> PhotoFiles:
        """The image files (taken in, thumbnails): no database, so a worker thread uses them."""
        from diary.store.photo_files import PhotoFiles

        return PhotoFiles(self.path)

    def add_photo(self, photo: Photo) -> None:
        self.diary.save_photo(photo)
        self.tell(Changes(photos=True))

    def delete_photo(self, photo: Photo) -> None:  # and its image, unless a kept backup names it
        from diary.store.photo_cleanup import remove_unused_images

        self.diary.delete_photo(photo)
        remove_unused_images(self.path)
        self.tell(Changes(photos=True))

    # Preferences and remembered choices ---------------------------------------------------

    def preferences(self) -> Preferences:
        return self.diary.preferences()

    def save_preferences(self, preferences: Preferences) -> None:
        self.diary.save_preferences(preferences)
        self.tell(Changes(preferences=preferences))
        self.preferences_changed.emit(preferences)

    def remembered(self, choice: RememberedChoice) -> object:
        """A choice the diary remembers (see diary/settings.py), or its default."""
        return self.diary.setting(choice.key, choice.default)

    def remember(self, choice: RememberedChoice, value: object) -> None:
        self.diary.set_setting(choice.key, value)

    # Import and export ---------------------------------------------------------------------

    def import_file(
        self,
        file: FileToImport,
        replace_days: Callable[[str], bool],
        replace: bool = False,
        without_photos: bool = False,
    ) -> ImportSummary | None:
        """Import a file read by `files.read_file` whole, then every panel reloads. When it
        holds days that differ from the diary's, `replace_days(why)` decides: replace them,
        or import nothing (None). With `replace` (`isodiary import --replace`) the file's
        records and preferences are taken at once, as the command does without a window.
        `without_photos`: leave out photos whose image the diary does not hold."""
        from diary.store.importing import import_read
        from diary.store.transfer import ImportConflict

        try:
            summary = import_read(self.diary, file, replace, without_photos)
        except ImportConflict as conflict:
            if not replace_days(str(conflict)):
                return None
            summary = import_read(self.diary, file, True, without_photos)
        self.reload()
        return summary

    def restore(self, backup_path: Path) -> str:
        """Restore a backup under the open window; returns "" when done, else why not."""
        try:
            self.restore_backup(backup_path)
        except DiaryUnavailable as error:
            return str(error)
        return ""

    def restore_backup(self, backup_path: Path) -> Restored:
        """Restore a backup under the open window (from its dialog, or handed over by
        `isodiary restore`). Raises DiaryUnavailable, and then nothing changed.

        The diary's connections are closed first, so none can go on using a file the restore
        sets aside; they reconnect to the restored file when next used. Opening it once more
        brings a backup from an older version up to date. Then every panel reloads.
        """
        from diary.store.restore import restore_backup

        self.diary.close()
        try:
            restored = restore_backup(self.path, backup_path)
            Diary.open(self.path).close()
        finally:
            self.reload()
        return restored

    def reload(self) -> None:
        """After the file changed underneath (an import, a restore), read everything again."""
        self._courses = self.diary.courses()
        self._routine = self.diary.routine(include_retired=True)
        self.tell(Changes.everything())


class DiaryFiles:
    """Files made from the diary or read for it: a file to import, the export, the
    appointment summary, backups. Reached as `context.files`; nothing here changes the
    diary (an import and a restore do, and are the context's own)."""

    def __init__(self, context: DiaryContext) -> None:
        self._context = context

    def read_file(self, path: Path) -> FileToImport:
        """Read a JSON, CSV or bundle file to import, checked whole. Raises InterchangeError
        naming what and where."""
        from diary.store.importing import read_file

        return read_file(self._context.diary, path)

    def read_file_apart(self, path: Path) -> FileToImport:
        """`read_file` on a reader of its own, for a worker thread (a bundle's checks take
        seconds); the diary's own connection belongs to the window's thread."""
        from diary.store.importing import read_file

        with self._context.second_reader() as reader:
            return read_file(reader, path)

    def keep_images_first(self, file: FileToImport) -> tuple[FileToImport, list[Path]]:
        """A bundle's images kept in the diary's folder before its records (no database:
        a worker thread may do it); see diary.store.importing.keep_images_first."""
        from diary.store.importing import keep_images_first

        return keep_images_first(self._context.path, file)

    def forget_images(self, paths: list[Path]) -> None:
        from diary.store.importing import forget_images

        forget_images(paths)

    def export_file(self, path: Path) -> int:
        """Write the diary to `path` (JSON, CSV or a bundle by its extension); returns the
        days written. Raises PhotoFileFailed (a DiaryUnavailable) when a bundle's image is
        missing or changed in the diary's folder."""
        from diary.store.transfer import export_file

        return export_file(self._context.diary, path)

    # The appointment summary -------------------------------------------------------------

    def write_report(self, path: Path, start: dt.date, end: dt.date, paper: str, photos: bool = False) -> int:
        """The summary PDF for start..end at `path` (with the photo page when `photos`); returns
        its pages. It reads through a reader of its own, so it may run on a worker thread."""
        from diary.report import make_report

        with self._context.second_reader() as reader:
            return make_report(
                reader, path, start, end, paper=paper, today=self._context.today(), photos=photos
            )

    def report_content(self, start: dt.date, end: dt.date, photos: bool = False) -> ReportContent:
        from diary.report.content import gather

        return gather(self._context.diary, start, end, self._context.today(), photos=photos)

    # Backups -----------------------------------------------------------------------------

    def backups_folder(self) -> Path:
        from diary.store import backups

        return backups.backups_folder(self._context.path)

    def open_backups_folder(self) -> Path:
        """The backups folder, made (owner-only) if it does not exist yet."""
        from diary.store import backups

        return backups.private_folder(backups.backups_folder(self._context.path))

    def backups(self) -> list[Backup]:
        from diary.store import backups

        return backups.list_backups(self._context.path)

    def back_up_now(self) -> Backup:
        from diary.store import backups

        return backups.make_backup(self._context.path, backups.BY_HAND)

    def check_backup(self, backup_path: Path) -> BackupFacts:
        """What a backup holds; DiaryUnavailable when it cannot be restored."""
        from diary.store.restore import check_backup

        return check_backup(backup_path)
