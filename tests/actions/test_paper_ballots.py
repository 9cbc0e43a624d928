"""Paper ballots: pseudonymous keys, readable rule breaks, one ballot per voter."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from actions import paper_ballots
from actions.domain.ballot_rules import Violation
from actions.errors import ConflictError
from actions.results_export import spreadsheet_safe
from actions.store.campaigns import Campaign
from actions.store.database import Database
from tests.conftest import load_fixture_campaign

NOW = datetime(2027, 6, 1, tzinfo=UTC)


def test_a_voter_is_stored_once_even_by_two_imports(database: Database) -> None:
    load_fixture_campaign(database, "mini", NOW)
    with database.transaction() as session:
        campaign_id = session.scalars(select(Campaign.id)).one()
        key = paper_ballots.voter_key(campaign_id, "A17")
        assert key == f"paper:{campaign_id}:A17"
        paper_ballots.store(
            session, campaign_id=campaign_id, ballots=[(key, [])], channel="paper", now=NOW
        )
    with database.transaction() as session, pytest.raises(ConflictError):
        paper_ballots.store(
            session, campaign_id=campaign_id, ballots=[(key, [])], channel="paper", now=NOW
        )


def test_rule_breaks_read_well() -> None:
    assert paper_ballots.describe(Violation("empty")) == "empty"
    assert (
        paper_ballots.describe(Violation("over_budget", {"max": 10, "total": 12}))
        == "over budget: max 10, total 12"
    )


def test_exported_titles_never_run_as_spreadsheet_formulas() -> None:
    assert spreadsheet_safe('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert spreadsheet_safe("+31 6") == "'+31 6"
    assert spreadsheet_safe("Trees") == "Trees"
