"""What the doctor checks besides the evening entry: weighings, lab results, pregnancy
tests and other medicines, and the side effects the person added to the day form.

Each record kind is declared once here, with its identity (what makes two records the
same one, interchange spec) and its checks; the store and the interchange formats
derive from these classes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from diary.core import scales
from diary.core.entry import InvalidValue, check_number
from diary.core.routine import LABEL_MAX_LENGTH, check_key, check_offered_days

NOTE_MAX_LENGTH = 100_000
TEXT_MAX_LENGTH = 500


def check_text(name: str, value: object, limit: int, required: bool = False) -> None:
    """None (unless required) or text of at most `limit` characters."""
    if value is None and not required:
        return
    if not isinstance(value, str) or (required and not value.strip()):
        raise InvalidValue(name, "must be text" if not required else "must not be empty")
    if len(value) > limit:
        raise InvalidValue(name, f"must be at most {limit:,} characters")


@dataclass(frozen=True)
class Weighing:
    """The person's weight on a day; one per date."""

    date: dt.date
    kg: float

    def __post_init__(self) -> None:
        if self.kg is None:
            raise InvalidValue("kg", f"must be {scales.WEIGHT_KG.describe()}")
        check_number("kg", self.kg, scales.WEIGHT_KG)

    @property
    def identity(self) -> tuple[object, ...]:
        return (self.date,)


@dataclass(frozen=True)
class LabResult:
    """One lab result as printed on the report, with the lab's own reference range."""

    date: dt.date
    test: str
    value: float
    unit: str
    label: str | None = None
    reference_low: float | None = None
    reference_high: float | None = None
    note: str | None = None

    def __post_init__(self) -> None:
        if self.test not in scales.LAB_TESTS:
            raise InvalidValue("test", f"{self.test!r} is not one of the known tests")
        if self.test == scales.OTHER_LAB:
            check_text("label", self.label, LABEL_MAX_LENGTH, required=True)
            check_text("unit", self.unit, scales.OTHER_UNIT_MAX_LENGTH, required=True)
        else:
            if self.label is not None:
                raise InvalidValue("label", "is only for a test of kind 'other'")
            units = scales.LAB_TESTS[self.test].units
            if self.unit not in units:
                raise InvalidValue("unit", f"must be one of {', '.join(units)}, not {self.unit!r}")
        if self.value is None:
            raise InvalidValue("value", f"must be {scales.LAB_VALUE.describe()}")
        for name in ("value", "reference_low", "reference_high"):
            check_number(name, getattr(self, name), scales.LAB_VALUE)
        check_text("note", self.note, NOTE_MAX_LENGTH)

    @property
    def identity(self) -> tuple[object, ...]:
        return (self.date, self.test, self.label)

    @property
    def shown_as(self) -> str:
        if self.test == scales.OTHER_LAB and self.label:
            return self.label
        return scales.LAB_TESTS[self.test].label

    @property
    def outside_range(self) -> bool:
        """True when the value is below or above the lab's own range (False with no range)."""
        low, high = self.reference_low, self.reference_high
        return (low is not None and self.value < low) or (high is not None and self.value > high)


@dataclass(frozen=True)
class PregnancyTest:
    """A pregnancy test: when, its result and where it was taken; one per date."""

    date: dt.date
    result: str
    where: str | None = None

    def __post_init__(self) -> None:
        if self.result not in scales.PREGNANCY_RESULTS:
            raise InvalidValue("result", f"must be one of {', '.join(scales.PREGNANCY_RESULTS)}")
        if self.where is not None and self.where not in scales.PREGNANCY_TEST_PLACES:
            raise InvalidValue("where", f"must be one of {', '.join(scales.PREGNANCY_TEST_PLACES)} or null")

    @property
    def identity(self) -> tuple[object, ...]:
        return (self.date,)


@dataclass(frozen=True)
class Medicine:
    """Another medicine or supplement, taken from `starts` to `ends` (None while taking it)."""

    name: str
    kind: str
    starts: dt.date
    ends: dt.date | None = None
    note: str | None = None

    def __post_init__(self) -> None:
        check_text("name", self.name, TEXT_MAX_LENGTH, required=True)
        if self.kind not in scales.MEDICINE_KINDS:
            raise InvalidValue("kind", f"{self.kind!r} is not one of the known kinds")
        if self.ends is not None and self.ends < self.starts:
            raise InvalidValue("to", f"{self.ends} is before {self.starts}")
        check_text("note", self.note, NOTE_MAX_LENGTH)

    @property
    def identity(self) -> tuple[object, ...]:
        return (self.name, self.starts)

    def taken_on(self, day: dt.date) -> bool:
        return self.starts <= day and (self.ends is None or day <= self.ends)

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        return self.starts <= end and (self.ends is None or self.ends >= start)


@dataclass(frozen=True)
class CustomSideEffect:
    """A side effect the person added to the day form. Retired ones (`active` False) are
    no longer offered, but the days that name them keep them. `added_on` and `retired_on`
    as for a routine step (interchange spec, version 3)."""

    key: str
    label: str
    active: bool = True
    added_on: dt.date | None = None
    retired_on: dt.date | None = None

    def __post_init__(self) -> None:
        check_key(self.key)
        if self.key in scales.SIDE_EFFECTS:
            raise InvalidValue("key", f"{self.key!r} is a built-in side effect")
        check_text("label", self.label, LABEL_MAX_LENGTH, required=True)
        check_offered_days(self.active, self.added_on, self.retired_on)
