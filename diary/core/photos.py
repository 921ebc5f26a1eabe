"""Progress photos: what a photo record holds, the areas of skin it shows, and the kinds of
image a diary keeps (interchange spec, version 3, "Photos").

The image itself is a file named by its hash (the store keeps it); the record says which
day and which area it shows. Nothing here reads or writes a file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from diary.core.entry import InvalidValue
from diary.core.records import NOTE_MAX_LENGTH, check_text

# The areas a photo shows, in the order they are offered, with the words shown for each.
AREAS: dict[str, str] = {
    "face_front": "Face, front",
    "face_left": "Face, left side",
    "face_right": "Face, right side",
    "chest": "Chest",
    "back": "Back",
    "other": "Other",
}

# The kinds of image a diary keeps, with the file name ending each is stored under.
JPEG = "image/jpeg"
PNG = "image/png"
EXTENSIONS: dict[str, str] = {JPEG: ".jpg", PNG: ".png"}
# A phone's HEIC photo is taken in and kept as a JPEG (never stored as HEIC).
HEIC = "image/heic"

# More pixels than this is refused when adding and in a bundle: no camera makes such a
# photo, and decoding one could take gigabytes (a "decompression bomb").
MAX_PIXELS = 100_000_000
# An image file larger than this is refused too (this program's limit, not the spec's): a
# phone's photo is a few megabytes, and a whole image is held in memory to be checked.
MAX_IMAGE_BYTES = 256 * 1024 * 1024

_SHA256 = re.compile(r"[0-9a-f]{64}")
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
)
# The brands of an ISO media file (its `ftyp` box) that hold a HEIF/HEIC still image.
_HEIF_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"})


class ImageRefused(ValueError):
    """The bytes cannot become (or are not) an image the diary keeps; the message says why,
    and the caller says which file or member."""


@dataclass(frozen=True)
class Photo:
    """One photo of one area of skin on one day; `sha256` names the image file's bytes."""

    date: dt.date
    area: str
    sha256: str
    media_type: str
    note: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.date, dt.date):
            raise InvalidValue("date", "must be a date")
        if self.area not in AREAS:
            raise InvalidValue("area", f"must be one of {', '.join(AREAS)}, not {self.area!r}")
        if not isinstance(self.sha256, str) or not _SHA256.fullmatch(self.sha256):
            raise InvalidValue("sha256", "must be 64 lower-case hexadecimal digits (an image's SHA-256)")
        if self.media_type not in EXTENSIONS:
            raise InvalidValue("media_type", f"must be {' or '.join(EXTENSIONS)}, not {self.media_type!r}")
        check_text("note", self.note, NOTE_MAX_LENGTH)

    @property
    def identity(self) -> tuple[object, ...]:
        return (self.date, self.area, self.sha256)

    @property
    def file_name(self) -> str:
        """The image's file name in the diary's folder and in a bundle's `photos/`."""
        return image_file_name(self.sha256, self.media_type)

    @property
    def area_words(self) -> str:
        return AREAS[self.area]


def image_file_name(sha256: str, media_type: str) -> str:
    return sha256 + EXTENSIONS[media_type]


def is_sha256(text: str) -> bool:
    return bool(_SHA256.fullmatch(text))


def images_named(photos: Iterable[Photo]) -> dict[str, str]:
    """Each image the records name (its hash) with its media type.

    Raises InvalidValue (field `media_type`) when two records name one image with two
    media types, which the spec makes an error: one file cannot be both.
    """
    named: dict[str, str] = {}
    for photo in photos:
        earlier = named.setdefault(photo.sha256, photo.media_type)
        if earlier != photo.media_type:
            raise InvalidValue(
                "media_type",
                f"the image {photo.sha256[:12]}... is named as both {earlier} and {photo.media_type}",
            )
    return named


def media_type_of(data: bytes) -> str | None:
    """The kind of image `data` starts as (JPEG, PNG or HEIC), by its first bytes; None for
    anything else. Only the start is looked at: whether the rest is whole is checked apart."""
    for magic, media_type in _MAGIC:
        if data.startswith(magic):
            return media_type
    if len(data) >= 12 and data[4:8] == b"ftyp":
        box_size = int.from_bytes(data[0:4], "big")
        brands = [data[8:12]]
        end = min(box_size, len(data), 256)
        brands += [data[at : at + 4] for at in range(16, end - 3, 4)]
        if any(brand in _HEIF_BRANDS for brand in brands):
            return HEIC
    return None


def photo_record(photo: Photo) -> dict[str, object]:
    """The photo as an interchange `photos[]` record (version 3)."""
    return {
        "date": photo.date.isoformat(),
        "area": photo.area,
        "sha256": photo.sha256,
        "media_type": photo.media_type,
        "note": photo.note,
    }


def photo_from_record(record: dict[str, object]) -> Photo:
    """A `photos[]` record back as a Photo; raises InvalidValue naming the field."""
    try:
        day = dt.date.fromisoformat(str(record["date"]))
    except (KeyError, ValueError):
        raise InvalidValue("date", "must be a date written YYYY-MM-DD") from None
    note = record.get("note")
    return Photo(
        day,
        str(record.get("area")),
        str(record.get("sha256")),
        str(record.get("media_type")),
        None if note is None else str(note),
    )


def added_words(photos: Iterable[Photo]) -> str:
    """One line a photo added: 'Added chest, 2026-05-03 (<hash>.jpg)'."""
    return "\n".join(
        f"Added {photo.area_words.lower()}, {photo.date} ({photo.file_name})" for photo in photos
    )


def left_out_of_export(count: int, kind: str) -> str | None:
    """What an export of `kind` says about the diary's `count` photos (interchange spec,
    version 3): a JSON file lists their records but cannot hold the images, which travel
    in a bundle; a bundle holds them; a CSV holds entries only, as it always has."""
    if count == 0 or kind != "json":
        return None
    photos = "the photo's image is" if count == 1 else f"the {count} photos' images are"
    return f"This file lists the diary's photos, but {photos} not in it (JSON holds no images)."


@dataclass(frozen=True)
class AreaInRange:
    """One area's photos in a range, for the summary: the first and the latest (None when
    the range holds only one photo of it), and how many there are."""

    area: str
    first: Photo
    latest: Photo | None
    count: int


def first_and_latest(photos: Iterable[Photo], start: dt.date, end: dt.date) -> list[AreaInRange]:
    """Each area with a photo dated start..end, in the order areas are offered."""
    by_area: dict[str, list[Photo]] = {}
    for photo in sorted(photos, key=lambda photo: (photo.date, photo.sha256)):
        if start <= photo.date <= end:
            by_area.setdefault(photo.area, []).append(photo)
    return [
        AreaInRange(area, shown[0], shown[-1] if len(shown) > 1 else None, len(shown))
        for area in AREAS
        if (shown := by_area.get(area))
    ]
