"""Engine speed: scripted turns across simulated residents, in-process, on a real database.

    .venv/bin/python benchmarks/engine.py [--residents 1000] [--database-url URL]

Prints turns per second, median and p99 latency per turn, and peak memory (RSS).
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

# This folder holds nlu.py, which would shadow the nlu package when run as a script.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

import bot.flows  # noqa: E402, F401
from actions import demo  # noqa: E402
from actions.store import migrate  # noqa: E402
from actions.store.database import Database  # noqa: E402
from bot.app import guess_language  # noqa: E402
from bot.engine.engine import Engine  # noqa: E402
from bot.engine.i18n import Catalogs  # noqa: E402
from bot.engine.messages import Inbound  # noqa: E402
from bot.engine.services import Services  # noqa: E402
from nlu.registry import build_interpreter  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "data"
LANGUAGES = ["nl", "en", "tr", "ar", "pl"]
# Ten turns a resident: taps, a typed number and free text through the NLU.
SCRIPT: list[dict[str, str]] = [
    {"start_param": "west"},
    {"payload": "l:{lang}"},
    {"payload": "consent:yes"},
    {"payload": "g:browse"},
    {"text": "3"},
    {"payload": "p:1"},
    {"payload": "b:more"},
    {"payload": "b:back"},
    {"payload": "b:next"},
    {"text": "show me the proposals about green"},
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--residents", type=int, default=1000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.db"
        database = Database.connect(url)
        migrate.upgrade(database)
        with database.transaction() as session:
            demo.load_folder(session, folder=DATA / "demo", now=datetime.now(UTC))
        started = time.perf_counter()
        interpreter = build_interpreter("builtin", data_dir=DATA / "nlu")
        print(f"builtin NLU trained in {time.perf_counter() - started:.2f} s")
        services = Services(
            catalogs=Catalogs(DATA / "locales"),
            interpreter=interpreter,
            guess_language=guess_language,
            secret=b"benchmark",
            campaign_cache_seconds=2.0,  # as bot/app.py sets it
        )
        engine = Engine(database, services)
        rng = random.Random(7)
        residents = [(f"user{i}", rng.choice(LANGUAGES)) for i in range(args.residents)]
        latencies: list[float] = []
        wall = time.perf_counter()
        for step in SCRIPT:
            for user, lang in residents:
                fields = {k: v.format(lang=lang) for k, v in step.items()}
                inbound = Inbound("bench", user, locale_hint=lang, **fields)  # type: ignore[arg-type]
                t0 = time.perf_counter()
                replies = engine.handle(inbound)
                latencies.append(time.perf_counter() - t0)
                assert replies, f"no reply to {fields}"
        elapsed = time.perf_counter() - wall
        latencies.sort()
        p99 = latencies[int(len(latencies) * 0.99) - 1]
        print(f"database: {database.engine.dialect.name}")
        print(f"turns: {len(latencies)} across {args.residents} residents")
        print(f"turns per second: {len(latencies) / elapsed:,.0f}")
        print(f"median latency: {statistics.median(latencies) * 1000:.2f} ms")
        print(f"p99 latency: {p99 * 1000:.2f} ms")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory (RSS): {peak:.0f} MB")
        database.dispose()


if __name__ == "__main__":
    main()
