"""The JSON interchange document: strict reading of versions 1 and 2 (every rule of
shared/spec/interchange.md) and canonical writing of version 2.

Entries are read and written from the field table (`diary.core.fields.ENTRY_FIELDS`), so
a new field of the day form needs no change here. Every problem is an InterchangeError
naming the file, the record (`entries[2026-03-02]`, `labs[3]`: the section with the
record's date where the date is its identity, else its index from 0) and the field.

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
- Writing: records are sorted by their identity (routine and custom side effects keep their
  order); notes' line ends are written as new lines and other control characters left out,
  so whatever a diary holds reads back; a document without preferences (built from a CSV)
  is written without the key.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from diary.core import fields as entry_fields
from diary.core import flags, scales
from diary.core.appointments import Appointment, Question
from diary.core.course import Course, DoseChange, overlapping_courses
from diary.core.entry import Entry, InvalidValue, check_number
from diary.core.fields import ENTRY_FIELDS, FIELDS_BY_NAME, EntryField
from diary.core.follow_up import DISCUSSED, STATES, FollowUp
from diary.core.interchange import rules
from diary.core.interchange.document import (
    FORMAT_VERSION,
    PREFERENCE_ORDER,
    READABLE_VERSIONS,
    DiaryDocument,
    InterchangeError,
)
from diary.core.preferences import APPEARANCES, PAPER_SIZES, Preferences, is_reminder_time
from diary.core.records import CustomSideEffect, LabResult, Medicine, PregnancyTest, Weighing
from diary.core.routine import RoutineStep
from diary.core.scales import Scale

T = TypeVar("T")

# Sections and keys in the order of the spec's example (the writer's order too).
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
_PREFERENCE_TEXT = ("name", "emergency_number", "crisis_line")
_PREFERENCE_SWITCHES = ("remind_phq9", "remind_appointments", "remind_tests")
_COURSE_KEYS_V1 = ("start_date", "planned_weeks", "weight_kg", "target_mg_per_kg", "doses", "end_date")
_COURSE_KEYS = (*_COURSE_KEYS_V1, "pregnancy_prevention")
_DOSE_KEYS = ("from", "mg_per_day")
_STEP_KEYS_V1 = ("key", "label")
_STEP_KEYS = ("key", "label", "active")
_FOLLOW_UP_KEYS = ("rule", "date", "state", "discussed_on", "note", "alerted")
_APPOINTMENT_KEYS = ("date", "with", "note")
_QUESTION_KEYS = ("text", "added_on", "asked_on")
_WEIGHT_KEYS = ("date", "kg")
_LAB_KEYS = ("date", "test", "label", "value", "unit", "reference_low", "reference_high", "note")
_TEST_KEYS = ("date", "result", "where")
_MEDICINE_KEYS = ("name", "kind", "from", "to", "note")

# The two entry fields whose keys the diary defines rather than the spec.
_ROUTINE_FIELD = FIELDS_BY_NAME["skincare"]
_SIDE_EFFECT_FIELD = FIELDS_BY_NAME["side_effects"]


class _Problem(Exception):
    """Raised inside the reader; turned into an InterchangeError with the file's name."""

    def __init__(self, where: str | None, field: str | None, message: str) -> None:
        super().__init__(message)
        self.where, self.field, self.message = where, field, message


class _Bad:
    """A number the format refuses (NaN, Infinity, too many digits), kept in place while
    parsing so that the message can say which record and field holds it."""

    def __init__(self, description: str) -> None:
        self.description = description


class _Object(dict[str, Any]):
    """A JSON object that remembers the keys written twice in it."""

    repeated: tuple[str, ...] = ()


def document_from_json(
    text: str,
    source: str,
    known_routine_keys: Iterable[str] = (),
    known_side_effect_keys: Iterable[str] = (),
) -> DiaryDocument:
    """Read a whole interchange document (version 1 or 2), or raise InterchangeError naming
    the first problem.

    `known_routine_keys` and `known_side_effect_keys` are the routine steps and custom side
    effects the diary already has: an entry may name those as well as the file's own.
    """
    size = rules.size_problem(text)
    if size is not None:
        raise InterchangeError(source, None, None, f"the file {size}")
    try:
        data = json.loads(
            text.removeprefix("\ufeff"),  # a byte-order mark some editors add (RFC 8259 allows ignoring it)
            object_pairs_hook=_object_of,
            parse_constant=_constant,
            parse_int=_integer,
            parse_float=_decimal,
        )
    except json.JSONDecodeError as error:
        raise InterchangeError(
            source, f"line {error.lineno}, column {error.colno}", None, f"not valid JSON ({error.msg})"
        ) from None
    except RecursionError:
        raise InterchangeError(
            source, None, None, "the file is nested far deeper than this format; it is not an IsoDiary export"
        ) from None
    try:
        return _Reader(set(known_routine_keys), set(known_side_effect_keys)).document(data)
    except _Problem as problem:
        raise InterchangeError(source, problem.where, problem.field, problem.message) from None


