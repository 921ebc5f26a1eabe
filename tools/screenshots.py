"""Renders the README's screenshots with the program itself, on the demo diary.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py

Writes docs/screenshots/*.png: the day view (light and dark) and each other view.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from diary.store.demo import create_demo_diary  # noqa: E402
from diary.store.diary import Diary  # noqa: E402
from diary.ui import theme  # noqa: E402
from diary.ui.app import make_application  # noqa: E402
from diary.ui.context import DiaryContext  # noqa: E402
from diary.ui.main_window import MainWindow  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = (1180, 820)


def main() -> None:
    app = make_application()
    today = dt.date.today()
    with tempfile.TemporaryDirectory() as folder, Diary.open(create_demo_diary(Path(folder), today)) as diary:
        window = MainWindow(DiaryContext(diary), title_detail="demo diary")
        window.resize(*SIZE)
        window.show()
        window.first_run()  # the demo is set up: this only counts flags and the next visit
        window.day_view.go_to(today - dt.timedelta(days=1))
        OUT.mkdir(parents=True, exist_ok=True)
        for appearance in ("light", "dark"):
            theme.apply_appearance(app, appearance)
            for index in range(window.tabs.count()):
                window.tabs.setCurrentIndex(index)
                for _ in range(5):
                    app.processEvents()
                name = window.tabs.tabText(index).replace("&", "").lower()
                path = OUT / f"{name}-{appearance}.png"
                window.grab().save(str(path))
                print(f"wrote {path.relative_to(ROOT)}")
            window.tabs.setCurrentIndex(0)
        window.close()


if __name__ == "__main__":
    main()
