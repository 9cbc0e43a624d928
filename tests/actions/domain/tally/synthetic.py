"""Seeded random approval elections of any size, shaped like real ones (for tests)."""

from __future__ import annotations

import random

from actions.domain.tally.mes import MesProfile
from actions.domain.tally.profile import compile_profile
from actions.domain.tally.types import ApprovalBallots, Election, Project, TieBreak


def election(seed: int, voters: int, projects: int, *, share: float = 0.25) -> Election:
    """Log-uniform costs (3 to 300 per voter), log-normal popularity, 1-8 approvals, and a
    budget of `share` of the total cost."""
    rng = random.Random(seed)
    ids = [f"p{j}" for j in range(projects)]
    costs = [int(3 * voters * 100 ** rng.random()) + 1 for _ in ids]
    weights = [rng.lognormvariate(0, 1) for _ in ids]
    ballots = []
    for _ in range(voters):
        size = rng.randint(1, min(8, projects))
        ballot: set[str] = set()
        while len(ballot) < size:
            ballot.update(rng.choices(ids, weights, k=size - len(ballot)))
        ballots.append(ballot)
    budget = int(sum(costs) * share)
    return Election(
        tuple(Project(i, c) for i, c in zip(ids, costs, strict=True)),
        budget,
        ApprovalBallots.of(ballots),
    )


def mes_profile(e: Election, seed: int = 0) -> MesProfile:
    """`e` prepared for Equal Shares runs."""
    return MesProfile.of(compile_profile(e.projects, e.budget, e.ballots, TieBreak(seed)))
