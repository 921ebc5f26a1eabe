"""Writing the canonical JSON interchange document (the current version) of a diary.

Records are sorted by their identity (routine and custom side effects keep their order);
notes' line ends are written as new lines and other control characters left out, so
whatever a diary holds reads back; a document without preferences (built from a CSV) is
written without the key. Entries are written from the field table.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from diary.core import fields as entry_fields
from diary.core import flags
from diary.core.course import Course
from diary.core.entry import Entry
from diary.core.fields import EntryField
from diary.core.follow_up import FollowUp
from diary.core.interchange import rules
from diary.core.interchange.document import CURRENT_VERSION, PREFERENCE_ORDER, DiaryDocument
from diary.core.interchange.versions import LAYOUT
from diary.core.photos import Photo
from diary.core.preferences import Preferences
from diary.core.records import CustomSideEffect, LabResult
from diary.core.routine import RoutineStep

# Every field of the table: the version written is the current one.
_WRITTEN_FIELDS = LAYOUT.fields(CURRENT_VERSION)


def document_to_json(document: DiaryDocument, exported_at: dt.datetime) -> str:
    """The canonical text of a document (the current version): every key written, in the order of the
    spec's example; records sorted by their identity so the same diary always gives the same
    text; two-space indent, UTF-8 (not escaped)."""
    data: dict[str, Any] = {
        "format": "isodiary",
        "version": CURRENT_VERSION,
        "exported_at": exported_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    if document.preferences is not None:
        data["preferences"] = _preferences_data(document.preferences)
    data.update(
        {
            "courses": [_course_data(course) for course in sorted(document.courses, key=_by_start)],
            "routine": [_step_data(step) for step in document.routine],
            "custom_side_effects": [_step_data(effect) for effect in document.custom_side_effects],
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
            "photos": [_photo_data(item) for item in sorted(document.photos, key=lambda p: p.identity)],
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
            {
                "from": change.starts.isoformat(),
                "mg": _plain_number(change.mg_per_day),
                "every_days": change.every_days,
            }
            # The interchange keeps each `from` inside the course (older diaries may not).
            for change in course.schedule_inside()
        ],
        "end_date": _day(course.end_date),
        "pregnancy_prevention": course.pregnancy_prevention,
        "clear_since": _day(course.clear_since),
    }


def _step_data(item: RoutineStep | CustomSideEffect) -> dict[str, Any]:
    return {
        "key": item.key,
        "label": _clean(item.label),
        "active": item.active,
        "added_on": _day(item.added_on),
        "retired_on": _day(item.retired_on),
    }


def entry_data(entry: Entry) -> dict[str, Any]:
    """One entry as the interchange format writes it, from the field table; a group of
    fields (`dryness`) with nothing logged is written null."""
    data: dict[str, Any] = {"date": entry.date.isoformat()}
    for field in _WRITTEN_FIELDS:
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


def _photo_data(item: Photo) -> dict[str, Any]:
    return {
        "date": _day(item.date),
        "area": item.area,
        "sha256": item.sha256,
        "media_type": item.media_type,
        "note": _clean(item.note, note=True),
    }


def _plain_number(value: float | None) -> float | int | None:
    """20.0 is written 20, as a person would write it."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value
