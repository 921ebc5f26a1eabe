"""`isodiary backup` and `isodiary restore`: checked copies of the diary, and putting one back."""

from __future__ import annotations

import argparse
from pathlib import Path

from diary.commands import (
    EXIT_OK,
    CommandError,
    check_output,
    open_diary,
    readable_file,
    refusal,
    write_or_hand_over,
)


def add_to(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backing_up = commands.add_parser(
        "backup",
        help="make a checked copy of the diary, or list the backups",
        description="Copy the diary with SQLite's backup API (safe while the window is open), "
        "check the copy, and keep it in the backups folder beside the diary, or in FILE.",
    )
    backing_up.add_argument("-o", "--output", metavar="FILE", type=Path, help="write the copy to FILE")
    backing_up.add_argument("--list", action="store_true", help="list the backups, newest first")
    backing_up.set_defaults(handler=run_backup)

    restoring = commands.add_parser(
        "restore",
        help="replace the diary with a backup (the current diary is kept)",
        description="Check FILE, back up the current diary (or set a damaged one aside, "
        "unchanged), then replace the diary with FILE. The window must be closed.",
    )
    restoring.add_argument("file", type=Path, help="a backup, e.g. from `isodiary backup --list`")
    restoring.set_defaults(handler=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    from diary.store import backups
    from diary.store.errors import DiaryUnavailable

    if args.list:
        if args.output is not None:
            raise CommandError("backup: --list and -o cannot be used together")
        return _list(args.db)
    try:
        if args.output is None:
            made = backups.make_backup(args.db, backups.BY_HAND)
            target, size = made.path, made.size
        else:
            target = args.output.expanduser()
            check_output(args.db, target)
            backups.copy_diary(args.db, target)
            size = target.stat().st_size
    except DiaryUnavailable as error:
        raise refusal(error) from None
    print(f"Backed up {args.db} to {target} ({backups.size_words(size)}).")
    carried = backups.key_file_path(target)
    if carried.exists():
        print(
            f"It is encrypted like the diary; {carried.name} beside it opens it with your passphrase "
            "(or the recovery code): keep the two together."
        )
    if args.output is not None:
        _say_where_images_stay(args.db)
    return EXIT_OK


def _say_where_images_stay(diary_path: Path) -> None:
    """A copy holds the photo records, not their images (those are shared files beside the
    diary, which the backups share too); the bundle is the file that carries them."""
    from diary.store.photo_files import PhotoFiles

    with open_diary(diary_path) as diary:
        named = diary.images_named()
    if named:
        count = len(named)
        print(
            f"The {count} photo image{'s' if count != 1 else ''} it names "
            f"{'are' if count != 1 else 'is'} not in the copy: "
            f"{'they stay' if count != 1 else 'it stays'} in the diary's folder, "
            f"{PhotoFiles(diary_path).folder}. To carry the photos with the diary, export a bundle: "
            "isodiary export --format bundle -o FILE.isodiary"
        )


def _list(diary_path: Path) -> int:
    from diary.store import backups

    found = backups.list_backups(diary_path)
    if not found:
        print(f"No backups yet in {backups.backups_folder(diary_path)}.")
        return EXIT_OK
    for backup in found:
        print(
            f"{backup.taken_at:%Y-%m-%d %H:%M}  {backup.kind_words:<17} {backup.size_words:>8}  {backup.path}"
        )
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    file = readable_file(args.file.expanduser(), "restore").resolve()
    _unlock_backup(args, file)
    request = {"do": "restore", "file": str(file)}
    print(write_or_hand_over(args.db, request, "restored", lambda: _restore_here(args.db, file)))
    return EXIT_OK


def _unlock_backup(args: argparse.Namespace, file: Path) -> None:
    """A protected backup whose key this run does not hold yet (one from before the
    passphrase was last set, or another diary's): its own passphrase, held for the run."""
    from diary.commands import passphrase as asking
    from diary.store import key_file, keyring
    from diary.store.errors import DiaryLocked, DiaryUnavailable

    try:
        keyring.keys_for(file)
    except DiaryLocked:
        typed = asking.given(args, f"Passphrase for the backup {file}: ", file)
        try:
            keys = key_file.read(key_file.key_file_path(file)).unwrap(typed)
        except DiaryUnavailable as error:
            raise refusal(error) from None
        keyring.remember(keys)
    except DiaryUnavailable as error:
        raise refusal(error) from None


def _restore_here(diary_path: Path, file: Path) -> str:
    from diary.store.errors import DiaryUnavailable
    from diary.store.restore import restore_backup

    try:
        restored = restore_backup(diary_path, file)
    except DiaryUnavailable as error:
        raise refusal(error) from None
    # Opening brings a backup from an older version up to date (with its own backup first).
    with open_diary(diary_path):
        pass
    return restored.words(file)
