"""Cross-validated accuracy and confidence calibration of the builtin intent model.

python benchmarks/nlu_calibration.py [--data data/nlu] [--folds 5]

Trains on all folds but one and scores the one left out, for each fold; prints the accuracy, the
softmax temperature that best fits those held-out scores (TrainingConfig.temperature), and how
many predictions a confidence threshold keeps and how many of those are right.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlu.builtin.features import features  # noqa: E402
from nlu.builtin.passive_aggressive import TrainingConfig, train  # noqa: E402
from nlu.entities.extract import extract_entities  # noqa: E402
from nlu.training_data import load_dir  # noqa: E402

TEMPERATURES = (1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20)
THRESHOLDS = (0.5, 0.6, 0.85)


def _softmax(scores: Sequence[float], temperature: float) -> list[float]:
    top = max(scores)
    exps = [math.exp(temperature * (s - top)) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "nlu")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    by_language = load_dir(args.data)
    examples = [e for lang in sorted(by_language) for e in by_language[lang]]
    random.Random(1).shuffle(examples)
    samples = [
        features(e.text, sorted({x.type for x in extract_entities(e.text, e.language)}), e.language)
        for e in examples
    ]
    held_out: list[tuple[list[float], int]] = []
    for fold in range(args.folds):
        keep = [i for i in range(len(examples)) if i % args.folds != fold]
        model = train(
            [samples[i] for i in keep],
            [examples[i].intent for i in keep],
            TrainingConfig(temperature=1.0),
        )
        for i in range(fold, len(examples), args.folds):
            held_out.append((model.scores(samples[i]), model.labels.index(examples[i].intent)))

    def right(scores: list[float], label: int) -> bool:
        return max(range(len(scores)), key=scores.__getitem__) == label

    def loss(temperature: float) -> float:
        return -sum(math.log(_softmax(s, temperature)[y]) for s, y in held_out) / len(held_out)

    accuracy = sum(right(s, y) for s, y in held_out) / len(held_out)
    print(f"{args.folds}-fold accuracy: {100 * accuracy:.1f}% over {len(held_out)} examples")
    best = min(TEMPERATURES, key=loss)
    print(f"best temperature: {best} (log loss {loss(best):.3f})")
    for threshold in THRESHOLDS:
        kept = [(s, y) for s, y in held_out if max(_softmax(s, best)) >= threshold]
        share = sum(right(s, y) for s, y in kept) / max(1, len(kept))
        print(
            f"confidence >= {threshold}: keeps {100 * len(kept) / len(held_out):.1f}%, "
            f"{100 * share:.1f}% of them right"
        )


if __name__ == "__main__":
    main()
