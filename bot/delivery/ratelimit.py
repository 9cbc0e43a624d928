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

    def try_take(self) -> float:
        """Takes a token if there is one (0.0); else how long until there is, taking nothing."""
        now = self.clock()
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate

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

    def chat_pause(self, chat: str) -> float:
        """0.0 if this chat may get a message now (the token is taken), else seconds to wait.

        A chat over its limit must not hold up the other chats' messages: the caller puts its
        row back for later instead of sleeping.
        """
        bucket = self._chats.get(chat)
        if bucket is None:
            if len(self._chats) > 10_000:  # forget idle chats; a fresh bucket is full anyway
                self._chats.clear()
            bucket = self._chats[chat] = Bucket(self.per_chat_per_second, self.chat_burst)
        return bucket.try_take()

    async def wait_global(self) -> None:
        """Sleeps until the provider allows one more message."""
        pause = self._global.delay()
        if pause > 0:
            await asyncio.sleep(pause)

    async def wait(self, chat: str) -> None:
        """Sleeps until both the provider and this chat allow one more message."""
        pause = self.chat_pause(chat)
        if pause > 0:
            await asyncio.sleep(pause)
            self.chat_pause(chat)
        await self.wait_global()
