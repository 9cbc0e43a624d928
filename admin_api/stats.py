"""Statistics route: participation counts, never personal data."""

from __future__ import annotations

from fastapi import APIRouter

from actions import statistics
from admin_api.deps import AsViewer, CampaignId
from admin_api.errors import COMMON, responses
from admin_api.schemas.stats import StatisticsOut

router = APIRouter(tags=["statistics"], responses=responses(*COMMON, 404))


@router.get("/campaigns/{campaign_id}/statistics")
def campaign_statistics(campaign_id: CampaignId, ctx: AsViewer) -> StatisticsOut:
    """Participants, ideas and ballots per day, channel and language; turnout."""
    return StatisticsOut.of(statistics.of_campaign(ctx.session, campaign_id=campaign_id))
