"""A widget session driven over HTTP, so API tests read like chats."""

from __future__ import annotations

import itertools
from typing import Any

import httpx
from fastapi.testclient import TestClient

_ids = itertools.count(1)


class Visitor:
    """One browser's widget session: start, say, tap, and what the bot answered."""

    def __init__(self, client: TestClient, campaign: str = "west", **headers: str) -> None:
        self.client = client
        self.headers = headers
        response = client.post("/widget/api/session", json={"campaign": campaign}, headers=headers)
        assert response.status_code == 201, response.text
        self.token: str = response.json()["token"]
        self.last: list[dict[str, Any]] = response.json()["entries"]

    @property
    def auth(self) -> dict[str, str]:
        """The headers of every call: the visitor's own plus the bearer token."""
        return {**self.headers, "Authorization": f"Bearer {self.token}"}

    def post(self, body: dict[str, Any]) -> dict[str, Any]:
        """Sends one message body; returns the JSON answer (and keeps its entries)."""
        response = self.client.post("/widget/api/messages", json=body, headers=self.auth)
        assert response.status_code == 200, response.text
        data: dict[str, Any] = response.json()
        self.last = data["entries"]
        return data

    def upload(
        self, data: bytes, content_type: str = "image/png", client_id: str | None = None
    ) -> httpx.Response:
        """POST /widget/api/photos with the raw image; keeps the entries of a 200 answer."""
        response = self.client.post(
            "/widget/api/photos",
            params={"id": client_id or f"p{next(_ids)}"},
            content=data,
            headers={**self.auth, "Content-Type": content_type},
        )
        if response.status_code == 200:
            self.last = response.json()["entries"]
        return response

    def say(self, text: str) -> Visitor:
        """Types a message."""
        self.post({"text": text, "id": f"m{next(_ids)}"})
        return self

    def tap(self, label: str) -> Visitor:
        """Taps the option whose label contains `label`."""
        found = [p for lab, p in self.options() if label.casefold() in lab.casefold()]
        assert found, f"no option {label!r} in {[lab for lab, _ in self.options()]}"
        self.post({"payload": found[0], "id": f"m{next(_ids)}"})
        return self

    def options(self) -> list[tuple[str, str]]:
        """(label, payload) of every option in the last bot entries."""
        found = []
        for entry in self.last:
            found += [(r["title"], r["payload"]) for r in entry.get("rows", ())]
            found += [(b["label"], b["payload"]) for b in entry.get("buttons", ())]
        return found

    @property
    def text(self) -> str:
        """All text of the last entries."""
        return "\n".join(e["text"] for e in self.last)

    def history(self, after: int = 0) -> list[dict[str, Any]]:
        """GET /widget/api/history."""
        response = self.client.get(f"/widget/api/history?after={after}", headers=self.auth)
        assert response.status_code == 200, response.text
        entries: list[dict[str, Any]] = response.json()["entries"]
        return entries
