"""The composition root: settings in, a wired engine and web application out."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fastapi import FastAPI
from nlu.registry import build_interpreter

import bot.flows  # noqa: F401  (registers every flow)
from actions.store import migrate
from actions.store.database import Database
from bot.engine.engine import Engine
from bot.engine.i18n import Catalogs
from bot.engine.services import Services
from bot.settings import Settings
from nlu.interpreter import Interpreter
from nlu.language import LanguageIdentifier


@lru_cache(maxsize=32)
def _identifier(candidates: tuple[str, ...]) -> LanguageIdentifier:
    return LanguageIdentifier(candidates)


def guess_language(text: str, candidates: tuple[str, ...]) -> str | None:
    """The language of `text` among `candidates` when the identifier is sure, else None."""
    found = _identifier(tuple(sorted(candidates))).identify(text)
    return found.language if found else None


@dataclass
class Stack:
    """Everything a process needs: the database and the engine on it."""

    settings: Settings
    database: Database
    engine: Engine


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
    """Connects the database (migrating it) and wires the engine."""
    database = Database.connect(settings.database_url)
    if migrate_db:
        migrate.upgrade(database)
    services = Services(
        catalogs=Catalogs(Path(settings.data_dir) / "locales"),
        interpreter=interpreter or build_interpreter_from(settings),
        guess_language=guess_language,
        secret=settings.secret_key.get_secret_value().encode(),
    )
    return Stack(settings, database, Engine(database, services))


def create_app(stack: Stack) -> FastAPI:
    """The one web application: health check now; webhooks, widget and admin API mount here."""
    app = FastAPI(title="pbchat", docs_url=None, redoc_url=None)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    app.state.stack = stack
    return app
