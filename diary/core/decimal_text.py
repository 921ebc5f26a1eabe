"""Reading a decimal number as a person types it, whatever the computer's language:
64.5, 64,5 and ٦٤٫٥ (Arabic-Indic digits and the Arabic decimal mark) are all 64.5.

One rule for every weight, dose and lab value the window takes. A number with a
thousands separator ("1,234.5") is not taken: in one country that is 1234.5, in another
1.2345, and a diary never guesses.
"""

from __future__ import annotations

import re
import unicodedata

# Comma, point, the Arabic decimal mark, and the full-width comma and point.
DECIMAL_MARKS = ",.\u066b\uff0c\uff0e"
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def ascii_digits(text: str) -> str:
    """`text` with every decimal digit of any script written as 0-9."""
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


def plain_decimal(text: str) -> str:
    """`text` with digits 0-9 and a point for any decimal mark, trimmed."""
    plain = ascii_digits(text).strip().replace("\u00a0", " ")
    for mark in DECIMAL_MARKS:
        plain = plain.replace(mark, ".")
    return plain


def read_decimal(text: str, units: tuple[str, ...] = ()) -> float | None:
    """The number in `text` (None when it holds nothing), a unit in `units` after it
    allowed; ValueError when it is not one number."""
    plain = plain_decimal(text)
    for unit in sorted(units, key=len, reverse=True):
        if plain.lower().endswith(unit.lower()):
            plain = plain[: -len(unit)].strip()
            break
    if not plain:
        return None
    if _NUMBER.fullmatch(plain) is None:
        raise ValueError(f"{text.strip()!r} is not a number")
    return float(plain)


def could_become_decimal(text: str, units: tuple[str, ...] = ()) -> bool:
    """True while `text` may still become a number as more is typed ("64,", "-", "")."""
    try:
        read_decimal(text, units)
        return True
    except ValueError:
        pass
    plain = plain_decimal(text)
    return plain in ("", "+", "-", ".") or re.fullmatch(r"[+-]?\d*\.?\d*\s*[A-Za-z/]*", plain) is not None
