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


# What the isotretinoin Medication Guide says, quoted, for the message at save. The
# sentences are those of the US Medication Guide for isotretinoin capsules (Absorica,
# Amnesteem, Claravis and the generics share them), with "healthcare provider" as printed.
GUIDE_ON_SIGNS = (
    "The Medication Guide says to stop taking isotretinoin and call your prescriber right away "
    "if you notice these signs."
)
# One sentence per quotation, each whole as the guide prints it (its bulleted lists joined
# with commas or semicolons as the guide's own punctuation has them).
_BRAIN_PRESSURE = (
    "Stop taking isotretinoin and call your healthcare provider right away if you get any of these "
    "signs of increased brain pressure: bad headache, blurred vision, dizziness, nausea or vomiting, "
    "seizures (convulsions), stroke."
)
_STOMACH_AND_LIVER = (
    "Stop taking isotretinoin and call your healthcare provider if you get: severe stomach, chest "
    "or bowel pain; trouble swallowing or painful swallowing; new or worsening heartburn; diarrhea; "
    "rectal bleeding; yellowing of your skin or eyes; dark urine."
)
GUIDE_SENTENCES: dict[str, tuple[str, ...]] = {
    "brain_pressure": (_BRAIN_PRESSURE,),
    "vision_problem": (
        "Stop taking isotretinoin and call your healthcare provider right away if you have any "
        "problems with your vision or dryness of your eyes that is painful or constant.",
    ),
    "hearing_problem": (
        "Stop using isotretinoin and call your healthcare provider if your hearing gets worse or "
        "if you have ringing in your ears.",
    ),
    "stomach_problem": (_STOMACH_AND_LIVER,),
    "liver_signs": (_STOMACH_AND_LIVER,),
    "muscle_weakness": (
        "Stop taking isotretinoin and call your healthcare provider right away if you develop "
        "muscle weakness with or without pain.",
    ),
    "skin_reaction": (
        "Stop using isotretinoin and call your healthcare provider right away if you develop "
        "conjunctivitis (red or inflamed eyes, like “pink eye”), a rash with a fever, blisters on "
        "legs, arms or face and/or sores in your mouth, throat, nose, eyes, or if your skin begins "
        "to peel.",
        "Stop taking isotretinoin and call your healthcare provider if you develop a fever, rash, "
        "or red patches or bruises on your legs.",
    ),
    "allergic_reaction": (
        "Stop taking isotretinoin and get emergency care right away if you develop hives, a "
        "swollen face or mouth, or have trouble breathing.",
    ),
    "thirst_urination": ("Tell your healthcare provider if you are very thirsty or urinate a lot.",),
    "faint_weak": ("Call your healthcare provider if you have trouble breathing, faint, or feel weak.",),
    "seizure_or_stroke": (_BRAIN_PRESSURE,),
}
# The first sentence of each, for the message at save until it shows every sentence.
GUIDE_ON_SYMPTOM: dict[str, str] = {key: sentences[0] for key, sentences in GUIDE_SENTENCES.items()}


def says_call(key: str) -> bool:
    """Whether the guide's words for a serious symptom tell the patient to call (or get
    emergency care), rather than only to tell their healthcare provider."""
    return any("call" in s.lower() or "emergency care" in s for s in GUIDE_SENTENCES[key])


GUIDE_ON_DEPRESSION = (
    "Separately, the Medication Guide says to stop taking isotretinoin and call your prescriber "
    "right away if you notice signs of depression, including thoughts about hurting yourself "
    "or taking your own life."
)

# What calls for the crisis line as well as the emergency number, in words for the message.
CRISIS_SIGNS: dict[str, str] = {
    "self_harm_thoughts": "thoughts of hurting yourself or ending your life",
    "dangerous_impulses": "acting on dangerous impulses",
    "hallucinations": "seeing or hearing things that are not real",
}
CRISIS_ITEM9 = "thoughts that you would be better off dead, or of hurting yourself"
