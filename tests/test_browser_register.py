"""The office's projects register of issue 15 in a real browser (Debian's Chromium, Playwright, against
`streamlit run`): with the register imported (the old .xls with no planned figures), every page each
role may open draws with no exception, no "Traceback", no failed-chart sentence.

The module's own server has a director (viewer), a staff and an administrator account, the demo
attendance list and the office's register as the active projects. Screenshots of the projects page
and the overview go to tests/screenshots/rejestr-*.png (git-ignored).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from app_support import ensure_account
from office_register import FILE_NAME, register_xls
from test_browser import (
    HOME,
    JS_CHARTS_DRAWN,
    MARKS,
    PAGES,
    RUN_TIMEOUT_MS,
    SCREENSHOTS,
    VIEWPORT,
    full_page_screenshot,
    sign_in,
    wait_until_idle,
)

from analytics import accounts, importing
from analytics import store as store_api
from analytics.catalogue import t
from scripts.browser import chromium_path, free_port, launch_chromium, start_streamlit, stop

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright (python) is not installed")

pytestmark = pytest.mark.browser

LOGINS = {"viewer": "dyrektor", "staff": "ania", "admin": "admin"}
PAGE_KEYS = {url_path: key for url_path, key in zip(
    [name for name, _ in PAGES], ("overview", "participation", "projects", "partners", "comparison", "import",
                                   "history", "accounts"),
    strict=True)}
VISITS = [(role, name) for role in LOGINS for name, _ in PAGES
          if PAGE_KEYS[name] in accounts.PAGES_BY_ROLE[role]]
# The charts to wait for: the projects page's three (timeline, planned vs reached, by status) must all
# be drawn; elsewhere every chart present has drawn its marks.
EXPECTED_CHARTS = {"projekty": 3}
# No element still waiting for its code (Streamlit's Suspense placeholder).
JS_NOTHING_PENDING = """() => !document.querySelector('[data-testid="stSkeleton"]')"""


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('register') / 'dashboard.db'}"
    for role, login in LOGINS.items():
        ensure_account(role, login, url)
    store = store_api.open_store(url)
    try:
        importing.ensure_demo(store)                       # the demo attendance list stays
        outcome = importing.import_file(store, register_xls(), kind="projects", user=LOGINS["staff"],
                                        file_name=FILE_NAME)
        assert not hasattr(outcome, "error"), outcome
    finally:
        store.engine.dispose()
    return url


@pytest.fixture(scope="module")
def server(database: str) -> Iterator[str]:
    if not Path(chromium_path()).exists():
        pytest.skip(f"Chromium not found at {chromium_path()} (apt-get install chromium or set PUP_CHROMIUM)")
    env = dict(os.environ)
    for setting in ("PUP_NO_DEMO", "PUP_MAX_UPLOAD_MB"):
        env.pop(setting, None)
    env["PUP_DATABASE_URL"] = database
    process = start_streamlit(port := free_port(), env)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        output = stop(process)
        print("\n--- streamlit output (last 30 lines) ---\n" + "\n".join(output.splitlines()[-30:]))


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        try:
            warm_up(launched, server)
            yield launched
        finally:
            launched.close()


def warm_up(browser: Any, server: str) -> None:
    """One session at the home address first: until a script run has declared the pages, a fresh
    server answers a page's own address with Streamlit's "Page not found" dialog (test_browser opens
    the home page first for the same reason)."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto(server + "/", wait_until="domcontentloaded")
        page.wait_for_selector('[data-testid="stApp"]', timeout=RUN_TIMEOUT_MS)
        wait_until_idle(page)
    finally:
        context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=VIEWPORT, locale="pl-PL", timezone_id="Europe/Warsaw")
    the_page = context.new_page()
    the_page.set_default_timeout(RUN_TIMEOUT_MS)
    try:
        yield the_page
    finally:
        context.close()


def open_as(page: Any, server: str, role: str, name: str) -> None:
    page.goto(server + ("/" if name == HOME else f"/{name}"), wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stApp"]', timeout=RUN_TIMEOUT_MS)
    sign_in(page, LOGINS[role])
    page.wait_for_function(JS_CHARTS_DRAWN, arg=[EXPECTED_CHARTS.get(name, 0), MARKS],
                           timeout=RUN_TIMEOUT_MS, polling=200)
    wait_until_settled(page)


def wait_until_settled(page: Any, quiet_ms: int = 1500) -> None:
    """Until every element is drawn and the page's text has not changed for `quiet_ms` with the app
    idle. Streamlit loads some elements' code (metric cards, multiselects) only when a page first shows
    one, drawing a placeholder (stSkeleton) meanwhile, which a busy machine can keep for seconds: an
    idle moment alone may come before the page is whole."""
    deadline = time.monotonic() + RUN_TIMEOUT_MS / 1000
    last = None
    while time.monotonic() < deadline:
        wait_until_idle(page)
        page.wait_for_function(JS_NOTHING_PENDING, timeout=RUN_TIMEOUT_MS, polling=100)
        now = page.locator("body").inner_text()
        if now == last:
            return
        last = now
        page.wait_for_timeout(quiet_ms)
    raise TimeoutError("the page kept changing")


@pytest.mark.parametrize(("role", "name"), VISITS, ids=[f"{role}-{name}" for role, name in VISITS])
def test_every_page_draws_whole_with_the_office_register(page: Any, server: str, role: str,
                                                         name: str) -> None:
    open_as(page, server, role, name)
    assert page.locator('[data-testid="stException"]').count() == 0, \
        page.locator('[data-testid="stException"]').all_inner_texts()
    text = page.locator("body").inner_text()
    assert "Traceback" not in text
    assert t("chart_failed") not in text and t("table_failed") not in text
    if name == "projekty":
        assert page.locator(".js-plotly-plot").count() == 3
        full_page_screenshot(page, SCREENSHOTS / f"rejestr-projekty-{role}.png")
    if name == HOME:
        cards = page.locator('[data-testid="stMetric"]').all_inner_texts()
        assert any(card.split() == ["Osoby", "w", "projektach", "213", "bez", "planu", "w", "rejestrze"]
                   for card in cards), cards
        full_page_screenshot(page, SCREENSHOTS / f"rejestr-przeglad-{role}.png")
