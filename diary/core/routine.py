"""The person's own skincare routine: the steps they tick off each day."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from diary.core.entry import InvalidValue

KEY_MAX_LENGTH = 64
LABEL_MAX_LENGTH = 120


@dataclass(frozen=True)
class RoutineStep:
    """A step such as "Lip balm". `key` is stable; the label may be renamed.

    A step taken out of the routine stays known (`active` False) so that the days that
    recorded it keep their meaning and still export. `added_on` (None: there from the
    start) and `retired_on` (None while active, or retired before version 3) say when it
    was part of the routine (interchange spec, version 3).
    """

    key: str
    label: str
    active: bool = True
    added_on: dt.date | None = None
    retired_on: dt.date | None = None

    def __post_init__(self) -> None:
        check_key(self.key)
        if not isinstance(self.label, str) or not self.label.strip():
            raise InvalidValue("label", "must be a name for the step")
        if len(self.label) > LABEL_MAX_LENGTH:
            raise InvalidValue("label", f"must be at most {LABEL_MAX_LENGTH} characters")
        check_offered_days(self.active, self.added_on, self.retired_on)


def check_offered_days(active: object, added_on: dt.date | None, retired_on: dt.date | None) -> None:
    """The version-3 rules for a step or an own side effect: an active one has no
    `retired_on`, and nothing is retired before it was added."""
    if not isinstance(active, bool):
        raise InvalidValue("active", "must be true or false")
    if active and retired_on is not None:
        raise InvalidValue("retired_on", "must be null while the item is active")
    if added_on is not None and retired_on is not None and retired_on < added_on:
        raise InvalidValue("retired_on", f"{retired_on} is before added_on ({added_on})")


class OfferedItem(Protocol):
    """A routine step or an own side effect: what `offered_on` reads."""

    @property
    def key(self) -> str: ...
    @property
    def active(self) -> bool: ...
    @property
    def added_on(self) -> dt.date | None: ...
    @property
    def retired_on(self) -> dt.date | None: ...


def offered_on(item: OfferedItem, day: dt.date, named: Iterable[str] | None = ()) -> bool:
    """Whether a routine step (or an own side effect) was offered on `day` (interchange
    spec, version 3): added on or before it (None: from the start), and active or retired
    after it. One retired on an unknown day, and any item `day` names, counts on the days
    that name it; so a step added today never makes an earlier day look skipped."""
    if item.key in (named or ()):
        return True
    if item.added_on is not None and day < item.added_on:
        return False
    return item.active or (item.retired_on is not None and item.retired_on > day)


def check_key(key: object) -> None:
    """Keys travel in CSV cells separated by ';', so they hold no separators or spaces."""
    if not isinstance(key, str) or not key:
        raise InvalidValue("key", "must be a non-empty text key")
    if len(key) > KEY_MAX_LENGTH:
        raise InvalidValue("key", f"must be at most {KEY_MAX_LENGTH} characters")
    if any(char in key for char in ';,"') or key != key.strip() or any(c.isspace() for c in key):
        raise InvalidValue("key", f"{key!r} may not hold spaces, commas, quotes or ';'")


def key_for_label(label: str, taken: Iterable[str]) -> str:
    """A new key from a label ("Vitamin C serum" -> "vitamin_c_serum"), unique among `taken`."""
    plain = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")[: KEY_MAX_LENGTH - 4] or "step"
    used = set(taken)
    key, number = base, 2
    while key in used:
        key, number = f"{base}_{number}", number + 1
    return key


DEFAULT_ROUTINE: tuple[RoutineStep, ...] = (
    RoutineStep("cleanser", "Gentle cleanser"),
    RoutineStep("moisturizer", "Moisturizer"),
    RoutineStep("spf", "Sunscreen SPF 30+"),
    RoutineStep("lip_balm", "Lip balm"),
    RoutineStep("eye_drops", "Eye drops"),
)
