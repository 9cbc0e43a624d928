"""Reading uploaded CSV tables: delimiters, quoted line breaks, and problems with their lines."""

from __future__ import annotations

import pytest

from actions.csv_input import read_table
from actions.errors import InvalidError


def problems(text: str, max_rows: int = 100) -> list[tuple[str, int | None]]:
    with pytest.raises(InvalidError) as caught:
        read_table(text, max_rows=max_rows)
    return [(p.code, p.line) for p in caught.value.problems]


def test_rows_carry_the_line_they_start_on() -> None:
    table = read_table('\ufeffNumber , Title\n1,"two\nlines"\n\n2, padded \n', max_rows=10)
    assert table.columns == ("number", "title")
    assert table.rows == [
        (2, {"number": "1", "title": "two\nlines"}),
        (5, {"number": "2", "title": "padded"}),
    ]


def test_semicolons_from_a_dutch_spreadsheet_are_understood() -> None:
    table = read_table('voter_id;proposal_numbers\nA1;"3,7"\n', max_rows=10)
    assert table.rows == [(2, {"voter_id": "A1", "proposal_numbers": "3,7"})]


def test_unreadable_tables_say_where() -> None:
    assert problems("") == [("empty", 1)]
    assert problems("\n \n") == [("empty", 1)]
    assert problems("a,a\n1,2\n") == [("duplicate_column", 1)]
    assert problems("a,b\n1\n2,3\n4,5,6\n") == [("wrong_field_count", 2), ("wrong_field_count", 4)]
    assert problems("a\n1\n2\n3\n", max_rows=2) == [("too_many_rows", 1)]
    assert problems("a,b\n1,\x00\n") == [("nul_character", None)]
