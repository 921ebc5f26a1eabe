"""The JSON interchange document: strict reading (every rule of the spec) and canonical writing."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from typing import Any

from diary.core.course import Course, DoseChange, overlapping_courses
from diary.core.entry import Entry, InvalidValue
from diary.core.interchange.document import FORMAT_VERSION, DiaryDocument, InterchangeError
from diary.core.routine import RoutineStep

_TOP_KEYS = ("format", "version", "exported_at", "courses", "routine", "entries")
_COURSE_KEYS = ("start_date", "planned_weeks", "weight_kg", "target_mg_per_kg", "doses", "end_date")
_DOSE_KEYS = ("from", "mg_per_day")
_STEP_KEYS = ("key", "label")
_ENTRY_KEYS = (
    "date",
    "dose_mg",
    "dryness",
    "joint_pain",
    "mood",
    "warning_signs",
    "breakouts",
    "skincare",
    "side_effects",
    "phq9",
    "note",
)
_DRYNESS_KEYS = ("lips", "skin", "eyes")
_BREAKOUT_KEYS = ("new", "severity")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class _Problem(Exception):
    """Raised inside the reader; turned into an InterchangeError with the file's name."""

    def __init__(self, where: str | None, field: str | None, message: str) -> None:
        super().__init__(message)
        self.where, self.field, self.message = where, field, message


def document_from_json(text: str, source: str, known_routine_keys: Iterable[str] = ()) -> DiaryDocument:
    """Read a whole interchange document, or raise InterchangeError naming the first problem.

    `known_routine_keys` are the routine steps the diary already has: an entry may tick
    those as well as the steps the file itself lists.
    """
    try:
        data = json.loads(text, object_pairs_hook=_no_repeated_keys, parse_constant=_no_constants)
    except json.JSONDecodeError as error:
        raise InterchangeError(
            source, f"line {error.lineno}, column {error.colno}", None, f"not valid JSON ({error.msg})"
        ) from None
    except _Problem as problem:
        raise InterchangeError(source, problem.where, problem.field, problem.message) from None
    try:
        return _document(data, set(known_routine_keys))
    except _Problem as problem:
        raise InterchangeError(source, problem.where, problem.field, problem.message) from None


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Problem(None, key, "the key appears twice in one object")
        result[key] = value
    return result


def _no_constants(name: str) -> None:
    raise _Problem(None, None, f"{name} is not a number this format allows")


def _document(data: object, known_steps: set[str]) -> DiaryDocument:
    if not isinstance(data, dict):
        raise _Problem(None, None, "not an IsoDiary export: expected a JSON object")
    _only_known_keys(data, _TOP_KEYS, None)
    if data.get("format") != "isodiary":
        raise _Problem(None, "format", f'must be "isodiary", not {_shown(data.get("format"))}')
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise _Problem(None, "version", f"must be a whole number, not {_shown(version)}")
    if version > FORMAT_VERSION:
        raise _Problem(
            None,
            "version",
            f"the file is interchange version {version}; this IsoDiary reads version "
            f"{FORMAT_VERSION} and older. Please update IsoDiary to import it",
        )
    if version < 1:
        raise _Problem(None, "version", f"{version} is not an interchange version")
    _exported_at(data.get("exported_at"))
    courses = tuple(
        _course(item, f"courses[{index}]") for index, item in enumerate(_list(data, "courses", None))
    )
    clash = overlapping_courses(courses)
    if clash is not None:
        first, second = clash
        raise _Problem(
            "courses",
            None,
            f"the course starting {first.start_date} overlaps the course starting {second.start_date}",
        )
    routine = _routine(_list(data, "routine", None))
    step_keys = known_steps | {step.key for step in routine}
    entries: list[Entry] = []
    seen: dict[dt.date, int] = {}
    for index, item in enumerate(_list(data, "entries", None)):
        entry = _entry(item, index, step_keys)
        if entry.date in seen:
            raise _Problem(
                _entry_place(index, entry.date),
                "date",
                f"{entry.date} already has an entry (entries[{seen[entry.date]}])",
            )
        seen[entry.date] = index
        entries.append(entry)
    return DiaryDocument(courses=courses, routine=routine, entries=tuple(entries))


