"""`isodiary report`: the appointment summary as a PDF, headless."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from diary.commands import (
    EXIT_OK,
    CommandError,
    add_date_range,
    check_date_range,
    check_output,
    open_diary,
    write_failed,
)


def add_to(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser(
        "report",
        help="write the appointment summary as a PDF",
        description="Write the summary to bring to the appointment. The range defaults to "
        "since the last appointment, or the last 30 days when there is none.",
    )
    report.add_argument(
        "-o", "--output", metavar="FILE.pdf", type=Path, required=True, help="the PDF to write"
    )
    add_date_range(report, "summary")
    report.add_argument(
        "--paper", choices=("A4", "Letter"), help="paper size (default: from your settings or region)"
    )
    report.add_argument(
        "--photos",
        action="store_true",
        help="add a page with the first and the latest photo of each area in the range "
        "(left out unless asked: photos are the most private part of the diary)",
    )
    report.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from diary.core.appointments import summary_range

    if args.output.suffix.lower() != ".pdf":
        raise CommandError(f"report: {args.output} must be a .pdf file")
    check_date_range(args)
    if args.output.is_dir():
        raise CommandError(f"report: {args.output} is a folder; give a file name ending in .pdf")
    check_output(args.db, args.output)
    today = dt.date.today()
    with open_diary(args.db, only_to_read=True) as diary:
        start, end = summary_range(diary.appointments(), today)
        start = args.start or (start if args.end is None else min(start, args.end))
        end = args.end or max(end, start)
        paper = args.paper or _preferred_paper(diary.preferences().paper_size)
        from diary.report import make_report

        try:
            pages = make_report(diary, args.output, start, end, paper=paper, today=today, photos=args.photos)
        except OSError as error:
            raise write_failed("report", args.output, error) from None
    print(f"Wrote the summary of {start} to {end} ({pages} pages) to {args.output}.", file=sys.stderr)
    return EXIT_OK


def _preferred_paper(choice: str) -> str | None:
    """The paper chosen in Settings, or None to follow the region."""
    return None if choice == "auto" else choice
