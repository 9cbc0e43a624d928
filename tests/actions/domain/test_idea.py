"""Idea field rules and moderation transitions."""

from actions.domain import idea


def test_title_length() -> None:
    assert idea.check_title("Bank") == "too_short"
    assert idea.check_title("Bankjes in het park") is None
    assert idea.check_title("x" * 121) == "too_long"


def test_cost_must_be_positive_and_within_the_budget() -> None:
    assert idea.check_cost(0, 30_000) == "not_positive"
    assert idea.check_cost(30_001, 30_000) == "over_budget"
    assert idea.check_cost(5_000, 30_000) is None


def test_a_decided_idea_is_final() -> None:
    assert idea.IdeaStatus.ACCEPTED in idea.TRANSITIONS[idea.IdeaStatus.SUBMITTED]
    assert idea.TRANSITIONS[idea.IdeaStatus.REJECTED] == frozenset()


def test_reference() -> None:
    assert idea.reference("west", 7) == "WEST-0007"
