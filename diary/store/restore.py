"""Restoring a backup: check it first, keep the current diary, then replace it in one step.

The current diary is kept in one of two ways. A sound diary gets a "before-restore"
backup like any other. A damaged one is never read through or copied: it is renamed
aside with its write-ahead log, byte for byte as it was, beside the diary.

A sound diary is replaced through SQLite's backup API writing into it: that is one
transaction, so a crash mid-way leaves the old diary, and any other program reading it
sees the old diary or the new one, never a mix. A missing or set-aside diary is replaced
by renaming a checked copy into place.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from diary.store import backups, integrity, keyring, migrations, schema, sqlcipher
from diary.store.errors import (
    BUSY_TIMEOUT_SECONDS,
    DiaryUnavailable,
    ForeignSchema,
    is_sqlite_file,
    sqlite_errors,
)
from diary.store.files import PRIVATE_FILE, FileLock, lock_descriptor, sync_folder
from diary.store.photo_files import ImageProblem

# The files SQLite keeps beside a database; they travel with it when it is set aside.
COMPANIONS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class BackupFacts:
    """What a backup holds, for the person to recognise it."""

    revision: str
    days: int
    last_day: dt.date | None

    def describe(self) -> str:
        if not self.days:
            return "no days logged"
        days = "1 logged day" if self.days == 1 else f"{self.days} logged days"
        if self.last_day is None:
            return days
        return f"{days}, up to {self.last_day:%A} {self.last_day.day} {self.last_day:%B %Y}"


@dataclass(frozen=True)
class Restored:
    facts: BackupFacts
    previous: backups.Backup | None  # the sound diary as it was before, backed up
    set_aside: Path | None  # the damaged (or foreign) file as it was, renamed
    missing_images: tuple[ImageProblem, ...] = ()  # named by the backup, not in the diary's folder

    def words(self, backup_path: Path) -> str:
        """What the restore did, for the person (the command and the window say the same)."""
        lines = [f"Restored {backup_path} ({self.facts.describe()})."]
        if self.previous is not None:
            lines.append(f"Your diary as it was is kept in {self.previous.path}.")
        if self.set_aside is not None:
            lines.append(f"The damaged diary is kept, unchanged, as {self.set_aside}.")
        if self.missing_images:
            lines.append(self.images_words)
        return "\n".join(lines)

    @property
    def images_words(self) -> str:
        """What the restore says of the backup's images missing from the diary's folder ("" when none)."""
        from diary.store.photo_restore import missing_words

        if not self.missing_images:
            return ""
        return missing_words(list(self.missing_images), self.missing_images[0].path.parent)


def when_words(moment: dt.datetime) -> str:
    """ "Saturday 21 November 2026 at 09:30", the way a backup's time is shown."""
    return f"{moment:%A} {moment.day} {moment:%B %Y} at {moment:%H:%M}"


def check_backup(path: Path) -> BackupFacts:
    """Is `path` a sound IsoDiary diary this version can open? Raises DiaryUnavailable saying why not."""
    path = Path(path)
    if not path.is_file():
        raise DiaryUnavailable(f"{path} does not exist or is not a file. Nothing was changed.")
    if not is_sqlite_file(path) and not keyring.is_encrypted(path):
        raise DiaryUnavailable(
            f"{path} is not an IsoDiary backup (it is not an SQLite database). Nothing was changed."
        )
    with sqlite_errors(path):
        problems = integrity.full_problems(path, BUSY_TIMEOUT_SECONDS)
        if problems:
            raise DiaryUnavailable(
                f"{path} is damaged ({problems[0]}), so it cannot be restored. Nothing was changed."
            )
        with closing(integrity.connect_read_only(path)) as connection:
            names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            if not {"alembic_version", "entries"} <= names:
                raise DiaryUnavailable(
                    f"{path} is an SQLite database but not an IsoDiary diary. Nothing was changed."
                )
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            days, last = connection.execute("SELECT count(*), max(date) FROM entries").fetchone()
    revision = revision[0] if revision else None
    if revision is None:
        raise DiaryUnavailable(
            f"{path} no longer records which version of IsoDiary wrote it (its alembic_version "
            "table is empty), so it cannot be restored safely. Nothing was changed."
        )
    try:
        last_day = None if last is None else dt.date.fromisoformat(last)
    except ValueError:
        last_day = None  # named precisely by the read-back before any restore
    if revision not in migrations.known_revisions():
        raise DiaryUnavailable(
            f"{path} was made by a newer version of IsoDiary (schema {revision}). "
            "Update IsoDiary to restore it. Nothing was changed."
        )
    with sqlite_errors(path), closing(integrity.connect_read_only(path)) as connection:
        foreign = schema.foreign_objects(connection, revision)
    if foreign:
        raise ForeignSchema(path, foreign, "It was not restored. Nothing was changed.")
    return BackupFacts(revision, days, last_day)


