"""Reading real pabulib files, writing them back, and turning them into elections."""

from __future__ import annotations

from pathlib import Path

import pytest

from actions.domain.pabulib.election import to_election
from actions.domain.pabulib.errors import PabulibError
from actions.domain.pabulib.parse import parse
from actions.domain.pabulib.write import write

REPO = Path(__file__).resolve().parents[4]
PABULIB = REPO.parent / "shared" / "pabulib"
NAMES = [
    "Netherlands_Amsterdam_309",
    "Netherlands_Amsterdam_324",
    "Netherlands_Assen_2024",
    "Poland_Wieliczka_2023_Green_Budget",
]


def read(name: str) -> str:
    return (PABULIB / f"{name}.pb").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_real_files_parse_completely(name: str) -> None:
    pb = parse(read(name))
    assert len(pb.projects) == int(pb.meta["num_projects"])
    assert len(pb.votes) == int(pb.meta["num_votes"])
    assert pb.vote_type == "approval"
    assert pb.project_columns[:3] == ("project_id", "cost", "votes")
    assert all(set(p.fields) == set(pb.project_columns) for p in pb.projects)


@pytest.mark.parametrize("name", NAMES)
def test_round_trip_loses_nothing(name: str) -> None:
    pb = parse(read(name))
    assert parse(write(pb)) == pb


def test_quoted_names_and_empty_fields_survive() -> None:
    weesp = parse(read("Netherlands_Amsterdam_324"))
    names = {p.project_id: p.fields["name"] for p in weesp.projects}
    assert names["38279"] == '"Hey, ben jij wel opgeFOOD?!"'
    wieliczka = parse(read("Poland_Wieliczka_2023_Green_Budget"))
    park = next(p for p in wieliczka.projects if p.project_id == "81")
    assert park.fields["name"].startswith(
        'Sensoryczna ścieżka dla dzieci oraz domki dla zwierząt w Parku "Stok'
    )
    trees = next(p for p in wieliczka.projects if p.project_id == "59")
    assert trees.fields["latitude"] == "" and trees.fields["longitude"] == ""
    again = parse(write(wieliczka))
    assert next(p for p in again.projects if p.project_id == "81") == park


def test_meta_keeps_dates_and_comments_as_written() -> None:
    assen = parse(read("Netherlands_Assen_2024"))
    assert assen.meta["date_begin"] == "31.03.2024"
    assert assen.meta["rule"] == "equalshares/add1"
    assert assen.budget == 100_000
    assert list(assen.meta)[:2] == ["description", "country"]


def test_writing_a_result_adds_or_replaces_the_selected_column() -> None:
    weesp = parse(read("Netherlands_Amsterdam_324"))
    marked = parse(write(weesp, selected=["38268", "38280", "38282"]))
    assert marked.project_columns == (*weesp.project_columns, "selected")
    chosen = {p.project_id for p in marked.projects if p.fields["selected"] == "1"}
    assert chosen == {"38268", "38280", "38282"}
    assert marked.votes == weesp.votes
    assen = parse(read("Netherlands_Assen_2024"))
    remarked = parse(write(assen, selected=["3"]))
    assert remarked.project_columns == assen.project_columns
    assert [p.project_id for p in remarked.projects if p.fields["selected"] == "1"] == ["3"]


def test_election_from_a_file() -> None:
    election = to_election(parse(read("Netherlands_Assen_2024")))
    assert election.budget == 100_000
    assert len(election.projects) == 14
    assert election.ballots.n_voters == 84
    assert election.projects[0].name == "PopUp Podium"


def test_only_approval_ballots_are_counted() -> None:
    text = read("Netherlands_Assen_2024").replace("vote_type;approval", "vote_type;ordinal")
    pb = parse(text)
    assert pb.vote_type == "ordinal"
    with pytest.raises(PabulibError, match="only approval"):
        to_election(pb)