def _object_of(pairs: list[tuple[str, Any]]) -> _Object:
    result = _Object()
    repeated: list[str] = []
    for key, value in pairs:
        if key in result:
            repeated.append(key)
        result[key] = value
    if repeated:
        result.repeated = tuple(repeated)
    return result


def _constant(name: str) -> _Bad:
    return _Bad(f"{name} is not a number this format allows (NaN and Infinity are refused)")


def _integer(text: str) -> int | _Bad:
    digits = len(text) - text.startswith("-")
    if digits > rules.INTEGER_DIGITS:
        return _Bad(f"a number of {digits:,} digits is too long (at most {rules.INTEGER_DIGITS})")
    return int(text)


def _decimal(text: str) -> float | _Bad:
    value = float(text)
    if not math.isfinite(value):
        short = text if len(text) <= 20 else text[:17] + "..."
        return _Bad(f"{short} is too large a number")
    return value


# Reading -------------------------------------------------------------------------------


class _Fields:
    """One JSON object of the file, read field by field with its place for messages."""

    def __init__(
        self,
        value: object,
        where: str | None,
        field: str | None,
        known: Sequence[str],
        *,
        dated_by: str | None = None,
        version: int = FORMAT_VERSION,
    ) -> None:
        """`dated_by`: the key of the date that is the record's identity; once read, the
        record is named by it (`weights[2026-03-02]` rather than `weights[4]`)."""
        if isinstance(value, _Bad):
            raise _Problem(where, field, value.description)
        if not isinstance(value, dict):
            raise _Problem(where, field, f"must be an object, not {_shown(value)}")
        self.data: dict[str, Any] = value
        self.where = where
        # A group of an entry (`dryness`) names its fields `dryness.lips`.
        self.prefix = "" if field is None else f"{field}."
        self._identity_day: dt.date | None = None
        if dated_by is not None and where is not None:
            self._identity_day = self.required_day(dated_by)
            self.where = f"{where.rsplit('[', 1)[0]}[{self._identity_day}]"
        for key in getattr(value, "repeated", ()):
            raise _Problem(self.where, self.name(key), "is written twice in one object")
        for key in value:
            if key not in known:
                of = "this format" if version == FORMAT_VERSION else f"version {version} of this format"
                raise _Problem(self.where, self.name(key), f"is not a field of {of}")

    @property
    def identity_day(self) -> dt.date:
        """The date of `dated_by`, read once, with the object."""
        assert self._identity_day is not None
        return self._identity_day

    def name(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def has(self, key: str) -> bool:
        return key in self.data

    def value(self, key: str) -> Any:
        value = self.data.get(key)
        if isinstance(value, _Bad):
            raise _Problem(self.where, self.name(key), value.description)
        return value

    def fail(self, key: str | None, message: str) -> _Problem:
        return _Problem(self.where, None if key is None else self.name(key), message)

    def day(self, key: str, required: bool = True) -> dt.date | None:
        value = self.value(key)
        if value is None:
            if required:
                raise self.fail(key, "is missing" if key not in self.data else "must be a date, not null")
            return None
        if not isinstance(value, str):
            raise self.fail(key, f"must be a date written YYYY-MM-DD, not {_shown(value)}")
        day, problem = rules.day_problem(value)
        if problem is not None:
            raise self.fail(key, problem)
        return day

    def required_day(self, key: str) -> dt.date:
        day = self.day(key)
        assert day is not None
        return day

    def text(self, key: str, limit: int, note: bool = False, required: bool = False) -> str | None:
        value = self.value(key)
        if value is None:
            if required:
                raise self.fail(key, "is missing" if key not in self.data else "must be text, not null")
            return None
        if not isinstance(value, str):
            raise self.fail(key, f"must be text, not {_shown(value)}")
        problem = rules.text_problem(value, limit, note)
        if problem is not None:
            raise self.fail(key, problem)
        if required and not value.strip():
            raise self.fail(key, "must not be empty")
        return value

    def required_text(self, key: str, limit: int) -> str:
        text = self.text(key, limit, required=True)
        assert text is not None
        return text

    def number(self, key: str, scale: Scale, required: bool = False) -> Any:
        value = self.value(key)
        if value is None:
            if required:
                raise self.fail(key, f"is missing; it must be {scale.describe()}")
            return None
        try:
            check_number(key, value, scale)
        except InvalidValue as error:
            raise self.fail(key, _written(error.message, value)) from None
        return value

    def switch(self, key: str, default: bool) -> bool:
        if key not in self.data:
            return default
        value = self.value(key)
        if not isinstance(value, bool):
            raise self.fail(key, f"must be true or false, not {_shown(value)}")
        return value

    def choice(self, key: str, choices: Iterable[str], required: bool = True) -> str | None:
        value = self.value(key)
        options = tuple(choices)
        if value is None and not required:
            return None
        if not isinstance(value, str) or value not in options:
            if value is None and key not in self.data:
                raise self.fail(key, f"is missing; it must be one of {', '.join(options)}")
            or_null = "" if required else " or null"
            raise self.fail(key, f"must be one of {', '.join(options)}{or_null}, not {_shown(value)}")
        return value

    def required_choice(self, key: str, choices: Iterable[str]) -> str:
        value = self.choice(key, choices)
        assert value is not None
        return value

    def items(self, key: str) -> list[object]:
        """A list section or field; absent is empty."""
        if key not in self.data:
            return []
        value = self.value(key)
        if not isinstance(value, list):
            raise self.fail(key, f"must be a list, not {_shown(value)}")
        return value

    def keys(self, key: str) -> tuple[str, ...] | None:
        value = self.value(key)
        if value is None:
            return None
        if not isinstance(value, list):
            raise self.fail(key, f"must be a list of keys, not {_shown(value)}")
        for item in value:
            if isinstance(item, _Bad):
                raise self.fail(key, item.description)
            if not isinstance(item, str):
                raise self.fail(key, f"must be a list of keys, and {_shown(item)} is not one")
        return tuple(value)


def _written(message: str, value: object) -> str:
    """A core message, with the value as the file wrote it (`7.0` is not an integer)."""
    if isinstance(value, float) and value.is_integer():
        return message.replace(f"not {value!r}", f"not {value!r} (an integer is written without a fraction)")
    if isinstance(value, str):
        return message.replace(f"not {value!r}", f"not {_shown(value)} (text)")
    return message


class _Reader:
    def __init__(self, known_steps: set[str], known_side_effects: set[str]) -> None:
        self.known_steps = known_steps
        self.known_side_effects = known_side_effects
        self.version = FORMAT_VERSION

    @property
    def v2(self) -> bool:
        return self.version >= 2

    def document(self, data: object) -> DiaryDocument:
        if isinstance(data, _Bad) or not isinstance(data, dict):
            raise _Problem(None, None, "not an IsoDiary export: expected a JSON object")
        for key in getattr(data, "repeated", ()):
            raise _Problem(None, key, "is written twice in the file")
        if data.get("format") != "isodiary":
            raise _Problem(None, "format", f'must be "isodiary", not {_shown(data.get("format"))}')
        self.version = self._version(data.get("version"))
        sections = _SECTIONS if self.v2 else _SECTIONS_V1
        top = _Fields(data, None, None, ("format", "version", "exported_at", *sections), version=self.version)
        _exported_at(top.value("exported_at"), "exported_at" in data)

        preferences, preference_keys = self._preferences(data)
        courses = self._courses(top.items("courses"))
        routine = self._routine(top.items("routine"))
        custom = self._custom_side_effects(top.items("custom_side_effects"))
        entries = self._entries(top.items("entries"), routine, custom)
        return DiaryDocument(
            courses=courses,
            routine=routine,
            entries=entries,
            preferences=preferences,
            preference_keys=preference_keys,
            custom_side_effects=custom,
            follow_ups=self._records(top.items("follow_ups"), "follow_ups", _follow_up),
            appointments=self._records(top.items("appointments"), "appointments", _appointment, copies=True),
            questions=self._records(top.items("questions"), "questions", _question, copies=True),
            weights=self._records(top.items("weights"), "weights", _weighing),
            labs=self._records(top.items("labs"), "labs", _lab),
            pregnancy_tests=self._records(top.items("pregnancy_tests"), "pregnancy_tests", _pregnancy_test),
            medicines=self._records(top.items("medicines"), "medicines", _medicine, copies=True),
        )

    def _version(self, version: object) -> int:
        if isinstance(version, _Bad):
            raise _Problem(None, "version", version.description)
        if version is None:
            raise _Problem(None, "version", "is missing")
        if isinstance(version, bool) or not isinstance(version, int):
            raise _Problem(None, "version", f"must be a whole number, not {_shown(version)}")
        if version > FORMAT_VERSION:
            raise _Problem(
                None,
                "version",
                f"the file is interchange version {version}; this IsoDiary reads version "
                f"{FORMAT_VERSION} and older. Please update IsoDiary to import it",
            )
        if version not in READABLE_VERSIONS:
            raise _Problem(None, "version", f"{version} is not an interchange version")
        return version

    def _preferences(self, data: dict[str, Any]) -> tuple[Preferences | None, frozenset[str] | None]:
        if "preferences" not in data:
            return None, None
        fields = _Fields(data["preferences"], "preferences", None, PREFERENCE_ORDER)
        values: dict[str, object] = {}
        for key in PREFERENCE_ORDER:
            if not fields.has(key):
                continue
            if key in _PREFERENCE_TEXT:
                values[key] = _setting_text(fields, key)
            elif key in _PREFERENCE_SWITCHES:
                values[key] = fields.switch(key, True)
            elif key == "appearance":
                values[key] = fields.required_choice(key, APPEARANCES)
            elif key == "paper_size":
                values[key] = fields.required_choice(key, PAPER_SIZES)
            else:
                value = fields.value(key)
                if not is_reminder_time(value):
                    raise fields.fail(
                        key, f'must be a time written HH:MM, or "" for none, not {_shown(value)}'
                    )
                values[key] = value
        return Preferences(**values), frozenset(values)  # type: ignore[arg-type]

    def _courses(self, items: list[object]) -> tuple[Course, ...]:
        known = _COURSE_KEYS if self.v2 else _COURSE_KEYS_V1
        courses: list[Course] = []
        seen: dict[dt.date, int] = {}
        for index, item in enumerate(items):
            fields = _Fields(
                item, f"courses[{index}]", None, known, dated_by="start_date", version=self.version
            )
            start = fields.identity_day
            where = f"courses[{start}]"
            if start in seen:
                raise _Problem(
                    where,
                    "start_date",
                    f"two courses start on {start} (courses[{seen[start]}] and [{index}])",
                )
            seen[start] = index
            end = fields.day("end_date", required=False)
            values: dict[str, Any] = {
                "start_date": start,
                "planned_weeks": fields.number("planned_weeks", scales.PLANNED_WEEKS),
                "weight_kg": fields.number("weight_kg", scales.WEIGHT_KG),
                "doses": self._doses(fields.items("doses"), where, start, end),
                "end_date": end,
                "pregnancy_prevention": fields.switch("pregnancy_prevention", False),
            }
            if fields.has("target_mg_per_kg"):
                values["target_mg_per_kg"] = fields.number("target_mg_per_kg", scales.TARGET_MG_PER_KG)
            courses.append(_build(Course, values, where))
        clash = overlapping_courses(courses)
        if clash is not None:
            first, second = clash
            raise _Problem(
                "courses",
                None,
                f"the course starting {first.start_date} overlaps the course starting {second.start_date}",
            )
        return tuple(courses)

    def _doses(
        self, items: list[object], course: str, start: dt.date, end: dt.date | None
    ) -> tuple[DoseChange, ...]:
        doses: list[DoseChange] = []
        for index, item in enumerate(items):
            fields = _Fields(item, f"{course}.doses[{index}]", None, _DOSE_KEYS)
            starts = fields.required_day("from")
            if starts < start or (end is not None and starts > end):
                ends = "" if end is None else f" to {end}"
                raise fields.fail("from", f"{starts} is outside the course ({start}{ends})")
            if any(change.starts == starts for change in doses):
                raise fields.fail("from", f"another dose change of the course starts on {starts}")
            mg = fields.number("mg_per_day", scales.MG_PER_DAY, required=True)
            doses.append(_build(DoseChange, {"starts": starts, "mg_per_day": mg}, fields.where))
        return tuple(doses)

    def _routine(self, items: list[object]) -> tuple[RoutineStep, ...]:
        known = _STEP_KEYS if self.v2 else _STEP_KEYS_V1
        return self._steps(items, "routine", known, RoutineStep)

    def _custom_side_effects(self, items: list[object]) -> tuple[CustomSideEffect, ...]:
        return self._steps(items, "custom_side_effects", _STEP_KEYS, CustomSideEffect, scales.SIDE_EFFECTS)

    def _steps(
        self,
        items: list[object],
        section: str,
        known: Sequence[str],
        kind: Callable[..., T],
        built_in: Iterable[str] = (),
    ) -> tuple[T, ...]:
        """Routine steps or custom side effects: a key (once each, and not a built-in side
        effect), a label and whether it is still offered."""
        steps: list[T] = []
        keys: set[str] = set()
        for index, item in enumerate(items):
            fields = _Fields(item, f"{section}[{index}]", None, known, version=self.version)
            key = _key(fields)
            if key in built_in:
                raise fields.fail("key", f"{key!r} is a built-in side effect")
            if key in keys:
                raise fields.fail("key", f"{rules.shown_text(key)} is listed twice")
            keys.add(key)
            label = fields.required_text("label", rules.LABEL_MAX)
            active = fields.switch("active", True)
            steps.append(_build(kind, {"key": key, "label": label, "active": active}, fields.where))
        return tuple(steps)

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
        )
        entries: list[Entry] = []
        seen: dict[dt.date, int] = {}
        for index, item in enumerate(items):
            entry = reader.entry(item, index)
            if entry.date in seen:
                raise _Problem(
                    f"entries[{entry.date}]",
                    "date",
                    f"{entry.date} has two entries (entries[{seen[entry.date]}] and entries[{index}])",
                )
            seen[entry.date] = index
            entries.append(entry)
        return tuple(entries)

    def _records(
        self,
        items: list[object],
        section: str,
        read: Callable[[object, str], tuple[T, tuple[object, ...], str]],
        copies: bool = False,
    ) -> tuple[T, ...]:
        """A section of records with an identity: two with the same identity are an error,
        except exact copies where the spec says they are one record (kept once)."""
        records: list[T] = []
        seen: dict[tuple[object, ...], tuple[int, T]] = {}
        for index, item in enumerate(items):
            record, identity, where = read(item, f"{section}[{index}]")
            if identity in seen:
                first, earlier = seen[identity]
                if copies and earlier == record:
                    continue
                same = "" if not copies else ", with other details"
                raise _Problem(where, None, f"is the same record as {section}[{first}]{same}")
            seen[identity] = (index, record)
            records.append(record)
        return tuple(records)


