"""How the charts look: colour-blind-safe colours, markers and line styles, light and dark, sizes.

Colours are Okabe-Ito's, and every series in a panel also has its own marker and line
style, so a chart printed in black and white still tells them apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Okabe & Ito, "Color Universal Design" (2008).
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
GREEN = "#009E73"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"

# Points: legible on A4 (a 7-inch-wide figure) and in a laptop window at 100 dpi.
FONT_SIZE = 8.5
TITLE_SIZE = 9.0
SMALL_SIZE = 7.5
DOT_SIZE = 3.2  # daily points: small, so the rolling-mean line reads first
LINE_WIDTH = 1.7


@dataclass(frozen=True)
class Look:
    """A series' marker (for daily points and its key) and line style (for its rolling mean)."""

    marker: str
    line: str
    glyph: str  # the marker as a character, for keys written in text


LOOKS: dict[str, Look] = {
    "lips": Look("o", "-", "●"),
    "skin": Look("s", "--", "■"),
    "eyes": Look("^", ":", "▲"),
    "joint_pain": Look("D", "-", "◆"),
    "mood": Look("o", "-", "●"),
    "breakouts_new": Look("o", "-", "●"),
    "breakout_severity": Look("", "--", "┅"),
    "skincare": Look("s", "-", "■"),
    "dose_mg": Look("o", "", "●"),
    "missed": Look("X", "", "✕"),
    "prescribed": Look("", "--", "┅"),
    "total": Look("", "-", "━"),
    "target": Look("", "--", "┅"),
    "urgent": Look("v", "", "▼"),
    "warning": Look("v", "", "▽"),
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


def _colors(blue: str, ink: str) -> dict[str, str]:
    return {
        "lips": VERMILLION,
        "skin": blue,
        "eyes": GREEN,
        "joint_pain": PURPLE,
        "mood": blue,
        "breakouts_new": PURPLE,
        "breakout_severity": ink,
        "skincare": GREEN,
        "dose_mg": blue,
        "missed": VERMILLION,
        "total": ink,
        "target": ORANGE,
        "urgent": VERMILLION,
        "warning": ORANGE,
    }


LIGHT = ChartStyle(
    dark=False,
    background="#FFFFFF",
    panel="#FFFFFF",
    text="#1D2126",
    quiet="#5F6773",
    grid="#D5D9DF",
    shade="#EEF0F3",
    colors={**_colors(BLUE, "#1D2126"), "prescribed": "#7A828D"},
)

# The window's dark palette (diary.ui.theme): blue becomes sky blue, black becomes light grey.
DARK = ChartStyle(
    dark=True,
    background="#1E2024",
    panel="#24272C",
    text="#E6E8EB",
    quiet="#A3AAB4",
    grid="#3A3F46",
    shade="#2B2F35",
    colors={**_colors(SKY_BLUE, "#E6E8EB"), "prescribed": "#8F97A2"},
)


def style_for(dark: bool) -> ChartStyle:
    return DARK if dark else LIGHT
