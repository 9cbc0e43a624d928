"""A WhatsApp user talking to pbchat over HTTP: signed notifications in, the fake's messages out."""

from __future__ import annotations

import copy
import hashlib
import hmac
import itertools
import json
import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from actions.store.database import Database
from tests.support.fake_whatsapp import FakeGraphApi, Sent
from tests.support.outbox import wait_until_delivered

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "whatsapp"
APP_SECRET = "whatsapp-app-secret-for-tests"
VERIFY_TOKEN = "verify-token-for-tests"
TURKISH = "905321234567"  # the numbers of the fixtures' residents
POLISH = "48601234567"
_ids = itertools.count(1)


def fixture(name: str) -> dict[str, Any]:
    """A real notification payload from tests/fixtures/whatsapp."""
    data: dict[str, Any] = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def sign(body: bytes, secret: str = APP_SECRET) -> str:
    """The X-Hub-Signature-256 header Meta would send with `body`."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def post(
    client: TestClient, notification: object, *, signature: str | bytes | None = "sign"
) -> tuple[int, bytes]:
    """Posts a notification, signed unless told otherwise; the status and the raw body."""
    body = (
        json.dumps(notification).encode() if not isinstance(notification, bytes) else notification
    )
    headers: dict[str, str | bytes] = {"Content-Type": "application/json"}
    if signature == "sign":
        headers["X-Hub-Signature-256"] = sign(body)
    elif signature is not None:
        headers["X-Hub-Signature-256"] = signature
    response = client.post("/webhooks/whatsapp", content=body, headers=headers)
    return response.status_code, response.content


def new_wamid() -> str:
    """A fresh message id in WhatsApp's style."""
    return f"wamid.HBgLVEVTVA{next(_ids):012d}AA=="


class WhatsAppResident:
    """One WhatsApp user; every action waits for pbchat's messages to reach the fake."""

    def __init__(
        self, client: TestClient, fake: FakeGraphApi, database: Database, *, wa_id: str
    ) -> None:
        self.client, self.fake, self.database = client, fake, database
        self.wa_id = wa_id
        self.seen = 0
        self.last: list[Sent] = []
        self.last_wamid = ""

    def post(self, notification: dict[str, Any], *, wait: bool = True) -> int:
        """Posts a signed notification; returns the HTTP status."""
        status, _ = post(self.client, notification)
        if wait and status == 200:
            self.collect()
        return status

    def collect(self) -> list[Sent]:
        """Waits for delivery; the messages that arrived since the last action."""
        wait_until_delivered(self.database)
        mine = self.fake.messages(self.wa_id)
        self.last, self.seen = mine[self.seen :], len(mine)
        return self.last

    def notification(self, kind: str, content: dict[str, Any]) -> dict[str, Any]:
        """A one-message notification from this resident, built on the text fixture."""
        data = fixture("text")
        value = data["entry"][0]["changes"][0]["value"]
        value["contacts"][0]["wa_id"] = self.wa_id
        message = value["messages"][0]
        message.pop("text")
        self.last_wamid = new_wamid()
        message.update({"from": self.wa_id, "id": self.last_wamid, "type": kind, kind: content})
        message["timestamp"] = str(int(time.time()))
        return data

    def say(self, text: str) -> WhatsAppResident:
        """Types a message."""
        self.post(self.notification("text", {"body": text}))
        return self

    def share_location(self, latitude: float, longitude: float) -> WhatsAppResident:
        """Shares a map pin."""
        place = copy.deepcopy(fixture("location")["entry"][0]["changes"][0]["value"])
        pin = place["messages"][0]["location"] | {"latitude": latitude, "longitude": longitude}
        self.post(self.notification("location", pin))
        return self

    def send_photo(self, media_id: str, caption: str | None = None) -> WhatsAppResident:
        """Sends a photo."""
        image = copy.deepcopy(fixture("image")["entry"][0]["changes"][0]["value"])
        content = image["messages"][0]["image"] | {"id": media_id}
        if caption is None:
            content.pop("caption", None)
        else:
            content["caption"] = caption
        self.post(self.notification("image", content))
        return self

    def options(self) -> list[tuple[str, str, str]]:
        """(title, id, kind) of every button and list row in the last messages, in order."""
        return [option for sent in self.last for option in sent.options()]

    def tap_nth(self, n: int) -> WhatsAppResident:
        """Taps the n-th button or list row (1-based) of the last messages."""
        return self._press(self.options()[n - 1])

    def tap(self, label: str) -> WhatsAppResident:
        """Taps the button or list row whose title contains `label`."""
        matches = [o for o in self.options() if label.casefold() in o[0].casefold()]
        assert matches, f"no option {label!r} in {[o[0] for o in self.options()]}"
        return self._press(matches[0])

    def tap_id(self, prefix: str) -> WhatsAppResident:
        """Taps the button or list row whose id starts with `prefix`."""
        matches = [o for o in self.options() if o[1].startswith(prefix)]
        assert matches, f"no option {prefix!r} in {[o[1] for o in self.options()]}"
        return self._press(matches[0])

    def _press(self, option: tuple[str, str, str]) -> WhatsAppResident:
        title, option_id, kind = option
        self.post(
            self.notification(
                "interactive", {"type": kind, kind: {"id": option_id, "title": title}}
            )
        )
        return self

    @property
    def text(self) -> str:
        """Everything the last messages said, option titles included."""
        return "\n".join(
            [s.text for s in self.last] + [o[0] for s in self.last for o in s.options()]
        )

    def expect(self, *fragments: str) -> WhatsAppResident:
        """Asserts the last messages say every fragment."""
        for fragment in fragments:
            assert fragment.casefold() in self.text.casefold(), f"{fragment!r} not in {self.text}"
        return self
