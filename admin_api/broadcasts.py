"""Broadcast routes: send a message to a campaign's residents, list, read, cancel."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from actions import broadcasts
from actions.store.broadcasts import Broadcast
from admin_api.deps import AsModerator, AsViewer, CampaignId, Ctx, ItemId, Limit, Offset
from admin_api.errors import COMMON, responses
from admin_api.schemas.broadcasts import BroadcastIn, BroadcastOut, PreviewOut
from admin_api.schemas.common import Page

router = APIRouter(
    prefix="/campaigns/{campaign_id}/broadcasts",
    tags=["broadcasts"],
    responses=responses(*COMMON, 404),
)
SENT: dict[int | str, dict[str, Any]] = {
    201: {"description": "The broadcast, queued for delivery."},
    200: {"model": PreviewOut, "description": "A dry run: who would get it; nothing stored."},
}


def _out(ctx: Ctx, row: Broadcast) -> BroadcastOut:
    delivery = broadcasts.deliveries(ctx.session, broadcast_ids=[row.id])[row.id]
    return BroadcastOut.of(row, delivery)


@router.post("", status_code=201, response_model=BroadcastOut, responses=SENT)
def send_broadcast(
    campaign_id: CampaignId, body: BroadcastIn, ctx: AsModerator
) -> BroadcastOut | JSONResponse:
    """Sends the message to every resident of the audience, through their own channel.

    Each gets the text in their language, or in the campaign's default language when there is
    none for theirs. Residents who said "stop", never agreed to the privacy notice or asked to be
    forgotten get nothing. With
    `dry_run`, only the count of who would get it (200).
    """
    audience = body.audience.audience()
    if body.dry_run:
        found = broadcasts.preview(
            ctx.session, campaign_id=campaign_id, texts=body.texts, audience=audience
        )
        return JSONResponse(PreviewOut.of(found).model_dump(mode="json"))
    row = broadcasts.send(
        ctx.session,
        campaign_id=campaign_id,
        texts=body.texts,
        audience=audience,
        created_by=ctx.caller.actor.name,
        now=ctx.now,
    )
    ctx.audit(
        "create",
        "broadcast",
        row.id,
        campaign_id=campaign_id,
        languages=sorted(row.texts),
        audience=row.audience,
        recipients=row.recipients,
    )
    return _out(ctx, row)


@router.get("")
def list_broadcasts(
    campaign_id: CampaignId, ctx: AsViewer, limit: Limit = 50, offset: Offset = 0
) -> Page[BroadcastOut]:
    """The campaign's broadcasts, newest first, with how far each has been delivered."""
    found = broadcasts.listing(ctx.session, campaign_id=campaign_id, limit=limit, offset=offset)
    counts = broadcasts.deliveries(ctx.session, broadcast_ids=[b.id for b in found.items])
    items = [BroadcastOut.of(b, counts[b.id]) for b in found.items]
    return Page(items=items, total=found.total, limit=limit, offset=offset)


@router.get("/{broadcast_id}")
def get_broadcast(campaign_id: CampaignId, broadcast_id: ItemId, ctx: AsViewer) -> BroadcastOut:
    """One broadcast, with how far it has been delivered."""
    return _out(
        ctx, broadcasts.get(ctx.session, campaign_id=campaign_id, broadcast_id=broadcast_id)
    )


@router.post("/{broadcast_id}/cancel")
def cancel_broadcast(
    campaign_id: CampaignId, broadcast_id: ItemId, ctx: AsModerator
) -> BroadcastOut:
    """Stops the messages not delivered yet; those already sent stay sent. Repeatable."""
    stopped = broadcasts.cancel(
        ctx.session, campaign_id=campaign_id, broadcast_id=broadcast_id, now=ctx.now
    )
    ctx.audit("cancel", "broadcast", broadcast_id, campaign_id=campaign_id, cancelled=stopped)
    row = broadcasts.get(ctx.session, campaign_id=campaign_id, broadcast_id=broadcast_id)
    return _out(ctx, row)
