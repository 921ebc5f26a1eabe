"""The strict JSON parse of an interchange file and typed access to its objects.

Strict: a key written twice, NaN, Infinity, integers over 15 digits and nesting deeper than
Python's parser goes are refused, each with a message naming where it sits. `Fields` reads
one object of the file field by field (dates, text, numbers on a scale, switches, choices,
lists), and every problem is a `Problem` naming the record and the field.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from diary.core.entry import InvalidValue, check_number
from diary.core.interchange import rules
from diary.core.interchange.document import InterchangeError
from diary.core.scales import Scale

T = TypeVar("T")


class Problem(Exception):
    """Raised inside the reader; turned into an InterchangeError with the file's name."""

    def __init__(self, where: str | None, field: str | None, message: str) -> None:
        super().__init__(message)
        self.where, self.field, self.message = where, field, message


class RefusedNumber:
    """A number the format refuses (NaN, Infinity, too many digits), kept in place while
    parsing so that the message can say which record and field holds it."""

    def __init__(self, description: str) -> None:
        self.description = description


class _Object(dict[str, Any]):
    """A JSON object that remembers the keys written twice in it."""

    repeated: tuple[str, ...] = ()


def parse(text: str, source: str) -> object:
    """The JSON value of `text`, parsed strictly, or InterchangeError naming the problem.

    Refused numbers are left in place as RefusedNumber; the keys an object repeats are in
    its `repeated` (see `repeated_keys`)."""
    size = rules.size_problem(text)
    if size is not None:
        raise InterchangeError(source, None, None, f"the file {size}")
    try:
        return json.loads(
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


def repeated_keys(value: object) -> tuple[str, ...]:
    """The keys written twice in a parsed object."""
    return value.repeated if isinstance(value, _Object) else ()


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


def _constant(name: str) -> RefusedNumber:
    return RefusedNumber(f"{name} is not a number this format allows (NaN and Infinity are refused)")


def _integer(text: str) -> int | RefusedNumber:
    digits = len(text) - text.startswith("-")
    if digits > rules.INTEGER_DIGITS:
        return RefusedNumber(f"a number of {digits:,} digits is too long (at most {rules.INTEGER_DIGITS})")
    return int(text)


def _decimal(text: str) -> float | RefusedNumber:
    value = float(text)
    if not math.isfinite(value):
        short = text if len(text) <= 20 else text[:17] + "..."
        return RefusedNumber(f"{short} is too large a number")
    return value


class Fields:
    """One JSON object of the file, read field by field with its place for messages."""

    def __init__(
        self,
        value: object,
        where: str | None,
        field: str | None,
        known: Sequence[str],
        *,
        dated_by: str | None = None,
        version: int | None = None,
    ) -> None:
        """`dated_by`: the key of the date that is the record's identity; once read, the
        record is named by it (`weights[2026-03-02]` rather than `weights[4]`). `version`: the
        file's, named when a key is unknown (the keys allowed depend on it)."""
        if isinstance(value, RefusedNumber):
            raise Problem(where, field, value.description)
        if not isinstance(value, dict):
            raise Problem(where, field, f"must be an object, not {shown(value)}")
        self.data: dict[str, Any] = value
        self.where = where
        # A group of an entry (`dryness`) names its fields `dryness.lips`.
        self.prefix = "" if field is None else f"{field}."
        self._identity_day: dt.date | None = None
        if dated_by is not None and where is not None:
            self._identity_day = self.required_day(dated_by)
            self.where = f"{where.rsplit('[', 1)[0]}[{self._identity_day}]"
        for key in repeated_keys(value):
            raise Problem(self.where, self.name(key), "is written twice in one object")
        for key in value:
            if key not in known:
                of = "this format" if version is None else f"version {version} of this format"
                raise Problem(self.where, self.name(key), f"is not a field of {of}")

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
        if isinstance(value, RefusedNumber):
            raise Problem(self.where, self.name(key), value.description)
        return value

    def fail(self, key: str | None, message: str) -> Problem:
        return Problem(self.where, None if key is None else self.name(key), message)

    def day(self, key: str, required: bool = True) -> dt.date | None:
        value = self.value(key)
        if value is None:
            if required:
                raise self.fail(key, "is missing" if key not in self.data else "must be a date, not null")
            return None
        if not isinstance(value, str):
            raise self.fail(key, f"must be a date written YYYY-MM-DD, not {shown(value)}")
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
            raise self.fail(key, f"must be text, not {shown(value)}")
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
            raise self.fail(key, f"must be true or false, not {shown(value)}")
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
            raise self.fail(key, f"must be one of {', '.join(options)}{or_null}, not {shown(value)}")
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
            raise self.fail(key, f"must be a list, not {shown(value)}")
        return value

    def keys(self, key: str) -> tuple[str, ...] | None:
        value = self.value(key)
        if value is None:
            return None
        if not isinstance(value, list):
            raise self.fail(key, f"must be a list of keys, not {shown(value)}")
        for item in value:
            if isinstance(item, RefusedNumber):
                raise self.fail(key, item.description)
            if not isinstance(item, str):
                raise self.fail(key, f"must be a list of keys, and {shown(item)} is not one")
        return tuple(value)


def _written(message: str, value: object) -> str:
    """A core message, with the value as the file wrote it (`7.0` is not an integer)."""
    if isinstance(value, float) and value.is_integer():
        return message.replace(f"not {value!r}", f"not {value!r} (an integer is written without a fraction)")
    if isinstance(value, str):
        return message.replace(f"not {value!r}", f"not {shown(value)} (text)")
    return message


def build(
    kind: Callable[..., T], values: dict[str, Any], where: str | None, names: dict[str, str] | None = None
) -> T:
    """The core class's own checks, as a problem of the record."""
    try:
        return kind(**values)
    except InvalidValue as error:
        field = (names or {}).get(error.field, error.field)
        raise Problem(where, field, error.message) from None


def shown(value: object) -> str:
    """A value as the person wrote it in the file, kept short (never a deep dump)."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return rules.shown_text(value)
    if isinstance(value, RefusedNumber):
        return "a number this format refuses"
    return json.dumps(value)
