"""Idea routes: list with filters, a widget photo, moderate (the resident is told), make a
proposal."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from actions import manage_campaigns, moderate, web_photos
from actions.domain.idea import IdeaStatus
from admin_api.deps import AsModerator, AsViewer, CampaignId, ItemId, Limit, Offset
from admin_api.errors import COMMON, responses
from admin_api.schemas.common import Key, Language, Moment, Page
from admin_api.schemas.ideas import ConversionIn, IdeaOut, ModerationIn, ModerationOut
from admin_api.schemas.proposals import ProposalOut

router = APIRouter(
    prefix="/campaigns/{campaign_id}/ideas",
    tags=["ideas"],
    responses=responses(*COMMON, 404),
)
Channel = Annotated[str, Query(max_length=16, pattern=r"^[a-z0-9_-]+$")]
IMAGE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The photo as the resident sent it.",
        "content": {
            kind: {"schema": {"type": "string", "format": "binary"}}
            for kind in sorted(web_photos.CONTENT_TYPES)
        },
    }
}


@router.get("")
def list_ideas(
    *,
    campaign_id: CampaignId,
    ctx: AsViewer,
    limit: Limit = 50,
    offset: Offset = 0,
    status: IdeaStatus | None = None,
    neighbourhood: Key | None = None,
    language: Language | None = None,
    channel: Channel | None = None,
    created_from: Annotated[Moment | None, Query(description="Submitted at or after.")] = None,
    created_to: Annotated[Moment | None, Query(description="Submitted before.")] = None,
) -> Page[IdeaOut]:
    """The campaign's ideas, oldest first, filtered."""
    campaign = manage_campaigns.get(ctx.session, campaign_id=campaign_id)
    found = moderate.listing(
        ctx.session,
        campaign_id=campaign_id,
        limit=limit,
        offset=offset,
        status=status,
        neighbourhood=neighbourhood,
        language=language,
        channel=channel,
        created_from=created_from,
        created_to=created_to,
    )
    items = [IdeaOut.of(i, campaign.slug) for i in found.items]
    return Page(items=items, total=found.total, limit=limit, offset=offset)


@router.get("/{idea_id}")
def get_idea(campaign_id: CampaignId, idea_id: ItemId, ctx: AsViewer) -> IdeaOut:
    """One idea."""
    campaign = manage_campaigns.get(ctx.session, campaign_id=campaign_id)
    row = moderate.get(ctx.session, campaign_id=campaign_id, idea_id=idea_id)
    return IdeaOut.of(row, campaign.slug)


@router.get("/{idea_id}/photo", response_class=Response, responses=IMAGE)
def get_idea_photo(campaign_id: CampaignId, idea_id: ItemId, ctx: AsViewer) -> Response:
    """The photo a resident sent with the idea in the web widget.

    404 when the idea has none, or when it came over Telegram or WhatsApp: those photos stay
    with that provider (the idea's `photo_ref` names the provider's file id).
    """
    photo = web_photos.of_idea(ctx.session, campaign_id=campaign_id, idea_id=idea_id)
    headers = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}
    return Response(photo.data, media_type=photo.content_type, headers=headers)


@router.post("/{idea_id}/moderation", responses=responses(409))
def moderate_idea(
    campaign_id: CampaignId, idea_id: ItemId, body: ModerationIn, ctx: AsModerator
) -> ModerationOut:
    """Moves the idea on (in_review, accepted, rejected with a reason, merged into another).

    The resident is sent a notice in their language, unless they opted out or were deleted.
    """
    notified = moderate.decide(
        ctx.session, campaign_id=campaign_id, idea_id=idea_id, decision=body.decision(), now=ctx.now
    )
    ctx.audit(
        "moderate", "idea", idea_id, campaign_id=campaign_id, status=body.status, notified=notified
    )
    campaign = manage_campaigns.get(ctx.session, campaign_id=campaign_id)
    row = moderate.get(ctx.session, campaign_id=campaign_id, idea_id=idea_id)
    return ModerationOut(idea=IdeaOut.of(row, campaign.slug), notified=notified)


@router.post("/{idea_id}/proposal", status_code=201, responses=responses(409))
def convert_idea(
    campaign_id: CampaignId, idea_id: ItemId, body: ConversionIn, ctx: AsModerator
) -> ProposalOut:
    """Makes a proposal of an accepted idea: its texts in the idea's language, plus any given."""
    proposal = moderate.to_proposal(
        ctx.session,
        campaign_id=campaign_id,
        idea_id=idea_id,
        conversion=body.conversion(),
        now=ctx.now,
    )
    ctx.audit("convert", "idea", idea_id, campaign_id=campaign_id, proposal_id=proposal.id)
    campaign = manage_campaigns.get(ctx.session, campaign_id=campaign_id)
    return ProposalOut.of(proposal, campaign.languages)
