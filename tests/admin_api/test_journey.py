"""A whole organiser journey, from an empty database to results the chat shows."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from sqlalchemy import select

from actions import results
from actions.domain.pabulib.parse import parse
from actions.store.database import Database
from actions.store.messaging import OutboxMessage
from tests.admin_api.conftest import Api, add_idea, add_resident
from tests.support.chat import FakeClock

PROPOSALS = """number,cost,theme,title_nl,title_en,summary_nl,summary_en
1,120000,green,Bomen in de Kinkerstraat,Trees in Kinkerstraat,Meer groen.,More green.
2,90000,play,Speeltuin Oud-West,Playground Oud-West,Nieuwe toestellen.,New equipment.
3,60000,green,Geveltuinen,Facade gardens,Tegels eruit.,Tiles out.
4,50000,play,Voetbalkooi,Football cage,Sporten.,Sports.
"""


def test_an_organiser_runs_a_campaign_from_ideas_to_published_results(
    admin: Api, moderator: Api, viewer: Api, database: Database, clock: FakeClock
) -> None:
    now = clock.now
    day = timedelta(days=1)
    # 1. The admin sets up the campaign.
    created = admin.post(
        "/campaigns",
        json={
            "slug": "oud-west",
            "name": {"nl": "Oud-West Begroot", "en": "Oud-West Budget"},
            "budget": 250_000,
            "languages": ["nl", "en"],
            "dates": {
                "ideas_open": (now - day).isoformat(),
                "ideas_close": (now + 10 * day).isoformat(),
                "voting_open": (now + 20 * day).isoformat(),
                "voting_close": (now + 30 * day).isoformat(),
            },
            "rules": {"kind": "knapsack", "max_budget": 250_000, "min_items": 1},
            "themes": [
                {"key": "green", "name": {"nl": "Groen", "en": "Green"}},
                {"key": "play", "name": {"nl": "Spelen", "en": "Play"}},
            ],
        },
    )
    assert created.status_code == 201, created.text
    campaign = created.json()
    cid = campaign["id"]
    assert campaign["phase"] == "ideas"

    # 2. A resident sends an idea through the chat; a moderator accepts it and is told so.
    resident = add_resident(database, user="31611111111", campaign_id=cid, now=now)
    reference = add_idea(database, campaign_id=cid, resident_id=resident, title="Bankjes")
    ideas = viewer.get(f"/campaigns/{cid}/ideas", params={"status": "submitted"}).json()
    idea = ideas["items"][0]
    assert idea["reference"] == reference == "OUD-WEST-0001"
    decided = moderator.post(
        f"/campaigns/{cid}/ideas/{idea['id']}/moderation", json={"status": "accepted"}
    )
    assert decided.json()["notified"] is True
    with database.transaction() as session:
        notice = session.scalars(select(OutboxMessage)).one()
        assert notice.payload["code"] == "idea_accepted"
        assert notice.payload["params"]["reference"] == "OUD-WEST-0001"

    # 3. Proposals come from a spreadsheet, and the accepted idea becomes one more.
    imported = moderator.csv(f"/campaigns/{cid}/imports/proposals", PROPOSALS)
    assert imported.json() == {"created": [1, 2, 3, 4], "updated": []}
    bench = moderator.post(
        f"/campaigns/{cid}/ideas/{idea['id']}/proposal",
        json={"cost": 15_000, "theme": "green", "title": {"en": "Benches"}},
    ).json()
    assert bench["number"] == 5
    lacking = viewer.get(f"/campaigns/{cid}/proposals", params={"missing_language": "en"})
    assert [p["number"] for p in lacking.json()["items"]] == [1, 2, 3, 4, 5]

    # 4. Voting codes for the letters; one letter got lost.
    letters = admin.post(f"/campaigns/{cid}/codes", json={"count": 10, "batch": "post-1"})
    codes = list(csv.DictReader(io.StringIO(letters.text)))
    admin.post(f"/campaigns/{cid}/codes/revoke", json={"code": codes[9]["display"]})

    # 5. Voting closes; the paper ballots from the library come in.
    clock.now = now + 31 * day
    paper = admin.csv(
        f"/campaigns/{cid}/ballots/paper",
        'voter_id,proposal_numbers\nL1,"1,3"\nL2,"1,2"\nL3,"3,5"\nL4,1\n',
    )
    assert paper.json() == {"imported": 4}

    # 6. Count, look, publish: the chat shows the winners.
    result = admin.post(f"/campaigns/{cid}/results", json={"method": "greedy", "seed": 1}).json()
    assert [r["number"] for r in result["proposals"] if r["selected"]] == [1, 3, 5]
    published = admin.post(f"/campaigns/{cid}/results/{result['id']}/publish")
    assert published.status_code == 200
    with database.transaction() as session:
        shown = results.published(session, campaign_id=cid)
        assert shown is not None
        assert [(w.proposal.number, w.votes) for w in shown.winners] == [(1, 3), (3, 2), (5, 1)]

    # 7. Exports and figures.
    assert (
        "Bomen in de Kinkerstraat"
        in viewer.get(f"/campaigns/{cid}/results/{result['id']}/export.csv").text
    )
    pb = parse(viewer.get(f"/campaigns/{cid}/results/{result['id']}/export.pb").text)
    assert (pb.budget, len(pb.votes)) == (250_000, 4)
    figures = viewer.get(f"/campaigns/{cid}/statistics").json()
    assert figures["ballots"]["by_channel"] == {"paper": 4}
    assert figures["ideas"]["by_status"] == {"accepted": 1}
    assert figures["codes"]["revoked"] == 1
    assert figures["turnout"] == round(4 / 9, 4)

    # 8. Every change is in the audit log, newest first, with who did it.
    log = admin.get("/audit", params={"limit": 100}).json()
    actions = [(e["action"], e["resource"], e["role"]) for e in reversed(log["items"])]
    assert actions == [
        ("create", "campaign", "admin"),
        ("moderate", "idea", "moderator"),
        ("import", "proposal", "moderator"),
        ("convert", "idea", "moderator"),
        ("generate", "voting_codes", "admin"),
        ("revoke", "voting_code", "admin"),
        ("import", "paper_ballots", "admin"),
        ("compute", "result", "admin"),
        ("publish", "result", "admin"),
    ]
    assert codes[9]["code"] not in str(log)
