"""`isodiary check`: is the diary file sound, which schema is it, and what does it hold."""

from __future__ import annotations

import argparse
import sys

from diary.commands import EXIT_OK, EXIT_PROBLEM, open_diary


def add_to(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    checking = commands.add_parser(
        "check",
        help="check the diary file and show what it holds",
        description="Open (and if needed upgrade) the diary, run SQLite's integrity check, "
        "and print the schema revision and counts. Exits non-zero on any problem.",
    )
    checking.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    with open_diary(args.db) as diary:
        problems = diary.integrity_problems()
        counts = diary.counts()
        revision = diary.revision()
    print(f"Diary: {args.db}")
    print(f"Schema revision: {revision}")
    print("Integrity: " + ("ok" if not problems else "DAMAGED"))
    print(" · ".join(f"{name.capitalize()}: {count}" for name, count in counts.items()))
    for problem in problems[:20]:
        print(f"  {problem}")
    if problems:
        print("The diary is damaged. Restore a backup before writing to it.", file=sys.stderr)
        return EXIT_PROBLEM
    return EXIT_OK
