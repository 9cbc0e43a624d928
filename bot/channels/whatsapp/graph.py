"""The Graph API's messages endpoint over httpx: send a message, mark one as read."""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

import httpx

from bot.channels.whatsapp.render import Call

log = logging.getLogger(__name__)
# An error text may quote a phone number; it must not reach the outbox or the logs.
_PHONE = re.compile(r"\+?\d[\d ()-]{5,}\d")


class GraphError(Exception):
    """The Graph API refused a call (or could not be reached: status 0)."""

    def __init__(
        self, status: int, code: int | None, message: str, retry_after: float | None = None
    ) -> None:
        super().__init__(status, code, message)
        self.status, self.code, self.message = status, code, message
        self.retry_after = retry_after

    def __str__(self) -> str:
        return f"{self.status} ({self.code}) {self.message}"


class GraphApi:
    """POST {base}/{phone number id}/messages with the bearer token."""

    def __init__(
        self,
        *,
        base_url: str,
        phone_number_id: str,
        token: str,
        timeout: float = 15.0,
    ) -> None:
        # httpx logs every request URL at INFO: keep that out of pbchat's logs.
        for name in ("httpx", "httpcore"):
            logging.getLogger(name).setLevel(logging.WARNING)
        self.url = f"{base_url.rstrip('/')}/{phone_number_id}/messages"
        self._headers = {"Authorization": f"Bearer {token}"}
        self._timeout = timeout
        self._client: httpx.AsyncClient | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _http(self) -> httpx.AsyncClient:
        # A client belongs to the event loop it was first used in; a new loop gets a new one.
        loop = asyncio.get_running_loop()
        if self._client is None or self._loop is not loop:
            self._client = httpx.AsyncClient(headers=self._headers, timeout=self._timeout)
            self._loop = loop
        return self._client

    async def send(self, to: str, call: Call) -> str | None:
        """Sends one message to a WhatsApp user; returns its wamid."""
        body = {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": to,
            "type": call.type,
            call.type: call.content,
        }
        data = await self._post(body)
        messages = data.get("messages")
        if isinstance(messages, list) and messages and isinstance(messages[0], dict):
            wamid = messages[0].get("id")
            return str(wamid) if wamid else None
        return None

    async def mark_read(self, wamid: str) -> None:
        """Shows the resident two blue ticks on their message."""
        await self._post({"messaging_product": "whatsapp", "status": "read", "message_id": wamid})

    async def _post(self, body: dict[str, Any]) -> dict[str, Any]:
        try:
            response = await self._http().post(self.url, json=body)
        except httpx.HTTPError as error:
            raise GraphError(0, None, type(error).__name__) from error
        try:
            data = response.json()
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        if response.is_success:
            return data
        raise _error(response, data)

    async def close(self) -> None:
        """Closes the connection pool."""
        if self._client is not None:
            await self._client.aclose()
            self._client = None


def _error(response: httpx.Response, data: dict[str, Any]) -> GraphError:
    error = data.get("error") if isinstance(data.get("error"), dict) else {}
    assert isinstance(error, dict)
    code = error.get("code")
    details = error.get("error_data")
    message = str(error.get("message") or response.reason_phrase)
    if isinstance(details, dict) and details.get("details"):
        message = f"{message}: {details['details']}"
    retry_after = response.headers.get("Retry-After")
    return GraphError(
        response.status_code,
        code if isinstance(code, int) else None,
        _PHONE.sub("…", message)[:300],
        float(retry_after) if retry_after and retry_after.isdigit() else None,
    )
