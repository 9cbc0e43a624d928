"""Importing proposals from a CSV table, all or nothing, with the line of every problem."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions import limits
from actions.csv_input import read_table
from actions.errors import Problem, invalid
from actions.manage_campaigns import get as get_campaign
from actions.manage_proposals import TEXTS, ProposalFields, fields_of, problems, write
from actions.store.campaigns import Campaign, Proposal

MAX_ROWS = 5_000
FIXED = ("number", "cost", "theme", "neighbourhood", "image_url", "status", "external_id")
REQUIRED = ("number", "cost")
LENGTHS = {
    "title": limits.TITLE_MAX,
    "summary": limits.SUMMARY_MAX,
    "description": limits.DESCRIPTION_MAX,
    "image_url": limits.URL_MAX,
    "external_id": limits.EXTERNAL_ID_MAX,
}
AMOUNT = re.compile(r"\d{1,3}(?:[.,\s]\d{3})+|\d+")  # "12000", "12.000", "12,000"


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """The numbers of the proposals created and of those updated."""

    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)


def header_problems(columns: tuple[str, ...], campaign: Campaign) -> list[Problem]:
    """What is wrong with the header: unknown columns or languages, required ones missing."""
    found = []
    known = set(FIXED) | {f"{t}_{lang}" for t in TEXTS for lang in campaign.languages}
    for column in columns:
        if column in known:
            continue
        text, _, language = column.partition("_")
        if text in TEXTS and language:
            message = f"{language!r} is not a language of the campaign"
            found.append(Problem("unknown_language", message, column, 1))
        else:
            found.append(Problem("unknown_column", f"unknown column {column!r}", column, 1))
    found += [
        Problem("missing_column", f"the column {c!r} is required", c, 1)
        for c in REQUIRED
        if c not in columns
    ]
    return found


def _integer(text: str, name: str, line: int, found: list[Problem]) -> int | None:
    if not AMOUNT.fullmatch(text):
        found.append(Problem("not_a_number", f"{text!r} is not a whole number", name, line))
        return None
    value = int(re.sub(r"\D", "", text))
    if value > limits.INT_MAX:
        found.append(Problem("too_large", f"{name} is too large", name, line))
        return None
    return value


def _row(
    line: int, cells: dict[str, str], base: ProposalFields, campaign: Campaign
) -> tuple[ProposalFields, list[Problem]]:
    """The fields a row sets on top of `base`, and the row's problems."""
    found: list[Problem] = []
    for column, cell in cells.items():
        limit = LENGTHS.get(column.partition("_")[0]) or LENGTHS.get(column)
        if limit is not None and len(cell) > limit:
            found.append(Problem("too_long", f"at most {limit} characters", column, line))
    cost = _integer(cells["cost"], "cost", line, found)
    texts: dict[str, Any] = {t: dict(getattr(base, t)) for t in TEXTS}
    for column, cell in cells.items():
        text, _, language = column.partition("_")
        if text in TEXTS and language:
            if cell:
                texts[text][language] = cell
            else:
                texts[text].pop(language, None)
    optional: dict[str, Any] = {c: (cells[c] or None) for c in FIXED[2:] if c in cells}
    if "status" in optional:
        optional["status"] = optional["status"] or "published"
    fields = replace(base, cost=cost if cost is not None else base.cost, **texts, **optional)
    return fields, found + problems(fields, campaign, line)


def import_csv(session: Session, *, campaign_id: int, text: str, now: datetime) -> ImportOutcome:
    """Creates or updates (by number) every proposal in the table; nothing if a line is wrong."""
    campaign = get_campaign(session, campaign_id=campaign_id)
    table = read_table(text, max_rows=MAX_ROWS)
    found = header_problems(table.columns, campaign)
    if found:
        raise invalid(found, "the header of the file is not valid")
    existing = {
        p.number: p
        for p in session.scalars(select(Proposal).where(Proposal.campaign_id == campaign_id))
    }
    first_line: dict[int, int] = {}
    planned: list[tuple[int, ProposalFields]] = []
    for line, cells in table.rows:
        number = _integer(cells["number"], "number", line, found)
        if number is None:
            continue
        if number in first_line:
            message = f"#{number} is on line {first_line[number]} already"
            found.append(Problem("duplicate_number", message, "number", line))
            continue
        first_line[number] = line
        old = existing.get(number)
        base = fields_of(old) if old else ProposalFields(title={}, cost=0, number=number)
        fields, row_problems = _row(line, cells, base, campaign)
        found += row_problems
        planned.append((number, fields))
    if found:
        raise invalid(found, "the file has errors; nothing was imported")
    outcome = ImportOutcome()
    for number, fields in planned:
        row = existing.get(number)
        if row is None:
            row = Proposal(campaign_id=campaign_id, number=number, created_at=now, updated_at=now)
            session.add(row)
            outcome.created.append(number)
        elif fields != fields_of(row):
            row.updated_at = now
            outcome.updated.append(number)
        write(row, fields)
    session.flush()
    return outcome
