"""Looks, in one place: light and dark palettes (from diary.palette) that follow the desktop,
spacing, accent colours, and a style whose outlines and focus rings can be seen."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory, QStyleOption, QWidget

from diary import palette

# Spacing in pixels, so every panel breathes the same way.
MARGIN = 12
SPACING = 8
SECTION_SPACING = 16

# Accents readable on both palettes, for borders and dots (text uses urgent_text_color()).
URGENT = QColor(palette.URGENT)
WARNING = QColor(palette.WARNING)


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
    if not isinstance(app.style(), ClearStyle):
        app.setStyle(ClearStyle())
    dark = desktop_prefers_dark() if appearance == "system" else appearance == "dark"
    app.setPalette(dark_palette() if dark else light_palette())


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


class ClearStyle(QProxyStyle):
    """Fusion, with check box outlines and focus rings that meet WCAG's 3:1 for controls
    (Fusion's own are a shade of the window colour: 1.8:1 light, 1.3:1 dark)."""

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        scheme = palette.scheme_for(palette_is_dark(option.palette))
        if element in (
            QStyle.PrimitiveElement.PE_IndicatorCheckBox,
            QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
            QStyle.PrimitiveElement.PE_IndicatorRadioButton,
        ):
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(QPen(QColor(scheme.outline), 1.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            box = QRectF(option.rect).adjusted(0.6, 0.6, -0.6, -0.6)
            if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
                painter.drawEllipse(box)
            else:
                painter.drawRoundedRect(box, 2, 2)
            painter.restore()
        elif element == QStyle.PrimitiveElement.PE_FrameFocusRect:
            painter.save()
            painter.setPen(QPen(QColor(scheme.focus), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(option.rect).adjusted(1, 1, -1, -1))
            painter.restore()

    def drawControl(
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawControl(element, option, painter, widget)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        if focused and element in (QStyle.ControlElement.CE_PushButton, QStyle.ControlElement.CE_TabBarTab):
            scheme = palette.scheme_for(palette_is_dark(option.palette))
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(QPen(QColor(scheme.focus), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(option.rect).adjusted(1.5, 1.5, -1.5, -1.5), 3, 3)
            painter.restore()


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
