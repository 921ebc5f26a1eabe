"""The diary's vocabulary: the scales, their ranges and words, and the sign lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    """An allowed range of values, with the words that anchor its ends; `word` gives the word
    for each value where one is shown beside the number ("3" -> "mild"), else None."""

    low: float
    high: float
    whole_numbers: bool = True
    low_word: str = ""
    high_word: str = ""
    word: Callable[[int], str] | None = None

    def allows(self, value: float) -> bool:
        if self.whole_numbers and value != int(value):
            return False
        return self.low <= value <= self.high

    def describe(self) -> str:
        """The range in words, for messages: 'a whole number from 0 to 10'."""
        kind = "a whole number" if self.whole_numbers else "a number"
        return f"{kind} from {_plain(self.low)} to {_plain(self.high)}"


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def symptom_word(value: int) -> str:
    """A word for a 0-10 symptom rating, shown beside the number."""
    if value == 0:
        return "none"
    if value <= 3:
        return "mild"
    if value <= 6:
        return "moderate"
    if value <= 9:
        return "severe"
    return "worst imaginable"


def mood_word(value: int) -> str:
    """A word for a 0-10 mood rating (10 is best)."""
    if value <= 1:
        return "very low"
    if value <= 3:
        return "low"
    if value <= 6:
        return "okay"
    if value <= 8:
        return "good"
    return "very good"


# Symptoms: 0 is none, 10 the worst imaginable (the anchors of a numeric rating scale).
SYMPTOM = Scale(0, 10, low_word="none", high_word="worst imaginable", word=symptom_word)
MOOD = Scale(0, 10, low_word="very low", high_word="very good", word=mood_word)
DOSE_MG = Scale(0, 200, whole_numbers=False)
NEW_SPOTS = Scale(0, 999)
BREAKOUT_SEVERITY = Scale(0, 4, low_word="clear", high_word="severe")
PHQ9_ITEM = Scale(0, 3)
PHQ9_ITEM_COUNT = 9

# The days a diary holds (interchange spec): wide enough for any diary, and far from the
# calendar's ends, where a week or a chart's margin past the last day cannot be counted.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2099, 12, 31)

# Course settings have no range in the interchange spec; these bounds only catch typing
# slips (a weight of 645 kg, a 2000-week course) and allow every real course.
PLANNED_WEEKS = Scale(1, 260)
WEIGHT_KG = Scale(1, 400, whole_numbers=False)
TARGET_MG_PER_KG = Scale(1, 1000, whole_numbers=False)
MG_PER_DAY = Scale(0, 200, whole_numbers=False)
EVERY_DAYS = Scale(1, 7)  # a dose every 1 (daily) to 7 (weekly) days (interchange version 3)
DEFAULT_TARGET_MG_PER_KG = 120

SEVERITY_WORDS = ("clear", "almost clear", "mild", "moderate", "severe")


# The twelve signs the isotretinoin Medication Guide asks patients and families to watch
# for, in the guide's order, with the words the program shows (interchange spec).
WARNING_SIGNS: dict[str, str] = {
    "sad": "Felt sad or had crying spells",
    "lost_interest": "Lost interest in activities I used to enjoy",
    "sleep_change": "Slept too much or had trouble sleeping",
    "irritable": "More irritable, angry or aggressive than usual (temper outbursts, thoughts of violence)",
    "appetite_change": "Change in appetite or body weight",
    "poor_concentration": "Trouble concentrating",
    "withdrawn": "Withdrew from friends or family",
    "no_energy": "Felt like I had no energy",
    "worthless_guilty": "Feelings of worthlessness or guilt",
    "self_harm_thoughts": "Thoughts about hurting myself or ending my life",
    "dangerous_impulses": "Acted on dangerous impulses",
    "hallucinations": "Saw or heard things that are not real",
}

# Signs that make a flag urgent (mood-flags spec, rule 1).
URGENT_SIGNS = frozenset({"self_harm_thoughts", "dangerous_impulses", "hallucinations"})

# The other serious side effects the Medication Guide names (interchange spec, version 2).
SERIOUS_SYMPTOMS: dict[str, str] = {
    "brain_pressure": "Bad headache with blurred vision, dizziness, nausea or vomiting",
    "vision_problem": "Problems with my vision, or eye dryness that is painful or constant",
    "hearing_problem": "My hearing got worse, or ringing in my ears",
    "stomach_problem": (
        "Severe stomach, chest or bowel pain; pain or trouble swallowing; new or worse heartburn; "
        "diarrhea; bleeding from the rectum"
    ),
    "liver_signs": "Yellow skin or eyes, or dark urine",
    "muscle_weakness": "Muscle weakness, with or without pain",
    "skin_reaction": "Rash with fever, blisters or peeling skin, or red patches or bruises on my legs",
    "allergic_reaction": "Hives, a swollen face or mouth, or trouble breathing",
    "thirst_urination": "Very thirsty, or urinating a lot",
    "faint_weak": "Fainting, or feeling very weak or short of breath",
    # Interchange version 3: from the guide's "serious brain problems".
    "seizure_or_stroke": "Had a seizure (convulsions) or signs of a stroke",
}

# Serious symptoms whose flag is a warning, not urgent, when they are all a day holds
# (mood-flags spec, rule 5).
LESS_URGENT_SYMPTOMS = frozenset({"thirst_urination", "faint_weak"})

SIDE_EFFECTS: dict[str, str] = {
    "nosebleed": "Nosebleed",
    "dry_nose": "Dry nose",
    "headache": "Headache",
    "sun_sensitivity": "Sun sensitivity",
    "hair_thinning": "Hair thinning",
    "back_pain": "Back pain",
    "night_vision": "Trouble seeing at night",
    "rash": "Rash",
    "fatigue": "Tiredness",
    "stomach_pain": "Stomach pain",
}


def in_list_order(keys: tuple[str, ...] | list[str], vocabulary: dict[str, str]) -> tuple[str, ...]:
    """Known keys in the vocabulary's order, so equal sets compare and export equal."""
    chosen = set(keys)
    return tuple(key for key in vocabulary if key in chosen)


