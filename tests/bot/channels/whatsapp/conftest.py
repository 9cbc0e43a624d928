"""pbchat's server with the WhatsApp channel, pointed at a fake Graph API on loopback."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from actions.store.database import Database
from bot import notices
from bot.app import Stack, create_app
from bot.channels.whatsapp.graph import GraphApi
from bot.channels.whatsapp.transport import WhatsAppTransport
from bot.channels.whatsapp.webhook import WhatsAppChannel, router
from bot.delivery.ratelimit import RateLimit
from bot.engine.engine import Engine
from bot.engine.services import Services
from bot.settings import Settings
from tests.support.fake_whatsapp import PHONE_NUMBER_ID, TOKEN, FakeGraphApi, serve
from tests.support.whatsapp_resident import (
    APP_SECRET,
    POLISH,
    TURKISH,
    VERIFY_TOKEN,
    WhatsAppResident,
)

# Journeys tap faster than a person; rate limiting has its own tests.
FAST = RateLimit(per_second=1000, per_chat_per_second=1000, chat_burst=1000)


@pytest.fixture
def fake_graph() -> Iterator[FakeGraphApi]:
    fake, server = serve()
    yield fake
    server.stop()
    # Whatever a test did, nothing pbchat sent may break WhatsApp's limits.
    assert fake.rejected == [], fake.rejected


@pytest.fixture
def notice_template() -> str | None:
    """No template configured, unless a test parametrizes one."""
    return None


@pytest.fixture
def page_size() -> int:
    """Ten proposals a page, so that a page with its buttons needs WhatsApp's list paging."""
    return 10


@pytest.fixture
def graph_api(fake_graph: FakeGraphApi) -> GraphApi:
    return GraphApi(base_url=fake_graph.base_url, phone_number_id=PHONE_NUMBER_ID, token=TOKEN)


@pytest.fixture
def channel(
    database: Database, services: Services, page_size: int, graph_api: GraphApi
) -> WhatsAppChannel:
    engine = Engine(database, dataclasses.replace(services, page_size=page_size))
    return WhatsAppChannel(
        engine,
        graph_api,
        app_secret=APP_SECRET,
        verify_token=VERIFY_TOKEN,
        phone_number_id=PHONE_NUMBER_ID,
    )


@pytest.fixture
def transport(
    services: Services, graph_api: GraphApi, notice_template: str | None
) -> WhatsAppTransport:
    render_notice = notices.renderer(services.catalogs)

    return WhatsAppTransport(
        graph_api,
        render_notice,
        services.catalogs.get,
        limits=FAST,
        notice_template=notice_template,
    )


@pytest.fixture
def client(
    database: Database,
    demo_campaigns: None,
    channel: WhatsAppChannel,
    transport: WhatsAppTransport,
) -> Iterator[TestClient]:
    stack = Stack(Settings(_env_file=None), database, channel.engine, transports=[transport])
    app = create_app(stack)
    # bot/app.py mounts this router once WhatsApp is configured; here it is mounted by hand.
    app.include_router(router(channel, app.state.sender.wake))
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def ayse(client: TestClient, fake_graph: FakeGraphApi, database: Database) -> WhatsAppResident:
    """A resident with a Turkish (+90) number."""
    return WhatsAppResident(client, fake_graph, database, wa_id=TURKISH)


@pytest.fixture
def marek(client: TestClient, fake_graph: FakeGraphApi, database: Database) -> WhatsAppResident:
    """A resident with a Polish (+48) number."""
    return WhatsAppResident(client, fake_graph, database, wa_id=POLISH)
