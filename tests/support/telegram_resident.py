"""A Telegram user talking to pbchat over HTTP: updates in, the fake Bot API's calls out."""

from __future__ import annotations

import copy
import itertools
import json
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from actions.store.database import Database
from tests.support.fake_telegram import FakeBotApi, Recorded
from tests.support.outbox import wait_until_delivered

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "telegram"
SECRET_TOKEN = "webhook-secret-for-tests"
_update_ids = itertools.count(900_000_000)


def fixture(name: str) -> dict[str, Any]:
    """A real update payload from tests/fixtures/telegram."""
    data: dict[str, Any] = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return data


class TelegramResident:
    """One private chat; every action waits for pbchat's replies to reach the fake."""

    def __init__(
        self,
        client: TestClient,
        fake: FakeBotApi,
        database: Database,
        *,
        chat_id: int = 777000111,
        language_code: str = "tr",
    ) -> None:
        self.client, self.fake, self.database = client, fake, database
        self.chat_id, self.language_code = chat_id, language_code
        self.seen = 0
        self.last: list[Recorded] = []
        self.last_response: dict[str, Any] = {}

    def post(self, update: dict[str, Any], *, wait: bool = True) -> int:
        """Sends an update to the webhook; returns the HTTP status."""
        response = self.client.post(
            "/webhooks/telegram",
            json=update,
            headers={"X-Telegram-Bot-Api-Secret-Token": SECRET_TOKEN},
        )
        self.last_response = response.json() if response.content else {}
        if wait and response.status_code == 200:
            self._collect()
        return response.status_code

    def _collect(self) -> None:
        wait_until_delivered(self.database)
        mine = [c for c in self.fake.sent() if str(c.params.get("chat_id")) == str(self.chat_id)]
        self.last, self.seen = mine[self.seen :], len(mine)

    def _message(self, **fields: Any) -> dict[str, Any]:
        update = fixture("text_message")
        update["update_id"] = next(_update_ids)
        message = update["message"]
        message.pop("text")
        message["from"]["id"] = message["chat"]["id"] = self.chat_id
        message["from"]["language_code"] = self.language_code
        message.update(fields)
        return update

    def say(self, text: str) -> TelegramResident:
        """Types a message (or a /command)."""
        self.post(self._message(text=text))
        return self

    def share_location(self, latitude: float, longitude: float) -> TelegramResident:
        """Shares a location."""
        self.post(self._message(location={"latitude": latitude, "longitude": longitude}))
        return self

    def send_photo(self, file_id: str) -> TelegramResident:
        """Sends a photo."""
        photo = copy.deepcopy(fixture("photo")["message"]["photo"])
        photo[-1]["file_id"] = file_id
        self.post(self._message(photo=photo))
        return self

    def buttons(self) -> list[tuple[str, str, int]]:
        """(label, callback_data, message id) of every inline button in the last replies."""
        found = []
        for call in self.last:
            markup = call.params.get("reply_markup") or {}
            for line in markup.get("inline_keyboard", []):
                found.extend((b["text"], b["callback_data"], call.message_id) for b in line)
        return found

    def tap_nth(self, n: int) -> TelegramResident:
        """Taps the n-th inline button (1-based) of the last replies."""
        return self._press(self.buttons()[n - 1])

    def tap(self, label: str) -> TelegramResident:
        """Taps the inline button whose label contains `label`."""
        matches = [b for b in self.buttons() if label.casefold() in b[0].casefold()]
        assert matches, f"no button {label!r} in {[b[0] for b in self.buttons()]}"
        return self._press(matches[0])

    def _press(self, button: tuple[str, str, int]) -> TelegramResident:
        _text, data, message_id = button
        update = fixture("callback_query")
        update["update_id"] = next(_update_ids)
        query = update["callback_query"]
        query["id"] = str(next(_update_ids))
        query["data"] = data
        query["from"]["id"] = query["message"]["chat"]["id"] = self.chat_id
        query["from"]["language_code"] = self.language_code
        query["message"]["message_id"] = message_id
        self.post(update)
        assert self.last_response == {
            "method": "answerCallbackQuery",
            "callback_query_id": query["id"],
        }, "every callback query is answered"
        return self

    @property
    def text(self) -> str:
        """Everything the last replies said."""
        return "\n".join(
            str(c.params.get("text") or c.params.get("caption") or "") for c in self.last
        )

    def expect(self, *fragments: str) -> TelegramResident:
        """Asserts the last replies say every fragment."""
        for fragment in fragments:
            assert fragment.casefold() in self.text.casefold(), f"{fragment!r} not in {self.text}"
        return self
