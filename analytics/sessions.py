"""Sign-ins that outlive a page: a reload, a new tab or a bookmark opened stays signed in.

A good password opens a session row (`open_session`) and gives the page a one-time *ticket* (valid
TICKET_SECONDS). The browser hands the ticket to the server's own route (server.py, POST
/_pup/session), which redeems it (`redeem_ticket`) for a random *token* and sets that as an HttpOnly
cookie. Every new Streamlit session reads the cookie and `resume`s; every run `check`s the row, so a
revoked, idle or expired session, a disabled account or a changed role ends it at the next click.

The store keeps only SHA-256 digests of tickets and tokens (both 256 random bits from `secrets`, so no
salt or slow hash is needed), never the values; the audit trail never sees either. A session ends
after PUP_SESSION_TIMEOUT_MINUTES without a click (judged on the row's `last_seen`, shared by all the
user's tabs) and PUP_SESSION_LIFETIME_HOURS after it began, whatever happens. The clock is passed in
(`now`), so expiry is tested without waiting. No Streamlit here.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from analytics import accounts, config
from analytics.store import Store, read_transaction, record_audit, write_audit, write_transaction
from analytics.store.engine import SQLITE_BUSY_TIMEOUT_S
from analytics.store.schema import sessions, users

COOKIE_NAME = "pup_session"
TICKET_SECONDS = 60
TOUCH_EVERY = timedelta(seconds=60)      # last_seen is written at most this often (or timeout/4)
TOUCH_LOCK_WAIT_MS = 200                 # a touch never queues behind an import holding the write lock
MAX_SECRET_LENGTH = 100                  # a ticket or token is 43 characters; longer is not ours
USER_AGENT_LENGTH = 200
KEEP_ENDED = timedelta(days=30)          # ended sessions are deleted after this long
# Why a session ended (revoked_reason; the audit trail's logout reason for the first three).
END_REASONS = ("user", "timeout", "expired", "disabled", "password", "role", "admin")


@dataclass(frozen=True)
class SignIn:
    """A live sign-in as one run sees it: the row, whose it is, the role read now."""

    session_id: int
    login: str
    name: str
    role: str
    last_seen: datetime          # UTC


@dataclass(frozen=True)
class OpenSession:
    """An open session as the accounts page lists it."""

    session_id: int
    login: str
    name: str
    created_at: datetime         # UTC
    last_seen: datetime          # UTC
    user_agent: str
    in_browser: bool             # the browser holds its cookie (False: this tab only, or not yet)


@dataclass(frozen=True)
class Resumed:
    """What a cookie's token gave: the sign-in, or why it ended now (None: nothing to resume)."""

    sign_in: SignIn | None
    ended: str | None = None


def lifetime() -> timedelta:
    return timedelta(hours=config.session_lifetime_hours())


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------------------------
# Opening a session


def open_session(store: Store, login: str, user_agent: str = "",
                 now: datetime | None = None) -> tuple[int, str]:
    """After a good password: the new session's row id and its one-time ticket. The Streamlit
    session holds the id at once; the browser redeems the ticket for its cookie in the background."""
    moment = _naive(now)
    ticket = secrets.token_urlsafe(32)
    with write_transaction(store) as conn:
        user_id = conn.execute(sa.select(users.c.id).where(users.c.login_key == accounts.login_key(login))
                               ).scalar_one()
        _prune(conn, moment)
        session_id = conn.execute(sessions.insert().values(
            user_id=user_id, ticket_sha256=digest(ticket),
            ticket_expires_at=moment + timedelta(seconds=TICKET_SECONDS),
            created_at=moment, last_seen=moment, expires_at=moment + lifetime(),
            user_agent=_user_agent(user_agent),
        )).inserted_primary_key[0]
    return int(session_id), ticket


def redeem_ticket(store: Store, ticket: str, user_agent: str = "", now: datetime | None = None) -> str | None:
    """The browser's token for a valid, unused, live ticket (the ticket is spent); None otherwise.
    One conditional UPDATE: two redeems of one ticket cannot both succeed, on either database."""
    if not isinstance(ticket, str) or not ticket or len(ticket) > MAX_SECRET_LENGTH:
        return None
    moment = _naive(now)
    token = secrets.token_urlsafe(32)
    values: dict[str, Any] = {"ticket_sha256": None, "ticket_expires_at": None, "token_sha256": digest(token),
                              "last_seen": moment}
    if user_agent:
        values["user_agent"] = _user_agent(user_agent)
    with write_transaction(store) as conn:
        done = conn.execute(
            sessions.update()
            .where(sessions.c.ticket_sha256 == digest(ticket), sessions.c.token_sha256.is_(None),
                   sessions.c.ticket_expires_at > moment, sessions.c.revoked_at.is_(None),
                   sessions.c.expires_at > moment)
            .values(**values)
        ).rowcount
    return token if done == 1 else None


