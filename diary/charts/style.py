"""How the charts look: colour-blind-safe colours, markers and line styles, light and dark, sizes.

Colours come from `diary.palette` (Okabe-Ito's hues, made dark or light enough to be read
as text), and every series in a panel also has its own marker and line style, so a chart
printed in black and white still tells them apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from diary import palette

# Points: legible on A4 (a 7-inch-wide figure) and in a laptop window at 100 dpi.
FONT_SIZE = 8.5
TITLE_SIZE = 9.0
SMALL_SIZE = 7.5
DOT_SIZE = 3.2  # daily points: small, so the rolling-mean line reads first
LINE_WIDTH = 1.7


@dataclass(frozen=True)
class Look:
    """A series' hue (one of `palette.HUES`), its marker (for daily points and its key) and its
    line style (for its rolling mean): everything that tells one series from another."""

    hue: str
    marker: str
    line: str
    glyph: str  # the marker as a character, for keys written in text


# Keyed by the field table's names (core/fields.py): every charted field has its look here
# (tests/charts/test_field_table.py fails for one without).
FIELD_LOOKS: dict[str, Look] = {
    "lips": Look("vermillion", "o", "-", "●"),
    "skin": Look("blue", "s", "--", "■"),
    "eyes": Look("green", "^", ":", "▲"),
    "joint_pain": Look("purple", "D", "-", "◆"),
    "mood": Look("blue", "o", "-", "●"),
    "breakouts_new": Look("purple", "o", "-", "●"),
    "breakout_severity": Look("ink", "", "--", "┅"),
    "dose_mg": Look("blue", "o", "", "●"),
}

# Every series' look: the fields', then what the chart works out or marks.
LOOKS: dict[str, Look] = {
    **FIELD_LOOKS,
    "skincare": Look("green", "s", "-", "■"),
    "missed": Look("vermillion", "X", "", "✕"),
    "prescribed": Look("grey", "", "--", "┅"),
    "total": Look("ink", "", "-", "━"),
    "target": Look("orange", "", "--", "┅"),
    "urgent": Look("vermillion", "v", "", "▼"),
    "warning": Look("orange", "v", "", "▽"),
}


@dataclass(frozen=True)
class ChartStyle:
    """The colours of one palette. Paper and files always use LIGHT."""

    dark: bool
    background: str
    panel: str
    text: str
    quiet: str
    grid: str
    shade: str  # course spans on long ranges
    colors: dict[str, str] = field(default_factory=dict)

    def color(self, name: str) -> str:
        return self.colors.get(name, self.text)


def _from_scheme(scheme: palette.Scheme) -> ChartStyle:
    return ChartStyle(
        dark=scheme.dark,
        background=scheme.chart_background,
        panel=scheme.chart_panel,
        text=scheme.chart_text,
        quiet=scheme.chart_quiet,
        grid=scheme.chart_grid,
        shade=scheme.chart_shade,
        colors={name: scheme.hues[look.hue] for name, look in LOOKS.items()},
    )


LIGHT = _from_scheme(palette.LIGHT)

# The window's dark palette (diary.ui.widgets.theme): the same hues, lighter.
DARK = _from_scheme(palette.DARK)


def style_for(dark: bool) -> ChartStyle:
    return DARK if dark else LIGHT
