"""Make tests/store/fixtures/phone.heic: a tiny HEIC photo like a phone's, with a location,
a date taken (2026-05-03) and an orientation in its EXIF, for the tests of taking HEIC in.

pi-heif (what IsoDiary uses) only decodes, so this needs pillow-heif, which can encode; run
it in a throwaway environment, not the project's: pip install pillow-heif; python THIS.
"""

from __future__ import annotations

from pathlib import Path

import pillow_heif
from PIL import Image

OUT = Path(__file__).resolve().parents[1] / "tests" / "store" / "fixtures" / "phone.heic"


def main() -> None:
    picture = Image.new("RGB", (64, 48))
    for x in range(64):
        for y in range(48):
            picture.putpixel((x, y), (x * 4, y * 5, 128))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: turn 90 degrees to show
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8769)[0x9003] = "2026:05:03 08:15:00"
    exif.get_ifd(0x8825).update({1: "N", 2: (52.0, 31.0, 12.0), 3: "E", 4: (13.0, 24.0, 18.0)})
    pillow_heif.register_heif_opener()
    picture.save(OUT, format="HEIF", quality=60, exif=exif.tobytes())
    print(OUT, OUT.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
