"""All entities of a message: amounts, language names and proposal references."""

from __future__ import annotations

from collections.abc import Callable

from nlu.entities.amount import find_amounts
from nlu.entities.language_names import find_languages
from nlu.entities.proposal_ref import find_refs
from nlu.interpreter import Entity


def _refs(text: str) -> list[Entity]:
    """The proposal references of the text as entities."""
    return [Entity("proposal_ref", m.value, m.start, m.end) for m in find_refs(text)]


def _languages(text: str) -> list[Entity]:
    """The language names of the text as entities."""
    return [Entity("language", m.code, m.start, m.end) for m in find_languages(text)]


def _amounts(text: str) -> list[Entity]:
    """The amounts of the text as entities."""
    return [Entity("amount", str(m.value), m.start, m.end) for m in find_amounts(text)]


# Extractors by entity type, in order of precedence: an earlier one's span wins an overlap
# ("nummer 12" is a proposal, not an amount of 12).
EXTRACTORS: dict[str, Callable[[str], list[Entity]]] = {
    "proposal_ref": _refs,
    "language": _languages,
    "amount": _amounts,
}


def _overlaps(entity: Entity, taken: list[Entity]) -> bool:
    """Whether the entity's span overlaps one already taken."""
    return any(entity.start < other.end and other.start < entity.end for other in taken)


def extract_entities(text: str, language: str | None = None) -> tuple[Entity, ...]:
    """The entities of the text, ordered by position; `language` is the message's language if known.

    The extractors understand all five languages at once (residents mix them), so `language`
    currently only documents the caller's intent and never narrows the search.
    """
    del language
    taken: list[Entity] = []
    for extract in EXTRACTORS.values():
        taken.extend(e for e in extract(text) if not _overlaps(e, taken))
    return tuple(sorted(taken, key=lambda e: (e.start, e.end)))
