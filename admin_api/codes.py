"""Voting code routes: generate (CSV, shown once), count, revoke."""

from __future__ import annotations

from fastapi import APIRouter

from actions import manage_codes
from admin_api.bodies import CsvResponse
from admin_api.deps import AsAdmin, AsViewer, CampaignId
from admin_api.errors import COMMON, responses
from admin_api.schemas.codes import (
    CodesOut,
    CountsOut,
    GenerateIn,
    RevokeBatch,
    RevokeCode,
    RevokeOut,
)

router = APIRouter(
    prefix="/campaigns/{campaign_id}/codes",
    tags=["voting codes"],
    responses=responses(*COMMON, 404),
)
CSV = {"description": "code,display,batch", "content": {"text/csv": {"schema": {"type": "string"}}}}


@router.post("", status_code=201, response_class=CsvResponse, responses={201: CSV})
def generate_codes(campaign_id: CampaignId, body: GenerateIn, ctx: AsAdmin) -> CsvResponse:
    """New codes as CSV for the printer: the only time they exist in plain text."""
    text = manage_codes.generate_csv(
        ctx.session,
        campaign_id=campaign_id,
        count=body.count,
        batch=body.batch,
        pepper=ctx.state.secret,
    )
    ctx.audit(
        "generate",
        "voting_codes",
        None,
        campaign_id=campaign_id,
        count=body.count,
        batch=body.batch,
    )
    name = f"codes-{campaign_id}-{body.batch or 'all'}.csv"
    return CsvResponse(
        text,
        status_code=201,
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )


@router.get("")
def code_counts(campaign_id: CampaignId, ctx: AsViewer) -> CodesOut:
    """How many codes were issued, used, revoked and are unused, in all and per batch."""
    total, batches = manage_codes.counts(ctx.session, campaign_id=campaign_id)
    return CodesOut(total=CountsOut.of(total), batches=[CountsOut.of(b) for b in batches])


@router.post("/revoke", responses=responses(409))
def revoke_codes(
    campaign_id: CampaignId, body: RevokeCode | RevokeBatch, ctx: AsAdmin
) -> RevokeOut:
    """Revokes one unused code (as printed) or every unused code of a batch."""
    if isinstance(body, RevokeCode):
        code_id = manage_codes.revoke_code(
            ctx.session,
            campaign_id=campaign_id,
            code=body.code,
            pepper=ctx.state.secret,
            now=ctx.now,
        )
        ctx.audit("revoke", "voting_code", code_id, campaign_id=campaign_id)
        return RevokeOut(revoked=1)
    revoked = manage_codes.revoke_batch(
        ctx.session, campaign_id=campaign_id, batch=body.batch, now=ctx.now
    )
    ctx.audit(
        "revoke", "voting_codes", None, campaign_id=campaign_id, batch=body.batch, count=revoked
    )
    return RevokeOut(revoked=revoked)
