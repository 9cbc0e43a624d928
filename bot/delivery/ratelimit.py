"""Token buckets: a provider's global rate and a per-chat rate, waited on, never exceeded."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Bucket:
    """Allows `rate` events a second on average, with bursts up to `capacity`."""

    rate: float
    capacity: float
    clock: Callable[[], float] = time.monotonic
    tokens: float = field(init=False)
    stamp: float = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = self.capacity
        self.stamp = self.clock()

    def delay(self) -> float:
        """Takes a token; returns how long to wait first (0 when one was there)."""
        now = self.clock()
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        self.tokens -= 1
        return 0.0 if self.tokens >= 0 else -self.tokens / self.rate


@dataclass
class RateLimit:
    """A global bucket for the provider and one bucket per chat."""

    per_second: float
    per_chat_per_second: float
    chat_burst: float = 5
    _global: Bucket = field(init=False)
    _chats: dict[str, Bucket] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self._global = Bucket(self.per_second, self.per_second)

    async def wait(self, chat: str) -> None:
        """Sleeps until both the provider and this chat allow one more message."""
        bucket = self._chats.get(chat)
        if bucket is None:
            if len(self._chats) > 10_000:  # forget idle chats; a fresh bucket is full anyway
                self._chats.clear()
            bucket = self._chats[chat] = Bucket(self.per_chat_per_second, self.chat_burst)
        pause = max(self._global.delay(), bucket.delay())
        if pause > 0:
            await asyncio.sleep(pause)
