"""Reading an uploaded CSV table: a header and rows, each with the line it starts on."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from actions.errors import Problem, invalid


@dataclass(frozen=True, slots=True)
class Table:
    """The columns (lower case) and the non-blank rows as (line, column -> cell)."""

    columns: tuple[str, ...]
    rows: list[tuple[int, dict[str, str]]]


def _delimiter(header: str) -> str:
    # Spreadsheets set to Dutch or Polish save CSV with semicolons.
    return ";" if header.count(";") > header.count(",") else ","


def read_table(text: str, *, max_rows: int) -> Table:
    """The table in `text`; InvalidError listing every unreadable line."""
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise invalid([Problem("nul_character", "the file contains a NUL character")])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n", 1)[0]))
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                records.append((start, record))
            start = reader.line_num + 1
    except csv.Error as error:
        raise invalid([Problem("unreadable_csv", str(error), line=reader.line_num)]) from None
    if not records:
        raise invalid([Problem("empty", "the file has no header", line=1)])
    header_line, header = records[0]
    columns = tuple(c.strip().lower() for c in header)
    if len(set(columns)) != len(columns):
        raise invalid([Problem("duplicate_column", "a column appears twice", line=header_line)])
    if len(records) - 1 > max_rows:
        problem = Problem("too_many_rows", f"at most {max_rows} rows at once", line=header_line)
        raise invalid([problem])
    problems = [
        Problem("wrong_field_count", f"expected {len(columns)} fields, found {len(r)}", line=line)
        for line, r in records[1:]
        if len(r) != len(columns)
    ]
    if problems:
        raise invalid(problems, "the file has lines of the wrong length")
    rows = [
        (line, {c: cell.strip() for c, cell in zip(columns, r, strict=True)})
        for line, r in records[1:]
    ]
    return Table(columns, rows)
