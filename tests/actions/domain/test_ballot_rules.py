"""Ballot rules: knapsack and approval limits, minimums, theme caps."""

from actions.domain.ballot_rules import BallotItem, BallotKind, BallotRules


def items(*costs: int, theme: str | None = None) -> list[BallotItem]:
    return [BallotItem(i, c, theme) for i, c in enumerate(costs, start=1)]


def codes(violations: list) -> list[str]:
    return [v.code for v in violations]


def test_knapsack_refuses_going_over_the_budget() -> None:
    rules = BallotRules(BallotKind.KNAPSACK, max_budget=300_000)
    found = rules.check_add(items(200_000), BallotItem(9, 100_001))
    assert codes(found) == ["over_budget"]
    assert found[0].params == {"max": 300_000, "total": 300_001}


def test_knapsack_accepts_exactly_the_budget() -> None:
    rules = BallotRules(BallotKind.KNAPSACK, max_budget=300_000)
    assert rules.check_add(items(200_000), BallotItem(9, 100_000)) == []


def test_approval_does_not_cap_cost_but_counts_items() -> None:
    rules = BallotRules(BallotKind.APPROVAL, min_items=2, max_items=3)
    assert rules.check_add(items(10**9, 10**9), BallotItem(9, 10**9)) == []
    assert codes(rules.check_add(items(1, 2, 3), BallotItem(9, 1))) == ["too_many_items"]
    assert codes(rules.check_final(items(5))) == ["too_few_items"]


def test_minimum_as_a_percentage_rounds_up() -> None:
    rules = BallotRules(BallotKind.KNAPSACK, max_budget=1001, min_budget_percent=50)
    assert rules.minimum_spend() == 501
    assert codes(rules.check_final(items(500))) == ["under_min_budget"]
    assert rules.check_final(items(501)) == []


def test_minimum_amount_and_percentage_take_the_larger() -> None:
    rules = BallotRules(
        BallotKind.KNAPSACK, max_budget=10_000, min_budget=7_000, min_budget_percent=50
    )
    assert rules.minimum_spend() == 7_000


def test_theme_cap() -> None:
    rules = BallotRules(BallotKind.KNAPSACK, max_budget=100, theme_caps={"play": 1})
    chosen = [BallotItem(1, 10, "play")]
    assert codes(rules.check_add(chosen, BallotItem(2, 10, "play"))) == ["theme_cap"]
    assert rules.check_add(chosen, BallotItem(2, 10, "green")) == []


def test_the_same_proposal_twice_is_refused() -> None:
    rules = BallotRules(BallotKind.KNAPSACK, max_budget=100)
    assert codes(rules.check_add([BallotItem(1, 10)], BallotItem(1, 10))) == ["already_chosen"]


def test_empty_ballot_cannot_be_confirmed() -> None:
    assert "empty" in codes(BallotRules(BallotKind.APPROVAL).check_final([]))


def test_contradictory_rules_are_reported() -> None:
    rules = BallotRules(
        BallotKind.KNAPSACK, max_budget=100, min_budget=200, min_items=3, max_items=2
    )
    assert set(rules.problems()) == {"min_budget_above_max", "min_items_above_max"}
    assert BallotRules(BallotKind.KNAPSACK).problems() == ["knapsack_needs_max_budget"]
