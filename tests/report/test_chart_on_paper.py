"""The charts on paper: Qt's SVG renderer ignores clip paths, so nothing may lie outside a panel."""

import datetime as dt

import numpy as np
import pytest
from matplotlib.collections import Collection, LineCollection, PathCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from diary.charts.trends import paper_size, trends_figure
from diary.core.course import Course, DoseChange
from diary.core.entry import Entry
from diary.core.flags import mood_flags
from diary.core.routine import DEFAULT_ROUTINE

START = dt.date(2026, 3, 2)


def extreme_diary() -> tuple[list[Entry], list[Course]]:
    """Every scale at its ends, a huge count of spots, the largest dose, gaps and a missed dose."""
    course = Course(START, weight_kg=40, target_mg_per_kg=60, doses=(DoseChange(START, 200),))
    entries = []
    for offset in range(0, 160):
        day = START + dt.timedelta(days=offset)
        if offset % 9 == 4:
            continue
        high = offset % 2 == 0
        entries.append(
            Entry(
                day,
                dose_mg=0 if offset == 30 else 200,
                lips=10 if high else 0,
                skin=10,
                eyes=0,
                joint_pain=10 if high else None,
                mood=0 if offset in (50, 51, 52, 53) else 10,
                breakouts_new=999 if offset == 20 else 3,
                breakout_severity=4 if high else 0,
                skincare=tuple(step.key for step in DEFAULT_ROUTINE) if high else (),
                warning_signs=("hallucinations",) if offset == 60 else (),
            )
        )
    return entries, [course]


def points_outside_their_panel(figure: Figure) -> list[str]:
    """Clipped artists' data points that fall outside their axes (a sliver of tolerance)."""
    figure.canvas.draw()
    problems = []
    for ax in figure.axes:
        box = ax.get_window_extent().padded(1.5)
        for artist in [*ax.lines, *ax.collections]:
            if not artist.get_visible() or not artist.get_clip_on():
                continue
            outside = [point for point in _display_points(artist) if not box.contains(*point)]
            if outside:
                problems.append(
                    f"{ax.get_title()!r}: {type(artist).__name__} {artist.get_label()!r} "
                    f"has {len(outside)} points outside, first at {outside[0]}"
                )
    return problems


def _display_points(artist: Line2D | Collection) -> np.ndarray:
    """Where the artist's data lands on the figure: line vertices, segment ends, scatter
    centres and the corners of filled areas."""
    if isinstance(artist, Line2D):
        xy = np.column_stack([np.asarray(artist.get_xdata(), float), np.asarray(artist.get_ydata(), float)])
        transform = artist.get_transform()
    elif isinstance(artist, LineCollection):
        segments = artist.get_segments()
        xy = np.concatenate(segments) if segments else np.empty((0, 2))
        transform = artist.get_transform()
    elif isinstance(artist, PathCollection):
        xy = np.asarray(artist.get_offsets(), float)
        transform = artist.get_offset_transform()
    else:  # filled areas
        paths = artist.get_paths()
        xy = np.concatenate([path.vertices for path in paths]) if paths else np.empty((0, 2))
        transform = artist.get_transform()
    xy = xy[np.isfinite(xy).all(axis=1)] if len(xy) else xy
    return transform.transform(xy) if len(xy) else xy


@pytest.mark.parametrize("days", [30, 160], ids=["a month", "a whole course"])
def test_no_mark_falls_outside_its_panel(days: int) -> None:
    entries, courses = extreme_diary()
    end = START + dt.timedelta(days=days - 1)
    figure = trends_figure(
        entries,
        courses,
        list(DEFAULT_ROUTINE),
        START,
        end,
        flags=mood_flags(entries, courses),
        today=end,
        size=paper_size(),
    )
    assert points_outside_their_panel(figure) == []
