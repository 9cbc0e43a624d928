"""The rules reproduce outcomes published with real pabulib elections."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from actions.domain.pabulib.election import to_election
from actions.domain.pabulib.model import PbFile
from actions.domain.pabulib.parse import parse
from actions.domain.tally.registry import tally
from actions.domain.tally.types import Election, Reason, TieBreak

REPO = Path(__file__).resolve().parents[4]
PABULIB = REPO.parent / "shared" / "pabulib"


@cache
def load(name: str) -> tuple[PbFile, Election]:
    pb = parse((PABULIB / f"{name}.pb").read_text(encoding="utf-8"))
    return pb, to_election(pb)


def marked_selected(pb: PbFile) -> set[str]:
    return {p.project_id for p in pb.projects if p.fields.get("selected") == "1"}


def test_amsterdam_west_2020_is_greedy_without_skipping() -> None:
    _, election = load("Netherlands_Amsterdam_309")
    result = tally("greedy-no-skip", election, TieBreak(0))
    assert len(result.selected) == 11
    assert result.cost == 290_790
    assert result.leftover == 300_000 - 290_790
    # The leftover could part-fund the first plan that didn't fit; all after it stopped.
    misfit = result.part_funded
    assert misfit is not None and misfit not in result.selected
    assert result.explanations[misfit].code is Reason.NO_BUDGET_LEFT
    assert result.explanations[misfit].params["remaining"] == result.leftover
    stopped = [e for e in result.explanations.values() if e.code is Reason.STOPPED_BEFORE]
    assert stopped and all(e.params["stopped_at"] == misfit for e in stopped)


def test_amsterdam_weesp_greedy_fills_the_budget_exactly() -> None:
    _, election = load("Netherlands_Amsterdam_324")
    result = tally("greedy", election, TieBreak(0))
    assert set(result.selected) == {"38268", "38280", "38282"}
    assert result.cost == 30_000
    assert result.leftover == 0


def test_amsterdam_weesp_equal_shares() -> None:
    _, election = load("Netherlands_Amsterdam_324")
    result = tally("mes-add1", election, TieBreak(0))
    assert set(result.selected) == {"38266", "38268", "38273", "38274", "38282"}
    assert result.cost <= 30_000


def test_assen_2024_equal_shares_add1() -> None:
    pb, election = load("Netherlands_Assen_2024")
    result = tally("mes-add1", election, TieBreak(0))
    assert len(result.selected) == 9
    assert set(result.selected) == marked_selected(pb)
    assert result.details["increment"] == 843


def test_wieliczka_green_budget_equal_shares_with_comparison() -> None:
    pb, election = load("Poland_Wieliczka_2023_Green_Budget")
    result = tally("mes-add1", election, TieBreak(0), comparison=True)
    assert len(result.selected) == 30
    assert set(result.selected) == marked_selected(pb)
    assert result.details["outcome"] == "mes"
    assert result.details["prefer_mes"] == 1576
    assert result.details["prefer_greedy"] == 1050


@pytest.mark.parametrize(
    "name",
    [
        "Netherlands_Amsterdam_309",
        "Netherlands_Amsterdam_324",
        "Netherlands_Assen_2024",
        "Poland_Wieliczka_2023_Green_Budget",
    ],
)
def test_vote_counts_match_the_files(name: str) -> None:
    pb, election = load(name)
    counted = election.ballots.votes()
    assert {p.project_id: counted.get(p.project_id, 0) for p in pb.projects} == {
        p.project_id: int(p.fields["votes"]) for p in pb.projects
    }
