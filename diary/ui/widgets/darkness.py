"""Whether a palette is dark: shared by the theme and the style, which load at different times."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication


def palette_is_dark(palette: QPalette | None = None) -> bool:
    """True when text is lighter than the window behind it."""
    palette = palette or QApplication.palette()
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    return text.lightness() > window.lightness()
