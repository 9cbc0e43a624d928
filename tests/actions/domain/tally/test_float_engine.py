"""Floating-point Equal Shares: proven bounds, and the very outcome of the exact count."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from actions.domain.tally import add1_search, add1_steps
from actions.domain.tally.add1_fast import complete_add1_fast
from actions.domain.tally.completion import Completion
from actions.domain.tally.equal_shares import complete
from actions.domain.tally.float_profile import FloatProfile
from actions.domain.tally.float_quote import Accuracy, U, Uncertain, quote, rho_beyond
from actions.domain.tally.float_run import COMPLETE, OVER, WITHIN, record_opening, run_float
from actions.domain.tally.mes import MesProfile, Run, run_mes
from actions.domain.tally.types import ApprovalBallots, Election, Project
from tests.actions.domain.tally import reference, synthetic

amounts = st.lists(
    st.one_of(st.just(Fraction(0)), st.fractions(Fraction(1, 100), 200, max_denominator=997)),
    min_size=1,
    max_size=40,
)


def rounded(money: list[Fraction]) -> tuple[tuple[float, ...], Accuracy]:
    """`money` as doubles, and the accuracy that says how far off they are."""
    errors = [1.01 * U * float(x) for x in money]
    return tuple(map(float, money)), Accuracy(sum(errors), max(errors), 0.0, 0.0)


@settings(max_examples=500)
@given(amounts, st.integers(1, 9_000), st.floats(0, 300))
def test_a_quote_pins_down_the_exact_share(money: list[Fraction], cost: int, hint: float) -> None:
    doubles, acc = rounded(money)
    try:
        found = quote(doubles, cost, hint, acc, project=0, tie=0)
    except Uncertain:
        return
    assert found == quote(doubles, cost, 0.0, acc, project=0, tie=0)  # the hint only saves time
    if found is None:
        assert sum(money) < cost
        return
    assert sum(money) >= cost
    share = reference._price(cost, money)
    assert abs(share - Fraction(found.share)) <= Fraction(found.share_error)
    assert Fraction(found.low) <= share / cost <= Fraction(found.high)
    if found.exact is not None:
        assert found.exact == share / cost


@settings(max_examples=500)
@given(amounts, st.integers(1, 9_000), st.fractions(Fraction(1, 10**4), 1, max_denominator=10**6))
def test_rho_beyond_is_a_lower_bound(money: list[Fraction], cost: int, rho: Fraction) -> None:
    doubles, acc = rounded(money)
    bound = rho_beyond(doubles, cost, float(rho), acc)
    if bound is None:
        assert sum(money) < cost
    elif sum(money) >= cost:
        assert Fraction(bound) <= reference._price(cost, money) / cost


def test_exact_ties_are_left_to_exact_arithmetic() -> None:
    # 51.50 each. After "c" (2 each), "a" and "b" cost 50.50 each, those who paid for "c"
    # paying their last 49.50: equal rhos, which floats can't prove, so the exact count
    # settles it by the tie order.
    projects = (Project("a", 1_000), Project("b", 1_000), Project("c", 60))
    ballots = ApprovalBallots.of([{"a", "b"}] * 10 + [{"a", "b", "c"}] * 10 + [{"c"}] * 20)
    mes = synthetic.mes_profile(Election(projects, 2_060, ballots))
    with pytest.raises(Uncertain):
        run_float(FloatProfile.of(mes), Fraction(2_060, 40))
    assert complete(mes, fast=True).winners == complete(mes, fast=False).winners


def sizes() -> st.SearchStrategy[tuple[int, int, int]]:
    return st.tuples(st.integers(0, 10**6), st.integers(1, 80), st.integers(1, 9))


@settings(max_examples=150)
@given(sizes(), st.integers(0, 60))
def test_float_runs_buy_what_exact_runs_buy(size: tuple[int, int, int], step: int) -> None:
    mes = synthetic.mes_profile(synthetic.election(*size))
    p = mes.profile
    n = max(p.n_voters, 1)
    per_voter = Fraction(p.budget + step * n, n)
    exact = run_mes(mes, per_voter)
    fp = FloatProfile.of(mes)
    try:
        found = run_float(fp, per_voter)
        decided = run_float(fp, per_voter, p.budget)
        opening = record_opening(fp, Fraction(p.budget, n))
        resumed = run_float(fp, per_voter, p.budget, opening)
    except Uncertain:
        assume(False)
        return
    assert found.status == COMPLETE
    assert found.winners == exact.winners
    cost = p.cost_of(exact.winners)
    for run in (decided, resumed):
        assert exact.winners[: len(run.winners)] == run.winners
        if run.status == OVER:
            assert cost > p.budget
        elif run.status == WITHIN:
            assert cost <= p.budget
            assert set(exact.winners) != set(mes.supported)
        else:
            assert run.winners == exact.winners


def same_outcome(fast: Completion, exact: Completion) -> None:
    assert fast.winners == exact.winners
    assert fast.first == exact.first
    assert fast.increment == exact.increment
    assert fast.held == exact.held


@settings(max_examples=100)
@given(sizes())
def test_counting_in_floating_point_changes_no_outcome(size: tuple[int, int, int]) -> None:
    mes = synthetic.mes_profile(synthetic.election(*size))
    same_outcome(complete(mes, fast=True), complete(mes, fast=False))


def test_a_mid_sized_election_comes_out_the_same_in_one_or_two_processes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 4,000 voters and 50 projects: hundreds of Add1 steps.
    mes = synthetic.mes_profile(synthetic.election(7, 4_000, 50))
    exact = complete(mes, fast=False)
    assert exact.increment > 200
    alone = complete_add1_fast(mes, workers=1)
    same_outcome(alone, exact)
    # Fork even if the test session runs threads (the workers only count), and keep the
    # workers even if the machine is busy.
    monkeypatch.setattr(add1_steps, "can_fork", lambda: True)
    monkeypatch.setattr(add1_steps, "STARVED", 0.0)
    here: list[int] = []  # steps counted in this process (workers append to their copy)
    step = add1_search.Search.step

    def spy(self: add1_search.Search, number: int, **kwargs: Any) -> add1_search.Decision:
        here.append(number)
        return step(self, number, **kwargs)

    monkeypatch.setattr(add1_search.Search, "step", spy)
    together = complete_add1_fast(mes, workers=2)
    same_outcome(together, exact)
    assert together.runs == alone.runs
    assert len(here) <= 1  # at most the rerun of the last step
    # Workers that don't get the CPU they need are stopped, and steps are counted here.
    monkeypatch.setattr(add1_steps, "STARVED", 2.0)
    here.clear()
    starved = complete_add1_fast(mes, workers=2)
    same_outcome(starved, exact)
    assert starved.runs == alone.runs
    assert 0 < len(here) < alone.runs


def test_a_step_floating_point_cannot_settle_is_counted_exactly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mes = synthetic.mes_profile(synthetic.election(3, 500, 12))
    exact = complete(mes, fast=False)
    calls = []

    def unsure(*args: object) -> None:
        calls.append(args)
        raise Uncertain("as if")

    monkeypatch.setattr(add1_search, "run_float", unsure)
    same_outcome(complete_add1_fast(mes), exact)
    assert len(calls) == exact.increment + 2


def test_money_left_is_floored_exactly_even_on_whole_amounts() -> None:
    # Nobody supporting "b" pays for anything: they keep 3 * 40, a whole amount exactly.
    projects = (Project("a", 70), Project("b", 500))
    ballots = ApprovalBallots.of([{"a"}, {"a"}, {"b"}, {"b"}, {"b"}])
    mes = synthetic.mes_profile(Election(projects, 200, ballots))
    fast, exact = complete(mes, fast=True), complete(mes, fast=False)
    same_outcome(fast, exact)
    assert fast.held[1] == math.floor(exact.held[1]) == 3 * (40 + fast.increment)


def exact_money(run: Run) -> list[Fraction]:
    """What each distinct ballot's voters hold at the end of an exact run."""
    w = run.wallets
    return [Fraction(w._numerator[c] * w._scale[w._epoch[c]], w._denominator) for c in w._class_of]


@pytest.mark.parametrize("seed", range(6))
def test_the_error_bounds_hold_voter_by_voter(seed: int) -> None:
    mes = synthetic.mes_profile(synthetic.election(seed, 400 + 300 * seed, 6 + 4 * seed))
    p = mes.profile
    n = p.n_voters
    for step in (0, 7):
        per_voter = Fraction(p.budget + step * n, n)
        found = run_float(FloatProfile.of(mes), per_voter)
        exact = run_mes(mes, per_voter)
        assert found.winners == exact.winners
        errors = [
            abs(Fraction(max(x, 0.0)) - m)
            for x, m in zip(found.money, exact_money(exact), strict=True)
        ]
        acc = found.accuracy
        assert max(errors) <= Fraction(acc.per_voter)
        assert sum(e * w for e, w in zip(errors, p.weights, strict=True)) <= Fraction(acc.mass)
        assert same_outcome_fast(mes)


def same_outcome_fast(mes: MesProfile) -> bool:
    same_outcome(complete(mes, fast=True), complete(mes, fast=False))
    return True