def _exported_at(value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        raise _Problem(None, "exported_at", f"must be a date and time, not {_shown(value)}")
    try:
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise _Problem(None, "exported_at", f"{value!r} is not a date and time") from None


def _course(item: object, where: str) -> Course:
    data = _object(item, where, None)
    _only_known_keys(data, _COURSE_KEYS, where)
    start = _date(data.get("start_date"), where, "start_date", required=True)
    where = f"course starting {start}"
    doses = tuple(
        _dose(change, f"{where}: doses[{index}]") for index, change in enumerate(_list(data, "doses", where))
    )
    values: dict[str, Any] = {
        "start_date": start,
        "planned_weeks": _number(data, "planned_weeks", where, whole=True),
        "weight_kg": _number(data, "weight_kg", where, whole=False),
        "doses": doses,
        "end_date": _date(data.get("end_date"), where, "end_date", required=False),
    }
    if "target_mg_per_kg" in data:
        values["target_mg_per_kg"] = _number(data, "target_mg_per_kg", where, whole=False)
    try:
        return Course(**values)
    except InvalidValue as error:
        raise _Problem(where, error.field, error.message) from None


def _dose(item: object, where: str) -> DoseChange:
    data = _object(item, where, None)
    _only_known_keys(data, _DOSE_KEYS, where)
    starts = _date(data.get("from"), where, "from", required=True)
    mg = _number(data, "mg_per_day", where, whole=False)
    if mg is None:
        raise _Problem(where, "mg_per_day", "is missing")
    try:
        return DoseChange(starts, mg)
    except InvalidValue as error:
        raise _Problem(where, error.field, error.message) from None


def _routine(items: list[object]) -> tuple[RoutineStep, ...]:
    steps: list[RoutineStep] = []
    for index, item in enumerate(items):
        where = f"routine[{index}]"
        data = _object(item, where, None)
        _only_known_keys(data, _STEP_KEYS, where)
        key, label = data.get("key"), data.get("label")
        try:
            step = RoutineStep(key, label)  # type: ignore[arg-type]
        except InvalidValue as error:
            raise _Problem(where, error.field, error.message) from None
        if any(step.key == other.key for other in steps):
            raise _Problem(where, "key", f"{step.key!r} is listed twice")
        steps.append(step)
    return tuple(steps)


def _entry(item: object, index: int, step_keys: set[str]) -> Entry:
    where = f"entries[{index}]"
    data = _object(item, where, None)
    date = _date(data.get("date"), where, "date", required=True)
    where = _entry_place(index, date)
    _only_known_keys(data, _ENTRY_KEYS, where)
    dryness = _object(data.get("dryness"), where, "dryness", optional=True) or {}
    _only_known_keys(dryness, _DRYNESS_KEYS, where, "dryness.")
    breakouts = _object(data.get("breakouts"), where, "breakouts", optional=True) or {}
    _only_known_keys(breakouts, _BREAKOUT_KEYS, where, "breakouts.")
    skincare = _keys(data.get("skincare"), where, "skincare")
    if skincare is not None:
        unknown = [key for key in skincare if key not in step_keys]
        if unknown:
            raise _Problem(where, "skincare", f"{unknown[0]!r} is not a step of the routine")
    values = {
        "date": date,
        "dose_mg": _number(data, "dose_mg", where, whole=False),
        "lips": _number(dryness, "lips", where, whole=True, prefix="dryness."),
        "skin": _number(dryness, "skin", where, whole=True, prefix="dryness."),
        "eyes": _number(dryness, "eyes", where, whole=True, prefix="dryness."),
        "joint_pain": _number(data, "joint_pain", where, whole=True),
        "mood": _number(data, "mood", where, whole=True),
        "warning_signs": _keys(data.get("warning_signs"), where, "warning_signs"),
        "breakouts_new": _number(breakouts, "new", where, whole=True, prefix="breakouts."),
        "breakout_severity": _number(breakouts, "severity", where, whole=True, prefix="breakouts."),
        "skincare": skincare,
        "side_effects": _keys(data.get("side_effects"), where, "side_effects"),
        "phq9": _phq9(data.get("phq9"), where),
        "note": _text(data.get("note"), where, "note"),
    }
    try:
        return Entry(**values)
    except InvalidValue as error:
        raise _Problem(where, _spec_field_name(error.field), error.message) from None


def _entry_place(index: int, date: dt.date) -> str:
    return f"entry {date} (entries[{index}])"


def _spec_field_name(field: str) -> str:
    """The core's flat field names, spelled as the JSON document nests them."""
    return {
        "lips": "dryness.lips",
        "skin": "dryness.skin",
        "eyes": "dryness.eyes",
        "breakouts_new": "breakouts.new",
        "breakout_severity": "breakouts.severity",
    }.get(field, field)


def _only_known_keys(
    data: dict[str, Any], known: tuple[str, ...], where: str | None, prefix: str = ""
) -> None:
    for key in data:
        if key not in known:
            raise _Problem(where, f"{prefix}{key}", "is not a field of this format")


def _object(
    value: object, where: str | None, field: str | None, optional: bool = False
) -> dict[str, Any] | None:
    if value is None and optional:
        return None
    if not isinstance(value, dict):
        raise _Problem(where, field, f"must be an object, not {_shown(value)}")
    return value


def _list(data: dict[str, Any], key: str, where: str | None) -> list[object]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise _Problem(where, key, f"must be a list, not {_shown(value)}")
    return value


def _date(value: object, where: str | None, field: str, required: bool) -> dt.date | None:
    if value is None:
        if required:
            raise _Problem(where, field, "is missing")
        return None
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise _Problem(where, field, f"must be a date written YYYY-MM-DD, not {_shown(value)}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _Problem(where, field, f"{value} is not a real calendar day") from None


def _number(data: dict[str, Any], key: str, where: str, whole: bool, prefix: str = "") -> Any:
    """A JSON number of the right kind; the range is checked by the core's own classes."""
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        kind = "a whole number" if whole else "a number"
        raise _Problem(where, f"{prefix}{key}", f"must be {kind}, not {_shown(value)}")
    if whole and not isinstance(value, int):
        raise _Problem(where, f"{prefix}{key}", f"must be a whole number, not {value!r}")
    return value


def _keys(value: object, where: str, field: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise _Problem(where, field, f"must be a list of keys, not {_shown(value)}")
    for key in value:
        if not isinstance(key, str):
            raise _Problem(where, field, f"must be a list of keys, and {_shown(key)} is not one")
    return tuple(value)


def _phq9(value: object, where: str) -> tuple[int, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise _Problem(where, "phq9", f"must be null or a list of nine answers, not {_shown(value)}")
    return tuple(value)


def _text(value: object, where: str, field: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise _Problem(where, field, f"must be text, not {_shown(value)}")


def _shown(value: object) -> str:
    """A value as the person wrote it in the file, kept short."""
    text = json.dumps(value, ensure_ascii=False) if _is_json(value) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_json(value: object) -> bool:
    return value is None or isinstance(value, str | int | float | bool | list | dict)


# Writing ------------------------------------------------------------------------------


def document_to_json(document: DiaryDocument, exported_at: dt.datetime) -> str:
    """The canonical text of a document: stable key order, two-space indent, UTF-8 safe."""
    data = {
        "format": "isodiary",
        "version": FORMAT_VERSION,
        "exported_at": exported_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "courses": [_course_data(course) for course in sorted(document.courses, key=_by_start)],
        "routine": [{"key": step.key, "label": step.label} for step in document.routine],
        "entries": [_entry_data(entry) for entry in sorted(document.entries, key=_by_date)],
    }
    return _layout(data, "") + "\n"


def _layout(value: Any, indent: str) -> str:
    """JSON laid out as in the spec: objects and lists of plain values on one line, so a
    five-month diary stays readable in a text editor; the rest indented by two spaces."""
    if not isinstance(value, dict | list) or all(not _is_container(item) for item in _items(value)):
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    inner = indent + "  "
    if isinstance(value, dict):
        lines = [
            f"{inner}{json.dumps(key, ensure_ascii=False)}: {_layout(item, inner)}"
            for key, item in value.items()
        ]
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


def _course_data(course: Course) -> dict[str, Any]:
    return {
        "start_date": course.start_date.isoformat(),
        "planned_weeks": course.planned_weeks,
        "weight_kg": _plain_number(course.weight_kg),
        "target_mg_per_kg": _plain_number(course.target_mg_per_kg),
        "doses": [
            {"from": change.starts.isoformat(), "mg_per_day": _plain_number(change.mg_per_day)}
            for change in course.doses
        ],
        "end_date": None if course.end_date is None else course.end_date.isoformat(),
    }


def _entry_data(entry: Entry) -> dict[str, Any]:
    dryness = None
    if (entry.lips, entry.skin, entry.eyes) != (None, None, None):
        dryness = {"lips": entry.lips, "skin": entry.skin, "eyes": entry.eyes}
    breakouts = None
    if (entry.breakouts_new, entry.breakout_severity) != (None, None):
        breakouts = {"new": entry.breakouts_new, "severity": entry.breakout_severity}
    return {
        "date": entry.date.isoformat(),
        "dose_mg": _plain_number(entry.dose_mg),
        "dryness": dryness,
        "joint_pain": entry.joint_pain,
        "mood": entry.mood,
        "warning_signs": _list_or_none(entry.warning_signs),
        "breakouts": breakouts,
        "skincare": _list_or_none(entry.skincare),
        "side_effects": _list_or_none(entry.side_effects),
        "phq9": _list_or_none(entry.phq9),
        "note": entry.note,
    }


def _list_or_none(values: tuple[Any, ...] | None) -> list[Any] | None:
    return None if values is None else list(values)


def _plain_number(value: float | None) -> float | int | None:
    """20.0 is written 20, as a person would write it."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value