def _setting_text(fields: _Fields, key: str) -> str:
    value = fields.text(key, rules.TEXT_MAX)
    if value is None:
        raise fields.fail(key, 'must be text ("" when not set), not null')
    return value


def _key(fields: _Fields) -> str:
    value = fields.value("key")
    if not isinstance(value, str):
        missing = "key" not in fields.data
        raise fields.fail("key", "is missing" if missing else f"must be text, not {_shown(value)}")
    problem = rules.key_problem(value)
    if problem is not None:
        raise fields.fail("key", problem)
    return value


def _exported_at(value: object, present: bool) -> None:
    if not present:
        return
    if not isinstance(value, str):
        raise _Problem(None, "exported_at", f"must be a date and time, not {_shown(value)}")
    try:
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise _Problem(None, "exported_at", f"{rules.shown_text(value)} is not a date and time") from None


def _build(
    kind: Callable[..., T], values: dict[str, Any], where: str | None, names: dict[str, str] | None = None
) -> T:
    """The core class's own checks, as a problem of the record."""
    try:
        return kind(**values)
    except InvalidValue as error:
        field = (names or {}).get(error.field, error.field)
        raise _Problem(where, field, error.message) from None


class EntryReader:
    """Reads one interchange entry field by field from the field table."""

    def __init__(self, version: int, step_keys: set[str], side_effect_keys: set[str]) -> None:
        self.version = version
        self.fields = tuple(
            field for field in ENTRY_FIELDS if version >= 2 or field.name not in entry_fields.V2_ONLY_FIELDS
        )
        self.top_keys = ("date", *dict.fromkeys(field.json_path[0] for field in self.fields))
        self.groups: dict[str, tuple[str, ...]] = {}
        for field in self.fields:
            if len(field.json_path) == 2:
                group, key = field.json_path
                self.groups[group] = (*self.groups.get(group, ()), key)
        self.vocabulary: dict[str, Iterable[str]] = {
            _ROUTINE_FIELD.name: step_keys,
            _SIDE_EFFECT_FIELD.name: side_effect_keys | set(scales.SIDE_EFFECTS),
        }
        self.json_names = {field.name: ".".join(field.json_path) for field in ENTRY_FIELDS}

    def entry(self, item: object, index: int) -> Entry:
        if not isinstance(item, dict):
            raise _Problem(f"entries[{index}]", None, f"must be an object, not {_shown(item)}")
        record = _Fields(
            item, f"entries[{index}]", None, self.top_keys, dated_by="date", version=self.version
        )
        date = record.identity_day
        where = f"entries[{date}]"
        groups = {
            group: _Fields(record.value(group), where, group, keys, version=self.version)
            for group, keys in self.groups.items()
            if record.value(group) is not None
        }
        values: dict[str, Any] = {"date": date}
        for field in self.fields:
            if len(field.json_path) == 2:
                group = groups.get(field.json_path[0])
                values[field.name] = None if group is None else self.value(group, field, field.json_path[1])
            else:
                values[field.name] = self.value(record, field, field.json_path[0])
        return _build(Entry, values, where, self.json_names)

    def value(self, fields: _Fields, field: EntryField, key: str) -> Any:
        if field.kind == entry_fields.NUMBER:
            assert field.scale is not None
            value = fields.data.get(key)
            kind = type(value)
            if value is None or kind is int or (kind is float and not field.scale.whole_numbers):
                return value  # the common case; Entry checks the range and names the field
            return fields.number(key, field.scale)
        if field.kind == entry_fields.KEYS:
            keys = fields.keys(key)
            if keys is not None:
                known = field.vocabulary if field.vocabulary is not None else self.vocabulary[field.name]
                for item in keys:
                    if item not in known:
                        raise fields.fail(
                            key, f"{rules.shown_text(item)} is not one of the known keys{_whose(field)}"
                        )
            return keys
        if field.kind == entry_fields.ANSWERS:
            return _answers(fields, key, field)
        return fields.text(key, rules.NOTE_MAX, note=True)


