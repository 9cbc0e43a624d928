"""Recording inbound provider messages so that a retried webhook runs no turn twice."""

from __future__ import annotations

from sqlalchemy import insert
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from actions.store.messaging import InboundMessage

_INSERTS = {"postgresql": pg_insert, "sqlite": sqlite_insert}


def record_inbound(session: Session, *, channel: str, provider_message_id: str) -> bool:
    """Records the message; False when it was recorded before (a duplicate delivery)."""
    dialect = session.get_bind().dialect.name
    values = {"channel": channel, "provider_message_id": provider_message_id}
    if dialect in _INSERTS:
        # One statement, no savepoint: the unique constraint decides, atomically.
        statement = (
            _INSERTS[dialect](InboundMessage)
            .values(**values)
            .on_conflict_do_nothing()
            .returning(InboundMessage.id)
        )
        return session.execute(statement).first() is not None
    session.execute(insert(InboundMessage).values(**values))
    return True
