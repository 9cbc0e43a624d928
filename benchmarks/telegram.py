"""Telegram throughput: scripted updates over HTTP, replies to a fake Bot API.

    .venv/bin/python benchmarks/telegram.py [--workers 1 2] [--residents 200] [--turns 20]

Starts a throwaway PostgreSQL, the fake Bot API (in this process) and `pbchat run` with N
workers (see benchmarks/http_load.py); prints turns per second and median / p99 latency from
posting the update to the fake receiving the reply.
"""

from __future__ import annotations

import argparse
import itertools
import time

import httpx

from http_load import Arrivals, Channel, run  # isort: skip  (benchmarks/ is the script's folder)
from tests.support.fake_telegram import TOKEN, FakeBotApi
from tests.support.server import ThreadedServer

SECRET = "bench-secret"
# pbchat's own capacity, not Telegram's 30 messages/s (see --telegram-rate).
RATE = 100_000.0
_ids = itertools.count(1)


def update(chat_id: str, text: str) -> dict[str, object]:
    """A Bot API update carrying one text message from a private chat."""
    user = {"id": int(chat_id), "is_bot": False, "first_name": "R", "language_code": "nl"}
    return {
        "update_id": next(_ids),
        "message": {
            "message_id": next(_ids),
            "from": user,
            "chat": {"id": int(chat_id), "type": "private", "first_name": "R"},
            "date": int(time.time()),
            "text": text,
        },
    }


async def post(client: httpx.AsyncClient, chat_id: str, text: str) -> httpx.Response:
    """Delivers one update to pbchat's webhook, as Telegram does."""
    return await client.post(
        "/webhooks/telegram",
        json=update(chat_id, text),
        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--residents", type=int, default=200)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--telegram-rate", type=float, default=RATE, help="messages/s allowed")
    args = parser.parse_args()
    arrivals = Arrivals()
    fake = FakeBotApi()
    fake.on_call = lambda call: arrivals.arrived(str(call.params.get("chat_id")))
    api = ThreadedServer(fake.app()).start()
    env = {
        "PBCHAT_TELEGRAM_TOKEN": TOKEN,
        "PBCHAT_TELEGRAM_SECRET_TOKEN": SECRET,
        "PBCHAT_TELEGRAM_API_BASE": f"{api.url}/bot",
        "PBCHAT_TELEGRAM_MESSAGES_PER_SECOND": str(args.telegram_rate),
    }
    channel = Channel("telegram", env, post, lambda n: str(4_000_000 + n), "/start west")
    try:
        for workers in args.workers:
            run(channel, arrivals, workers=workers, residents=args.residents, turns=args.turns)
    finally:
        api.stop()


if __name__ == "__main__":
    main()
