"""WhatsApp throughput: signed notifications over HTTP, replies to a fake Graph API.

    .venv/bin/python benchmarks/whatsapp.py [--workers 1 2] [--residents 200] [--turns 20]

Starts a throwaway PostgreSQL, the fake Graph API (in this process) and `pbchat run` with N
workers (see benchmarks/http_load.py); each resident is a Dutch +31 number. Prints turns per
second and median / p99 latency from posting the notification to the fake receiving the reply.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import itertools
import json
import time

import httpx

from http_load import Arrivals, Channel, run  # isort: skip  (benchmarks/ is the script's folder)
from tests.support.fake_whatsapp import PHONE_NUMBER_ID, TOKEN, FakeGraphApi
from tests.support.server import ThreadedServer

APP_SECRET = "bench-app-secret"
_ids = itertools.count(1)


def notification(wa_id: str, text: str) -> bytes:
    """The Cloud API's webhook body for one text message."""
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
    change = {"value": value, "field": "messages"}
    entry = {"id": "102290129340398", "changes": [change]}
    return json.dumps({"object": "whatsapp_business_account", "entry": [entry]}).encode()


async def post(client: httpx.AsyncClient, wa_id: str, text: str) -> httpx.Response:
    """Delivers one signed notification to pbchat's webhook, as Meta does."""
    body = notification(wa_id, text)
    signature = "sha256=" + hmac.new(APP_SECRET.encode(), body, hashlib.sha256).hexdigest()
    return await client.post(
        "/webhooks/whatsapp",
        content=body,
        headers={"Content-Type": "application/json", "X-Hub-Signature-256": signature},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--residents", type=int, default=200)
    parser.add_argument("--turns", type=int, default=20)
    args = parser.parse_args()
    arrivals = Arrivals()
    fake = FakeGraphApi()
    fake.on_call = lambda sent: arrivals.arrived(sent.to)
    api = ThreadedServer(fake.app()).start()
    env = {
        "PBCHAT_WHATSAPP_TOKEN": TOKEN,
        "PBCHAT_WHATSAPP_APP_SECRET": APP_SECRET,
        "PBCHAT_WHATSAPP_VERIFY_TOKEN": "bench-verify",
        "PBCHAT_WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID,
        "PBCHAT_WHATSAPP_API_BASE": f"{api.url}/v21.0",
    }
    channel = Channel("whatsapp", env, post, lambda n: f"3160{n:07d}", "start west")
    try:
        for workers in args.workers:
            run(channel, arrivals, workers=workers, residents=args.residents, turns=args.turns)
        print(f"  messages to the fake Graph API: {len(fake.sent)}, reads: {len(fake.reads)}")
        if fake.rejected:
            print(f"  REFUSED by the Cloud API's limits: {len(fake.rejected)}")
    finally:
        api.stop()


if __name__ == "__main__":
    main()
