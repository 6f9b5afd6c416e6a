"""The lasting sign-in as the dashboard's script sees it, through AppTest on the test's own store: a
password sign-in is a row of the sessions table checked at every run; a browser's cookie resumes it
in a new Streamlit session; a revoked, idle or expired row, an administrator ending it, a disabled
account or a changed role give the login form at the next click; logout ends the row.

AppTest cannot send cookies (its session has no browser behind it), so the resume tests hand the
script a cookie header by patching what st.context reads; the cookie itself is tested in Chromium
(test_browser_sessions)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from app_support import PASSWORD, ensure_account
from streamlit.runtime.context import ContextProxy
from test_app_auth import audit_actions, fresh, log_in, on_login_page

from analytics import accounts, sessions
from analytics import store as store_api
from analytics.catalogue import t
from analytics.store.schema import sessions as sessions_table


def open_rows() -> list[tuple[int, str]]:
    with store_api.open_store() as store:
        return [(s.session_id, s.login) for s in sessions.open_sessions(store)]


def browser_with_cookie(monkeypatch: pytest.MonkeyPatch, token: str | None) -> None:
    """What st.context.cookies gives the script: the browser's cookie header."""
    cookies = {} if token is None else {sessions.COOKIE_NAME: token}
    monkeypatch.setattr(ContextProxy, "cookies", property(lambda _self: cookies))


def cookie_for(login: str) -> tuple[int, str]:
    """A sign-in made earlier in this browser (another tab): its row and the cookie's token."""
    with store_api.open_store() as store:
        session_id, ticket = sessions.open_session(store, login)
        token = sessions.redeem_ticket(store, ticket)
    assert token is not None
    return session_id, token


def test_a_password_sign_in_opens_a_session_row_and_logout_ends_it():
    ensure_account("staff", "ania")
    app = log_in(fresh(), "ania", PASSWORD)
    assert not on_login_page(app)
    [(session_id, login)] = open_rows()
    assert login == "ania" and app.session_state["auth"]["session_id"] == session_id
    app.sidebar.button(key="logout").click().run()
    assert on_login_page(app)
    assert open_rows() == []
    assert ("logout", "ania", {"reason": "user"}) in audit_actions()


def test_a_new_session_with_the_cookie_resumes_the_sign_in_with_the_role_read_afresh(monkeypatch):
    ensure_account("staff", "ania")
    session_id, token = cookie_for("ania")
    with store_api.open_store() as store:
        ensure_account("admin", "szef")
        accounts.set_role(store, "ania", "viewer", by="szef")    # ends that session ...
    session_id, token = cookie_for("ania")                      # ... so she signs in again
    browser_with_cookie(monkeypatch, token)
    app = fresh()
    assert [title.value for title in app.title] == [t("overview_title", "pl")]
    signed = app.session_state["auth"]
    assert signed["role"] == "viewer" and signed["session_id"] == session_id
    assert ("session_resumed", "ania", {"session": session_id}) in audit_actions()
    browser_with_cookie(monkeypatch, "a-token-nobody-was-given")
    assert on_login_page(fresh())


def test_a_session_ended_by_the_administrator_shows_the_login_form_at_the_next_click(monkeypatch):
    ensure_account("staff", "ania")
    ensure_account("admin", "szef")
    session_id, token = cookie_for("ania")
    browser_with_cookie(monkeypatch, token)
    app = fresh()
    assert not on_login_page(app)
    with store_api.open_store() as store:
        sessions.end_session(store, session_id, "admin", by="szef")
    app.run()
    assert on_login_page(app)
    assert any(i.value == t("session_ended_elsewhere", "pl") for i in app.info)
    assert on_login_page(fresh())                               # a reload: the cookie is dead


@pytest.mark.parametrize("change", ["disable", "password", "role"])
def test_disabling_a_password_reset_or_a_role_change_ends_the_users_open_sessions(monkeypatch, change):
    ensure_account("staff", "ania")
    ensure_account("admin", "szef")
    app = log_in(fresh(), "ania", PASSWORD)
    assert not on_login_page(app)
    with store_api.open_store() as store:
        {"disable": lambda: accounts.disable_user(store, "ania", by="szef"),
         "password": lambda: accounts.set_password(store, "ania", "nowe-haslo-ani-123", by="szef"),
         "role": lambda: accounts.set_role(store, "ania", "viewer", by="szef")}[change]()
    app.run()
    assert on_login_page(app)


def test_an_idle_row_ends_at_the_next_click_and_is_recorded(monkeypatch):
    monkeypatch.setenv("PUP_SESSION_TIMEOUT_MINUTES", "30")
    ensure_account("staff", "ania")
    app = log_in(fresh(), "ania", PASSWORD)
    session_id = app.session_state["auth"]["session_id"]
    with store_api.open_store() as store, store_api.write_transaction(store) as conn:
        conn.execute(sessions_table.update().where(sessions_table.c.id == session_id)
                     .values(last_seen=datetime.now(UTC).replace(tzinfo=None) - timedelta(minutes=31)))
    app.run()
    assert on_login_page(app)
    assert any(i.value == t("session_expired", "pl") for i in app.info)
    assert ("logout", "ania", {"reason": "timeout"}) in audit_actions()


def test_the_accounts_page_lists_open_sessions_and_the_administrator_ends_one(monkeypatch):
    from test_app_dashboard import open_page

    ensure_account("staff", "ania")
    ensure_account("admin", "szef")
    ania_id, _ = cookie_for("ania")
    app = log_in(fresh(), "szef", PASSWORD)
    open_page(app, "pages/accounts.py")
    table = next(frame.value for frame in app.dataframe
                 if t("col_session_last_seen", "pl") in frame.value.columns)
    assert sorted(table[t("col_login", "pl")]) == ["ania", "szef"]
    app.selectbox(key="session_chosen").select(next(o for o in app.selectbox(key="session_chosen").options
                                                    if o.startswith("ania"))).run()
    app.button(key="session_end").click().run()
    assert (ania_id, "ania") not in open_rows()
    assert ("session_ended", "szef", {"login": "ania", "session": ania_id}) in audit_actions()
    with store_api.open_store() as store, store.engine.connect() as conn:
        reason = conn.execute(sa.select(sessions_table.c.revoked_reason)
                              .where(sessions_table.c.id == ania_id))
        assert reason.scalar() == "admin"
