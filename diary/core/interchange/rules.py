"""The value rules of the interchange spec that every reader shares (JSON and CSV): dates,
text, keys, numbers and the size of a file. Each check returns the problem in words, or
None when the value is fine, so that the reader can say where the value sits."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from diary.core import records, routine, scales

# General rules of shared/spec/interchange.md. The lengths of text and keys are those the
# records and the routine already hold themselves to.
FIRST_DAY = scales.FIRST_DAY
LAST_DAY = scales.LAST_DAY
MAX_FILE_BYTES = 100 * 1024 * 1024
NOTE_MAX = records.NOTE_MAX_LENGTH
LABEL_MAX = routine.LABEL_MAX_LENGTH
TEXT_MAX = records.TEXT_MAX_LENGTH
KEY_MAX = routine.KEY_MAX_LENGTH
INTEGER_DIGITS = 15

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Control characters (Unicode category Cc): C0, DEL and C1. Notes may hold new lines and tabs.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_NOTE_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_KEY_FORBIDDEN = frozenset(",;\"'")


def day_problem(text: str) -> tuple[dt.date | None, str | None]:
    """A date written YYYY-MM-DD inside the spec's range, or the problem with `text`."""
    if not _ISO_DAY.fullmatch(text):
        return None, f"must be a date written YYYY-MM-DD, not {shown_text(text)}"
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return None, f"{text} is not a real calendar day"
    if not FIRST_DAY <= day <= LAST_DAY:
        return None, f"{text} is outside the dates a diary holds ({FIRST_DAY} to {LAST_DAY})"
    return day, None


def text_problem(text: str, limit: int, note: bool = False) -> str | None:
    """Valid Unicode, at most `limit` characters, no control characters (notes: but new lines
    and tabs)."""
    if len(text) > limit:
        return f"must be at most {limit:,} characters, not {len(text):,}"
    if _SURROGATE.search(text):
        return "is not valid Unicode text (it holds a lone surrogate)"
    found = (_NOTE_CONTROL if note else _CONTROL).search(text)
    if found:
        allowed = " (new lines and tabs are fine)" if note else ""
        return f"holds the control character {_codepoint(found.group())}{allowed}"
    return None


def key_problem(key: str) -> str | None:
    """Keys of routine steps and side effects: 1-64 characters, no spaces, commas, quotes, ';'
    or control characters."""
    if not key:
        return "must not be empty"
    if len(key) > KEY_MAX:
        return f"must be at most {KEY_MAX} characters, not {len(key)}"
    if _SURROGATE.search(key):
        return "is not valid Unicode text (it holds a lone surrogate)"
    for char in key:
        if unicodedata.category(char) == "Cc":
            return f"{shown_text(key)} holds the control character {_codepoint(char)}"
        if char.isspace() or char in _KEY_FORBIDDEN:
            return f"{shown_text(key)} may not hold spaces, commas, quotes or ';'"
    return None


def clean_text(text: str, note: bool = False) -> str:
    """Text as the writer puts it in a file: line ends as new lines (notes), other control
    characters left out, so that whatever a diary holds reads back."""
    if note:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    pattern = _NOTE_CONTROL if note else _CONTROL
    return pattern.sub("", text) if pattern.search(text) else text


def size_problem(text: str) -> str | None:
    """Files over 100 MiB are refused (a diary of ten years is about 15 MB)."""
    if len(text) * 4 <= MAX_FILE_BYTES:
        return None
    size = len(text.encode("utf-8", "surrogatepass"))
    if size <= MAX_FILE_BYTES:
        return None
    return f"is {size / 1024 / 1024:,.0f} MiB; files over {MAX_FILE_BYTES // 1024 // 1024} MiB are refused"


def shown_text(text: str) -> str:
    """Text quoted for a message, kept short and printable."""
    short = text if len(text) <= 40 else text[:37] + "..."
    return repr(short.encode("utf-8", "backslashreplace").decode("utf-8"))


def _codepoint(char: str) -> str:
    return f"U+{ord(char):04X}"
