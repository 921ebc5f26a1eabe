"""The table of what a day holds: each entry field declared once, with its scale, words,
JSON path, CSV column and the interchange version that first carries it. Readers, writers,
the store, the charts and the summary derive from it, so a new symptom is one line here
plus its migration."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from diary.core import scales
from diary.core.scales import Scale

# Kinds of value a field holds.
NUMBER = "number"  # one number on a Scale
KEYS = "keys"  # a list of keys (no repeats)
ANSWERS = "answers"  # the PHQ-9: exactly nine answers 0-3
TEXT = "text"  # free text


@dataclass(frozen=True)
class FormRow:
    """A rating's row on the day form: `label` with "&" before its Alt letter ("S&kin"),
    `spoken` its name for screen readers and tooltips, `section` the heading it sits under
    (rows of one section follow each other in the table). The word shown beside the number
    comes from the field's scale (`Scale.word`)."""

    label: str
    spoken: str
    section: str


@dataclass(frozen=True)
class EntryField:
    """One thing the person can log for a day.

    `label` is its short name where space is tight: the chart's keys, the series switches and
    the words under the pointer ("Joints"). `json_path` is where it sits in an interchange
    entry (("dryness", "lips")); `csv_column` its CSV column; `vocabulary` the fixed keys of a
    KEYS field (None: keys that the diary defines, such as routine steps); `panel` names the
    trend panel that draws it, one number a day (charts/trends.py PANELS; None: not charted;
    its look is in charts/style.py FIELD_LOOKS), and `smoothed` whether that line gets the
    7-day rolling mean; `table_label` names its line in the summary's symptom table (None: no
    line), where `higher_is_worse` reads the change; `form_row` makes it a rating row of the
    day form (None: the form shows it its own way).
    """

    name: str
    kind: str
    label: str
    json_path: tuple[str, ...]
    csv_column: str
    scale: Scale | None = None
    # The interchange version that first carries it: a file of an older version has no such
    # key or column and reads it as not logged (diary.core.interchange.versions derives each
    # version's JSON keys and CSV header from it).
    since: int = 1
    vocabulary: Mapping[str, str] | None = None
    panel: str | None = None
    smoothed: bool = False
    table_label: str | None = None
    higher_is_worse: bool = True
    form_row: FormRow | None = None

    @property
    def charted(self) -> bool:
        """Drawn in a trend panel, one number a day."""
        return self.panel is not None

    @property
    def is_symptom(self) -> bool:
        """A 0-10 symptom rating (the summary's symptom table lists these and mood)."""
        return self.scale is scales.SYMPTOM


# In the order of an interchange JSON entry (a CSV header puts each version's new fields
# after the older ones: diary.core.interchange.versions).
ENTRY_FIELDS: tuple[EntryField, ...] = (
    EntryField("dose_mg", NUMBER, "Dose", ("dose_mg",), "dose_mg", scales.DOSE_MG, panel="dose"),
    EntryField(
        "lips",
        NUMBER,
        "Lips",
        ("dryness", "lips"),
        "lips",
        scales.SYMPTOM,
        panel="dryness",
        smoothed=True,
        table_label="Lips dryness",
        form_row=FormRow("&Lips", "Lips dryness", "Dryness and pain"),
    ),
    EntryField(
        "skin",
        NUMBER,
        "Skin",
        ("dryness", "skin"),
        "skin",
        scales.SYMPTOM,
        panel="dryness",
        smoothed=True,
        table_label="Skin dryness",
        form_row=FormRow("S&kin", "Skin dryness", "Dryness and pain"),
    ),
    EntryField(
        "eyes",
        NUMBER,
        "Eyes",
        ("dryness", "eyes"),
        "eyes",
        scales.SYMPTOM,
        panel="dryness",
        smoothed=True,
        table_label="Eye dryness",
        form_row=FormRow("&Eyes", "Eyes dryness", "Dryness and pain"),
    ),
    EntryField(
        "joint_pain",
        NUMBER,
        "Joints",
        ("joint_pain",),
        "joint_pain",
        scales.SYMPTOM,
        panel="joints",
        smoothed=True,
        table_label="Joint or muscle pain",
        form_row=FormRow("&Joint or muscle pain", "Joint or muscle pain", "Dryness and pain"),
    ),
    EntryField(
        "mood",
        NUMBER,
        "Mood",
        ("mood",),
        "mood",
        scales.MOOD,
        panel="mood",
        smoothed=True,
        table_label="Mood (10 is best)",
        higher_is_worse=False,
        form_row=FormRow("M&ood", "Mood", "Mood"),
    ),
    EntryField(
        "warning_signs",
        KEYS,
        "Warning signs",
        ("warning_signs",),
        "warning_signs",
        vocabulary=scales.WARNING_SIGNS,
    ),
    EntryField(
        "serious_symptoms",
        KEYS,
        "Serious symptoms",
        ("serious_symptoms",),
        "serious_symptoms",
        vocabulary=scales.SERIOUS_SYMPTOMS,
        since=2,
    ),
    EntryField(
        "breakouts_new",
        NUMBER,
        "New spots",
        ("breakouts", "new"),
        "breakouts_new",
        scales.NEW_SPOTS,
        panel="breakouts",
        smoothed=True,
        table_label="New spots a day",
    ),
    EntryField(
        "breakout_severity",
        NUMBER,
        "Severity",
        ("breakouts", "severity"),
        "breakout_severity",
        scales.BREAKOUT_SEVERITY,
        panel="breakouts",
        table_label="Breakout severity (0-4)",
    ),
    EntryField("skincare", KEYS, "Skincare", ("skincare",), "skincare"),
    # Built-in keys plus the diary's own custom side effects: checked by the diary, not here.
    EntryField("side_effects", KEYS, "Side effects", ("side_effects",), "side_effects"),
    EntryField("phq9", ANSWERS, "PHQ-9", ("phq9",), "phq9", scales.PHQ9_ITEM),
    EntryField("note", TEXT, "Note", ("note",), "note"),
)

FIELDS_BY_NAME: dict[str, EntryField] = {field.name: field for field in ENTRY_FIELDS}

# Keys of a field's list that version 3 added: an older file naming one is wrong.
V3_KEYS: frozenset[str] = frozenset({"seizure_or_stroke"})

NUMBER_FIELDS: dict[str, Scale] = {
    field.name: field.scale for field in ENTRY_FIELDS if field.kind == NUMBER and field.scale is not None
}
SYMPTOM_FIELDS: tuple[EntryField, ...] = tuple(field for field in ENTRY_FIELDS if field.is_symptom)
# The day form's rating rows, in the table's order (which is also the form's Tab order).
FORM_RATINGS: tuple[EntryField, ...] = tuple(field for field in ENTRY_FIELDS if field.form_row is not None)