def newest_good_backup(diary_path: Path) -> tuple[backups.Backup, BackupFacts] | None:
    """The newest backup that passes `check_backup`, or None."""
    for backup in backups.list_backups(diary_path):
        try:
            return backup, check_backup(backup.path)
        except DiaryUnavailable:
            continue
    return None


def is_sound(diary_path: Path) -> bool:
    """An SQLite file passing the quick check. Raises DiaryUnavailable when it cannot be read now."""
    if diary_path.stat().st_size == 0 or not (is_sqlite_file(diary_path) or keyring.is_encrypted(diary_path)):
        return False  # an emptied or overwritten diary is set aside, as found
    with sqlite_errors(diary_path):
        return not integrity.quick_problems(diary_path, BUSY_TIMEOUT_SECONDS)


def restore_backup(diary_path: Path, backup_path: Path, now: dt.datetime | None = None) -> Restored:
    """Make the diary at `diary_path` what `backup_path` holds, keeping the current one.

    The diary must not be open in this process. Raises DiaryUnavailable (nothing changed).
    """
    diary_path, backup_path = Path(diary_path), Path(backup_path)
    if diary_path.exists() and backup_path.resolve() == diary_path.resolve():
        raise DiaryUnavailable(f"{backup_path} is the diary itself; choose a backup.")
    if diary_path.exists() and not diary_path.is_file():
        raise DiaryUnavailable(
            f"{diary_path} is not a diary file (a folder, a device or a pipe). Nothing was changed."
        )
    facts = check_backup(backup_path)
    unreadable = unreadable_rows(backup_path)
    if unreadable:
        shown = "; ".join(unreadable[:5]) + (
            f"; and {len(unreadable) - 5} more" if len(unreadable) > 5 else ""
        )
        raise DiaryUnavailable(
            f"{backup_path} holds rows IsoDiary cannot read ({shown}), so it was not restored. "
            "Nothing was changed."
        )
    now = now or dt.datetime.now()
    backups.private_folder(diary_path.parent)
    missing = _images_of(diary_path, backup_path)
    previous = set_aside = None
    try:
        if diary_path.exists() and is_sound(diary_path):
            previous = backups.make_backup(diary_path, backups.BEFORE_RESTORE, now)
            _write_into(diary_path, backup_path)
        else:
            # The copy is made and checked first: if that fails, nothing was moved.
            staged, lock = _staged_copy(diary_path, backup_path)
            try:
                if diary_path.exists() or any(Path(f"{diary_path}{end}").exists() for end in COMPANIONS):
                    set_aside = keep_aside(diary_path, now)
                # Locked before it takes the diary's name: a window or command holding the
                # diary now holds the new file, and no other can slip in between.
                staged.replace(diary_path)
                sync_folder(diary_path.parent)
            except BaseException:
                lock.release()
                staged.unlink(missing_ok=True)
                raise
            real = diary_path.resolve()
            if real in FileLock.held:
                FileLock.hold(real, lock)
            else:
                lock.release()
    except OSError as error:
        where = f"The damaged diary is kept as {set_aside}." if set_aside else "Your diary is unchanged."
        raise DiaryUnavailable(
            f"IsoDiary could not restore {backup_path}: {error.strerror or error}. {where}"
        ) from error
    return Restored(facts, previous, set_aside, tuple(missing))


def _images_of(diary_path: Path, backup_path: Path) -> list[ImageProblem]:
    """The backup's images brought into the diary's folder first (see photo_restore), so an
    image that cannot be kept leaves the diary as it was; returns those still missing."""
    from diary.store.photo_restore import bring_back_images

    with sqlite_errors(backup_path, "Nothing was changed."):
        try:
            return bring_back_images(diary_path, backup_path)
        except DiaryUnavailable as error:  # PhotoFileFailed: a full disk, a folder refused
            raise DiaryUnavailable(
                f"{error} The backup was not restored; nothing was changed.",
                machine_refused=error.machine_refused,
            ) from error


