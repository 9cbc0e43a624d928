"""Shared fixtures: databases on SQLite and PostgreSQL, the engine, campaigns, chats."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import hypothesis
import pytest

import bot.flows  # noqa: F401  (registers every flow)
from actions import demo
from actions.store.database import Database
from bot.app import guess_language
from bot.engine.engine import Engine
from bot.engine.i18n import Catalogs
from bot.engine.services import Services
from nlu.interpreter import Interpreter
from nlu.registry import build_interpreter
from tests.support.chat import Chat, FakeClock
from tests.support.databases import PostgresFactory, SqliteFactory
from tests.support.postgres import PostgresServer

pytest_plugins = ["tests.support.rasa"]

# Property tests explore the same examples on every run (CI must not fail by chance) and never
# time out on a busy machine: speed is measured in benchmarks/, not asserted here.
hypothesis.settings.register_profile("pbchat", derandomize=True, deadline=None)
hypothesis.settings.load_profile("pbchat")

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
FIXTURES = Path(__file__).parent / "fixtures"
SECRET = b"test-secret"
BACKENDS = ["sqlite", "postgres"]
if os.environ.get("PBCHAT_TEST_BACKENDS"):
    BACKENDS = os.environ["PBCHAT_TEST_BACKENDS"].split(",")


@pytest.fixture(scope="session")
def sqlite_factory(tmp_path_factory: pytest.TempPathFactory) -> SqliteFactory:
    return SqliteFactory(tmp_path_factory.mktemp("sqlite"))


@pytest.fixture(scope="session")
def postgres_factory() -> Iterator[PostgresFactory]:
    server = PostgresServer()
    url = server.start()
    try:
        yield PostgresFactory(url, server.url)
    finally:
        server.stop()


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest) -> Iterator[Database]:
    """A fresh, migrated database on each backend."""
    if request.param == "postgres":
        factory = request.getfixturevalue("postgres_factory")
    else:
        factory = request.getfixturevalue("sqlite_factory")
    db = Database.connect(factory.new())
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def catalogs() -> Catalogs:
    return Catalogs(DATA / "locales")


@pytest.fixture(scope="session")
def interpreter() -> Interpreter:
    """The builtin interpreter, trained once from data/nlu."""
    return build_interpreter("builtin", data_dir=DATA / "nlu")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime.now(UTC))


@pytest.fixture
def services(catalogs: Catalogs, interpreter: Interpreter, clock: FakeClock) -> Services:
    return Services(
        catalogs=catalogs,
        interpreter=interpreter,
        guess_language=guess_language,
        secret=SECRET,
        clock=clock,
    )


@pytest.fixture
def engine(database: Database, services: Services) -> Engine:
    return Engine(database, services)


@pytest.fixture
def demo_campaigns(database: Database, clock: FakeClock) -> None:
    """The demo campaigns west (voting) and duinoord (ideas)."""
    with database.transaction() as session:
        demo.load_folder(session, folder=DATA / "demo", now=clock.now)


@pytest.fixture
def chat(engine: Engine, demo_campaigns: None) -> Chat:
    """A resident with an English-speaking phone."""
    return Chat(engine, locale="en")


def load_fixture_campaign(database: Database, name: str, now: datetime) -> None:
    """Loads tests/fixtures/campaigns/<name>.yml."""
    with database.transaction() as session:
        demo.load_file(session, path=FIXTURES / "campaigns" / f"{name}.yml", now=now)
