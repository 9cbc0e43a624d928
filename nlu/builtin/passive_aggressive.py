"""Training the intent model: averaged multiclass passive-aggressive updates (PA-II).

Chosen over the logistic regression it replaced because it was more accurate on pbchat's data
(on the development split 88.9% against 88.1% with the same data, 92.0% against 90.2% after the
data grew to 7,600 examples) at the same training time: a margin-based update touches two
classes per mistake, where the logistic gradient touched all sixteen on every example.
Averaging the weights over all updates makes the result stable; a seed makes it deterministic.
"""

from __future__ import annotations

import math
import random
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import mul, sub

from nlu.builtin.linear import LinearModel, picker, scores

SETTLED_EPOCHS = 2


@dataclass(frozen=True, slots=True)
class TrainingConfig:
    """How the model is trained; the defaults were tuned by cross-validation on pbchat's data."""

    epochs: int = 10
    # PA-II aggressiveness: smaller values take smaller steps on hard (perhaps mislabelled) lines.
    aggressiveness: float = 1.0
    # Scores times this become softmax probabilities; fitted by the log-likelihood of 5-fold
    # cross-validated predictions on data/nlu (benchmarks/nlu_calibration.py). At 0.6
    # confidence, 86% of those predictions were covered and 92% of them right.
    temperature: float = 7.0
    seed: int = 0


def train(
    samples: Iterable[Sequence[str]], labels: Sequence[str], config: TrainingConfig | None = None
) -> LinearModel:
    """A model fitted to the samples (feature-name lists) and their labels; deterministic.

    `samples` may be a generator: each is turned into compact feature numbers as it comes, so
    the feature names of the whole training set never sit in memory at once.
    """
    config = config or TrainingConfig()
    classes = sorted(set(labels))
    class_index = {name: i for i, name in enumerate(classes)}
    vocabulary: dict[str, int] = {}
    rows = [array("I", [vocabulary.setdefault(f, len(vocabulary)) for f in s]) for s in samples]
    targets = [class_index[label] for label in labels]
    size = len(vocabulary)
    weights = [array("d", bytes(8 * size)) for _ in classes]
    # Sums of (update number × update), from which the average of all weight vectors follows.
    totals = [array("d", bytes(8 * size)) for _ in classes]
    bias = [0.0] * len(classes)
    bias_totals = [0.0] * len(classes)
    # A unit-length example plus the bias input: the difference of two classes' inputs has
    # squared norm 4; the PA-II step adds 1/(2C) to it.
    denominator = 4.0 + 1.0 / (2.0 * config.aggressiveness)
    rng = random.Random(config.seed)
    order = [j for j, row in enumerate(rows) if row]
    # Epochs in a row that an example was classified with a full margin; such examples are
    # skipped (as if they had caused no update again), which more than halves training time.
    settled = [0] * len(rows)
    count = 1
    for _ in range(config.epochs):
        rng.shuffle(order)
        for j in order:
            if settled[j] >= SETTLED_EPOCHS:
                count += 1
                continue
            indices = rows[j]
            found = scores(indices, weights, bias, picker(indices))
            right = targets[j]
            right_score = found[right]
            found[right] = -math.inf
            wrong = max(range(len(found)), key=found.__getitem__)
            loss = 1.0 - right_score + found[wrong]
            if loss <= 0.0:
                settled[j] += 1
            else:
                settled[j] = 0
                tau = loss / denominator
                step = tau / math.sqrt(len(indices))
                weighted = count * step
                up, down = weights[right], weights[wrong]
                up_total, down_total = totals[right], totals[wrong]
                for i in indices:
                    up[i] += step
                    down[i] -= step
                    up_total[i] += weighted
                    down_total[i] -= weighted
                bias[right] += tau
                bias[wrong] -= tau
                bias_totals[right] += count * tau
                bias_totals[wrong] -= count * tau
            count += 1
    # The average of every weight vector seen: w - totals / count, one class at a time.
    inverse = 1.0 / count
    averaged = [
        array("d", map(sub, row, map(mul, total, repeat(inverse))))
        for row, total in zip(weights, totals, strict=True)
    ]
    mean_bias = [b - t / count for b, t in zip(bias, bias_totals, strict=True)]
    return LinearModel(classes, vocabulary, averaged, mean_bias, config.temperature)
