"""Reading a trend figure back: its panels and its lines by gid, in dates."""

from __future__ import annotations

import datetime as dt

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from diary.charts.timeaxis import day_at, x_of


def panel(figure: Figure, name: str) -> Axes:
    (ax,) = [ax for ax in figure.axes if ax.get_label() == f"panel:{name}"]
    return ax


def panel_names(figure: Figure) -> list[str]:
    return [
        ax.get_label().removeprefix("panel:") for ax in figure.axes if ax.get_label().startswith("panel:")
    ]


def lines(figure: Figure, gid: str) -> list[Line2D]:
    return [line for ax in figure.axes for line in ax.get_lines() if line.get_gid() == gid]


def line(figure: Figure, gid: str) -> Line2D:
    (found,) = lines(figure, gid)
    return found


def series(figure: Figure, gid: str) -> dict[dt.date, float]:
    """A line's points as {day: value}, NaN kept (a gap is a day with NaN)."""
    found = line(figure, gid)
    return {day_at(x): float(y) for x, y in zip(found.get_xdata(), found.get_ydata(), strict=True)}


def days_of(figure: Figure, gid: str) -> list[dt.date]:
    return [day_at(x) for x in line(figure, gid).get_xdata()]


def texts(figure: Figure) -> list[str]:
    return [text.get_text() for ax in figure.axes for text in ax.texts] + [t.get_text() for t in figure.texts]


def nan(value: float) -> bool:
    return bool(np.isnan(value))


__all__ = ["day_at", "days_of", "line", "lines", "nan", "panel", "panel_names", "series", "texts", "x_of"]
