"""Fresh, migrated databases per test: a copied SQLite file or a PostgreSQL template clone."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

from sqlalchemy import create_engine, text

from actions.store import migrate
from actions.store.database import Database

_counter = itertools.count()


class SqliteFactory:
    """Migrates once, then copies the file for every test."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.template = folder / "template.db"
        database = Database.connect(f"sqlite:///{self.template}")
        migrate.upgrade(database)
        database.dispose()

    def new(self) -> str:
        """The URL of a fresh migrated database."""
        path = self.folder / f"test-{next(_counter)}.db"
        shutil.copy(self.template, path)
        return f"sqlite:///{path}"


class PostgresFactory:
    """Migrates a template database once, then clones it for every test."""

    def __init__(self, server_url: str, url_of: object) -> None:
        self._url_of = url_of
        admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("CREATE DATABASE pbchat_template"))
        admin.dispose()
        database = Database.connect(self._url("pbchat_template"))
        migrate.upgrade(database)
        database.dispose()
        self._admin = create_engine(server_url, isolation_level="AUTOCOMMIT")

    def _url(self, name: str) -> str:
        assert callable(self._url_of)
        return str(self._url_of(name))

    def new(self) -> str:
        """The URL of a fresh migrated database."""
        name = f"test_{next(_counter)}"
        with self._admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE pbchat_template'))
        return self._url(name)
