"""Which web origins may use a campaign's widget API (Campaign.allowed_origins, plus our own)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from sqlalchemy import select

from actions.store.campaigns import Campaign
from actions.store.database import Database

REFRESH_SECONDS = 10.0  # an organiser's change of origins takes effect within this
PREFLIGHT_MAX_AGE = "600"


def normalise(origin: str) -> str:
    """An origin compared the way browsers send it: lower case, no trailing slash."""
    return origin.strip().rstrip("/").lower()


def same_origin(origin: str, host: str | None) -> bool:
    """Whether the page calling us was served by us (its host and port are ours)."""
    return bool(host) and urlsplit(normalise(origin)).netloc == (host or "").lower()


def headers(origin: str, *, preflight: bool = False) -> dict[str, str]:
    """The CORS headers that let `origin` read our answer (and send the preflighted request)."""
    found = {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
    found["Access-Control-Expose-Headers"] = "Retry-After"
    if preflight:
        found["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        found["Access-Control-Allow-Headers"] = "Authorization, Content-Type"
        found["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
    return found


class OriginPolicy:
    """The campaigns and their allowed origins, read from the database at most every 10 s."""

    def __init__(self, database: Database, clock: Callable[[], float] = time.monotonic) -> None:
        self.database = database
        self.clock = clock
        self._origins: dict[str, frozenset[str]] = {}
        self._loaded_at: float | None = None
        self._lock = threading.Lock()

    def _load(self) -> dict[str, frozenset[str]]:
        with self.database.transaction() as session:
            rows = session.execute(select(Campaign.slug, Campaign.allowed_origins)).all()
        return {slug: frozenset(normalise(o) for o in origins or ()) for slug, origins in rows}

    def campaigns(self, *, fresh: bool = False) -> dict[str, frozenset[str]]:
        """Every campaign's slug with its allowed origins."""
        with self._lock:
            stale = self._loaded_at is None or self.clock() - self._loaded_at > REFRESH_SECONDS
            if fresh or stale:
                self._origins = self._load()
                self._loaded_at = self.clock()
            return self._origins

    def exists(self, slug: str) -> bool:
        """Whether there is a campaign with this slug (a new one is found at once)."""
        return slug in self.campaigns() or slug in self.campaigns(fresh=True)

    def allows(self, origin: str | None, host: str | None, campaign: str | None) -> bool:
        """Whether a request from `origin` may use `campaign` (any campaign when None)."""
        if origin is None or same_origin(origin, host):
            return True
        wanted = normalise(origin)
        known = self.campaigns()
        if campaign is None:
            return any(wanted in origins for origins in known.values())
        return wanted in known.get(campaign, frozenset())