def _whose(field: EntryField) -> str:
    if field is _ROUTINE_FIELD:
        return " (the steps of the routine)"
    if field is _SIDE_EFFECT_FIELD:
        return " (built-in side effects and the custom ones of the file or the diary)"
    return ""


def _answers(fields: _Fields, key: str, field: EntryField) -> tuple[int, ...] | None:
    value = fields.value(key)
    if value is None:
        return None
    count = scales.PHQ9_ITEM_COUNT
    if not isinstance(value, list):
        raise fields.fail(key, f"must be null or a list of {count} answers, not {_shown(value)}")
    if len(value) != count:
        raise fields.fail(key, f"must have exactly nine answers, not {len(value)}")
    assert field.scale is not None
    for number, answer in enumerate(value, start=1):
        if isinstance(answer, _Bad):
            raise fields.fail(key, f"answer {number}: {answer.description}")
        try:
            check_number(key, answer, field.scale)
        except InvalidValue:
            raise fields.fail(
                key, f"answer {number} must be {field.scale.describe()}, not {_shown(answer)}"
            ) from None
    return tuple(value)


def _follow_up(item: object, where: str) -> tuple[FollowUp, tuple[object, ...], str]:
    fields = _Fields(item, where, None, _FOLLOW_UP_KEYS)
    rule = fields.required_choice("rule", flags.RULES)
    day = fields.required_day("date")
    state = fields.required_choice("state", STATES)
    discussed_on = fields.day("discussed_on", required=False)
    if state == DISCUSSED and discussed_on is None:
        raise fields.fail("discussed_on", "a discussed flag needs the date it was discussed")
    if state != DISCUSSED and discussed_on is not None:
        raise fields.fail("discussed_on", f"is set only when the state is {DISCUSSED}, not {state}")
    values = {
        "rule": rule,
        "date": day,
        "state": state,
        "discussed_on": discussed_on,
        "note": fields.text("note", rules.NOTE_MAX, note=True),
        "alerted": fields.switch("alerted", False),
    }
    record = _build(FollowUp, values, where)
    return record, record.key, where


