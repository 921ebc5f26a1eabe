"""`isodiary check`: is the diary file sound, which schema is it, and what does it hold."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from diary.commands import EXIT_OK, EXIT_PROBLEM, refusal


def add_to(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    checking = commands.add_parser(
        "check",
        help="check the diary file and show what it holds",
        description="Open (and if needed upgrade) the diary, run SQLite's integrity check, "
        "and print the schema revision and counts. Exits non-zero on any problem.",
    )
    checking.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from diary.store.backups import remove_leftovers
    from diary.store.diary import Diary
    from diary.store.errors import DiaryDamaged, DiaryUnavailable, ForeignSchema
    from diary.store.integrity import journal_problems
    from diary.store.photo_files import PhotoFiles

    # Before opening: opening would rebuild the journal's index and hide what it shows.
    lost = journal_problems(args.db.expanduser())
    # Copies a killed restore or backup left behind: whole diaries nobody would ever remove.
    for leftover in remove_leftovers(args.db.expanduser()):
        print(f"Removed {leftover.name}, left by an IsoDiary that was stopped mid-way.", file=sys.stderr)
    try:
        diary = Diary.open(args.db, only_to_read=True)
    except DiaryDamaged as damage:
        print(f"Diary: {args.db}")
        print("Integrity: DAMAGED (the diary was not changed)")
        for problem in damage.problems[:20]:
            print(f"  {problem}")
        _advise_restore(args.db)
        return EXIT_PROBLEM
    except ForeignSchema as foreign:
        print(f"Diary: {args.db}")
        print("Schema: NOT IsoDiary's own (the diary was not changed)")
        for problem in foreign.problems[:20]:
            print(f"  {problem}")
        _advise_restore(args.db, "holds things IsoDiary never makes")
        return EXIT_PROBLEM
    except DiaryUnavailable as error:
        raise refusal(error) from None
    with diary:
        problems = diary.integrity_problems()
        counts = diary.counts()
        revision = diary.revision()
        images = PhotoFiles(diary.path).problems(diary.images_named())
    print(f"Diary: {args.db}")
    print(f"Schema revision: {revision}")
    print("Integrity: " + ("ok" if not problems else "DAMAGED"))
    print(" · ".join(f"{name.capitalize()}: {count}" for name, count in counts.items()))
    for problem in problems[:20]:
        print(f"  {problem}")
    if lost:
        print("Journal: DAMAGED (the last saves may be missing from the diary)")
        for problem in lost:
            print(f"  {problem}")
    if images:
        print(f"Photos: {len(images)} image{'s' if len(images) != 1 else ''} missing or changed")
        for image in images[:20]:
            print(f"  {image}")
    if problems or lost:
        _advise_restore(args.db)
        return EXIT_PROBLEM
    if images:
        print(
            "The photo records are intact, but the images above are missing or changed in the "
            "diary's photos folder; put the original files back there to mend them.",
            file=sys.stderr,
        )
        return EXIT_PROBLEM
    return EXIT_OK


def _advise_restore(diary_path: Path, what: str = "is damaged") -> None:
    from diary.store.restore import newest_good_backup, when_words

    found = newest_good_backup(diary_path)
    advice = f"The diary {what}. Restore a backup before writing to it."
    if found is None:
        advice += " No good backup was found; keep the file, it may still be recovered."
    else:
        backup, facts = found
        advice += (
            f" The newest good one is from {when_words(backup.taken_at)} ({facts.describe()}):\n"
            f"  isodiary restore {backup.path}"
        )
    print(advice, file=sys.stderr)
