"""server.py, what `python -m streamlit run server.py` serves: the sign-in routes mounted on
Streamlit's own app, the pages/ folder never taken for an old-style multipage app, and the cookie's
attributes. The real path is driven in Chromium (test_browser_sessions, test_browser_first_visit)."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.requests import Request
from starlette.responses import Response
from streamlit.runtime.pages_manager import PagesManager

from analytics import sessions

SERVER = Path(__file__).resolve().parent.parent / "server.py"


def test_streamlit_finds_the_app_in_server_py_without_running_it():
    """Streamlit's CLI looks for `app = st.App(...)` in the file's syntax tree (app_discovery)."""
    from streamlit.web.server.app_discovery import discover_asgi_app

    found = discover_asgi_app(SERVER)
    assert found.is_asgi_app and found.app_name == "app"


def test_importing_server_mounts_the_routes_and_settles_the_pages_folder():
    assert hasattr(PagesManager, "uses_pages_directory")      # the internal flag the fix relies on
    from pages import _auth

    PagesManager.uses_pages_directory = None
    try:
        import server

        server.settle_pages_folder()
        assert PagesManager.uses_pages_directory is False
        paths = {(route.path, tuple(sorted(route.methods or ()))) for route in server.app._user_routes}
        assert ("/_pup/session", ("POST",)) in paths and ("/_pup/logout", ("POST",)) in paths
        assert _auth.COOKIE_ROUTES["mounted"] is True
    finally:
        _auth.COOKIE_ROUTES["mounted"] = False           # the other tests run dashboard.py alone
        PagesManager.uses_pages_directory = None


def request(headers: dict[str, str], scheme: str = "http") -> Request:
    raw = [(name.lower().encode(), value.encode()) for name, value in headers.items()]
    return Request({"type": "http", "method": "POST", "scheme": scheme, "path": "/_pup/session",
                    "server": ("office", 80), "headers": raw})


@pytest.mark.parametrize(("origin", "allowed"), [
    ("http://dashboard.pup:8501", True), ("http://evil.example", False), ("null", False), (None, False),
    ("http://dashboard.pup", False),
])
def test_only_a_post_from_the_site_itself_passes(origin, allowed):
    import server

    headers = {"host": "dashboard.pup:8501"} | ({"origin": origin} if origin else {})
    assert server.same_origin(request(headers)) is allowed


def test_the_cookie_is_httponly_lax_and_secure_when_asked_or_over_https(monkeypatch):
    import server

    monkeypatch.delenv("PUP_COOKIE_SECURE", raising=False)
    options = server._cookie_options(request({"host": "h"}))
    assert options == {"httponly": True, "samesite": "lax", "path": "/", "secure": False}
    assert server._cookie_options(request({"host": "h"}, scheme="https"))["secure"] is True
    monkeypatch.setenv("PUP_COOKIE_SECURE", "1")
    response = Response()
    response.set_cookie(sessions.COOKIE_NAME, "x", **server._cookie_options(request({"host": "h"})))
    header = response.headers["set-cookie"]
    assert "HttpOnly" in header and "SameSite=lax" in header and "Secure" in header and "Path=/" in header


def test_server_py_serves_dashboard_py_beside_it():
    import server

    assert server.app._resolve_script_path() == SERVER.with_name("dashboard.py")
