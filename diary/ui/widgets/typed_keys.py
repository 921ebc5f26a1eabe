"""What a key press typed: a plain key (no modifier), a digit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent


def plain_key(event: QKeyEvent) -> bool:
    """No modifier held (the keypad's own flag aside): a key typed, not a shortcut."""
    return event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier.NoModifier


def typed_digit(event: QKeyEvent) -> int | None:
    """The digit a plain key typed, else None (a "²" key, as on French keyboards, is no digit)."""
    text = event.text()
    return int(text) if plain_key(event) and len(text) == 1 and text.isdecimal() else None
