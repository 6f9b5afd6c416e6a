"""Signing in for the tests that drive the dashboard: an account in the test's own store and, for
AppTest, the session the login form would leave behind (the form itself is tested in test_app_auth)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from analytics import accounts
from analytics import store as store_api

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard.py"
PASSWORD = "haslo-testowe-12345"


def ensure_account(role: str, login: str | None = None, url: str | None = None) -> str:
    """An active account with `role` (login: the role's name) in the store at `url` (the test's own
    database by default); returns its login."""
    login = login or role
    store = store_api.open_store(url)
    try:
        if accounts.find_user(store, login) is None:
            created = accounts.add_user(store, login, role, PASSWORD, by="test")
            assert isinstance(created, accounts.Account), created
    finally:
        store.engine.dispose()
    return login


def signed_in(role: str = "staff", login: str | None = None, **session: object) -> AppTest:
    """The dashboard, not yet run, with `role`'s account signed in."""
    login = ensure_account(role, login)
    app = AppTest.from_file(str(DASHBOARD), default_timeout=60)
    app.session_state["auth"] = {"login": login, "role": role}
    for key, value in session.items():
        app.session_state[key] = value
    return app
