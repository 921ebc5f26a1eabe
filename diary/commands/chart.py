"""`isodiary chart`: the trend charts written to a PNG, SVG or PDF file, without the window."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from diary.commands import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_PROBLEM,
    CommandError,
    add_date_range,
    check_date_range,
    check_output,
    open_diary,
)

if TYPE_CHECKING:
    from diary.charts.ranges import ChartRange


def add_to(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    chart = commands.add_parser(
        "chart",
        help="draw the trend charts to a PNG, SVG or PDF file",
        description="Draw the trend charts, as the Trends view shows them (on a light background, "
        "A4 width), to FILE; its extension chooses the type: .png, .svg or .pdf. Without --from "
        "and --to, the chart covers the current or last course, or the whole diary when no course "
        "is set up.",
    )
    chart.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=Path,
        required=True,
        help="the file to write: .png, .svg or .pdf",
    )
    add_date_range(chart, "chart")
    chart.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from diary.charts.files import ChartFileError, check_writable, save_figure
    from diary.charts.ranges import default_range, load_from
    from diary.core.flags import mood_flags

    check_date_range(args)
    output = Path(args.output).expanduser()
    try:
        check_writable(output)  # before any drawing: a wrong name fails at once
    except ChartFileError as error:
        raise CommandError(str(error)) from None
    check_output(args.db, output)
    today = dt.date.today()
    with open_diary(args.db, only_to_read=True) as diary:
        courses = diary.courses()
        routine = diary.routine(include_retired=True)
        first = min(diary.logged_days(dt.date.min, dt.date.max), default=None)
        start, end = _days(args, default_range(courses, first, today))
        entries = diary.entries(load_from(courses, start), end)
        labs, weights = diary.lab_results(), diary.weights()

    from diary.charts.trends import trends_figure

    figure = trends_figure(
        entries,
        courses,
        routine,
        start,
        end,
        flags=mood_flags(entries, courses),
        dark=False,
        today=today,
        labs=labs,
        weights=weights,
    )
    try:
        save_figure(figure, output)
    except ChartFileError as error:
        # A full disk is a problem (1), as for every command's output; a wrong place is bad input (2).
        code = EXIT_PROBLEM if error.disk_full else EXIT_BAD_INPUT
        raise CommandError(str(error), code) from None
    logged = sum(1 for entry in entries if start <= entry.date <= end)
    span = f"{start.isoformat()} to {end.isoformat()}"
    if logged:
        print(f"Wrote {output}: {span}, {logged} logged day{'s' if logged != 1 else ''}.")
    else:
        print(f"Wrote {output}: nothing is logged from {span} yet, and the chart says so.")
    return EXIT_OK


def _days(args: argparse.Namespace, chosen: ChartRange) -> tuple[dt.date, dt.date]:
    """--from and --to, each falling back to its end of the default range."""
    start = args.start if args.start is not None else chosen.start
    end = args.end if args.end is not None else chosen.end
    if start > end:
        if args.start is not None:
            raise CommandError(f"--from {start} is after the chart's last day, {end}; give --to as well")
        raise CommandError(f"--to {end} is before the chart's first day, {start}; give --from as well")
    return start, end
