"""Decimals whatever the computer's language: 64,5 and 64.5 (and Arabic-Indic digits) are
64.5 in every weight, dose and lab value, under German, French, Arabic and English; never
a silent 64.0. Typed key by key with the language set for Qt and for the process."""

from __future__ import annotations

import contextlib
import datetime as dt
import locale
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from diary.core.course import Course, DoseChange
from diary.core.decimal_text import read_decimal
from diary.core.records import Weighing
from diary.ui.course.course_dialog import CourseDialog
from diary.ui.records.lab_dialog import LabDialog
from diary.ui.records.weighing_dialog import WeighingDialog
from diary.ui.widgets.inputs import DoseBox

TODAY = dt.date(2026, 4, 15)
LANGUAGES = ["de_DE", "fr_FR", "ar_EG", "en_US"]
TYPED = ["64,5", "64.5", "٦٤٫٥", "٦٤,٥"]


@pytest.fixture(params=LANGUAGES)
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    """The language set for Qt (QLocale.setDefault) and, where the system has it, the process."""
    name = str(request.param)
    before_qt = QLocale()
    before_process = locale.setlocale(locale.LC_ALL)
    QLocale.setDefault(QLocale(name))
    with contextlib.suppress(locale.Error):  # a system without it: Qt's language is set all the same
        locale.setlocale(locale.LC_ALL, f"{name}.UTF-8")
    yield name
    QLocale.setDefault(before_qt)
    locale.setlocale(locale.LC_ALL, before_process)


def type_keys(widget: QWidget, text: str) -> None:
    """Key presses as a keyboard of that language sends them, each with its character
    (qtbot.keyClicks knows only ASCII characters)."""
    for character in text:
        key = ord(character.upper()) if character.isascii() else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, character))


def type_over(qtbot: QtBot, box: QAbstractSpinBox | QLineEdit, text: str) -> None:
    box.setFocus(Qt.FocusReason.TabFocusReason)
    box.selectAll()
    if text.isascii():
        qtbot.keyClicks(box, text)
    else:
        type_keys(box, text)


@pytest.mark.parametrize("typed", TYPED)
def test_a_weighing_typed_with_a_comma_or_a_point_is_64_5_kg(qtbot: QtBot, language: str, typed: str) -> None:
    dialog = WeighingDialog(None, TODAY, lambda _w: None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    type_over(qtbot, dialog.kg, typed)
    dialog.buttons.accepted.emit()
    assert dialog.problem.text() == ""
    assert dialog.record() == Weighing(TODAY, 64.5)


@pytest.mark.parametrize("typed", TYPED)
def test_the_course_weight_and_dose_typed_either_way_are_what_was_typed(
    qtbot: QtBot, language: str, typed: str
) -> None:
    dialog = CourseDialog(Course(TODAY, doses=(DoseChange(TODAY, 20),)), TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    type_over(qtbot, dialog.weight, typed)
    amount = dialog.doses.cellWidget(0, 1)
    type_over(qtbot, amount, typed.replace("٦٤", "٢٢").replace("64", "22"))
    assert dialog.weight.number() == 64.5
    assert amount.number() == 22.5  # type: ignore[attr-defined]
    assert dialog._read().weight_kg == 64.5 and dialog._read().doses[0].mg_per_day == 22.5


@pytest.mark.parametrize("typed", TYPED)
def test_the_days_dose_typed_either_way_is_what_was_typed(qtbot: QtBot, language: str, typed: str) -> None:
    dose = DoseBox()
    qtbot.addWidget(dose)
    dose.show()
    type_over(qtbot, dose, typed)
    assert dose.dose() == 64.5


@pytest.mark.parametrize("typed", TYPED)
def test_a_lab_value_typed_either_way_is_what_was_typed(qtbot: QtBot, language: str, typed: str) -> None:
    dialog = LabDialog(None, TODAY, lambda _r: None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    for edit in (dialog.value, dialog.low, dialog.high):
        type_over(qtbot, edit, typed)
    dialog.buttons.accepted.emit()
    result = dialog.record()
    assert result is not None, dialog.problem.text()
    assert (result.value, result.reference_low, result.reference_high) == (64.5, 64.5, 64.5)


def test_a_number_with_a_thousands_mark_is_not_guessed() -> None:
    with pytest.raises(ValueError, match="not a number"):
        read_decimal("1,234.5")
    assert read_decimal("") is None and read_decimal("٦٤٫٥ kg", ("kg",)) == 64.5
