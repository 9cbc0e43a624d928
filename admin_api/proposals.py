"""Proposal routes: CRUD with translations, CSV import, missing translations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from actions import manage_campaigns, manage_proposals, proposal_import
from admin_api.bodies import read_text, text_body
from admin_api.deps import AsModerator, AsViewer, CampaignId, ItemId, Limit, Offset
from admin_api.errors import COMMON, responses
from admin_api.etags import IfMatch, check, set_etag
from admin_api.schemas.common import Key, Language, Page
from admin_api.schemas.proposals import (
    ImportOut,
    ProposalCreate,
    ProposalOut,
    ProposalPatch,
    Status,
)

router = APIRouter(
    prefix="/campaigns/{campaign_id}",
    tags=["proposals"],
    responses=responses(*COMMON, 404),
)
CSV_COLUMNS = (
    "Columns: number,cost,theme,neighbourhood,image_url,status,external_id and "
    "title_<lang>,summary_<lang>,description_<lang> per language. A row with an existing "
    "number updates that proposal. All or nothing: every problem comes with its line."
)


@router.get("/proposals")
def list_proposals(
    *,
    campaign_id: CampaignId,
    ctx: AsViewer,
    limit: Limit = 50,
    offset: Offset = 0,
    status: Status | None = None,
    theme: Key | None = None,
    neighbourhood: Key | None = None,
    missing_language: Annotated[
        Language | None, Query(description="Only proposals lacking a text in this language.")
    ] = None,
) -> Page[ProposalOut]:
    """The campaign's proposals by number, filtered."""
    campaign = manage_campaigns.get(ctx.session, campaign_id=campaign_id)
    found = manage_proposals.listing(
        ctx.session,
        campaign_id=campaign_id,
        limit=limit,
        offset=offset,
        status=status,
        theme=theme,
        neighbourhood=neighbourhood,
        missing_language=missing_language,
    )
    items = [ProposalOut.of(p, campaign.languages) for p in found.items]
    return Page(items=items, total=found.total, limit=limit, offset=offset)


@router.post("/proposals", status_code=201, responses=responses(409))
def create_proposal(
    campaign_id: CampaignId, body: ProposalCreate, ctx: AsModerator, response: Response
) -> ProposalOut:
    """Adds a proposal (the next number unless one is given)."""
    row = manage_proposals.create(
        ctx.session, campaign_id=campaign_id, proposal=body.fields(), now=ctx.now
    )
    ctx.audit("create", "proposal", row.id, campaign_id=campaign_id, number=row.number)
    campaign = manage_campaigns.get(ctx.session, campaign_id=campaign_id)
    set_etag(response, "proposal", row.id, row.version)
    response.headers["Location"] = f"proposals/{row.id}"
    return ProposalOut.of(row, campaign.languages)


@router.post(
    "/imports/proposals",
    responses=responses(409, 413, 415),
    openapi_extra=text_body("text/csv"),
    description=CSV_COLUMNS,
)
def import_proposals(
    campaign_id: CampaignId, ctx: AsModerator, text: Annotated[str, Depends(read_text)]
) -> ImportOut:
    """Creates or updates proposals from a CSV table."""
    outcome = proposal_import.import_csv(
        ctx.session, campaign_id=campaign_id, text=text, now=ctx.now
    )
    ctx.audit(
        "import",
        "proposal",
        None,
        campaign_id=campaign_id,
        created=len(outcome.created),
        updated=len(outcome.updated),
    )
    return ImportOut(created=outcome.created, updated=outcome.updated)


@router.get("/proposals/{proposal_id}")
def get_proposal(
    campaign_id: CampaignId, proposal_id: ItemId, ctx: AsViewer, response: Response
) -> ProposalOut:
    """One proposal, with its ETag for a later PATCH."""
    row = manage_proposals.get(ctx.session, campaign_id=campaign_id, proposal_id=proposal_id)
    campaign = manage_campaigns.get(ctx.session, campaign_id=campaign_id)
    set_etag(response, "proposal", row.id, row.version)
    return ProposalOut.of(row, campaign.languages)


@router.patch("/proposals/{proposal_id}", responses=responses(409, 412, 428))
def update_proposal(
    *,
    campaign_id: CampaignId,
    proposal_id: ItemId,
    body: ProposalPatch,
    ctx: AsModerator,
    response: Response,
    if_match: IfMatch = None,
) -> ProposalOut:
    """Changes the fields given; only if nobody changed the proposal since."""
    row = manage_proposals.get(ctx.session, campaign_id=campaign_id, proposal_id=proposal_id)
    check(if_match, "proposal", row.id, row.version)
    changed = manage_proposals.update(
        ctx.session,
        campaign_id=campaign_id,
        proposal_id=proposal_id,
        changes=body.changes(),
        now=ctx.now,
    )
    if changed:
        ctx.audit("update", "proposal", row.id, campaign_id=campaign_id, fields=sorted(changed))
    campaign = manage_campaigns.get(ctx.session, campaign_id=campaign_id)
    set_etag(response, "proposal", row.id, row.version)
    return ProposalOut.of(row, campaign.languages)


@router.delete("/proposals/{proposal_id}", status_code=204, responses=responses(409, 412, 428))
def delete_proposal(
    campaign_id: CampaignId, proposal_id: ItemId, ctx: AsModerator, if_match: IfMatch = None
) -> Response:
    """Deletes a proposal nobody voted for (withdraw it otherwise)."""
    row = manage_proposals.get(ctx.session, campaign_id=campaign_id, proposal_id=proposal_id)
    check(if_match, "proposal", row.id, row.version)
    number = row.number
    manage_proposals.delete(ctx.session, campaign_id=campaign_id, proposal_id=proposal_id)
    ctx.audit("delete", "proposal", proposal_id, campaign_id=campaign_id, number=number)
    return Response(status_code=204)
