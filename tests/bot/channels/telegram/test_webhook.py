"""The Telegram webhook over HTTP: security, parsing, idempotency, delivery."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from actions.store.database import Database
from actions.store.messaging import OutboxMessage
from actions.store.residents import Resident
from tests.support.fake_telegram import FakeBotApi
from tests.support.telegram_resident import (
    SECRET_TOKEN,
    TelegramResident,
    fixture,
    wait_until_delivered,
)


def post(client: TestClient, body: object, secret: str | None = SECRET_TOKEN, **kw):
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
    return client.post("/webhooks/telegram", json=body, headers=headers, **kw)


def test_a_missing_secret_is_refused(client: TestClient, fake_api: FakeBotApi) -> None:
    assert post(client, fixture("command_start"), secret=None).status_code == 401
    assert fake_api.sent() == []


def test_a_wrong_secret_is_refused(client: TestClient, fake_api: FakeBotApi) -> None:
    assert post(client, fixture("command_start"), secret="guess").status_code == 403
    assert fake_api.sent() == []


@pytest.mark.parametrize("body", [b"{not json", b"[]", b'{"message": {}}', b'{"update_id": "x"}'])
def test_a_malformed_body_is_a_400(client: TestClient, body: bytes) -> None:
    response = client.post(
        "/webhooks/telegram",
        content=body,
        headers={
            "X-Telegram-Bot-Api-Secret-Token": SECRET_TOKEN,
            "Content-Type": "application/json",
        },
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "malformed update"


@pytest.mark.parametrize(
    "name", ["edited_message", "channel_post", "my_chat_member", "group_message"]
)
def test_kinds_pbchat_ignores_get_200_and_nothing_else(
    client: TestClient, fake_api: FakeBotApi, database: Database, name: str
) -> None:
    assert post(client, fixture(name)).status_code == 200
    wait_until_delivered(database)
    assert fake_api.sent() == []


def test_a_replayed_update_runs_once(
    client: TestClient, fake_api: FakeBotApi, database: Database
) -> None:
    update = fixture("command_start")
    assert post(client, update).status_code == 200
    wait_until_delivered(database)
    first = len(fake_api.sent("sendMessage"))
    assert first >= 1
    assert post(client, update).status_code == 200
    wait_until_delivered(database)
    assert len(fake_api.sent("sendMessage")) == first


def test_start_deep_link_and_language_code(ayse: TelegramResident) -> None:
    ayse.post(fixture("command_start"))
    ayse.expect("Türkçe")  # the language_code is the hint: greeted in Turkish
    assert ayse.buttons()[0][0] == "Türkçe"


def test_every_callback_is_answered_and_its_keyboard_cleared(
    ayse: TelegramResident, fake_api: FakeBotApi
) -> None:
    ayse.say("/start west").tap("Türkçe")
    cleared = fake_api.sent("editMessageReplyMarkup")
    assert len(cleared) == 1 and "reply_markup" not in cleared[0].params


def test_callback_data_fits_in_64_bytes(ayse: TelegramResident) -> None:
    ayse.say("/start west").tap("Türkçe").tap_nth(1)  # consent: the first button
    ayse.say("/proposals").tap_nth(3)  # all proposals
    for _label, data, _message in ayse.buttons():
        assert len(data.encode()) <= 64


def test_a_sticker_gets_the_question_again(ayse: TelegramResident) -> None:
    ayse.say("/start west").tap("Türkçe")
    before = ayse.text
    ayse.post(fixture("sticker") | {"update_id": 1})
    assert ayse.last, "a sticker is answered"
    assert before


def test_the_chat_id_is_never_logged(
    ayse: TelegramResident, caplog: pytest.LogCaptureFixture, database: Database
) -> None:
    caplog.set_level("DEBUG")
    ayse.say("/start west").tap("Türkçe")
    assert "777000111" not in caplog.text
    with database.transaction() as session:
        resident = session.scalars(select(Resident)).one()
        assert "777000111" not in resident.voter_key
        # Delivered rows keep no address.
        assert all(row.address is None for row in session.scalars(select(OutboxMessage)))
