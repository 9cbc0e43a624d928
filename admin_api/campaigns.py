"""Campaign routes: create, change (If-Match), list and read."""

from __future__ import annotations

from fastapi import APIRouter, Response

from actions import manage_campaigns
from actions.domain.campaign import Phase
from admin_api.deps import AsAdmin, AsViewer, CampaignId, Limit, Offset
from admin_api.errors import COMMON, responses
from admin_api.etags import IfMatch, check, set_etag
from admin_api.schemas.campaigns import CampaignCreate, CampaignOut, CampaignPatch
from admin_api.schemas.common import Page

router = APIRouter(prefix="/campaigns", tags=["campaigns"], responses=responses(*COMMON))


@router.get("")
def list_campaigns(
    ctx: AsViewer, limit: Limit = 50, offset: Offset = 0, phase: Phase | None = None
) -> Page[CampaignOut]:
    """Campaigns by id, optionally only those in one phase now."""
    found = manage_campaigns.listing(
        ctx.session, now=ctx.now, limit=limit, offset=offset, phase=phase
    )
    items = [CampaignOut.of(row, ctx.now) for row in found.items]
    return Page(items=items, total=found.total, limit=limit, offset=offset)


@router.post("", status_code=201, responses=responses(409))
def create_campaign(body: CampaignCreate, ctx: AsAdmin, response: Response) -> CampaignOut:
    """Creates a campaign; every setting is checked, with one detail per problem."""
    row = manage_campaigns.create(
        ctx.session, settings=body.settings(), supported=ctx.state.languages, now=ctx.now
    )
    ctx.audit("create", "campaign", row.id, slug=row.slug)
    set_etag(response, "campaign", row.id, row.version)
    response.headers["Location"] = f"campaigns/{row.id}"
    return CampaignOut.of(row, ctx.now)


@router.get("/{campaign_id}", responses=responses(404))
def get_campaign(campaign_id: CampaignId, ctx: AsViewer, response: Response) -> CampaignOut:
    """One campaign, with its ETag for a later PATCH."""
    row = manage_campaigns.get(ctx.session, campaign_id=campaign_id)
    set_etag(response, "campaign", row.id, row.version)
    return CampaignOut.of(row, ctx.now)


@router.patch("/{campaign_id}", responses=responses(404, 409, 412, 428))
def update_campaign(
    campaign_id: CampaignId,
    body: CampaignPatch,
    ctx: AsAdmin,
    response: Response,
    if_match: IfMatch = None,
) -> CampaignOut:
    """Changes the fields given; only if nobody changed the campaign since."""
    row = manage_campaigns.get(ctx.session, campaign_id=campaign_id)
    check(if_match, "campaign", row.id, row.version)
    changed = manage_campaigns.update(
        ctx.session,
        campaign_id=campaign_id,
        changes=body.settings_changes(),
        supported=ctx.state.languages,
        now=ctx.now,
    )
    if changed:
        ctx.audit("update", "campaign", row.id, fields=sorted(changed))
    set_etag(response, "campaign", row.id, row.version)
    return CampaignOut.of(row, ctx.now)
