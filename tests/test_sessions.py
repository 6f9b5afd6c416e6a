"""The sign-in sessions kept in the store (analytics/sessions.py), on SQLite and on PostgreSQL: a
ticket redeemed once and only within its minute, a token resumed while it is live, every way a
session ends, and only digests stored. The clock is passed in; nothing waits."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from analytics import accounts, sessions
from analytics import store as store_api
from analytics.store.schema import sessions as sessions_table

PASSWORD = "haslo-testowe-12345"
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def ania(store: store_api.Store) -> str:
    accounts.add_user(store, "admin", "admin", PASSWORD, by="test")
    created = accounts.add_user(store, "Ania", "staff", PASSWORD, by="test", name="Anna Nowak")
    assert isinstance(created, accounts.Account)
    return "ania"


def signed_in(store: store_api.Store, login: str, now: datetime = T0) -> tuple[int, str]:
    """A sign-in as the browser ends up with it: the row id and the cookie's token."""
    session_id, ticket = sessions.open_session(store, login, "Mozilla/5.0 (X11; Linux) Chrome/120.0", now=now)
    token = sessions.redeem_ticket(store, ticket, now=now + timedelta(seconds=2))
    assert token is not None
    return session_id, token


def audit(store: store_api.Store) -> list[tuple[str, str, dict]]:
    return [(e.action, e.user, e.details) for e in store_api.audit_log(store, 50)]


def test_a_ticket_is_redeemed_once_and_only_within_a_minute(store, ania):
    _, ticket = sessions.open_session(store, ania, now=T0)
    assert sessions.redeem_ticket(store, ticket, now=T0 + timedelta(seconds=61)) is None      # ran out
    _, ticket = sessions.open_session(store, ania, now=T0)
    token = sessions.redeem_ticket(store, ticket, now=T0 + timedelta(seconds=59))
    assert token is not None and len(token) >= 43                 # 256 bits, base64url
    assert sessions.redeem_ticket(store, ticket, now=T0 + timedelta(seconds=59)) is None      # spent
    assert sessions.redeem_ticket(store, "x" * 500) is None and sessions.redeem_ticket(store, "") is None


def test_every_login_gets_a_new_token(store, ania):
    tokens = {signed_in(store, ania)[1] for _ in range(3)}
    assert len(tokens) == 3


def test_a_live_token_resumes_with_the_role_read_afresh_and_is_recorded(store, ania):
    session_id, token = signed_in(store, ania)
    resumed = sessions.resume(store, token, now=T0 + timedelta(minutes=10))
    assert resumed.sign_in == sessions.SignIn(session_id, "Ania", "Anna Nowak", "staff",
                                              T0 + timedelta(minutes=10))
    assert ("session_resumed", "Ania", {"session": session_id}) in audit(store)
    assert sessions.resume(store, "nie-ten-token").sign_in is None
    assert sessions.resume(store, None).sign_in is None


def test_resume_refuses_a_revoked_expired_idle_or_disabled_session(store, ania, monkeypatch):
    monkeypatch.setenv("PUP_SESSION_TIMEOUT_MINUTES", "30")
    monkeypatch.setenv("PUP_SESSION_LIFETIME_HOURS", "10")
    # Idle: 29 minutes apart every time keeps it, 31 minutes ends it (a logout "timeout").
    _, token = signed_in(store, ania)
    for step in range(1, 4):
        assert sessions.resume(store, token, now=T0 + timedelta(minutes=29 * step)).sign_in is not None
    late = sessions.resume(store, token, now=T0 + timedelta(minutes=29 * 3 + 31))
    assert late == sessions.Resumed(None, "timeout")
    assert ("logout", "Ania", {"reason": "timeout"}) in audit(store)
    assert sessions.resume(store, token, now=T0 + timedelta(minutes=29 * 3 + 32)) == sessions.Resumed(None)
    # Lifetime: busy all day, still ended after 10 hours (a logout "expired").
    _, token = signed_in(store, ania)
    for minute in range(20, 600, 20):
        assert sessions.resume(store, token, now=T0 + timedelta(minutes=minute)).sign_in is not None
    assert sessions.resume(store, token, now=T0 + timedelta(hours=10)) == sessions.Resumed(None, "expired")
    assert ("logout", "Ania", {"reason": "expired"}) in audit(store)
    # Revoked by the user's logout (the logout route, by token).
    _, token = signed_in(store, ania)
    assert sessions.end_by_token(store, token, "user")
    assert sessions.resume(store, token, now=T0 + timedelta(minutes=1)).sign_in is None
    # The account disabled (directly in the table: even without disable_user's own revocation).
    _, token = signed_in(store, ania)
    with store_api.write_transaction(store) as conn:
        conn.execute(store_api.TABLES["users"].update().values(active=False)
                     .where(store_api.TABLES["users"].c.login_key == "ania"))
    assert sessions.resume(store, token, now=T0 + timedelta(minutes=1)) == sessions.Resumed(None, "disabled")


