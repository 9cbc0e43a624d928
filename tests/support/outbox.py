"""Waiting for the outbox to drain, for tests that go through a channel's sender."""

from __future__ import annotations

import time

from sqlalchemy import func, select

from actions.store.database import Database
from actions.store.messaging import OutboxMessage


def wait_until_delivered(database: Database, timeout: float = 20) -> None:
    """Waits until the outbox holds nothing pending (fails after `timeout`)."""
    deadline = time.monotonic() + timeout
    while True:
        with database.transaction() as session:
            waiting = session.scalar(
                select(func.count())
                .select_from(OutboxMessage)
                .where(OutboxMessage.status.in_(("pending", "sending")))
            )
        if not waiting:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"{waiting} outbox rows still undelivered")
        time.sleep(0.02)
