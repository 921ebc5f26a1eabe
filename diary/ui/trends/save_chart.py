"""Saving the chart as a file: where (the folder used last, or Documents), which kind, and
a plain message when it could not be written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from matplotlib.figure import Figure
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from diary.charts.files import FORMATS, ChartFileError, save_figure
from diary.ui.app.context import DiaryUnavailable
from diary.ui.files import save_place

FILTERS = ";;".join(f"{words} (*{suffix})" for suffix, (_kind, words) in FORMATS.items())


def save_chart_as(parent: QWidget, figure: Callable[[], Figure], start: dt.date, end: dt.date) -> Path | None:
    """Ask where, write the chart there whole, and return where it went (None: not saved)."""
    name = f"isodiary-trends-{start.isoformat()}-to-{end.isoformat()}.png"
    chosen, chosen_filter = QFileDialog.getSaveFileName(
        parent, "Save chart as", save_place.suggested(name), FILTERS
    )
    if not chosen:
        return None
    path = _with_extension(Path(chosen), chosen_filter)
    try:
        save_figure(figure(), path)
    except (ChartFileError, DiaryUnavailable) as error:
        QMessageBox.warning(parent, "Chart not saved", f"The chart was not saved.\n\n{error}")
        return None
    save_place.remember(path)
    return path


def _with_extension(path: Path, chosen_filter: str) -> Path:
    """A name typed without an extension gets the one of the chosen file type."""
    if path.suffix:
        return path
    for suffix, (_kind, words) in FORMATS.items():
        if chosen_filter.startswith(words):
            return path.with_suffix(suffix)
    return path.with_suffix(".png")
