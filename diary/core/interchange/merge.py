"""The merge rules of an import (interchange spec, "Importing into a diary that already holds
data"): which record is the same, which is equal, which conflicts, and what to write.

Pure: the store hands over what the diary holds as a DiaryDocument and writes the plan
this returns, in one transaction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Generic, TypeVar

from diary.core.appointments import Appointment, Question
from diary.core.course import Course, overlapping_courses
from diary.core.entry import Entry
from diary.core.fields import ANSWERS, ENTRY_FIELDS, KEYS
from diary.core.follow_up import FollowUp
from diary.core.interchange.document import DiaryDocument, InterchangeError
from diary.core.interchange.import_messages import (
    ImportConflict,
    ImportSummary,
    PhotosWithoutImages,
    SectionCounts,
)
from diary.core.photos import Photo
from diary.core.preferences import Preferences
from diary.core.records import CustomSideEffect, LabResult, Medicine, PregnancyTest, Weighing
from diary.core.routine import RoutineStep

Item = TypeVar("Item")

# The entry fields that hold a list (keys, the PHQ-9's answers): CSV writes "none" and
# "not logged" alike for them.
_LIST_FIELDS: tuple[str, ...] = tuple(item.name for item in ENTRY_FIELDS if item.kind in (KEYS, ANSWERS))


@dataclass(frozen=True)
class ImportPlan:
    """What an import writes, in the order the store writes it, and what it says.

    Appointments and questions carry the id they are saved under: None for a new one, the
    diary's own for one the file replaces. `preferences` is None when they stay as they are.
    """

    routine: list[RoutineStep]
    custom_side_effects: list[CustomSideEffect]
    courses: list[Course]
    entries: list[Entry]
    follow_ups: list[FollowUp]
    appointments: list[Appointment]
    questions: list[Question]
    weights: list[Weighing]
    labs: list[LabResult]
    pregnancy_tests: list[PregnancyTest]
    medicines: list[Medicine]
    preferences: Preferences | None
    summary: ImportSummary
    photos: list[Photo] = field(default_factory=list)


@dataclass
class _Merge(Generic[Item]):
    """One keyed section: what the file adds, what it replaces (file item, diary item)."""

    added: list[Item] = field(default_factory=list)
    replaced: list[tuple[Item, Item]] = field(default_factory=list)
    skipped: int = 0

    def counts(self) -> SectionCounts:
        return SectionCounts(len(self.added), len(self.replaced), self.skipped)

    def written(self) -> list[Item]:
        """The file's records to save: the new ones, then those replacing the diary's."""
        return [*self.added, *(new for new, _old in self.replaced)]


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
            name: () for name in _LIST_FIELDS if getattr(new, name) is None and getattr(old, name) == ()
        }
        return bool(filled) and new.changed(**filled) == old

    return same


def _equal(new: Any, old: Any) -> bool:
    return bool(new == old)


def _same_but_id(new: Any, old: Any) -> bool:
    return bool(replace_id(new, None) == replace_id(old, None))


def _day(item: Any) -> str:
    return str(item.date.isoformat())


def replace_id(item: Any, new_id: int | None) -> Any:
    return replace(item, id=new_id)


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


def plan_import(
    document: DiaryDocument,
    present: DiaryDocument,
    source: str,
    *,
    empty: bool,
    replace: bool = False,
    from_csv: bool = False,
    images: Mapping[str, str] | None = None,
    without_photos: bool = False,
) -> ImportPlan:
    """What merging `document` (from the file `source`) into a diary that holds `present`
    writes, by the spec's rules.

    A record whose identity the diary holds with the same content is skipped; with other
    content the import is refused (ImportConflict, naming every such record) unless
    `replace`, which replaces each of them whole. Courses may not overlap (InterchangeError).
    Routine steps and side effects with new keys are added. Preferences are taken with
    `replace` or into an `empty` diary, whose routine then becomes the file's. `from_csv`:
    the entries came from a CSV file, whose empty list cells match stored empty lists.

    A photo record needs its image: `images` (hash -> media type) are those the diary's
    folder holds, and a bundle's. A record naming another is an error (PhotosWithoutImages,
    naming it), unless `without_photos`: then such records are left out, and counted.
    """
    document, left_out = _photos_with_images(document, source, images or {}, without_photos)
    conflicts: list[tuple[str, str]] = []

    def merge(
        section: str,
        identity: Callable[[Any], Hashable],
        shown: Callable[[Any], str],
        same: Callable[[Any, Any], bool] = _equal,
    ) -> _Merge[Any]:
        incoming, held = getattr(document, section), getattr(present, section)
        return _merge(section, incoming, held, identity, same, shown, replace, conflicts)

    entries = merge("entries", lambda e: e.date, _day, _same_entry(from_csv))
    # A day with nothing logged adds nothing (the diary keeps no empty rows).
    blank = [entry for entry in entries.added if entry.is_empty()]
    entries.added = [entry for entry in entries.added if not entry.is_empty()]
    entries.skipped += len(blank)
    courses = merge("courses", lambda c: c.start_date, lambda c: f"starting {c.start_date}")
    follow_ups = merge("follow_ups", lambda f: (f.rule, f.date), lambda f: f"{f.rule} {f.date}")
    appointments = merge(
        "appointments",
        lambda a: a.identity,
        lambda a: f"{a.day}" + (f" with {a.with_whom}" if a.with_whom else ""),
        _same_but_id,
    )
    questions = merge(
        "questions", lambda q: q.identity, lambda q: f"{q.text!r} added {q.added_on}", _same_but_id
    )
    weights = merge("weights", lambda w: w.date, _day)
    labs = merge("labs", lambda r: r.identity, lambda r: f"{r.date} {r.shown_as}")
    tests = merge("pregnancy_tests", lambda t: t.date, _day)
    medicines = merge("medicines", lambda m: m.identity, lambda m: f"{m.name} from {m.starts}")
    photos = merge(
        "photos", lambda p: p.identity, lambda p: f"{p.date} {p.area_words.lower()} ({p.file_name})"
    )
    if conflicts:
        days = [dt.date.fromisoformat(shown) for section, shown in conflicts if section == "entries"]
        raise ImportConflict(source, conflicts, days)

    final_courses = {course.start_date: course for course in present.courses}
    final_courses.update({course.start_date: course for course in courses.written()})
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
        document.routine, present.routine, replace, take_whole=empty, keep=ticked
    )
    effects, effect_counts = _steps_merge(
        document.custom_side_effects, present.custom_side_effects, replace, False
    )
    assert present.preferences is not None, "the diary always has its preferences"
    preferences = _preferences_taken(document, present.preferences) if replace or empty else None

    return ImportPlan(
        routine=routine,
        custom_side_effects=effects,
        courses=courses.written(),
        entries=entries.written(),
        follow_ups=follow_ups.written(),
        appointments=_with_ids(appointments),
        questions=_with_ids(questions),
        weights=weights.written(),
        labs=labs.written(),
        pregnancy_tests=tests.written(),
        medicines=medicines.written(),
        photos=photos.written(),
        preferences=preferences,
        summary=ImportSummary(
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
                "photos": photos.counts(),
            },
            preferences_taken=preferences is not None,
            photos_left_out=left_out,
        ),
    )


def _photos_with_images(
    document: DiaryDocument, source: str, images: Mapping[str, str], without_photos: bool
) -> tuple[DiaryDocument, int]:
    """The document with the photos whose image the diary will not hold left out (with
    `without_photos`), and how many; without it, PhotosWithoutImages naming the first."""
    missing = [
        (index, photo)
        for index, photo in enumerate(document.photos)
        if images.get(photo.sha256) != photo.media_type
    ]
    if not missing:
        return document, 0
    if not without_photos:
        raise PhotosWithoutImages(source, missing[0][0], [photo for _index, photo in missing])
    kept = tuple(photo for photo in document.photos if images.get(photo.sha256) == photo.media_type)
    return dataclasses.replace(document, photos=kept), len(missing)


def _with_ids(merge: _Merge[Any]) -> list[Any]:
    """Records the diary keeps by its own id: a new one gets none (the diary gives it one);
    one that replaces a record of the diary's takes that record's id."""
    return [
        *(replace_id(item, None) for item in merge.added),
        *(replace_id(new, old.id) for new, old in merge.replaced),
    ]


def _preferences_taken(document: DiaryDocument, current: Preferences) -> Preferences | None:
    """The diary's preferences with the file's taken over them, when that changes any."""
    if document.preferences is None:
        return None
    # A file may give some preferences only; the others keep the diary's values.
    wanted = document.preferences_over(current)
    return None if wanted == current else wanted
