"""Broadcasts: texts per language, the audience, dry runs, validation, roles, cancel, audit."""

from __future__ import annotations

import asyncio
from datetime import datetime

import pytest
from sqlalchemy import insert, select, update

from actions import campaigns, cast_ballot, forget
from actions.store.broadcasts import Broadcast
from actions.store.campaigns import Campaign, Proposal
from actions.store.database import Database
from actions.store.messaging import OutboxMessage
from actions.store.residents import Conversation, Resident
from bot import notices
from bot.delivery import outbox
from bot.delivery.outbox import Claimed
from bot.delivery.ratelimit import RateLimit
from bot.delivery.sender import Outcome, Sender
from bot.engine.i18n import Catalogs
from tests.admin_api.conftest import Api, add_resident
from tests.support.chat import FakeClock

TEXTS = {
    "nl": "De stemming sluit morgen om 18:00. Heb je al gestemd?",
    "tr": "Oylama yarın 18:00'de kapanıyor. Oy verdiniz mi?",
}


def url(campaign_id: int, rest: str = "") -> str:
    return f"/campaigns/{campaign_id}/broadcasts{rest}"


def campaign_id(database: Database, slug: str) -> int:
    with database.transaction() as session:
        return session.scalars(select(Campaign.id).where(Campaign.slug == slug)).one()


def outbox_rows(database: Database) -> list[OutboxMessage]:
    with database.transaction() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def texts_by_resident(database: Database) -> dict[int | None, str]:
    return {r.resident_id: r.payload["params"]["text"] for r in outbox_rows(database)}


def vote(database: Database, *, campaign_id: int, key: str, now: datetime) -> None:
    """A ballot confirmed in the chat by the resident with this voter key."""
    with database.transaction() as session:
        campaign = campaigns.by_id(session, campaign_id=campaign_id)
        assert campaign is not None
        proposal = session.scalars(
            select(Proposal).where(Proposal.campaign_id == campaign_id, Proposal.number == 1)
        ).one()
        cast_ballot.add(session, campaign=campaign, voter_key=key, proposal=proposal)
        done = cast_ballot.confirm(
            session, campaign=campaign, voter_key=key, channel="telegram", now=now
        )
        assert done.receipt is not None, done.violations


@pytest.fixture
def west(database: Database, demo_campaigns: None) -> int:
    """The demo campaign west: languages nl (the default), en, tr, ar, pl."""
    return campaign_id(database, "west")


def test_each_resident_gets_the_text_in_their_language_or_the_default(
    moderator: Api, database: Database, west: int, clock: FakeClock
) -> None:
    now = clock.now
    piet = add_resident(database, user="31600000001", campaign_id=west, now=now, language="nl")
    ayse = add_resident(
        database, user="31600000002", campaign_id=west, now=now, language="tr", channel="whatsapp"
    )
    amina = add_resident(
        database, user="web-session-3", campaign_id=west, now=now, language="ar", channel="web"
    )
    stopped = add_resident(database, user="31600000004", campaign_id=west, now=now)
    gone = add_resident(database, user="31600000005", campaign_id=west, now=now)
    no_address = add_resident(database, user="31600000006", campaign_id=west, now=now)
    declined = add_resident(database, user="31600000008", campaign_id=west, now=now)
    elsewhere = add_resident(
        database, user="31600000007", campaign_id=campaign_id(database, "duinoord"), now=now
    )
    with database.transaction() as session:
        session.execute(update(Resident).where(Resident.id == stopped).values(opted_out=True))
        session.execute(update(Resident).where(Resident.id == no_address).values(address=None))
        session.execute(update(Resident).where(Resident.id == declined).values(consent_at=None))
        forget.forget(session, resident_id=gone)

    response = moderator.post(url(west), json={"texts": {**TEXTS, "nl": f"  {TEXTS['nl']} "}})

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["texts"] == TEXTS  # stripped
    assert body["audience"] == {"languages": None, "channels": None, "voted": None}
    assert (body["recipients"], body["created_by"], body["cancelled_at"]) == (3, "moderator", None)
    assert body["delivery"] == {"pending": 3, "sent": 0, "failed": 0, "held": 0, "cancelled": 0}
    assert texts_by_resident(database) == {piet: TEXTS["nl"], ayse: TEXTS["tr"], amina: TEXTS["nl"]}
    rows = outbox_rows(database)
    assert {(r.channel, r.kind, r.status, r.broadcast_id) for r in rows} == {
        ("telegram", "notice", "pending", body["id"]),
        ("whatsapp", "notice", "pending", body["id"]),
        ("web", "notice", "pending", body["id"]),
    }
    assert all(r.payload["code"] == "broadcast" for r in rows)
    assert elsewhere not in texts_by_resident(database)
    for address in ("31600000001", "31600000002", "web-session-3"):
        assert address not in response.text


