"""IsoDiary's reminders on a real tray: run under an X server that has one (stalonetray).

    python -m tests.helpers.tray_child DIARY

Waits for the tray, then walks an evening with a clock it sets itself: 21:00, the entry
saved, the next morning. After each step it prints one JSON line: whether the icon is on
the tray (its place on screen), its tooltip, the menu's lines and whether it is marked.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from diary.core.entry import Entry
from diary.settings import name_application
from diary.store.diary import Diary
from diary.ui.app.context import DiaryContext
from diary.ui.app.tray import DesktopReminders, Tray, when_tray_known
from tests.helpers.diaries import sample_course

TODAY = dt.date(2026, 4, 15)


def state(step: str, tray: Tray) -> dict[str, object]:
    place = tray.icon.geometry()
    return {
        "step": step,
        "on_tray": tray.icon.isVisible() and place.width() > 0 and place.height() > 0,
        "tooltip": tray.icon.toolTip(),
        "menu": [action.text() for action in tray.menu.actions() if action.text()],
        "marked": tray.icon.icon().cacheKey() == tray.marked_icon.cacheKey(),
    }


def main(path: Path) -> int:
    name_application()
    app = QApplication([])
    diary = Diary.open(path)
    diary.save_course(sample_course())
    context = DiaryContext(diary, today=lambda: TODAY)
    window = QMainWindow()
    now = [dt.datetime(2026, 4, 15, 21, 0)]

    def walk(has_tray: bool) -> None:
        if not has_tray:
            print(json.dumps({"step": "no tray"}), flush=True)
            app.exit(1)
            return
        desktop = DesktopReminders(window, context, lambda: None, now=lambda: now[0], has_tray=True)
        tray = desktop.tray
        assert tray is not None

        def placed() -> None:
            # The tray embeds the icon a moment after it is shown: wait for its place.
            if tray.icon.geometry().width() <= 0:
                QTimer.singleShot(50, placed)
                return
            desktop.clock.check()
            print(json.dumps(state("evening", tray)), flush=True)
            context.save_entry(Entry(TODAY, dose_mg=40.0, mood=6))
            desktop.clock.check()
            print(json.dumps(state("entry saved", tray)), flush=True)
            now[0] = dt.datetime(2026, 4, 16, 8, 0)
            desktop.clock.check()
            print(json.dumps(state("next morning", tray)), flush=True)
            app.exit(0)

        placed()

    when_tray_known(walk, wait_ms=20_000, parent=window)
    code = app.exec()
    diary.close()
    return code


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
