"""Recording inbound provider messages so that a retried webhook runs no turn twice."""

from __future__ import annotations

from sqlalchemy import insert
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from actions.store.messaging import InboundMessage


def record_inbound(session: Session, *, channel: str, provider_message_id: str) -> bool:
    """Records the message; False when it was recorded before (a duplicate delivery)."""
    dialect = session.get_bind().dialect.name
    values = {"channel": channel, "provider_message_id": provider_message_id}
    # One statement, no savepoint: the unique constraint decides, atomically.
    if dialect == "postgresql":
        pg = pg_insert(InboundMessage).values(**values).on_conflict_do_nothing()
        return session.execute(pg.returning(InboundMessage.id)).first() is not None
    if dialect == "sqlite":
        lite = sqlite_insert(InboundMessage).values(**values).on_conflict_do_nothing()
        return session.execute(lite.returning(InboundMessage.id)).first() is not None
    session.execute(insert(InboundMessage).values(**values))
    return True
