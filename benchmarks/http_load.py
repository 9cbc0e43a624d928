"""Simulated residents over HTTP against `pbchat run` on a throwaway PostgreSQL.

The channel benchmarks (telegram.py, whatsapp.py) say how a resident's message is posted and
which address a reply reaches; this module starts everything, drives the load and prints it.
Each resident sends its next message THINK seconds after the reply to the previous one reached
the fake provider (a person reads before answering; Telegram asks for a message a second per
chat at most). Latency runs from posting the message to the fake receiving the reply.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
# Run as a script, benchmarks/ comes first on the path, and its telegram.py would hide the
# python-telegram-bot package: the repository takes its place (the fakes live with the tests).
sys.path[:] = [str(REPO), *(p for p in sys.path if Path(p or ".").resolve() != REPO / "benchmarks")]

from tests.support.postgres import PostgresServer  # noqa: E402

THINK = 1.0
SCRIPT = ["/menu", "/proposals", "2", "/help", "wat is dit", "/menu", "3", "hoeveel geld is er"]
Post = Callable[[httpx.AsyncClient, str, str], Awaitable[httpx.Response]]


class Arrivals:
    """Wakes the resident whose address the fake provider just sent something to."""

    def __init__(self) -> None:
        self.events: dict[str, asyncio.Event] = {}
        self.loop: asyncio.AbstractEventLoop | None = None

    def arrived(self, address: str) -> None:
        """Called from the fake's thread."""
        event = self.events.get(address)
        if event is not None and self.loop is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(event.set)


@dataclass(frozen=True)
class Channel:
    """How to reach pbchat over one channel: its settings, a message post, the addresses."""

    name: str
    env: dict[str, str]
    post: Post
    address: Callable[[int], str]
    first: str  # the first message of every resident, which opens the west campaign


async def _resident(
    client: httpx.AsyncClient,
    channel: Channel,
    arrivals: Arrivals,
    n: int,
    turns: int,
    out: list[float],
    answered: list[float],
) -> None:
    address = channel.address(n)
    event = arrivals.events.setdefault(address, asyncio.Event())
    for i in range(turns):
        event.clear()
        text = channel.first if i == 0 else SCRIPT[(i - 1) % len(SCRIPT)]
        started = time.perf_counter()
        try:
            response = await channel.post(client, address, text)
        except httpx.TransportError:  # a kept-alive connection closed under us: resend, as
            response = await channel.post(client, address, text)  # the providers do
        response.raise_for_status()
        answered.append(time.perf_counter() - started)
        await asyncio.wait_for(event.wait(), timeout=60)
        out.append(time.perf_counter() - started)
        await asyncio.sleep(THINK)


async def _load(
    url: str, channel: Channel, arrivals: Arrivals, residents: int, turns: int
) -> tuple[float, list[float], list[float]]:
    arrivals.loop = asyncio.get_running_loop()
    arrivals.events.clear()  # a previous run's events belong to its own, closed loop
    latencies: list[float] = []
    answered: list[float] = []
    limits = httpx.Limits(max_connections=residents)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
        started = time.perf_counter()
        await asyncio.gather(
            *(
                _resident(client, channel, arrivals, n, turns, latencies, answered)
                for n in range(residents)
            )
        )
        return time.perf_counter() - started, latencies, answered


def _wait_until_up(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            raise RuntimeError("pbchat did not start")
        time.sleep(0.2)


def run(channel: Channel, arrivals: Arrivals, *, workers: int, residents: int, turns: int) -> None:
    """Starts PostgreSQL and `pbchat run`, drives the residents, prints the numbers."""
    from tests.support.server import free_port

    pg = PostgresServer()
    env = {**os.environ, **channel.env, "PBCHAT_DATABASE_URL": pg.start()}
    pbchat = str(REPO / ".venv" / "bin" / "pbchat")
    port = free_port()
    server = None
    try:
        subprocess.run([pbchat, "demo", "load"], env=env, check=True, capture_output=True)
        server = subprocess.Popen(
            [pbchat, "run", "--port", str(port), "--workers", str(workers)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        _wait_until_up(url, server)
        time.sleep(2 * workers)  # /healthz answers from the first worker; let the others start
        elapsed, latencies, answered = asyncio.run(_load(url, channel, arrivals, residents, turns))
        latencies.sort()
        answered.sort()
        print(f"{channel.name}, workers: {workers} (PostgreSQL)")
        print(f"  turns: {len(latencies)} from {residents} residents")
        print(f"  turns per second: {len(latencies) / elapsed:,.1f}")
        print(f"  median latency: {statistics.median(latencies) * 1000:.1f} ms")
        print(f"  p99 latency: {latencies[int(len(latencies) * 0.99) - 1] * 1000:.1f} ms")
        print(
            f"  the webhook's own answer (the turn, before delivery): median "
            f"{statistics.median(answered) * 1000:.1f} ms, "
            f"p99 {answered[int(len(answered) * 0.99) - 1] * 1000:.1f} ms"
        )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        pg.stop()
