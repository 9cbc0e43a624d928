"""Telegram throughput: scripted updates over HTTP from this process, replies to a fake Bot API.

    .venv/bin/python benchmarks/telegram.py [--workers 1 2] [--residents 50] [--turns 20]

Starts a throwaway PostgreSQL, the fake Bot API (in this process) and `pbchat run` with N
workers; each simulated resident sends its next update a second after the reply to the previous
one has reached the fake (reading time, and Telegram's one-message-a-second-per-chat guidance).
Prints turns per second and median / p99 latency from sending the update to the fake receiving
the reply.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # the fakes live with the tests

from tests.support.fake_telegram import TOKEN, FakeBotApi  # noqa: E402
from tests.support.postgres import PostgresServer  # noqa: E402
from tests.support.server import ThreadedServer, free_port  # noqa: E402

SECRET = "bench-secret"
_ids = itertools.count(1)


class Arrivals:
    """When the fake received a message for each chat (set by a hook on the fake)."""

    def __init__(self) -> None:
        self.events: dict[str, asyncio.Event] = {}
        self.loop: asyncio.AbstractEventLoop | None = None
        self.lock = threading.Lock()

    def arrived(self, chat_id: str) -> None:
        event = self.events.get(chat_id)
        if event is not None and self.loop is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(event.set)


def update(chat_id: int, text: str) -> dict[str, object]:
    user = {"id": chat_id, "is_bot": False, "first_name": "R", "language_code": "nl"}
    return {
        "update_id": next(_ids),
        "message": {
            "message_id": next(_ids),
            "from": user,
            "chat": {"id": chat_id, "type": "private", "first_name": "R"},
            "date": int(time.time()),
            "text": text,
        },
    }


THINK = 1.0
RATE = 100_000.0
SCRIPT = ["/start west", "/menu", "/proposals", "2", "/help", "wat is dit", "/menu", "3"]


async def resident(
    client: httpx.AsyncClient, arrivals: Arrivals, chat_id: int, turns: int, out: list[float]
) -> None:
    event = arrivals.events.setdefault(str(chat_id), asyncio.Event())
    for i in range(turns):
        event.clear()
        started = time.perf_counter()
        response = await client.post(
            "/webhooks/telegram",
            json=update(chat_id, SCRIPT[i % len(SCRIPT)]),
            headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
        )
        response.raise_for_status()
        await asyncio.wait_for(event.wait(), timeout=30)
        out.append(time.perf_counter() - started)
        await asyncio.sleep(
            THINK
        )  # a person reads before answering (and Telegram's per-chat limit)


async def load(
    url: str, arrivals: Arrivals, residents: int, turns: int
) -> tuple[float, list[float]]:
    arrivals.loop = asyncio.get_running_loop()
    latencies: list[float] = []
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        started = time.perf_counter()
        await asyncio.gather(
            *(resident(client, arrivals, 4_000_000 + i, turns, latencies) for i in range(residents))
        )
        return time.perf_counter() - started, latencies


def run(workers: int, residents: int, turns: int, rate: float) -> None:
    pg = PostgresServer()
    pg_url = pg.start()
    fake = FakeBotApi()
    arrivals = Arrivals()
    fake.on_call = lambda call: arrivals.arrived(str(call.params.get("chat_id")))
    api = ThreadedServer(fake.app()).start()
    port = free_port()
    env = {
        **os.environ,
        "PBCHAT_DATABASE_URL": pg_url,
        "PBCHAT_TELEGRAM_TOKEN": TOKEN,
        "PBCHAT_TELEGRAM_SECRET_TOKEN": SECRET,
        "PBCHAT_TELEGRAM_API_BASE": f"{api.url}/bot",
        # pbchat's own capacity, not Telegram's 30 messages/s (see --telegram-rate).
        "PBCHAT_TELEGRAM_MESSAGES_PER_SECOND": str(rate),
    }
    pbchat = str(REPO / ".venv" / "bin" / "pbchat")
    subprocess.run([pbchat, "demo", "load"], env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [pbchat, "run", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("pbchat did not start")
            time.sleep(0.2)
        time.sleep(3 * workers)  # every worker up and its NLU trained
        elapsed, latencies = asyncio.run(load(url, arrivals, residents, turns))
        latencies.sort()
        print(f"workers: {workers} (PostgreSQL), Telegram rate limit {rate:,.0f}/s")
        print(f"  turns: {len(latencies)} from {residents} residents")
        print(f"  turns per second: {len(latencies) / elapsed:,.1f}")
        print(f"  median latency: {statistics.median(latencies) * 1000:.1f} ms")
        print(f"  p99 latency: {latencies[int(len(latencies) * 0.99) - 1] * 1000:.1f} ms")
    finally:
        server.terminate()
        server.wait(timeout=30)
        api.stop()
        pg.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--residents", type=int, default=200)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--telegram-rate", type=float, default=RATE, help="messages/s allowed")
    args = parser.parse_args()
    for workers in args.workers:
        run(workers, args.residents, args.turns, args.telegram_rate)


if __name__ == "__main__":
    sys.exit(main())
