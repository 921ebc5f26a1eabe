"""Location data in a photo's EXIF block, found and removed without touching anything else.

EXIF is a small TIFF structure: directories (IFDs) of 12-byte entries whose values sit in
the entry or elsewhere in the block at an offset. GPS lives in its own directory that the
first directory (or the Exif one) points to with tag 0x8825. Removing it here keeps the
block's length and every other offset as they were: the pointer entry is taken out of its
directory (the entries after it move up, leaving 12 unused bytes), and the GPS directory
and its values are overwritten with zeros. So the orientation, the date taken and a
phone's second image after the first (whose offsets count from the EXIF block) stay valid,
and nothing is re-encoded.

XMP (text metadata) may hold location too ("exif:GPSLatitude"); `xmp_has_location` says so
and `emptied_xmp` gives an empty packet of the same length to put in its place.
"""

from __future__ import annotations

import re
import struct

GPS_POINTER = 0x8825
EXIF_POINTER = 0x8769
DATE_TAKEN = 0x9003  # DateTimeOriginal
DATE_DIGITIZED = 0x9004

# Bytes per value of each TIFF type (1 BYTE ... 13 IFD).
_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}
_MAX_DIRECTORIES = 16  # a chain longer than this is a loop or a trap
_XMP_LOCATION = re.compile(rb":GPS[A-Za-z]")
_EMPTY_XMP_HEAD = (
    b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"/>'
)
_EMPTY_XMP_TAIL = b'<?xpacket end="w"?>'


class ExifUnreadable(ValueError):
    """The EXIF block is malformed, so whether it holds a location cannot be told."""


class _Tiff:
    """A parsed EXIF block: its byte order and where each directory's entries are."""

    def __init__(self, block: bytes) -> None:
        if len(block) < 8 or block[:2] not in (b"II", b"MM"):
            raise ExifUnreadable("its EXIF block does not start as TIFF does")
        self.block = block
        self.order = "<" if block[:2] == b"II" else ">"
        if self._unpack("H", 2) != 42:
            raise ExifUnreadable("its EXIF block does not start as TIFF does")

    def _unpack(self, kind: str, at: int) -> int:
        size = struct.calcsize(kind)
        if at < 0 or at + size > len(self.block):
            raise ExifUnreadable("its EXIF block points outside itself")
        value: int = struct.unpack_from(self.order + kind, self.block, at)[0]
        return value

    def entries(self, at: int) -> list[tuple[int, int, int, int, int]]:
        """The directory at `at`: (where the entry is, tag, type, count, value or offset)."""
        count = self._unpack("H", at)
        if at + 2 + 12 * count + 4 > len(self.block):
            raise ExifUnreadable("its EXIF block points outside itself")
        found = []
        for index in range(count):
            entry = at + 2 + 12 * index
            tag, kind, number = (
                self._unpack("H", entry),
                self._unpack("H", entry + 2),
                self._unpack("I", entry + 4),
            )
            found.append((entry, tag, kind, number, self._unpack("I", entry + 8)))
        return found

    def next_directory(self, at: int) -> int:
        return self._unpack("I", at + 2 + 12 * self._unpack("H", at))

    def directories(self) -> list[int]:
        """The offsets of the main chain (IFD0, IFD1...) and of the Exif directory."""
        found: list[int] = []
        at = self._unpack("I", 4)
        while at and len(found) < _MAX_DIRECTORIES:
            if at in found:
                raise ExifUnreadable("its EXIF directories point in a loop")
            found.append(at)
            at = self.next_directory(at)
        for directory in list(found):
            for _, tag, _, _, value in self.entries(directory):
                if tag == EXIF_POINTER and value not in found:
                    found.append(value)
        return found

    def value_span(self, kind: int, count: int, value: int) -> tuple[int, int] | None:
        """Where an entry's value sits when it does not fit in the entry, else None."""
        size = _TYPE_SIZES.get(kind)
        if size is None:
            raise ExifUnreadable(f"its EXIF block holds an unknown value type ({kind})")
        length = size * count
        if length <= 4:
            return None
        if value + length > len(self.block):
            raise ExifUnreadable("its EXIF block points outside itself")
        return value, length


def has_location(block: bytes) -> bool:
    """True when the EXIF block (TIFF, without the "Exif\\0\\0" prefix) points to GPS data."""
    tiff = _Tiff(block)
    return any(tag == GPS_POINTER for at in tiff.directories() for _, tag, *_ in tiff.entries(at))


def without_location(block: bytes) -> bytes:
    """The EXIF block with its GPS data gone and its length unchanged (see the module's
    docstring). Raises ExifUnreadable when the block is malformed."""
    tiff = _Tiff(block)
    cleaned = bytearray(block)
    for directory in tiff.directories():
        entries = tiff.entries(directory)
        pointers = [entry for entry in entries if entry[1] == GPS_POINTER]
        if not pointers:
            continue
        for _, _, _, _, gps_at in pointers:
            for start, length in _gps_spans(tiff, gps_at):
                cleaned[start : start + length] = bytes(length)
        kept = [block[entry[0] : entry[0] + 12] for entry in entries if entry[1] != GPS_POINTER]
        following = block[directory + 2 + 12 * len(entries) : directory + 2 + 12 * len(entries) + 4]
        rewritten = struct.pack(tiff.order + "H", len(kept)) + b"".join(kept) + following
        end = directory + 2 + 12 * len(entries) + 4
        cleaned[directory:end] = rewritten + bytes(end - directory - len(rewritten))
    result = bytes(cleaned)
    if has_location(result):  # also re-reads the block whole: zeros over a shared value show here
        raise ExifUnreadable("its EXIF block's location data could not be taken out")
    return result


def _gps_spans(tiff: _Tiff, at: int) -> list[tuple[int, int]]:
    """The GPS directory and its values outside it; nothing when the pointer leads nowhere."""
    try:
        entries = tiff.entries(at)
    except ExifUnreadable:
        return []
    spans = [(at, 2 + 12 * len(entries) + 4)]
    for _, _, kind, count, value in entries:
        span = tiff.value_span(kind, count, value)
        if span is not None:
            spans.append(span)
    return spans


def xmp_has_location(packet: bytes) -> bool:
    return bool(_XMP_LOCATION.search(packet))


def emptied_xmp(packet: bytes) -> bytes:
    """An XMP packet saying nothing, as long as `packet` (spaces pad it, as XMP allows)."""
    padding = len(packet) - len(_EMPTY_XMP_HEAD) - len(_EMPTY_XMP_TAIL)
    if padding < 0:
        return b" " * len(packet)
    return _EMPTY_XMP_HEAD + b" " * padding + _EMPTY_XMP_TAIL
