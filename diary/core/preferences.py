"""The person's preferences, typed and in one place; stored in the diary so they travel with it."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

APPEARANCES = ("system", "light", "dark")
PAPER_SIZES = ("auto", "A4", "Letter")


@dataclass(frozen=True)
class Preferences:
    """What the person chose in Settings. Empty text means "not set"."""

    name: str = ""
    appearance: str = "system"
    emergency_number: str = ""
    crisis_line: str = ""
    paper_size: str = "auto"
    # The evening reminder ("HH:MM", "" for none) and the other reminders' switches.
    reminder_time: str = "20:30"
    remind_phq9: bool = True
    remind_appointments: bool = True
    remind_tests: bool = True

    def __post_init__(self) -> None:
        if not is_reminder_time(self.reminder_time):
            object.__setattr__(self, "reminder_time", "")
        if self.appearance not in APPEARANCES:
            object.__setattr__(self, "appearance", "system")
        if self.paper_size not in PAPER_SIZES:
            object.__setattr__(self, "paper_size", "auto")

    @classmethod
    def from_values(cls, values: dict[str, object]) -> Preferences:
        """From stored values; unknown keys and wrong types fall back to the defaults."""
        kinds = {field.name: type(getattr(cls(), field.name)) for field in fields(cls)}
        # Any: each value's exact type was just checked against its field's default.
        chosen: dict[str, Any] = {
            key: value for key, value in values.items() if key in kinds and type(value) is kinds[key]
        }
        return cls(**chosen)

    def values(self) -> dict[str, str | bool]:
        return {field.name: getattr(self, field.name) for field in fields(self)}


def is_reminder_time(text: object) -> bool:
    """ "" (no reminder) or a time of day written HH:MM."""
    if text == "":
        return True
    if not isinstance(text, str) or len(text) != 5 or text[2] != ":":
        return False
    hours, minutes = text[:2], text[3:]
    if not (hours.isascii() and hours.isdigit() and minutes.isascii() and minutes.isdigit()):
        return False
    return int(hours) < 24 and int(minutes) < 60
