"""What an import says to the person: what it added, replaced or refused, section by section.

The same words serve the command line and the window (which the command may hand an
import to), so they live here once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from diary.core.interchange.document import InterchangeError

if TYPE_CHECKING:
    from diary.core.photos import Photo

# Each section of a document, in the order a summary names them: (section, one, many).
SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("entries", "day", "days"),
    ("courses", "course", "courses"),
    ("routine", "routine step", "routine steps"),
    ("custom_side_effects", "side effect of your own", "side effects of your own"),
    ("follow_ups", "flag follow-up", "flag follow-ups"),
    ("appointments", "appointment", "appointments"),
    ("questions", "question", "questions"),
    ("weights", "weighing", "weighings"),
    ("labs", "lab result", "lab results"),
    ("pregnancy_tests", "pregnancy test", "pregnancy tests"),
    ("medicines", "medicine", "medicines"),
    ("photos", "photo", "photos"),
)
_NOUNS = {section: (one, many) for section, one, many in SECTIONS}


def _count(number: int, section: str, new: str = "") -> str:
    one, many = _NOUNS[section]
    return f"{number} {new}{one if number == 1 else many}"


# What the command line says after a refused import: the same words from the command and
# from an open window the command handed the import to.
REPLACE_HINT = "To replace those records with the file's, add --replace."
WITHOUT_PHOTOS_HINT = "To import the rest and leave those photos out, add --without-photos."


def nothing_imported(message: str) -> str:
    """The refusal of a file, saying once that nothing was imported."""
    message = message.rstrip(". ")
    return message + "." if message.endswith("Nothing was imported") else message + ". Nothing was imported."


class ImportConflict(ValueError):
    """Records the file and the diary both hold with different content; nothing was imported.

    `conflicts` lists (section, the record's identity as shown); `dates` the days among them.
    """

    def __init__(
        self, source: str, conflicts: Sequence[tuple[str, str]], dates: Sequence[dt.date] = ()
    ) -> None:
        self.source = source
        self.conflicts = list(conflicts)
        self.dates = list(dates)
        by_section: dict[str, list[str]] = {}
        for section, shown in self.conflicts:
            by_section.setdefault(section, []).append(shown)
        parts = []
        for section, _one, _many in SECTIONS:
            shown_ones = by_section.get(section)
            if not shown_ones:
                continue
            listed = ", ".join(shown_ones[:10])
            more = f" and {len(shown_ones) - 10} more" if len(shown_ones) > 10 else ""
            verb = "is" if len(shown_ones) == 1 else "are"
            parts.append(f"{_count(len(shown_ones), section)} {verb} already in the diary: {listed}{more}")
        super().__init__(
            f"{source}: {'; '.join(parts)}, with other values than the file's. Nothing was imported."
        )


class PhotosWithoutImages(InterchangeError):
    """A JSON file's photo records name images the diary does not hold (a plain JSON export
    lists the records only). Names the first such record; `photos` are all of them."""

    def __init__(self, source: str, index: int, photos: Sequence[Photo]) -> None:
        self.photos = list(photos)
        first = self.photos[0]
        others = len(self.photos) - 1
        more = (
            ""
            if not others
            else " (and 1 more photo of the file names one it does not hold)"
            if others == 1
            else f" (and {others} more photos of the file name ones it does not hold)"
        )
        super().__init__(
            source,
            f"photos[{index}]",
            None,
            f"the photo of {first.area_words.lower()} on {first.date} names the image {first.file_name}, "
            f"which this diary does not hold{more}. A .json export lists photos without their "
            "images: import the bundle (.isodiary) that carries them",
        )


@dataclass(frozen=True)
class SectionCounts:
    added: int = 0
    replaced: int = 0
    skipped: int = 0  # already in the diary, the same (or kept as the diary has it)


@dataclass(frozen=True)
class ImportSummary:
    """What an import did, section by section (keys of SECTIONS)."""

    sections: Mapping[str, SectionCounts] = field(default_factory=dict)
    preferences_taken: bool = False
    photos_left_out: int = 0  # records whose image the diary does not hold (--without-photos)

    def of(self, section: str) -> SectionCounts:
        return self.sections.get(section, SectionCounts())

    @property
    def entries_added(self) -> int:
        return self.of("entries").added

    @property
    def entries_replaced(self) -> int:
        return self.of("entries").replaced

    @property
    def courses_added(self) -> int:
        return self.of("courses").added

    @property
    def steps_added(self) -> int:
        return self.of("routine").added

    @property
    def changed_anything(self) -> bool:
        counts = self.sections.values()
        return self.preferences_taken or any(count.added or count.replaced for count in counts)

    def describe(self) -> str:
        """One line for the person, e.g. "Imported 12 new days, 1 lab result replaced."."""
        added = [_count(self.of(s).added, s, "new ") for s, _, _ in SECTIONS if self.of(s).added]
        replaced = [
            _count(self.of(s).replaced, s) + " replaced" for s, _, _ in SECTIONS if self.of(s).replaced
        ]
        skipped = sum(self.of(s).skipped for s, _, _ in SECTIONS)
        already = (
            ""
            if not skipped
            else f" {skipped} record{'s were' if skipped != 1 else ' was'} already in the diary."
        )
        left_out = (
            ""
            if not self.photos_left_out
            else f" {_count(self.photos_left_out, 'photos')} left out: this diary does not hold "
            f"{'its image' if self.photos_left_out == 1 else 'their images'}."
        )
        if not self.changed_anything:
            return (
                "Nothing was imported."
                + (already or ("" if left_out else " The file holds no records."))
                + left_out
            )
        parts = added + replaced
        if self.preferences_taken:
            parts.append("the file's preferences")
        return "Imported " + ", ".join(parts) + "." + already + left_out
