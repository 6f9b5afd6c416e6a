"""A sign-in that lasts the working day, in a real browser (Debian's Chromium) against
`streamlit run server.py`: one server for the module, a viewer (the director) and an administrator.

Signed in, a reload, a deep link in a new tab of the same browser and the same role stay signed in;
the cookie is HttpOnly and SameSite and `document.cookie` does not show it; another browser (a
context without the cookie) gets the login form; a session idle past the timeout and a logout (in
any tab) give the login form; an administrator ends a session on the Accounts page; another site
cannot post to the session routes. Screenshots: tests/screenshots/sesje-*.png.
"""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from app_support import ensure_account
from test_browser import HOME, RUN_TIMEOUT_MS, SCREENSHOTS, VIEWPORT, sign_in, signed_in_as, wait_until_idle
from test_browser_roles import VIEWER_PATHS, nav_paths

from analytics import sessions
from analytics import store as store_api
from analytics.catalogue import t
from analytics.store.schema import sessions as sessions_table
from scripts.browser import chromium_path, free_port, launch_chromium, start_streamlit, stop

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright (python) is not installed")

pytestmark = pytest.mark.browser

VIEWER, ADMIN = "dyrektor", "admin"
PASSWORD_BOX = f'input[aria-label="{t("password_label")}"]'


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('sessions') / 'dashboard.db'}"
    ensure_account("viewer", VIEWER, url)
    ensure_account("admin", ADMIN, url)
    return url


@pytest.fixture(scope="module")
def server(database: str) -> Iterator[str]:
    if not os.path.exists(chromium_path()):
        pytest.skip(f"Chromium not found at {chromium_path()}")
    env = {key: value for key, value in os.environ.items()
           if key not in ("PUP_NO_DEMO", "PUP_MAX_UPLOAD_MB", "PUP_SESSION_TIMEOUT_MINUTES",
                          "PUP_SESSION_LIFETIME_HOURS", "PUP_COOKIE_SECURE")}
    env["PUP_DATABASE_URL"] = database
    port = free_port()
    process = start_streamlit(port, env)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        output = stop(process)
        print("\n--- streamlit output (last 20 lines) ---\n" + "\n".join(output.splitlines()[-20:]))


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        try:
            yield launched
        finally:
            launched.close()


def new_context(browser: Any) -> Any:
    context = browser.new_context(viewport=VIEWPORT, locale="pl-PL", timezone_id="Europe/Warsaw")
    context.set_default_timeout(RUN_TIMEOUT_MS)
    return context


def open_address(page: Any, server: str, name: str) -> None:
    page.goto(server + ("/" if name == HOME else f"/{name}"), wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stApp"]', timeout=RUN_TIMEOUT_MS)
    settled(page)


def settled(page: Any) -> None:
    """The run over and either the login form or a signed-in page drawn."""
    wait_until_idle(page)
    logout = page.locator('[data-testid="stSidebar"]').get_by_role("button", name=t("logout_button"))
    page.locator(PASSWORD_BOX).or_(logout).first.wait_for(timeout=RUN_TIMEOUT_MS)
    wait_until_idle(page)


def session_cookie(context: Any, wait_s: float = 15.0) -> dict[str, Any] | None:
    """The browser's pup_session cookie, once the page's background hand-over has set it."""
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        found = [c for c in context.cookies() if c["name"] == sessions.COOKIE_NAME]
        if found:
            return found[0]
        time.sleep(0.2)
    return None


def heading(page: Any) -> str:
    return " ".join(page.locator('[data-testid="stMain"] h1').all_inner_texts()).strip()


def shows_login_form(page: Any) -> bool:
    return page.locator(PASSWORD_BOX).count() == 1 and heading(page) == t("login_title")


@pytest.fixture(scope="module")
def director(browser: Any, server: str) -> Iterator[tuple[Any, Any]]:
    """The director signed in at the deep link /uczestnictwo, the cookie set: (context, page)."""
    context = new_context(browser)
    page = context.new_page()
    open_address(page, server, "uczestnictwo")
    sign_in(page, VIEWER)
    assert session_cookie(context) is not None, "the sign-in set no session cookie"
    try:
        yield context, page
    finally:
        context.close()


def test_sign_in_survives_a_reload_with_the_same_role(director: tuple[Any, Any]) -> None:
    _context, page = director
    assert heading(page) == t("nav_participation")
    page.reload(wait_until="domcontentloaded")
    settled(page)
    assert not shows_login_form(page)
    assert heading(page) == t("nav_participation")
    assert nav_paths(page) == VIEWER_PATHS
    assert signed_in_as(page, VIEWER)


def test_a_deep_link_in_a_new_tab_of_the_same_browser_is_signed_in(director: tuple[Any, Any],
                                                                   server: str) -> None:
    context, _page = director
    tab = context.new_page()
    try:
        open_address(tab, server, "projekty")
        assert not shows_login_form(tab)
        assert heading(tab) == t("nav_projects")
        assert nav_paths(tab) == VIEWER_PATHS
    finally:
        tab.close()


def test_the_session_cookie_is_httponly_samesite_and_hidden_from_document_cookie(
        director: tuple[Any, Any]) -> None:
    context, page = director
    cookie = session_cookie(context)
    assert cookie is not None
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] in ("Lax", "Strict")
    assert cookie["path"] == "/"
    assert cookie["secure"] is False                   # plain HTTP here; PUP_COOKIE_SECURE=1 sets it
    assert len(cookie["value"]) >= 22                  # at least 128 bits, base64url
    assert VIEWER not in cookie["value"] and "viewer" not in cookie["value"]
    assert sessions.COOKIE_NAME not in page.evaluate("document.cookie")
    assert cookie["value"] not in page.content()


