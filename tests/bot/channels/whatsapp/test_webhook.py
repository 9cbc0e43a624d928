"""The WhatsApp webhook over HTTP: handshake, signatures, parsing, idempotency, statuses."""

from __future__ import annotations

import json
import time

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from actions.store.database import Database
from actions.store.messaging import InboundMessage, OutboxMessage
from actions.store.residents import Conversation, Resident
from bot.channels.whatsapp.webhook import WhatsAppChannel, router
from tests.support.fake_whatsapp import FakeGraphApi
from tests.support.whatsapp_resident import (
    POLISH,
    TURKISH,
    VERIFY_TOKEN,
    WhatsAppResident,
    fixture,
    post,
    sign,
    wait_until_delivered,
)


def counts(database: Database) -> tuple[int, int, int]:
    """Residents, outbox rows and recorded inbound messages."""
    with database.transaction() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model))
            for model in (Resident, OutboxMessage, InboundMessage)
        )


def verify(client: TestClient, **params: str) -> tuple[int, str]:
    response = client.get("/webhooks/whatsapp", params=params)
    return response.status_code, response.text


# --- the verification handshake ------------------------------------------------------------


def test_the_handshake_echoes_the_challenge(client: TestClient) -> None:
    response = client.get(
        "/webhooks/whatsapp",
        params={
            "hub.mode": "subscribe",
            "hub.verify_token": VERIFY_TOKEN,
            "hub.challenge": "1158201444",
        },
    )
    assert response.status_code == 200 and response.text == "1158201444"
    assert response.headers["content-type"].startswith("text/plain")


@pytest.mark.parametrize(
    "params",
    [
        {"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1"},
        {"hub.mode": "unsubscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1"},
        {"hub.mode": "subscribe", "hub.challenge": "1"},
        {},
    ],
)
def test_a_wrong_verify_token_or_mode_is_refused(
    client: TestClient, params: dict[str, str]
) -> None:
    status, text = verify(client, **params)
    assert status == 403 and "1" not in text.replace("403", "")


# --- signatures: nothing about the body is processed without a valid one ---------------------


def test_a_missing_signature_is_refused_and_nothing_processed(
    client: TestClient, database: Database, fake_graph: FakeGraphApi
) -> None:
    status, _ = post(client, fixture("text"), signature=None)
    assert status == 401
    time.sleep(0.3)
    assert counts(database) == (0, 0, 0) and fake_graph.sent == [] and fake_graph.reads == []


@pytest.mark.parametrize(
    "signature",
    [
        sign(b"another body"),
        sign(b'{"object": "whatsapp_business_account"}', secret="whatsapp-app-secret-for-tests"),
        "sha256=" + "0" * 64,
        "sha1=1234",
        "sha256=ünïcode".encode("latin-1"),
    ],
)
def test_a_bad_signature_is_refused_and_nothing_processed(
    client: TestClient, database: Database, fake_graph: FakeGraphApi, signature: str | bytes
) -> None:
    status, _ = post(client, fixture("text"), signature=signature)
    assert status == 403
    time.sleep(0.3)
    assert counts(database) == (0, 0, 0) and fake_graph.sent == [] and fake_graph.reads == []


def test_a_signature_under_another_secret_is_refused(
    client: TestClient, database: Database
) -> None:
    body = json.dumps(fixture("text")).encode()
    status, _ = post(client, body, signature=sign(body, secret="someone-elses-secret"))
    assert status == 403 and counts(database) == (0, 0, 0)


def test_without_an_app_secret_every_notification_is_refused(
    channel: WhatsAppChannel, database: Database
) -> None:
    channel.app_secret = None
    app = FastAPI()
    app.include_router(router(channel, lambda: None))
    status, _ = post(TestClient(app), fixture("text"))
    assert status == 403 and counts(database) == (0, 0, 0)


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[]",
        b'{"object": "page", "entry": []}',
        b'{"object": "whatsapp_business_account", "entry": 5}',
        b"\xff\xfe",
    ],
)
def test_a_malformed_body_is_a_400(client: TestClient, database: Database, body: bytes) -> None:
    status, content = post(client, body)
    assert status == 400 and b"malformed notification" in content
    assert counts(database) == (0, 0, 0)


def test_a_body_too_large_is_refused(client: TestClient) -> None:
    body = b'{"object": "whatsapp_business_account", "pad": "' + b"x" * 1_100_000 + b'"}'
    status, _ = post(client, body)
    assert status == 413


# --- messages ------------------------------------------------------------------------------


def test_a_first_message_is_answered_in_the_language_of_the_country_code(
    ayse: WhatsAppResident, marek: WhatsAppResident
) -> None:
    ayse.post(fixture("text"))
    ayse.expect("Hangi bütçeye")  # "Which budget?" in Turkish
    marek.say("dzień dobry")
    marek.expect("W którym budżecie")


def wait_for_read(fake_graph: FakeGraphApi, wamid: str) -> None:
    deadline = time.monotonic() + 15
    while wamid not in fake_graph.reads:
        assert time.monotonic() < deadline, "no read receipt"
        time.sleep(0.02)


