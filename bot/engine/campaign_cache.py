"""A short-lived per-process cache of campaigns: read on nearly every turn, changed rarely."""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy.orm import Session

from actions import campaigns
from actions.domain.campaign import CampaignInfo


class CampaignCache:
    """Campaign infos by id, kept for `ttl` seconds (0 turns the cache off)."""

    def __init__(self, ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.clock = clock
        self._entries: dict[int, tuple[float, CampaignInfo]] = {}

    def get(self, session: Session, campaign_id: int) -> CampaignInfo | None:
        """The campaign, from the cache while fresh, else from the database."""
        now = self.clock()
        cached = self._entries.get(campaign_id)
        if cached is not None and cached[0] > now:
            return cached[1]
        found = campaigns.by_id(session, campaign_id=campaign_id)
        if found is not None and self.ttl > 0:
            # An organiser's change reaches the chat within `ttl` seconds on every worker.
            self._entries[campaign_id] = (now + self.ttl, found)
        return found
