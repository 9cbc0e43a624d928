"""Bad `.pb` input is refused as a whole, with the line and what is wrong."""

from __future__ import annotations

import pytest

from actions.domain.pabulib.errors import PabulibError
from actions.domain.pabulib.parse import parse

GOOD = """META
key;value
budget;100
vote_type;approval
PROJECTS
project_id;cost;name
1;60;"Park; with benches"
2;40;Trees
VOTES
voter_id;vote;age
a;1,2;30
b;2;
"""


def fails(text: str) -> PabulibError:
    with pytest.raises(PabulibError) as caught:
        parse(text)
    return caught.value


def test_the_good_file_parses() -> None:
    pb = parse(GOOD)
    assert [p.project_id for p in pb.projects] == ["1", "2"]
    assert pb.projects[0].fields["name"] == "Park; with benches"
    assert pb.votes[0].vote == ("1", "2")
    assert pb.votes[1].vote == ("2",)
    assert pb.votes[1].fields == {"voter_id": "b", "vote": "2", "age": ""}


def test_crlf_line_endings_and_a_byte_order_mark() -> None:
    assert parse("\ufeff" + GOOD.replace("\n", "\r\n")) == parse(GOOD)
    assert fails(GOOD.replace("b;2;", "b;9;").replace("\n", "\r\n")).line == 12


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("", 1, "missing section META"),
        (GOOD.split("VOTES", maxsplit=1)[0], 9, "missing section VOTES"),
        (
            GOOD.replace("PROJECTS\n", "VOTES\n", 1),
            5,
            "expected section PROJECTS, found section VOTES",
        ),
        (GOOD.replace("PROJECTS\n", "", 1), 5, "expected 2 fields, found 3"),
        (GOOD.replace("2;40;Trees", "2;-40;Trees"), 8, "negative"),
        (GOOD.replace("2;40;Trees", "2;forty;Trees"), 8, "not a whole number"),
        (GOOD.replace("budget;100", "budget;a lot"), 3, "budget 'a lot' is not a whole number"),
        (GOOD.replace("b;2;", "a;2;"), 12, "duplicate voter id a (first on line 11)"),
        (GOOD.replace("2;40;Trees", "1;40;Trees"), 8, "duplicate project id 1 (first on line 7)"),
        (GOOD.replace("b;2;", "b;2,9;"), 12, "unknown project 9"),
        (GOOD.replace("b;2;", "b;2,2;"), 12, "names a project twice"),
        (GOOD.replace("b;2;", "b;2"), 12, "expected 3 fields, found 2"),
        (GOOD.replace("budget;100\n", ""), 1, "META has no budget"),
        (GOOD.replace("project_id;cost;name", "id;cost;name"), 6, "lacks the column project_id"),
        (GOOD.replace("voter_id;vote;age", "voter_id;ballot;age"), 10, "lacks the column vote"),
        (GOOD + "META\n", 13, "unexpected 'META' after VOTES"),
    ],
)
def test_bad_input_is_refused_with_line_and_reason(text: str, line: int, problem: str) -> None:
    error = fails(text)
    assert error.line == line
    assert problem in error.problem
    assert f"line {line}" in str(error)


def test_line_numbers_count_physical_lines_inside_quoted_fields() -> None:
    text = GOOD.replace('"Park; with benches"', '"Park\nwith benches"').replace("b;2;", "b;7;")
    assert fails(text).line == 13


def test_scored_votes_need_matching_points() -> None:
    scored = (
        GOOD.replace("vote_type;approval", "vote_type;cumulative")
        .replace("voter_id;vote;age", "voter_id;vote;points")
        .replace("a;1,2;30", "a;1,2;3,2")
        .replace("b;2;", "b;2;1,1")
    )
    assert fails(scored).line == 12
    assert parse(scored.replace("b;2;1,1", "b;2;5")).votes[1].fields["points"] == "5"
