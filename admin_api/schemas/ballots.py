"""Bodies of the ballot routes."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class PaperImportOut(BaseModel):
    """How many paper ballots were stored."""

    imported: int


class BallotOut(BaseModel):
    """A confirmed ballot without anything that identifies its voter."""

    id: int
    channel: str
    confirmed_at: datetime
    proposal_numbers: list[int]
