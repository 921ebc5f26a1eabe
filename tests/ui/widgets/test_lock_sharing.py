"""Threads that compute while the window answers hand Python's lock back to it often."""

import sys

import pytest

from diary.ui.widgets.background import SWITCH_INTERVAL_SECONDS, share_the_lock_often


def test_the_switch_interval_is_made_short_and_never_longer() -> None:
    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)  # Python's own
        share_the_lock_often()
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_SECONDS)
        sys.setswitchinterval(0.0005)  # already shorter (set by someone else): left so
        share_the_lock_often()
        assert sys.getswitchinterval() == pytest.approx(0.0005)
    finally:
        sys.setswitchinterval(before)
