"""An election compiled to indices, the form every rule counts on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from actions.domain.tally.tiebreak import lot_ranks
from actions.domain.tally.types import ApprovalBallots, Project, TallyError, TieBreak


@dataclass(frozen=True, slots=True)
class Profile:
    """Projects by index, the distinct ballots with their weights, and who supports what."""

    projects: tuple[Project, ...]
    budget: int
    costs: tuple[int, ...]
    votes: tuple[int, ...]
    lot: tuple[int, ...]
    n_voters: int
    weights: tuple[int, ...]
    ballots: tuple[tuple[int, ...], ...]
    supporters: tuple[tuple[int, ...], ...]

    @property
    def ids(self) -> tuple[str, ...]:
        """Project ids by index."""
        return tuple(p.id for p in self.projects)

    def cost_of(self, selection: Sequence[int]) -> int:
        """What the selected projects cost together."""
        return sum(self.costs[j] for j in selection)


def compile_profile(
    projects: Sequence[Project], budget: int, ballots: ApprovalBallots, tie_break: TieBreak
) -> Profile:
    """The indexed form of an election; unknown or duplicate project ids are refused."""
    if budget < 0:
        raise TallyError(f"budget {budget} is negative")
    index: dict[str, int] = {}
    for j, project in enumerate(projects):
        if project.id in index:
            raise TallyError(f"project {project.id} appears twice")
        index[project.id] = j
    weights: list[int] = []
    compiled: list[tuple[int, ...]] = []
    supporters: list[list[int]] = [[] for _ in projects]
    adders = [s.append for s in supporters]
    for approved, weight in ballots.counts.items():
        if weight <= 0:
            raise TallyError(f"a ballot has weight {weight}")
        try:
            members = tuple(sorted(map(index.__getitem__, approved)))
        except KeyError as unknown:
            raise TallyError(f"a ballot approves unknown project {unknown.args[0]}") from None
        group = len(weights)
        weights.append(weight)
        compiled.append(members)
        for j in members:
            adders[j](group)
    votes = [sum(map(weights.__getitem__, s)) for s in supporters]
    return Profile(
        projects=tuple(projects),
        budget=budget,
        costs=tuple(p.cost for p in projects),
        votes=tuple(votes),
        lot=lot_ranks([p.id for p in projects], tie_break.seed),
        n_voters=sum(weights),
        weights=tuple(weights),
        ballots=tuple(compiled),
        supporters=tuple(tuple(s) for s in supporters),
    )
