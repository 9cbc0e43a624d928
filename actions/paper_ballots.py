"""Paper ballots: imported from CSV under the campaign's rules, counted with channel "paper"."""

from __future__ import annotations

import re
import secrets
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from actions import campaigns
from actions.csv_input import read_table
from actions.domain.ballot_rules import BallotItem, BallotRules, Violation
from actions.errors import ConflictError, Problem, invalid
from actions.listing import Listing, page_of
from actions.manage_campaigns import get as get_campaign
from actions.store.campaigns import Proposal
from actions.store.voting import Ballot, BallotChoice

CHANNEL = "paper"
COLUMNS = ("voter_id", "proposal_numbers")
MAX_ROWS = 100_000
VOTER_ID = re.compile(r"[A-Za-z0-9._-]{1,40}")
SEPARATORS = re.compile(r"[,;\s]+")


def voter_key(campaign_id: int, voter_id: str) -> str:
    """The pseudonymous key of a paper voter: unique per campaign, like a chat voter's."""
    return f"paper:{campaign_id}:{voter_id}"


def describe(violation: Violation) -> str:
    """A readable line for a broken ballot rule ("over budget: max 300000, total 310000")."""
    params = ", ".join(f"{k} {v}" for k, v in violation.params.items())
    text = violation.code.replace("_", " ")
    return f"{text}: {params}" if params else text


def _numbers(text: str) -> list[int] | None:
    parts = [p for p in SEPARATORS.split(text) if p]
    if not all(p.isascii() and p.isdigit() and len(p) <= 9 for p in parts):
        return None
    return [int(p) for p in parts]


def _check_row(
    line: int, cells: dict[str, str], proposals: dict[int, Proposal], rules: BallotRules
) -> tuple[list[int], list[Problem]]:
    """The chosen proposal ids of one row, or the row's problems."""
    numbers = _numbers(cells["proposal_numbers"])
    if numbers is None:
        message = "write proposal numbers like 3,7,12"
        return [], [Problem("bad_numbers", message, "proposal_numbers", line)]
    found = [
        Problem(
            "unknown_proposal", f"there is no published proposal #{n}", "proposal_numbers", line
        )
        for n in dict.fromkeys(numbers)
        if n not in proposals
    ]
    if len(set(numbers)) != len(numbers):
        message = "a proposal is listed twice"
        found.append(Problem("duplicate_proposal", message, "proposal_numbers", line))
    if found:
        return [], found
    chosen = [proposals[n] for n in numbers]
    violations = rules.check_final([BallotItem(p.id, p.cost, p.theme_key) for p in chosen])
    return [p.id for p in chosen], [
        Problem(v.code, describe(v), "proposal_numbers", line) for v in violations
    ]


def import_csv(session: Session, *, campaign_id: int, text: str, now: datetime) -> int:
    """Stores every ballot in the table, checked by the campaign's rules; nothing if one fails."""
    row = get_campaign(session, campaign_id=campaign_id)
    rules = campaigns.info(row).rules
    table = read_table(text, max_rows=MAX_ROWS)
    if sorted(table.columns) != sorted(COLUMNS):
        problem = Problem("bad_header", f"the columns must be {', '.join(COLUMNS)}", line=1)
        raise invalid([problem], "the header of the file is not valid")
    proposals = {
        p.number: p
        for p in session.scalars(
            select(Proposal).where(
                Proposal.campaign_id == campaign_id, Proposal.status == "published"
            )
        )
    }
    stored = set(
        session.scalars(
            select(Ballot.voter_key).where(
                Ballot.campaign_id == campaign_id, Ballot.channel == CHANNEL
            )
        )
    )
    found: list[Problem] = []
    conflicts: list[Problem] = []
    first_line: dict[str, int] = {}
    ballots: list[tuple[str, list[int]]] = []
    for line, cells in table.rows:
        voter_id = cells["voter_id"]
        if not VOTER_ID.fullmatch(voter_id):
            message = "use 1-40 letters, digits, dots, dashes or underscores"
            found.append(Problem("bad_voter_id", message, "voter_id", line))
            continue
        if voter_id in first_line:
            message = f"voter {voter_id} is on line {first_line[voter_id]} already"
            found.append(Problem("duplicate_voter", message, "voter_id", line))
            continue
        first_line[voter_id] = line
        key = voter_key(campaign_id, voter_id)
        if key in stored:
            message = f"a ballot of voter {voter_id} was imported before"
            conflicts.append(Problem("already_imported", message, "voter_id", line))
        ids, problems = _check_row(line, cells, proposals, rules)
        found += problems
        ballots.append((key, ids))
    if found:
        raise invalid(found + conflicts, "the file has errors; no ballot was imported")
    if conflicts:
        raise ConflictError("already_imported", "some voters' ballots are in already", conflicts)
    store(session, campaign_id=campaign_id, ballots=ballots, channel=CHANNEL, now=now)
    return len(ballots)


def store(
    session: Session,
    *,
    campaign_id: int,
    ballots: list[tuple[str, list[int]]],
    channel: str,
    now: datetime,
) -> None:
    """Inserts confirmed ballots (voter key, proposal ids) in bulk; ConflictError on a duplicate."""
    if not ballots:
        return
    rows = [
        {
            "campaign_id": campaign_id,
            "voter_key": key,
            "channel": channel,
            "receipt": "P-" + secrets.token_hex(12),
            "confirmed_at": now,
        }
        for key, _ in ballots
    ]
    tables = Ballot.metadata.tables
    ballots_table = tables[Ballot.__tablename__]
    choices_table = tables[BallotChoice.__tablename__]
    try:
        # The unique (campaign, voter) constraint still decides against a concurrent import.
        with session.begin_nested():
            connection = session.connection()
            # Core inserts with RETURNING go out as multi-row VALUES: thousands of ballots in
            # a few statements, on both databases.
            ids = (
                connection.execute(
                    insert(ballots_table).returning(
                        ballots_table.c.id, sort_by_parameter_order=True
                    ),
                    rows,
                )
                .scalars()
                .all()
            )
            choices = [
                {"ballot_id": ballot_id, "proposal_id": proposal_id}
                for ballot_id, (_, chosen) in zip(ids, ballots, strict=True)
                for proposal_id in chosen
            ]
            if choices:
                connection.execute(
                    insert(choices_table).returning(choices_table.c.ballot_id), choices
                )
    except IntegrityError:
        raise ConflictError("already_imported", "another import stored these voters") from None


def listing(
    session: Session, *, campaign_id: int, limit: int, offset: int, channel: str | None = None
) -> Listing[Ballot]:
    """The campaign's confirmed ballots, oldest first, optionally of one channel."""
    get_campaign(session, campaign_id=campaign_id)
    query = select(Ballot).where(Ballot.campaign_id == campaign_id)
    if channel is not None:
        query = query.where(Ballot.channel == channel)
    return page_of(session, query.order_by(Ballot.id), limit=limit, offset=offset)


def proposal_numbers(session: Session, *, campaign_id: int) -> dict[int, int]:
    """Every proposal's number by its id (withdrawn ones included)."""
    rows = session.execute(
        select(Proposal.id, Proposal.number).where(Proposal.campaign_id == campaign_id)
    )
    return {proposal_id: number for proposal_id, number in rows}