def _appointment(item: object, where: str) -> tuple[Appointment, tuple[object, ...], str]:
    fields = _Fields(item, where, None, _APPOINTMENT_KEYS)
    values = {
        "day": fields.required_day("date"),
        "with_whom": fields.text("with", rules.TEXT_MAX),
        "note": fields.text("note", rules.NOTE_MAX, note=True),
    }
    record = _build(Appointment, values, where, {"with_whom": "with", "day": "date"})
    return record, record.identity, where


def _question(item: object, where: str) -> tuple[Question, tuple[object, ...], str]:
    fields = _Fields(item, where, None, _QUESTION_KEYS)
    values = {
        "text": fields.required_text("text", rules.TEXT_MAX),
        "added_on": fields.required_day("added_on"),
        "asked_on": fields.day("asked_on", required=False),
    }
    record = _build(Question, values, where)
    return record, record.identity, where


def _weighing(item: object, where: str) -> tuple[Weighing, tuple[object, ...], str]:
    fields = _Fields(item, where, None, _WEIGHT_KEYS, dated_by="date")
    day, where = fields.identity_day, fields.where or where
    record = _build(
        Weighing, {"date": day, "kg": fields.number("kg", scales.WEIGHT_KG, required=True)}, where
    )
    return record, record.identity, where


