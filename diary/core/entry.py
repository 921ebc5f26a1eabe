"""One day of the diary: what the person logged, with None for everything not logged."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace
from typing import cast

from diary.core import scales
from diary.core.fields import NUMBER_FIELDS
from diary.core.scales import Scale


class InvalidValue(ValueError):
    """A value the diary cannot hold; `field` names it the way the interchange spec does."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Entry:
    """A calendar day. Every field but `date` may be None, which means "not logged".

    None is never the same as 0: a dose of 0 mg is a missed dose, a dryness of 0 is
    "no dryness", and None is a question the person did not answer that day.
    """

    date: dt.date
    dose_mg: float | None = None
    lips: int | None = None
    skin: int | None = None
    eyes: int | None = None
    joint_pain: int | None = None
    mood: int | None = None
    warning_signs: tuple[str, ...] | None = None
    breakouts_new: int | None = None
    breakout_severity: int | None = None
    skincare: tuple[str, ...] | None = None
    side_effects: tuple[str, ...] | None = None
    phq9: tuple[int, ...] | None = None
    note: str | None = None
    # Last so that positional order stays that of the version-1 CSV columns.
    serious_symptoms: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.date, dt.date) or isinstance(self.date, dt.datetime):
            raise InvalidValue("date", "must be a calendar day")
        for name, scale in NUMBER_FIELDS.items():
            check_number(name, getattr(self, name), scale)
        if self.warning_signs is not None:
            _check_keys("warning_signs", self.warning_signs, scales.WARNING_SIGNS)
            object.__setattr__(
                self, "warning_signs", scales.in_list_order(self.warning_signs, scales.WARNING_SIGNS)
            )
        if self.serious_symptoms is not None:
            _check_keys("serious_symptoms", self.serious_symptoms, scales.SERIOUS_SYMPTOMS)
            object.__setattr__(
                self,
                "serious_symptoms",
                scales.in_list_order(self.serious_symptoms, scales.SERIOUS_SYMPTOMS),
            )
        if self.side_effects is not None:
            # Built-in keys or the person's own (custom side effects): which custom keys a
            # diary knows is checked by the diary and the interchange readers, not here.
            _check_keys("side_effects", self.side_effects, None)
            object.__setattr__(self, "side_effects", side_effects_in_order(self.side_effects))
        if self.skincare is not None:
            _check_keys("skincare", self.skincare, None)
            object.__setattr__(self, "skincare", tuple(self.skincare))
        if self.phq9 is not None:
            _check_phq9(self.phq9)
            object.__setattr__(self, "phq9", tuple(self.phq9))
        if self.note is not None:
            if not isinstance(self.note, str):
                raise InvalidValue("note", "must be text")
            if not self.note.strip():
                # A blank note is no note: keeps "not logged" to one spelling.
                object.__setattr__(self, "note", None)

    def is_empty(self) -> bool:
        """True when nothing at all is logged for the day."""
        return all(getattr(self, f.name) is None for f in fields(self) if f.name != "date")

    def changed(self, **values: object) -> Entry:
        """A copy with some fields changed (validated like any new entry)."""
        return replace(self, **values)  # type: ignore[arg-type]


def check_number(name: str, value: object, scale: Scale) -> None:
    """None, or a number of the scale's kind inside its range; else InvalidValue naming `name`."""
    # Exact types on purpose: a bool is not a number here, and this runs for every value of
    # every day read (ten years is 30,000 values), so the common case is one comparison.
    kind = type(value)
    if value is None:
        return
    number = kind is int or (kind is float and not scale.whole_numbers)
    if number and scale.low <= cast(float, value) <= scale.high:  # False for NaN
        return
    raise InvalidValue(name, f"must be {scale.describe()}, not {value!r}")


def side_effects_in_order(keys: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Built-in side effects in the list's order, then the person's own in the order given,
    so that equal sets compare and export equal."""
    return (
        *scales.in_list_order(keys, scales.SIDE_EFFECTS),
        *(key for key in keys if key not in scales.SIDE_EFFECTS),
    )


def _check_keys(name: str, keys: object, vocabulary: dict[str, str] | None) -> None:
    if isinstance(keys, str) or not isinstance(keys, tuple | list):
        raise InvalidValue(name, "must be a list")
    seen: set[str] = set()
    for key in keys:
        if not isinstance(key, str) or not key:
            raise InvalidValue(name, f"{key!r} is not a key")
        if vocabulary is not None and key not in vocabulary:
            raise InvalidValue(name, f"{key!r} is not one of the known keys")
        if key in seen:
            raise InvalidValue(name, f"{key!r} is listed twice")
        seen.add(key)


def _check_phq9(answers: object) -> None:
    scale = scales.PHQ9_ITEM
    if isinstance(answers, str) or not isinstance(answers, tuple | list):
        raise InvalidValue("phq9", "must be a list of nine answers")
    if len(answers) != scales.PHQ9_ITEM_COUNT:
        raise InvalidValue("phq9", f"must have exactly nine answers, not {len(answers)}")
    for number, answer in enumerate(answers, start=1):
        if isinstance(answer, bool) or not isinstance(answer, int) or not scale.allows(answer):
            raise InvalidValue("phq9", f"answer {number} must be {scale.describe()}, not {answer!r}")
