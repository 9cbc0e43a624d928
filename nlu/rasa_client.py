"""The `rasa` interpreter: a Rasa server's /model/parse, with a fallback when Rasa can't answer."""

from __future__ import annotations

import logging
import math
import re
import threading
from collections.abc import Callable, Mapping
from typing import Any

import httpx

from nlu.entities.extract import extract_entities
from nlu.interpreter import ENTITY_TYPES, INTENTS, Entity, IntentScore, Interpreter, Parse

logger = logging.getLogger(__name__)

# Longer messages are cut before sending: Rasa's cost grows with length, the intent doesn't.
MAX_TEXT_CHARS = 2000
_KNOWN_INTENTS = frozenset(INTENTS)
_KNOWN_ENTITIES = frozenset(ENTITY_TYPES)
_DIGITS = re.compile(r"[0-9]+")


def _digits_only(value: str) -> bool:
    """Whether the value is ASCII digits, the normal form of amounts and proposal numbers."""
    return _DIGITS.fullmatch(value) is not None


def _never(value: str) -> bool:
    """False: a raw value of this type is never trusted to be normal."""
    return False


# Whether a raw Rasa value already has the normalised form, by entity type (language names never
# do: "Turks" must become "tr", and only the builtin rules know how).
_ALREADY_NORMAL: dict[str, Callable[[str], bool]] = {
    "amount": _digits_only,
    "proposal_ref": _digits_only,
    "language": _never,
}


class RasaResponseError(ValueError):
    """Rasa answered, but not with a parse this interpreter can use."""


def _field(mapping: object, key: str, kind: type[Any] | tuple[type[Any], ...]) -> Any:
    """MAPPING[KEY] if MAPPING is a mapping and the value is of KIND; raises otherwise."""
    if not isinstance(mapping, Mapping):
        raise RasaResponseError(f"expected an object holding {key!r}")
    value = mapping.get(key)
    if not isinstance(value, kind) or isinstance(value, bool):  # JSON true is no number
        raise RasaResponseError(f"{key!r} is {value!r}")
    return value


def _confidence(mapping: object) -> float:
    """A confidence in [0, 1] from an object's `confidence` field."""
    value = float(_field(mapping, "confidence", (int, float)))
    if math.isnan(value):
        raise RasaResponseError("confidence is NaN")
    return min(1.0, max(0.0, value))


def _intent_score(mapping: object) -> IntentScore:
    """One intent with its confidence; unknown intent names are an error."""
    name = _field(mapping, "name", str)
    if name not in _KNOWN_INTENTS:
        raise RasaResponseError(f"unknown intent {name!r}")
    return IntentScore(name, _confidence(mapping))


def _raw_entities(body: Mapping[str, Any], length: int) -> list[Entity]:
    """Rasa's entities of the known types, with their spans checked against the text."""
    raw = body.get("entities", [])
    if not isinstance(raw, list):
        raise RasaResponseError("entities is not a list")
    found: list[Entity] = []
    for item in raw:
        type_ = _field(item, "entity", str)
        start, end = _field(item, "start", int), _field(item, "end", int)
        if not 0 <= start < end <= length:
            raise RasaResponseError(f"entity span {start}..{end} outside the text")
        if type_ in _KNOWN_ENTITIES:  # other types come from a model trained on other data
            found.append(Entity(type_, str(item.get("value", "")), start, end))
    return found


def _overlap(a: Entity, b: Entity) -> bool:
    return a.start < b.end and b.start < a.end


def normalise_entities(found: list[Entity], text: str, language: str) -> tuple[Entity, ...]:
    """Rasa's entities with the builtin rules' normalised values, plus rule spans Rasa missed.

    A Rasa entity takes the value (and span) of a rule entity of the same type that it overlaps;
    one no rule confirms is kept only if its raw value is already normal ("12", not "#12").
    """
    rules = extract_entities(text, language)
    kept: list[Entity] = []
    for entity in found:
        rule = next((r for r in rules if r.type == entity.type and _overlap(r, entity)), None)
        if rule is not None:
            candidate = rule
        elif _ALREADY_NORMAL.get(entity.type, _never)(entity.value):
            candidate = entity
        else:
            continue
        if not any(_overlap(candidate, k) for k in kept):
            kept.append(candidate)
    kept.extend(r for r in rules if not any(_overlap(r, k) for k in kept))
    return tuple(sorted(kept, key=lambda e: (e.start, e.end)))


def parse_response(body: object, text: str, language: str) -> Parse:
    """The Parse of one /model/parse answer for TEXT; raises RasaResponseError on garbage."""
    if not isinstance(body, Mapping):
        raise RasaResponseError("the answer is not a JSON object")
    top = _intent_score(body.get("intent"))
    raw_ranking = body.get("intent_ranking") or [{"name": top.name, "confidence": top.confidence}]
    if not isinstance(raw_ranking, list):
        raise RasaResponseError("intent_ranking is not a list")
    ranking = tuple(_intent_score(item) for item in raw_ranking)
    sent = min(len(text), MAX_TEXT_CHARS)
    entities = normalise_entities(_raw_entities(body, sent), text, language)
    return Parse(text, top.name, top.confidence, ranking, entities)


class RasaInterpreter:
    """Interpreter backed by `rasa run --enable-api`; FALLBACK answers whenever Rasa can't."""

    name = "rasa"

    def __init__(
        self,
        url: str,
        fallback: Interpreter,
        timeout: float = 0.5,
        client: httpx.Client | None = None,
    ) -> None:
        self.url = url.rstrip("/")
        self.fallback = fallback
        self.timeout = timeout
        self._client = client if client is not None else httpx.Client()
        self._owns_client = client is None
        self._lock = threading.Lock()
        self._failing = False

    def parse(self, text: str, language: str) -> Parse:
        """Rasa's parse of TEXT, or the fallback's if Rasa is down, slow or talks nonsense."""
        if not text.strip():
            return self.fallback.parse(text, language)  # nothing for Rasa to classify
        try:
            response = self._client.post(
                f"{self.url}/model/parse",
                json={"text": text[:MAX_TEXT_CHARS]},
                timeout=self.timeout,
            )
            if response.status_code != httpx.codes.OK:
                raise RasaResponseError(f"HTTP {response.status_code}")
            result = parse_response(response.json(), text, language)
        # Never raise: any failure, expected (network, JSON) or not, means "ask the fallback".
        except Exception as error:
            self._note_failure(error)
            return self.fallback.parse(text, language)
        self._note_success()
        return result

    def _note_failure(self, error: Exception) -> None:
        """Logs the first failure of an outage, and only that one."""
        with self._lock:
            first, self._failing = not self._failing, True
        if first:
            logger.warning(
                "Rasa at %s failed (%s: %s); using the %s interpreter until it recovers",
                self.url, type(error).__name__, error, self.fallback.name,
            )  # fmt: skip

    def _note_success(self) -> None:
        """Logs once that Rasa answers again after an outage."""
        with self._lock:
            recovered, self._failing = self._failing, False
        if recovered:
            logger.warning("Rasa at %s answers again; back to the rasa interpreter", self.url)

    def close(self) -> None:
        """Closes the HTTP client if this interpreter created it."""
        if self._owns_client:
            self._client.close()
