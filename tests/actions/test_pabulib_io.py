"""A campaign to and from pabulib files: real elections import, count the same and round-trip."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from actions import languages, pabulib_io, tally_campaign
from actions.domain.pabulib.parse import parse
from actions.errors import InvalidError
from actions.store.campaigns import Proposal
from actions.store.database import Database
from actions.store.voting import Ballot
from tests.support.chat import FakeClock

PABULIB = Path(__file__).resolve().parents[3] / "shared" / "pabulib"
ASSEN = (PABULIB / "Netherlands_Assen_2024.pb").read_text(encoding="utf-8")
SUPPORTED = languages.supported()


def test_assen_imports_and_counts_as_it_was_counted(database: Database, clock: FakeClock) -> None:
    with database.transaction() as session:
        campaign = pabulib_io.import_pb(
            session, text=ASSEN, slug="assen-2024", supported=SUPPORTED, now=clock.now
        )
        assert (campaign.budget, campaign.languages, campaign.tally_method) == (
            100_000,
            ["nl"],
            "mes-add1",
        )
        assert (campaign.rules["kind"], campaign.rules["min_items"]) == ("approval", 2)
        assert campaign.voting_open == datetime(2024, 3, 30, 23, 0, tzinfo=UTC)  # midnight, CET
        assert campaign.voting_close == datetime(2024, 4, 15, 22, 0, tzinfo=UTC)
        podium = session.scalars(
            select(Proposal).where(Proposal.campaign_id == campaign.id, Proposal.external_id == "3")
        ).one()
        assert podium.title == {"nl": "PopUp Podium"}
        assert podium.description["nl"].startswith("12x per jaar")
        result = tally_campaign.compute(
            session, campaign_id=campaign.id, method="mes-add1", now=clock.now
        )
        chosen = {session.get_one(Proposal, i).external_id for i in result.selected}
    official = {p.project_id for p in parse(ASSEN).projects if p.fields["selected"] == "1"}
    assert len(chosen) == 9
    assert chosen == official


def test_an_exported_campaign_reads_back_the_same(database: Database, clock: FakeClock) -> None:
    with database.transaction() as session:
        campaign = pabulib_io.import_pb(
            session, text=ASSEN, slug="assen", supported=SUPPORTED, now=clock.now
        )
        exported = parse(pabulib_io.export_pb(session, campaign_id=campaign.id))
    original = parse(ASSEN)
    assert exported.budget == original.budget
    assert exported.meta["date_begin"] == "31.03.2024"
    assert exported.meta["date_end"] == "15.04.2024"
    assert exported.meta["min_length"] == "2"
    assert {(p.project_id, p.cost) for p in exported.projects} == {
        (p.project_id, p.cost) for p in original.projects
    }
    assert sorted(sorted(v.vote) for v in exported.votes) == sorted(
        sorted(v.vote) for v in original.votes
    )
    assert [v.voter_id for v in exported.votes] == [str(n) for n in range(1, 85)]


def test_files_that_cannot_become_a_campaign_are_refused(
    database: Database, clock: FakeClock
) -> None:
    ordinal = ASSEN.replace("vote_type;approval", "vote_type;ordinal")
    no_language = ASSEN.replace("language;nl\n", "")
    broken = ASSEN.replace("budget;100000", "budget;a lot")
    for text, code in (
        (ordinal, "unsupported_vote_type"),
        (no_language, "language_required"),
        (broken, "bad_pb_file"),
    ):
        with database.transaction() as session, pytest.raises(InvalidError) as caught:
            pabulib_io.import_pb(session, text=text, slug="x", supported=SUPPORTED, now=clock.now)
        assert caught.value.problems[0].code == code
    with database.transaction() as session:
        campaign = pabulib_io.import_pb(
            session, text=no_language, slug="x", supported=SUPPORTED, now=clock.now, language="en"
        )
        assert campaign.languages == ["en"]


def test_long_voter_ids_still_fit_and_stay_distinct(database: Database, clock: FakeClock) -> None:
    head, votes = ASSEN.split("\nVOTES\n")
    header, *rows = votes.splitlines()
    long_ids = "\n".join([head, "VOTES", header, *("x" * 70 + row for row in rows)]) + "\n"
    with database.transaction() as session:
        campaign = pabulib_io.import_pb(
            session, text=long_ids, slug="long", supported=SUPPORTED, now=clock.now
        )
        keys = list(
            session.scalars(select(Ballot.voter_key).where(Ballot.campaign_id == campaign.id))
        )
    assert len(keys) == len(set(keys)) == 84
    assert all(len(k) <= 64 for k in keys)
