"""`isodiary flags`: the mood flags to raise with the doctor, as text or as the spec's JSON."""

from __future__ import annotations

import argparse
import json
import sys

from diary.commands import EXIT_OK, add_date_range, check_date_range, open_diary


def add_to(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    flags = commands.add_parser(
        "flags",
        help="list the mood flags to raise with the doctor",
        description="The entries to raise with your doctor, by date: the Medication Guide's "
        "warning signs and serious symptoms, PHQ-9 check-ins, and IsoDiary's reading of your mood "
        "scores. Flags are worked out from the whole diary; one is listed when its days reach "
        "into --from..--to.",
    )
    flags.add_argument(
        "--json", action="store_true", help="print a JSON list (rule, severity, date, end_date, reason)"
    )
    add_date_range(flags, "range")
    flags.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from diary.core.flags import flag_days_text, flags_between, mood_flags
    from diary.core.follow_up import track

    check_date_range(args)
    with open_diary(args.db, only_to_read=True) as diary:
        # The light read: only what the flags look at (mood, signs, symptoms, PHQ-9).
        flags = flags_between(mood_flags(diary.mood_entries(), diary.courses()), args.start, args.end)
        follow_ups = diary.follow_ups()
    if args.json:
        json.dump([flag.as_json() for flag in flags], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return EXIT_OK
    if not flags:
        print("No mood flags" + (" in that range." if args.start or args.end else "."))
        return EXIT_OK
    for item in track(flags, follow_ups):
        flag = item.flag
        print(
            f"{flag_days_text(flag)}  {flag.severity.upper()}  {flag.reason}  [{item.follow_up.describe()}]"
        )
    return EXIT_OK