def _lab(item: object, where: str) -> tuple[LabResult, tuple[object, ...], str]:
    fields = _Fields(item, where, None, _LAB_KEYS)
    day = fields.required_day("date")
    test = fields.required_choice("test", scales.LAB_TESTS)
    label = fields.text("label", rules.LABEL_MAX)
    if test == scales.OTHER_LAB:
        if label is None or not label.strip():
            raise fields.fail("label", f"is needed for a test of kind {scales.OTHER_LAB!r}: its name")
        unit = fields.required_text("unit", scales.OTHER_UNIT_MAX_LENGTH)
    else:
        if label is not None:
            raise fields.fail("label", f"is only for a test of kind {scales.OTHER_LAB!r}; it must be null")
        unit = fields.required_choice("unit", scales.LAB_TESTS[test].units)
    values = {
        "date": day,
        "test": test,
        "value": fields.number("value", scales.LAB_VALUE, required=True),
        "unit": unit,
        "label": label,
        "reference_low": fields.number("reference_low", scales.LAB_VALUE),
        "reference_high": fields.number("reference_high", scales.LAB_VALUE),
        "note": fields.text("note", rules.NOTE_MAX, note=True),
    }
    record = _build(LabResult, values, where)
    return record, record.identity, where


def _pregnancy_test(item: object, where: str) -> tuple[PregnancyTest, tuple[object, ...], str]:
    fields = _Fields(item, where, None, _TEST_KEYS, dated_by="date")
    day, where = fields.identity_day, fields.where or where
    values = {
        "date": day,
        "result": fields.required_choice("result", scales.PREGNANCY_RESULTS),
        "where": fields.choice("where", scales.PREGNANCY_TEST_PLACES, required=False),
    }
    record = _build(PregnancyTest, values, where)
    return record, record.identity, where


