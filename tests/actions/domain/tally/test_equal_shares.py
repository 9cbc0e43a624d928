"""Equal Shares with Add1 completion: worked examples, explanations, comparison, skipping."""

from __future__ import annotations

from fractions import Fraction

from actions.domain.tally.add1 import complete_add1
from actions.domain.tally.equal_shares import mes_add1
from actions.domain.tally.mes import MesProfile, run_mes
from actions.domain.tally.profile import compile_profile
from actions.domain.tally.types import ApprovalBallots, Project, Reason, TieBreak
from tests.actions.domain.tally.test_real_elections import load

PROJECTS = (Project("A", 60), Project("B", 40), Project("C", 30), Project("D", 10))
# Four voters; nobody approves D.
BALLOTS = ApprovalBallots.of([{"A", "B"}, {"A", "B"}, {"A", "C"}, {"C"}])


def mes_profile(budget: int, ballots: ApprovalBallots = BALLOTS) -> MesProfile:
    return MesProfile.of(compile_profile(PROJECTS, budget, ballots, TieBreak(0)))


def test_one_run_charges_supporters_equally_and_caps_the_poor() -> None:
    # 25 each: A costs 20 per supporter (rho 1/3) and wins; then C costs v3 his last 5
    # and v4 the other 25 (rho 25/30); B's supporters have 10 left, not 40.
    run = run_mes(mes_profile(100), Fraction(25))
    ids = ("A", "B", "C", "D")
    assert [ids[j] for j in run.winners] == ["A", "C"]
    assert run.rhos == (Fraction(1, 3), Fraction(5, 6))
    assert run.wallets.money(1) == 10


def test_add1_raises_every_share_until_the_next_step_would_overspend() -> None:
    # With 100: B becomes affordable after A at 40 per voter (step 15), but then the
    # outcome A, C, B costs 130 > 100, so step 14 is the last that fits.
    result = mes_add1(PROJECTS, 100, BALLOTS, TieBreak(0))
    assert result.selected == ("A", "C")
    assert result.cost == 90
    assert result.details["increment"] == 14
    assert result.explanations["A"].code is Reason.WON
    assert result.explanations["A"].params == {"votes": 3, "round": 1}
    assert result.explanations["B"].code is Reason.SHARE_TOO_SMALL
    # At 39 per voter, B's two supporters keep 19 each after paying 20 for A.
    assert result.explanations["B"].params == {"votes": 2, "cost": 40, "share": 38, "increment": 14}
    assert result.explanations["D"].code is Reason.NO_VOTES


def test_a_project_bought_only_thanks_to_the_completion_says_so() -> None:
    # With 130 (32.50 each) B is out of reach; 8 more per voter buy A, C (tie with B at
    # rho 1/2 goes to the cheaper C) and then B, for exactly 130.
    result = mes_add1(PROJECTS, 130, BALLOTS, TieBreak(0))
    assert result.selected == ("A", "C", "B")
    assert result.cost == 130
    assert result.explanations["B"].code is Reason.WON_BY_COMPLETION
    assert result.explanations["B"].params == {"votes": 2, "round": 3, "increment": 8}
    assert result.explanations["C"].code is Reason.WON


def test_comparison_takes_greedy_when_more_voters_strictly_prefer_it() -> None:
    _, election = load("Netherlands_Assen_2024")
    plain = mes_add1(election.projects, election.budget, election.ballots, TieBreak(0))
    compared = mes_add1(
        election.projects, election.budget, election.ballots, TieBreak(0), comparison=True
    )
    assert compared.details["prefer_greedy"] == 25
    assert compared.details["prefer_mes"] == 21
    assert compared.details["outcome"] == "greedy"
    assert set(compared.selected) != set(plain.selected)
    assert compared.cost == 99_200
    assert all(compared.explanations[p].code is Reason.WON_BY_COMPARISON for p in compared.selected)


def test_skipping_stable_stretches_changes_nothing() -> None:
    # Assen needs 843 steps of one euro; most of them repeat the same outcome.
    _, election = load("Netherlands_Assen_2024")
    mes = MesProfile.of(
        compile_profile(election.projects, election.budget, election.ballots, TieBreak(0))
    )
    quick, plain = complete_add1(mes, skip=True), complete_add1(mes, skip=False)
    assert quick.final.winners == plain.final.winners
    assert quick.final.rhos == plain.final.rhos
    assert quick.increment == plain.increment == 843
    assert quick.runs < plain.runs / 3


def test_free_projects_with_supporters_come_first() -> None:
    projects = (Project("free", 0), Project("x", 50))
    ballots = ApprovalBallots.of([{"x"}, {"free", "x"}])
    result = mes_add1(projects, 50, ballots, TieBreak(0))
    assert result.selected == ("free", "x")


def test_no_voters_no_winners() -> None:
    result = mes_add1(PROJECTS, 100, ApprovalBallots.of([]), TieBreak(0))
    assert result.selected == ()
    assert all(e.code is Reason.NO_VOTES for e in result.explanations.values())
