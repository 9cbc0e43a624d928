"""A linear intent model over sparse binary features: raw scores and calibrated probabilities."""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Sequence
from operator import itemgetter

Weights = Sequence[Sequence[float]]


class LinearModel:
    """Class scores for a set of feature names, and probabilities from them."""

    def __init__(
        self,
        labels: Sequence[str],
        vocabulary: dict[str, int],
        weights: Weights,
        bias: Sequence[float],
        temperature: float = 1.0,
    ) -> None:
        self.labels = tuple(labels)
        self.vocabulary = vocabulary
        # Compact storage: one array of doubles per class, not a list of float objects.
        self.weights = [row if isinstance(row, array) else array("d", row) for row in weights]
        self.bias = list(bias)
        self.temperature = temperature

    def scores(self, features: Sequence[str]) -> list[float]:
        """The raw score of each label, in `labels` order; unknown features are ignored."""
        vocabulary = self.vocabulary
        indices = [vocabulary[f] for f in features if f in vocabulary]
        return scores(indices, self.weights, self.bias)

    def probabilities(self, features: Sequence[str]) -> list[float]:
        """The probability of each label, in `labels` order."""
        return softmax([self.temperature * s for s in self.scores(features)])


def softmax(values: Sequence[float]) -> list[float]:
    """Probabilities from raw scores."""
    top = max(values)
    exps = [math.exp(v - top) for v in values]
    total = sum(exps)
    return [e / total for e in exps]


def picker(indices: Sequence[int]) -> Callable[[Sequence[float]], tuple[float, ...]]:
    """A function picking the weights at `indices` out of a row, as a tuple."""
    if len(indices) == 1:
        only = indices[0]
        return lambda row: (row[only],)
    return itemgetter(*indices)


def scores(
    indices: Sequence[int],
    weights: Weights,
    bias: Sequence[float],
    pick: Callable[[Sequence[float]], tuple[float, ...]] | None = None,
) -> list[float]:
    """Bias plus the summed weights of the features, scaled to a unit-length feature vector so
    that long messages don't dominate."""
    if not indices:
        return list(bias)
    pick = pick or picker(indices)
    scale = 1.0 / math.sqrt(len(indices))
    return [b + scale * sum(pick(row)) for row, b in zip(weights, bias, strict=True)]
