"""The dialog for one pregnancy test: the day, the result and where it was taken."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QWidget

from diary.core import scales
from diary.core.entry import InvalidValue
from diary.core.records import PregnancyTest
from diary.ui.records.record_dialog import RecordDialog, date_edit
from diary.ui.records.record_words import NOT_GIVEN, PLACE_WORDS, RESULT_WORDS
from diary.ui.widgets.calendar import from_qdate


class PregnancyTestDialog(RecordDialog[PregnancyTest]):
    def __init__(
        self,
        test: PregnancyTest | None,
        today: dt.date,
        clash: Callable[[PregnancyTest], str | None],
        parent: QWidget | None,
    ) -> None:
        super().__init__("Pregnancy test", clash, parent)
        self.day = date_edit(test.date if test else today)
        self.outcome = QComboBox()
        self.outcome.addItem("choose the result", None)  # never a result nobody chose
        for key in scales.PREGNANCY_RESULTS:
            self.outcome.addItem(RESULT_WORDS[key], key)
        self.where = QComboBox()
        self.where.addItem(NOT_GIVEN, None)
        for key in scales.PREGNANCY_TEST_PLACES:
            self.where.addItem(PLACE_WORDS[key], key)
        if test is not None:
            self.outcome.setCurrentIndex(self.outcome.findData(test.result))
            self.where.setCurrentIndex(max(self.where.findData(test.where), 0))
        self.add_row("&Date", self.day, "Date of the pregnancy test")
        self.add_row("&Result", self.outcome, "Result of the test")
        self.add_row("&Where", self.where, "Where the test was taken")

    def read(self) -> PregnancyTest:
        result = self.outcome.currentData()
        if result is None:
            raise InvalidValue("result", "must be chosen")
        return PregnancyTest(from_qdate(self.day.date()), result, self.where.currentData())
