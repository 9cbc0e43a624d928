"""A computed result as CSV: one row per proposal, winners first in selection order."""

from __future__ import annotations

import csv
import io

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.manage_campaigns import get as get_campaign
from actions.store.admin import Result
from actions.store.campaigns import Proposal
from actions.tally_campaign import get

COLUMNS = (
    "rank",
    "number",
    "proposal_id",
    "title",
    "cost",
    "votes",
    "selected",
    "explanation",
)


def spreadsheet_safe(text: str) -> str:
    """The text, defused if a spreadsheet would run it as a formula ("=cmd" -> "'=cmd")."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def rows(session: Session, *, result: Result) -> list[dict[str, str | int]]:
    """The result's rows: selected proposals in order, then the rest by votes."""
    campaign = get_campaign(session, campaign_id=result.campaign_id)
    language = campaign.languages[0]
    counted = {int(k) for k in result.votes}
    proposals = {
        p.id: p
        for p in session.scalars(
            select(Proposal).where(
                Proposal.campaign_id == result.campaign_id, Proposal.id.in_(counted)
            )
        )
    }
    order = [i for i in result.selected if i in proposals]
    rest = sorted(
        (i for i in proposals if i not in set(order)),
        key=lambda i: (-int(result.votes.get(str(i), 0)), proposals[i].number),
    )
    table: list[dict[str, str | int]] = []
    for place, proposal_id in enumerate([*order, *rest], start=1):
        p = proposals[proposal_id]
        explanation = result.explanations.get(str(proposal_id), {})
        table.append(
            {
                "rank": place if proposal_id in result.selected else "",
                "number": p.number,
                "proposal_id": p.id,
                "title": spreadsheet_safe(
                    p.title.get(language) or next(iter(p.title.values()), "")
                ),
                "cost": p.cost,
                "votes": int(result.votes.get(str(proposal_id), 0)),
                "selected": 1 if proposal_id in result.selected else 0,
                "explanation": str(explanation.get("code", "")),
            }
        )
    return table


def to_csv(session: Session, *, campaign_id: int, result_id: int) -> str:
    """The result as CSV text with a header row."""
    result = get(session, campaign_id=campaign_id, result_id=result_id)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(session, result=result))
    return out.getvalue()
