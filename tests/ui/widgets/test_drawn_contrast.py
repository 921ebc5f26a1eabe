"""Readable as drawn: the refused-value words and the calendar's month arrows, measured on
the pixels Qt paints (antialiasing and alpha blended in), in light and dark."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from diary.core import scales
from diary.palette import GRAPHICS_RATIO, TEXT_RATIO, contrast_ratio
from diary.ui.day.form_labels import hint
from diary.ui.day.rating_rows import say_refused
from diary.ui.widgets import theme
from diary.ui.widgets.calendar import DiaryCalendar
from diary.ui.widgets.inputs import RatingBox


@pytest.fixture(params=["light", "dark"])
def appearance(request: pytest.FixtureRequest) -> Iterator[str]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    theme.apply_appearance(app, str(request.param))
    yield str(request.param)
    app.setPalette(before)


def drawn_contrast(widget: QWidget, area: QRect | None = None) -> float:
    """The contrast between the colour most of `widget` (or `area` of it) is painted in,
    its background, and the pixel that stands out most from it, as painted."""
    image = widget.grab(area or QRect(QPoint(0, 0), widget.size())).toImage()
    colours = Counter(
        image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
    )
    background = colours.most_common(1)[0][0]
    return max(contrast_ratio(colour, background) for colour in colours)


def test_the_refused_value_words_can_be_read(qtbot: QtBot, appearance: str) -> None:
    label = hint("")
    qtbot.addWidget(label)
    say_refused(label, RatingBox(scales.SYMPTOM).maximum(), "16")
    # Drawn large, so that whole pixels carry the colour (any alpha blended in), not only
    # the antialiased edges of small letters.
    label.setStyleSheet(label.styleSheet() + "; font-size: 48px")
    label.show()
    assert drawn_contrast(label) >= TEXT_RATIO


def test_the_calendars_month_arrows_can_be_seen(qtbot: QtBot, appearance: str) -> None:
    calendar = DiaryCalendar(lambda _start, _end: set(), lambda: dt.date(2026, 4, 15))
    qtbot.addWidget(calendar)
    calendar.show()
    qtbot.waitExposed(calendar)
    for name in ("qt_calendar_prevmonth", "qt_calendar_nextmonth"):
        arrow = calendar.findChild(QToolButton, name)
        assert arrow is not None
        place = QRect(arrow.mapTo(calendar, QPoint(0, 0)), arrow.size())  # on the bar behind it
        assert drawn_contrast(calendar, place) >= GRAPHICS_RATIO, name
