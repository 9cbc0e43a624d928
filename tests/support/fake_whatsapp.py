"""A fake WhatsApp Cloud API (Graph API) on loopback: records, checks limits, answers like Meta."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from tests.support.server import ThreadedServer

TOKEN = "EAAGtestTOKENforPBCHATwhatsapp"
PHONE_NUMBER_ID = "106540352242922"
VERSION = "v21.0"


@dataclass
class Sent:
    """One message pbchat sent (read receipts are kept apart)."""

    to: str
    type: str
    message: dict[str, Any]  # the whole request body
    wamid: str

    @property
    def content(self) -> dict[str, Any]:
        """The object of the message's type (text, interactive, image, template)."""
        value = self.message.get(self.type)
        return value if isinstance(value, dict) else {}

    @property
    def text(self) -> str:
        """What the resident reads: body, caption or template parameter."""
        content = self.content
        if self.type == "text":
            return str(content.get("body", ""))
        if self.type == "interactive":
            return str(content.get("body", {}).get("text", ""))
        if self.type == "image":
            return str(content.get("caption", ""))
        if self.type == "template":
            return " ".join(
                str(p.get("text", ""))
                for c in content.get("components", [])
                for p in c.get("parameters", [])
            )
        return ""

    def options(self) -> list[tuple[str, str, str]]:
        """(title, id, kind) of the buttons or list rows; kind is button_reply or list_reply."""
        if self.type != "interactive":
            return []
        action = self.content.get("action", {})
        if self.content.get("type") == "button":
            return [
                (b["reply"]["title"], b["reply"]["id"], "button_reply")
                for b in action.get("buttons", [])
            ]
        return [
            (r["title"], r["id"], "list_reply")
            for s in action.get("sections", [])
            for r in s.get("rows", [])
        ]


def _error(status: int, code: int, message: str, details: str = "") -> JSONResponse:
    error: dict[str, Any] = {"message": message, "type": "OAuthException", "code": code}
    if details:
        error["error_data"] = {"messaging_product": "whatsapp", "details": details}
    error["fbtrace_id"] = "AbCdEfGhIjKlMnOpQrStUvW"
    return JSONResponse({"error": error}, status)


@dataclass
class FakeGraphApi:
    """The messages endpoint as pbchat sees it; `outage` and `errors` make it misbehave."""

    sent: list[Sent] = field(default_factory=list)
    reads: list[str] = field(default_factory=list)
    rejected: list[tuple[dict[str, Any], list[str]]] = field(default_factory=list)
    outage: bool = False
    # Queued refusals for the next messages: (HTTP status, error code, message).
    errors: list[tuple[int, int, str]] = field(default_factory=list)
    on_call: Callable[[Sent], None] | None = None  # for benchmarks that time arrivals
    base_url: str = ""
    _ids: Any = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def app(self) -> FastAPI:
        api = FastAPI()

        @api.post(f"/{VERSION}/{{phone_number_id}}/messages")
        async def messages(phone_number_id: str, request: Request) -> JSONResponse:
            if request.headers.get("Authorization") != f"Bearer {TOKEN}":
                return _error(401, 190, "Invalid OAuth access token - Cannot parse access token")
            if phone_number_id != PHONE_NUMBER_ID:
                return _error(
                    400,
                    100,
                    f"Unsupported post request. Object with ID '{phone_number_id}' does not "
                    "exist, cannot be loaded due to missing permissions, or does not support "
                    "this operation.",
                )
            if self.outage:
                return _error(503, 2, "Service temporarily unavailable")
            body = await request.json()
            if body.get("status") == "read":
                with self._lock:
                    self.reads.append(str(body.get("message_id")))
                return JSONResponse({"success": True})
            problems = violations(body)
            if problems:
                with self._lock:
                    self.rejected.append((body, problems))
                return _error(
                    400, 131009, "(#131009) Parameter value is not valid", "; ".join(problems)
                )
            with self._lock:
                if self.errors:
                    status, code, message = self.errors.pop(0)
                    return _error(status, code, f"(#{code}) {message}", message)
                wamid = f"wamid.HBgMRkFLRQ{next(self._ids):012d}AA=="
                recorded = Sent(str(body["to"]), str(body["type"]), body, wamid)
                self.sent.append(recorded)
            if self.on_call is not None:
                self.on_call(recorded)
            answer: dict[str, Any] = {"id": wamid}
            if body["type"] == "template":
                answer["message_status"] = "accepted"
            return JSONResponse(
                {
                    "messaging_product": "whatsapp",
                    "contacts": [{"input": body["to"], "wa_id": body["to"]}],
                    "messages": [answer],
                }
            )

        return api

    def messages(self, to: str | None = None) -> list[Sent]:
        """The messages so far (to one number, if given)."""
        with self._lock:
            return [s for s in self.sent if to is None or s.to == to]

    def wait_for(self, count: int, timeout: float = 15) -> None:
        """Waits until `count` messages have arrived (fails after `timeout`)."""
        deadline = time.monotonic() + timeout
        while len(self.messages()) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"expected {count} messages, got {len(self.messages())}")
            time.sleep(0.02)


