"""The window's first frame takes its palette before the diary is read or the desktop asked."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from diary.settings import WINDOW_DARK
from diary.ui.widgets import theme


@pytest.fixture
def application(qapp: QApplication) -> Iterator[QApplication]:
    app = qapp
    style, palette = app.style().name(), app.palette()
    yield app
    app.setStyle(style)
    app.setPalette(palette)


def test_the_first_frame_takes_the_look_the_window_last_had(application: QApplication) -> None:
    theme.apply_appearance(application, "dark")  # the diary's choice, set once it was read
    assert theme.palette_is_dark()
    theme.apply_appearance(application, "light")
    theme.apply_palette(application)  # a next start's first frame, before the diary is read
    assert not theme.palette_is_dark()
    theme.apply_appearance(application, "dark")
    theme.apply_palette(application)
    assert theme.palette_is_dark()
    assert WINDOW_DARK.read() in (True, "true")


def test_system_is_remembered_as_the_desktop_had_it(application: QApplication) -> None:
    WINDOW_DARK.write(True)
    theme.apply_palette(application)
    assert theme.palette_is_dark()
    theme.apply_appearance(application, "system")  # asks now: offscreen has no dark scheme
    assert not theme.palette_is_dark()
    assert WINDOW_DARK.read() in (False, "false")
    theme.apply_palette(application)  # the next start's first frame
    assert not theme.palette_is_dark()
