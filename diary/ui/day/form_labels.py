"""The day form's labels: section headings, labels that give an Alt letter, quiet hints."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget

from diary.core import scales
from diary.ui.widgets import theme


def scale_words(scale: scales.Scale) -> str:
    """The scale's ends in words: "0 none … 10 worst imaginable"."""
    return f"0 {scale.low_word} … {int(scale.high)} {scale.high_word}"


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setWeight(QFont.Weight.DemiBold)
    font.setPointSizeF(font.pointSizeF() * 1.08)
    label.setFont(font)
    return label


def buddy(text: str, widget: QWidget, strong: bool = False) -> QLabel:
    """A label whose Alt letter (after "&" in `text`) moves the focus to `widget`."""
    label = heading(text) if strong else QLabel(text)
    label.setBuddy(widget)
    return label


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    theme.make_quiet(label)
    return label
