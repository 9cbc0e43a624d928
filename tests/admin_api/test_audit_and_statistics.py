"""The audit log (who, what, when; admins only) and participation statistics (no personal data)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from actions.store.database import Database
from actions.store.residents import Resident
from tests.admin_api.conftest import Api, add_idea, add_resident
from tests.support.chat import FakeClock


def test_every_change_is_logged_with_who_what_and_when(
    admin: Api, moderator: Api, mini: int, clock: FakeClock
) -> None:
    proposal = moderator.post(
        f"/campaigns/{mini}/proposals", json={"title": {"en": "Lamp"}, "cost": 40}
    ).json()
    moderator.patch(f"/campaigns/{mini}/proposals/{proposal['id']}", json={"cost": 45})
    admin.patch(f"/campaigns/{mini}", json={"budget": 12_000, "currency": "EUR"})
    viewed = admin.get(f"/campaigns/{mini}")  # reading changes nothing
    assert viewed.status_code == 200
    log = admin.get("/audit").json()
    assert log["total"] == 3
    newest = log["items"][0]
    assert (newest["action"], newest["resource"], newest["resource_id"]) == (
        "update",
        "campaign",
        str(mini),
    )
    assert newest["detail"] == {"fields": ["budget"]}
    assert (newest["actor"], newest["role"]) == ("admin", "admin")
    assert datetime.fromisoformat(newest["at"]) == clock.now
    edited = log["items"][1]
    assert (edited["role"], edited["detail"]) == (
        "moderator",
        {"campaign_id": mini, "fields": ["cost"]},
    )


def test_the_log_is_paged_and_filtered(admin: Api, mini: int) -> None:
    for budget in range(10_001, 10_006):
        admin.patch(f"/campaigns/{mini}", json={"budget": budget})
    admin.post("/tokens", json={"role": "viewer"})
    page = admin.get("/audit", params={"limit": 2, "offset": 1, "resource": "campaign"}).json()
    assert (page["total"], len(page["items"]), page["offset"]) == (5, 2, 1)
    tokens = admin.get("/audit", params={"resource": "token", "action": "create"}).json()
    assert tokens["total"] == 1
    mine = admin.get("/me").json()["token_id"]
    assert admin.get("/audit", params={"token_id": mine}).json()["total"] == 6
    assert admin.get("/audit", params={"since": "2100-01-01T00:00:00Z"}).json()["total"] == 0
    assert admin.get("/audit", params={"limit": 501}).status_code == 422


def test_refused_changes_leave_no_trace(admin: Api, mini: int) -> None:
    assert admin.patch(f"/campaigns/{mini}", json={"budget": 0}).status_code == 422
    assert admin.patch(f"/campaigns/{mini}", json={"languages": ["xx"]}).status_code == 422
    assert admin.get("/audit").json()["total"] == 0


def test_statistics_count_without_personal_data(
    viewer: Api, admin: Api, database: Database, mini: int, clock: FakeClock
) -> None:
    piet = add_resident(database, user="31600000001", campaign_id=mini, now=clock.now)
    amina = add_resident(
        database,
        user="31600000002",
        campaign_id=mini,
        now=clock.now,
        channel="whatsapp",
        language="ar",
    )
    add_idea(database, campaign_id=mini, resident_id=piet, language="nl")
    add_idea(database, campaign_id=mini, resident_id=amina, language="ar", channel="whatsapp")
    admin.post(f"/campaigns/{mini}/codes", json={"count": 8})
    admin.csv(f"/campaigns/{mini}/ballots/paper", 'voter_id,proposal_numbers\nP1,1\nP2,"1,4"\n')
    figures = viewer.get(f"/campaigns/{mini}/statistics")
    assert figures.status_code == 200
    data = figures.json()
    assert data["participants"]["total"] == 2
    assert data["participants"]["by_channel"] == {"telegram": 1, "whatsapp": 1}
    assert data["participants"]["by_language"] == {"ar": 1, "nl": 1}
    assert data["ideas"]["by_language"] == {"ar": 1, "nl": 1}
    assert data["ideas"]["by_status"] == {"submitted": 2}
    assert sum(d["count"] for d in data["ideas"]["by_day"]) == 2
    assert data["ballots"] == {
        "total": 2,
        "by_day": [{"day": data["ballots"]["by_day"][0]["day"], "count": 2}],
        "by_channel": {"paper": 2},
        "by_language": {"unknown": 2},
        "by_status": {},
    }
    assert (data["codes"]["issued"], data["turnout"]) == (8, 0.25)
    with database.transaction() as session:
        keys = list(session.scalars(select(Resident.voter_key)))
    text = figures.text
    assert all(k not in text for k in keys)
    assert "31600000001" not in text and "P1" not in text


def test_statistics_of_an_empty_campaign(viewer: Api, mini: int) -> None:
    data = viewer.get(f"/campaigns/{mini}/statistics").json()
    assert data["turnout"] is None
    assert data["ballots"]["total"] == 0
