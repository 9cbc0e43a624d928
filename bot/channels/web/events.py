"""Server-Sent Events: later messages (an organiser's notice) pushed to an open widget."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator

from fastapi import Request
from fastapi.concurrency import run_in_threadpool

from bot.channels.web.channel import WebChannel
from bot.channels.web.session import WebSession

STREAM_SECONDS = 300.0  # a stream ends after this; the widget reconnects (proxies hate forever)
CHECK_SECONDS = 2.0  # how often the transcript is read for new entries
KEEP_ALIVE_SECONDS = 15.0
RECONNECT_MS = 3000


async def stream(
    channel: WebChannel, session: WebSession, request: Request, *, after: int, seconds: float
) -> AsyncIterator[str]:
    """`text/event-stream` lines: every transcript entry after `after`, as it appears."""
    deadline = time.monotonic() + min(max(seconds, 0.0), STREAM_SECONDS)
    last, quiet = after, 0.0
    yield f"retry: {RECONNECT_MS}\n\n"
    while time.monotonic() < deadline and not await request.is_disconnected():
        entries = await run_in_threadpool(channel.history, session, last)
        for entry in entries:
            last = max(last, int(entry["id"]))
            data = json.dumps(entry, ensure_ascii=False)
            yield f"id: {entry['id']}\nevent: entry\ndata: {data}\n\n"
        quiet = 0.0 if entries else quiet + CHECK_SECONDS
        if quiet >= KEEP_ALIVE_SECONDS:
            quiet = 0.0
            yield ": keep-alive\n\n"
        await asyncio.sleep(min(CHECK_SECONDS, max(deadline - time.monotonic(), 0.0)))
