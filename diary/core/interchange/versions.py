"""Which entry fields each interchange version carries, from the field table: the JSON keys
and the CSV header of every version from 1 to the current one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from diary.core.entry import Entry
from diary.core.fields import ENTRY_FIELDS, EntryField
from diary.core.interchange.document import CURRENT_VERSION

# The key of an entry's date, in a JSON entry and as the first CSV column.
DATE_KEY = "date"


@dataclass(frozen=True)
class EntryLayout:
    """The entries of every interchange version, derived from one field table.

    A field is in every version from its `since` on. The program reads with LAYOUT (the
    table of diary.core.fields); a test may build another, with a field the table does not
    have yet and `entry` the class that holds it.
    """

    table: tuple[EntryField, ...]
    current: int
    entry: Callable[..., Entry] = field(default=Entry, compare=False)

    def __post_init__(self) -> None:
        for item in self.table:
            if not 1 <= item.since <= self.current:
                raise ValueError(
                    f"the field {item.name!r} is in the table since version {item.since}, "
                    f"but the interchange versions are 1 to {self.current}"
                )

    @property
    def versions(self) -> range:
        """Every version a file may have: 1 to the current one."""
        return range(1, self.current + 1)

    def fields(self, version: int) -> tuple[EntryField, ...]:
        """The fields a file of `version` carries, in the table's order (a JSON entry's)."""
        return tuple(item for item in self.table if item.since <= version)

    def csv_header(self, version: int) -> tuple[str, ...]:
        """The CSV header of `version`: the date, the fields of version 1 in the table's
        order, then those version 2 added, and so on, so that an older column keeps its
        place in every newer header."""
        ordered = sorted(self.fields(version), key=lambda item: item.since)  # stable: table order
        return (DATE_KEY, *(item.csv_column for item in ordered))

    @cached_property
    def header_versions(self) -> dict[tuple[str, ...], int]:
        """Each version's CSV header, with the version it belongs to (the newest, where two
        versions added no entry field between them and so share one)."""
        return {self.csv_header(version): version for version in self.versions}

    @cached_property
    def field_of_column(self) -> dict[str, EntryField]:
        return {item.csv_column: item for item in self.table}


LAYOUT = EntryLayout(ENTRY_FIELDS, CURRENT_VERSION)
