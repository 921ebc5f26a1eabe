"""Small real images for the photo tests, made with Pillow: JPEGs and PNGs carrying a
location (GPS), an orientation and a date taken, as a phone writes them, and ways to look
inside them (the compressed picture data, the GPS that Pillow reads back)."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image

GPS = {1: "N", 2: (52.0, 31.0, 12.0), 3: "E", 4: (13.0, 24.0, 18.0)}
TAKEN = "2026:05:03 08:15:00"
XMP_WITH_GPS = (
    b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="52,31.2N"'
    b' exif:GPSLongitude="13,24.3E"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)


def exif_block(gps: bool = True, orientation: int | None = 6, taken: str | None = TAKEN) -> bytes:
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    if taken is not None:
        exif.get_ifd(0x8769)[0x9003] = taken
    if gps:
        exif.get_ifd(0x8825).update(GPS)
    return exif.tobytes()


def picture(width: int = 40, height: int = 30, mode: str = "RGB") -> Image.Image:
    image = Image.new(mode, (width, height))
    image.putdata(
        [((x * 7) % 256, (y * 11) % 256, 90, 255)[: len(mode)] for y in range(height) for x in range(width)]
    )
    return image


def jpeg(
    gps: bool = True,
    *,
    orientation: int | None = 6,
    taken: str | None = TAKEN,
    progressive: bool = False,
    xmp: bytes | None = None,
    size: tuple[int, int] = (40, 30),
) -> bytes:
    out = io.BytesIO()
    options: dict[str, object] = {"progressive": progressive, "quality": 90}
    if gps or orientation is not None or taken is not None:
        options["exif"] = exif_block(gps, orientation, taken)
    if xmp is not None:
        options["xmp"] = xmp
    picture(*size).save(out, format="JPEG", **options)
    return out.getvalue()


def png(gps: bool = True, orientation: int | None = 3, taken: str | None = TAKEN, mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    options: dict[str, object] = {}
    if gps or orientation is not None or taken is not None:
        options["exif"] = exif_block(gps, orientation, taken)
    picture(20, 10, mode).save(out, format="PNG", **options)
    return out.getvalue()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def with_png_chunk(image: bytes, chunk: bytes) -> bytes:
    """A PNG with `chunk` added just before its IEND."""
    return image[:-12] + chunk + image[-12:]


def with_size(image: bytes, width: int, height: int) -> bytes:
    """The image with its header claiming another size (JPEG: the frame; PNG: IHDR, CRC mended)."""
    if image.startswith(b"\x89PNG"):
        ihdr = b"IHDR" + struct.pack(">II", width, height) + image[24:29]
        return image[:12] + ihdr + struct.pack(">I", zlib.crc32(ihdr)) + image[33:]
    frame = image.index(b"\xff\xc0") if b"\xff\xc0" in image else image.index(b"\xff\xc2")
    return image[: frame + 5] + struct.pack(">HH", height, width) + image[frame + 9 :]


def scan_of(image: bytes) -> bytes:
    """The compressed picture data: a JPEG's from its first scan on; a PNG's IDAT chunks."""
    if not image.startswith(b"\x89PNG"):
        return image[image.index(b"\xff\xda") :]
    at, found = 8, b""
    while at < len(image):
        length = struct.unpack(">I", image[at : at + 4])[0]
        if image[at + 4 : at + 8] == b"IDAT":
            found += image[at : at + 12 + length]
        at += 12 + length
    return found


def read_back(image: bytes) -> tuple[dict[int, object], dict[int, object], dict[int, object]]:
    """What Pillow reads back: the main EXIF tags, the GPS ones and the Exif details."""
    with Image.open(io.BytesIO(image)) as opened:
        exif = opened.getexif()
        return dict(exif), dict(exif.get_ifd(0x8825)), dict(exif.get_ifd(0x8769))


def pixels(image: bytes) -> bytes:
    with Image.open(io.BytesIO(image)) as opened:
        return opened.tobytes()