@dataclass(frozen=True)
class LabTest:
    """A lab test the doctor checks: its words and units; `per_unit` converts each unit
    to the first one (charts show one unit per test). `units` empty: any short text."""

    label: str
    units: tuple[str, ...]
    per_unit: tuple[float, ...] = ()

    def to_first_unit(self, value: float, unit: str) -> float | None:
        """The value in the test's first unit, or None when the unit cannot be converted."""
        if not self.units:
            return value
        if unit not in self.units:
            return None
        return value * self.per_unit[self.units.index(unit)]


_CHOLESTEROL = (("mg/dL", "mmol/L"), (1.0, 38.67))
LAB_TESTS: dict[str, LabTest] = {
    "triglycerides": LabTest("Triglycerides", ("mg/dL", "mmol/L"), (1.0, 88.57)),
    "cholesterol_total": LabTest("Total cholesterol", *_CHOLESTEROL),
    "ldl": LabTest("LDL cholesterol", *_CHOLESTEROL),
    "hdl": LabTest("HDL cholesterol", *_CHOLESTEROL),
    "alt": LabTest("ALT", ("U/L",), (1.0,)),
    "ast": LabTest("AST", ("U/L",), (1.0,)),
    "ggt": LabTest("GGT", ("U/L",), (1.0,)),
    "ck": LabTest("Creatine kinase (CK)", ("U/L",), (1.0,)),
    "glucose_fasting": LabTest("Fasting glucose", ("mg/dL", "mmol/L"), (1.0, 18.016)),
    "other": LabTest("Other", ()),
}
OTHER_LAB = "other"
OTHER_UNIT_MAX_LENGTH = 20
LAB_VALUE = Scale(0, 100000, whole_numbers=False)

PREGNANCY_RESULTS = ("negative", "positive", "invalid")
PREGNANCY_TEST_PLACES = ("clinic", "lab", "home")

# Other medicines and supplements the Medication Guide asks patients to tell their
# prescriber about, with the words shown; `other` is anything else.
MEDICINE_KINDS: dict[str, str] = {
    "tetracycline": "Tetracycline antibiotic (such as doxycycline or minocycline)",
    "vitamin_a": "Vitamin A supplement",
    "st_johns_wort": "St John's wort",
    "progestin_only_pill": 'Progestin-only pill ("minipill")',
    "corticosteroid": "Steroid tablets or injections (corticosteroids)",
    "phenytoin": "Phenytoin",
    "other": "Other medicine or supplement",
}
