"""Looks, in one place: light and dark palettes that follow the desktop, spacing, and accent colours."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

# Spacing in pixels, so every panel breathes the same way.
MARGIN = 12
SPACING = 8
SECTION_SPACING = 16

# Accents readable on both palettes (Okabe-Ito colours, safe for colour-blind eyes).
URGENT = QColor("#D55E00")
WARNING = QColor("#E69F00")


def desktop_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def palette_is_dark(palette: QPalette | None = None) -> bool:
    """True when text is lighter than the window behind it."""
    palette = palette or QApplication.palette()
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    return text.lightness() > window.lightness()


def apply_appearance(app: QApplication, appearance: str = "system") -> None:
    """Fusion with a light or dark palette: 'system' follows the desktop's colour scheme."""
    app.setStyle("Fusion")
    dark = desktop_prefers_dark() if appearance == "system" else appearance == "dark"
    app.setPalette(dark_palette() if dark else light_palette())


def light_palette() -> QPalette:
    palette = QPalette()
    _fill(
        palette,
        window="#F4F5F7",
        base="#FFFFFF",
        alternate="#EEF0F3",
        text="#1D2126",
        button="#E9EBEE",
        highlight="#2A6FB0",
        highlighted_text="#FFFFFF",
        placeholder="#6B7280",
        link="#1F5F99",
        light="#FFFFFF",
        midlight="#DCE0E5",
        mid="#C4C9D0",
        dark="#8A929C",
        shadow="#5B626B",
    )
    return palette


def dark_palette() -> QPalette:
    # Fields are lighter than the window: Fusion outlines boxes in a darker shade of the
    # window colour, which only shows against a lighter field.
    palette = QPalette()
    _fill(
        palette,
        window="#1E2024",
        base="#2B2E34",
        alternate="#31353B",
        text="#E6E8EB",
        button="#33373E",
        highlight="#3D8BD9",
        highlighted_text="#FFFFFF",
        placeholder="#A3AAB4",
        link="#7DB7F0",
        light="#5A606A",
        midlight="#464B53",
        mid="#50565F",
        dark="#8A929C",
        shadow="#0E0F11",
    )
    return palette


def _fill(palette: QPalette, **colors: str) -> None:
    role = QPalette.ColorRole
    table = {
        role.Window: colors["window"],
        role.WindowText: colors["text"],
        role.Base: colors["base"],
        role.AlternateBase: colors["alternate"],
        role.Text: colors["text"],
        role.Button: colors["button"],
        role.ButtonText: colors["text"],
        role.ToolTipBase: colors["base"],
        role.ToolTipText: colors["text"],
        role.Highlight: colors["highlight"],
        role.HighlightedText: colors["highlighted_text"],
        role.PlaceholderText: colors["placeholder"],
        role.Link: colors["link"],
        role.Light: colors["light"],
        role.Midlight: colors["midlight"],
        role.Mid: colors["mid"],
        role.Dark: colors["dark"],
        role.Shadow: colors["shadow"],
        role.BrightText: "#FFFFFF",
    }
    for color_role, color in table.items():
        palette.setColor(color_role, QColor(color))
    disabled = QColor(colors["placeholder"])
    for color_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, color_role, disabled)


def make_quiet(widget: QWidget) -> None:
    """Hints and "not logged" words: quieter than text, still readable, in either palette
    (the role follows palette changes, a fixed colour would not)."""
    widget.setForegroundRole(QPalette.ColorRole.PlaceholderText)
