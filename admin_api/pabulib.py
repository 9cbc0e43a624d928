"""pabulib routes: a campaign from a `.pb` file, and a campaign's election as one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from fastapi.responses import PlainTextResponse

from actions import pabulib_io
from admin_api.bodies import read_text, text_body, text_response
from admin_api.deps import AsAdmin, AsViewer, CampaignId
from admin_api.errors import COMMON, responses
from admin_api.etags import set_etag
from admin_api.schemas.campaigns import CampaignOut, Slug
from admin_api.schemas.common import Language

router = APIRouter(tags=["pabulib"], responses=responses(*COMMON))


@router.post(
    "/imports/pabulib",
    status_code=201,
    responses=responses(409, 413, 415),
    openapi_extra=text_body("text/plain"),
)
def import_pb(
    ctx: AsAdmin,
    text: Annotated[str, Depends(read_text)],
    response: Response,
    slug: Annotated[Slug, Query(description="The new campaign's slug.")],
    language: Annotated[
        Language | None, Query(description="The texts' language (else META `language`).")
    ] = None,
) -> CampaignOut:
    """A new campaign with the file's projects as proposals and its votes as ballots."""
    row = pabulib_io.import_pb(
        ctx.session,
        text=text,
        slug=slug,
        language=language,
        supported=ctx.state.languages,
        now=ctx.now,
    )
    ctx.audit("import", "campaign", row.id, slug=row.slug, source="pabulib")
    set_etag(response, "campaign", row.id, row.version)
    return CampaignOut.of(row, ctx.now)


@router.get(
    "/campaigns/{campaign_id}/export.pb",
    response_class=PlainTextResponse,
    responses={**responses(404), **text_response("text/plain", "A pabulib .pb file.")},
)
def export_pb(campaign_id: CampaignId, ctx: AsViewer) -> PlainTextResponse:
    """The campaign's proposals and confirmed ballots as a pabulib file."""
    text = pabulib_io.export_pb(ctx.session, campaign_id=campaign_id)
    disposition = f'attachment; filename="campaign-{campaign_id}.pb"'
    return PlainTextResponse(
        text, media_type="text/plain", headers={"Content-Disposition": disposition}
    )