def test_the_notice_is_the_organisers_text_with_the_menu_in_the_residents_language(
    catalogs: Catalogs,
) -> None:
    reply = notices.render(catalogs, code="broadcast", params={"text": TEXTS["nl"]}, language="tr")
    assert reply.text == TEXTS["nl"]
    assert [b.label for b in reply.buttons] == ["Menü"]


@pytest.fixture
def mini_residents(database: Database, mini: int, clock: FakeClock) -> dict[str, int]:
    """Three residents of mini: en on Telegram and nl on Telegram and WhatsApp; two voted."""
    now = clock.now
    found = {
        "anna": add_resident(database, user="anna", campaign_id=mini, now=now, language="en"),
        "bram": add_resident(database, user="bram", campaign_id=mini, now=now, language="nl"),
        "cem": add_resident(
            database, user="cem", campaign_id=mini, now=now, language="nl", channel="whatsapp"
        ),
    }
    vote(database, campaign_id=mini, key="key-telegram-anna", now=now)
    vote(database, campaign_id=mini, key="key-whatsapp-cem", now=now)
    return found


@pytest.mark.parametrize(
    ("audience", "expected"),
    [
        ({}, {"anna", "bram", "cem"}),
        ({"languages": ["nl"]}, {"bram", "cem"}),
        ({"channels": ["whatsapp"]}, {"cem"}),
        ({"voted": True}, {"anna", "cem"}),
        ({"voted": False}, {"bram"}),
        ({"languages": ["nl"], "channels": ["telegram", "whatsapp"], "voted": True}, {"cem"}),
        ({"channels": ["web"]}, set()),
    ],
)
def test_the_audience_filters_by_language_channel_and_vote(
    audience: dict,
    expected: set[str],
    moderator: Api,
    database: Database,
    mini: int,
    mini_residents: dict[str, int],
) -> None:
    body = {"texts": {"en": "Voting closes tomorrow.", "nl": "Morgen sluit de stemming."}}
    response = moderator.post(url(mini), json={**body, "audience": audience})
    assert response.status_code == 201, response.text
    assert response.json()["recipients"] == len(expected)
    for key, value in audience.items():
        assert response.json()["audience"][key] == value
    reached = set(texts_by_resident(database))
    assert reached == {mini_residents[name] for name in expected}


def test_a_dry_run_counts_by_language_and_channel_and_queues_nothing(
    moderator: Api, admin: Api, database: Database, mini: int, mini_residents: dict[str, int]
) -> None:
    response = moderator.post(
        url(mini), json={"texts": {"en": "Voting closes tomorrow."}, "dry_run": True}
    )
    assert response.status_code == 200, response.text
    assert response.json() == {
        "dry_run": True,
        "recipients": 3,
        "by_language": {"en": 1, "nl": 2},
        "by_channel": {"telegram": 2, "whatsapp": 1},
    }
    filtered = moderator.post(
        url(mini),
        json={
            "texts": {"en": "Have you voted yet?"},
            "audience": {"voted": False},
            "dry_run": True,
        },
    )
    assert filtered.json()["recipients"] == 1
    assert outbox_rows(database) == []
    assert moderator.get(url(mini)).json()["total"] == 0
    assert admin.get("/audit", params={"resource": "broadcast"}).json()["total"] == 0


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ({"texts": {"nl": "Hallo", "de": "Hallo"}}, "unknown_language", "texts.de"),
        ({"texts": {"en": "Voting closes tomorrow."}}, "missing_default_translation", "texts"),
        ({"texts": {"nl": "   "}}, "string_too_short", "body.texts.nl"),
        ({"texts": {"nl": "x" * 1001}}, "string_too_long", "body.texts.nl"),
        ({"texts": {"nl": "bel\x07"}}, "value_error", "body.texts.nl"),
        ({"texts": {}}, "too_short", "body.texts"),
        ({"texts": {"nl": "Hallo"}, "audience": {"languages": ["de"]}}, "unknown_language", None),
        ({"texts": {"nl": "Hallo"}, "audience": {"channels": []}}, "too_short", None),
        ({"texts": {"nl": "Hallo"}, "audience": {"voted": "yes"}}, "bool_type", None),
        ({"texts": {"nl": "Hallo"}, "to": "everyone"}, "extra_forbidden", "body.to"),
    ],
)
def test_an_invalid_broadcast_is_refused_in_the_one_error_shape(
    body: dict,
    code: str,
    field: str | None,
    moderator: Api,
    database: Database,
    west: int,
    clock: FakeClock,
) -> None:
    add_resident(database, user="31600000001", campaign_id=west, now=clock.now)
    for dry_run in (False, True):
        response = moderator.post(url(west), json={**body, "dry_run": dry_run})
        assert response.status_code == 422, response.text
        error = response.json()["error"]
        assert error["code"] == "invalid"
        assert error["message"]
        assert [d["code"] for d in error["details"]] == [code]
        if field is not None:
            assert error["details"][0]["field"] == field
    assert outbox_rows(database) == []