def token_issued(store: Store, session_id: int) -> bool:
    """Whether the browser has redeemed this session's ticket (the page stops offering it then)."""
    with read_transaction(store) as conn:
        return conn.execute(sa.select(sessions.c.token_sha256.is_not(None))
                            .where(sessions.c.id == session_id)).scalar() is True


# ---------------------------------------------------------------------------------------------
# Resuming and checking


def resume(store: Store, token: Any, now: datetime | None = None) -> Resumed:
    """The sign-in a cookie's token stands for, when it is live (recorded as `session_resumed`);
    a token that has just run out is ended and says why ("timeout", "expired", "disabled")."""
    if not isinstance(token, str) or not token or len(token) > MAX_SECRET_LENGTH:
        return Resumed(None)
    row = _read(store, sessions.c.token_sha256 == digest(token))
    if row is None or row.revoked_at is not None:
        return Resumed(None)
    resumed = _live(store, row, _naive(now))
    if resumed.sign_in is not None:
        record_audit(store, "session_resumed", resumed.sign_in.login, details={"session": row.id})
    return resumed


def check(store: Store, session_id: int, now: datetime | None = None) -> Resumed:
    """Every run of a signed-in page: the same tests on the row this Streamlit session holds (its
    browser's cookie may still be on its way), the role and name read afresh; notes the activity."""
    row = _read(store, sessions.c.id == session_id)
    if row is None or row.revoked_at is not None:
        return Resumed(None, "ended")
    return _live(store, row, _naive(now))


def still_open(store: Store, session_id: int, now: datetime | None = None) -> bool:
    """What an idle page asks now and then: whether its session would still pass `check`. Only a
    look: it is not activity, and it ends nothing (the page's next run does that)."""
    row = _read(store, sessions.c.id == session_id)
    return row is not None and _why_ended(row, _naive(now)) is None


def _read(store: Store, condition: Any) -> Any:
    query = (sa.select(sessions, users.c.login, users.c.display_name, users.c.role, users.c.active)
             .join(users, users.c.id == sessions.c.user_id).where(condition))
    with read_transaction(store) as conn:
        return conn.execute(query).first()


def _why_ended(row: Any, moment: datetime) -> str | None:
    if row.revoked_at is not None:
        return "ended"
    if not row.active:
        return "disabled"
    if moment >= row.expires_at:
        return "expired"
    if accounts.session_expired(row.last_seen, moment):
        return "timeout"
    return None


def _live(store: Store, row: Any, moment: datetime) -> Resumed:
    ended = _why_ended(row, moment)
    if ended is not None:
        end_session(store, row.id, ended, now=moment)
        return Resumed(None, ended)
    last_seen = row.last_seen
    touch_every = min(TOUCH_EVERY, accounts.session_timeout() / 4)
    if moment - last_seen >= touch_every and _touch(store, row.id, moment):
        last_seen = moment
    return Resumed(SignIn(row.id, row.login, row.display_name, row.role, last_seen.replace(tzinfo=UTC)))


