"""Ideas residents submit, their moderation statuses and field rules."""

from __future__ import annotations

import enum

TITLE_MIN, TITLE_MAX = 5, 120
DESCRIPTION_MIN, DESCRIPTION_MAX = 20, 2000
COST_MAX_SHARE = 1  # an idea may cost at most the whole budget


class IdeaStatus(enum.StrEnum):
    """Where an idea is in moderation."""

    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    MERGED = "merged"


TRANSITIONS: dict[IdeaStatus, frozenset[IdeaStatus]] = {
    IdeaStatus.SUBMITTED: frozenset(
        {IdeaStatus.IN_REVIEW, IdeaStatus.ACCEPTED, IdeaStatus.REJECTED, IdeaStatus.MERGED}
    ),
    IdeaStatus.IN_REVIEW: frozenset({IdeaStatus.ACCEPTED, IdeaStatus.REJECTED, IdeaStatus.MERGED}),
    IdeaStatus.ACCEPTED: frozenset(),
    IdeaStatus.REJECTED: frozenset(),
    IdeaStatus.MERGED: frozenset(),
}


def check_title(text: str) -> str | None:
    """A problem code for an idea title, or None when it is fine."""
    length = len(text.strip())
    if length < TITLE_MIN:
        return "too_short"
    if length > TITLE_MAX:
        return "too_long"
    return None


def check_description(text: str) -> str | None:
    """A problem code for an idea description, or None when it is fine."""
    length = len(text.strip())
    if length < DESCRIPTION_MIN:
        return "too_short"
    if length > DESCRIPTION_MAX:
        return "too_long"
    return None


def check_cost(amount: int, budget: int) -> str | None:
    """A problem code for an estimated cost, or None when it is plausible."""
    if amount <= 0:
        return "not_positive"
    if amount > budget * COST_MAX_SHARE:
        return "over_budget"
    return None


def reference(campaign_slug: str, number: int) -> str:
    """The reference a resident is given for an idea ("WEST-0042")."""
    return f"{campaign_slug.upper()}-{number:04d}"