def _length(problems: list[str], what: str, value: object, limit: int) -> None:
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{what} is empty")
    elif len(value) > limit:
        problems.append(f"{what} has {len(value)} characters (at most {limit})")


def violations(message: dict[str, Any]) -> list[str]:
    """Everything in a message that the Cloud API would refuse (its documented limits)."""
    problems: list[str] = []
    if message.get("messaging_product") != "whatsapp":
        problems.append("messaging_product must be whatsapp")
    if not str(message.get("to", "")).isdigit():
        problems.append("to must be a phone number")
    kind = message.get("type")
    content = message.get(str(kind))
    if not isinstance(content, dict):
        return [*problems, f"no {kind} object"]
    if kind == "text":
        _length(problems, "text body", content.get("body"), 4096)
    elif kind == "image":
        if not content.get("link") and not content.get("id"):
            problems.append("image needs a link or an id")
        if "caption" in content:
            _length(problems, "image caption", content["caption"], 1024)
    elif kind == "interactive":
        problems += _interactive(content)
    elif kind == "template":
        if not content.get("name") or not content.get("language", {}).get("code"):
            problems.append("template needs a name and a language code")
        for component in content.get("components", []):
            for parameter in component.get("parameters", []):
                text = str(parameter.get("text", ""))
                if "\n" in text or "\t" in text or "     " in text:
                    problems.append("template parameter has new lines, tabs or 5 spaces")
    else:
        problems.append(f"unknown type {kind}")
    return problems


def _interactive(content: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    _length(problems, "body", content.get("body", {}).get("text"), 1024)
    action = content.get("action", {})
    if content.get("type") == "button":
        buttons = action.get("buttons", [])
        if not 1 <= len(buttons) <= 3:
            problems.append(f"{len(buttons)} buttons (1 to 3)")
        ids = [b.get("reply", {}).get("id") for b in buttons]
        titles = [b.get("reply", {}).get("title") for b in buttons]
        for b_id, title in zip(ids, titles, strict=True):
            _length(problems, "button id", b_id, 256)
            _length(problems, "button title", title, 20)
        if len(set(ids)) != len(ids) or len(set(titles)) != len(titles):
            problems.append("button ids and titles must be unique")
    elif content.get("type") == "list":
        _length(problems, "list button", action.get("button"), 20)
        sections = action.get("sections", [])
        rows = [r for s in sections for r in s.get("rows", [])]
        if not 1 <= len(sections) <= 10 or not 1 <= len(rows) <= 10:
            problems.append(f"{len(sections)} sections and {len(rows)} rows (1 to 10)")
        for section in sections:
            if "title" in section or len(sections) > 1:
                _length(problems, "section title", section.get("title"), 24)
        for row in rows:
            _length(problems, "row id", row.get("id"), 200)
            _length(problems, "row title", row.get("title"), 24)
            if "description" in row:
                _length(problems, "row description", row["description"], 72)
        if len({r.get("id") for r in rows}) != len(rows):
            problems.append("row ids must be unique")
    else:
        problems.append(f"unknown interactive type {content.get('type')}")
    return problems


def serve() -> tuple[FakeGraphApi, ThreadedServer]:
    """A started fake and its server; `fake.base_url` is the Graph API base (version included)."""
    fake = FakeGraphApi()
    server = ThreadedServer(fake.app()).start()
    fake.base_url = f"{server.url}/{VERSION}"
    return fake, server
