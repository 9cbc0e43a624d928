"""The composition root: settings in, a wired engine, channels and web application out."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from fastapi import FastAPI

import bot.flows  # noqa: F401  (registers every flow)
from actions.store import migrate
from actions.store.database import Database
from admin_api.app import create_admin_app
from bot import housekeeping, notices
from bot.channels.telegram.transport import TelegramTransport
from bot.channels.telegram.webhook import TelegramChannel
from bot.channels.telegram.webhook import router as telegram_router
from bot.channels.web.api import router as web_router
from bot.channels.web.channel import WebChannel
from bot.channels.web.pages import router as web_pages
from bot.channels.web.transport import WebTransport
from bot.channels.whatsapp.graph import GraphApi
from bot.channels.whatsapp.transport import WhatsAppTransport
from bot.channels.whatsapp.webhook import WhatsAppChannel
from bot.channels.whatsapp.webhook import router as whatsapp_router
from bot.delivery.ratelimit import RateLimit
from bot.delivery.sender import Sender, Transport
from bot.engine.engine import Engine
from bot.engine.i18n import Catalogs
from bot.engine.services import Services
from bot.settings import Settings
from nlu.interpreter import Interpreter
from nlu.language import LanguageIdentifier
from nlu.registry import build_interpreter


@lru_cache(maxsize=32)
def _identifier(candidates: tuple[str, ...]) -> LanguageIdentifier:
    return LanguageIdentifier(candidates)


def guess_language(text: str, candidates: tuple[str, ...]) -> str | None:
    """The language of `text` among `candidates` when the identifier is sure, else None."""
    found = _identifier(tuple(sorted(candidates))).identify(text)
    return found.language if found else None


@dataclass
class Stack:
    """Everything a process needs: the database, the engine and the delivery transports."""

    settings: Settings
    database: Database
    engine: Engine
    transports: list[Transport] = field(default_factory=list)
    telegram: TelegramChannel | None = None
    whatsapp: WhatsAppChannel | None = None
    web: WebChannel | None = None


def build_interpreter_from(settings: Settings) -> Interpreter:
    """The NLU interpreter the settings name (builtin unless told otherwise)."""
    return build_interpreter(
        settings.nlu_interpreter,
        data_dir=settings.data_dir / "nlu",
        rasa_url=settings.rasa_url,
    )


def build_stack(
    settings: Settings, *, interpreter: Interpreter | None = None, migrate_db: bool = True
) -> Stack:
    """Connects the database (migrating it), wires the engine and the configured channels."""
    database = Database.connect(settings.database_url)
    if migrate_db:
        migrate.upgrade(database)
    catalogs = Catalogs(Path(settings.data_dir) / "locales")
    services = Services(
        catalogs=catalogs,
        interpreter=interpreter or build_interpreter_from(settings),
        guess_language=guess_language,
        secret=settings.secret_key.get_secret_value().encode(),
        campaign_cache_seconds=2.0,
    )
    stack = Stack(settings, database, Engine(database, services))
    # Load the language models now, not on the first long message a resident sends.
    guess_language("warming up the language models", catalogs.languages)

    render_notice = notices.renderer(catalogs)

    stack.web = WebChannel(stack.engine)
    stack.transports.append(WebTransport(database, render_notice, services.clock))
    if settings.telegram_token is not None:
        from telegram import Bot
        from telegram.request import HTTPXRequest

        # PTB's default pool has one connection: concurrent chats would queue and time out.
        telegram_bot = Bot(
            settings.telegram_token.get_secret_value(),
            base_url=settings.telegram_api_base,
            request=HTTPXRequest(connection_pool_size=64),
        )
        secret = settings.telegram_secret_token
        stack.telegram = TelegramChannel(
            stack.engine, telegram_bot, secret_token=secret.get_secret_value() if secret else None
        )
        limits = RateLimit(
            per_second=settings.telegram_messages_per_second, per_chat_per_second=1, chat_burst=10
        )
        stack.transports.append(TelegramTransport(telegram_bot, render_notice, limits))
    if settings.whatsapp_token is not None:
        if not settings.whatsapp_phone_number_id:
            raise ValueError("PBCHAT_WHATSAPP_TOKEN needs PBCHAT_WHATSAPP_PHONE_NUMBER_ID too")
        graph = GraphApi(
            base_url=settings.whatsapp_api_base,
            phone_number_id=settings.whatsapp_phone_number_id,
            token=settings.whatsapp_token.get_secret_value(),
        )
        app_secret, verify_token = settings.whatsapp_app_secret, settings.whatsapp_verify_token
        stack.whatsapp = WhatsAppChannel(
            stack.engine,
            graph,
            app_secret=app_secret.get_secret_value() if app_secret else None,
            verify_token=verify_token.get_secret_value() if verify_token else None,
            phone_number_id=settings.whatsapp_phone_number_id,
        )
        stack.transports.append(
            WhatsAppTransport(
                graph,
                render_notice,
                catalogs.get,
                notice_template=settings.whatsapp_notice_template,
            )
        )
    return stack


def create_app(stack: Stack, *, deliver: bool = True) -> FastAPI:
    """The one web application: webhooks, the widget, the admin API under /api, /healthz."""
    sender = Sender(stack.database, stack.transports)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        stop = asyncio.Event()
        task = asyncio.create_task(sender.run(stop)) if deliver and stack.transports else None
        tidying = asyncio.create_task(
            housekeeping.run(stack.database, stop, stack.engine.services.clock)
        )
        yield
        stop.set()
        sender.wake()
        if task is not None:
            await task
        await tidying

    app = FastAPI(title="pbchat", docs_url=None, redoc_url=None, lifespan=lifespan)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    if stack.telegram is not None:
        app.include_router(telegram_router(stack.telegram, sender.wake))
    if stack.whatsapp is not None:
        app.include_router(whatsapp_router(stack.whatsapp, sender.wake))
    if stack.web is not None:
        app.include_router(web_router(stack.web))
        app.include_router(web_pages())
    app.mount(
        "/api",
        create_admin_app(
            stack.database,
            secret=stack.settings.secret_key.get_secret_value().encode(),
            data_dir=Path(stack.settings.data_dir),
        ),
    )
    app.state.stack = stack
    app.state.sender = sender
    return app
