"""What the person did about a flag: raised it, discussed it (when, with a note), or not yet.

Follow-ups are stored; flags are not. A follow-up is keyed by the flag's rule and date,
so it stays attached when the flags are recomputed after an edit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from diary.core.entry import InvalidValue
from diary.core.flags import URGENT, Flag

OPEN, TO_RAISE, DISCUSSED = "open", "to_raise", "discussed"
STATES = (OPEN, TO_RAISE, DISCUSSED)
STATE_WORDS = {OPEN: "Open", TO_RAISE: "To raise at the next appointment", DISCUSSED: "Discussed"}


@dataclass(frozen=True)
class FollowUp:
    """The person's follow-up on the flag (rule, date). `alerted` is when the urgent message
    for it was shown, so it is shown once per flag."""

    rule: str
    date: dt.date
    state: str = OPEN
    discussed_on: dt.date | None = None
    note: str | None = None
    alerted: bool = False

    def __post_init__(self) -> None:
        if self.state not in STATES:
            raise InvalidValue("state", f"must be one of {', '.join(STATES)}, not {self.state!r}")
        if self.state == DISCUSSED and self.discussed_on is None:
            raise InvalidValue("discussed_on", "a discussed flag needs the date it was discussed")
        if self.state != DISCUSSED and self.discussed_on is not None:
            object.__setattr__(self, "discussed_on", None)

    @property
    def key(self) -> tuple[str, dt.date]:
        return self.rule, self.date

    def describe(self) -> str:
        if self.state == DISCUSSED:
            text = f"Discussed on {self.discussed_on:%d %b %Y}"
            return text + (f": {self.note}" if self.note else "")
        return STATE_WORDS[self.state] + (f" · {self.note}" if self.note else "")


@dataclass(frozen=True)
class TrackedFlag:
    """A flag with its follow-up (a fresh "open" one when the person has not touched it)."""

    flag: Flag
    follow_up: FollowUp

    @property
    def is_open(self) -> bool:
        """Not yet discussed: it belongs on the next appointment's list."""
        return self.follow_up.state != DISCUSSED


def track(flags: Iterable[Flag], follow_ups: Mapping[tuple[str, dt.date], FollowUp]) -> list[TrackedFlag]:
    return [TrackedFlag(flag, follow_ups.get(flag.key) or FollowUp(flag.rule, flag.date)) for flag in flags]


def urgent_first_then_newest(tracked: Iterable[TrackedFlag]) -> list[TrackedFlag]:
    """The order of the flags view and of the summary's "to discuss"."""
    by_date = sorted(tracked, key=lambda item: item.flag.date, reverse=True)
    return sorted(by_date, key=lambda item: item.flag.severity != URGENT)


# The message at save ------------------------------------------------------------------

# Rules whose flags bring the message at save whatever their severity (the guide asks for
# a call for every one of its signs and serious symptoms); other rules only when urgent.
MESSAGE_RULES = frozenset({"warning_sign", "serious_symptom"})


@dataclass(frozen=True)
class Alerted:
    """What the message at save showed for a flag: its severity and its urgent parts (signs,
    symptoms, PHQ-9 item 9 or a total of 20+), so a save that makes the day more serious
    is told apart from one that does not."""

    severity: str
    parts: frozenset[str] = frozenset()

    def as_value(self) -> dict[str, object]:
        return {"severity": self.severity, "parts": sorted(self.parts)}

    @classmethod
    def from_value(cls, value: object) -> Alerted | None:
        if not isinstance(value, dict) or not isinstance(value.get("severity"), str):
            return None
        parts = value.get("parts")
        return cls(
            value["severity"],
            frozenset(p for p in parts if isinstance(p, str)) if isinstance(parts, list) else frozenset(),
        )


def needs_message(
    flag: Flag, parts: frozenset[str], follow_up: FollowUp | None, alerted: Alerted | None
) -> bool:
    """Whether saving the day shows the message for `flag` (mood-flags spec, the message at save).

    Shown for a new warning-sign or serious-symptom flag and for any new urgent flag, and
    again when the flag became more serious: urgent now and not then, or an urgent part
    (sign, symptom, PHQ-9 item 9 or total) that was not there when it was shown. A flag
    marked alerted with no record of what was shown (imported, or shown by an earlier
    version) is taken as shown as it is now.
    """
    if flag.rule not in MESSAGE_RULES and flag.severity != URGENT:
        return False
    if follow_up is None or not follow_up.alerted:
        return True
    if alerted is None:
        return False
    if flag.severity == URGENT and alerted.severity != URGENT:
        return True
    return bool(parts - alerted.parts)
