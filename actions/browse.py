"""Reading proposals: themes, neighbourhoods, filtered pages and single proposals."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from actions.store.campaigns import Neighbourhood, Proposal, Theme


@dataclass(frozen=True, slots=True)
class Category:
    """A theme or neighbourhood with its translated names and proposal count."""

    key: str
    name: dict[str, str]
    count: int


@dataclass(frozen=True, slots=True)
class Page:
    """One page of proposals and whether there are more."""

    proposals: list[Proposal]
    page: int
    pages: int
    total: int


def themes(session: Session, *, campaign_id: int) -> list[Category]:
    """The campaign's themes that have published proposals, in their set order."""
    counts: dict[str | None, int] = dict(
        session.execute(
            select(Proposal.theme_key, func.count())
            .where(Proposal.campaign_id == campaign_id, Proposal.status == "published")
            .group_by(Proposal.theme_key)
        ).all()
    )
    rows = session.scalars(
        select(Theme).where(Theme.campaign_id == campaign_id).order_by(Theme.position)
    )
    return [Category(t.key, dict(t.name), counts.get(t.key, 0)) for t in rows if counts.get(t.key)]


def neighbourhoods(session: Session, *, campaign_id: int) -> list[Category]:
    """The campaign's neighbourhoods, in their set order, with proposal counts."""
    counts: dict[str | None, int] = dict(
        session.execute(
            select(Proposal.neighbourhood_key, func.count())
            .where(Proposal.campaign_id == campaign_id, Proposal.status == "published")
            .group_by(Proposal.neighbourhood_key)
        ).all()
    )
    rows = session.scalars(
        select(Neighbourhood)
        .where(Neighbourhood.campaign_id == campaign_id)
        .order_by(Neighbourhood.position)
    )
    return [Category(n.key, dict(n.name), counts.get(n.key, 0)) for n in rows]


def page(
    session: Session,
    *,
    campaign_id: int,
    theme: str | None = None,
    neighbourhood: str | None = None,
    page: int = 0,
    size: int = 5,
) -> Page:
    """One page of published proposals, by number, filtered by theme or neighbourhood."""
    query = select(Proposal).where(
        Proposal.campaign_id == campaign_id, Proposal.status == "published"
    )
    if theme is not None:
        query = query.where(Proposal.theme_key == theme)
    if neighbourhood is not None:
        query = query.where(Proposal.neighbourhood_key == neighbourhood)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, -(-total // size))
    page = min(max(page, 0), pages - 1)
    rows = session.scalars(query.order_by(Proposal.number).offset(page * size).limit(size))
    return Page(list(rows), page, pages, total)


def by_number(session: Session, *, campaign_id: int, number: int) -> Proposal | None:
    """The published proposal #number of the campaign, if any."""
    return session.scalar(
        select(Proposal).where(
            Proposal.campaign_id == campaign_id,
            Proposal.number == number,
            Proposal.status == "published",
        )
    )


def by_ids(session: Session, *, ids: list[int]) -> list[Proposal]:
    """The proposals with these ids, in the order given."""
    if not ids:
        return []
    found = {p.id: p for p in session.scalars(select(Proposal).where(Proposal.id.in_(ids)))}
    return [found[i] for i in ids if i in found]