def _medicine(item: object, where: str) -> tuple[Medicine, tuple[object, ...], str]:
    fields = _Fields(item, where, None, _MEDICINE_KEYS)
    values = {
        "name": fields.required_text("name", rules.TEXT_MAX),
        "kind": fields.required_choice("kind", scales.MEDICINE_KINDS),
        "starts": fields.required_day("from"),
        "ends": fields.day("to", required=False),
        "note": fields.text("note", rules.NOTE_MAX, note=True),
    }
    record = _build(Medicine, values, where, {"starts": "from", "ends": "to"})
    return record, record.identity, where


def _shown(value: object) -> str:
    """A value as the person wrote it in the file, kept short (never a deep dump)."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return rules.shown_text(value)
    if isinstance(value, _Bad):
        return "a number this format refuses"
    return json.dumps(value)


# Writing ------------------------------------------------------------------------------


def document_to_json(document: DiaryDocument, exported_at: dt.datetime) -> str:
    """The canonical text of a document (version 2): every key written, in the order of the
    spec's example; records sorted by their identity so the same diary always gives the same
    text; two-space indent, UTF-8 (not escaped)."""
    data: dict[str, Any] = {
        "format": "isodiary",
        "version": FORMAT_VERSION,
        "exported_at": exported_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    if document.preferences is not None:
        data["preferences"] = _preferences_data(document.preferences)
    data.update(
        {
            "courses": [_course_data(course) for course in sorted(document.courses, key=_by_start)],
            "routine": [_step_data(step.key, step.label, step.active) for step in document.routine],
            "custom_side_effects": [
                _step_data(effect.key, effect.label, effect.active) for effect in document.custom_side_effects
            ],
            "entries": [entry_data(entry) for entry in sorted(document.entries, key=_by_date)],
            "follow_ups": [
                _follow_up_data(item) for item in sorted(document.follow_ups, key=_follow_up_order)
            ],
            "appointments": [
                {"date": _day(item.day), "with": _clean(item.with_whom), "note": _clean(item.note, note=True)}
                for item in sorted(
                    document.appointments, key=lambda a: (a.day, a.with_whom or "", a.note or "")
                )
            ],
            "questions": [
                {"text": _clean(item.text), "added_on": _day(item.added_on), "asked_on": _day(item.asked_on)}
                for item in sorted(document.questions, key=lambda q: (q.added_on, q.text))
            ],
            "weights": [
                {"date": _day(item.date), "kg": _plain_number(item.kg)}
                for item in sorted(document.weights, key=lambda w: w.date)
            ],
            "labs": [_lab_data(item) for item in sorted(document.labs, key=_lab_order)],
            "pregnancy_tests": [
                {"date": _day(item.date), "result": item.result, "where": item.where}
                for item in sorted(document.pregnancy_tests, key=lambda t: t.date)
            ],
            "medicines": [
                {
                    "name": _clean(item.name),
                    "kind": item.kind,
                    "from": _day(item.starts),
                    "to": _day(item.ends),
                    "note": _clean(item.note, note=True),
                }
                for item in sorted(document.medicines, key=lambda m: (m.starts, m.name, m.ends or m.starts))
            ],
        }
    )
    return _layout(data, "") + "\n"


# One encoder for every piece (json.dumps with options builds a new one for each call).
_ONE_LINE = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def _layout(value: Any, indent: str) -> str:
    """JSON laid out as in the spec: objects and lists of plain values on one line, so a
    five-month diary stays readable in a text editor; the rest indented by two spaces."""
    if not isinstance(value, dict | list) or all(not _is_container(item) for item in _items(value)):
        return _ONE_LINE(value)
    inner = indent + "  "
    if isinstance(value, dict):
        lines = [f"{inner}{_ONE_LINE(key)}: {_layout(item, inner)}" for key, item in value.items()]
        return "{\n" + ",\n".join(lines) + f"\n{indent}}}"
    lines = [f"{inner}{_layout(item, inner)}" for item in value]
    return "[\n" + ",\n".join(lines) + f"\n{indent}]"


def _items(value: dict[str, Any] | list[Any]) -> list[Any]:
    return list(value.values()) if isinstance(value, dict) else value


def _is_container(value: Any) -> bool:
    return isinstance(value, dict | list) and bool(value)


def _by_start(course: Course) -> dt.date:
    return course.start_date


def _by_date(entry: Entry) -> dt.date:
    return entry.date


def _follow_up_order(item: FollowUp) -> tuple[dt.date, int, str]:
    order = flags.RULES.index(item.rule) if item.rule in flags.RULES else len(flags.RULES)
    return item.date, order, item.rule


def _lab_order(item: LabResult) -> tuple[dt.date, str, str]:
    return item.date, item.test, item.label or ""


def _day(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _clean(text: str | None, note: bool = False) -> str | None:
    return None if text is None else rules.clean_text(text, note)


def _preferences_data(preferences: Preferences) -> dict[str, Any]:
    values = preferences.values()
    return {
        key: _clean(value) if isinstance(value, str) else value
        for key, value in ((key, values[key]) for key in PREFERENCE_ORDER)
    }


def _course_data(course: Course) -> dict[str, Any]:
    return {
        "start_date": course.start_date.isoformat(),
        "planned_weeks": course.planned_weeks,
        "weight_kg": _plain_number(course.weight_kg),
        "target_mg_per_kg": _plain_number(course.target_mg_per_kg),
        "doses": [
            {"from": change.starts.isoformat(), "mg_per_day": _plain_number(change.mg_per_day)}
            # The interchange keeps each `from` inside the course (older diaries may not).
            for change in course.schedule_inside()
        ],
        "end_date": _day(course.end_date),
        "pregnancy_prevention": course.pregnancy_prevention,
    }


def _step_data(key: str, label: str, active: bool) -> dict[str, Any]:
    return {"key": key, "label": _clean(label), "active": active}


def entry_data(entry: Entry) -> dict[str, Any]:
    """One entry as the interchange format writes it, from the field table; a group of
    fields (`dryness`) with nothing logged is written null."""
    data: dict[str, Any] = {"date": entry.date.isoformat()}
    for field in ENTRY_FIELDS:
        value = _field_data(field, getattr(entry, field.name))
        if len(field.json_path) == 1:
            data[field.json_path[0]] = value
            continue
        group, key = field.json_path
        members = data.setdefault(group, {})
        if isinstance(members, dict):
            members[key] = value
    for key, value in data.items():
        if isinstance(value, dict) and all(item is None for item in value.values()):
            data[key] = None
    return data


def _field_data(field: EntryField, value: Any) -> Any:
    if value is None:
        return None
    if field.kind == entry_fields.NUMBER:
        return _plain_number(value)
    if field.kind in (entry_fields.KEYS, entry_fields.ANSWERS):
        return list(value)
    return _clean(value, note=True)


def _follow_up_data(item: FollowUp) -> dict[str, Any]:
    return {
        "rule": item.rule,
        "date": _day(item.date),
        "state": item.state,
        "discussed_on": _day(item.discussed_on),
        "note": _clean(item.note, note=True),
        "alerted": item.alerted,
    }


def _lab_data(item: LabResult) -> dict[str, Any]:
    return {
        "date": _day(item.date),
        "test": item.test,
        "label": _clean(item.label),
        "value": _plain_number(item.value),
        "unit": _clean(item.unit),
        "reference_low": _plain_number(item.reference_low),
        "reference_high": _plain_number(item.reference_high),
        "note": _clean(item.note, note=True),
    }


def _plain_number(value: float | None) -> float | int | None:
    """20.0 is written 20, as a person would write it."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value
