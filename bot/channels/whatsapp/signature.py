"""The X-Hub-Signature-256 check: an HMAC-SHA256 of the raw body under the app secret."""

from __future__ import annotations

import hashlib
import hmac
from enum import Enum

PREFIX = "sha256="


class Signature(Enum):
    """What the signature header says about a body."""

    VALID = "valid"
    MISSING = "missing"
    INVALID = "invalid"


def check(body: bytes, header: str | None, app_secret: bytes) -> Signature:
    """Whether `header` signs exactly these bytes; compared in constant time."""
    if not header:
        return Signature.MISSING
    expected = PREFIX + hmac.new(app_secret, body, hashlib.sha256).hexdigest()
    # Hex digits are case-insensitive; compare_digest needs ASCII, so non-ASCII is simply wrong.
    given = header.strip().lower()
    if not given.isascii():
        return Signature.INVALID
    return Signature.VALID if hmac.compare_digest(given, expected) else Signature.INVALID
