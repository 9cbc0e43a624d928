"""Token routes: who am I (any role); issue, list and revoke tokens (admins)."""

from __future__ import annotations

from fastapi import APIRouter

from actions import manage_tokens
from admin_api.deps import AsAdmin, AsViewer, ItemId, Limit, Offset
from admin_api.errors import COMMON, responses
from admin_api.schemas.common import Page
from admin_api.schemas.tokens import MeOut, TokenCreate, TokenIssued, TokenOut

router = APIRouter(tags=["tokens"], responses=responses(*COMMON))


@router.get("/me")
def me(ctx: AsViewer) -> MeOut:
    """The token this request was made with."""
    return MeOut(token_id=ctx.caller.token_id, role=ctx.caller.role, label=ctx.caller.label)


@router.get("/tokens")
def list_tokens(ctx: AsAdmin, limit: Limit = 50, offset: Offset = 0) -> Page[TokenOut]:
    """Every token, by id; secrets are never shown again."""
    found = manage_tokens.listing(ctx.session, limit=limit, offset=offset)
    items = [TokenOut.of(t) for t in found.items]
    return Page(items=items, total=found.total, limit=limit, offset=offset)


@router.post("/tokens", status_code=201)
def issue_token(body: TokenCreate, ctx: AsAdmin) -> TokenIssued:
    """A new token; its secret is in this response only."""
    row, plain = manage_tokens.issue(ctx.session, role=body.role, label=body.label)
    ctx.audit("create", "token", row.id, role=row.role)
    return TokenIssued(**TokenOut.of(row).model_dump(), token=plain)


@router.delete("/tokens/{token_id}", responses=responses(404, 409))
def revoke_token(token_id: ItemId, ctx: AsAdmin) -> TokenOut:
    """Revokes a token at once (its next request gets 401)."""
    row = manage_tokens.revoke(ctx.session, token_id=token_id, now=ctx.now)
    ctx.audit("revoke", "token", row.id, role=row.role)
    return TokenOut.of(row)
