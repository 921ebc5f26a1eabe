"""The person's preferences, typed and in one place; stored in the diary so they travel with it."""

from __future__ import annotations

from dataclasses import dataclass, fields

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

    def __post_init__(self) -> None:
        if self.appearance not in APPEARANCES:
            object.__setattr__(self, "appearance", "system")
        if self.paper_size not in PAPER_SIZES:
            object.__setattr__(self, "paper_size", "auto")

    @classmethod
    def from_values(cls, values: dict[str, object]) -> Preferences:
        """From stored values; unknown keys and wrong types fall back to the defaults."""
        known = {field.name for field in fields(cls)}
        return cls(**{key: value for key, value in values.items() if key in known and isinstance(value, str)})

    def values(self) -> dict[str, str]:
        return {field.name: getattr(self, field.name) for field in fields(self)}
