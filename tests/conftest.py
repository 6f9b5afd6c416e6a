"""Shared test setup: the repo root importable, and every test on its own throwaway database."""

from __future__ import annotations

import logging
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


class _MissingKeys(logging.Handler):
    """What the catalogue reports missing (analytics.catalogue logs each key once, at ERROR)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.reports: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.reports.append(record.getMessage())


@pytest.fixture(autouse=True)
def no_text_missing_from_the_catalogue(request: pytest.FixtureRequest) -> Iterator[None]:
    """A key the catalogue lacks shows on a page as the key itself (logged, never a crash); in a test it
    is a failure, so every page, report and command the suite runs in-process proves its keys exist.
    A test that asks for a missing key on purpose is marked `missing_key`."""
    caught = _MissingKeys()
    logger = logging.getLogger("pup.catalogue")
    logger.addHandler(caught)
    try:
        yield
    finally:
        logger.removeHandler(caught)
    if request.node.get_closest_marker("missing_key") is None:
        assert caught.reports == [], caught.reports


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
