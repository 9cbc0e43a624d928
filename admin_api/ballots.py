"""Ballot routes: import paper ballots, list confirmed ballots (anonymous)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from actions import paper_ballots
from admin_api.bodies import read_text, text_body
from admin_api.deps import AsAdmin, AsViewer, CampaignId, Limit, Offset
from admin_api.errors import COMMON, responses
from admin_api.schemas.ballots import BallotOut, PaperImportOut
from admin_api.schemas.common import Page

router = APIRouter(
    prefix="/campaigns/{campaign_id}/ballots",
    tags=["ballots"],
    responses=responses(*COMMON, 404),
)
PAPER = (
    'Columns: voter_id,proposal_numbers (e.g. `A17,"3,7,12"`). Each ballot must pass the '
    "campaign's ballot rules; a voter id can be imported once. All or nothing: every problem "
    "comes with its line."
)


@router.post(
    "/paper",
    status_code=201,
    responses=responses(409, 413, 415),
    openapi_extra=text_body("text/csv"),
    description=PAPER,
)
def import_paper(
    campaign_id: CampaignId, ctx: AsAdmin, text: Annotated[str, Depends(read_text)]
) -> PaperImportOut:
    """Stores paper ballots; they count like online ones, with channel `paper`."""
    imported = paper_ballots.import_csv(
        ctx.session, campaign_id=campaign_id, text=text, now=ctx.now
    )
    ctx.audit("import", "paper_ballots", None, campaign_id=campaign_id, count=imported)
    return PaperImportOut(imported=imported)


@router.get("")
def list_ballots(
    *,
    campaign_id: CampaignId,
    ctx: AsViewer,
    limit: Limit = 50,
    offset: Offset = 0,
    channel: Annotated[str | None, Query(max_length=16, pattern=r"^[a-z0-9_-]+$")] = None,
) -> Page[BallotOut]:
    """Confirmed ballots, oldest first; nothing that identifies a voter."""
    found = paper_ballots.listing(
        ctx.session, campaign_id=campaign_id, limit=limit, offset=offset, channel=channel
    )
    numbers = paper_ballots.proposal_numbers(ctx.session, campaign_id=campaign_id)
    items = [
        BallotOut(
            id=b.id,
            channel=b.channel,
            confirmed_at=b.confirmed_at,
            proposal_numbers=sorted(numbers[c.proposal_id] for c in b.choices),
        )
        for b in found.items
    ]
    return Page(items=items, total=found.total, limit=limit, offset=offset)
