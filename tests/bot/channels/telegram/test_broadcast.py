"""An organiser's broadcast through the admin API reaches Telegram residents in their language."""

from __future__ import annotations

from fastapi.testclient import TestClient

from actions import campaigns, tokens
from actions.store.database import Database
from tests.support.fake_telegram import FakeBotApi
from tests.support.telegram_resident import TelegramResident, wait_until_delivered

TEXTS = {
    "nl": "De stemming sluit morgen om 18:00. Heb je al gestemd?",
    "tr": "Oylama yarın 18:00'de kapanıyor. Oy verdiniz mi?",
}


def test_a_broadcast_reaches_each_resident_on_telegram_in_their_language(
    client: TestClient, fake_api: FakeBotApi, database: Database
) -> None:
    piet = TelegramResident(client, fake_api, database, chat_id=31600000011, language_code="nl")
    piet.say("/start west").tap("Nederlands").expect("Privacy").tap_nth(1)
    ayse = TelegramResident(client, fake_api, database, chat_id=31600000012, language_code="tr")
    ayse.say("/start west").tap("Türkçe").tap_nth(1)
    # English has no text: this resident gets the default language's (Dutch).
    john = TelegramResident(client, fake_api, database, chat_id=31600000013, language_code="en")
    john.say("/start west").tap("English").tap_nth(1)
    with database.transaction() as session:
        token = tokens.create(session, role="moderator", label="organiser")
        west = campaigns.by_slug(session, slug="west")
        assert west is not None
    before = {
        chat: len(fake_api.texts(chat)) for chat in (piet.chat_id, ayse.chat_id, john.chat_id)
    }

    response = client.post(
        f"/api/campaigns/{west.id}/broadcasts",
        json={"texts": TEXTS},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201, response.text
    wait_until_delivered(database)

    for resident, text, menu in (
        (piet, TEXTS["nl"], "Menu"),
        (ayse, TEXTS["tr"], "Menü"),
        (john, TEXTS["nl"], "Menu"),
    ):
        calls = [
            c
            for c in fake_api.sent("sendMessage")
            if str(c.params.get("chat_id")) == str(resident.chat_id)
        ]
        assert fake_api.texts(resident.chat_id)[before[resident.chat_id] :] == [text]
        keyboard = calls[-1].params["reply_markup"]["inline_keyboard"]
        assert [b["text"] for line in keyboard for b in line] == [menu]
    read = client.get(
        f"/api/campaigns/{west.id}/broadcasts/{response.json()['id']}",
        headers={"Authorization": f"Bearer {token}"},
    ).json()
    assert read["delivery"] == {"pending": 0, "sent": 3, "failed": 0, "held": 0, "cancelled": 0}
