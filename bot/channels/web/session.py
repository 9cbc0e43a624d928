"""Server-issued widget sessions: a random id and its campaign, signed with the server secret."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

MAX_AGE = timedelta(days=90)  # a resident may read in March and vote in May


class TokenError(ValueError):
    """A token that is not ours, tampered with or too old; `status` is the HTTP answer."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class WebSession:
    """A verified session: its id (the resident's user id on the web channel) and campaign."""

    id: str
    campaign: str
    issued: int


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class SessionTokens:
    """Issues and verifies tokens "<payload>.<HMAC-SHA256>"; the client can't choose its id."""

    def __init__(
        self, secret: bytes, clock: Callable[[], datetime], max_age: timedelta = MAX_AGE
    ) -> None:
        # A key of its own, so a token can never double as a voter key or a code digest.
        self._key = hmac.new(secret, b"pbchat web session v1", hashlib.sha256).digest()
        self._clock = clock
        self.max_age = max_age

    def _sign(self, payload: str) -> str:
        return _b64(hmac.new(self._key, payload.encode(), hashlib.sha256).digest())

    def issue(self, campaign: str) -> tuple[str, WebSession]:
        """A new token and the session it stands for."""
        session = WebSession(secrets.token_urlsafe(18), campaign, int(self._clock().timestamp()))
        raw = {"s": session.id, "c": session.campaign, "t": session.issued}
        payload = _b64(json.dumps(raw, separators=(",", ":")).encode())
        return f"{payload}.{self._sign(payload)}", session

    def verify(self, token: str | None) -> WebSession:
        """The session a token stands for; TokenError (401 or 403) if there is none."""
        if not token:
            raise TokenError("a session token is required", 401)
        payload, _, signature = token.partition(".")
        if not signature or not hmac.compare_digest(signature, self._sign(payload)):
            raise TokenError("the session token is not valid", 403)
        try:
            raw = json.loads(_unb64(payload))
            session = WebSession(str(raw["s"]), str(raw["c"]), int(raw["t"]))
        except (ValueError, KeyError, TypeError) as error:
            raise TokenError("the session token is not valid", 403) from error
        age = self._clock().timestamp() - session.issued
        if age > self.max_age.total_seconds():
            raise TokenError("the session has expired", 401)
        return session