def test_disabling_a_password_change_and_a_role_change_end_every_session_of_the_user(store, ania):
    changes = (
        lambda: accounts.set_role(store, ania, "viewer", by="admin"),
        lambda: accounts.set_password(store, ania, "zupelnie-nowe-haslo", by="admin"),
        lambda: accounts.disable_user(store, ania, by="admin"),
    )
    for change in changes:
        now = datetime.now(UTC)
        first, second = signed_in(store, ania, now), signed_in(store, ania, now)
        _, admins = signed_in(store, "admin", now)
        assert not isinstance(change(), accounts.AccountRefusal)
        assert sessions.check(store, first[0]).sign_in is None
        assert sessions.resume(store, second[1]).sign_in is None
        assert sessions.resume(store, admins).sign_in is not None          # nobody else's
    details = {e.action: e.details for e in store_api.audit_log(store, 100)}
    assert details["role_changed"]["sessions_ended"] == 2
    assert details["password_changed"]["sessions_ended"] == 2
    assert details["account_disabled"]["sessions_ended"] == 2


def test_an_administrator_lists_open_sessions_and_ends_one(store, ania):
    now = datetime.now(UTC)
    first_id, _ = signed_in(store, ania, now - timedelta(minutes=5))
    pending_id, _ticket = sessions.open_session(store, "admin", now=now)       # not yet redeemed
    ended_id, ended_token = signed_in(store, ania, now)
    sessions.end_by_token(store, ended_token)
    listed = sessions.open_sessions(store, now)
    assert [(s.session_id, s.login, s.in_browser) for s in listed] == [(pending_id, "admin", False),
                                                                      (first_id, "Ania", True)]
    assert sessions.browser_label(listed[1].user_agent) == "Chrome · Linux"
    assert sessions.end_session(store, first_id, "admin", by="admin")
    assert not sessions.end_session(store, first_id, "admin", by="admin")          # already ended
    assert ("session_ended", "admin", {"login": "Ania", "session": first_id}) in audit(store)
    assert [s.session_id for s in sessions.open_sessions(store, now)] == [pending_id]
    assert sessions.check(store, first_id).ended == "ended"
    assert ended_id not in [s.session_id for s in sessions.open_sessions(store, now)]


def test_only_digests_of_tickets_and_tokens_are_stored_and_never_in_the_audit_trail(store, ania):
    session_id, ticket = sessions.open_session(store, ania, now=T0)
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(sessions_table).where(sessions_table.c.id == session_id)).one()
    assert row.ticket_sha256 == hashlib.sha256(ticket.encode()).hexdigest() and row.token_sha256 is None
    token = sessions.redeem_ticket(store, ticket, now=T0)
    sessions.resume(store, token, now=T0)
    sessions.end_by_token(store, token)
    with store.engine.connect() as conn:
        stored = " ".join(str(value) for table in ("sessions", "audit")
                          for row in conn.execute(sa.select(store_api.TABLES[table])) for value in row)
    assert ticket not in stored and token not in stored
    assert hashlib.sha256(token.encode()).hexdigest() in stored                      # the sessions row
    assert not [e for e in store_api.audit_log(store, 50) if hashlib.sha256(token.encode()).hexdigest()
                in str(e.details)]


def test_a_click_does_not_wait_for_an_import_holding_the_write_lock(store, ania, monkeypatch):
    monkeypatch.setenv("PUP_SESSION_TIMEOUT_MINUTES", "30")
    session_id, _ = signed_in(store, ania, T0)
    later = T0 + timedelta(minutes=5)
    other = store_api.open_store(store.engine.url.render_as_string(hide_password=False))
    try:
        with store_api.write_transaction(other):                 # an import holding the lock
            started = datetime.now(UTC)
            checked = sessions.check(store, session_id, now=later)
            waited = datetime.now(UTC) - started
        assert checked.sign_in is not None and waited < timedelta(seconds=5)
        if store.dialect == "sqlite":            # the database is locked: the touch is skipped
            assert checked.sign_in.last_seen < later
        # (PostgreSQL: an import holds an advisory lock and its own rows; the session row is free.)
        # The store's own writes wait for the lock as before (the touch's short patience is not kept).
        assert sessions.check(store, session_id, now=later).sign_in.last_seen == later
        with store_api.write_transaction(store):
            pass
    finally:
        other.close()


def test_the_session_settings_have_their_defaults_and_read_the_environment(monkeypatch):
    from analytics import config
    monkeypatch.delenv("PUP_SESSION_LIFETIME_HOURS", raising=False)
    monkeypatch.delenv("PUP_COOKIE_SECURE", raising=False)
    assert sessions.lifetime() == timedelta(hours=10) and not config.cookie_secure()
    monkeypatch.setenv("PUP_SESSION_LIFETIME_HOURS", "8,5")
    monkeypatch.setenv("PUP_COOKIE_SECURE", "1")
    assert sessions.lifetime() == timedelta(hours=8.5) and config.cookie_secure()
    monkeypatch.setenv("PUP_SESSION_LIFETIME_HOURS", "nonsense")
    assert sessions.lifetime() == timedelta(hours=10)
