"""Voting codes (CSV once, counts, revocation) and paper ballots (rules, all or nothing)."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from actions import campaigns, eligibility
from actions.domain import voting_code
from actions.eligibility import CodeOutcome
from actions.store.database import Database
from actions.store.residents import Resident
from tests.admin_api.conftest import Api, add_resident
from tests.conftest import SECRET
from tests.support.chat import FakeClock


def enter_code(
    database: Database, campaign_id: int, user: str, code: str, now: datetime
) -> CodeOutcome:
    """A resident types a code in the chat."""
    resident_id = add_resident(database, user=user, campaign_id=campaign_id, now=now)
    with database.transaction() as session:
        campaign = campaigns.by_id(session, campaign_id=campaign_id)
        assert campaign is not None
        return eligibility.check_code(
            session,
            campaign=campaign,
            resident=session.get_one(Resident, resident_id),
            entered=code,
            postcode=None,
            pepper=SECRET,
            now=now,
        )


def test_codes_come_once_as_csv_for_the_printer(
    admin: Api, viewer: Api, database: Database, mini: int, clock: FakeClock
) -> None:
    url = f"/campaigns/{mini}/codes"
    response = admin.post(url, json={"count": 25, "batch": "letters-1"})
    assert response.status_code == 201
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["Cache-Control"] == "no-store"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 25 and len({r["code"] for r in rows}) == 25
    for row in rows:
        assert voting_code.normalise(row["code"]) == row["code"]
        assert row["display"] == voting_code.display(row["code"])
        assert row["batch"] == "letters-1"
    admin.post(url, json={"count": 5})
    assert enter_code(database, mini, "u1", rows[0]["display"].lower(), clock.now) is (
        CodeOutcome.ACCEPTED
    )
    counts = viewer.get(url).json()
    assert counts["total"] == {
        "batch": None,
        "issued": 30,
        "used": 1,
        "revoked": 0,
        "unused": 29,
    }
    assert [(b["batch"], b["issued"]) for b in counts["batches"]] == [
        (None, 5),
        ("letters-1", 25),
    ]
    # The plain codes are in no later response.
    assert rows[1]["code"] not in viewer.get(url).text


def test_a_code_or_a_batch_is_revoked(
    admin: Api, database: Database, mini: int, clock: FakeClock
) -> None:
    url = f"/campaigns/{mini}/codes"
    rows = list(csv.DictReader(io.StringIO(admin.post(url, json={"count": 4, "batch": "b"}).text)))
    lost = rows[0]["display"].replace("-", " ").lower()
    assert admin.post(url + "/revoke", json={"code": lost}).json() == {"revoked": 1}
    assert admin.post(url + "/revoke", json={"code": lost}).status_code == 409
    assert enter_code(database, mini, "u1", rows[0]["code"], clock.now) is CodeOutcome.UNKNOWN
    assert enter_code(database, mini, "u2", rows[1]["code"], clock.now) is CodeOutcome.ACCEPTED
    used = admin.post(url + "/revoke", json={"code": rows[1]["code"]})
    assert used.json()["error"]["code"] == "code_used"
    assert admin.post(url + "/revoke", json={"batch": "b"}).json() == {"revoked": 2}
    assert admin.post(url + "/revoke", json={"batch": "nope"}).status_code == 404
    assert admin.post(url + "/revoke", json={"code": "2346789ABCDE"}).status_code == 404
    assert admin.post(url + "/revoke", json={"code": "0000"}).status_code == 422
    assert admin.post(url + "/revoke", json={"code": "x", "batch": "b"}).status_code == 422
    counts = admin.get(url).json()["total"]
    assert (counts["used"], counts["revoked"], counts["unused"]) == (1, 3, 0)


def test_code_counts_are_bounded(admin: Api, mini: int) -> None:
    url = f"/campaigns/{mini}/codes"
    for count in (0, -1, 100_001, 10**30, "many"):
        assert admin.post(url, json={"count": count}).status_code == 422
    assert admin.post("/campaigns/999/codes", json={"count": 1}).status_code == 404


PAPER = 'voter_id,proposal_numbers\nA1,"1,4"\nA2,1\nA3,"2 1"\n'


def test_paper_ballots_count_with_channel_paper(admin: Api, viewer: Api, mini: int) -> None:
    response = admin.csv(f"/campaigns/{mini}/ballots/paper", PAPER)
    assert response.status_code == 201, response.text
    assert response.json() == {"imported": 3}
    ballots = viewer.get(f"/campaigns/{mini}/ballots", params={"channel": "paper"}).json()
    assert [b["proposal_numbers"] for b in ballots["items"]] == [[1, 4], [1], [1, 2]]
    assert {b["channel"] for b in ballots["items"]} == {"paper"}
    assert "voter_key" not in str(ballots)
    again = admin.csv(f"/campaigns/{mini}/ballots/paper", "voter_id,proposal_numbers\nA9,1\nA2,1\n")
    assert again.status_code == 409
    assert [(d["line"], d["code"]) for d in again.json()["error"]["details"]] == [
        (3, "already_imported")
    ]
    assert viewer.get(f"/campaigns/{mini}/ballots").json()["total"] == 3


def test_a_paper_ballot_that_breaks_a_rule_stops_the_import(admin: Api, mini: int) -> None:
    # Mini: at most 3 proposals, at least €5,000 of €10,000, at most one "play" proposal.
    text = (
        "voter_id,proposal_numbers\n"
        "B1,1\n"
        "B2,4\n"  # €500 is under the minimum
        'B3,"2,3"\n'  # two play proposals
        'B4,"1,1"\n'
        "B5,99\n"
        "B1,1\n"
        "bad id!,1\n"
        "B6,one\n"
        'B7,"1;2;3;4"\n'  # over budget and too many
    )
    response = admin.csv(f"/campaigns/{mini}/ballots/paper", text)
    assert response.status_code == 422
    found = [(d["line"], d["code"]) for d in response.json()["error"]["details"]]
    assert found == [
        (3, "under_min_budget"),
        (4, "theme_cap"),
        (5, "duplicate_proposal"),
        (6, "unknown_proposal"),
        (7, "duplicate_voter"),
        (8, "bad_voter_id"),
        (9, "bad_numbers"),
        (10, "over_budget"),
        (10, "too_many_items"),
        (10, "theme_cap"),
    ]
    assert admin.get(f"/campaigns/{mini}/ballots").json()["total"] == 0
    header = admin.csv(f"/campaigns/{mini}/ballots/paper", "voter,numbers\nB1,1\n")
    assert header.json()["error"]["details"][0]["code"] == "bad_header"