def test_the_default_text_is_asked_for_by_name(moderator: Api, west: int) -> None:
    response = moderator.post(url(west), json={"texts": {"en": "Voting closes tomorrow."}})
    (detail,) = response.json()["error"]["details"]
    assert "'nl'" in detail["message"] and "default language" in detail["message"]


def test_viewers_read_broadcasts_but_may_not_send_or_cancel(
    viewer: Api, moderator: Api, admin: Api, mini: int, mini_residents: dict[str, int]
) -> None:
    body = {"texts": {"en": "Voting closes tomorrow."}}
    refused = viewer.post(url(mini), json=body)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"
    assert viewer.get(url(mini)).json()["total"] == 0
    first = moderator.post(url(mini), json=body).json()
    second = admin.post(url(mini), json=body).json()
    assert second["created_by"] == "admin"
    assert viewer.post(url(mini, f"/{first['id']}/cancel")).status_code == 403
    assert viewer.get(url(mini, f"/{first['id']}")).json() == first


def test_the_list_is_newest_first_and_paged_with_delivery_counts(
    moderator: Api, viewer: Api, database: Database, mini: int, clock: FakeClock, west: int
) -> None:
    add_resident(database, user="anna", campaign_id=mini, now=clock.now, language="en")
    ids = []
    for n in range(3):
        body = {"texts": {"en": f"Message {n}"}}
        ids.append(moderator.post(url(mini), json=body).json()["id"])
    with database.transaction() as session:
        session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.broadcast_id == ids[0])
            .values(status="sent", address=None)
        )
    page = viewer.get(url(mini), params={"limit": 2}).json()
    assert (page["total"], page["limit"], page["offset"]) == (3, 2, 0)
    assert [b["id"] for b in page["items"]] == [ids[2], ids[1]]
    rest = viewer.get(url(mini), params={"limit": 2, "offset": 2}).json()["items"]
    assert [b["id"] for b in rest] == [ids[0]]
    assert rest[0]["delivery"] == {"pending": 0, "sent": 1, "failed": 0, "held": 0, "cancelled": 0}
    assert viewer.get(url(mini, "/999999")).json()["error"]["code"] == "broadcast_not_found"
    assert viewer.get(url(west, f"/{ids[0]}")).status_code == 404
    assert viewer.get(url(999, "")).status_code == 404


class Recording:
    """A transport that records what it is handed."""

    channel = "telegram"
    limits = RateLimit(per_second=1000, per_chat_per_second=1000, chat_burst=1000)

    def __init__(self) -> None:
        self.delivered: list[Claimed] = []

    async def deliver(self, item: Claimed) -> Outcome:
        self.delivered.append(item)
        return Outcome("sent", "1")


def test_cancel_stops_what_is_not_delivered_and_the_sender_never_sends_it(
    moderator: Api, database: Database, west: int, clock: FakeClock
) -> None:
    people = [
        add_resident(database, user=f"3160000000{n}", campaign_id=west, now=clock.now)
        for n in range(4)
    ]
    created = moderator.post(url(west), json={"texts": {"nl": TEXTS["nl"]}}).json()
    delivered, held = people[0], people[1]
    with database.transaction() as session:
        session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.resident_id == delivered)
            .values(status="sent", address=None)
        )
        session.execute(
            update(OutboxMessage).where(OutboxMessage.resident_id == held).values(status="held")
        )

    response = moderator.post(url(west, f"/{created['id']}/cancel"))

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["delivery"] == {"pending": 0, "sent": 1, "failed": 0, "held": 0, "cancelled": 3}
    assert body["cancelled_at"] is not None
    rows = outbox_rows(database)
    assert all(r.address is None for r in rows)  # nothing left to deliver, nothing kept
    transport = Recording()
    assert asyncio.run(Sender(database, [transport], clock=clock).drain_once()) == 0
    with database.transaction() as session:
        outbox.release_held(session, resident_id=held, now=clock.now)  # the resident writes
    assert asyncio.run(Sender(database, [transport], clock=clock).drain_once()) == 0
    assert transport.delivered == []
    again = moderator.post(url(west, f"/{created['id']}/cancel")).json()
    assert again["cancelled_at"] == body["cancelled_at"]
    assert again["delivery"] == body["delivery"]


