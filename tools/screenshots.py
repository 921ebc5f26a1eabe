"""Renders the README's screenshots with the program itself, on the demo diary.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py

Writes docs/screenshots/*.png: each view, light and dark, at the two laptop sizes the
window must fit (1024 × 600 and 1366 × 768 of work area): VIEW-APPEARANCE.png at 1366 × 768,
VIEW-APPEARANCE-1024.png at 1024 × 600. Pass a folder to write elsewhere.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from diary.store.demo import create_demo_diary  # noqa: E402
from diary.store.diary import Diary  # noqa: E402
from diary.ui.app.application import make_application  # noqa: E402
from diary.ui.app.context import DiaryContext  # noqa: E402
from diary.ui.app.main_window import FRAME_ALLOWANCE, MainWindow  # noqa: E402
from diary.ui.widgets import theme  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
# Work areas (screen less panels) and the window that fits each, less a window manager's frame.
SIZES = ((1024, 600), (1366, 768))
MAIN_SIZE = 1366


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    app = make_application()
    today = dt.date.today()
    with tempfile.TemporaryDirectory() as folder, Diary.open(create_demo_diary(Path(folder), today)) as diary:
        window = MainWindow(DiaryContext(diary), title_detail="demo diary")
        window.show()
        window.first_run()  # the demo is set up: this only counts flags and the next visit
        window.day_view.go_to(today - dt.timedelta(days=1))  # a logged day
        out.mkdir(parents=True, exist_ok=True)
        for width, height in SIZES:
            window.resize(width - FRAME_ALLOWANCE.width(), height - FRAME_ALLOWANCE.height())
            for appearance in ("light", "dark"):
                theme.apply_appearance(app, appearance)
                for index in range(window.tabs.count()):
                    window.tabs.setCurrentIndex(index)
                    for _ in range(5):
                        app.processEvents()
                    # Trends draws its chart on a thread of its own: wait until it is shown.
                    trends = window.trends_view.content if window.trends_view.is_built else None
                    until = time.monotonic() + 30
                    while trends is not None and not trends.settled and time.monotonic() < until:
                        app.processEvents()
                        time.sleep(0.01)
                    name = window.tabs.tabText(index).replace("&", "").lower()
                    image = window.grab()
                    suffix = "" if width == MAIN_SIZE else f"-{width}"
                    path = out / f"{name}-{appearance}{suffix}.png"
                    image.save(str(path))
                    print(f"wrote {path}")
                window.tabs.setCurrentIndex(0)
        window.close()


if __name__ == "__main__":
    main()
