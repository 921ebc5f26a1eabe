"""Many photos: a diary of 300 photos (three areas, weekly and more, across two years) and
how the window copes. Thumbnails are made once (the first pass makes and caches them; the
figure is the pass after, which only reads the cache); the Photos view opens without
waiting for any picture; memory stays bounded while every strip's thumbnails arrive.

The view is timed twice: with the thumbnails cached (every opening after the first), and
cold, with none made yet (the first opening after a restore or an import), when two worker
threads decode 300 photos while the view is built and memory peaks.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from diary.core.course import Course, DoseChange
from diary.core.photos import AREAS, Photo
from diary.settings import FIRST_RUN_DONE
from diary.store.diary import Diary
from diary.store.photo_files import PhotoFiles
from diary.store.photo_intake import take_in

PHOTOS = 300
START = dt.date(2025, 1, 6)
TODAY = START + dt.timedelta(days=PHOTOS * 7 // 3 + 7)
# A phone's photo is 12 megapixels; these are 2 (4032 x 3024 would take minutes to make
# 300 of), still far over a thumbnail's size, so each thumbnail decodes a real JPEG.
SIZE = (1632, 1224)

# In a child process: open the window, then time showing the Photos view (the tab's first
# show builds it) until it has painted; then let every thumbnail arrive and report the
# process's peak resident memory (VmHWM, KiB).
VIEW_WINDOW = """
import datetime as dt, sys, time
from pathlib import Path
from diary.ui.app.application import make_application
from diary.store.diary import Diary
from diary.ui.app.context import DiaryContext
from diary.ui.app.main_window import MainWindow
app = make_application()
diary = Diary.open(Path(sys.argv[1]))
window = MainWindow(DiaryContext(diary, today=lambda: dt.date.fromisoformat(sys.argv[2])))
window.resize(1366, 768)
window.show()
app.processEvents()
began = time.perf_counter()
window.show_photos()
window.photos_view.content.repaint()
app.processEvents()
opened = (time.perf_counter() - began) * 1000
view = window.photos_view.content
wanted = sum(1 for strip in view.strips.values() for row in range(strip.count())
             if strip.item(row).data(256))
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    shown = sum(1 for strip in view.strips.values() for row in range(strip.count())
                if not strip.item(row).icon().isNull())
    if shown >= wanted:
        break
    app.processEvents()
    time.sleep(0.005)
all_shown = (time.perf_counter() - began) * 1000
window.photo_actions.worker.wait()
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(opened, all_shown, shown, wanted, peak.split()[1])
"""


def make_photo_diary(folder: Path) -> Path:
    """A diary with a running course and PHOTOS photos of three areas, two or three a week."""
    from PIL import Image, ImageDraw

    path = folder / "photos.sqlite3"
    areas = list(AREAS)[:3]
    with Diary.open(path) as diary:
        diary.set_setting(FIRST_RUN_DONE.key, True)
        diary.save_course(Course(START, weight_kg=70, doses=(DoseChange(START, 30),)))
        files = PhotoFiles(path)
        for number in range(PHOTOS):
            image = Image.new("RGB", SIZE, (200, 180 - number % 80, 150))
            ImageDraw.Draw(image).ellipse((300, 100, 1300, 1100), fill=(220, 170, 140 + number % 100))
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=80)
            kept = take_in(out.getvalue())
            files.keep(kept)
            day = START + dt.timedelta(days=number * 7 // 3)
            diary.save_photo(Photo(day, areas[number % 3], kept.sha256, kept.media_type))
    return path


def thumbnails(diary_path: Path) -> tuple[float, float]:
    """Milliseconds to make every thumbnail the first time, and to find them all made the next."""
    files = PhotoFiles(diary_path)
    with Diary.open(diary_path) as diary:
        named = diary.images_named()
    timings = []
    for _ in range(2):
        began = time.perf_counter()
        for sha256, media_type in named.items():
            files.thumbnail(sha256, media_type)
        timings.append((time.perf_counter() - began) * 1000)
    return timings[0], timings[1]


def photos_view(diary_path: Path, runs: int = 3, *, cold: bool = False) -> dict[str, float]:
    """The Photos view with PHOTOS photos, each run a fresh window process (medians). `cold`:
    each run starts with no thumbnail made (their cache removed), so the view opens while
    they are being made."""
    results = []
    for _ in range(runs):
        if cold:
            shutil.rmtree(PhotoFiles(diary_path).thumbnails, ignore_errors=True)
        done = subprocess.run(
            [sys.executable, "-c", VIEW_WINDOW, str(diary_path), TODAY.isoformat()],
            capture_output=True,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            timeout=180,
            check=True,
        )
        opened, all_shown, shown, wanted, peak = done.stdout.split()[-5:]
        if int(shown) < int(wanted):
            raise RuntimeError(f"only {shown} of {wanted} thumbnails arrived: {done.stderr}")
        results.append((float(opened), float(all_shown), int(peak) / 1024))
    prefix = "photos_cold" if cold else "photos"
    return {
        f"{prefix}_view_ms": statistics.median(result[0] for result in results),
        f"{prefix}_thumbs_shown_ms": statistics.median(result[1] for result in results),
        f"{prefix}_peak_rss_mib": max(result[2] for result in results),
    }


if __name__ == "__main__":  # a quick look without the rest of `make bench`
    import tempfile

    with tempfile.TemporaryDirectory(prefix="isodiary-bench-photos-") as folder:
        diary = make_photo_diary(Path(folder))
        made, cached = thumbnails(diary)
        figures = {"thumbnails_made_ms": made, "thumbnails_cached_ms": cached, **photos_view(diary)}
        figures.update(photos_view(diary, 1, cold=True))
        print(json.dumps({key: round(value, 1) for key, value in figures.items()}, indent=2))
