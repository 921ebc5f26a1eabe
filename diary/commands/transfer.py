"""`isodiary import` and `isodiary export`: interchange files in and out, all or nothing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from diary.commands import (
    EXIT_OK,
    EXIT_PROBLEM,
    CommandError,
    check_output,
    open_diary,
    readable_file,
    refusal,
    write_failed,
    write_or_hand_over,
    write_stdout,
)


def add_to(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    importing = commands.add_parser(
        "import",
        help="add a JSON, CSV or bundle (.isodiary) file to the diary",
        description="Add an interchange file to the diary, all or nothing: a .json or .csv file, "
        "or a bundle (.isodiary: the diary with its photos). "
        "Records the diary already holds with other values are refused unless --replace is given; "
        "importing the same file twice changes nothing.",
    )
    importing.add_argument("file", type=Path, help="a .json, .csv or .isodiary file")
    importing.add_argument(
        "--replace",
        action="store_true",
        help="replace records the diary holds with other values, and take the file's preferences",
    )
    importing.add_argument(
        "--without-photos",
        action="store_true",
        help="for a .json file: leave out the photos whose images this diary does not hold",
    )
    importing.set_defaults(handler=run_import)

    exporting = commands.add_parser(
        "export",
        help="write the whole diary to a JSON, CSV or bundle file",
        description="Write the whole diary as an interchange file: JSON keeps every record "
        "(photos without their images), a bundle (.isodiary) keeps everything with the photos' "
        "images, CSV holds the entries for spreadsheets.",
    )
    exporting.add_argument(
        "--format", choices=("json", "csv", "bundle"), help="default: from the file's extension"
    )
    exporting.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=Path,
        default=Path("-"),
        help="the file to write (default: standard output)",
    )
    exporting.set_defaults(handler=run_export)


def run_import(args: argparse.Namespace) -> int:
    file = readable_file(args.file.expanduser(), "import").resolve()
    if args.without_photos and file.suffix.lower() == ".isodiary":
        raise CommandError(
            f"import: --without-photos is for a .json file; the bundle {file} carries its photos' "
            "images. Nothing was imported."
        )
    request = {
        "do": "import",
        "file": str(file),
        "replace": bool(args.replace),
        "without_photos": bool(args.without_photos),
    }
    print(
        write_or_hand_over(
            args.db,
            request,
            "imported",
            lambda: _import_here(args.db, file, args.replace, args.without_photos),
        )
    )
    return EXIT_OK


def _import_here(diary_path: Path, file: Path, replace: bool, without_photos: bool) -> str:
    from diary.core.interchange import InterchangeError
    from diary.core.interchange.import_messages import (
        REPLACE_HINT,
        WITHOUT_PHOTOS_HINT,
        ImportConflict,
        PhotosWithoutImages,
        nothing_imported,
    )
    from diary.store.errors import DiaryUnavailable
    from diary.store.importing import import_file

    with open_diary(diary_path) as diary:
        try:
            return import_file(diary, file, replace=replace, without_photos=without_photos).describe()
        except ImportConflict as conflict:
            raise CommandError(f"{conflict} {REPLACE_HINT}") from None
        except PhotosWithoutImages as error:
            raise CommandError(f"{nothing_imported(str(error))} {WITHOUT_PHOTOS_HINT}") from None
        except InterchangeError as error:
            raise CommandError(nothing_imported(str(error))) from None
        except DiaryUnavailable as error:  # a disk that filled up while importing
            raise refusal(
                DiaryUnavailable(nothing_imported(str(error)), machine_refused=error.machine_refused)
            ) from None


def run_export(args: argparse.Namespace) -> int:
    from diary.core.interchange import InterchangeError
    from diary.core.interchange.file_kinds import format_of, render
    from diary.store.exporting import export_file, whole_document

    to_stdout = str(args.output) == "-"
    if to_stdout and args.format is None:
        raise CommandError("export: say which format to write with --format json or --format csv")
    if to_stdout and args.format == "bundle":
        raise CommandError(
            "export: a bundle is written to a file, never to standard output: "
            "give it with -o FILE.isodiary. Nothing was written."
        )
    try:
        kind = args.format or format_of(args.output)
    except InterchangeError as error:
        raise CommandError(f"export: {error}") from None
    if not to_stdout and (kind == "bundle") != (args.output.suffix.lower() == ".isodiary"):
        # Import tells a bundle by its name: any other pairing would not import again.
        raise CommandError(
            f"export: {args.output}: a bundle's name ends in .isodiary, and only a bundle's does "
            "(import tells them by it); choose a name to match --format. Nothing was written."
        )
    if not to_stdout:
        check_output(args.db, args.output)
    from diary.core.photos import left_out_of_export
    from diary.store.photo_files import PhotoFileFailed

    with open_diary(args.db, only_to_read=True) as diary:
        photos = len(diary.photos())
        if to_stdout:
            write_stdout("export", render(whole_document(diary), kind))
        else:
            try:
                count = export_file(diary, args.output, kind)
            except OSError as error:
                raise write_failed("export", args.output, error) from None
            except PhotoFileFailed as error:  # an image missing or changed in the diary's folder
                raise CommandError(
                    f"export: {error} Nothing was written; `isodiary check` lists the images.", EXIT_PROBLEM
                ) from None
            print(f"Wrote {_written(count, photos, kind)} to {args.output}.", file=sys.stderr)
    left_out = left_out_of_export(photos, kind)
    if left_out:
        print(f"{left_out} {BUNDLE_HINT}", file=sys.stderr)
    from diary.store.protection import is_protected

    if is_protected(args.db):
        where = "The export" if to_stdout else str(args.output)
        print(
            f"{where} is a plain file, not encrypted like the diary: anyone who has it can read it.",
            file=sys.stderr,
        )
    return EXIT_OK


BUNDLE_HINT = "To move the photos too, export a bundle: isodiary export --format bundle -o FILE.isodiary"


def _written(days: int, photos: int, kind: str) -> str:
    written = f"{days} day{'' if days == 1 else 's'}"
    if kind == "bundle":
        written += f" and {photos} photo{'' if photos == 1 else 's'}"
    return written
