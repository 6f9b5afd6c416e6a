"""Opening the store: the SQLite or PostgreSQL engine, the schema upgraded on open, and the one way
to read or write: a transaction. Writes are serialised (SQLite: BEGIN IMMEDIATE; PostgreSQL: a
transaction-level advisory lock) and each runs in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.pool import StaticPool

from analytics import config
from analytics.store.migrations import MIGRATIONS, applied_migrations, migrate

SQLITE_BUSY_TIMEOUT_S = 60          # a second writer waits this long for the first one to finish
# Every write takes this one PostgreSQL advisory lock: imports are rare, so one queue is enough.
ADVISORY_LOCK_KEY = 0x5055_5031     # "PUP1"
_WRITE = "pup_write"                # execution option: this connection will write


@dataclass
class Store:
    """An open store: the engine and the kind of database behind it. A context manager: `with
    open_store() as store:` closes it at the end of the block."""

    engine: Engine
    url: str

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_store(url: str | None = None) -> Store:
    """Open (and on first use create or upgrade) the store at `url`, default PUP_DATABASE_URL."""
    sa_url = make_url(url or config.database_url())
    backend = sa_url.get_backend_name()
    if backend == "sqlite":
        engine = _sqlite_engine(sa_url)
    elif backend == "postgresql":
        if sa_url.drivername == "postgresql":
            sa_url = sa_url.set(drivername="postgresql+psycopg")
        engine = sa.create_engine(sa_url, pool_pre_ping=True)
    else:
        raise ValueError(f"unsupported database: {sa_url.drivername}")
    store = Store(engine, sa_url.render_as_string(hide_password=True))
    _upgrade(store)
    return store


def _sqlite_engine(sa_url: sa.URL) -> Engine:
    database = sa_url.database
    in_memory = not database or database == ":memory:"
    if not in_memory:
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(
        sa_url,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S},
        **({"poolclass": StaticPool} if in_memory else {}),
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Transactions are begun by _on_begin below, not by the sqlite3 module's guesswork.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A writer takes the write lock at BEGIN, so two imports queue up instead of both
        # reading the same active version and one of them failing (or being lost) at commit.
        immediate = conn.get_execution_options().get(_WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _upgrade(store: Store) -> None:
    with store.engine.connect() as conn:
        current = applied_migrations(conn)
        conn.rollback()
    if current == [m.number for m in MIGRATIONS]:
        return
    with write_transaction(store) as conn:
        migrate(conn)


@contextmanager
def write_transaction(store: Store) -> Iterator[Connection]:
    """One write transaction, holding the store's write lock until it commits or rolls back."""
    with store.engine.connect() as conn:
        conn.execution_options(**{_WRITE: True})
        with conn.begin():
            if store.dialect == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
            yield conn


@contextmanager
def read_transaction(store: Store) -> Iterator[Connection]:
    """One read transaction: a consistent view of the store while it lasts."""
    with store.engine.connect() as conn, conn.begin():
        yield conn


def utc_now() -> datetime:
    """Now in UTC, stored without a zone (SQLite has none); read back as UTC."""
    return datetime.now(UTC).replace(tzinfo=None)
