"""The rasa interpreter against a real Rasa server: accuracy, latency, memory and start-up.

    .venv/bin/python benchmarks/nlu_rasa.py [--data tests/nlu/test] [--timeout 0.5]

Trains the model if `make rasa` has not, starts `rasa run --enable-api` on a free port, parses
every held-out message through RasaInterpreter (with the client's real timeout), and prints one
JSON object: intent accuracy overall and per language, how many answers were fallbacks, parse
latency median/p99 in ms, the server's start-up seconds and resident memory in MB.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nlu.interpreter import Parse
from nlu.rasa_client import RasaInterpreter
from nlu.rasa_train import ensure_model, free_port, start_server
from nlu.training_data import load_dir

REPO = Path(__file__).resolve().parent.parent


class Counting:
    """A fallback that answers nothing useful and counts how often it was asked."""

    name = "counting"

    def __init__(self) -> None:
        self.calls = 0

    def parse(self, text: str, language: str) -> Parse:
        self.calls += 1
        return Parse(text, "out_of_scope", 0.0)


def rss_mb(pid: int) -> float:
    """The resident memory of a process, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=REPO / "tests" / "nlu" / "test")
    parser.add_argument("--timeout", type=float, default=0.5)
    args = parser.parse_args()
    model = ensure_model(data_dir=REPO / "data" / "nlu", out_dir=REPO / "models", repo_root=REPO)
    began = time.perf_counter()
    with start_server(model=model, port=free_port(), repo_root=REPO) as server:
        startup = time.perf_counter() - began
        fallback = Counting()
        interpreter = RasaInterpreter(server.url, fallback, timeout=args.timeout)
        latencies: list[float] = []
        per_language: dict[str, float] = {}
        hits = total = 0
        for language, examples in load_dir(args.data).items():
            right = 0
            for example in examples:
                start = time.perf_counter()
                right += interpreter.parse(example.text, language).intent == example.intent
                latencies.append(time.perf_counter() - start)
            per_language[language] = round(right / len(examples), 3)
            hits, total = hits + right, total + len(examples)
        memory = rss_mb(server.process.pid)
    latencies.sort()
    print(
        json.dumps(
            {
                "intent_accuracy": round(hits / total, 3),
                "per_language": per_language,
                "n": total,
                "fallbacks": fallback.calls,
                "latency_ms": {
                    "median": round(statistics.median(latencies) * 1000, 1),
                    "p99": round(latencies[int(0.99 * (len(latencies) - 1))] * 1000, 1),
                },
                "startup_s": round(startup, 1),
                "server_rss_mb": round(memory),
            }
        )
    )


if __name__ == "__main__":
    main()
