"""Alt letters (mnemonics) found on screen: in labels with a buddy, buttons, tabs and menus."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenuBar, QTabBar, QWidget


def mnemonic_of(text: str) -> str:
    index = 0
    while (index := text.find("&", index)) != -1 and index + 1 < len(text):
        if text[index + 1] != "&":
            return text[index + 1].upper()
        index += 2
    return ""


def letters_on_screen(top: QWidget) -> dict[str, list[str]]:
    """Each Alt letter a person can press in `top` right now, with what it belongs to."""
    found: dict[str, list[str]] = defaultdict(list)

    def add(text: str, what: str) -> None:
        letter = mnemonic_of(text)
        if letter:
            found[letter].append(what)

    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or not widget.isEnabled():
            continue
        if isinstance(widget, QMenuBar):
            for action in widget.actions():
                add(action.text(), f"menu {action.text()!r}")
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                add(widget.tabText(index), f"tab {widget.tabText(index)!r}")
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            add(widget.text(), f"label {widget.text()!r}")
        elif isinstance(widget, QAbstractButton):
            add(widget.text(), f"button {widget.text()!r}")
        elif isinstance(widget, QGroupBox):
            add(widget.title(), f"group {widget.title()!r}")
    return found


def clashes(top: QWidget) -> dict[str, list[str]]:
    return {letter: owners for letter, owners in letters_on_screen(top).items() if len(owners) > 1}
