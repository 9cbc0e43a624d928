"""A character n-gram Naive Bayes language model trained on chat messages (the NLU training data).

langdetect's profiles come from Wikipedia; chat is another register ("I want to vote", "delete
my data" come out as Dutch). This small model knows the register and is mixed with langdetect.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

MAX_N = 4
_WORD = re.compile(r"[^\W\d_]+")


def grams(text: str) -> list[str]:
    """The character 1..4-grams of each lowercased word (padded with spaces) and the words."""
    out: list[str] = []
    for word in _WORD.findall(text.lower()):
        padded = f" {word} "
        for n in range(1, MAX_N + 1):
            out.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
        out.append("w:" + word)
    return [g for g in out if g.strip()]


class NgramLanguageModel:
    """Probabilities of languages for a text, from n-gram frequencies in per-language corpora."""

    def __init__(self, languages: tuple[str, ...], table: dict[str, tuple[float, ...]]) -> None:
        self.languages = languages
        self._table = table

    @classmethod
    def train(cls, corpus: Mapping[str, Iterable[str]], alpha: float = 0.5) -> NgramLanguageModel:
        """A model of the corpus's languages (texts per language code); additive smoothing."""
        languages = tuple(sorted(corpus))
        counts = {lang: Counter(g for t in corpus[lang] for g in grams(t)) for lang in languages}
        vocabulary = sorted({g for c in counts.values() for g in c})
        denominators = [
            math.log(sum(counts[lang].values()) + alpha * len(vocabulary)) for lang in languages
        ]
        table = {
            gram: tuple(
                math.log(counts[lang][gram] + alpha) - denominator
                for lang, denominator in zip(languages, denominators, strict=True)
            )
            for gram in vocabulary
        }
        return cls(languages, table)

    def probabilities(self, text: str) -> dict[str, float]:
        """The posterior of each language (uniform prior); empty when no n-gram is known."""
        rows = [row for row in map(self._table.get, grams(text)) if row is not None]
        if not rows or not self.languages:
            return {}
        scores = [sum(column) for column in zip(*rows, strict=True)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {lang: e / total for lang, e in zip(self.languages, exps, strict=True)}
