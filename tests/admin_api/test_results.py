"""Results: any rule, explanations, a recorded seed, publishing, CSV and pabulib exports."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest

from actions import results
from actions.domain.pabulib.election import to_election
from actions.domain.pabulib.parse import parse
from actions.domain.tally.registry import RULES, tally
from actions.domain.tally.types import TieBreak
from actions.store.database import Database
from tests.admin_api.conftest import Api
from tests.support.chat import FakeClock

PABULIB = Path(__file__).resolve().parents[3] / "shared" / "pabulib"
# Mini (€10,000): #1 Trees 6000, #2 Swing 3000 (play), #3 Slide 2000 (play), #4 Bench 500.
BALLOTS = 'voter_id,proposal_numbers\nV1,"1,4"\nV2,"1,2"\nV3,"1,3"\nV4,"2,4,1"\nV5,"3,1"\n'


@pytest.fixture
def voted(admin: Api, mini: int) -> int:
    assert admin.csv(f"/campaigns/{mini}/ballots/paper", BALLOTS).status_code == 201
    return mini


def test_a_result_explains_every_proposal(admin: Api, voted: int) -> None:
    response = admin.post(f"/campaigns/{voted}/results", json={"method": "greedy", "seed": 7})
    assert response.status_code == 201, response.text
    result = response.json()
    assert (result["method"], result["seed"], result["published_at"]) == ("greedy", 7, None)
    rows = {r["number"]: r for r in result["proposals"]}
    # Votes: #1 5, #3 2, #4 2, #2 2. Ties go to the cheaper: #1 (6000), #4 (500), #3 (2000);
    # #2 (3000) no longer fits in the €1,500 left.
    assert [r["number"] for r in result["proposals"] if r["selected"]] == [1, 4, 3]
    assert result["cost"] == 8500
    assert (rows[1]["votes"], rows[1]["rank"], rows[1]["explanation"]["code"]) == (5, 1, "won")
    assert rows[2]["explanation"]["code"] == "no_budget_left"
    assert rows[2]["explanation"]["params"]["remaining"] == 1500
    assert result["details"]["voters"] == 5
    assert [row["number"] for row in result["proposals"]] == [1, 4, 3, 2]


@pytest.mark.parametrize("method", sorted(RULES))
def test_every_rule_can_count(admin: Api, voted: int, method: str) -> None:
    result = admin.post(f"/campaigns/{voted}/results", json={"method": method}).json()
    assert result["method"] == method
    assert 0 <= result["seed"] <= 2**31 - 1
    assert result["cost"] <= 10_000
    assert all(r["explanation"] is not None for r in result["proposals"])


def test_unknown_rules_and_options_are_refused(admin: Api, voted: int) -> None:
    url = f"/campaigns/{voted}/results"
    assert admin.post(url, json={"method": "dictator"}).status_code == 422
    assert admin.post(url, json={"method": "greedy", "comparison": True}).status_code == 422
    assert admin.post(url, json={"method": "greedy", "seed": -1}).status_code == 422
    assert admin.post(url, json={"method": "greedy", "seed": 2**31}).status_code == 422
    comparison = admin.post(url, json={"method": "mes-add1", "comparison": True})
    assert comparison.status_code == 201
    assert comparison.json()["details"]["outcome"] in ("mes", "greedy")


def test_publishing_waits_for_voting_to_close_then_shows_in_the_chat(
    admin: Api, viewer: Api, voted: int, database: Database, clock: FakeClock
) -> None:
    result = admin.post(f"/campaigns/{voted}/results", json={"method": "greedy"}).json()
    publish = f"/campaigns/{voted}/results/{result['id']}/publish"
    early = admin.post(publish)
    assert early.status_code == 409
    assert early.json()["error"]["code"] == "voting_not_closed"
    clock.now += timedelta(days=19)  # mini's voting closed the day before
    published = admin.post(publish).json()
    assert published["published_at"] is not None
    campaign = viewer.get(f"/campaigns/{voted}").json()
    assert campaign["phase"] == "results"
    with database.transaction() as session:
        shown = results.published(session, campaign_id=voted)
        assert shown is not None
        assert [w.proposal.number for w in shown.winners] == [1, 4, 3]
        assert [w.votes for w in shown.winners] == [5, 2, 2]
        assert shown.cost == 8500


def test_results_are_listed_newest_first(admin: Api, viewer: Api, voted: int) -> None:
    first = admin.post(f"/campaigns/{voted}/results", json={"method": "greedy"}).json()
    second = admin.post(f"/campaigns/{voted}/results", json={"method": "mes-add1"}).json()
    page = viewer.get(f"/campaigns/{voted}/results").json()
    assert [r["id"] for r in page["items"]] == [second["id"], first["id"]]
    assert viewer.get(f"/campaigns/{voted}/results/{first['id']}").json() == first
    assert viewer.get(f"/campaigns/{voted}/results/999999").status_code == 404


def test_a_result_exports_as_csv_and_pabulib(viewer: Api, admin: Api, voted: int) -> None:
    result = admin.post(f"/campaigns/{voted}/results", json={"method": "greedy", "seed": 3})
    url = f"/campaigns/{voted}/results/{result.json()['id']}"
    exported = viewer.get(url + "/export.csv")
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert [(r["number"], r["rank"], r["selected"]) for r in rows] == [
        ("1", "1", "1"),
        ("4", "2", "1"),
        ("3", "3", "1"),
        ("2", "", "0"),
    ]
    assert rows[0]["title"] == "Trees" and rows[0]["votes"] == "5"
    pb_text = viewer.get(url + "/export.pb").text
    pb = parse(pb_text)
    assert pb.meta["rule"] == "greedy" and pb.budget == 10_000
    assert len(pb.votes) == 5
    assert {p.project_id: p.fields["selected"] for p in pb.projects} == {
        "1": "1",
        "2": "0",
        "3": "1",
        "4": "1",
    }
    # Counting the exported file gives the same winners.
    recount = tally("greedy", to_election(pb), TieBreak(3))
    assert sorted(recount.selected) == ["1", "3", "4"]
    assert "V1" not in pb_text  # voters are numbered, not named


def test_a_pabulib_file_becomes_a_campaign_that_counts_the_same(
    admin: Api, database: Database
) -> None:
    text = (PABULIB / "Netherlands_Amsterdam_309.pb").read_text(encoding="utf-8")
    response = admin.post(
        "/imports/pabulib",
        params={"slug": "amsterdam-309"},
        content=text.encode(),
        headers={"Content-Type": "text/plain"},
    )
    assert response.status_code == 201, response.text
    campaign = response.json()
    assert (campaign["budget"], campaign["languages"]) == (300_000, ["nl"])
    assert (campaign["rules"]["kind"], campaign["rules"]["min_items"]) == ("knapsack", 2)
    counted = admin.post(
        f"/campaigns/{campaign['id']}/results", json={"method": "greedy-no-skip"}
    ).json()
    # Amsterdam's official count of West Begroot 2020: 11 plans for €290,790.
    assert (len(counted["selected"]), counted["cost"]) == (11, 290_790)
    assert counted["details"]["voters"] == 14_411
    exported = parse(admin.get(f"/campaigns/{campaign['id']}/export.pb").text)
    original = parse(text)
    assert [p.project_id for p in exported.projects] == [p.project_id for p in original.projects]
    assert len(exported.votes) == len(original.votes)


def test_a_bad_pabulib_file_is_refused_with_its_line(admin: Api) -> None:
    response = admin.post(
        "/imports/pabulib",
        params={"slug": "broken", "language": "nl"},
        content=b"META\nkey;value\nbudget;lots\n",
        headers={"Content-Type": "text/plain"},
    )
    assert response.status_code == 422
    (detail,) = response.json()["error"]["details"]
    assert (detail["code"], detail["line"]) == ("bad_pb_file", 3)
    assert admin.get("/campaigns").json()["total"] == 0
