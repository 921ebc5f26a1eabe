"""The day form's rating rows are the field table's: a label with the row's Alt letter, the
box in the table's Tab order, and the scale's word beside a value."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from diary.core.entry import Entry
from diary.core.fields import FORM_RATINGS
from diary.ui.day.form import DayForm


def test_each_rating_field_of_the_table_is_a_row_of_the_form(qtbot: QtBot) -> None:
    form = DayForm()
    qtbot.addWidget(form)
    day = dt.date(2026, 4, 15)
    form.show_day(day, Entry(day, lips=3, mood=9), [], None)
    labels = {label.buddy(): label for label in form.findChildren(QLabel) if label.buddy() is not None}
    boxes = []
    for field in FORM_RATINGS:
        assert field.form_row is not None and field.scale is not None and field.scale.word is not None
        box = form.ratings.boxes[field.name]
        assert getattr(form, field.name) is box
        assert labels[box].text() == field.form_row.label
        assert box.accessibleName() == field.form_row.spoken
        value = box.rating()
        word = form.ratings.words[field.name].text()
        assert word == ("" if value is None else field.scale.word(value)), field.name
        boxes.append(box)
    assert form.ratings.words["lips"].text() == "mild" and form.ratings.words["mood"].text() == "very good"
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    form.focus_first()
    qtbot.waitUntil(lambda: _holds_focus(form.dose))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert _holds_focus(form.missed_button)  # beside the dose, read before the ratings
    for box in boxes:  # Tab goes from the dose through the ratings in the table's order
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert _holds_focus(box), box.accessibleName()
    assert form.entry() == Entry(day, lips=3, mood=9)


def _holds_focus(widget: QWidget) -> bool:
    focused = QApplication.focusWidget()
    return focused is not None and (focused is widget or widget.isAncestorOf(focused))
