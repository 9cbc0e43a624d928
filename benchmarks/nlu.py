"""NLU numbers: builtin training time, parse latency and memory; language identification; Rasa.

python benchmarks/nlu.py [--data data/nlu] [--test tests/nlu/test] [--repeat 5]
                         [--rasa-url http://127.0.0.1:5005]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlu.builtin import BuiltinInterpreter  # noqa: E402
from nlu.evaluate import LANGUAGE_MIN_WORDS, word_count  # noqa: E402
from nlu.interpreter import Interpreter  # noqa: E402
from nlu.language import LanguageIdentifier  # noqa: E402
from nlu.training_data import Example, load_dir, texts_by_language  # noqa: E402


def _rss_mib() -> float:
    """The resident memory of this process now, in MiB (Linux)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20


def _latencies(
    parse: Callable[[str, str], object], messages: Sequence[Example], repeat: int
) -> list[float]:
    """Seconds per parse, over every message `repeat` times."""
    times: list[float] = []
    for _ in range(repeat):
        for example in messages:
            started = time.perf_counter()
            parse(example.text, example.language)
            times.append(time.perf_counter() - started)
    return times


def _print_latency(label: str, times: list[float]) -> None:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    print(
        f"{label}: median {statistics.median(ordered) * 1e6:.0f} µs, p99 {p99 * 1e6:.0f} µs "
        f"over {len(ordered)} parses"
    )


def bench_builtin(data: Path, messages: Sequence[Example], repeat: int) -> Interpreter:
    """Training time, memory added and parse latency of the builtin interpreter."""
    gc.collect()
    rss_before = _rss_mib()
    started = time.perf_counter()
    interpreter = BuiltinInterpreter.from_directory(data)
    seconds = time.perf_counter() - started
    gc.collect()
    print(
        f"builtin training: {seconds:.2f} s, {len(interpreter.model.vocabulary)} features, "
        f"RSS +{_rss_mib() - rss_before:.1f} MiB"
    )
    tracemalloc.start()
    traced = BuiltinInterpreter.from_directory(data)
    current, peak = tracemalloc.get_traced_memory()
    del traced
    tracemalloc.stop()
    print(f"builtin training (traced): peak {peak / 2**20:.1f} MiB, kept {current / 2**20:.1f} MiB")
    _print_latency("builtin parse", _latencies(interpreter.parse, messages, repeat))
    return interpreter


def bench_language(data: Path, messages: Sequence[Example]) -> None:
    """Language accuracy (messages of 4+ words, message alone): langdetect alone vs final."""
    corpus = texts_by_language(data)
    candidates = sorted(set(corpus) | {m.language for m in messages})
    for label, identifier in (
        ("langdetect alone", LanguageIdentifier(candidates, corpus={})),
        ("langdetect + chat n-grams", LanguageIdentifier(candidates, corpus=corpus)),
    ):
        right: dict[str, list[bool]] = {}
        wrong_switches = 0
        for m in messages:
            if word_count(m.text) >= LANGUAGE_MIN_WORDS:
                right.setdefault(m.language, []).append(identifier.best_guess(m.text) == m.language)
            found = identifier.identify(m.text)
            wrong_switches += found is not None and found.language != m.language
        per = ", ".join(f"{lang} {100 * sum(r) / len(r):.1f}%" for lang, r in sorted(right.items()))
        print(f"language id, {label}: {per}; switches to another language: {wrong_switches}")
    identifier = LanguageIdentifier(candidates, corpus=corpus)
    _print_latency(
        "language identify", _latencies(lambda t, _l: identifier.identify(t), messages, 1)
    )


def bench_rasa(url: str, messages: Sequence[Example], repeat: int, fallback: Interpreter) -> None:
    """Parse latency of a running Rasa server over HTTP."""
    from nlu.rasa_client import RasaInterpreter

    rasa = RasaInterpreter(url, fallback=fallback, timeout=30.0)
    _print_latency(f"rasa parse ({url})", _latencies(rasa.parse, messages, repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "nlu")
    parser.add_argument("--test", type=Path, default=ROOT / "tests" / "nlu" / "test")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rasa-url", default=None)
    args = parser.parse_args()
    messages = [e for examples in load_dir(args.test).values() for e in examples]
    print(f"{len(messages)} test messages from {args.test}")
    builtin = bench_builtin(args.data, messages, args.repeat)
    bench_language(args.data, messages)
    if args.rasa_url:
        bench_rasa(args.rasa_url, messages, max(1, args.repeat // 5), builtin)


if __name__ == "__main__":
    main()
