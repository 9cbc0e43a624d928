"""pbchat's server with the Telegram channel, pointed at a fake Bot API on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from telegram import Bot

from actions.store.database import Database
from bot import notices
from bot.app import Stack, create_app
from bot.channels.telegram.transport import TelegramTransport
from bot.channels.telegram.webhook import TelegramChannel
from bot.delivery.ratelimit import RateLimit
from bot.engine.engine import Engine
from bot.engine.services import Services
from bot.settings import Settings
from tests.support.fake_telegram import TOKEN, FakeBotApi, serve
from tests.support.telegram_resident import SECRET_TOKEN, TelegramResident

# Journeys tap faster than a person; rate limiting has its own tests.
FAST = RateLimit(per_second=1000, per_chat_per_second=1000, chat_burst=1000)


@pytest.fixture
def fake_api() -> Iterator[FakeBotApi]:
    fake, server = serve()
    fake.base_url = server.url  # type: ignore[attr-defined]
    yield fake
    server.stop()


@pytest.fixture
def client(
    database: Database, services: Services, demo_campaigns: None, fake_api: FakeBotApi
) -> Iterator[TestClient]:
    bot = Bot(TOKEN, base_url=f"{fake_api.base_url}/bot")  # type: ignore[attr-defined]
    engine = Engine(database, services)

    render_notice = notices.renderer(services.catalogs)

    stack = Stack(
        Settings(_env_file=None),
        database,
        engine,
        transports=[TelegramTransport(bot, render_notice, FAST)],
        telegram=TelegramChannel(engine, bot, secret_token=SECRET_TOKEN),
    )
    with TestClient(create_app(stack)) as test_client:
        yield test_client


@pytest.fixture
def ayse(client: TestClient, fake_api: FakeBotApi, database: Database) -> TelegramResident:
    """A Turkish-speaking resident on Telegram."""
    return TelegramResident(client, fake_api, database, language_code="tr")
