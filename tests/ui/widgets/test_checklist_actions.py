"""A list's lines tick and untick through their accessible action (what a screen reader uses),
as well as by keyboard and mouse, and each way ticks exactly once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from pytestqt.qtbot import QtBot

from diary.ui.widgets.checklist import Checklist


def make_list(qtbot: QtBot) -> Checklist:
    checklist = Checklist("None of these today")
    checklist.set_options([("sad", "Felt sad"), ("tired", "Felt tired")])
    qtbot.addWidget(checklist)
    checklist.show()
    qtbot.waitExposed(checklist)
    return checklist


def line(checklist: Checklist, name: str) -> QAccessibleInterface:
    whole = QAccessible.queryAccessibleInterface(checklist)
    assert whole is not None
    for index in range(whole.childCount()):
        child = whole.child(index)
        if child is not None and child.text(QAccessible.Text.Name) == name:
            return child
    raise AssertionError(f"no line {name!r} in the tree")


def toggle(checklist: Checklist, name: str) -> None:
    actions = line(checklist, name).actionInterface()
    assert actions is not None
    assert "Toggle" in actions.actionNames()
    actions.doAction("Toggle")


def ticked(checklist: Checklist, name: str) -> bool:
    return bool(line(checklist, name).state().checked)


def test_each_line_ticks_and_unticks_through_its_action(qtbot: QtBot) -> None:
    checklist = make_list(qtbot)
    assert checklist.keys() is None  # showing the list ticks nothing
    edits: list[int] = []
    checklist.edited.connect(lambda: edits.append(1))
    toggle(checklist, "Felt sad")
    assert checklist.keys() == ("sad",) and ticked(checklist, "Felt sad")
    toggle(checklist, "Felt tired")
    assert checklist.keys() == ("sad", "tired")
    toggle(checklist, "None of these today")  # the newest tick wins
    assert checklist.keys() == () and not ticked(checklist, "Felt sad")
    toggle(checklist, "Felt tired")
    assert checklist.keys() == ("tired",) and not ticked(checklist, "None of these today")
    toggle(checklist, "Felt tired")
    assert checklist.keys() is None  # nothing ticked: not logged
    assert len(edits) == 5  # one edit (so one save) per action


def test_keys_and_clicks_still_tick_once_and_never_select_all(qtbot: QtBot) -> None:
    checklist = make_list(qtbot)
    checklist.setFocus()
    checklist.setCurrentRow(1)
    assert checklist.keys() is None  # moving to a line is not ticking it
    qtbot.keyClick(checklist, Qt.Key.Key_Space)
    assert checklist.keys() == ("sad",) and ticked(checklist, "Felt sad")
    qtbot.keyClick(checklist, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert checklist.keys() == ("sad",)
    rect = checklist.visualItemRect(checklist.item(2))
    qtbot.mouseClick(checklist.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert checklist.keys() == ("sad", "tired")
    qtbot.mouseClick(checklist.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert checklist.keys() == ("sad",)
    checklist.set_keys(())  # a day loaded with "none of these": the tree says so too
    assert ticked(checklist, "None of these today") and not ticked(checklist, "Felt sad")
