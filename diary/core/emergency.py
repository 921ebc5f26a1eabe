"""Who to call: the person's own emergency number and crisis line, or the ones IsoDiary
ships for the computer's country (resources/emergency-numbers.json, each with its source).

The table is read by the caller (core does no I/O) and parsed here. What the message at
save shows is chosen here too, so the window and the tests share one reading.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from diary.core.preferences import Preferences

UNKNOWN_EMERGENCY = "your local emergency number"


@dataclass(frozen=True)
class CountryNumbers:
    """The numbers shipped for one country; empty text where none is shipped."""

    country: str
    emergency: str = ""
    emergency_name: str = ""
    crisis: str = ""
    crisis_name: str = ""
    source: str = ""


@dataclass(frozen=True)
class Numbers:
    """What the message shows: the emergency number (always something), the crisis line
    (may be empty), and whether they are the person's own."""

    emergency: str
    crisis: str
    own_emergency: bool
    own_crisis: bool

    @property
    def emergency_known(self) -> bool:
        return self.emergency != UNKNOWN_EMERGENCY


def parse_table(text: str) -> dict[str, CountryNumbers]:
    """The shipped table by ISO 3166 code; the EU's 112 for EU countries without their own."""
    data = json.loads(text)
    eu = data["eu_emergency"]
    table: dict[str, CountryNumbers] = {}
    for code in data["eu_countries"]:
        table[code] = CountryNumbers(code, eu["emergency"], eu["emergency_name"], source=eu["source"])
    for code, record in data["countries"].items():
        base = table.get(code, CountryNumbers(code))
        table[code] = CountryNumbers(
            code,
            record.get("emergency", base.emergency),
            record.get("emergency_name", base.emergency_name),
            record.get("crisis", ""),
            record.get("crisis_name", ""),
            "; ".join(part for part in (base.source, record.get("source", "")) if part),
        )
    return table


def shipped_for(table: dict[str, CountryNumbers], country: str | None) -> CountryNumbers | None:
    return table.get((country or "").upper())


def emergency_words(numbers: CountryNumbers) -> str:
    return f"{numbers.emergency} ({numbers.emergency_name})" if numbers.emergency else ""


def crisis_words(numbers: CountryNumbers) -> str:
    return f"{numbers.crisis_name}: {numbers.crisis}" if numbers.crisis else ""


def numbers_to_show(preferences: Preferences, shipped: CountryNumbers | None) -> Numbers:
    """The person's own numbers, else the shipped ones for their country, else the plain words."""
    emergency = preferences.emergency_number or (emergency_words(shipped) if shipped else "")
    crisis = preferences.crisis_line or (crisis_words(shipped) if shipped else "")
    return Numbers(
        emergency=emergency or UNKNOWN_EMERGENCY,
        crisis=crisis,
        own_emergency=bool(preferences.emergency_number),
        own_crisis=bool(preferences.crisis_line),
    )
