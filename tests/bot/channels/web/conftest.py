"""pbchat's server with the web widget: an HTTP client for the API, a real browser for the rest."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from actions import campaigns, codes, demo
from actions.store.database import Database
from bot import notices
from bot.app import Stack, create_app, guess_language
from bot.channels.web.api import router as web_router
from bot.channels.web.channel import WebChannel
from bot.channels.web.pages import router as pages_router
from bot.channels.web.transport import WebTransport
from bot.engine.engine import Engine
from bot.engine.i18n import Catalogs
from bot.engine.services import Services
from bot.settings import Settings
from nlu.interpreter import Interpreter
from tests.conftest import DATA, SECRET
from tests.support.databases import SqliteFactory
from tests.support.server import ThreadedServer

REPO = Path(__file__).resolve().parents[4]
AXE = REPO / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
# As the machine's notes say: without the background-networking flags Chromium keeps trying
# to reach Google's hosts, which this closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class WebApp:
    """The application with the widget mounted, and the pieces tests look into."""

    app: FastAPI
    channel: WebChannel
    stack: Stack


def build_web_app(database: Database, services: Services, **channel_options: Any) -> WebApp:
    """create_app with the web channel wired in, as bot/app.py does."""
    engine = Engine(database, services)
    channel = WebChannel(engine, **channel_options)

    render_notice = notices.renderer(services.catalogs)

    stack = Stack(
        Settings(_env_file=None),
        database,
        engine,
        transports=[WebTransport(database, render_notice, services.clock)],
    )
    app = create_app(stack)
    app.include_router(web_router(channel))
    app.include_router(pages_router())
    return WebApp(app, channel, stack)


def a_code(database: Database, slug: str = "west") -> str:
    """A fresh voting code for the campaign."""
    with database.transaction() as session:
        found = campaigns.by_slug(session, slug=slug)
        assert found is not None
        return codes.generate(session, campaign_id=found.id, count=1, pepper=SECRET)[0]


@pytest.fixture
def web(database: Database, services: Services, demo_campaigns: None) -> WebApp:
    return build_web_app(database, services)


@pytest.fixture
def client(web: WebApp) -> Iterator[TestClient]:
    with TestClient(web.app, headers={"Accept-Language": "en-GB,en;q=0.9"}) as test_client:
        yield test_client


# --- the browser ---------------------------------------------------------------------------


@dataclass
class Served:
    """pbchat served on loopback for the browser, with its database."""

    url: str
    database: Database
    web: WebApp


@pytest.fixture(scope="module")
def served(
    sqlite_factory: SqliteFactory, catalogs: Catalogs, interpreter: Interpreter
) -> Iterator[Served]:
    """One server per test module, on SQLite (the browser tests are about the widget)."""
    database = Database.connect(sqlite_factory.new())
    with database.transaction() as session:
        demo.load_folder(session, folder=DATA / "demo", now=datetime.now(UTC))
    services = Services(
        catalogs=catalogs, interpreter=interpreter, guess_language=guess_language, secret=SECRET
    )
    web_app = build_web_app(database, services)
    server = ThreadedServer(web_app.app).start()
    try:
        yield Served(server.url, database, web_app)
    finally:
        server.stop()
        database.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, launched once for the browser tests (it downloads none).

    Module-scoped, not session-scoped: Playwright's sync API keeps an event loop running in
    the main thread, which would break asyncio.run() in every test collected after these.
    """
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=60_000)  # the machine may be busy; no test is about speed
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def new_page(browser: Any) -> Iterator[Any]:
    """Opens pages in fresh browser contexts (own storage), closed after the test."""
    contexts: list[Any] = []

    def open_page(locale: str = "en-GB", **options: Any) -> Any:
        context = browser.new_context(locale=locale, **options)
        context.set_default_timeout(60_000)  # the machine is busy; never a claim about speed
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
