"""The one interface every intent interpreter implements, and what it returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

INTENTS: tuple[str, ...] = (
    "greet",
    "goodbye",
    "thanks",
    "affirm",
    "deny",
    "browse_proposals",
    "submit_idea",
    "vote",
    "show_ballot",
    "show_results",
    "campaign_info",
    "help",
    "change_language",
    "opt_out",
    "delete_my_data",
    "out_of_scope",
)
ENTITY_TYPES: tuple[str, ...] = ("amount", "language", "proposal_ref")


@dataclass(frozen=True, slots=True)
class Entity:
    """One extracted entity; `value` is normalised (amount "5000", language "tr", ref "12")."""

    type: str
    value: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class IntentScore:
    """One ranked intent."""

    name: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Parse:
    """What an interpreter understood of one message."""

    text: str
    intent: str
    confidence: float
    ranking: tuple[IntentScore, ...] = ()
    entities: tuple[Entity, ...] = field(default_factory=tuple)

    def entity(self, type_: str) -> Entity | None:
        """The first entity of this type, if any."""
        return next((e for e in self.entities if e.type == type_), None)


class Interpreter(Protocol):
    """Turns one message in a known language into an intent with entities. Never raises."""

    name: str

    def parse(self, text: str, language: str) -> Parse: ...
