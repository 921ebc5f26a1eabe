"""Module sources read while importing, and not kept.

PySide6 reads the source of every module imported after it (looking for its __feature__
switches) through linecache, which keeps every line it reads. Importing matplotlib and
numpy for the Trends tab kept some 18 MiB of lines; cleared afterwards, the memory was
already taken (the peak) and mostly stayed taken (freed lines leave holes between the
modules' own objects). `not_kept` lets linecache read as usual but keep nothing new.
"""

from __future__ import annotations

import linecache
from collections.abc import Iterator
from contextlib import contextmanager


class _Forgetful(dict[str, object]):
    """A cache that keeps what it held and takes nothing new: linecache returns the lines it
    read all the same, and reads them again when next asked (as for a file not cached)."""

    def __setitem__(self, key: str, value: object) -> None:
        pass


@contextmanager
def not_kept() -> Iterator[None]:
    """While inside, linecache reads module sources but keeps none of them."""
    kept = linecache.cache
    linecache.cache = _Forgetful(kept)  # type: ignore[assignment]
    try:
        yield
    finally:
        linecache.cache = kept
