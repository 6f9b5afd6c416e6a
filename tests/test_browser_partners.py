"""The Partnerzy page in a real browser (Debian's Chromium, Playwright) against `streamlit run` on the
demo data: the director sees six charts and the partner list, a sole trader masked, no proposal and no
person's name anywhere (HTML or chart data); staff merge the near-duplicate, and the page then counts
one partner fewer. Screenshots go to tests/screenshots/ (partners_viewer.png, partners_staff.png)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from app_support import ensure_account
from test_browser import (
    RUN_TIMEOUT_MS,
    SCREENSHOTS,
    SETTLE_MS,
    VIEWPORT,
    full_page_screenshot,
    sign_in,
    wait_until_idle,
)
from test_browser_register import warm_up

from analytics import importing
from analytics import store as store_api
from analytics.catalogue import t
from analytics.results import Refusal
from scripts.browser import chromium_path, free_port, launch_chromium, start_streamlit, stop

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright (python) is not installed")

pytestmark = pytest.mark.browser

VIEWER, STAFF = "dyrektor", "ania"
JS_PLOTLY = """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
    .map(chart => JSON.stringify({data: chart.data, layout: chart.layout})).join('\\n')"""


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('partners') / 'dashboard.db'}"
    ensure_account("viewer", VIEWER, url)
    ensure_account("staff", STAFF, url)
    store = store_api.open_store(url)
    try:
        # the 2017 cycle alone, as this module's names and its one near-duplicate come from its list
        first = importing.DEMO_PROGRAMMES[0]
        for kind, path in first.files.items():
            outcome = importing.import_file(store, path, kind=kind, user="test", programme=first.name)
            assert not isinstance(outcome, Refusal), outcome
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
    port = free_port()
    process = start_streamlit(port, env)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        try:
            warm_up(launched, server)
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=VIEWPORT, locale="pl-PL", timezone_id="Europe/Warsaw")
    the_page = context.new_page()
    the_page.set_default_timeout(RUN_TIMEOUT_MS)
    try:
        yield the_page
    finally:
        context.close()


def open_partners(page: Any, server: str, login: str) -> None:
    page.goto(f"{server}/partnerzy", wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stApp"]', timeout=RUN_TIMEOUT_MS)
    sign_in(page, login)
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 6",
                           timeout=RUN_TIMEOUT_MS)
    wait_until_idle(page)
    page.wait_for_timeout(SETTLE_MS)


def everything_shown(page: Any) -> str:
    return page.content() + page.evaluate(JS_PLOTLY)


def test_director_sees_the_partners_without_proposals_or_a_persons_name(page: Any, server: str,
                                                                         database: str) -> None:
    open_partners(page, server, VIEWER)
    assert page.locator(".js-plotly-plot").count() == 6
    shown = everything_shown(page)
    assert "Kołodziej" not in shown
    assert "działalność gospodarcza (gospodarka, Radzanowo)" in shown
    assert t("partners_merge") not in page.locator('[data-testid="stMain"]').inner_text()
    assert t("partners_proposals_heading") not in shown
    SCREENSHOTS.mkdir(exist_ok=True)
    full_page_screenshot(page, SCREENSHOTS / "partners_viewer.png")


def test_staff_merge_the_near_duplicate_and_the_page_counts_one_partner_fewer(page: Any, server: str,
                                                                               database: str) -> None:
    open_partners(page, server, STAFF)
    store = store_api.open_store(database)
    try:
        before = store_api.dataset_summaries(store)["attendance"]["partners"]
        main = page.locator('[data-testid="stMain"]')
        assert "Zespół Szkół Rolnicznych w Bielsku" in main.inner_text()
        SCREENSHOTS.mkdir(exist_ok=True)
        full_page_screenshot(page, SCREENSHOTS / "partners_staff.png")
        page.get_by_role("button", name=t("partners_merge")).first.click()
        page.get_by_text(t("partners_proposals_none")).wait_for(timeout=RUN_TIMEOUT_MS)
        wait_until_idle(page)
        assert store_api.dataset_summaries(store)["attendance"]["partners"] == before - 1
        assert t("partners_title_by_sector", total=str(before - 1)) in page.evaluate(JS_PLOTLY)
        assert store_api.audit_log(store, limit=1)[0].action == "partner_merge"
    finally:
        store.engine.dispose()
