"""The CSV form of the diary: one row per entry, for spreadsheets; entries only.

Columns come from the field table (`diary.core.fields`, through
`diary.core.interchange.versions`): the current version's header is written, and the
header of every version is read (a column an older version lacks is not logged). Cells
are read by a small RFC 4180 reader of our own rather than the `csv` module, so that an
unterminated quote is an error naming its line and a long note meets no field-size limit.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any

from diary.core import scales
from diary.core.entry import Entry, InvalidValue, check_number
from diary.core.fields import ANSWERS, FIELDS_BY_NAME, KEYS, NUMBER, TEXT, EntryField
from diary.core.interchange import rules
from diary.core.interchange.document import CURRENT_VERSION, InterchangeError
from diary.core.interchange.versions import DATE_KEY, LAYOUT, EntryLayout

CSV_HEADER = LAYOUT.csv_header(CURRENT_VERSION)
# The formula guard (a leading `'` on text cells) came with version 2: older files are read
# as they are.
_GUARDED_SINCE = 2
# The two entry fields whose keys the diary defines rather than the spec.
_ROUTINE_FIELD = FIELDS_BY_NAME["skincare"]
_SIDE_EFFECT_FIELD = FIELDS_BY_NAME["side_effects"]

_WHOLE = re.compile(r"[0-9]+")
_DECIMAL = re.compile(r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
# What a spreadsheet may run as a formula when a cell begins with it (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
_GUARD = "'"

# RFC 4180 cells: a quoted cell ("" is one quote inside), or an unquoted one.
_QUOTED = re.compile(r'"([^"]*+(?:""[^"]*+)*+)"')
_UNQUOTED = re.compile(r'[^,"\r\n]*+')


class _Problem(Exception):
    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message


class _Unreadable(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


def entries_from_csv(
    text: str,
    source: str,
    known_routine_keys: Iterable[str],
    known_side_effect_keys: Iterable[str] = (),
    *,
    layout: EntryLayout = LAYOUT,
) -> tuple[Entry, ...]:
    """Read every row, or raise InterchangeError naming the line and the column.

    Skincare keys must be steps of the diary's routine (`known_routine_keys`), side effects
    built-in ones or the diary's own (`known_side_effect_keys`). The header is that of any
    version of `layout` (the field table's).
    """
    size = rules.size_problem(text)
    if size is not None:
        raise InterchangeError(source, None, None, f"the file {size}")
    vocabulary: dict[str, set[str]] = {
        _ROUTINE_FIELD.name: set(known_routine_keys),
        _SIDE_EFFECT_FIELD.name: set(known_side_effect_keys) | set(scales.SIDE_EFFECTS),
    }
    rows = _rows(text.removeprefix("\ufeff"))
    try:
        first = next(rows, None)
        if first is None:
            raise InterchangeError(source, None, None, "the file is empty; expected a header row")
        header = tuple(cell.strip() for cell in first[1])
        version = layout.header_versions.get(header)
        if version is None:
            current = layout.csv_header(layout.current)
            raise InterchangeError(
                source,
                "line 1",
                None,
                "the header row must be exactly: "
                + ",".join(current)
                + " (or the header of an older version of the format)",
            )
        guarded = version >= _GUARDED_SINCE
        # The field of each column after the date, and whether it is a text cell (the guard).
        fields = [layout.field_of_column[column] for column in header[1:]]
        columns = tuple((field, field.kind in (KEYS, TEXT)) for field in fields)
        entries: list[Entry] = []
        first_line_of: dict[dt.date, int] = {}
        for line, row in rows:
            if all(not cell.strip() for cell in row):
                continue
            try:
                entry = _entry(layout.entry, columns, row, guarded, vocabulary)
            except _Problem as problem:
                raise InterchangeError(source, f"line {line}", problem.field, problem.message) from None
            if entry.date in first_line_of:
                raise InterchangeError(
                    source,
                    f"line {line}",
                    DATE_KEY,
                    f"{entry.date} is already on line {first_line_of[entry.date]}",
                )
            first_line_of[entry.date] = line
            entries.append(entry)
    except _Unreadable as error:
        raise InterchangeError(source, f"line {error.line}", None, error.message) from None
    return tuple(entries)


def _rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each row with the line it starts on; a line break inside quotes belongs to the cell."""
    position, line, end = 0, 1, len(text)
    while position < end:
        newline = text.find("\n", position)
        stop = end if newline < 0 else newline
        segment = text[position : stop - 1 if text.startswith("\r", stop - 1) and stop > position else stop]
        if '"' not in segment and "\r" not in segment:
            yield line, segment.split(",")  # most rows: no quotes, one line
            position, line = stop + 1, line + 1
            continue
        row, position, next_line = _quoted_row(text, position, line)
        yield line, row
        line = next_line


def _quoted_row(text: str, position: int, line: int) -> tuple[list[str], int, int]:
    """One row that holds quotes, read cell by cell (RFC 4180)."""
    end = len(text)
    row: list[str] = []
    while True:
        cell_line = line
        if text.startswith('"', position):
            quoted = _QUOTED.match(text, position)
            if quoted is None:
                raise _Unreadable(line, 'a quote (") opened on this line is never closed')
            cell = quoted.group(1)
            line += _line_breaks(cell)
            row.append(cell.replace('""', '"'))
            position = quoted.end()
            after = "closing quote"
        else:
            unquoted = _UNQUOTED.match(text, position)
            assert unquoted is not None
            row.append(unquoted.group())
            position = unquoted.end()
            after = "cell"
        if position >= end:
            return row, position, line
        char = text[position]
        if char == ",":
            position += 1
            continue
        if char in "\r\n":
            position += 2 if text.startswith("\r\n", position) else 1
            return row, position, line + 1
        if after == "cell":
            message = 'a cell holding a quote (") must be quoted whole, with its quotes doubled'
        else:
            message = (
                "the quoted cell that starts on this line goes on after its closing quote "
                '(a quote inside a cell is written twice: "")'
            )
        raise _Unreadable(cell_line, message)


def _line_breaks(cell: str) -> int:
    return cell.count("\n") + cell.count("\r") - cell.count("\r\n")


def _entry(
    kind: Callable[..., Entry],
    columns: tuple[tuple[EntryField, bool], ...],
    row: list[str],
    guarded: bool,
    vocabulary: dict[str, set[str]],
) -> Entry:
    """One row: `columns` are the field of each column after the date, and whether it is a
    text cell (the guard); a field without a column is not logged."""
    if len(row) != len(columns) + 1:
        raise _Problem(None, f"has {len(row)} cells; every row needs {len(columns) + 1}")
    date, problem = rules.day_problem(row[0].strip())
    if problem is not None:
        raise _Problem(DATE_KEY, problem)
    values: dict[str, Any] = {"date": date}
    for (field, text), written in zip(columns, row[1:], strict=True):
        guard = guarded and text and written.startswith(_GUARD)
        values[field.name] = _value(field, written[1:] if guard else written, vocabulary)
    try:
        return kind(**values)
    except InvalidValue as error:
        raise _Problem(
            FIELDS_BY_NAME[error.field].csv_column if error.field in FIELDS_BY_NAME else error.field,
            error.message,
        ) from None


def _value(field: EntryField, cell: str, vocabulary: dict[str, set[str]]) -> Any:
    column = field.csv_column
    if field.kind == TEXT:
        # The note keeps its spaces: only an all-blank cell means "not logged". Line ends
        # inside the cell (a spreadsheet on Windows writes "\r\n") are new lines.
        if not cell.strip():
            return None
        note = cell.replace("\r\n", "\n").replace("\r", "\n")
        problem = rules.text_problem(note, rules.NOTE_MAX, note=True)
        if problem is not None:
            raise _Problem(column, problem)
        return note
    if not cell.strip():
        return None
    if field.kind == NUMBER:
        assert field.scale is not None
        # Unstripped: the spec's numbers are ASCII digits, and " 7" is not one.
        return _number(cell, column, field.scale)
    cell = cell.strip()
    keys = tuple(part.strip() for part in cell.split(";"))
    if any(not key for key in keys):
        raise _Problem(column, f"has an empty item in {rules.shown_text(cell)}")
    if field.kind == ANSWERS:
        assert field.scale is not None
        answers = []
        for number, answer in enumerate(keys, start=1):
            try:
                answers.append(_number(answer, column, field.scale))
            except _Problem as wrong:
                raise _Problem(column, f"answer {number} {wrong.message}") from None
        return tuple(answers)
    known = field.vocabulary if field.vocabulary is not None else vocabulary.get(field.name, set())
    for key in keys:
        if key not in known:
            unknown = f"{rules.shown_text(key)} is not one of the known keys{_whose(field)}"
            raise _Problem(column, rules.key_problem(key) or unknown)
    return keys


def _whose(field: EntryField) -> str:
    if field is _ROUTINE_FIELD:
        return " (the steps of this diary's routine)"
    if field is _SIDE_EFFECT_FIELD:
        return " (built-in side effects and this diary's own)"
    return ""


def _number(cell: str, column: str, scale: scales.Scale) -> int | float:
    """ASCII digits only (a spreadsheet's other digits are refused); an integer has at most 15."""
    whole = _WHOLE.fullmatch(cell)
    if not whole and (scale.whole_numbers or not _DECIMAL.fullmatch(cell)):
        kind = "a whole number" if scale.whole_numbers else "a number"
        raise _Problem(column, f"must be {kind} written in digits 0-9, not {rules.shown_text(cell)}")
    if whole and len(cell) > rules.INTEGER_DIGITS:
        digits = sum(char.isdigit() for char in cell)
        if digits > rules.INTEGER_DIGITS:
            raise _Problem(
                column, f"a number of {digits:,} digits is too long (at most {rules.INTEGER_DIGITS})"
            )
    value: int | float = int(cell) if whole else float(cell)
    try:
        check_number(column, value, scale)
    except InvalidValue as error:
        raise _Problem(column, error.message) from None
    return value


# Writing ------------------------------------------------------------------------------


def entries_to_csv(entries: Iterable[Entry]) -> str:
    """One row per entry, in date order, with the current version's header. A list logged as empty is
    written as an empty cell, the spec's only spelling for it, so CSV cannot tell "none" from
    "not logged" for lists. A text cell that a spreadsheet could run as a formula gets one
    `'` in front (the reader takes it off again)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    fields = [LAYOUT.field_of_column[column] for column in CSV_HEADER[1:]]
    for entry in sorted(entries, key=lambda e: e.date):
        writer.writerow(
            [entry.date.isoformat(), *(_cell(field, getattr(entry, field.name)) for field in fields)]
        )
    return out.getvalue()


def _cell(field: EntryField, value: Any) -> str:
    if value is None:
        return ""
    if field.kind == NUMBER:
        return number_cell(value)
    if field.kind == ANSWERS:
        return ";".join(str(answer) for answer in value)
    text = ";".join(value) if field.kind == KEYS else rules.clean_text(value, note=True)
    return _GUARD + text if text.startswith(_FORMULA_STARTS) else text


def number_cell(value: float) -> str:
    """Digits as a person writes them: 20, 22.5, never an exponent."""
    if float(value).is_integer():
        return str(int(value))
    return format(Decimal(repr(float(value))), "f")
