"""One page of a longer list, with the total the caller needs to page on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Listing(Generic[T]):
    """The rows of one page and how many rows there are in all."""

    items: list[T]
    total: int


def page_of(session: Session, query: Select[Any], *, limit: int, offset: int) -> Listing[Any]:
    """The `limit` rows after `offset` of `query` (already ordered), and the total count."""
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    rows = list(session.scalars(query.limit(limit).offset(offset)))
    return Listing(rows, total)
