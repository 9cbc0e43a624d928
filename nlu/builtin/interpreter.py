"""The builtin interpreter: a linear intent model trained at start from `data/nlu/*.yml`."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from nlu.builtin.features import EMPTY_FEATURE, features
from nlu.builtin.linear import LinearModel
from nlu.builtin.passive_aggressive import TrainingConfig, train
from nlu.entities.extract import extract_entities
from nlu.interpreter import Entity, IntentScore, Parse
from nlu.training_data import Example, load_dir

logger = logging.getLogger(__name__)

RANKING_SIZE = 5
FALLBACK_INTENT = "out_of_scope"
# Entities are looked for in this much of a message (amounts and references come early).
MAX_ENTITY_CHARS = 2000


def _features(text: str, language: str, entities: Iterable[Entity]) -> list[str]:
    """The model's features of a message whose entities are already extracted."""
    return features(text, sorted({e.type for e in entities}), language)


def _has_content(feature_names: list[str], vocabulary: dict[str, int]) -> bool:
    """Whether a message has a word or symbol, and a feature the model knows."""
    if feature_names[-1] == EMPTY_FEATURE and not any(f.startswith("s:") for f in feature_names):
        return False
    return any(f in vocabulary for f in feature_names)


class BuiltinInterpreter:
    """Intents from one multilingual linear model; entities from the rule extractors.

    One model serves all languages: residents mix languages ("show me de projecten") and
    shared words ("ok", "#12", "stop") then help every language; it was also measurably more
    accurate than one model per language. Each word also counts once more tagged with the
    resident's language, so a word can mean one thing in Dutch and another in Turkish ("dag").
    """

    name = "builtin"

    def __init__(self, model: LinearModel, languages: tuple[str, ...] = ()) -> None:
        self.model = model
        self.languages = languages

    @classmethod
    def train(
        cls, examples: Iterable[Example], config: TrainingConfig | None = None
    ) -> BuiltinInterpreter:
        """An interpreter fitted to the examples; the same examples give the same model."""
        examples = list(examples)
        if not examples:
            raise ValueError("no training examples")
        samples = (
            _features(e.text, e.language, extract_entities(e.text, e.language)) for e in examples
        )
        model = train(samples, [e.intent for e in examples], config)
        return cls(model, tuple(sorted({e.language for e in examples})))

    @classmethod
    def from_directory(
        cls, data_dir: Path, config: TrainingConfig | None = None
    ) -> BuiltinInterpreter:
        """An interpreter trained on every `<lang>.yml` file of the directory."""
        by_language = load_dir(data_dir)
        examples = [e for lang in sorted(by_language) for e in by_language[lang]]
        if not examples:
            raise ValueError(f"no training data in {data_dir}")
        return cls.train(examples, config)

    def parse(self, text: str, language: str) -> Parse:
        """The intent ranking and entities of one message; never raises."""
        try:
            return self._parse(text, language)
        except Exception:  # a bad message must never take the conversation down
            logger.exception("builtin NLU failed on a message of %d characters", len(text))
            return Parse(text=text, intent=FALLBACK_INTENT, confidence=0.0)

    def _parse(self, text: str, language: str) -> Parse:
        """`parse` without the safety net."""
        if not isinstance(text, str):
            text = str(text)
        entities = extract_entities(text[:MAX_ENTITY_CHARS], language)
        feature_names = _features(text, language, entities)
        if not _has_content(feature_names, self.model.vocabulary):
            # Nothing the model has seen (empty, control characters, an unknown script).
            return Parse(text=text, intent=FALLBACK_INTENT, confidence=0.0, entities=entities)
        probabilities = self.model.probabilities(feature_names)
        ranked = sorted(
            zip(self.model.labels, probabilities, strict=True), key=lambda item: (-item[1], item[0])
        )
        ranking = tuple(IntentScore(name, p) for name, p in ranked[:RANKING_SIZE])
        best = ranking[0]
        return Parse(
            text=text,
            intent=best.name,
            confidence=best.confidence,
            ranking=ranking,
            entities=entities,
        )
