"""Bodies of the voting code routes."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from actions.manage_codes import CodeCounts
from admin_api.schemas.common import Body, Whole

Batch = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")]
CODE_COUNT_MAX = 100_000


class GenerateIn(Body):
    """How many new codes, and a label for this print run."""

    count: Annotated[int, Whole, Field(ge=1, le=CODE_COUNT_MAX)]
    batch: Batch | None = None


class RevokeCode(Body):
    """One code to revoke, as printed or typed (case, spaces and dashes don't matter)."""

    code: Annotated[str, StringConstraints(min_length=1, max_length=64)]


class RevokeBatch(Body):
    """A whole batch to revoke (its unused codes)."""

    batch: Batch


class RevokeOut(BaseModel):
    """How many codes were revoked now."""

    revoked: int


class CountsOut(BaseModel):
    """Codes issued, used (to prove eligibility), revoked and still unused."""

    batch: str | None
    issued: int
    used: int
    revoked: int
    unused: int

    @classmethod
    def of(cls, counts: CodeCounts) -> CountsOut:
        """The body for a set of counts."""
        return cls(
            batch=counts.batch,
            issued=counts.issued,
            used=counts.used,
            revoked=counts.revoked,
            unused=counts.unused,
        )


class CodesOut(BaseModel):
    """The campaign's totals and the counts per batch."""

    total: CountsOut
    batches: list[CountsOut]
