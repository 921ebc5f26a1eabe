"""An open diary file: loading and saving the core's objects, each call one transaction.

Reads go through the standard library (diary.store.reads) and are ready at once; writes
go through SQLAlchemy (diary.store.writes), loaded on the first write or, in the window,
in the background just after the first frame (`load_writer`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from diary.core.appointments import Appointment, Question
from diary.core.course import Course
from diary.core.entry import Entry
from diary.core.follow_up import FollowUp
from diary.core.photos import Photo
from diary.core.preferences import Preferences
from diary.core.records import CustomSideEffect, LabResult, Medicine, PregnancyTest, Weighing
from diary.core.routine import RoutineStep
from diary.settings import PREFERENCE_PREFIX
from diary.store import database, errors, migrations, photo_records, reads, setting_rows, sqlcipher

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from diary.store.key_file import DiaryKeys

Result = TypeVar("Result")


def load_writer() -> None:
    """Import what writing needs (SQLAlchemy and the models), e.g. in a thread while idle."""
    import diary.store.writes  # noqa: F401


class Diary:
    """The person's diary file.

    Every public method is a whole transaction: it is either stored completely or not
    at all, and a method that returns has had its data flushed to disk.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._reader_: sqlcipher.Connection | None = database.connect_for_reading(path)
        self._engine_: Engine | None = None

    @classmethod
    def open(cls, path: Path | str, only_to_read: bool = False, keys: DiaryKeys | None = None) -> Diary:
        """Open (creating or upgrading as needed) the diary at `path`. Raises DiaryUnavailable.

        `only_to_read`: a diary on read-only media is opened as it is, for reading.
        `keys`: a protected diary's keys (diary.store.protection.unlock), then held by this
        process; without them (nor held from before) a protected diary raises DiaryLocked."""
        path = database.prepare_to_open(Path(path), keys, only_to_read)
        with errors.sqlite_errors(path):
            return cls(path)

    def close(self) -> None:
        """Let go of the file. Like an SQLAlchemy engine's dispose: used again, it reconnects
        (to whatever file is at the path then, e.g. after a restore)."""
        if self._reader_ is not None:
            self._reader_.close()
            self._reader_ = None
        if self._engine_ is not None:
            self._engine_.dispose()
            self._engine_ = None

    def __enter__(self) -> Diary:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def _reader(self) -> sqlcipher.Connection:
        if self._reader_ is None:
            self._reader_ = database.connect_for_reading(self.path)
        return self._reader_

    @property
    def _engine(self) -> Engine:
        if self._engine_ is None:
            from diary.store.engine import create_diary_engine

            self._engine_ = create_diary_engine(self.path)
        return self._engine_

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session whose work is committed at the end, or rolled back whole on any error."""
        from sqlalchemy.exc import DatabaseError, IntegrityError, ProgrammingError
        from sqlalchemy.orm import Session

        writer = self._engine.execution_options(sqlite_begin="IMMEDIATE")
        try:
            with Session(writer) as session, session.begin():
                yield session
        except DatabaseError as error:
            if isinstance(error, IntegrityError | ProgrammingError):
                raise  # a mistake in the program, not a problem with the file
            raise errors.DiaryUnavailable(
                errors.explain_sqlite_error(self.path, error.orig),
                machine_refused=errors.machine_refused_by(error.orig),
            ) from error

    def _write(self, change: Callable[..., Result], *args: Any) -> Result:
        with self.writing() as session:
            return change(session, *args)

    def _read(self, read: Callable[..., Result], *args: Any) -> Result:
        with errors.sqlite_errors(self.path):
            return read(self._reader, *args)

    # Entries -------------------------------------------------------------------------

    def entry(self, day: dt.date) -> Entry | None:
        return self._read(reads.entry, day)

    def entries(self, start: dt.date | None = None, end: dt.date | None = None) -> list[Entry]:
        """Entries in date order, between `start` and `end` inclusive when given."""
        return self._read(reads.entries, start, end)

    def mood_entries(self) -> list[Entry]:
        """Every day with a mood, warning signs or PHQ-9, holding only those: what flags need."""
        return self._read(reads.mood_entries)

    def dose_entries(self, start: dt.date, end: dt.date) -> list[Entry]:
        """The days in start..end with a dose, holding only the dose (what progress reads)."""
        return self._read(reads.dose_entries, start, end)

    def logged_days(self, start: dt.date, end: dt.date) -> set[dt.date]:
        return self._read(reads.logged_days, start, end)

    def first_logged_day(self, on_or_before: dt.date) -> dt.date | None:
        """The first day with an entry up to `on_or_before`, or None when there is none."""
        return self._read(reads.first_logged_day, on_or_before)

    def last_phq9_day(self, on_or_before: dt.date) -> dt.date | None:
        """The last day with a PHQ-9 check-in, up to `on_or_before`."""
        return self._read(reads.last_phq9_day, on_or_before)

    def save_entry(self, entry: Entry) -> None:
        """Store the day whole. A day with nothing logged is removed, not kept as an empty row."""
        from diary.store import writes

        self._write(writes.save_entry, entry)

    def save_entry_over(self, entry: Entry, loaded: Entry | None) -> None:
        """Store the day only if it still holds `loaded` (what a form showed before its edits;
        None: no entry). Otherwise raise DiaryChanged and store nothing: a form never saves
        over a day that changed since it was loaded. Checked and written in one transaction."""
        from diary.store import writes
        from diary.store.errors import DiaryChanged

        with self.writing() as session:
            raw = session.connection().connection.driver_connection
            assert raw is not None  # an open session always has its SQLite connection
            current = reads.entry(raw, entry.date)
            if current != loaded:
                raise DiaryChanged(
                    f"{entry.date:%A} {entry.date.day} {entry.date:%B %Y} was changed elsewhere (an "
                    "import or a restore) since it was shown, so it was not saved over. It now "
                    "shows what the diary holds."
                )
            writes.save_entry(session, entry)

    def delete_entry(self, day: dt.date) -> None:
        from diary.store import writes

        self._write(writes.delete_entry, day)

    # Courses -------------------------------------------------------------------------

    def courses(self) -> list[Course]:
        return self._read(reads.courses)

    def save_course(self, course: Course, previous_start: dt.date | None = None) -> None:
        """Add a course, or change the one that started on `previous_start`.

        Raises CourseClash when the course would overlap another one.
        """
        from diary.store import writes

        self._write(writes.save_course, course, previous_start)

    def delete_course(self, start: dt.date) -> None:
        """Forget a course's settings. Its days stay in the diary."""
        from diary.store import writes

        self._write(writes.delete_course, start)

    # Routine -------------------------------------------------------------------------

    def routine(self, include_retired: bool = False) -> list[RoutineStep]:
        return self._read(reads.routine, include_retired)

    def save_routine(self, steps: Sequence[RoutineStep], today: dt.date | None = None) -> None:
        """Make `steps` the routine, in this order. Steps left out are retired, not forgotten,
        so the days that ticked them keep their meaning; a step retired, added or offered
        again is dated `today` (the computer's today unless given)."""
        from diary.store import writes

        self._write(writes.save_routine, steps, today or dt.date.today())

    # Settings ------------------------------------------------------------------------

    def setting(self, key: str, default: Any = None) -> Any:
        stored, value = self._read(setting_rows.setting, key)
        return value if stored else default

    def set_setting(self, key: str, value: Any) -> None:
        from diary.store import writes

        self._write(writes.set_setting, key, value)

    def preferences(self) -> Preferences:
        return Preferences.from_values(self._read(setting_rows.settings_with_prefix, PREFERENCE_PREFIX))

    def save_preferences(self, preferences: Preferences) -> None:
        from diary.store import writes

        self._write(writes.save_preferences, preferences)

    # Follow-ups on mood flags ----------------------------------------------------------

    def follow_ups(self) -> dict[tuple[str, dt.date], FollowUp]:
        return self._read(reads.follow_ups)

    def save_follow_up(self, follow_up: FollowUp) -> None:
        from diary.store import writes

        self._write(writes.save_follow_up, follow_up)

    # Appointments and questions ---------------------------------------------------------

    def appointments(self) -> list[Appointment]:
        return self._read(reads.appointments)

    def save_appointment(self, appointment: Appointment) -> Appointment:
        """Add (no id) or change an appointment; returns it with its id."""
        from diary.store import writes

        return self._write(writes.save_appointment, appointment)

    def delete_appointment(self, appointment_id: int) -> None:
        from diary.store import writes

        self._write(writes.delete_appointment, appointment_id)

    def questions(self) -> list[Question]:
        return self._read(reads.questions)

    def save_question(self, question: Question) -> Question:
        from diary.store import writes

        return self._write(writes.save_question, question)

    def delete_question(self, question_id: int) -> None:
        from diary.store import writes

        self._write(writes.delete_question, question_id)

    # Weights, lab results, pregnancy tests, other medicines -------------------------------

    def weights(self) -> list[Weighing]:
        """By date."""
        return self._read(reads.weights)

    def save_weighing(self, weighing: Weighing) -> None:
        """Store a weighing, replacing the day's one if there is one."""
        from diary.store import writes

        self._write(writes.save_weighing, weighing)

    def delete_weighing(self, day: dt.date) -> None:
        from diary.store import writes

        self._write(writes.delete_weighing, day)

    def lab_results(self) -> list[LabResult]:
        """By date, then test."""
        return self._read(reads.lab_results)

    def save_lab_result(self, result: LabResult, previous: LabResult | None = None) -> None:
        """Add or change a result; `previous` is the one it replaces when its date, test or
        label changed. A result of the same identity is replaced whole."""
        from diary.store import writes

        self._write(writes.save_lab_result, result, previous)

    def delete_lab_result(self, result: LabResult) -> None:
        """Remove the result of the same identity (date, test, label)."""
        from diary.store import writes

        self._write(writes.delete_lab_result, result)

    def pregnancy_tests(self) -> list[PregnancyTest]:
        """By date."""
        return self._read(reads.pregnancy_tests)

    def save_pregnancy_test(self, test: PregnancyTest) -> None:
        """Store a test, replacing the day's one if there is one."""
        from diary.store import writes

        self._write(writes.save_pregnancy_test, test)

    def delete_pregnancy_test(self, day: dt.date) -> None:
        from diary.store import writes

        self._write(writes.delete_pregnancy_test, day)

    def medicines(self) -> list[Medicine]:
        """By start date, then name."""
        return self._read(reads.medicines)

    def save_medicine(self, medicine: Medicine, previous: Medicine | None = None) -> None:
        """Add or change a medicine; `previous` is the one it replaces when its name or
        start date changed."""
        from diary.store import writes

        self._write(writes.save_medicine, medicine, previous)

    def delete_medicine(self, medicine: Medicine) -> None:
        """Remove the medicine of the same identity (name, from)."""
        from diary.store import writes

        self._write(writes.delete_medicine, medicine)

    # The person's own side effects ----------------------------------------------------

    def custom_side_effects(self) -> list[CustomSideEffect]:
        """In the person's order, retired ones included (`active` False)."""
        return self._read(reads.custom_side_effects)

    def save_custom_side_effects(
        self, items: Sequence[CustomSideEffect], today: dt.date | None = None
    ) -> None:
        """Make `items` the list, in this order. Keys left out are retired, not forgotten,
        so the days that name them keep their meaning; one retired, added or offered again
        is dated `today` (the computer's today unless given)."""
        from diary.store import writes

        self._write(writes.save_custom_side_effects, items, today or dt.date.today())

    def holds_records(self) -> bool:
        """Whether the diary holds any record (entry, course, follow-up, appointment, ...);
        the routine and the settings a first start sets up do not count."""
        return self._read(reads.holds_records)

    # Photos (the records; the image files are in photos/ beside the diary) ---------------

    def photos(self) -> list[Photo]:
        """By date, area and hash."""
        return self._read(photo_records.photos)

    def images_named(self) -> dict[str, str]:
        """The images the photo records name (hash -> media type)."""
        return self._read(photo_records.images_named)

    def save_photo(self, photo: Photo) -> None:
        """Store a photo record, replacing the one of the same identity (date, area, hash)."""
        self._write(photo_records.save_photo, photo)

    def delete_photo(self, photo: Photo) -> None:
        self._write(photo_records.delete_photo, photo)

    # The whole file --------------------------------------------------------------------

    def revision(self) -> str | None:
        return self._read(migrations.revision_of)

    def counts(self) -> dict[str, int]:
        return self._read(reads.counts)

    def integrity_problems(self) -> list[str]:
        """SQLite's own full check of the file; an empty list means it is sound."""
        return self._read(reads.integrity_problems)
