"""The Qt bindings IsoDiary runs on keep Python's books: calls must not take references from None.

PySide6 6.12.0 did, on every call returning nothing; a long session then aborted with
"deallocating None". This fails if a version with that fault is ever installed.
"""

import sys

from PySide6.QtCore import QDate
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QComboBox, QLabel, QSpinBox
from pytestqt.qtbot import QtBot

CALLS = 500


def test_everyday_calls_leave_none_alone(qtbot: QtBot) -> None:
    calendar, combo, label, spin = QCalendarWidget(), QComboBox(), QLabel(), QSpinBox()
    for widget in (calendar, combo, label, spin):
        qtbot.addWidget(widget)
    combo.addItem("not logged", None)
    calls = {
        "QCalendarWidget.setDateTextFormat": lambda: calendar.setDateTextFormat(QDate(), QTextCharFormat()),
        "QComboBox.currentData": combo.currentData,
        "QLabel.setText": lambda: label.setText("Saved"),
        "QSpinBox.setValue": lambda: spin.setValue(3),
    }
    drained = {}
    for name, call in calls.items():
        before = sys.getrefcount(None)
        for _ in range(CALLS):
            call()
        drained[name] = before - sys.getrefcount(None)
    # A few references may come and go with caches; a leak is one per call.
    assert all(count < CALLS // 10 for count in drained.values()), drained
