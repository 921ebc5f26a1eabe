"""The day form's 0-10 rating rows (lips to mood), made from the entry field table."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from typing import Any

from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout

from diary.core.entry import Entry
from diary.core.fields import FORM_RATINGS, EntryField
from diary.ui.day.form_labels import buddy, heading, hint, scale_words
from diary.ui.widgets import speech, theme
from diary.ui.widgets.inputs import RatingBox


def say_refused(label: QLabel, highest: int, typed: str) -> None:
    """Say in `label`, beside its box, that the number typed is not on the box's scale,
    which runs from 0 to `highest`."""
    label.setText(f"{typed} is not on this scale (0 to {highest})")
    theme.make_alarming(label)
    speech.announce(label, label.text())  # seen at a glance beside the box, so said politely


class RatingRows:
    """A box for each rating field of the table, in the table's order, labelled with the
    row's Alt letter, and the word for its value beside it ("3" -> "mild")."""

    def __init__(self) -> None:
        self.boxes: dict[str, RatingBox] = {}
        self.words: dict[str, QLabel] = {}
        self._word_of: dict[str, Callable[[int], str] | None] = {}
        for field in FORM_RATINGS:
            assert field.scale is not None and field.form_row is not None
            box = RatingBox(field.scale)
            description = scale_words(field.scale)
            box.setAccessibleName(field.form_row.spoken)
            box.setAccessibleDescription(description)
            box.setToolTip(description)
            box.setMinimumWidth(110)
            self.boxes[field.name] = box
            self.words[field.name] = hint("")
            self._word_of[field.name] = field.scale.word
        for name, box in self.boxes.items():
            box.refused.connect(lambda typed, name=name: self._refuse(name, typed))
        for name, box in self.boxes.items():
            box.valueChanged.connect(lambda _value, name=name: self.show_word(name))
            box.answered.connect(lambda name=name: self.show_word(name))  # a refusal is stale

    def lay_out(self, column: QVBoxLayout) -> None:
        """Each section (a heading, its scale's words, its rows) added to `column`."""
        for number, (section, fields) in enumerate(groupby(FORM_RATINGS, _section)):
            rows = list(fields)
            assert rows[0].scale is not None
            column.addSpacing(theme.SECTION_SPACING)
            column.addWidget(heading(section))
            # The first section also says how typing works; it holds for every rating.
            column.addWidget(
                hint(scale_words(rows[0].scale) + (" · a digit moves on" if number == 0 else ""))
            )
            grid = QGridLayout()
            grid.setHorizontalSpacing(theme.SPACING)
            for row, field in enumerate(rows):
                assert field.form_row is not None
                box = self.boxes[field.name]
                grid.addWidget(buddy(field.form_row.label, box), row, 0)
                grid.addWidget(box, row, 1)
                grid.addWidget(self.words[field.name], row, 2)
            grid.setColumnStretch(2, 1)
            column.addLayout(grid)

    def show_entry(self, entry: Entry) -> None:
        for name, box in self.boxes.items():
            box.set_rating(getattr(entry, name))
        for name in self.boxes:
            self.show_word(name)

    def ratings(self) -> dict[str, Any]:
        """Each field's rating by name, as Entry takes them (None: not logged)."""
        return {name: box.rating() for name, box in self.boxes.items()}

    def show_word(self, name: str) -> None:
        value = self.boxes[name].rating()
        label = self.words[name]
        theme.make_quiet(label)
        word = self._word_of[name]
        label.setText("" if value is None or word is None else word(value))

    def _refuse(self, name: str, typed: str) -> None:
        say_refused(self.words[name], self.boxes[name].maximum(), typed)


def _section(field: EntryField) -> str:
    assert field.form_row is not None
    return field.form_row.section
