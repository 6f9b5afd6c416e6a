"""Fixtures shared by the store's tests: a clean database per test, on SQLite and on PostgreSQL.

PostgreSQL runs only when PUP_TEST_POSTGRES_URL names a database the tests may write to (CI sets
it); each test then gets a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from analytics import store as store_api

REPO_ROOT = Path(__file__).resolve().parent.parent
POSTGRES_ENV = "PUP_TEST_POSTGRES_URL"


def _postgres_base_url() -> sa.URL | None:
    raw = os.environ.get(POSTGRES_ENV, "").strip()
    if not raw:
        return None
    url = make_url(raw)
    return url.set(drivername="postgresql+psycopg") if url.drivername == "postgresql" else url


# Parameters of each store test's `db_url` fixture: SQLite always, PostgreSQL when configured.
DATABASES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@contextmanager
def empty_database(kind: str, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database of `kind` for one test (skips PostgreSQL when not configured)."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    base = _postgres_base_url()
    if base is None:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        url = base.update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        admin.dispose()


@contextmanager
def opened_store(url: str) -> Iterator[store_api.Store]:
    store = store_api.open_store(url)
    try:
        yield store
    finally:
        store.close()


def store_state(store: store_api.Store) -> dict:
    """Everything an import could change: versions, active pointers, row counts, audit length."""
    with store.engine.connect() as conn:
        count = {name: conn.execute(sa.select(sa.func.count()).select_from(store_api.TABLES[name])).scalar()
                 for name in ("attendance_rows", "project_rows", "audit")}
    return {
        "versions": [v.to_json() for v in store_api.list_versions(store)],
        "active": store_api.active_version_ids(store),
        "rows": (count["attendance_rows"], count["project_rows"]),
        "audit": count["audit"],
    }
