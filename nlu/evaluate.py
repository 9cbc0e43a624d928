"""Evaluation of an interpreter and the language identifier on a directory of `<lang>.yml` files."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nlu.interpreter import Interpreter, Parse
from nlu.language import LanguageIdentifier
from nlu.training_data import Example, load_dir

# Language identification is scored on messages of at least this many words (DESIGN §8).
LANGUAGE_MIN_WORDS = 4


@dataclass
class Tally:
    """Right answers out of all."""

    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        """Counts one answer."""
        self.right += ok
        self.total += 1

    @property
    def accuracy(self) -> float | None:
        """The share of right answers, None when nothing was counted."""
        return self.right / self.total if self.total else None


@dataclass
class Evaluation:
    """Accuracies overall, per language and per intent, and the confusions between intents."""

    intents: Tally = field(default_factory=Tally)
    per_language: dict[str, Tally] = field(default_factory=dict)
    languages: dict[str, Tally] = field(default_factory=dict)
    per_intent: dict[str, Tally] = field(default_factory=dict)
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)

    def to_json(self) -> dict[str, Any]:
        """The contract's JSON object: intent_accuracy, per_language, n (DESIGN §8)."""
        return {
            "intent_accuracy": _rounded(self.intents.accuracy),
            "per_language": {
                lang: {
                    "intent_accuracy": _rounded(tally.accuracy),
                    "language_accuracy": _rounded(self.languages[lang].accuracy),
                }
                for lang, tally in sorted(self.per_language.items())
            },
            "n": self.intents.total,
        }


def _rounded(value: float | None) -> float | None:
    """The value with four decimals (None stays None)."""
    return None if value is None else round(value, 4)


def word_count(text: str) -> int:
    """The number of whitespace-separated words of a message."""
    return len(text.split())


def evaluate(
    interpreter: Interpreter,
    examples: Mapping[str, Iterable[Example]],
    identifier: LanguageIdentifier,
    progress: Callable[[int], None] | None = None,
) -> Evaluation:
    """How well the interpreter names the intents and the identifier the languages of `examples`.

    The interpreter is told each file's language; the identifier gets the message alone.
    """
    result = Evaluation()
    for lang in sorted(examples):
        by_language = result.per_language.setdefault(lang, Tally())
        languages = result.languages.setdefault(lang, Tally())
        for example in examples[lang]:
            parse: Parse = interpreter.parse(example.text, lang)
            ok = parse.intent == example.intent
            result.intents.add(ok)
            by_language.add(ok)
            result.per_intent.setdefault(example.intent, Tally()).add(ok)
            if not ok:
                result.confusions[(example.intent, parse.intent)] += 1
            if word_count(example.text) >= LANGUAGE_MIN_WORDS:
                languages.add(identifier.best_guess(example.text) == lang)
            if progress is not None:
                progress(1)
    return result


def evaluate_directory(
    interpreter: Interpreter,
    test_dir: Path,
    *,
    corpus: Mapping[str, Iterable[str]],
    progress: Callable[[int], None] | None = None,
) -> Evaluation:
    """`evaluate` on the `<lang>.yml` files of `test_dir`; `corpus` is the training texts by
    language, whose languages (with the test files') are the identifier's candidates."""
    examples = load_dir(test_dir)
    identifier = LanguageIdentifier(sorted(set(corpus) | set(examples)), corpus=corpus)
    return evaluate(interpreter, examples, identifier, progress)


def report_lines(evaluation: Evaluation, worst: int = 10) -> list[str]:
    """A readable report: per language, per intent, and the most frequent confusions."""

    def pct(value: float | None) -> str:
        return "   -  " if value is None else f"{100 * value:5.1f}%"

    lines = [f"intent accuracy {pct(evaluation.intents.accuracy)} over {evaluation.intents.total}"]
    header = f"{'language':10} {'intents':>8} {'n':>5} {'language id':>12} {'n (4+ words)':>13}"
    lines += ["", header]
    for lang, tally in sorted(evaluation.per_language.items()):
        ident = evaluation.languages[lang]
        lines.append(
            f"{lang:10} {pct(tally.accuracy):>8} {tally.total:5} {pct(ident.accuracy):>12} "
            f"{ident.total:13}"
        )
    lines += ["", f"{'intent':18} {'accuracy':>8} {'n':>5}"]
    by_accuracy = sorted(evaluation.per_intent.items(), key=lambda i: (i[1].accuracy or 0.0, i[0]))
    for intent, tally in by_accuracy:
        lines.append(f"{intent:18} {pct(tally.accuracy):>8} {tally.total:5}")
    if evaluation.confusions:
        lines += ["", "most confused (expected -> predicted: count)"]
        for (expected, predicted), count in evaluation.confusions.most_common(worst):
            lines.append(f"  {expected} -> {predicted}: {count}")
    return lines
