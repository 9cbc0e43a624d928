"""Personal voting codes: generation, normalised entry and hashing."""

from __future__ import annotations

import hashlib
import hmac
import secrets

# No look-alikes: 0/O, 1/I/L and 5/S are left out, so a code read off a letter is typed right.
ALPHABET = "2346789ABCDEFGHJKMNPQRTUVWXYZ"
LENGTH = 12
GROUP = 4
MAX_FAILURES = 5
LOCK_MINUTES = 15


def generate() -> str:
    """A new random code of LENGTH characters from ALPHABET."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def display(code: str) -> str:
    """The code in groups of four for printing ("ABCD-EFGH-JKMN")."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalise(entered: str) -> str | None:
    """The code as typed, without spaces, dashes or case; None if it cannot be a code."""
    cleaned = "".join(ch for ch in entered.upper() if ch not in " -_.\u00a0\t")
    if len(cleaned) != LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned


def digest(code: str, pepper: bytes) -> str:
    """The stored form of a normalised code: HMAC-SHA256 under the server's secret."""
    return hmac.new(pepper, code.encode(), hashlib.sha256).hexdigest()
