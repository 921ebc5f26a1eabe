"""The diary's vocabulary: the scales, their ranges and words, and the sign lists."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    """An allowed range of values, with the words that anchor its ends."""

    low: float
    high: float
    whole_numbers: bool = True
    low_word: str = ""
    high_word: str = ""

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


# Symptoms: 0 is none, 10 the worst imaginable (the anchors of a numeric rating scale).
SYMPTOM = Scale(0, 10, low_word="none", high_word="worst imaginable")
MOOD = Scale(0, 10, low_word="very low", high_word="very good")
DOSE_MG = Scale(0, 200, whole_numbers=False)
NEW_SPOTS = Scale(0, 999)
BREAKOUT_SEVERITY = Scale(0, 4, low_word="clear", high_word="severe")
PHQ9_ITEM = Scale(0, 3)
PHQ9_ITEM_COUNT = 9

# Course settings have no range in the interchange spec; these bounds only catch typing
# slips (a weight of 645 kg, a 2000-week course) and allow every real course.
PLANNED_WEEKS = Scale(1, 260)
WEIGHT_KG = Scale(1, 400, whole_numbers=False)
TARGET_MG_PER_KG = Scale(1, 1000, whole_numbers=False)
MG_PER_DAY = Scale(0, 200, whole_numbers=False)
DEFAULT_TARGET_MG_PER_KG = 120

SEVERITY_WORDS = ("clear", "almost clear", "mild", "moderate", "severe")


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


# The twelve signs the isotretinoin Medication Guide asks patients and families to watch
# for, in the guide's order, with the words the program shows (interchange spec).
WARNING_SIGNS: dict[str, str] = {
    "sad": "Felt sad or had crying spells",
    "lost_interest": "Lost interest in activities I used to enjoy",
    "sleep_change": "Slept too much or had trouble sleeping",
    "irritable": "More irritable, angry or aggressive than usual",
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
