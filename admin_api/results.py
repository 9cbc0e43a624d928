"""Result routes: compute with any rule, list, read with explanations, publish, export."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse

from actions import pabulib_io, results_export, tally_campaign
from actions.store.admin import Result
from admin_api.bodies import CsvResponse, text_response
from admin_api.deps import AsAdmin, AsViewer, CampaignId, Ctx, ItemId, Limit, Offset
from admin_api.errors import COMMON, responses
from admin_api.schemas.common import Page
from admin_api.schemas.results import (
    ComputeIn,
    Explanation,
    ResultOut,
    ResultRow,
    ResultSummary,
)

router = APIRouter(
    prefix="/campaigns/{campaign_id}/results",
    tags=["results"],
    responses=responses(*COMMON, 404),
)


def _out(ctx: Ctx, row: Result) -> ResultOut:
    """The result with one row per counted proposal: winners in order, then by votes."""
    proposals = tally_campaign.counted_proposals(ctx.session, result=row)
    order = {proposal_id: place for place, proposal_id in enumerate(row.selected, start=1)}
    rows = []
    for key, votes in row.votes.items():
        proposal = proposals.get(int(key))
        explanation = row.explanations.get(key)
        rows.append(
            ResultRow(
                proposal_id=int(key),
                number=proposal.number if proposal else None,
                title=dict(proposal.title) if proposal else {},
                cost=proposal.cost if proposal else None,
                votes=int(votes),
                selected=int(key) in order,
                rank=order.get(int(key)),
                explanation=Explanation(**explanation) if explanation else None,
            )
        )
    rows.sort(key=lambda r: (r.rank or len(order) + 1, -r.votes, r.number or 0))
    return ResultOut(**ResultSummary.of(row).model_dump(), proposals=rows)


@router.post("", status_code=201)
def compute_result(campaign_id: CampaignId, body: ComputeIn, ctx: AsAdmin) -> ResultOut:
    """Counts the confirmed ballots (online and paper) with the rule; not yet published."""
    row = tally_campaign.compute(
        ctx.session,
        campaign_id=campaign_id,
        method=body.method,
        seed=body.seed,
        comparison=body.comparison,
        now=ctx.now,
    )
    ctx.audit(
        "compute", "result", row.id, campaign_id=campaign_id, method=row.method, seed=row.seed
    )
    return _out(ctx, row)


@router.get("")
def list_results(
    campaign_id: CampaignId, ctx: AsViewer, limit: Limit = 50, offset: Offset = 0
) -> Page[ResultSummary]:
    """The campaign's computed results, newest first."""
    found = tally_campaign.listing(ctx.session, campaign_id=campaign_id, limit=limit, offset=offset)
    items = [ResultSummary.of(r) for r in found.items]
    return Page(items=items, total=found.total, limit=limit, offset=offset)


@router.get("/{result_id}")
def get_result(campaign_id: CampaignId, result_id: ItemId, ctx: AsViewer) -> ResultOut:
    """One result with every proposal's votes and explanation."""
    row = tally_campaign.get(ctx.session, campaign_id=campaign_id, result_id=result_id)
    return _out(ctx, row)


@router.post("/{result_id}/publish", responses=responses(409))
def publish_result(campaign_id: CampaignId, result_id: ItemId, ctx: AsAdmin) -> ResultOut:
    """Publishes the result: residents see it in the chat from now on."""
    row = tally_campaign.publish(
        ctx.session, campaign_id=campaign_id, result_id=result_id, now=ctx.now
    )
    ctx.audit("publish", "result", row.id, campaign_id=campaign_id)
    return _out(ctx, row)


@router.get(
    "/{result_id}/export.csv",
    response_class=CsvResponse,
    responses=text_response("text/csv", "rank,number,proposal_id,title,cost,votes,..."),
)
def export_csv(campaign_id: CampaignId, result_id: ItemId, ctx: AsViewer) -> CsvResponse:
    """The result as CSV, one row per proposal."""
    text = results_export.to_csv(ctx.session, campaign_id=campaign_id, result_id=result_id)
    disposition = f'attachment; filename="result-{campaign_id}-{result_id}.csv"'
    return CsvResponse(text, headers={"Content-Disposition": disposition})


@router.get(
    "/{result_id}/export.pb",
    response_class=PlainTextResponse,
    responses=text_response("text/plain", "A pabulib .pb file with a `selected` column."),
)
def export_pb(campaign_id: CampaignId, result_id: ItemId, ctx: AsViewer) -> PlainTextResponse:
    """The election and this result as a pabulib file (voters numbered, never named)."""
    text = pabulib_io.export_pb(ctx.session, campaign_id=campaign_id, result_id=result_id)
    disposition = f'attachment; filename="result-{campaign_id}-{result_id}.pb"'
    return PlainTextResponse(text, headers={"Content-Disposition": disposition})
