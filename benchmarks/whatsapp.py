"""WhatsApp throughput: signed notifications over HTTP, replies to a fake Graph API.

    .venv/bin/python benchmarks/whatsapp.py [--workers 1 2] [--residents 200] [--turns 20]

Starts a throwaway PostgreSQL, the fake Graph API (in this process) and pbchat's server under
uvicorn with N workers; each simulated resident (a Dutch +31 number) sends its next message a
second after the first reply to the previous one has reached the fake. Prints turns per second and
median / p99 latency from posting the notification to the fake receiving the reply.

The server is `create` below: pbchat's own application, with the WhatsApp channel wired here by
hand as long as bot/app.py does not wire it from the settings itself.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import itertools
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
from fastapi import FastAPI

REPO = Path(__file__).resolve().parent.parent
# Run as a script, this folder comes first on the path, and its telegram.py would hide the
# python-telegram-bot package from bot.app: the repository takes its place (the fakes live there).
sys.path[:] = [str(REPO), *(p for p in sys.path if Path(p or ".").resolve() != REPO / "benchmarks")]

from tests.support.fake_whatsapp import PHONE_NUMBER_ID, TOKEN, FakeGraphApi, Sent  # noqa: E402
from tests.support.postgres import PostgresServer  # noqa: E402
from tests.support.server import ThreadedServer, free_port  # noqa: E402

APP_SECRET = "bench-app-secret"
THINK = 1.0
SCRIPT = ["start west", "/menu", "/proposals", "2", "/help", "wat is dit", "/menu", "3"]
_ids = itertools.count(1)


def create() -> FastAPI:
    """One worker's application: pbchat's, with the WhatsApp webhook and transport."""
    from bot import notices
    from bot.app import build_stack, create_app
    from bot.channels.whatsapp.graph import GraphApi
    from bot.channels.whatsapp.transport import WhatsAppTransport
    from bot.channels.whatsapp.webhook import WhatsAppChannel, router
    from bot.settings import Settings

    settings = Settings()
    stack = build_stack(settings, migrate_db=False)
    if getattr(stack, "whatsapp", None) is not None:
        return create_app(stack)  # bot/app.py wires WhatsApp itself
    assert settings.whatsapp_token and settings.whatsapp_phone_number_id
    assert settings.whatsapp_app_secret
    graph = GraphApi(
        base_url=settings.whatsapp_api_base,
        phone_number_id=settings.whatsapp_phone_number_id,
        token=settings.whatsapp_token.get_secret_value(),
    )
    catalogs = stack.engine.services.catalogs

    render_notice = notices.renderer(catalogs)

    stack.transports.append(WhatsAppTransport(graph, render_notice, catalogs.get))
    channel = WhatsAppChannel(
        stack.engine,
        graph,
        app_secret=settings.whatsapp_app_secret.get_secret_value(),
        verify_token=None,
        phone_number_id=settings.whatsapp_phone_number_id,
    )
    app = create_app(stack)
    app.include_router(router(channel, app.state.sender.wake))
    return app


class Arrivals:
    """When the fake received a message for each number (set by a hook on the fake)."""

    def __init__(self) -> None:
        self.events: dict[str, asyncio.Event] = {}
        self.loop: asyncio.AbstractEventLoop | None = None
        self.lock = threading.Lock()

    def arrived(self, sent: Sent) -> None:
        event = self.events.get(sent.to)
        if event is not None and self.loop is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(event.set)


def notification(wa_id: str, text: str) -> bytes:
    message = {
        "from": wa_id,
        "id": f"wamid.BENCH{next(_ids):012d}",
        "timestamp": str(int(time.time())),
        "type": "text",
        "text": {"body": text},
    }
    value = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550783881", "phone_number_id": PHONE_NUMBER_ID},
        "contacts": [{"profile": {"name": "R"}, "wa_id": wa_id}],
        "messages": [message],
    }
    return json.dumps(
        {
            "object": "whatsapp_business_account",
            "entry": [
                {"id": "102290129340398", "changes": [{"value": value, "field": "messages"}]}
            ],
        }
    ).encode()


async def resident(
    client: httpx.AsyncClient, arrivals: Arrivals, wa_id: str, turns: int, out: list[float]
) -> None:
    event = arrivals.events.setdefault(wa_id, asyncio.Event())
    for i in range(turns):
        event.clear()
        body = notification(wa_id, SCRIPT[i % len(SCRIPT)])
        signature = "sha256=" + hmac.new(APP_SECRET.encode(), body, hashlib.sha256).hexdigest()
        started = time.perf_counter()
        response = await client.post(
            "/webhooks/whatsapp",
            content=body,
            headers={"Content-Type": "application/json", "X-Hub-Signature-256": signature},
        )
        response.raise_for_status()
        await asyncio.wait_for(event.wait(), timeout=60)
        out.append(time.perf_counter() - started)
        await asyncio.sleep(THINK)  # a person reads before answering


async def load(
    url: str, arrivals: Arrivals, residents: int, turns: int
) -> tuple[float, list[float]]:
    arrivals.loop = asyncio.get_running_loop()
    latencies: list[float] = []
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        started = time.perf_counter()
        await asyncio.gather(
            *(
                resident(client, arrivals, f"3160{i:07d}", turns, latencies)
                for i in range(residents)
            )
        )
        return time.perf_counter() - started, latencies


def run(workers: int, residents: int, turns: int) -> None:
    pg = PostgresServer()
    pg_url = pg.start()
    fake = FakeGraphApi()
    arrivals = Arrivals()
    fake.on_call = arrivals.arrived
    api = ThreadedServer(fake.app()).start()
    port = free_port()
    env = {
        **os.environ,
        "PBCHAT_DATABASE_URL": pg_url,
        "PBCHAT_WHATSAPP_TOKEN": TOKEN,
        "PBCHAT_WHATSAPP_APP_SECRET": APP_SECRET,
        "PBCHAT_WHATSAPP_VERIFY_TOKEN": "bench-verify",
        "PBCHAT_WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID,
        "PBCHAT_WHATSAPP_API_BASE": f"{api.url}/v21.0",
    }
    bin_dir = REPO / ".venv" / "bin"
    subprocess.run(
        [str(bin_dir / "pbchat"), "demo", "load"], env=env, check=True, capture_output=True
    )
    server = subprocess.Popen(
        [
            str(bin_dir / "uvicorn"),
            "benchmarks.whatsapp:create",
            "--factory",
            "--app-dir",
            str(REPO),
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=REPO,
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
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("pbchat did not start")
            time.sleep(0.2)
        time.sleep(3 * workers)  # every worker up and its NLU trained
        elapsed, latencies = asyncio.run(load(url, arrivals, residents, turns))
        latencies.sort()
        print(f"workers: {workers} (PostgreSQL)")
        print(f"  turns: {len(latencies)} from {residents} residents")
        print(f"  turns per second: {len(latencies) / elapsed:,.1f}")
        print(f"  median latency: {statistics.median(latencies) * 1000:.1f} ms")
        print(f"  p99 latency: {latencies[int(len(latencies) * 0.99) - 1] * 1000:.1f} ms")
        print(
            f"  messages to the fake Graph API: {len(fake.sent)}, read receipts: {len(fake.reads)}"
        )
        if fake.rejected:
            print(f"  REFUSED by the Cloud API's limits: {len(fake.rejected)}")
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
    args = parser.parse_args()
    for workers in args.workers:
        run(workers, args.residents, args.turns)


if __name__ == "__main__":
    main()
