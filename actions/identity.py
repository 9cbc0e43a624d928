"""Pseudonymous identities: a resident is an HMAC of channel and user id."""

from __future__ import annotations

import hashlib
import hmac


def voter_key(secret: bytes, *, channel: str, user_id: str) -> str:
    """The stable pseudonym of a channel user; the raw id cannot be recovered from it."""
    return hmac.new(secret, f"{channel}:{user_id}".encode(), hashlib.sha256).hexdigest()
