"""Long ranges in fewer points: days grouped into bins where daily points would be denser than pixels.

A figure is about 7 inches wide on paper and a laptop window, so its time axis has room
for a few hundred distinct points. Up to MAX_POINTS days are drawn day by day; beyond that
the days are grouped into bins of a week, two weeks, four weeks and so on (the smallest
that keeps the count within MAX_POINTS), and each bin shows the mean of the days logged
in it. A bin with no logged day is a gap, like a day not logged.
"""

from __future__ import annotations

import math
import warnings

import numpy as np

MAX_POINTS = 400
BIN_DAYS = (1, 7, 14, 28, 56, 91, 182, 364)


def bin_days(day_count: int, max_points: int = MAX_POINTS) -> int:
    """How many days each plotted point stands for."""
    for size in BIN_DAYS:
        if math.ceil(day_count / size) <= max_points:
            return size
    return math.ceil(day_count / max_points)


def bin_means(values: np.ndarray, size: int) -> np.ndarray:
    """The mean of the logged (non-NaN) values of each run of `size` days; NaN where none is logged."""
    if size == 1:
        return values
    padded = np.concatenate((values, np.full(-len(values) % size, np.nan)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an all-NaN bin is a gap, as meant
        means: np.ndarray = np.nanmean(padded.reshape(-1, size), axis=1)
    return means


def bin_positions(x: np.ndarray, size: int) -> np.ndarray:
    """Where each bin's point goes on the time axis: the middle of the days it holds."""
    if size == 1:
        return x
    padded = np.concatenate((x, np.full(-len(x) % size, np.nan)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        middles: np.ndarray = np.nanmean(padded.reshape(-1, size), axis=1)
    return middles
