"""Every colour IsoDiary shows, light and dark, in one Qt-free table.

The window's palette (`diary.ui.widgets.theme`) and the charts (`diary.charts.style`) are both
built from these schemes, so a colour is chosen once. Each is checked against WCAG 2.1
AA by `tests/test_palette.py`: 4.5:1 for text (hints, links, legend words drawn in a
series colour), 3:1 for control outlines, focus rings, accents and chart marks.

The series colours are Okabe & Ito's ("Color Universal Design", 2008), darkened on the
light scheme and lightened on the dark one until they read as text; every chart series
also has its own marker and line style, so colour is never the only difference.
"""

from __future__ import annotations

from dataclasses import dataclass, field

TEXT_RATIO = 4.5  # WCAG 2.1 AA, 1.4.3: text and images of text
GRAPHICS_RATIO = 3.0  # WCAG 2.1 AA, 1.4.11: user interface components and graphics

# The hues a chart series may take (each series picks one in diary.charts.style.LOOKS).
HUES = ("vermillion", "blue", "green", "purple", "orange", "ink", "grey")


@dataclass(frozen=True)
class Scheme:
    """One palette: the window's roles, its accents and the charts' colours."""

    dark: bool
    # The window (Qt palette roles).
    window: str
    base: str
    alternate: str
    text: str
    button: str
    highlight: str
    highlighted_text: str
    quiet: str  # hints, "not logged", placeholders; also disabled text
    link: str
    light: str
    midlight: str
    mid: str
    dark_shade: str
    shadow: str
    outline: str  # check box and field outlines (drawn by the window's style)
    focus: str  # the focus ring
    # Accents: borders and marks (3:1) and the same meaning written as text (4.5:1).
    urgent: str
    warning: str
    urgent_text: str
    warning_text: str
    # Charts.
    chart_background: str
    chart_panel: str
    chart_text: str
    chart_quiet: str
    chart_grid: str  # decoration: the values are written on the axes
    chart_shade: str  # decoration: course spans behind the data
    hues: dict[str, str] = field(default_factory=dict)  # HUES, each dark or light enough to read as text


# Accents for borders, dots and marks, the same on both schemes (3:1 on either window).
URGENT = "#C85A10"
WARNING = "#B06E00"

# Okabe & Ito's originals, kept for reference and for anything that needs the pure hue.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}


def _hues(
    *, vermillion: str, blue: str, green: str, purple: str, orange: str, ink: str, grey: str
) -> dict[str, str]:
    return {
        "vermillion": vermillion,
        "blue": blue,
        "green": green,
        "purple": purple,
        "orange": orange,
        "ink": ink,
        "grey": grey,
    }


LIGHT = Scheme(
    dark=False,
    window="#F4F5F7",
    base="#FFFFFF",
    alternate="#EEF0F3",
    text="#1D2126",
    button="#E9EBEE",
    highlight="#2A6FB0",
    highlighted_text="#FFFFFF",
    quiet="#5B6370",
    link="#1F5F99",
    light="#FFFFFF",
    midlight="#DCE0E5",
    mid="#C4C9D0",
    dark_shade="#8A929C",
    shadow="#5B626B",
    outline="#6E7682",
    focus="#2A6FB0",
    urgent=URGENT,
    warning=WARNING,
    urgent_text="#A84300",
    warning_text="#8A5700",
    chart_background="#FFFFFF",
    chart_panel="#FFFFFF",
    chart_text="#1D2126",
    chart_quiet="#5B6370",
    chart_grid="#D5D9DF",
    chart_shade="#EEF0F3",
    hues=_hues(
        vermillion="#B84A00",
        blue="#0072B2",
        green="#00795A",
        purple="#A8507F",
        orange="#9A6200",
        ink="#1D2126",
        grey="#6B7380",
    ),
)

# Fields are lighter than the window, so their outlines show against both.
DARK = Scheme(
    dark=True,
    window="#1E2024",
    base="#2B2E34",
    alternate="#31353B",
    text="#E6E8EB",
    button="#33373E",
    highlight="#5AA2EA",
    highlighted_text="#10161C",
    quiet="#A3AAB4",
    link="#7DB7F0",
    light="#5A606A",
    midlight="#464B53",
    mid="#50565F",
    dark_shade="#8A929C",
    shadow="#0E0F11",
    outline="#98A0AA",
    focus="#5AA2EA",
    urgent=URGENT,
    warning=WARNING,
    urgent_text="#F59A55",
    warning_text="#E6A317",
    chart_background="#1E2024",
    chart_panel="#24272C",
    chart_text="#E6E8EB",
    chart_quiet="#A3AAB4",
    chart_grid="#3A3F46",
    chart_shade="#2B2F35",
    hues=_hues(
        vermillion="#F08A3C",
        blue="#56B4E9",
        green="#1FB58A",
        purple="#CC79A7",
        orange="#E69F00",
        ink="#E6E8EB",
        grey="#8F97A2",
    ),
)


def scheme_for(dark: bool) -> Scheme:
    return DARK if dark else LIGHT


def relative_luminance(color: str) -> float:
    """WCAG 2.1's relative luminance of an sRGB colour written "#RRGGBB"."""
    digits = color.removeprefix("#")
    if len(digits) != 6:
        raise ValueError(f"{color!r} is not a #RRGGBB colour")
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1's contrast ratio, from 1 (same) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def checked_pairs(scheme: Scheme) -> list[tuple[str, str, str, float]]:
    """(what, foreground, background, ratio needed) for every pair a person must tell apart."""
    pairs: list[tuple[str, str, str, float]] = []
    for back_name in ("window", "base", "alternate", "button"):
        back = getattr(scheme, back_name)
        pairs.append((f"text on {back_name}", scheme.text, back, TEXT_RATIO))
    for back_name in ("window", "base", "alternate"):
        back = getattr(scheme, back_name)
        pairs.append((f"quiet text on {back_name}", scheme.quiet, back, TEXT_RATIO))
        pairs.append((f"link on {back_name}", scheme.link, back, TEXT_RATIO))
        pairs.append((f"urgent text on {back_name}", scheme.urgent_text, back, TEXT_RATIO))
        pairs.append((f"warning text on {back_name}", scheme.warning_text, back, TEXT_RATIO))
    pairs.append(("highlighted text", scheme.highlighted_text, scheme.highlight, TEXT_RATIO))
    for back_name in ("window", "base"):
        back = getattr(scheme, back_name)
        pairs.append((f"control outline on {back_name}", scheme.outline, back, GRAPHICS_RATIO))
        pairs.append((f"focus ring on {back_name}", scheme.focus, back, GRAPHICS_RATIO))
        pairs.append((f"urgent accent on {back_name}", scheme.urgent, back, GRAPHICS_RATIO))
        pairs.append((f"warning accent on {back_name}", scheme.warning, back, GRAPHICS_RATIO))
    for back_name in ("chart_background", "chart_panel"):
        back = getattr(scheme, back_name)
        pairs.append((f"chart text on {back_name}", scheme.chart_text, back, TEXT_RATIO))
        pairs.append((f"chart quiet text on {back_name}", scheme.chart_quiet, back, TEXT_RATIO))
        for name in HUES:
            # Legend words are drawn in the series colour, so every series hue reads as text.
            pairs.append((f"series hue {name} on {back_name}", scheme.hues[name], back, TEXT_RATIO))
    return pairs
