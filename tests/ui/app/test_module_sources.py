"""Module sources read while the Trends tab's imports run are read as usual but not kept."""

import linecache
from pathlib import Path

from diary.ui.app.module_sources import not_kept


def test_lines_read_inside_are_given_but_not_kept(tmp_path: Path) -> None:
    before, inside = tmp_path / "before.py", tmp_path / "inside.py"
    before.write_text("KEPT = 1\n")
    inside.write_text("FIRST = 1\nSECOND = 2\n")
    assert linecache.getlines(str(before)) == ["KEPT = 1\n"]
    with not_kept():
        assert linecache.getlines(str(inside)) == ["FIRST = 1\n", "SECOND = 2\n"]
        assert linecache.getline(str(inside), 2) == "SECOND = 2\n"
        assert str(inside) not in linecache.cache
        assert str(before) in linecache.cache  # what was kept before stays
    assert str(inside) not in linecache.cache
    assert linecache.getlines(str(inside)) == ["FIRST = 1\n", "SECOND = 2\n"]
    assert str(inside) in linecache.cache  # kept again once outside


def test_the_cache_is_given_back_after_an_error() -> None:
    kept = linecache.cache
    try:
        with not_kept():
            raise ValueError("an import failed")
    except ValueError:
        pass
    assert linecache.cache is kept
