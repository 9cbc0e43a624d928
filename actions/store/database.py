"""Engines and transactions: SQLite (WAL, foreign keys, serialised writers) or PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

# Connections kept open per process. A turn holds one for its whole transaction, and the server
# runs turns on up to 40 threads: with SQLAlchemy's default of 5 (+10 overflow), busy moments
# opened and closed a PostgreSQL connection (a server process) for most turns.
POOL_SIZE = 20
POOL_OVERFLOW = 20


def make_engine(url: str, *, pool_size: int = POOL_SIZE) -> Engine:
    """An engine for `url`, with SQLite tuned for concurrent use by threads."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
        )
        _tune_sqlite(engine)
        return engine
    return create_engine(
        url, pool_size=pool_size, max_overflow=POOL_OVERFLOW, pool_pre_ping=True
    )


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own transaction handling would defer BEGIN; we issue it ourselves below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # IMMEDIATE takes the write lock at the start, so two turns never interleave and a
        # read-then-write never fails half-way with "database is locked".
        connection.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    """The engine and a factory of sessions; one transaction per turn or request."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def connect(cls, url: str) -> Database:
        """A database for `url` (nothing is connected until first use)."""
        return cls(make_engine(url))

    @property
    def is_sqlite(self) -> bool:
        """Whether this is the embedded SQLite database."""
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed at the end, or rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        """Closes every pooled connection."""
        self.engine.dispose()