def test_a_row_in_flight_when_cancelled_is_not_retried_or_held(
    moderator: Api, database: Database, west: int, clock: FakeClock
) -> None:
    for n in range(2):
        add_resident(database, user=f"3160000000{n}", campaign_id=west, now=clock.now)
    created = moderator.post(url(west), json={"texts": {"nl": TEXTS["nl"]}}).json()
    with database.transaction() as session:
        first, second = outbox.claim(session, channel="telegram", now=clock.now)
    moderator.post(url(west, f"/{created['id']}/cancel"))
    with database.transaction() as session:
        outbox.mark_retry(session, row_id=first.id, now=clock.now, delay=0, error="502")
        outbox.mark_held(session, row_id=second.id, error="outside the window")
    assert [r.status for r in outbox_rows(database)] == ["cancelled", "cancelled"]
    with database.transaction() as session:
        assert outbox.claim(session, channel="telegram", now=clock.now) == []


def test_a_broadcast_of_another_campaign_cannot_be_cancelled(
    moderator: Api, database: Database, west: int, mini: int, clock: FakeClock
) -> None:
    add_resident(database, user="31600000001", campaign_id=west, now=clock.now)
    created = moderator.post(url(west), json={"texts": {"nl": TEXTS["nl"]}}).json()
    assert moderator.post(url(mini, f"/{created['id']}/cancel")).status_code == 404
    assert [r.status for r in outbox_rows(database)] == ["pending"]


def test_sending_and_cancelling_are_in_the_audit_log_without_addresses(
    moderator: Api, admin: Api, database: Database, west: int, clock: FakeClock
) -> None:
    add_resident(database, user="31600000001", campaign_id=west, now=clock.now, language="tr")
    created = moderator.post(
        url(west), json={"texts": TEXTS, "audience": {"languages": ["tr"]}}
    ).json()
    moderator.post(url(west, f"/{created['id']}/cancel"))
    entries = admin.get("/audit", params={"resource": "broadcast"}).json()["items"]
    assert [(e["action"], e["resource_id"], e["actor"]) for e in entries] == [
        ("cancel", str(created["id"]), "moderator"),
        ("create", str(created["id"]), "moderator"),
    ]
    assert entries[1]["detail"] == {
        "campaign_id": west,
        "languages": ["nl", "tr"],
        "audience": {"languages": ["tr"], "channels": None, "voted": None},
        "recipients": 1,
    }
    assert entries[0]["detail"] == {"campaign_id": west, "cancelled": 1}
    assert "31600000001" not in str(entries)


def test_a_district_sized_broadcast_is_queued_in_one_go(
    moderator: Api, database: Database, west: int, clock: FakeClock
) -> None:
    languages = ["nl", "en", "tr", "ar", "pl"]
    count = 2_500  # more than one driver batch of a multi-row INSERT
    with database.transaction() as session:
        session.execute(
            insert(Resident),
            [
                {
                    "voter_key": f"bulk-{n}",
                    "channel": "whatsapp" if n % 2 else "telegram",
                    "address": f"3169{n:07d}",
                    "language": languages[n % 5],
                    "campaign_id": west,
                    "consent_at": clock.now,
                    "created_at": clock.now,
                }
                for n in range(count)
            ],
        )
        ids = session.scalars(select(Resident.id).where(Resident.voter_key.like("bulk-%")))
        session.execute(insert(Conversation), [{"resident_id": i, "context": {}} for i in ids])
    body = {"texts": {"nl": "Morgen sluit de stemming.", "tr": "Oylama yarın kapanıyor."}}
    created = moderator.post(url(west), json=body).json()
    assert created["recipients"] == count
    assert created["delivery"]["pending"] == count
    with database.transaction() as session:
        rows = session.execute(
            select(Resident.language, OutboxMessage.payload).join(
                OutboxMessage, OutboxMessage.resident_id == Resident.id
            )
        ).all()
        assert session.scalar(select(Broadcast.recipients)) == count
    assert len(rows) == count
    for language, payload in rows:
        assert payload["params"]["text"] == body["texts"]["tr" if language == "tr" else "nl"]


def test_replies_go_out_before_a_broadcast_and_are_not_held_behind_it(
    moderator: Api, database: Database, west: int, clock: FakeClock
) -> None:
    people = [
        add_resident(database, user=f"3160000001{n}", campaign_id=west, now=clock.now)
        for n in range(3)
    ]
    moderator.post(url(west), json={"texts": {"nl": TEXTS["nl"]}})
    with database.transaction() as session:  # the first resident writes; the bot answers
        session.add(
            OutboxMessage(
                channel="telegram",
                resident_id=people[0],
                address="31600000010",
                kind="reply",
                payload={"text": "Wat wil je doen?"},
                next_attempt_at=clock.now,
                created_at=clock.now,
            )
        )
    with database.transaction() as session:
        first = outbox.claim(session, channel="telegram", now=clock.now, limit=1)
    assert [item.kind for item in first] == ["reply"]
    assert first[0].address == "31600000010"
    with database.transaction() as session:
        rest = outbox.claim(session, channel="telegram", now=clock.now)
    assert sorted(item.resident_id or 0 for item in rest) == sorted(people)