def keep_aside(diary_path: Path, now: dt.datetime | None = None) -> Path:
    """Rename the diary and its companions aside, unchanged: `<diary>-damaged-<date>.sqlite3`."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    counter = 1
    while True:
        extra = "" if counter == 1 else f"-{counter}"
        aside = diary_path.with_name(
            f"{diary_path.stem}-damaged-{now:%Y-%m-%d-%H%M%S}{extra}{diary_path.suffix}"
        )
        if not any(Path(f"{aside}{end}").exists() for end in ("", *COMPANIONS)):
            break
        counter += 1
    key_file = Path(f"{diary_path}.key")
    if key_file.exists():
        # A copy: the encrypted file set aside still opens with the passphrase, and the key
        # file stays for the diary restored in its place.
        from diary.store.files import write_private

        write_private(Path(f"{aside}.key"), key_file.read_bytes())
    # The log first: a crash between the renames must not leave the old log beside a new file.
    for end in (*COMPANIONS, ""):
        companion = Path(f"{diary_path}{end}")
        if companion.exists():
            companion.rename(f"{aside}{end}")
    sync_folder(diary_path.parent)
    return aside


def _staged_copy(diary_path: Path, backup_path: Path) -> tuple[Path, FileLock]:
    """A checked copy of the backup in the diary's folder, under a temporary name, and the
    OS lock on it (which tells `backups.remove_leftovers` that it is not a killed run's)."""
    handle, name = tempfile.mkstemp(
        prefix=f".{diary_path.name}.restore.", suffix=".part", dir=diary_path.parent
    )
    staged = Path(name)
    lock = FileLock(handle)
    try:
        lock_descriptor(handle)
        with closing(integrity.connect_read_only(backup_path)) as source:
            # Under the diary's own key: a restore into a protected diary keeps it protected
            # (and into a plain one, plain), whatever the backup was.
            target_key = keyring.database_key(diary_path)
            backups.write_checked_copy(source, staged, backup_path, target_key=target_key)
        # The checked copy was renamed over the first file: lock the one now at the name.
        replaced = FileLock.take(staged)
        if replaced is None:
            raise DiaryUnavailable(f"Another program is using {staged}; nothing was restored.")
        lock.release()
        lock = replaced
        staged.chmod(PRIVATE_FILE)
    except BaseException:
        lock.release()
        staged.unlink(missing_ok=True)
        raise
    return staged, lock


def _write_into(diary_path: Path, backup_path: Path) -> None:
    """Replace the live diary's content with the backup's, in one SQLite transaction."""
    staged, lock = _staged_copy(diary_path, backup_path)
    key = keyring.database_key(diary_path)
    try:
        with (
            sqlite_errors(diary_path, "The backup was not restored."),
            closing(sqlcipher.connect(diary_path, key=key, timeout=BUSY_TIMEOUT_SECONDS)) as live,
        ):
            live.execute("PRAGMA synchronous = FULL")
            _match_page_size(staged, key, live.execute("PRAGMA page_size").fetchone()[0])
            with closing(integrity.connect_read_only(staged, key=key)) as source:
                source.backup(live)
    finally:
        staged.unlink(missing_ok=True)
        lock.release()


def _match_page_size(staged: Path, key: bytes | None, page_size: int) -> None:
    # SQLite can copy into a diary in WAL mode only from a file with the same page size.
    with closing(sqlcipher.connect(staged, key=key, isolation_level=None)) as copy:
        if copy.execute("PRAGMA page_size").fetchone()[0] != page_size:
            copy.execute(f"PRAGMA page_size = {int(page_size)}")
            copy.execute("VACUUM")


# Reading every row back ------------------------------------------------------------------


def unreadable_rows(backup_path: Path) -> list[str]:
    """Every row of the backup read back into the core's objects, with their checks (the
    same ones an import passes): what fails, naming table, row and field. [] when all read.

    A backup from an older version is read after bringing a scratch copy up to date.
    """
    import json

    from diary.core.entry import InvalidValue
    from diary.store import photo_records, reads

    # In memory: no copy of the diary is ever left on disk by a read-back cut short.
    with (
        sqlite_errors(backup_path),
        closing(sqlcipher.connect(":memory:", key=None, isolation_level=None)) as connection,
    ):
        with closing(integrity.connect_read_only(backup_path)) as source:
            source_key = keyring.database_key(backup_path)
            sqlcipher.copy_whole(source, backup_path, source_key, connection, None)
        if migrations.revision_of(connection) != migrations.HEAD_REVISION:
            _upgrade_in_memory(connection)
        problems: list[str] = []
        for row in connection.execute(f"SELECT rowid, {reads.ENTRY_COLUMNS} FROM entries"):
            rowid, values = row[0], row[1:]
            where = f"table entries, row {rowid} (date {values[0]!r})"
            try:
                for name, value in zip(reads.ENTRY_COLUMNS.split(", "), values, strict=True):
                    if name in reads.LIST_FIELDS and isinstance(value, str):
                        try:
                            json.loads(value)
                        except ValueError:
                            raise InvalidValue(name, "is not readable JSON") from None
                try:
                    dt.date.fromisoformat(values[0])
                except (TypeError, ValueError):
                    raise InvalidValue("date", f"{values[0]!r} is not a calendar day") from None
                reads._entry(values)
            except InvalidValue as error:
                problems.append(f"{where}, field {error.field}: {error.message}")
            except (TypeError, ValueError) as error:
                problems.append(f"{where}: {error}")
        for table, read in (
            ("courses", reads.courses),
            ("routine_steps", lambda c: reads.routine(c, True)),
            ("flag_follow_ups", reads.follow_ups),
            ("appointments", reads.appointments),
            ("questions", reads.questions),
            ("weights", reads.weights),
            ("lab_results", reads.lab_results),
            ("pregnancy_tests", reads.pregnancy_tests),
            ("medicines", reads.medicines),
            ("custom_side_effects", reads.custom_side_effects),
            ("photos", photo_records.photos),
        ):
            try:
                read(connection)
            except (TypeError, ValueError) as error:
                problems.append(f"table {table}: {error}")
        problems.extend(_unreadable_settings(connection))
    return problems


def _upgrade_in_memory(connection: sqlcipher.Connection) -> None:
    """Bring the database open as `connection` up to date, as an upgrade of the diary would,
    through a second database in memory (SQLAlchemy closes the connections it is given)."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    engine = create_engine("sqlite://", module=sqlcipher.dbapi, poolclass=StaticPool)
    try:
        with engine.connect() as upgrading:
            scratch = upgrading.connection.dbapi_connection
            assert isinstance(scratch, sqlcipher.Connection)
            connection.backup(scratch)
            with upgrading.begin():
                migrations.upgrade(upgrading)
            scratch.backup(connection)
    finally:
        engine.dispose()


def _unreadable_settings(connection: sqlcipher.Connection) -> list[str]:
    """Settings that are not what IsoDiary stores: a value that is not JSON, a preference it
    does not know, or one whose value Settings could never have saved."""
    import json

    from diary.core.preferences import Preferences
    from diary.settings import PREFERENCE_PREFIX, PREFERENCES, REMEMBERED

    kinds = {preference.name: preference.kind for preference in PREFERENCES}
    remembered = {choice.key: choice.kind for choice in REMEMBERED}
    problems = []
    for key, stored in connection.execute("SELECT key, value FROM settings ORDER BY key"):
        where = f"table settings, key {key!r}"
        try:
            value = json.loads(stored) if isinstance(stored, str) else stored
        except ValueError:
            problems.append(f"{where}: is not readable JSON")
            continue
        if isinstance(key, str) and key.startswith(PREFERENCE_PREFIX):
            name = key.removeprefix(PREFERENCE_PREFIX)
            if name not in kinds:
                problems.append(f"{where}: is not a preference IsoDiary knows")
            elif (
                type(value) is not kinds[name]
                or Preferences.from_values({name: value}).values()[name] != value
            ):
                problems.append(f"{where}: {value!r} is not a value Settings can hold")
        elif key in remembered and value is not None and type(value) is not remembered[key]:
            problems.append(f"{where}: {value!r} is not what IsoDiary remembers there")
    return problems
