"""What a key press typed: a plain key (no modifier), a digit."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

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


def typed_answer(event: QKeyEvent) -> bool:
    """A key that answers a field and moves on: a digit, or N or Y in a list."""
    return plain_key(event) and (typed_digit(event) is not None or event.text().lower() in ("n", "y"))


class PassTypedAnswersOn(QObject):
    """Installed on the buttons that are Tab stops beside a field ("Missed today" beside the
    dose): a typed answer is not the button's, so it goes on, as typed, to the next field.
    Then `Tab 3 2 4 0 7` from the dose still logs lips 3, skin 2... although Tab stops on
    the button first (a screen reader's user reaches it in reading order)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(watched, QWidget)
            and isinstance(event, QKeyEvent)
            and typed_answer(event)
        ):
            move_on(watched)
            target = QApplication.focusWidget()
            if target is not None and target is not watched:
                again = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
                QApplication.sendEvent(target, again)
                return True
        return False
