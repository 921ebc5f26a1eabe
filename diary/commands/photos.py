"""`isodiary photos add FILE... --area A [--date D]` and `isodiary photos list [--json]`.

Adding is all or nothing: every file is read and checked (a whole JPEG, PNG or HEIC, a
date) before anything is kept. The images are kept in the diary's folder by this command
(named by their hash, they clash with nothing); the records are saved here, or handed to
the open window, which saves them through its context so every view shows them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

from diary.commands import (
    EXIT_OK,
    EXIT_PROBLEM,
    CommandError,
    iso_date,
    open_diary,
    readable_file,
    write_or_hand_over,
    write_stdout,
)
from diary.core.photos import AREAS, added_words, photo_record

if TYPE_CHECKING:
    from diary.core.photos import Photo
    from diary.store.photo_intake import KeptImage


def add_to(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    photos = commands.add_parser(
        "photos",
        help="add progress photos, or list them",
        description="Progress photos of the skin: add image files (JPEG, PNG, HEIC) for an area, "
        "or list them.",
    )
    actions = photos.add_subparsers(dest="photos_action", metavar="ACTION", required=True)
    adding = actions.add_parser(
        "add",
        help="add image files for one area",
        description="Add image files, all or nothing. Location data is removed; a HEIC is kept as a JPEG. "
        "Each is dated by its own EXIF date unless --date is given; an image without one needs --date.",
    )
    adding.add_argument("files", type=Path, nargs="+", metavar="FILE", help="JPEG, PNG or HEIC images")
    adding.add_argument("--area", required=True, choices=list(AREAS), help="the area of skin shown")
    adding.add_argument("--date", type=iso_date, metavar="DATE", help="the day the photos show (YYYY-MM-DD)")
    adding.set_defaults(handler=run_add)
    listing = actions.add_parser("list", help="list the photos", description="List the photo records.")
    listing.add_argument("--json", action="store_true", help="the interchange photos[] records, as JSON")
    listing.set_defaults(handler=run_list)


def run_add(args: argparse.Namespace) -> int:
    from diary.store.errors import DiaryUnavailable
    from diary.store.photo_files import PhotoFiles

    chosen = [_taken_in(path) for path in args.files]  # every file checked before any is kept
    photos = [_record(path, kept, args.area, args.date) for path, kept in chosen]
    files = PhotoFiles(args.db.expanduser())

    try:
        for _path, kept in chosen:
            files.keep(kept)
    except DiaryUnavailable as error:
        raise CommandError(str(error), EXIT_PROBLEM) from None
    request = {"do": "add_photos", "photos": [photo_record(photo) for photo in photos]}
    print(write_or_hand_over(args.db, request, "added", lambda: _save_here(args.db, photos)))
    return EXIT_OK


def _taken_in(path: Path) -> tuple[Path, KeptImage]:
    from diary.core.photos import MAX_IMAGE_BYTES, ImageRefused
    from diary.store.photo_intake import take_in

    try:
        # A FIFO or a device is refused before it is read (reading one could wait, or go on,
        # for ever), and no more is read than it takes to refuse a file as too large.
        with readable_file(path.expanduser(), "photos add").open("rb") as file:
            data = file.read(MAX_IMAGE_BYTES + 1)
    except OSError as error:
        raise CommandError(f"photos add: cannot read {path} ({error.strerror}). Nothing was added.") from None
    try:
        return path, take_in(data)
    except ImageRefused as why:
        raise CommandError(f"photos add: {path} was refused: {why}. Nothing was added.") from None


def _record(path: Path, kept: KeptImage, area: str, day: dt.date | None) -> Photo:
    from diary.core.photos import Photo

    day = day or kept.taken_on
    if day is None:
        raise CommandError(
            f"photos add: {path} holds no date (no EXIF date taken); give the day with --date. "
            "Nothing was added."
        )
    return Photo(day, area, kept.sha256, kept.media_type)


def _save_here(diary_path: Path, photos: list[Photo]) -> str:
    with open_diary(diary_path) as diary:
        for photo in photos:
            diary.save_photo(photo)
    return added_words(photos)


def run_list(args: argparse.Namespace) -> int:
    with open_diary(args.db) as diary:
        photos = diary.photos()
    if args.json:
        write_stdout("photos list", json.dumps([photo_record(photo) for photo in photos], indent=2) + "\n")
    elif not photos:
        write_stdout("photos list", "No photos.\n")
    else:
        lines = [f"{photo.date}  {photo.area:<10}  {photo.file_name}" for photo in photos]
        write_stdout("photos list", "\n".join(lines) + "\n")
    return EXIT_OK
