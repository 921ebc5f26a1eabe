"""The entries of an interchange JSON document, read field by field from the field table:
a file of version N may hold the keys of the fields since version N or older."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from diary.core import fields as entry_fields
from diary.core import scales
from diary.core.entry import Entry, InvalidValue, check_number
from diary.core.fields import FIELDS_BY_NAME, EntryField
from diary.core.interchange import rules
from diary.core.interchange.json_strict import Fields, Problem, RefusedNumber, build, shown
from diary.core.interchange.versions import DATE_KEY, LAYOUT, EntryLayout

# The two entry fields whose keys the diary defines rather than the spec.
_ROUTINE_FIELD = FIELDS_BY_NAME["skincare"]
_SIDE_EFFECT_FIELD = FIELDS_BY_NAME["side_effects"]


class EntryReader:
    """Reads one interchange entry of a file of `version` field by field from the field table
    (`layout`): a field the version does not carry yet is not logged, and its key refused."""

    def __init__(
        self, version: int, step_keys: set[str], side_effect_keys: set[str], layout: EntryLayout = LAYOUT
    ) -> None:
        self.version = version
        self.fields = layout.fields(version)
        self.make_entry = layout.entry
        self.top_keys = (DATE_KEY, *dict.fromkeys(field.json_path[0] for field in self.fields))
        self.groups: dict[str, tuple[str, ...]] = {}
        for field in self.fields:
            if len(field.json_path) == 2:
                group, key = field.json_path
                self.groups[group] = (*self.groups.get(group, ()), key)
        self.vocabulary: dict[str, Iterable[str]] = {
            _ROUTINE_FIELD.name: step_keys,
            _SIDE_EFFECT_FIELD.name: side_effect_keys | set(scales.SIDE_EFFECTS),
        }
        self.json_names = {field.name: ".".join(field.json_path) for field in layout.table}

    def entry(self, item: object, index: int) -> Entry:
        if not isinstance(item, dict):
            raise Problem(f"entries[{index}]", None, f"must be an object, not {shown(item)}")
        record = Fields(item, f"entries[{index}]", None, self.top_keys, dated_by="date", version=self.version)
        date = record.identity_day
        where = f"entries[{date}]"
        groups = {
            group: Fields(record.value(group), where, group, keys, version=self.version)
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
        return build(self.make_entry, values, where, self.json_names)

    def value(self, fields: Fields, field: EntryField, key: str) -> Any:
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
                    if item not in known or (self.version < 3 and item in entry_fields.V3_KEYS):
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


def _answers(fields: Fields, key: str, field: EntryField) -> tuple[int, ...] | None:
    value = fields.value(key)
    if value is None:
        return None
    count = scales.PHQ9_ITEM_COUNT
    if not isinstance(value, list):
        raise fields.fail(key, f"must be null or a list of {count} answers, not {shown(value)}")
    if len(value) != count:
        raise fields.fail(key, f"must have exactly nine answers, not {len(value)}")
    assert field.scale is not None
    for number, answer in enumerate(value, start=1):
        if isinstance(answer, RefusedNumber):
            raise fields.fail(key, f"answer {number}: {answer.description}")
        try:
            check_number(key, answer, field.scale)
        except InvalidValue:
            raise fields.fail(
                key, f"answer {number} must be {field.scale.describe()}, not {shown(answer)}"
            ) from None
    return tuple(value)
