"""Two app servers on one PostgreSQL database (issue 10, §6), as behind a proxy with sticky sessions:
two `streamlit run server.py` processes on the test database's own schema and one browser. Cookies
ignore the port, so the browser's one cookie reaches both, as it would through the proxy's one
address: a sign-in made on one server is honoured by the other, and an import saved through one
server's import page is shown by the other at its next click (its pages read the active versions at
every run). Runs when PUP_TEST_POSTGRES_URL is set, as the other PostgreSQL tests.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from app_support import ensure_account
from test_browser import (
    MESSY_FILE_NAME,
    MESSY_PEOPLE,
    RUN_TIMEOUT_MS,
    VIEWPORT,
    messy_attendance_xlsx,
    metric_value,
    sign_in,
    wait_until_idle,
)
from test_browser_roles import nav_paths
from test_store_support import empty_database

from analytics import sessions
from analytics.catalogue import t
from scripts.browser import chromium_path, free_port, launch_chromium, start_streamlit, stop

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright (python) is not installed")

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

STAFF = "ania"
STAFF_PATHS = ["przeglad", "uczestnictwo", "projekty", "partnerzy", "porownanie", "import", "historia"]


def wait_for_cookie(context: Any, seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(c["name"] == sessions.COOKIE_NAME for c in context.cookies()):
            return
        time.sleep(0.2)


def import_through_the_page(page: Any, file: Path) -> None:
    expect, wait = sync_api.expect, {"timeout": RUN_TIMEOUT_MS}
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(file))
    page.locator('[data-testid="stRadio"] label').filter(has_text=t("mode_replace_long")).click()
    confirm = page.get_by_role("button", name=t("confirm_import"))
    expect(confirm).to_be_enabled(**wait)
    confirm.click()
    expect(page.locator('[data-testid="stAlertContentSuccess"]').first).to_be_visible(**wait)


def two_servers_and_one_browser(context: Any, server_a: str, server_b: str, tmp_path: Path) -> None:
    expect, wait = sync_api.expect, {"timeout": RUN_TIMEOUT_MS}
    on_a = context.new_page()
    on_a.goto(f"{server_a}/import", wait_until="domcontentloaded")
    sign_in(on_a, STAFF)
    wait_for_cookie(context)

    # B has never seen this browser: the cookie A set signs it in there.
    on_b = context.new_page()
    on_b.goto(f"{server_b}/", wait_until="domcontentloaded")
    wait_until_idle(on_b)
    expect(metric_value(on_b, t("kpi_participants"))).to_be_visible(**wait)
    assert on_b.locator(f'input[aria-label="{t("password_label")}"]').count() == 0
    assert nav_paths(on_b) == STAFF_PATHS
    demo_people = metric_value(on_b, t("kpi_participants")).inner_text()
    assert demo_people != str(MESSY_PEOPLE)

    # An import saved through A's import page ...
    file = tmp_path / MESSY_FILE_NAME
    file.write_bytes(messy_attendance_xlsx())
    import_through_the_page(on_a, file)

    # ... is on B's overview at its next click (here: the language chosen).
    assert metric_value(on_b, t("kpi_participants")).inner_text() == demo_people
    on_b.get_by_text("English", exact=True).click()
    expect(metric_value(on_b, t("kpi_participants", "en"))).to_have_text(str(MESSY_PEOPLE), **wait)


def test_a_token_from_one_server_is_honoured_by_the_other_and_an_import_is_seen_at_the_next_click(
        tmp_path: Path) -> None:
    if not os.path.exists(chromium_path()):
        pytest.skip(f"Chromium not found at {chromium_path()}")
    with empty_database("postgresql", tmp_path) as url:
        ensure_account("staff", STAFF, url)
        env = {key: value for key, value in os.environ.items()
               if key not in ("PUP_NO_DEMO", "PUP_MAX_UPLOAD_MB")}
        env["PUP_DATABASE_URL"] = url
        servers = []
        try:
            for _ in range(2):
                port = free_port()
                servers.append((start_streamlit(port, env), f"http://127.0.0.1:{port}"))
            with sync_api.sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                try:
                    context = browser.new_context(viewport=VIEWPORT, locale="pl-PL")
                    context.set_default_timeout(RUN_TIMEOUT_MS)
                    two_servers_and_one_browser(context, servers[0][1], servers[1][1], tmp_path)
                finally:
                    browser.close()
        finally:
            for process, _ in servers:
                output = stop(process)
                print("\n".join(output.splitlines()[-10:]))
