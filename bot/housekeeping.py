"""Periodic clean-up while the server runs: widget photos that no idea ended up using."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime

from actions import web_photos
from actions.store.database import Database

log = logging.getLogger(__name__)

EVERY_SECONDS = 3600.0


def tidy(database: Database, now: datetime) -> int:
    """One round of clean-up; how many rows it removed."""
    with database.transaction() as session:
        return web_photos.prune(session, now=now)


async def run(
    database: Database,
    stop: asyncio.Event,
    clock: Callable[[], datetime],
    every: float = EVERY_SECONDS,
) -> None:
    """Tidies at start and then every `every` seconds until `stop` is set.

    Every worker runs it; the deletes are idempotent, so workers tidying at once do no harm.
    """
    while not stop.is_set():
        try:
            removed = await asyncio.to_thread(tidy, database, clock())
            if removed:
                log.info("deleted %d unused widget photos", removed)
        except Exception:  # a database hiccup must not end the clean-up for good
            log.exception("clean-up round failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), every)
