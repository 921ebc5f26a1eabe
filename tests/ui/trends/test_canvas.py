"""The Trends canvas before its first chart arrives from the painting thread."""

from __future__ import annotations

from matplotlib.figure import Figure
from pytestqt.qtbot import QtBot

from diary.ui.trends.canvas import TrendsCanvas


def test_a_canvas_with_no_chart_yet_shows_the_figures_background_not_what_was_there(qtbot: QtBot) -> None:
    canvas = TrendsCanvas(Figure(facecolor="#123456"))
    qtbot.addWidget(canvas)
    canvas.resize(200, 100)
    image = canvas.grab().toImage()
    assert {image.pixelColor(x, y).name() for x, y in ((1, 1), (100, 50), (198, 98))} == {"#123456"}
