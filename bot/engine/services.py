"""What the engine depends on from outside, injected by the composition root."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from bot.engine.i18n import Catalogs
from nlu.interpreter import Interpreter


class LanguageGuesser(Protocol):
    """Names the language of a free-text message when it is sure, else None."""

    def __call__(self, text: str, candidates: tuple[str, ...]) -> str | None: ...


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Services:
    """The engine's outside world: catalogs, NLU, secrets and the clock."""

    catalogs: Catalogs
    interpreter: Interpreter
    guess_language: LanguageGuesser
    secret: bytes  # keys residents (HMAC) and voting codes; never logged
    clock: Callable[[], datetime] = field(default=_utcnow)
    confidence_threshold: float = 0.6
    page_size: int = 5
    campaign_cache_seconds: float = 0.0  # the composition root sets a few seconds
