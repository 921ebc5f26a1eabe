"""Looks, in one place: light and dark palettes (from diary.palette) that follow the desktop,
spacing, accent colours, and a style whose outlines and focus rings can be seen."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from diary import palette
from diary.settings import WINDOW_DARK
from diary.ui.widgets import darkness

# Defined beside the style (which loads after the window's first frame), named here too.
palette_is_dark = darkness.palette_is_dark

# Spacing in pixels, so every panel breathes the same way.
MARGIN = 12
SPACING = 8
SECTION_SPACING = 16

# Accents readable on both palettes, for borders and dots (text uses urgent_text_color()).
URGENT = QColor(palette.URGENT)
WARNING = QColor(palette.WARNING)


def desktop_prefers_dark() -> bool:
    from PySide6.QtCore import Qt

    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_appearance(app: QApplication, appearance: str = "system") -> None:
    """Fusion with a light or dark palette: 'system' follows the desktop's colour scheme."""
    from diary.ui.widgets.clear_style import ClearStyle

    if not isinstance(app.style(), ClearStyle):
        app.setStyle(ClearStyle())
    dark = desktop_prefers_dark() if appearance == "system" else appearance == "dark"
    _set_palette(app, dark)
    if dark != _last_dark():
        WINDOW_DARK.write(dark)  # for the next start's first frame (apply_palette)


def apply_palette(app: QApplication) -> None:
    """The palette alone, for the window's first, empty frame, shown before the diary (which
    holds the chosen appearance) is read and before the desktop is asked for its scheme
    (which costs PySide6 all hundred enums of the Qt namespace, some 30 ms): the look the
    window last had. apply_appearance sets the style and the right palette once it is filled."""
    _set_palette(app, _last_dark())


def _last_dark() -> bool:
    return WINDOW_DARK.read() in (True, "true", "1", 1)  # QSettings' files give back text


def _set_palette(app: QApplication, dark: bool) -> None:
    wanted = dark_palette() if dark else light_palette()
    if app.palette() != wanted:  # an unchanged palette repaints nothing
        app.setPalette(wanted)


def current_scheme(widget: QWidget | None = None) -> palette.Scheme:
    return palette.scheme_for(palette_is_dark(widget.palette() if widget is not None else None))


def urgent_text_color(widget: QWidget | None = None) -> QColor:
    """The urgent colour dark or light enough to be read as text on the current palette."""
    return QColor(current_scheme(widget).urgent_text)


def light_palette() -> QPalette:
    return to_qpalette(palette.LIGHT)


def dark_palette() -> QPalette:
    return to_qpalette(palette.DARK)


def to_qpalette(scheme: palette.Scheme) -> QPalette:
    role = QPalette.ColorRole
    table = {
        role.Window: scheme.window,
        role.WindowText: scheme.text,
        role.Base: scheme.base,
        role.AlternateBase: scheme.alternate,
        role.Text: scheme.text,
        role.Button: scheme.button,
        role.ButtonText: scheme.text,
        role.ToolTipBase: scheme.base,
        role.ToolTipText: scheme.text,
        role.Highlight: scheme.highlight,
        role.HighlightedText: scheme.highlighted_text,
        role.PlaceholderText: scheme.quiet,
        role.Link: scheme.link,
        role.Light: scheme.light,
        role.Midlight: scheme.midlight,
        role.Mid: scheme.mid,
        role.Dark: scheme.dark_shade,
        role.Shadow: scheme.shadow,
        role.BrightText: "#FFFFFF",
    }
    result = QPalette()
    for color_role, color in table.items():
        result.setColor(color_role, QColor(color))
    disabled = QColor(scheme.quiet)
    for color_role in (role.WindowText, role.Text, role.ButtonText):
        result.setColor(QPalette.ColorGroup.Disabled, color_role, disabled)
    return result


def make_quiet(widget: QWidget) -> None:
    """Hints and "not logged" words: quieter than text, still readable, in either palette
    (the role follows palette changes, a fixed colour would not)."""
    widget.setStyleSheet("")
    widget.setForegroundRole(QPalette.ColorRole.PlaceholderText)


def make_alarming(widget: QWidget) -> None:
    """A refused value or a problem: the urgent colour readable as text, and bold, so the
    difference is not only one of colour."""
    # Back to the text role first: a quiet label draws in the placeholder role, which a
    # style sheet's colour fills at half alpha (the words came out at about 2:1).
    widget.setForegroundRole(QPalette.ColorRole.WindowText)
    widget.setStyleSheet(f"color: {urgent_text_color(widget).name()}; font-weight: 600")
