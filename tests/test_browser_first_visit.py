"""The first visit after the server starts behaves as every later one (issue 10, §2), in Chromium.

Five times: a fresh `streamlit run server.py` on the same database, and its very first session opens
the deep link /uczestnictwo: no "Page not found", never a link of Streamlit's own file-based page
list (our pages/ folder), the login form; signed in, exactly the role's pages and the asked page.
The time from /_stcore/health answering to the login form drawn is printed (the figures go to the
report); what is asserted is that the first visit is no slower than a later one plus a second,
not an absolute time, since CI machines are loaded.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Iterator
from typing import Any

import pytest
from app_support import ensure_account
from test_browser import RUN_TIMEOUT_MS, SCREENSHOTS, VIEWPORT, sign_in, wait_until_idle
from test_browser_roles import nav_paths

from analytics.catalogue import t
from scripts.browser import chromium_path, free_port, launch_chromium, start_streamlit, stop

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright (python) is not installed")

pytestmark = pytest.mark.browser

STARTS = 5
STAFF = "ania"
STAFF_PATHS = ["przeglad", "uczestnictwo", "projekty", "partnerzy", "porownanie", "import", "historia"]
# Recorded from the first byte of the page on: every link text Streamlit's navigation ever showed,
# and whether its "page not found" notice ever appeared.
JS_WATCH = """
window.__pupSeen = {links: [], notFound: false};
new MutationObserver(() => {
    for (const link of document.querySelectorAll('[data-testid="stSidebarNavLink"]')) {
        const text = link.innerText.trim();
        if (!window.__pupSeen.links.includes(text)) window.__pupSeen.links.push(text);
    }
    if (document.body && /Page not found|does not seem to exist/.test(document.body.innerText)) {
        window.__pupSeen.notFound = true;
    }
}).observe(document, {childList: true, subtree: true, characterData: true});
"""
PAGE_FILES = {"accounts", "auth", "document", "history", "overview", "participation", "projects",
              "shared", "sidebar", "upload", "dashboard"}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not os.path.exists(chromium_path()):
        pytest.skip(f"Chromium not found at {chromium_path()}")
    with sync_api.sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        try:
            yield launched
        finally:
            launched.close()


def time_to_login_form(browser: Any, base: str, path: str) -> tuple[float, Any, Any]:
    """A new browser context opens `path`: seconds until the login form is drawn, the context, the page."""
    context = browser.new_context(viewport=VIEWPORT, locale="pl-PL", timezone_id="Europe/Warsaw")
    context.add_init_script(JS_WATCH)
    page = context.new_page()
    page.set_default_timeout(RUN_TIMEOUT_MS)
    started = time.monotonic()
    page.goto(f"{base}/{path}", wait_until="domcontentloaded")
    page.locator(f'input[aria-label="{t("password_label")}"]').wait_for()
    return time.monotonic() - started, context, page


def test_the_first_session_after_each_of_five_server_starts_opens_its_deep_link(
        browser: Any, tmp_path: Any) -> None:
    database = f"sqlite:///{tmp_path / 'first-visit.db'}"
    ensure_account("staff", STAFF, database)
    env = {key: value for key, value in os.environ.items() if key not in ("PUP_NO_DEMO", "PUP_MAX_UPLOAD_MB")}
    env["PUP_DATABASE_URL"] = database
    first_visits, later_visits = [], []
    for start in range(1, STARTS + 1):
        port = free_port()
        process = start_streamlit(port, env)          # returns when /_stcore/health answers "ok"
        base = f"http://127.0.0.1:{port}"
        try:
            seconds, context, page = time_to_login_form(browser, base, "uczestnictwo")
            first_visits.append(seconds)
            wait_until_idle(page)
            if start == 1:
                SCREENSHOTS.mkdir(exist_ok=True)
                page.screenshot(path=str(SCREENSHOTS / "pierwsza-wizyta-logowanie.png"))
            sign_in(page, STAFF)
            page.wait_for_timeout(300)
            wait_until_idle(page)
            seen = page.evaluate("window.__pupSeen")
            assert not seen["notFound"], f"start {start}: Streamlit said the page was not found"
            shown_files = PAGE_FILES & {link.lower() for link in seen["links"]}
            assert not shown_files, f"start {start}: the file-based page list showed {shown_files}"
            assert nav_paths(page) == STAFF_PATHS
            assert page.locator('[data-testid="stMain"] h1').first.inner_text() == t("nav_participation")
            assert page.url.endswith("/uczestnictwo")
            context.close()
            later, context, _page = time_to_login_form(browser, base, "uczestnictwo")
            later_visits.append(later)
            context.close()
        finally:
            stop(process)
    print(f"\nhealth → login form, first visit after start: {[round(s, 2) for s in first_visits]} s; "
          f"a later visit: {[round(s, 2) for s in later_visits]} s")
    assert statistics.median(first_visits) <= statistics.median(later_visits) + 1.0
