"""Properties of every rule on random small elections, and agreement with the reference."""

from __future__ import annotations

import random
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from actions.domain.tally.add1 import complete_add1
from actions.domain.tally.equal_shares import complete, mes_add1
from actions.domain.tally.greedy import greedy, greedy_no_skip
from actions.domain.tally.mes import MesProfile
from actions.domain.tally.profile import compile_profile
from actions.domain.tally.registry import RULES
from actions.domain.tally.types import ApprovalBallots, Project, TallyResult, TieBreak
from tests.actions.domain.tally import reference


@dataclass(frozen=True)
class Case:
    projects: tuple[Project, ...]
    budget: int
    ballots: tuple[frozenset[str], ...]
    seed: int

    @property
    def costs(self) -> dict[str, int]:
        return {p.id: p.cost for p in self.projects}

    def approval(self) -> ApprovalBallots:
        return ApprovalBallots.of(self.ballots)


@st.composite
def elections(draw: st.DrawFn, max_cost: int = 60) -> Case:
    n = draw(st.integers(1, 6))
    ids = [f"p{i}" for i in range(n)]
    # Few distinct costs and small budgets make ties and long Add1 searches common.
    costs = draw(
        st.lists(st.sampled_from([0, 5, 10, 10, 20, 30, max_cost]), min_size=n, max_size=n)
    )
    projects = tuple(Project(i, c) for i, c in zip(ids, costs, strict=True))
    ballots = draw(st.lists(st.frozensets(st.sampled_from(ids)), max_size=8))
    budget = draw(st.integers(0, 120))
    seed = draw(st.integers(0, 3))
    return Case(projects, budget, tuple(ballots), seed)


def run(rule_name: str, case: Case) -> TallyResult:
    return RULES[rule_name](case.projects, case.budget, case.approval(), TieBreak(case.seed))


@settings(max_examples=300, deadline=None)
@given(elections())
def test_every_rule_stays_within_budget_and_ignores_unsupported_projects(case: Case) -> None:
    votes = case.approval().votes()
    for name in RULES:
        result = run(name, case)
        assert result.cost == sum(case.costs[p] for p in result.selected)
        assert result.cost <= case.budget
        assert len(set(result.selected)) == len(result.selected)
        assert all(votes.get(p, 0) > 0 for p in result.selected)
        assert set(result.explanations) == set(case.costs)


@settings(max_examples=300, deadline=None)
@given(elections())
def test_greedy_is_exhaustive(case: Case) -> None:
    result = run("greedy", case)
    votes = case.approval().votes()
    for p, cost in case.costs.items():
        if p not in result.selected and votes.get(p, 0) > 0:
            assert cost > result.leftover


@settings(max_examples=300, deadline=None)
@given(elections())
def test_greedy_rules_match_the_reference(case: Case) -> None:
    for skip, rule in ((True, greedy), (False, greedy_no_skip)):
        expected = reference.greedy(case.costs, case.budget, case.ballots, case.seed, skip=skip)
        result = rule(case.projects, case.budget, case.approval(), TieBreak(case.seed))
        assert list(result.selected) == expected


@settings(max_examples=300, deadline=None)
@given(elections())
def test_equal_shares_matches_the_straightforward_reference(case: Case) -> None:
    expected, increment = reference.equal_shares_add1(
        case.costs, case.budget, case.ballots, case.seed
    )
    result = mes_add1(case.projects, case.budget, case.approval(), TieBreak(case.seed))
    assert list(result.selected) == expected
    assert result.details["increment"] == increment


@settings(max_examples=300, deadline=None)
@given(elections(max_cost=400))
def test_equal_shares_in_floating_point_matches_the_straightforward_reference(case: Case) -> None:
    # Small numbers make exact ties common: steps floats can't settle are counted exactly.
    profile = compile_profile(case.projects, case.budget, case.approval(), TieBreak(case.seed))
    outcome = complete(MesProfile.of(profile), fast=True)
    expected, increment = reference.equal_shares_add1(
        case.costs, case.budget, case.ballots, case.seed
    )
    assert [profile.ids[j] for j in outcome.winners] == expected
    assert outcome.increment == increment


@settings(max_examples=200, deadline=None)
@given(elections(), st.randoms(use_true_random=False))
def test_equal_shares_ignores_the_order_of_ballots_and_projects(
    case: Case, rnd: random.Random
) -> None:
    ballots = list(case.ballots)
    projects = list(case.projects)
    rnd.shuffle(ballots)
    rnd.shuffle(projects)
    tie = TieBreak(case.seed)
    shuffled = mes_add1(projects, case.budget, ApprovalBallots.of(ballots), tie)
    original = mes_add1(case.projects, case.budget, case.approval(), tie)
    assert shuffled.selected == original.selected
    assert shuffled.explanations == original.explanations


@settings(max_examples=200, deadline=None)
@given(elections(max_cost=400))
def test_skipping_add1_steps_gives_the_same_outcome_as_stepping(case: Case) -> None:
    # Expensive projects and small budgets give long searches with stable stretches.
    profile = compile_profile(case.projects, case.budget, case.approval(), TieBreak(case.seed))
    mes = MesProfile.of(profile)
    quick, plain = complete_add1(mes, skip=True), complete_add1(mes, skip=False)
    assert quick.final.winners == plain.final.winners
    assert quick.final.rhos == plain.final.rhos
    assert quick.increment == plain.increment


@settings(max_examples=200, deadline=None)
@given(elections())
def test_comparison_follows_the_majority_of_voters_with_a_preference(case: Case) -> None:
    tie = TieBreak(case.seed)
    plain = mes_add1(case.projects, case.budget, case.approval(), tie)
    greedy_result = greedy(case.projects, case.budget, case.approval(), tie)
    compared = mes_add1(case.projects, case.budget, case.approval(), tie, comparison=True)
    g, m = list(greedy_result.selected), list(plain.selected)
    for_greedy = reference.prefer(case.costs, case.ballots, g, m)
    for_mes = reference.prefer(case.costs, case.ballots, m, g)
    assert compared.details["prefer_greedy"] == for_greedy
    assert compared.details["prefer_mes"] == for_mes
    expected = greedy_result if for_greedy > for_mes else plain
    assert compared.selected == expected.selected