def test_the_message_is_marked_as_read(ayse: WhatsAppResident, fake_graph: FakeGraphApi) -> None:
    data = fixture("text")
    wamid = data["entry"][0]["changes"][0]["value"]["messages"][0]["id"]
    ayse.post(data)
    wait_for_read(fake_graph, wamid)
    assert fake_graph.reads == [wamid]


def test_a_replayed_notification_does_nothing(
    ayse: WhatsAppResident, fake_graph: FakeGraphApi, database: Database
) -> None:
    data = fixture("text")
    assert ayse.post(data) == 200
    sent, before = len(fake_graph.sent), counts(database)
    wait_for_read(fake_graph, data["entry"][0]["changes"][0]["value"]["messages"][0]["id"])
    reads = len(fake_graph.reads)
    assert ayse.post(data) == 200
    time.sleep(0.3)
    wait_until_delivered(database)
    assert (len(fake_graph.sent), counts(database), len(fake_graph.reads)) == (
        sent,
        before,
        reads,
    )


@pytest.mark.parametrize("name", ["reaction", "sticker", "unsupported"])
def test_kinds_pbchat_ignores_get_200_and_nothing_else(
    client: TestClient, database: Database, fake_graph: FakeGraphApi, name: str
) -> None:
    status, _ = post(client, fixture(name))
    assert status == 200
    time.sleep(0.3)
    assert counts(database) == (0, 0, 0) and fake_graph.sent == []


def test_a_voice_note_gets_the_question_again(ayse: WhatsAppResident) -> None:
    ayse.say("merhaba")
    question = ayse.text
    ayse.post(fixture("audio"))
    assert ayse.text == question


def test_several_messages_in_one_notification_are_each_a_turn(
    client: TestClient, database: Database, fake_graph: FakeGraphApi
) -> None:
    status, _ = post(client, fixture("several_entries"))
    assert status == 200
    wait_until_delivered(database)
    assert fake_graph.messages(TURKISH) and fake_graph.messages(POLISH)
    assert "Hangi bütçeye" in fake_graph.messages(TURKISH)[0].text
    assert "W którym budżecie" in fake_graph.messages(POLISH)[0].text
    assert counts(database)[0] == 2  # the reaction made no resident


def test_the_phone_number_is_never_logged_nor_kept_after_delivery(
    ayse: WhatsAppResident, caplog: pytest.LogCaptureFixture, database: Database
) -> None:
    caplog.set_level("DEBUG")
    ayse.say("start west").tap_nth(1)
    ayse.post(fixture("reaction"))
    assert TURKISH not in caplog.text and "Ayşe" not in caplog.text
    with database.transaction() as session:
        resident = session.scalars(select(Resident)).one()
        assert TURKISH not in resident.voter_key
        assert all(row.address is None for row in session.scalars(select(OutboxMessage)))


# --- statuses ------------------------------------------------------------------------------


def status_of(name: str, wamid: str) -> dict[str, object]:
    data = fixture(name)
    data["entry"][0]["changes"][0]["value"]["statuses"][0]["id"] = wamid
    return data


def last_row(database: Database) -> OutboxMessage:
    with database.transaction() as session:
        found = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
        assert found is not None
        session.expunge(found)
        return found


def test_statuses_are_recorded_on_the_outbox_row_and_never_step_back(
    ayse: WhatsAppResident, client: TestClient, database: Database
) -> None:
    ayse.say("merhaba")
    wamid = ayse.last[-1].wamid
    assert last_row(database).provider_message_id == wamid
    for name, expected in [
        ("status_sent", "sent"),
        ("status_read", "read"),
        ("status_delivered", "read"),  # late: read already implies delivered
    ]:
        assert post(client, status_of(name, wamid))[0] == 200
        assert last_row(database).delivery == expected


def test_a_failed_status_marks_the_row_failed_and_the_number_unreachable(
    ayse: WhatsAppResident, client: TestClient, database: Database
) -> None:
    ayse.say("merhaba")
    assert post(client, status_of("status_failed", ayse.last[-1].wamid))[0] == 200
    row = last_row(database)
    assert (row.status, row.delivery) == ("failed", "failed")
    assert row.last_error is not None and row.last_error.startswith("131026")
    with database.transaction() as session:
        assert session.scalars(select(Resident)).one().unreachable
    ayse.say("merhaba")  # they write again: reachable after all
    with database.transaction() as session:
        assert not session.scalars(select(Resident)).one().unreachable


def test_a_status_for_an_unknown_message_is_ignored(client: TestClient, database: Database) -> None:
    assert post(client, fixture("status_delivered"))[0] == 200
    assert counts(database) == (0, 0, 0)


def test_a_more_row_of_an_old_list_gets_a_turn_that_says_so(
    ayse: WhatsAppResident, database: Database
) -> None:
    ayse.say("merhaba")
    with database.transaction() as session:
        turns = session.scalars(select(Conversation)).one().turns
    ayse._press(("Daha fazla (3)", "wa:page:99999:1", "list_reply"))
    with database.transaction() as session:
        assert session.scalars(select(Conversation)).one().turns == turns + 1
    assert ayse.last, "a stale page turn is answered"
