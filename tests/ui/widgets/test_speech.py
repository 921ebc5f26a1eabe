"""What Qt's accessibility layer (what AT-SPI and screen readers read) says of our widgets."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from diary.core.entry import Entry
from diary.core.flags import day_flags
from diary.core.preferences import Preferences
from diary.ui.day.urgent_message import Noticed, UrgentMessage
from diary.ui.widgets import speech

DAY = dt.date(2026, 4, 15)
NUMBERS = Preferences(emergency_number="112", crisis_line="116 123")


def read(widget: QWidget, kind: QAccessible.Text = QAccessible.Text.Name) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return str(interface.text(kind))


def test_a_status_label_reads_what_it_shows_and_says_what_it_is_for(qtbot: QtBot) -> None:
    label = speech.reads_as_shown(QLabel("Saved at 17:56"), "Save status")
    qtbot.addWidget(label)
    assert read(label) == "Saved at 17:56"
    label.setText("Not saved: the disk is full")
    assert read(label) == "Not saved: the disk is full"
    assert read(label, QAccessible.Text.Description) == "Save status"


def test_a_list_to_choose_from_is_named_by_what_it_chooses_its_value_apart(qtbot: QtBot) -> None:
    speech.install()
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.addItems(["A4", "Letter"])
    combo.setAccessibleName("Paper size")
    interface = QAccessible.queryAccessibleInterface(combo)
    assert interface is not None and interface.role() == QAccessible.Role.ComboBox
    assert read(combo) == "Paper size"
    assert read(combo, QAccessible.Text.Value) == "A4"
    combo.setCurrentIndex(1)
    assert read(combo, QAccessible.Text.Value) == "Letter"
    assert read(combo, QAccessible.Text.Description).startswith("Chosen: Letter.")


def urgent_message(qtbot: QtBot) -> UrgentMessage:
    entry = Entry(DAY, warning_signs=("sad", "self_harm_thoughts"))
    message = UrgentMessage([Noticed(flag, entry) for flag in day_flags(entry)], DAY, NUMBERS, shipped=None)
    qtbot.addWidget(message)
    return message


def test_the_message_at_save_is_an_alert_whose_whole_text_can_be_read(qtbot: QtBot) -> None:
    message = urgent_message(qtbot)
    interface = QAccessible.queryAccessibleInterface(message)
    assert interface is not None and interface.role() == QAccessible.Role.AlertMessage
    assert read(message) == "Please call your prescriber right away"
    noticed, emergency = read(message.noticed), read(message.emergency)
    assert "Felt sad or had crying spells" in noticed and "Medication Guide" in noticed
    assert "call 112 now" in emergency and "116 123" in emergency
    spoken = message.spoken_text()
    assert spoken.startswith("Please call your prescriber right away") and "116 123" in spoken


def test_the_focus_starts_inside_the_message_and_tab_reaches_its_button_once_awake(qtbot: QtBot) -> None:
    message = urgent_message(qtbot)
    message.show()
    qtbot.waitExposed(message)
    message.activateWindow()
    qtbot.waitUntil(message.noticed.hasFocus)
    assert not message.ok_button.isEnabled()
    qtbot.waitUntil(message.ok_button.isEnabled, timeout=5000)
    for _ in range(3):
        if message.ok_button.hasFocus():
            break
        qtbot.keyClick(message.focusWidget(), Qt.Key.Key_Tab)
    assert message.ok_button.hasFocus()
    qtbot.keyClick(message.ok_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not message.isVisible())


def test_a_list_named_after_its_items_were_added_is_still_named_by_what_it_chooses(qtbot: QtBot) -> None:
    speech.install()
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.addItems(["Open", "Discussed"])
    assert QAccessible.queryAccessibleInterface(combo) is not None  # Qt asks early, as items come
    combo.setAccessibleName("Follow-up")
    assert read(combo) == "Follow-up" and read(combo, QAccessible.Text.Value) == "Open"
