"""Bodies of the result routes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field, StrictBool

from actions.store.admin import Result
from actions.tally_campaign import SEED_MAX
from admin_api.schemas.campaigns import Method
from admin_api.schemas.common import Body, Whole


class ComputeIn(Body):
    """The rule to count with; the seed of the tie-breaking lot (drawn if left out)."""

    method: Method
    seed: Annotated[int, Whole, Field(ge=0, le=SEED_MAX)] | None = None
    comparison: StrictBool = Field(
        default=False,
        description="mes-add1 only: take greedy's outcome if more voters prefer it.",
    )


class Explanation(BaseModel):
    """Why a proposal was funded or not: a code and the numbers behind it."""

    code: str
    params: dict[str, int | str]


class ResultRow(BaseModel):
    """One proposal in a result."""

    proposal_id: int
    number: int | None
    title: dict[str, str]
    cost: int | None
    votes: int
    selected: bool
    rank: int | None = Field(description="The place in the selection order, if selected.")
    explanation: Explanation | None


class ResultSummary(BaseModel):
    """A computed result without the per-proposal rows."""

    id: int
    campaign_id: int
    method: str
    seed: int
    cost: int
    selected: list[int] = Field(description="Proposal ids in selection order.")
    details: dict[str, int | str | bool | None]
    computed_at: datetime
    published_at: datetime | None

    @classmethod
    def of(cls, row: Result) -> ResultSummary:
        """The summary of a result row."""
        return cls(
            id=row.id,
            campaign_id=row.campaign_id,
            method=row.method,
            seed=row.seed,
            cost=row.cost,
            selected=list(row.selected),
            details=dict(row.details),
            computed_at=row.computed_at,
            published_at=row.published_at,
        )


class ResultOut(ResultSummary):
    """A computed result with every proposal's votes and explanation."""

    proposals: list[ResultRow]
