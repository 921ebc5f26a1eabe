"""Taking an image in (interchange spec, version 3, "Photos"): from the bytes of a file the
person chose, the image the diary keeps, and the checks every kept image passes again when
it comes back in a bundle.

A JPEG or PNG is kept byte for byte except for its location data, which is removed without
re-encoding (photo_layout); a phone's HEIC photo is decoded and written as a JPEG, its
location left out. Nothing here reads or writes a file: the caller hands the bytes in and
stores what comes out (photo_files).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PIL import Image

from diary.core import scales
from diary.core.photos import (
    EXTENSIONS,
    HEIC,
    JPEG,
    MAX_IMAGE_BYTES,
    MAX_PIXELS,
    PNG,
    ImageRefused,
    media_type_of,
)
from diary.store import photo_layout
from diary.store.photo_exif import DATE_DIGITIZED, DATE_TAKEN, EXIF_POINTER, GPS_POINTER, ExifUnreadable

# Pillow warns above its own limit (89 megapixels) and refuses at twice it; ours is checked
# before Pillow opens anything, so Pillow's is set to ours.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
_PILLOW_FORMATS = {JPEG: "JPEG", PNG: "PNG"}
_ORIENTATION = 0x0112
_HEIC_JPEG_QUALITY = 92


@dataclass(frozen=True)
class KeptImage:
    """An image as the diary keeps it: its bytes (hashed by `sha256`), its kind and size,
    the day its EXIF says it was taken (None when it says none), and what taking it in did."""

    data: bytes
    media_type: str
    sha256: str
    width: int
    height: int
    taken_on: dt.date | None
    location_removed: bool = False
    converted_from_heic: bool = False
    trailer_removed: int = 0  # bytes after the picture's end, left out

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.media_type]


def take_in(data: bytes) -> KeptImage:
    """The image to keep from a file's bytes: JPEG, PNG, or HEIC (made a JPEG), whole, at
    most 100 megapixels, its location removed. Raises ImageRefused."""
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageRefused(f"it is over {MAX_IMAGE_BYTES // 1024 // 1024} MiB, larger than any photo")
    media_type = media_type_of(data)
    if media_type is None:
        raise ImageRefused("it is not a JPEG, PNG or HEIC image")
    converted = media_type == HEIC
    if converted:
        data, media_type = _heic_as_jpeg(data), JPEG
    try:
        # What a phone maker appends after the picture (Samsung's trailer holds the country
        # the phone was in, among things no program reads) is left out with the location.
        image_end = photo_layout.layout(data, media_type, trailer_allowed=True).end
        trailer, data = len(data) - image_end, data[:image_end]
        found = photo_layout.location_found(data, media_type)
        if found:
            data = photo_layout.without_location(data, media_type)
    except photo_layout.NotWhole as problem:
        raise ImageRefused(str(problem)) from None
    except ExifUnreadable as problem:
        raise ImageRefused(f"{problem}, so its location data could not be removed") from None
    kept = check_kept(data, media_type)
    return KeptImage(
        data,
        media_type,
        kept.sha256,
        kept.width,
        kept.height,
        kept.taken_on,
        location_removed=found or converted,
        converted_from_heic=converted,
        trailer_removed=trailer,
    )


def check_kept(data: bytes, media_type: str) -> KeptImage:
    """Check bytes that claim to be a kept image of `media_type` (a bundle's member, a file
    in the diary's folder): a whole JPEG or PNG of that type, at most 100 megapixels, with
    no location data. Raises ImageRefused saying what is wrong."""
    if media_type not in _PILLOW_FORMATS:
        raise ImageRefused(f"{media_type} is not a kind of image a diary keeps")
    if media_type_of(data) != media_type:
        raise ImageRefused(f"it is not a {_PILLOW_FORMATS[media_type]} image, as its name says")
    try:
        walked = photo_layout.layout(data, media_type)
        located = photo_layout.location_found(data, media_type)
    except photo_layout.NotWhole as problem:
        raise ImageRefused(str(problem)) from None
    if located:
        raise ImageRefused("it carries location data (GPS)")
    with pillow_reading_exif(), _opened(data, media_type) as image:  # opening a JPEG reads its EXIF too
        if image.size != (walked.width, walked.height):
            raise ImageRefused("it is damaged (its size reads two ways)")
        try:
            taken_on = _date_taken(image.getexif())
        except (OSError, ValueError, SyntaxError, struct.error):
            taken_on = None  # an EXIF block Pillow cannot read says no date (and no GPS: walked above)
    return KeptImage(
        data, media_type, hashlib.sha256(data).hexdigest(), walked.width, walked.height, taken_on
    )


@contextmanager
def pillow_reading_exif() -> Iterator[None]:
    """Pillow reading an EXIF block, without the warnings it prints about a block it reads
    only in part ("Tag data larger than file", "Truncated File Read"): they would reach the
    person's terminal as Pillow's own file and line, for an image that was checked here
    (its location found by photo_layout's walk) and is kept all the same. Only the TIFF
    reader's warnings are silenced, and only while the image is opened and its block read."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL\.TiffImagePlugin")
        yield


def _opened(data: bytes, media_type: str) -> Image.Image:
    """The image's header read by Pillow (nothing decoded yet)."""
    try:
        return Image.open(io.BytesIO(data), formats=[_PILLOW_FORMATS[media_type]])
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise ImageRefused(f"it is damaged ({error})") from None


def _date_taken(exif: Image.Exif) -> dt.date | None:
    """The day the EXIF says the photo was taken (DateTimeOriginal, else when it was
    digitised), or None when it says none a diary can hold."""
    try:
        details = exif.get_ifd(EXIF_POINTER)
    except (OSError, ValueError, KeyError, SyntaxError):
        return None
    for tag in (DATE_TAKEN, DATE_DIGITIZED):
        value = details.get(tag)
        if not isinstance(value, str):
            continue
        try:
            day = dt.datetime.strptime(value.strip("\x00 ")[:10], "%Y:%m:%d").date()
        except ValueError:
            continue
        if scales.FIRST_DAY <= day <= scales.LAST_DAY:
            return day
    return None


def _heic_as_jpeg(data: bytes) -> bytes:
    """A HEIC photo written as a JPEG: its size checked before decoding, turned the way it
    is shown (so the EXIF orientation becomes 'as stored'), its EXIF kept without GPS."""
    import pi_heif  # slow to import; only when a HEIC comes in

    try:
        heif = pi_heif.open_heif(io.BytesIO(data))
        size: tuple[int, int] = heif.size
        width, height = size
        if width * height > MAX_PIXELS:
            raise ImageRefused(
                f"its picture is {width:,} x {height:,} pixels; images over "
                f"{MAX_PIXELS // 1_000_000} megapixels are refused"
            )
        picture: Image.Image = heif.to_pillow()
        exif = Image.Exif()
        if heif.info.get("exif"):
            exif.load(heif.info["exif"])
    except (OSError, ValueError, RuntimeError) as error:
        raise ImageRefused(f"it is a HEIC image that cannot be read ({str(error).strip()})") from None
    exif.pop(GPS_POINTER, None)
    if _ORIENTATION in exif:
        exif[_ORIENTATION] = 1  # the decoder has already turned the picture
    out = io.BytesIO()
    options: dict[str, object] = {"quality": _HEIC_JPEG_QUALITY, "exif": exif.tobytes()}
    if picture.info.get("icc_profile"):
        options["icc_profile"] = picture.info["icc_profile"]
    picture.convert("RGB").save(out, format="JPEG", **options)
    return out.getvalue()
