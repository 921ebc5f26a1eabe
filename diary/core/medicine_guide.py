"""What the isotretinoin Medication Guide says about the other medicines a person logs.

The words are the guide's ("Especially tell your healthcare provider if you take…"),
quoted and attributed wherever they show; IsoDiary adds no advice of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from diary.core.course import Course
from diary.core.records import Medicine

SOURCE = "isotretinoin Medication Guide"

# The guide's sentences under "Especially tell your healthcare provider if you take", each
# quoted whole and alone (one sentence per quotation), after the guide's own name for the
# kind. US Medication Guide for isotretinoin capsules (Absorica, Amnesteem, Claravis and
# the generics share it), section "What should I tell my healthcare provider before taking
# isotretinoin?".
GUIDE_NAMES: dict[str, str] = {
    "tetracycline": "Tetracycline antibiotics",
    "vitamin_a": "Vitamin A supplements",
    "progestin_only_pill": "Progestin-only birth control pills (mini-pills)",
    "st_johns_wort": "St. John's Wort",
    "corticosteroid": "Corticosteroid medicines",
    "phenytoin": "Dilantin (phenytoin)",
}
GUIDE_SAYS: dict[str, tuple[str, ...]] = {
    "tetracycline": (
        "Tetracycline antibiotics taken with isotretinoin can increase the chances of getting "
        "increased pressure in the brain.",
    ),
    "vitamin_a": (
        "Vitamin A in high doses has many of the same side effects as isotretinoin.",
        "Taking both together may increase your chance of getting side effects.",
    ),
    "progestin_only_pill": ("They may not work while you take isotretinoin.",),
    "st_johns_wort": ("This herbal supplement may make birth control pills work less effectively.",),
    "corticosteroid": ("These medicines taken with isotretinoin may weaken your bones.",),
    "phenytoin": ("This medicine taken with isotretinoin may weaken your bones.",),
}


def quoted(kind: str) -> str:
    """The guide's name for the kind and its sentences, each in its own quotation marks:
    'Tetracycline antibiotics: “…” (isotretinoin Medication Guide)'."""
    sentences = " ".join(f"“{sentence}”" for sentence in GUIDE_SAYS[kind])
    return f"{GUIDE_NAMES[kind]}: {sentences} ({SOURCE})"


@dataclass(frozen=True)
class GuideNote:
    """The guide's words about one kind of medicine, and the logged medicines of that kind."""

    kind: str
    words: tuple[str, ...]
    names: tuple[str, ...]

    def quoted(self) -> str:
        return quoted(self.kind)


def during_a_course(medicine: Medicine, courses: Iterable[Course]) -> bool:
    """True when the medicine was taken on some day of a course (a running course has no end yet)."""
    for course in courses:
        if course.end_date is None:
            if medicine.ends is None or medicine.ends >= course.start_date:
                return True
        elif medicine.overlaps(course.start_date, course.end_date):
            return True
    return False


def guide_notes(medicines: Sequence[Medicine], courses: Sequence[Course]) -> list[GuideNote]:
    """One note per kind the guide warns about, for the medicines taken during a course,
    in the guide's order of kinds."""
    notes = []
    for kind, words in GUIDE_SAYS.items():
        names = tuple(
            dict.fromkeys(m.name for m in medicines if m.kind == kind and during_a_course(m, courses))
        )
        if names:
            notes.append(GuideNote(kind, words, names))
    return notes