def _touch(store: Store, session_id: int, moment: datetime) -> bool:
    """last_seen = now, unless an import holds the write lock: then skipped (a click must not wait
    for an import of 100,000 rows; the next click touches it)."""
    with store.engine.connect() as conn:
        try:
            if store.dialect == "sqlite":
                conn.exec_driver_sql(f"PRAGMA busy_timeout={TOUCH_LOCK_WAIT_MS}")
                conn.commit()                # (SQLAlchemy's autobegin opened a transaction for the PRAGMA)
            with conn.begin():
                if store.dialect == "postgresql":
                    conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{TOUCH_LOCK_WAIT_MS}ms'")
                conn.execute(sessions.update().where(sessions.c.id == session_id).values(last_seen=moment))
            touched = True
        except sa.exc.OperationalError:
            touched = False
        if store.dialect == "sqlite":
            try:                             # the pooled connection gets its usual patience back
                if conn.in_transaction():
                    conn.rollback()
                conn.exec_driver_sql(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
                conn.commit()
            except sa.exc.DBAPIError:
                conn.invalidate()            # or it is not used again
    return touched


# ---------------------------------------------------------------------------------------------
# Ending sessions


def end_session(store: Store, session_id: int, reason: str, by: str | None = None,
                now: datetime | None = None) -> bool:
    """End one session (`reason` of END_REASONS; "ended" is taken as already ended). The user's
    logout, a timeout and an expiry go to the audit trail as `logout`; an administrator ending it
    (`by`) as `session_ended` with the owner's login. False when it had already ended."""
    if reason == "ended":
        return False
    if reason not in END_REASONS:
        raise ValueError(f"unknown reason: {reason!r}")
    moment = _naive(now)
    with write_transaction(store) as conn:
        owner = conn.execute(sa.select(users.c.login).join(sessions, sessions.c.user_id == users.c.id)
                             .where(sessions.c.id == session_id)).scalar()
        done = conn.execute(sessions.update()
                            .where(sessions.c.id == session_id, sessions.c.revoked_at.is_(None))
                            .values(revoked_at=moment, revoked_reason=reason)).rowcount
        if done != 1 or owner is None:
            return False
        if reason == "admin":
            write_audit(conn, "session_ended", by or "-", details={"login": owner, "session": session_id})
        elif reason in accounts.LOGOUT_REASONS:
            write_audit(conn, "logout", owner, details={"reason": reason})
    return True


def end_by_token(store: Store, token: Any, reason: str = "user") -> bool:
    """The logout route: end the session of the cookie's token, if it is still open."""
    if not isinstance(token, str) or not token or len(token) > MAX_SECRET_LENGTH:
        return False
    with read_transaction(store) as conn:
        session_id = conn.execute(sa.select(sessions.c.id)
                                  .where(sessions.c.token_sha256 == digest(token))).scalar()
    return session_id is not None and end_session(store, session_id, reason)


def _prune(conn: Connection, moment: datetime) -> None:
    """Sessions ended or expired more than KEEP_ENDED ago are deleted (the audit trail keeps the story)."""
    cutoff = moment - KEEP_ENDED
    conn.execute(sessions.delete()
                 .where(sa.or_(sessions.c.revoked_at < cutoff, sessions.c.expires_at < cutoff)))


# ---------------------------------------------------------------------------------------------
# The administrator's list


def open_sessions(store: Store, now: datetime | None = None) -> list[OpenSession]:
    """Every session that would still pass `check` now, the most recently active first."""
    moment = _naive(now)
    query = (sa.select(sessions, users.c.login, users.c.display_name, users.c.role, users.c.active)
             .join(users, users.c.id == sessions.c.user_id)
             .where(sessions.c.revoked_at.is_(None), sessions.c.expires_at > moment)
             .order_by(sessions.c.last_seen.desc(), sessions.c.id.desc()))
    with read_transaction(store) as conn:
        rows = conn.execute(query).all()
    return [OpenSession(row.id, row.login, row.display_name, row.created_at.replace(tzinfo=UTC),
                        row.last_seen.replace(tzinfo=UTC), row.user_agent or "", row.token_sha256 is not None)
            for row in rows if _why_ended(row, moment) is None]


# The browser a user agent names, most specific first (Edge and Opera also say Chrome; Chrome says Safari).
_BROWSERS = (("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"),
             ("Chromium/", "Chromium"), ("Safari/", "Safari"))
_SYSTEMS = (("Windows", "Windows"), ("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iOS"),
            ("Mac OS X", "macOS"), ("Linux", "Linux"))


def browser_label(user_agent: str) -> str | None:
    """"Chrome · Windows" from a User-Agent header, for the administrator's list; None when unknown."""
    browser = next((name for mark, name in _BROWSERS if mark in user_agent), None)
    system = next((name for mark, name in _SYSTEMS if mark in user_agent), None)
    if browser is None:
        return None
    return f"{browser} · {system}" if system else browser


def _user_agent(value: str) -> str:
    return (value or "")[:USER_AGENT_LENGTH]


def _naive(moment: datetime | None) -> datetime:
    """UTC without a zone, as the store keeps times."""
    moment = moment or datetime.now(UTC)
    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return aware.replace(tzinfo=None)
