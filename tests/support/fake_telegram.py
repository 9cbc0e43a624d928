"""A fake Telegram Bot API on loopback: records calls, answers in the Bot API's JSON."""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from tests.support.server import ThreadedServer

TOKEN = "123456:TEST-token"


@dataclass
class Recorded:
    """One call pbchat made."""

    method: str
    params: dict[str, Any]
    message_id: int = 0


@dataclass
class FakeBotApi:
    """The Bot API as pbchat sees it; `outage` and `errors` make it misbehave on purpose."""

    calls: list[Recorded] = field(default_factory=list)
    outage: bool = False
    updates: list[dict[str, Any]] = field(default_factory=list)  # served by getUpdates
    on_call: Callable[[Recorded], None] | None = None  # for benchmarks that time arrivals
    errors: list[tuple[int, str, dict[str, Any]]] = field(default_factory=list)
    _ids: Any = field(default_factory=lambda: itertools.count(1000))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def app(self) -> FastAPI:
        api = FastAPI()

        @api.post("/bot{token}/{method}")
        async def call(token: str, method: str, request: Request) -> JSONResponse:
            if token != TOKEN:
                return JSONResponse(
                    {"ok": False, "error_code": 401, "description": "Unauthorized"}, 401
                )
            if self.outage:
                return JSONResponse(
                    {"ok": False, "error_code": 502, "description": "Bad Gateway"}, 502
                )
            form = await request.form()
            params = {k: _decode(str(v)) for k, v in form.items()}
            if method == "getUpdates":
                offset = int(params.get("offset") or 0)
                with self._lock:
                    due = [u for u in self.updates if u["update_id"] >= offset]
                    self.calls.append(Recorded(method, params))
                return JSONResponse({"ok": True, "result": due})
            with self._lock:
                if self.errors:
                    status, description, extra = self.errors.pop(0)
                    body = {"ok": False, "error_code": status, "description": description}
                    if extra:
                        body["parameters"] = extra
                    return JSONResponse(body, status)
                message_id = next(self._ids)
                recorded = Recorded(method, params, message_id)
                self.calls.append(recorded)
            if self.on_call is not None:
                self.on_call(recorded)
            return JSONResponse({"ok": True, "result": _result(method, params, message_id)})

        return api

    def sent(self, method: str | None = None) -> list[Recorded]:
        """The calls so far (of one method, if given)."""
        with self._lock:
            return [c for c in self.calls if method is None or c.method == method]

    def texts(self, chat_id: str | int) -> list[str]:
        """What a chat was sent, in order (message texts and photo captions)."""
        return [
            str(c.params.get("text") or c.params.get("caption") or "")
            for c in self.sent()
            if str(c.params.get("chat_id")) == str(chat_id)
            and c.method in {"sendMessage", "sendPhoto"}
        ]

    def wait_for(self, count: int, method: str = "sendMessage", timeout: float = 15) -> None:
        """Waits until `count` calls of `method` have arrived (fails after `timeout`)."""
        deadline = time.monotonic() + timeout
        while len(self.sent(method)) < count:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"expected {count} {method} calls, got {len(self.sent(method))}"
                )
            time.sleep(0.02)


def _decode(value: str) -> Any:
    if value[:1] in "{[":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _result(method: str, params: dict[str, Any], message_id: int) -> Any:
    if method == "getMe":
        return {"id": 123456, "is_bot": True, "first_name": "pbchat", "username": "pbchat_bot"}
    if method in {"setWebhook", "deleteWebhook", "answerCallbackQuery"}:
        return True
    chat = {"id": int(params.get("chat_id", 0)), "type": "private", "first_name": "Resident"}
    message: dict[str, Any] = {"message_id": message_id, "date": int(time.time()), "chat": chat}
    if "text" in params:
        message["text"] = params["text"]
    if method == "sendPhoto":
        message["photo"] = [{"file_id": "AgAD", "file_unique_id": "u1", "width": 90, "height": 60}]
    if method == "editMessageReplyMarkup":
        message["edit_date"] = int(time.time())
    return message


def serve() -> tuple[FakeBotApi, ThreadedServer]:
    """A started fake and its server."""
    fake = FakeBotApi()
    return fake, ThreadedServer(fake.app()).start()
