"""Flows and steps, and the registry the engine finds them in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.engine.messages import Image, Location
    from bot.engine.turn import Turn


@dataclass(frozen=True, slots=True)
class Step:
    """One point in a journey: how to ask, and what to do with each kind of answer."""

    prompt: Callable[[Turn], None]
    on_choice: Callable[[Turn, str], None] | None = None
    on_text: Callable[[Turn, str], None] | None = None
    on_location: Callable[[Turn, Location], None] | None = None
    on_image: Callable[[Turn, Image], None] | None = None
    # NLU intents understood here, mapped to one of the step's own payloads. Never map an
    # intent to a payload that stores a ballot or an idea: those need a tap or typed choice.
    intents: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Flow:
    """A resident's journey: named steps, the first of which is `entry`."""

    name: str
    steps: dict[str, Step]
    entry: str = "begin"
    # Context keys whose presence means there is half-filled work to lose on leaving.
    guards: tuple[str, ...] = ()


FLOWS: dict[str, Flow] = {}


def register(flow: Flow) -> Flow:
    """Adds a flow to the registry (each flow module calls this once)."""
    if flow.name in FLOWS:
        raise ValueError(f"flow {flow.name!r} registered twice")
    FLOWS[flow.name] = flow
    return flow
