"""Importing and exporting interchange files (shared/spec/interchange.md) into and out of a diary.

Export writes every section, each in a fixed order, so that exporting, importing into an
empty diary and exporting again gives the same file. Import merges by the spec's rules
("Importing into a diary that already holds data") in one transaction: all or nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from diary.core.course import Course, overlapping_courses
from diary.core.entry import Entry
from diary.core.interchange import (
    MAX_FILE_BYTES,
    DiaryDocument,
    InterchangeError,
    document_from_json,
    document_to_json,
    entries_from_csv,
    entries_to_csv,
)
from diary.core.preferences import Preferences
from diary.store import reads, writes
from diary.store.diary import Diary
from diary.store.files import write_private
from diary.store.models import CourseRow
from diary.store.rows import fill_course_row

FORMATS = ("json", "csv")
Item = TypeVar("Item")

# Each section of a document, in the order a summary names them: (section, one, many).
SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("entries", "day", "days"),
    ("courses", "course", "courses"),
    ("routine", "routine step", "routine steps"),
    ("custom_side_effects", "side effect of your own", "side effects of your own"),
    ("follow_ups", "flag follow-up", "flag follow-ups"),
    ("appointments", "appointment", "appointments"),
    ("questions", "question", "questions"),
    ("weights", "weighing", "weighings"),
    ("labs", "lab result", "lab results"),
    ("pregnancy_tests", "pregnancy test", "pregnancy tests"),
    ("medicines", "medicine", "medicines"),
)
_NOUNS = {section: (one, many) for section, one, many in SECTIONS}


def _count(number: int, section: str, new: str = "") -> str:
    one, many = _NOUNS[section]
    return f"{number} {new}{one if number == 1 else many}"


# What the command line says after a refused import: the same words from the command and
# from an open window the command handed the import to.
REPLACE_HINT = "To replace those records with the file's, add --replace."


def nothing_imported(message: str) -> str:
    """The refusal of a file, saying once that nothing was imported."""
    message = message.rstrip(". ")
    return message + "." if message.endswith("Nothing was imported") else message + ". Nothing was imported."


class ImportConflict(ValueError):
    """Records the file and the diary both hold with different content; nothing was imported.

    `conflicts` lists (section, the record's identity as shown); `dates` the days among them.
    """

    def __init__(
        self, source: str, conflicts: Sequence[tuple[str, str]], dates: Sequence[dt.date] = ()
    ) -> None:
        self.source = source
        self.conflicts = list(conflicts)
        self.dates = list(dates)
        by_section: dict[str, list[str]] = {}
        for section, shown in self.conflicts:
            by_section.setdefault(section, []).append(shown)
        parts = []
        for section, _one, _many in SECTIONS:
            shown_ones = by_section.get(section)
            if not shown_ones:
                continue
            listed = ", ".join(shown_ones[:10])
            more = f" and {len(shown_ones) - 10} more" if len(shown_ones) > 10 else ""
            verb = "is" if len(shown_ones) == 1 else "are"
            parts.append(f"{_count(len(shown_ones), section)} {verb} already in the diary: {listed}{more}")
        super().__init__(
            f"{source}: {'; '.join(parts)}, with other values than the file's. Nothing was imported."
        )


@dataclass(frozen=True)
class SectionCounts:
    added: int = 0
    replaced: int = 0
    skipped: int = 0  # already in the diary, the same (or kept as the diary has it)


@dataclass(frozen=True)
class ImportSummary:
    """What an import did, section by section (keys of SECTIONS)."""

    sections: Mapping[str, SectionCounts] = field(default_factory=dict)
    preferences_taken: bool = False

    def of(self, section: str) -> SectionCounts:
        return self.sections.get(section, SectionCounts())

    @property
    def entries_added(self) -> int:
        return self.of("entries").added

    @property
    def entries_replaced(self) -> int:
        return self.of("entries").replaced

    @property
    def courses_added(self) -> int:
        return self.of("courses").added

    @property
    def steps_added(self) -> int:
        return self.of("routine").added

    @property
    def changed_anything(self) -> bool:
        counts = self.sections.values()
        return self.preferences_taken or any(count.added or count.replaced for count in counts)

    def describe(self) -> str:
        """One line for the person, e.g. "Imported 12 new days, 1 lab result replaced."."""
        added = [_count(self.of(s).added, s, "new ") for s, _, _ in SECTIONS if self.of(s).added]
        replaced = [
            _count(self.of(s).replaced, s) + " replaced" for s, _, _ in SECTIONS if self.of(s).replaced
        ]
        skipped = sum(self.of(s).skipped for s, _, _ in SECTIONS)
        already = (
            ""
            if not skipped
            else f" {skipped} record{'s were' if skipped != 1 else ' was'} already in the diary."
        )
        if not self.changed_anything:
            return "Nothing was imported." + (already or " The file holds no records.")
        parts = added + replaced
        if self.preferences_taken:
            parts.append("the file's preferences")
        return "Imported " + ", ".join(parts) + "." + already


def format_of(path: Path, given: str | None = None) -> str:
    """The interchange format named, or the one the file's extension implies."""
    chosen = (given or path.suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        raise InterchangeError(
            str(path), None, None, "unknown kind of file: use a .json or .csv file (or --format)"
        )
    return chosen


def read_document(diary: Diary, path: Path) -> DiaryDocument:
    """Read and check a whole file against the diary's routine and side effects; raises
    InterchangeError."""
    source = str(path)
    kind = format_of(path)
    try:
        # Refused before it is read whole: a file over the format's limit (interchange spec).
        if path.is_file() and (size := path.stat().st_size) > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // 1024 // 1024
            why = f"is {size / 1024 / 1024:,.0f} MiB; files over {limit} MiB are refused"
            raise InterchangeError(source, None, None, why)
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InterchangeError(source, None, None, "is not UTF-8 text") from None
    except OSError as error:
        raise InterchangeError(source, None, None, f"cannot be read ({error.strerror})") from None
    known_steps = [step.key for step in diary.routine(include_retired=True)]
    known_effects = [item.key for item in diary.custom_side_effects()]
    if kind == "json":
        return document_from_json(text, source, known_steps, known_side_effect_keys=known_effects)
    entries = entries_from_csv(text, source, known_steps, known_side_effect_keys=known_effects)
    return DiaryDocument(entries=entries)


def import_file(diary: Diary, path: Path, replace: bool = False) -> ImportSummary:
    """Import a JSON or CSV file whole, or nothing of it."""
    document = read_document(diary, path)
    return import_document(diary, document, str(path), replace, from_csv=format_of(path) == "csv")


# Merging ------------------------------------------------------------------------------


@dataclass
class _Merge(Generic[Item]):
    """One keyed section: what the file adds, what it replaces (file item, diary item)."""

    added: list[Item] = field(default_factory=list)
    replaced: list[tuple[Item, Item]] = field(default_factory=list)
    skipped: int = 0

    def counts(self) -> SectionCounts:
        return SectionCounts(len(self.added), len(self.replaced), self.skipped)


def _merge(  # noqa: PLR0917 (one call site, below)
    section: str,
    incoming: Iterable[Item],
    present: Iterable[Item],
    identity: Callable[[Item], Hashable],
    same: Callable[[Item, Item], bool],
    shown: Callable[[Item], str],
    replace_them: bool,
    conflicts: list[tuple[str, str]],
) -> _Merge[Item]:
    held: dict[Hashable, Item] = {}
    for item in present:
        held.setdefault(identity(item), item)
    merge: _Merge[Item] = _Merge()
    seen: set[Hashable] = set()
    for item in incoming:
        key = identity(item)
        if key in seen:  # an exact copy in the file is the same record
            continue
        seen.add(key)
        old = held.get(key)
        if old is None:
            merge.added.append(item)
        elif same(item, old):
            merge.skipped += 1
        elif replace_them:
            merge.replaced.append((item, old))
        else:
            conflicts.append((section, shown(item)))
    return merge


def _same_entry(from_csv: bool) -> Callable[[Entry, Entry], bool]:
    def same(new: Entry, old: Entry) -> bool:
        if new == old:
            return True
        if not from_csv:
            return False
        # CSV cannot tell "none of them" from "not logged": an empty cell matches [].
        filled = {
            name: () for name in reads.LIST_FIELDS if getattr(new, name) is None and getattr(old, name) == ()
        }
        return bool(filled) and new.changed(**filled) == old

    return same


def _equal(new: Any, old: Any) -> bool:
    return bool(new == old)


def _same_but_id(new: Any, old: Any) -> bool:
    return bool(replace_id(new, None) == replace_id(old, None))


def _day(item: Any) -> str:
    return str(item.date.isoformat())


def _steps_merge(
    incoming: Sequence[Any],
    present: Sequence[Any],
    replace_them: bool,
    take_whole: bool,
    keep: frozenset[str] = frozenset(),
) -> tuple[list[Any], SectionCounts]:
    """Routine steps or side effects: (the new whole list, counts). New keys are added at
    the end in the file's order; a known key keeps the diary's label and `active` unless
    `replace_them`; with `take_whole` (an empty diary) the file's list, in its order,
    replaces the diary's (but for the keys in `keep`, which the file's days name)."""
    held = {item.key: item for item in present}
    added = [item for item in incoming if item.key not in held]
    changed = [item for item in incoming if item.key in held and item != held[item.key]]
    same = len(incoming) - len(added) - len(changed)
    if take_whole and incoming:
        # A step of the diary's that the file's days tick stays known, retired.
        listed = {item.key for item in incoming}
        named = [
            replace(item, active=False) for item in present if item.key not in listed and item.key in keep
        ]
        return [*incoming, *named], SectionCounts(len(added), len(changed), same)
    if replace_them:
        wanted = {item.key: item for item in changed}
        kept = [wanted.get(item.key, item) for item in present]
        return kept + added, SectionCounts(len(added), len(changed), same)
    return list(present) + added, SectionCounts(len(added), 0, same + len(changed))


def import_document(
    diary: Diary,
    document: DiaryDocument,
    source: str,
    replace: bool = False,
    from_csv: bool = False,
) -> ImportSummary:
    """Merge a document into the diary in one transaction, by the spec's rules.

    A record whose identity the diary holds with the same content is skipped; with other
    content the import is refused (ImportConflict, naming every such record) unless
    `replace`, which replaces each of them whole. Courses may not overlap. Routine steps
    and side effects with new keys are added. Preferences are taken with `replace` or into
    an empty diary, whose routine then becomes the file's. `from_csv`: the entries came from
    a CSV file, whose empty list cells match stored empty lists.
    """
    with diary.writing() as session:
        session.connection()  # takes the write lock: what is read below cannot change
        return _merge_into(session, diary, document, source, replace=replace, from_csv=from_csv)


def _merge_into(
    session: Session, diary: Diary, document: DiaryDocument, source: str, *, replace: bool, from_csv: bool
) -> ImportSummary:
    empty = not diary.holds_records()
    conflicts: list[tuple[str, str]] = []

    def merge(
        section: str,
        present: Iterable[Any],
        identity: Callable[[Any], Hashable],
        shown: Callable[[Any], str],
        same: Callable[[Any, Any], bool] = _equal,
    ) -> _Merge[Any]:
        incoming = getattr(document, section)
        return _merge(section, incoming, present, identity, same, shown, replace, conflicts)

    entries = merge("entries", diary.entries(), lambda e: e.date, _day, _same_entry(from_csv))
    # A day with nothing logged adds nothing (the diary keeps no empty rows).
    blank = [entry for entry in entries.added if entry.is_empty()]
    entries.added = [entry for entry in entries.added if not entry.is_empty()]
    entries.skipped += len(blank)
    present_courses = diary.courses()
    courses = merge("courses", present_courses, lambda c: c.start_date, lambda c: f"starting {c.start_date}")
    follow_ups = merge(
        "follow_ups", diary.follow_ups().values(), lambda f: (f.rule, f.date), lambda f: f"{f.rule} {f.date}"
    )
    appointments = merge(
        "appointments",
        diary.appointments(),
        lambda a: a.identity,
        lambda a: f"{a.day}" + (f" with {a.with_whom}" if a.with_whom else ""),
        _same_but_id,
    )
    questions = merge(
        "questions",
        diary.questions(),
        lambda q: q.identity,
        lambda q: f"{q.text!r} added {q.added_on}",
        _same_but_id,
    )
    weights = merge("weights", diary.weights(), lambda w: w.date, _day)
    labs = merge("labs", diary.lab_results(), lambda r: r.identity, lambda r: f"{r.date} {r.shown_as}")
    tests = merge("pregnancy_tests", diary.pregnancy_tests(), lambda t: t.date, _day)
    medicines = merge(
        "medicines", diary.medicines(), lambda m: m.identity, lambda m: f"{m.name} from {m.starts}"
    )
    if conflicts:
        days = [dt.date.fromisoformat(shown) for section, shown in conflicts if section == "entries"]
        raise ImportConflict(source, conflicts, days)

    final_courses = {course.start_date: course for course in present_courses}
    final_courses.update({course.start_date: course for course in courses.added})
    final_courses.update({new.start_date: new for new, _old in courses.replaced})
    clash = overlapping_courses(list(final_courses.values()))
    if clash is not None:
        first, second = clash
        raise InterchangeError(
            source,
            "courses",
            None,
            f"the course starting {first.start_date} would overlap the course starting {second.start_date}",
        )

    ticked = frozenset(key for entry in document.entries for key in entry.skincare or ())
    routine, routine_counts = _steps_merge(
        document.routine, diary.routine(include_retired=True), replace, take_whole=empty, keep=ticked
    )
    effects, effect_counts = _steps_merge(
        document.custom_side_effects, diary.custom_side_effects(), replace, False
    )
    preferences = _preferences_taken(document, diary.preferences()) if replace or empty else None
    preferences_taken = preferences is not None

    # Everything is known to be sound: write it.
    writes.set_routine(session, routine)
    writes.save_custom_side_effects(session, effects)
    _write_courses(session, [*courses.added, *(new for new, _old in courses.replaced)])
    writes.upsert_entries(session, [*entries.added, *(new for new, _old in entries.replaced)])
    for follow_up in [*follow_ups.added, *(new for new, _old in follow_ups.replaced)]:
        writes.save_follow_up(session, follow_up)
    for appointment in appointments.added:
        writes.save_appointment(session, replace_id(appointment, None))
    for new, old in appointments.replaced:
        writes.save_appointment(session, replace_id(new, old.id))
    for question in questions.added:
        writes.save_question(session, replace_id(question, None))
    for new, old in questions.replaced:
        writes.save_question(session, replace_id(new, old.id))
    for weighing in [*weights.added, *(new for new, _old in weights.replaced)]:
        writes.save_weighing(session, weighing)
    for result in [*labs.added, *(new for new, _old in labs.replaced)]:
        writes.save_lab_result(session, result, None)
    for test in [*tests.added, *(new for new, _old in tests.replaced)]:
        writes.save_pregnancy_test(session, test)
    for medicine in [*medicines.added, *(new for new, _old in medicines.replaced)]:
        writes.save_medicine(session, medicine, None)
    if preferences is not None:
        writes.save_preferences(session, preferences)

    return ImportSummary(
        sections={
            "entries": entries.counts(),
            "courses": courses.counts(),
            "routine": routine_counts,
            "custom_side_effects": effect_counts,
            "follow_ups": follow_ups.counts(),
            "appointments": appointments.counts(),
            "questions": questions.counts(),
            "weights": weights.counts(),
            "labs": labs.counts(),
            "pregnancy_tests": tests.counts(),
            "medicines": medicines.counts(),
        },
        preferences_taken=preferences_taken,
    )


def _preferences_taken(document: DiaryDocument, current: Preferences) -> Preferences | None:
    """The diary's preferences with the file's taken over them, when that changes any."""
    if document.preferences is None:
        return None
    # A file may give some preferences only; the others keep the diary's values.
    wanted = document.preferences_over(current)
    return None if wanted == current else wanted


def replace_id(item: Any, new_id: int | None) -> Any:
    return replace(item, id=new_id)


def _write_courses(session: Session, courses: Sequence[Course]) -> None:
    rows = {row.start_date: row for row in session.scalars(select(CourseRow))}
    for course in courses:
        row = rows.get(course.start_date)
        if row is None:
            row = CourseRow()
            session.add(row)
        fill_course_row(row, course)
    session.flush()


# Exporting ------------------------------------------------------------------------------


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
    )


def render(document: DiaryDocument, kind: str, now: dt.datetime | None = None) -> str:
    """The text of an export in `kind` ("json" or "csv")."""
    if kind == "csv":
        return entries_to_csv(document.entries)
    return document_to_json(document, now or dt.datetime.now(dt.UTC))


def export_file(diary: Diary, path: Path, kind: str | None = None) -> int:
    """Write the whole diary to `path` (owner-only, atomically); returns the number of days."""
    chosen = format_of(path, kind)
    document = whole_document(diary)
    write_private(path, render(document, chosen).encode("utf-8"))
    return len(document.entries)
