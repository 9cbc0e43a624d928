"""The ASGI application factory for uvicorn workers (`bot.asgi:create`)."""

from __future__ import annotations

from fastapi import FastAPI

from bot.app import build_stack, create_app
from bot.settings import Settings


def create() -> FastAPI:
    """One worker's application; `pbchat run` has migrated the database already."""
    return create_app(build_stack(Settings(), migrate_db=False))
