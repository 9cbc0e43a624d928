"""The campaign cache: fresh entries come from memory, stale ones from the database."""

from __future__ import annotations

from sqlalchemy import update

from actions import campaigns
from actions.store.campaigns import Campaign
from actions.store.database import Database
from bot.engine.campaign_cache import CampaignCache


class Ticks:
    now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_change_shows_once_the_entry_expires(database: Database, demo_campaigns: None) -> None:
    ticks = Ticks()
    cache = CampaignCache(2.0, clock=ticks)
    with database.transaction() as session:
        west = campaigns.by_slug(session, slug="west")
        assert west is not None
        assert cache.get(session, west.id) == west
        session.execute(update(Campaign).where(Campaign.id == west.id).values(budget=1))
        assert cache.get(session, west.id) == west  # still fresh
        ticks.now = 2.5
        fresh = cache.get(session, west.id)
        assert fresh is not None and fresh.budget == 1


def test_zero_seconds_means_no_cache(database: Database, demo_campaigns: None) -> None:
    cache = CampaignCache(0.0)
    with database.transaction() as session:
        west = campaigns.by_slug(session, slug="west")
        assert west is not None
        cache.get(session, west.id)
        session.execute(update(Campaign).where(Campaign.id == west.id).values(budget=1))
        again = cache.get(session, west.id)
        assert again is not None and again.budget == 1
