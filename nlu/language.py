"""Language identification among a campaign's languages, cautious on short chat messages.

langdetect alone is confidently wrong on short messages ("yes" comes out as Turkish), so a
detection is only returned when the message carries enough signal; otherwise the caller keeps the
resident's stored language. Two detectors are averaged: langdetect (seeded, so deterministic, with
only the candidates' profiles loaded, so its probabilities are renormalised among them) and a
character n-gram model of the chat training data, which knows the chat register langdetect's
Wikipedia profiles miss.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from nlu.language_ngrams import NgramLanguageModel
from nlu.training_data import DEFAULT_DATA_DIR, texts_by_language

# A switch needs at least this many words (one- and two-word messages never switch) ...
MIN_WORDS = 4
# ... at least this many letters ...
MIN_LETTERS = 12
# ... and the winner's probability among the candidates at least this.
MIN_PROBABILITY = 0.9
# The share of langdetect in the mixed probability; the chat n-gram model has the rest.
LANGDETECT_WEIGHT = 0.5
# Only this much of a message is looked at.
MAX_CHARS = 1000

_WORD = re.compile(r"[^\W\d_]{2,}")
_LETTER = re.compile(r"[^\W\d_]")
_URL = re.compile(r"\S+://\S+|www\.\S+|\S+@\S+")


@dataclass(frozen=True, slots=True)
class Detection:
    """A language detected with enough confidence to act on."""

    language: str
    probability: float


@lru_cache(maxsize=8)
def _langdetect_factory(candidates: frozenset[str]) -> Any:
    """A langdetect factory with only the candidates' profiles, loaded once per candidate set."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
    from langdetect.utils.lang_profile import LangProfile

    DetectorFactory.seed = 0
    factory = DetectorFactory()
    factory.set_seed(0)
    codes = sorted(c for c in candidates if (Path(PROFILES_DIRECTORY) / c).is_file())
    for index, code in enumerate(codes):
        data = json.loads((Path(PROFILES_DIRECTORY) / code).read_text(encoding="utf-8"))
        factory.add_profile(LangProfile(**data), index, len(codes))
    return factory


def langdetect_probabilities(text: str, candidates: frozenset[str]) -> dict[str, float]:
    """langdetect's probabilities among the candidates it knows; empty if it finds no feature."""
    from langdetect.lang_detect_exception import LangDetectException

    factory = _langdetect_factory(candidates)
    languages: list[str] = factory.get_lang_list()
    if len(languages) < 2:
        return dict.fromkeys(languages, 1.0)
    detector = factory.create()
    detector.append(text)
    try:
        detector.get_probabilities()
    except LangDetectException:
        return {}
    return dict(zip(languages, detector.langprob, strict=True))


@lru_cache(maxsize=1)
def default_model() -> NgramLanguageModel | None:
    """The n-gram model of pbchat's own training data, or None if it isn't installed."""
    if not DEFAULT_DATA_DIR.is_dir():
        return None
    corpus = texts_by_language(DEFAULT_DATA_DIR)
    return NgramLanguageModel.train(corpus) if corpus else None


def _restricted(probabilities: Mapping[str, float], candidates: frozenset[str]) -> dict[str, float]:
    """The probabilities of the candidates only, renormalised; empty if none is left."""
    kept = {lang: p for lang, p in probabilities.items() if lang in candidates and p > 0.0}
    total = sum(kept.values())
    return {lang: p / total for lang, p in kept.items()} if total > 0.0 else {}


def _is_name(word: str) -> bool:
    """Whether a word looks like a name: capitalised, longer than "I", not all capitals."""
    return len(word) > 1 and word[0].isupper() and not word.isupper()


def _content(text: str) -> str:
    """The part of a message that tells its language: no links, and no names if enough is left.

    A capitalised word after the first is mostly a name ("Bos en Lommer", "De Baarsjes"), which
    says where the resident lives, not which language they write.
    """
    words = _URL.sub(" ", text[:MAX_CHARS]).split()
    kept = words[:1] + [w for w in words[1:] if not _is_name(w)]
    without_names = " ".join(kept)
    return without_names if len(_LETTER.findall(without_names)) >= 8 else " ".join(words)


class LanguageIdentifier:
    """Names the language of a message among fixed candidates, or declines to."""

    def __init__(
        self,
        candidates: Iterable[str],
        *,
        corpus: Mapping[str, Iterable[str]] | None = None,
        min_words: int = MIN_WORDS,
        min_letters: int = MIN_LETTERS,
        min_probability: float = MIN_PROBABILITY,
    ) -> None:
        """`corpus` (texts per language) trains the chat model; None uses pbchat's training
        data, an empty mapping leaves langdetect alone."""
        self.candidates = frozenset(candidates)
        self.min_words = max(min_words, 3)
        self.min_letters = min_letters
        self.min_probability = min_probability
        if corpus is None:
            self._model = default_model()
        else:
            self._model = NgramLanguageModel.train(corpus) if corpus else None

    def probabilities(self, text: str) -> dict[str, float]:
        """The probability of each candidate for the message alone; empty if it has no letters."""
        content = _content(text)
        if not _LETTER.search(content) or not self.candidates:
            return {}
        detected = _restricted(langdetect_probabilities(content, self.candidates), self.candidates)
        modelled = self._model.probabilities(content) if self._model else {}
        modelled = _restricted(modelled, self.candidates)
        if not detected or not modelled:
            return detected or modelled
        weight = LANGDETECT_WEIGHT
        mixed = {
            lang: weight * detected.get(lang, 0.0) + (1.0 - weight) * modelled.get(lang, 0.0)
            for lang in sorted(self.candidates)
        }
        return {lang: p for lang, p in mixed.items() if p > 0.0}

    def best_guess(self, text: str) -> str | None:
        """The most likely candidate for the message alone, however short; None without letters."""
        scores = self.probabilities(text)
        return max(sorted(scores), key=scores.__getitem__) if scores else None

    def identify(self, text: str) -> Detection | None:
        """The message's language if it is long enough and clear enough to switch on, else None."""
        if len(_WORD.findall(text[:MAX_CHARS])) < self.min_words:
            return None
        if len(_LETTER.findall(text[:MAX_CHARS])) < self.min_letters:
            return None
        scores = self.probabilities(text)
        if not scores:
            return None
        language = max(sorted(scores), key=scores.__getitem__)
        if scores[language] < self.min_probability:
            return None
        return Detection(language, scores[language])
