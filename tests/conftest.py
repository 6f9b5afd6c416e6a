"""Shared test setup: the repo root importable, and every test on its own throwaway database."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))
TESTS_DIR = Path(__file__).resolve().parent
if str(TESTS_DIR) not in sys.path:
    sys.path.insert(0, str(TESTS_DIR))


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test ever touches data/pup.db, and no setting leaks in from the shell running the suite."""
    database = tmp_path / "test.db"
    monkeypatch.setenv("PUP_DATABASE_URL", f"sqlite:///{database}")
    monkeypatch.delenv("PUP_MAX_UPLOAD_MB", raising=False)
    return database


# The store's tests run on SQLite always and on PostgreSQL when PUP_TEST_POSTGRES_URL is set
# (test_store_support.DATABASES); each test gets an empty database of each kind.
from test_store_support import DATABASES, empty_database, opened_store  # noqa: E402

from analytics import store as store_api  # noqa: E402


@pytest.fixture(params=DATABASES)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with empty_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def store(db_url: str) -> Iterator[store_api.Store]:
    with opened_store(db_url) as opened:
        yield opened
