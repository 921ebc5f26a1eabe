"""Reading a whole JSON interchange document, of any version, by every rule of
shared/spec/interchange.md: the top level, its sections and the records' identities.

Entries are read from the field table (`diary.core.fields.ENTRY_FIELDS`, see
json_entries), so a new field of the day form needs no change here. Every problem is an
InterchangeError naming the file, the record (`entries[2026-03-02]`, `labs[3]`: the
section with the record's date where the date is its identity, else its index from 0) and
the field.

Readings of the spec chosen where it leaves room:
- A version-1 file is version 2 without the version-2 keys: a version-2 key in it
  (`preferences`, `serious_symptoms`, a routine step's `active`...) is an unknown field.
- In a record, a field that may be null may also be absent (as in entries and version-1
  courses); the others are required, but for booleans, which take their defaults. An
  absent `target_mg_per_kg` is the default target (120), as version 1 read it.
- A top-level section written `null` is of the wrong type (absent is the way to leave it out).
- "Quotes" in keys are both `"` and `'`; control characters are Unicode's category Cc.
- "Integer" values (the scales with whole numbers, `version`) refuse `7.0` and `7e0`; the
  15-digit limit is for integers; a fraction that overflows (`1e400`) is refused too.
- A byte-order mark at the start of the text is ignored.
- A photo record is named by its index (`photos[3]`), as labs are: a day may hold many
  photos, so its date alone does not name it. Its `note` may be absent (null).
- Version 3's dose `mg` takes fractions (22.5) as `mg_per_day` did: the spec calls it an
  integer, but its general rules promise that every diary stored before exports and reads
  back, and diaries hold such steps (see json_records).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from diary.core.entry import Entry
from diary.core.interchange import json_records, rules
from diary.core.interchange.document import DiaryDocument, InterchangeError
from diary.core.interchange.json_entries import EntryReader
from diary.core.interchange.json_strict import (
    Fields,
    Problem,
    RefusedNumber,
    T,
    parse,
    repeated_keys,
    shown,
)
from diary.core.interchange.versions import LAYOUT, EntryLayout
from diary.core.records import CustomSideEffect
from diary.core.routine import RoutineStep

# Sections in the order of the spec's example (the writer's order too).
_SECTIONS_V1 = ("courses", "routine", "entries")
_SECTIONS = (
    "preferences",
    "courses",
    "routine",
    "custom_side_effects",
    "entries",
    "follow_ups",
    "appointments",
    "questions",
    "weights",
    "labs",
    "pregnancy_tests",
    "medicines",
)
_SECTIONS_V3 = (*_SECTIONS, "photos")


def document_from_json(
    text: str,
    source: str,
    known_routine_keys: Iterable[str] = (),
    known_side_effect_keys: Iterable[str] = (),
    *,
    layout: EntryLayout = LAYOUT,
) -> DiaryDocument:
    """Read a whole interchange document (any version from 1 to the current one), or raise
    InterchangeError naming the first problem.

    `known_routine_keys` and `known_side_effect_keys` are the routine steps and custom side
    effects the diary already has: an entry may name those as well as the file's own.
    `layout` says which entry fields each version carries (the field table's).
    """
    data = parse(text, source)
    try:
        return _Reader(set(known_routine_keys), set(known_side_effect_keys), layout).document(data)
    except Problem as problem:
        raise InterchangeError(source, problem.where, problem.field, problem.message) from None


class _Reader:
    """One document's reading: the version it declares decides the keys it may hold."""

    def __init__(self, known_steps: set[str], known_side_effects: set[str], layout: EntryLayout) -> None:
        self.known_steps = known_steps
        self.known_side_effects = known_side_effects
        self.layout = layout
        self.version = layout.current

    @property
    def v2(self) -> bool:
        return self.version >= 2

    def document(self, data: object) -> DiaryDocument:
        if isinstance(data, RefusedNumber) or not isinstance(data, dict):
            raise Problem(None, None, "not an IsoDiary export: expected a JSON object")
        for key in repeated_keys(data):
            raise Problem(None, key, "is written twice in the file")
        if data.get("format") != "isodiary":
            raise Problem(None, "format", f'must be "isodiary", not {shown(data.get("format"))}')
        self.version = self._version(data.get("version"))
        sections = _SECTIONS_V3 if self.version >= 3 else _SECTIONS if self.v2 else _SECTIONS_V1
        top = Fields(data, None, None, ("format", "version", "exported_at", *sections), version=self.version)
        _exported_at(top.value("exported_at"), "exported_at" in data)

        preferences, preference_keys = json_records.preferences(data)
        courses = json_records.courses(top.items("courses"), self.version)
        routine = json_records.routine(top.items("routine"), self.version)
        custom = json_records.custom_side_effects(top.items("custom_side_effects"), self.version)
        entries = self._entries(top.items("entries"), routine, custom)
        return DiaryDocument(
            courses=courses,
            routine=routine,
            entries=entries,
            preferences=preferences,
            preference_keys=preference_keys,
            custom_side_effects=custom,
            follow_ups=_records(top, "follow_ups", json_records.follow_up),
            appointments=_records(top, "appointments", json_records.appointment, copies=True),
            questions=_records(top, "questions", json_records.question, copies=True),
            weights=_records(top, "weights", json_records.weighing),
            labs=_records(top, "labs", json_records.lab),
            pregnancy_tests=_records(top, "pregnancy_tests", json_records.pregnancy_test),
            medicines=_records(top, "medicines", json_records.medicine, copies=True),
            photos=json_records.photos(top.items("photos")) if self.version >= 3 else (),
        )

    def _version(self, version: object) -> int:
        if isinstance(version, RefusedNumber):
            raise Problem(None, "version", version.description)
        if version is None:
            raise Problem(None, "version", "is missing")
        if isinstance(version, bool) or not isinstance(version, int):
            raise Problem(None, "version", f"must be a whole number, not {shown(version)}")
        if version > self.layout.current:
            raise Problem(
                None,
                "version",
                f"the file is interchange version {version}; this IsoDiary reads version "
                f"{self.layout.current} and older. Please update IsoDiary to import it",
            )
        if version not in self.layout.versions:
            raise Problem(None, "version", f"{version} is not an interchange version")
        return version

    def _entries(
        self,
        items: list[object],
        routine: tuple[RoutineStep, ...],
        custom: tuple[CustomSideEffect, ...],
    ) -> tuple[Entry, ...]:
        reader = EntryReader(
            self.version,
            self.known_steps | {step.key for step in routine},
            self.known_side_effects | {effect.key for effect in custom},
            self.layout,
        )
        entries: list[Entry] = []
        seen: dict[dt.date, int] = {}
        for index, item in enumerate(items):
            entry = reader.entry(item, index)
            if entry.date in seen:
                raise Problem(
                    f"entries[{entry.date}]",
                    "date",
                    f"{entry.date} has two entries (entries[{seen[entry.date]}] and entries[{index}])",
                )
            seen[entry.date] = index
            entries.append(entry)
        return tuple(entries)


def _records(
    top: Fields,
    section: str,
    read: Callable[[object, str], tuple[T, tuple[object, ...], str]],
    copies: bool = False,
) -> tuple[T, ...]:
    """A section of records with an identity: two with the same identity are an error,
    except exact copies where the spec says they are one record (kept once)."""
    records: list[T] = []
    seen: dict[tuple[object, ...], tuple[int, T]] = {}
    for index, item in enumerate(top.items(section)):
        record, identity, where = read(item, f"{section}[{index}]")
        if identity in seen:
            first, earlier = seen[identity]
            if copies and earlier == record:
                continue
            same = "" if not copies else ", with other details"
            raise Problem(where, None, f"is the same record as {section}[{first}]{same}")
        seen[identity] = (index, record)
        records.append(record)
    return tuple(records)


def _exported_at(value: object, present: bool) -> None:
    if not present:
        return
    if not isinstance(value, str):
        raise Problem(None, "exported_at", f"must be a date and time, not {shown(value)}")
    try:
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise Problem(None, "exported_at", f"{rules.shown_text(value)} is not a date and time") from None
