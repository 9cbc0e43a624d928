"""Turning a parsed `.pb` file into an election the tally rules can count."""

from __future__ import annotations

from actions.domain.pabulib.errors import PabulibError
from actions.domain.pabulib.model import PbFile
from actions.domain.tally.types import ApprovalBallots, Election, Project


def to_election(pb: PbFile) -> Election:
    """The projects, budget and approval ballots of `pb`; other vote types are refused."""
    if pb.vote_type != "approval":
        raise PabulibError(
            0, f"vote_type {pb.vote_type!r} can't be counted: only approval ballots can"
        )
    projects = tuple(Project(p.project_id, p.cost, p.fields.get("name", "")) for p in pb.projects)
    return Election(projects, pb.budget, ApprovalBallots.of(v.vote for v in pb.votes))