def test_a_browser_without_the_cookie_gets_the_login_form(director: tuple[Any, Any], browser: Any,
                                                          server: str) -> None:
    other = new_context(browser)
    try:
        page = other.new_page()
        open_address(page, server, "uczestnictwo")
        assert shows_login_form(page)
        assert nav_paths(page) == []
    finally:
        other.close()


def test_a_session_idle_past_the_timeout_shows_the_login_form(browser: Any, server: str,
                                                              database: str) -> None:
    """The clock moved on in the store: the session's last activity 31 minutes ago (timeout 30)."""
    context = new_context(browser)
    try:
        page = context.new_page()
        open_address(page, server, "projekty")
        sign_in(page, VIEWER)
        cookie = session_cookie(context)
        assert cookie is not None
        store = store_api.open_store(database)
        try:
            mine = sessions_table.c.token_sha256 == sessions.digest(cookie["value"])
            with store_api.write_transaction(store) as conn:
                last_seen = conn.execute(sa.select(sessions_table.c.last_seen).where(mine)).scalar_one()
                conn.execute(sessions_table.update().where(mine)
                             .values(last_seen=last_seen - timedelta(minutes=31)))
        finally:
            store.close()
        page.reload(wait_until="domcontentloaded")
        settled(page)
        assert shows_login_form(page)
        page.get_by_text(t("session_expired")).wait_for()
    finally:
        context.close()


def test_logout_revokes_the_token_and_a_reload_shows_the_login_form(browser: Any, server: str) -> None:
    context = new_context(browser)
    try:
        page = context.new_page()
        open_address(page, server, HOME)
        sign_in(page, VIEWER)
        assert session_cookie(context) is not None
        other_tab = context.new_page()
        open_address(other_tab, server, "uczestnictwo")
        assert not shows_login_form(other_tab)

        page.locator('[data-testid="stSidebar"]').get_by_role("button", name=t("logout_button")).click()
        page.locator(PASSWORD_BOX).wait_for()
        page.get_by_text(t("logged_out")).wait_for()
        deadline = time.monotonic() + 15
        while session_cookie(context, wait_s=0) is not None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert session_cookie(context, wait_s=0) is None, "the logout left the cookie in the browser"
        page.reload(wait_until="domcontentloaded")
        settled(page)
        assert shows_login_form(page)
        other_tab.reload(wait_until="domcontentloaded")          # its Streamlit session had the cookie
        settled(other_tab)
        assert shows_login_form(other_tab)
    finally:
        context.close()


def test_an_administrator_sees_the_open_sessions_and_ends_one(browser: Any, server: str,
                                                              database: str) -> None:
    # The director's sign-ins left open by the tests before (in closed browsers) are ended first, so the
    # one session of the director's listed is this browser's.
    store = store_api.open_store(database)
    try:
        for listed in sessions.open_sessions(store):
            if listed.login == VIEWER:
                sessions.end_session(store, listed.session_id, "user")
    finally:
        store.engine.dispose()
    viewer_context, admin_context = new_context(browser), new_context(browser)
    try:
        viewer = viewer_context.new_page()
        open_address(viewer, server, "uczestnictwo")
        sign_in(viewer, VIEWER)
        assert session_cookie(viewer_context) is not None
        admin = admin_context.new_page()
        open_address(admin, server, "konta")
        sign_in(admin, ADMIN)
        admin.get_by_text(t("sessions_heading")).scroll_into_view_if_needed()
        admin.locator('[data-testid="stDataFrame"]').last.wait_for()
        admin.wait_for_timeout(400)
        SCREENSHOTS.mkdir(exist_ok=True)
        admin.screenshot(path=str(SCREENSHOTS / "sesje-konta.png"))

        chooser = admin.locator(".st-key-session_chosen")
        chooser.click()
        admin.get_by_role("option").filter(has_text=f"{VIEWER} –").first.click()
        wait_until_idle(admin)
        admin.locator(".st-key-session_end button").click()
        admin.get_by_text(t("session_ended_done", login=VIEWER)).wait_for()

        # The director's next click (any: another page of the navigation).
        viewer.locator('[data-testid="stSidebarNavLink"]').filter(has_text=t("nav_projects")).click()
        viewer.locator(PASSWORD_BOX).wait_for(timeout=30_000)
        viewer.get_by_text(t("session_ended_elsewhere")).wait_for()
        viewer.reload(wait_until="domcontentloaded")
        settled(viewer)
        assert viewer.locator(PASSWORD_BOX).count() == 1
    finally:
        viewer_context.close()
        admin_context.close()


def test_a_post_to_the_session_routes_from_another_origin_is_refused(server: str) -> None:
    for route in ("/_pup/session", "/_pup/logout"):
        request = urllib.request.Request(server + route, data=b"ticket=x", method="POST",
                                         headers={"Origin": "http://evil.example"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 403
    # From the site itself, a ticket that is not one gives no cookie.
    request = urllib.request.Request(server + "/_pup/session", data=b"ticket=nie-bilet", method="POST",
                                     headers={"Origin": server})
    with pytest.raises(urllib.error.HTTPError) as gone:
        urllib.request.urlopen(request, timeout=10)
    assert gone.value.code == 410 and "set-cookie" not in {k.lower() for k in gone.value.headers}
