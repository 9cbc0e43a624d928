"""Bodies of the token routes."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from actions.store.admin import ApiToken
from admin_api.schemas.common import Body, Label

Role = Literal["admin", "moderator", "viewer"]


class TokenCreate(Body):
    """A new token's role and whose it is."""

    role: Role
    label: Label | None = None


class TokenOut(BaseModel):
    """A token without its secret."""

    id: int
    role: str
    label: str | None
    created_at: datetime
    revoked_at: datetime | None

    @classmethod
    def of(cls, row: ApiToken) -> TokenOut:
        """The body for a token row."""
        return cls(
            id=row.id,
            role=row.role,
            label=row.label,
            created_at=row.created_at,
            revoked_at=row.revoked_at,
        )


class TokenIssued(TokenOut):
    """A new token, with the secret shown this once."""

    token: str = Field(description="Send as `Authorization: Bearer <token>`; not shown again.")


class MeOut(BaseModel):
    """Who the presented token belongs to."""

    token_id: int
    role: str
    label: str | None
