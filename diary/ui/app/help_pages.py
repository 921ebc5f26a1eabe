"""Help ▸ Getting started, Keyboard shortcuts (read from the window itself) and About."""

from __future__ import annotations

import html

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QMenuBar,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from diary import __version__
from diary.ui.app.context import DiaryContext

GETTING_STARTED = """
<h3>Getting started</h3>
<p><b>Once:</b> Course ▸ Courses… holds your course: the start date, your weight, the dose
schedule and the total your prescriber aims for. Course ▸ Skincare routine… lists the steps
you tick each evening.</p>
<p><b>Each evening</b> the day opens on the dose, already filled in from your schedule.
Tab moves from field to field; a digit sets a 0-10 box and moves on by itself.
In a list, N says "none of these today"; in the skincare list, Y ticks yesterday's steps.
Nothing is counted until you fill it in: an empty box reads "not logged", never 0.
IsoDiary saves by itself a moment after each change.</p>
<p><b>Warning signs and serious symptoms</b> are the ones the Medication Guide asks you to
watch for. When you tick one, IsoDiary shows what the guide says about it.</p>
<p><b>Other days:</b> Alt+Left and Alt+Right move a day, Alt+Home comes back to today,
Ctrl+G opens the calendar.</p>
<p><b>Trends</b> (Ctrl+2) draws your days; <b>Flags</b> (Ctrl+3) lists what to raise with your
prescriber; File ▸ Appointment summary makes a PDF to bring along.</p>
<p>IsoDiary is a diary, not medical advice. Help ▸ Keyboard shortcuts lists every key.</p>
"""

# Keys that belong to a kind of box rather than to a menu or a label.
BOX_KEYS = [
    ("In a 0-10 box", "A digit sets it and moves on (1 waits for 10; Tab keeps 1)", "0-9"),
    ("In a list", "None of these today, and move on", "N"),
    ("In a list", "Tick or untick the line", "Space or Enter"),
    ("Skincare", "Same as yesterday, and move on", "Y"),
    ("Severity", "A digit sets it and moves on", "0-4"),
    ("Any box", "Back to not logged", "Delete"),
]


def mnemonic_of(text: str) -> str:
    """The Alt letter of a label ("Se&verity" -> "V"), or "" when it has none."""
    index = 0
    while (index := text.find("&", index)) != -1 and index + 1 < len(text):
        if text[index + 1] != "&":
            return text[index + 1].upper()
        index += 2
    return ""


def show_text(parent: QWidget, title: str, text: str) -> None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    browser = QTextBrowser()
    browser.setAccessibleName(title)
    browser.setHtml(text)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser, 1)
    layout.addWidget(buttons)
    screen = parent.screen().availableGeometry() if parent.screen() else None
    width, height = 640, 520
    if screen is not None:
        width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
    dialog.resize(width, height)
    dialog.exec()


def shortcut_rows(menu_bar: QMenuBar, day_form: QWidget) -> list[tuple[str, str, str]]:
    """(where, what, keys) for every menu action and every field's Alt letter, read from
    the actions and labels themselves so the list cannot drift from the window."""
    rows: list[tuple[str, str, str]] = []
    for menu_action in menu_bar.actions():
        menu = menu_action.menu()
        if not isinstance(menu, QMenu):
            continue
        where = menu_action.text().replace("&", "")
        for action in menu.actions():
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if keys and not action.isSeparator():
                rows.append((where, action.text().replace("&", "").rstrip("…"), keys))
    for label in day_form.findChildren(QLabel):
        letter = mnemonic_of(label.text())
        if letter and label.buddy() is not None:
            rows.append(("The day", label.text().replace("&", ""), f"Alt+{letter}"))
    for button in day_form.findChildren(QPushButton):
        letter = mnemonic_of(button.text())
        if letter:
            rows.append(("The day", button.text().replace("&", "").rstrip("…"), f"Alt+{letter}"))
    return rows + BOX_KEYS


def show_shortcuts(parent: QWidget, rows: list[tuple[str, str, str]]) -> None:
    cells = "".join(
        f"<tr><td>{html.escape(where)}</td><td>{html.escape(what)}</td><td><b>{html.escape(keys)}</b></td></tr>"
        for where, what, keys in rows
    )
    show_text(
        parent,
        "Keyboard shortcuts",
        "<p>Everything in IsoDiary works without a mouse.</p>"
        "<table cellspacing='0' cellpadding='3'><tr><th align='left'>Where</th>"
        f"<th align='left'>What</th><th align='left'>Keys</th></tr>{cells}</table>",
    )


def show_getting_started(parent: QWidget) -> None:
    show_text(parent, "Getting started", GETTING_STARTED)


def show_about(parent: QWidget, context: DiaryContext) -> None:
    QMessageBox.about(
        parent,
        "About IsoDiary",
        f"<b>IsoDiary {__version__}</b><p>A private diary for a course of isotretinoin. "
        "Your diary stays on this computer unless you export it.</p>"
        "<p>IsoDiary is a diary, not medical advice. Talk with your prescriber about how "
        "you feel and before changing how you take your medicine.</p>"
        f"<p>Diary file: {context.path}</p>",
    )
