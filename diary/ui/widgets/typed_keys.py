"""What a key press typed: a plain key (no modifier), a digit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

# A control with this property set to True is a Tab stop, but a typed answer that moves on
# (a digit, N, Y) passes it by: the button beside a field, as "Missed today" beside the dose.
PASSED_BY_TYPED_ANSWERS = "passedByTypedAnswers"


def plain_key(event: QKeyEvent) -> bool:
    """No modifier held (the keypad's own flag aside): a key typed, not a shortcut."""
    return event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier.NoModifier


def typed_digit(event: QKeyEvent) -> int | None:
    """The digit a plain key typed, else None (a "²" key, as on French keyboards, is no digit)."""
    text = event.text()
    return int(text) if plain_key(event) and len(text) == 1 and text.isdecimal() else None


def move_on(widget: QWidget) -> None:
    """After a typed answer: on to the next field in the Tab order, past the buttons beside it."""
    following = widget.nextInFocusChain()
    while following is not None and following is not widget:
        if _takes_typed_answers(widget, following):
            following.setFocus(Qt.FocusReason.TabFocusReason)
            return
        following = following.nextInFocusChain()


def _takes_typed_answers(widget: QWidget, following: QWidget) -> bool:
    return (
        following.property(PASSED_BY_TYPED_ANSWERS) is not True
        and following.focusProxy() is None  # a box's own line edit, say: Qt passes them by too
        and not widget.isAncestorOf(following)
        and following.isEnabled()
        and following.isVisible()
        and bool(following.focusPolicy() & Qt.FocusPolicy.TabFocus)
    )
