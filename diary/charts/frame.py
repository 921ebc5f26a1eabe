"""The panels' frames: quiet edges, and scales drawn as plain lines and text.

Matplotlib's own ticks cost about two milliseconds each to build and draw, more than
everything else in a panel; a figure of seven panels would spend most of its time on
them. So every axis has no ticks (NullLocator) and the few labels a panel needs are
placed here as text, at the positions matplotlib's locators choose.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import NullLocator
from matplotlib.transforms import offset_copy

from diary.charts import style as looks
from diary.charts.style import ChartStyle


def dress(ax: Axes, style: ChartStyle, side: str = "left") -> None:
    """Only the scale's side and the bottom edge drawn, in the grid colour; no ticks."""
    ax.set_facecolor(style.panel)
    for edge in ("top", "right", "left"):
        ax.spines[edge].set_visible(edge == side)
    ax.spines[side].set_color(style.grid)
    ax.spines["bottom"].set_color(style.grid)
    ax.xaxis.set_major_locator(NullLocator())
    ax.yaxis.set_major_locator(NullLocator())


def scale(ax: Axes, style: ChartStyle, low: float, high: float, ticks: Sequence[float], **words: str) -> None:
    """Limits with a little room, a grid line and a label at each tick.

    `words` may give a tick's label in place of its number, keyed by the number: '0'='0%'.
    """
    pad = (high - low) * 0.06
    ax.set_ylim(low - pad, high + pad)
    ax.hlines(
        list(ticks), 0, 1, transform=ax.get_yaxis_transform(), colors=style.grid, linewidths=0.6, zorder=0.4
    )
    scale_labels(ax, style, ticks, [words.get(f"{tick:g}", f"{tick:g}") for tick in ticks])


def scale_labels(
    ax: Axes, style: ChartStyle, where: Sequence[float], labels: Sequence[str], side: str = "left"
) -> None:
    """Labels beside the panel's left (or right) edge at heights `where`, in data units."""
    on_left = side == "left"
    at = offset_copy(
        ax.get_yaxis_transform(), ax.get_figure(root=True), x=-4 if on_left else 4, units="points"
    )
    for height, label in zip(where, labels, strict=True):
        ax.text(
            0 if on_left else 1,
            height,
            label,
            transform=at,
            ha="right" if on_left else "left",
            va="center",
            fontsize=looks.SMALL_SIZE,
            color=style.text,
            clip_on=False,
        )


# Round steps for open scales; 4 and 40 let 8 and 120 be labelled at the top.
STEPS = (1, 2, 4, 5, 10, 20, 25, 40, 50, 100, 200, 250, 500, 1000)


def nice_ticks(high: float) -> list[float]:
    """0 and one to three round steps, the last as close to `high` as the steps allow."""
    fitting = [step for step in STEPS if 1 <= high / step <= 3.6] or [STEPS[-1]]
    step = max(fitting, key=lambda step: (step * int(high // step), -step))
    return [float(step * index) for index in range(int(high // step) + 1)]


def open_scale(ax: Axes, style: ChartStyle, top: float, minimum_top: float) -> float:
    """From 0 to the highest value (at least `minimum_top`), labelled in round steps. Returns the top."""
    high = max(minimum_top, top if np.isfinite(top) else 0)
    scale(ax, style, 0, high, nice_ticks(high))
    return high
