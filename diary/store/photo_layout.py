"""The layout of a JPEG or PNG file, walked byte by byte without decoding a pixel: is it
whole, how large is the picture, and where does it keep metadata that may hold a location.

Walking the file checks what a hostile or cut-off file gets wrong (a JPEG from its start
marker to its end marker, a PNG from its signature to IEND with every chunk's checksum
right) and reads the picture's size before anything is decoded, so that a decompression
bomb is refused without being opened. Removing a location changes metadata bytes only;
the compressed picture data stays byte for byte as it was.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

from diary.core.photos import JPEG, MAX_PIXELS, PNG
from diary.store import photo_exif
from diary.store.photo_exif import ExifUnreadable

_EXIF_HEADER = b"Exif\x00\x00"
_XMP_HEADERS = (b"http://ns.adobe.com/xap/1.0/\x00", b"http://ns.adobe.com/xmp/extension/\x00")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Start-of-frame markers (they carry the picture's size): C0-CF but DHT, JPG and DAC.
_FRAME_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_STANDALONE_MARKERS = frozenset(range(0xD0, 0xD8)) | {0x01}
_TEXT_CHUNKS = (b"tEXt", b"zTXt", b"iTXt")
# Text chunks of a PNG may unpack to at most this much (a compressed chunk could be a bomb).
_MAX_TEXT_BYTES = 16 * 1024 * 1024
CUT_OFF = "it ends in the middle (it may have been cut off)"
_HEX = re.compile(rb"[0-9a-fA-F]+")


class NotWhole(ValueError):
    """The bytes are not a whole image of the kind they claim; the message says why."""


@dataclass
class Layout:
    """A walked image: its picture's size and its metadata that may hold a location, as
    (kind, start, end) spans of the file ("exif": a TIFF block, "xmp": an XMP packet,
    "tEXt", "zTXt", "iTXt": a PNG text chunk's data, which may hold either)."""

    width: int
    height: int
    metadata: list[tuple[str, int, int]] = field(default_factory=list)
    end: int = 0  # where the image (with any further whole images after it) ends


def layout(data: bytes, media_type: str, trailer_allowed: bool = False) -> Layout:
    """Walk `data` as `media_type`; raises NotWhole when it is not a whole image of that
    kind, or when it (or an image inside it) has more than MAX_PIXELS pixels. Bytes after
    the image's end (a phone maker's trailer) are refused unless `trailer_allowed`; then
    `end` says where they start."""
    if media_type not in (JPEG, PNG):
        raise NotWhole(f"{media_type} is not a kind of image a diary keeps")
    walked = _jpeg(data) if media_type == JPEG else _png(data)
    if walked.end < len(data) and not trailer_allowed:
        raise NotWhole(
            f"it holds {len(data) - walked.end:,} bytes after its end that are not part of the picture"
        )
    return walked


def location_found(data: bytes, media_type: str) -> bool:
    """True when the image's metadata holds a location (GPS), or cannot be read well
    enough to tell (then it is treated as holding one)."""
    for kind, start, end in layout(data, media_type).metadata:
        try:
            if _span_has_location(kind, data[start:end]):
                return True
        except ExifUnreadable:
            return True
    return False


def without_location(data: bytes, media_type: str) -> bytes:
    """The image with its location data removed and its picture data untouched. Raises
    ExifUnreadable when an EXIF block is too malformed to clean."""
    walked = layout(data, media_type)
    if media_type == JPEG:
        cleaned = bytearray(data)
        for kind, start, end in walked.metadata:
            if _span_has_location(kind, data[start:end]):
                cleaned[start:end] = _cleaned_span(kind, data[start:end])
        return bytes(cleaned)
    parts: list[bytes] = []
    at = len(_PNG_SIGNATURE)
    for kind, start, end in walked.metadata:  # PNG spans are data of chunks, in file order
        chunk_start = start - 8
        parts.append(data[at:chunk_start])
        at = end + 4
        if not _span_has_location(kind, data[start:end]):
            parts.append(data[chunk_start:at])
        elif kind == "exif":  # keep the chunk (orientation, date taken), without its GPS
            body = _cleaned_span(kind, data[start:end])
            parts.append(data[chunk_start:start] + body + zlib.crc32(b"eXIf" + body).to_bytes(4, "big"))
        # a text chunk holding a location goes whole: nothing points into a PNG
    parts.append(data[at:])
    return _PNG_SIGNATURE + b"".join(parts)


def _span_has_location(kind: str, span: bytes) -> bool:
    if kind == "exif":
        return photo_exif.has_location(span)
    if kind == "xmp":
        return photo_exif.xmp_has_location(span)
    keyword, text = _png_text(kind, span)
    if keyword.startswith(b"Raw profile type"):
        return _raw_profile_has_location(text)
    return photo_exif.xmp_has_location(text)


def _cleaned_span(kind: str, span: bytes) -> bytes:
    if kind == "exif":
        return photo_exif.without_location(span)
    return photo_exif.emptied_xmp(span)


# JPEG ----------------------------------------------------------------------------------


def _jpeg(data: bytes) -> Layout:
    """Walk a JPEG; a phone's further images after the first one's end (MPF: a depth map, a
    gain map) must be whole JPEGs too, and their metadata is walked as well. The picture's
    size is the first image's."""
    walked, end = _one_jpeg(data, 0)
    walked.end = end
    while data.startswith(b"\xff\xd8\xff", walked.end):
        try:
            following, end = _one_jpeg(data, walked.end)
        except NotWhole:
            break  # not a whole image: bytes after the end (see layout)
        walked.metadata.extend(following.metadata)
        walked.end = end
    return walked


def _one_jpeg(data: bytes, start: int) -> tuple[Layout, int]:
    """Walk one JPEG from its start marker at `start` to its end marker; where it ends."""
    if data[start : start + 3] != b"\xff\xd8\xff":
        raise NotWhole("it does not start as a JPEG does")
    walked = Layout(0, 0)
    at = start + 2
    while True:
        at, marker = _next_marker(data, at)
        if marker == 0xD9:
            break
        if marker in _STANDALONE_MARKERS:
            continue
        if at + 2 > len(data):
            raise NotWhole(CUT_OFF)
        length = int.from_bytes(data[at : at + 2], "big")
        end = at + length
        if length < 2 or end > len(data):
            raise NotWhole(CUT_OFF)
        payload = at + 2
        if marker in _FRAME_MARKERS and not walked.width:
            if length < 7:
                raise NotWhole("its frame header is too short")
            walked.height = int.from_bytes(data[payload + 1 : payload + 3], "big")
            walked.width = int.from_bytes(data[payload + 3 : payload + 5], "big")
            _check_size(walked.width, walked.height)
        elif marker == 0xE1 and data.startswith(_EXIF_HEADER, payload):
            walked.metadata.append(("exif", payload + len(_EXIF_HEADER), end))
        elif marker == 0xE1:
            for header in _XMP_HEADERS:
                if data.startswith(header, payload):
                    walked.metadata.append(("xmp", payload + len(header), end))
        elif marker == 0xDA:
            if not walked.width:
                raise NotWhole("its picture data comes before its size")
            end = _end_of_scan(data, end)
        at = end
    if not walked.width:
        raise NotWhole("it holds no picture")
    return walked, at


def _next_marker(data: bytes, at: int) -> tuple[int, int]:
    """The position after the next marker at `at` (fill bytes 0xFF skipped) and the marker."""
    if at >= len(data):
        raise NotWhole(CUT_OFF)
    if data[at] != 0xFF:
        raise NotWhole("it is damaged (a marker is missing where one belongs)")
    while at < len(data) and data[at] == 0xFF:
        at += 1
    if at >= len(data):
        raise NotWhole(CUT_OFF)
    return at + 1, data[at]


def _end_of_scan(data: bytes, at: int) -> int:
    """Where the compressed data from `at` ends: at the first marker that is neither a
    stuffed 0xFF00 nor a restart marker."""
    while True:
        at = data.find(b"\xff", at)
        if at < 0 or at + 1 >= len(data):
            raise NotWhole(CUT_OFF)
        following = data[at + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            at += 1 if following == 0xFF else 2
            continue
        return at


# PNG -----------------------------------------------------------------------------------


def _png(data: bytes) -> Layout:
    if not data.startswith(_PNG_SIGNATURE):
        raise NotWhole("it does not start as a PNG does")
    walked = Layout(0, 0)
    at, seen_pixels, first = len(_PNG_SIGNATURE), False, True
    while True:
        if at + 8 > len(data):
            raise NotWhole(CUT_OFF)
        length = int.from_bytes(data[at : at + 4], "big")
        kind = data[at + 4 : at + 8]
        start, end = at + 8, at + 8 + length
        if length > 0x7FFFFFFF or end + 4 > len(data):
            raise NotWhole(CUT_OFF)
        if zlib.crc32(data[at + 4 : end]) != int.from_bytes(data[end : end + 4], "big"):
            raise NotWhole(f"its {kind.decode('latin-1')!r} chunk is damaged (its checksum is wrong)")
        if first != (kind == b"IHDR"):
            raise NotWhole("its header chunk (IHDR) is not first, or comes twice")
        first = False
        if kind == b"IHDR":
            if length != 13:
                raise NotWhole("its header chunk (IHDR) is damaged")
            walked.width = int.from_bytes(data[start : start + 4], "big")
            walked.height = int.from_bytes(data[start + 4 : start + 8], "big")
            _check_size(walked.width, walked.height)
        elif kind == b"IDAT":
            seen_pixels = True
        elif kind == b"eXIf":
            walked.metadata.append(("exif", start, end))
        elif kind in _TEXT_CHUNKS:
            walked.metadata.append((kind.decode("ascii"), start, end))
        at = end + 4
        if kind == b"IEND":
            break
    if not seen_pixels:
        raise NotWhole("it holds no picture data (IDAT)")
    walked.end = at
    return walked


def _png_text(kind: str, chunk: bytes) -> tuple[bytes, bytes]:
    """A PNG text chunk's keyword and its text, unpacked (at most _MAX_TEXT_BYTES)."""
    keyword, _, rest = chunk.partition(b"\x00")
    compressed = kind == "zTXt"
    if kind == "zTXt":
        rest = rest[1:]  # past the compression method
    elif kind == "iTXt":
        compressed = rest[:1] == b"\x01"
        rest = rest[2:].split(b"\x00", 2)[-1]  # past the flag, the method and two tags
    if compressed:
        unpacker = zlib.decompressobj()
        try:
            rest = unpacker.decompress(rest, _MAX_TEXT_BYTES)
        except zlib.error:
            raise NotWhole(f"its text chunk {keyword.decode('latin-1')!r} is damaged") from None
        if unpacker.unconsumed_tail:
            raise NotWhole(f"its text chunk {keyword.decode('latin-1')!r} unpacks to too much")
    return keyword, rest


def _raw_profile_has_location(text: bytes) -> bool:
    """ImageMagick's "Raw profile type exif" chunk: the EXIF block written as hexadecimal."""
    digits = b"".join(_HEX.findall(text.split(b"\n", 3)[-1]))
    try:
        block = bytes.fromhex(digits.decode("ascii"))
    except ValueError:
        return True
    block = block.removeprefix(_EXIF_HEADER)
    try:
        return photo_exif.has_location(block)
    except ExifUnreadable:
        return True  # cannot tell: treated as holding one (on adding, the chunk goes)


def _check_size(width: int, height: int) -> None:
    if width == 0 or height == 0:
        raise NotWhole("its picture has no width or height")
    if width * height > MAX_PIXELS:
        raise NotWhole(
            f"its picture is {width:,} x {height:,} pixels ({width * height / 1e6:,.0f} megapixels); "
            f"images over {MAX_PIXELS // 1_000_000} megapixels are refused"
        )
