"""Accounts and roles: who may log in, with which role, and which pages each role may open.

Passwords are kept only as Argon2id hashes (argon2-cffi). A failed login says one sentence whatever
went wrong, so nobody learns from it whether a login exists; after too many failures the account
is locked for a while. Every account change and every login, failed login and logout goes to the
store's audit trail, never with a password or a hash in it. The clock is passed in (`now`), so the
lockout and the session timeout are tested without waiting. No Streamlit here.
"""

from __future__ import annotations

import math
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.engine import Connection

from analytics.catalogue import t, tn
from analytics.store import Store, read_transaction, record_audit, write_audit, write_transaction
from analytics.store.schema import sessions, users

ROLES = ("viewer", "staff", "admin")
ROLE_LABEL_KEYS = {"viewer": "role_viewer", "staff": "role_staff", "admin": "role_admin"}
# The page keys each role may open; the dashboard builds its navigation from these.
_VIEWER_PAGES = ("overview", "participation", "projects", "partners", "comparison")
_STAFF_PAGES = (*_VIEWER_PAGES, "import", "history")
PAGES_BY_ROLE: dict[str, tuple[str, ...]] = {
    "viewer": _VIEWER_PAGES,
    "staff": _STAFF_PAGES,
    "admin": (*_STAFF_PAGES, "accounts"),
}

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024        # no real password is longer; a cap keeps form input sane
MAX_LOGIN_LENGTH = 64
MAX_NAME_LENGTH = 100
_LOGIN_PATTERN = re.compile(r"[\w.@-]+")     # \w: letters of any alphabet (Polish too), digits, _

MAX_FAILED_ENV, DEFAULT_MAX_FAILED = "PUP_MAX_FAILED_LOGINS", 5
LOCKOUT_ENV, DEFAULT_LOCKOUT_MINUTES = "PUP_LOCKOUT_MINUTES", 15
SESSION_TIMEOUT_ENV, DEFAULT_SESSION_TIMEOUT_MINUTES = "PUP_SESSION_TIMEOUT_MINUTES", 30
LOGOUT_REASONS = ("user", "timeout", "expired")   # expired: the sign-in's lifetime (analytics/sessions.py)

# argon2-cffi's defaults: Argon2id with the RFC 9106 low-memory profile. When a later release
# raises them, check_needs_rehash tells us at the next login and the hash is renewed then.
password_hasher = PasswordHasher()


# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class Account:
    """An account as the accounts page and `users list` show it: everything but the hash."""

    login: str
    name: str
    role: str
    active: bool                  # False: disabled by an administrator
    failed_attempts: int          # failed logins since the last success (or the last lock)
    locked_until: datetime | None  # UTC; locked after too many failed logins until then
    created_at: datetime          # UTC
    updated_at: datetime          # UTC, the last account change
    last_login: datetime | None   # UTC

    def locked(self, now: datetime | None = None) -> bool:
        return self.locked_until is not None and _utc(now) < self.locked_until

    def to_json(self) -> dict[str, Any]:
        def moment(value: datetime | None) -> str | None:
            return None if value is None else value.isoformat(timespec="seconds")

        return {
            "login": self.login, "name": self.name, "role": self.role, "active": self.active,
            "failed_attempts": self.failed_attempts, "locked_until": moment(self.locked_until),
            "created_at": moment(self.created_at), "updated_at": moment(self.updated_at),
            "last_login": moment(self.last_login),
        }


@dataclass(frozen=True)
class AccountRefusal:
    """An account change that cannot be made (a taken login, a weak password), in a sentence."""

    error: str

    def to_json(self) -> dict[str, Any]:
        return {"error": self.error}


@dataclass(frozen=True)
class LoginResult:
    """A login attempt: the account on success; on failure only the one sentence for every cause."""

    ok: bool
    account: Account | None
    message: str                  # empty on success

    @property
    def role(self) -> str | None:
        return None if self.account is None else self.account.role


# ---------------------------------------------------------------------------------------------
# Settings


def _setting(name: str, default: int) -> float:
    """A positive number from the environment; anything else (unset, text, zero) is the default."""
    raw = os.environ.get(name, "").strip()
    try:
        value = float(raw.replace(",", ".")) if raw else default
    except ValueError:
        return default
    return value if value > 0 else default


def max_failed_logins() -> int:
    """Failed logins in a row that lock an account (PUP_MAX_FAILED_LOGINS, default 5)."""
    return max(1, int(_setting(MAX_FAILED_ENV, DEFAULT_MAX_FAILED)))


def lockout_duration() -> timedelta:
    """How long a locked account stays locked (PUP_LOCKOUT_MINUTES, default 15)."""
    return timedelta(minutes=_setting(LOCKOUT_ENV, DEFAULT_LOCKOUT_MINUTES))


def session_timeout() -> timedelta:
    """Inactivity after which a session ends (PUP_SESSION_TIMEOUT_MINUTES, default 30)."""
    return timedelta(minutes=_setting(SESSION_TIMEOUT_ENV, DEFAULT_SESSION_TIMEOUT_MINUTES))


def session_expired(last_activity: datetime | None, now: datetime | None = None,
                    timeout: timedelta | None = None) -> bool:
    """True when a session last active at `last_activity` has been idle for `timeout` or longer."""
    if last_activity is None:
        return True
    return _utc(now) - _utc(last_activity) >= (timeout if timeout is not None else session_timeout())


# ---------------------------------------------------------------------------------------------
# Roles


def can_see_personal_data(role: str | None) -> bool:
    """Participant names are personal data (RODO): staff and administrators see them, viewers never."""
    return role in ("staff", "admin")


def can_import(role: str | None) -> bool:
    return role in ("staff", "admin")


def can_rollback(role: str | None) -> bool:
    return role == "admin"


def can_manage_accounts(role: str | None) -> bool:
    return role == "admin"


def pages_for(role: str | None) -> tuple[str, ...]:
    """The page keys `role` may open (none for an unknown role)."""
    return PAGES_BY_ROLE.get(role or "", ())


def role_label(role: str) -> str:
    """A role's name in the current language („podgląd (dyrekcja)”, „pracownik”, „administrator”)."""
    return t(ROLE_LABEL_KEYS[role]) if role in ROLE_LABEL_KEYS else role


# ---------------------------------------------------------------------------------------------
# Single sign-on (OpenID Connect through Streamlit's st.login), optional

SSO_SECTION = "pup_sso"                # our section of .streamlit/secrets.toml, beside Streamlit's [auth]
_ROLES_HIGHEST_FIRST = ("admin", "staff", "viewer")


@dataclass(frozen=True)
class SsoSettings:
    """What secrets.toml says about single sign-on: which provider, its button, and who gets which role.

    `roles` maps each role to the identities given it: e-mail addresses, logins or subjects of the
    provider's users, and names (or ids) of its groups, all compared without regard to case.
    """

    provider: str | None           # a provider named under [auth.<name>]; None: the one in [auth]
    label: str                     # the button's text ("" : a sentence of ours)
    groups_claim: str              # the ID-token claim that lists the user's groups
    roles: dict[str, frozenset[str]]


def sso_settings(secret_values: Any) -> SsoSettings | None:
    """The single sign-on settings, or None when it is not configured: Streamlit's [auth] section
    (redirect_uri, cookie_secret and a provider) and our [pup_sso] section with at least one role
    mapping are both needed. Without a mapping nobody would get a role, so no button is offered."""
    auth = _mapping(secret_values, "auth")
    ours = _mapping(secret_values, SSO_SECTION)
    if not auth or not ours or not auth.get("redirect_uri") or not auth.get("cookie_secret"):
        return None
    provider = ours.get("provider") or None
    if provider is None and not auth.get("client_id"):
        return None
    if provider is not None and not isinstance(auth.get(provider), dict):
        return None
    mapping = _mapping(ours, "roles")
    roles = {role: frozenset(_identity(value) for value in _as_list(mapping.get(role)) if _identity(value))
             for role in ROLES}
    if not any(roles.values()):
        return None
    return SsoSettings(provider=str(provider) if provider else None, label=str(ours.get("label") or ""),
                       groups_claim=str(ours.get("groups_claim") or "groups"), roles=roles)


def sso_identity(claims: Any) -> str:
    """Who signed in, as our audit trail and pages name them: e-mail, else login, else subject."""
    for claim in ("email", "preferred_username", "upn", "sub"):
        value = claims.get(claim) if hasattr(claims, "get") else None
        if isinstance(value, str) and value.strip():
            return value.strip()[:MAX_NAME_LENGTH]
    return "-"


def sso_role(claims: Any, settings: SsoSettings) -> str | None:
    """The highest role the mapping gives this user (by e-mail, login, subject or group); None when
    the mapping gives none, and the user is then refused."""
    get = claims.get if hasattr(claims, "get") else (lambda _claim: None)
    identities = {_identity(get(claim)) for claim in ("email", "preferred_username", "upn", "sub")}
    identities |= {_identity(group) for group in _as_list(get(settings.groups_claim))}
    identities.discard("")
    return next((role for role in _ROLES_HIGHEST_FIRST if identities & settings.roles[role]), None)


def record_sso_login(store: Store, identity: str, role: str | None) -> None:
    """A sign-on through the provider in the audit trail: a login with its role, or a refusal."""
    if role is None:
        record_audit(store, "login_failed", _typed_login(identity), details={"reason": "sso_no_role"})
    else:
        record_audit(store, "login", _typed_login(identity), details={"role": role, "sso": True})


def _mapping(container: Any, key: str) -> dict[str, Any]:
    try:
        value = container.get(key) if hasattr(container, "get") else None
    except Exception:  # noqa: BLE001 - st.secrets raises when there is no secrets file at all
        return {}
    if value is not None and hasattr(value, "to_dict"):
        value = value.to_dict()
    return dict(value) if isinstance(value, dict) else {}


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (str, int)):
        return [value]
    return list(value) if isinstance(value, (list, tuple, set, frozenset)) else []


def _identity(value: Any) -> str:
    return str(value).strip().casefold() if isinstance(value, (str, int)) else ""


# ---------------------------------------------------------------------------------------------
# What a login, a name and a password must be


def login_problem(login: str) -> str | None:
    """Why `login` cannot be a login, or None when it can."""
    cleaned = _clean_login(login)
    if not 1 <= len(cleaned) <= MAX_LOGIN_LENGTH or not _LOGIN_PATTERN.fullmatch(cleaned):
        return tn("account_bad_login", MAX_LOGIN_LENGTH)
    return None


def password_problem(password: str, login: str) -> str | None:
    """Why `password` is not good enough for the account `login`, or None when it is."""
    cleaned = _clean_password(password)
    if len(cleaned) < MIN_PASSWORD_LENGTH:
        return tn("password_too_short", MIN_PASSWORD_LENGTH)
    if len(cleaned) > MAX_PASSWORD_LENGTH:
        return tn("password_too_long", MAX_PASSWORD_LENGTH)
    if cleaned.casefold() == _login_key(login):
        return t("password_equals_login")
    return None


def role_problem(role: str) -> str | None:
    if role in ROLES:
        return None
    return t("account_bad_role", role=role, roles=", ".join(ROLES))


def _name_problem(name: str | None) -> str | None:
    if name is not None and len(name.strip()) > MAX_NAME_LENGTH:
        return tn("account_bad_name", MAX_NAME_LENGTH)
    return None


# ---------------------------------------------------------------------------------------------
# Reading accounts


def has_accounts(store: Store) -> bool:
    """False only on first start: the one-time form for the first administrator is shown then."""
    with read_transaction(store) as conn:
        return _count(conn) > 0


def list_users(store: Store) -> list[Account]:
    """Every account, by login."""
    with read_transaction(store) as conn:
        return [_account(row) for row in conn.execute(sa.select(users).order_by(users.c.login_key))]


def find_user(store: Store, login: str) -> Account | None:
    """The account `login` (any case), or None. A page re-reads it to notice a disabled account."""
    with read_transaction(store) as conn:
        row = _row(conn, login)
    return None if row is None else _account(row)


# ---------------------------------------------------------------------------------------------
# Changing accounts


def create_first_admin(store: Store, login: str, password: str,
                       name: str | None = None) -> Account | AccountRefusal:
    """The first account, an administrator; refused as soon as any account exists."""
    if has_accounts(store):
        return AccountRefusal(t("account_first_admin_exists"))
    problem = _new_account_problem(login, "admin", password, name)
    if problem:
        return AccountRefusal(problem)
    password_hash = _hash(password)       # before the write lock: hashing takes a while
    with write_transaction(store) as conn:
        if _count(conn) > 0:              # another browser got there first
            return AccountRefusal(t("account_first_admin_exists"))
        row = _insert(conn, login, "admin", password_hash, name)
        write_audit(conn, "first_admin_created", row.login, details={"login": row.login, "role": "admin"})
    return _account(row)


def add_user(store: Store, login: str, role: str, password: str, by: str,
             name: str | None = None) -> Account | AccountRefusal:
    """A new active account; `by` is who adds it (an administrator's login, or the OS user at the CLI)."""
    problem = _new_account_problem(login, role, password, name)
    if problem:
        return AccountRefusal(problem)
    password_hash = _hash(password)
    with write_transaction(store) as conn:
        if _row(conn, login) is not None:
            return AccountRefusal(t("account_login_taken", login=_clean_login(login)))
        row = _insert(conn, login, role, password_hash, name)
        write_audit(conn, "account_created", by,
                    details={"login": row.login, "role": role, "name": row.display_name})
    return _account(row)


def disable_user(store: Store, login: str, by: str) -> Account | AccountRefusal:
    """The account can no longer log in (nothing is deleted); the last active administrator stays."""
    with write_transaction(store) as conn:
        row = _row(conn, login)
        if row is None:
            return AccountRefusal(t("account_unknown", login=login))
        if _is_last_active_admin(conn, row):
            return AccountRefusal(t("account_last_admin", login=row.login))
        updated = _change(conn, row, active=False)
        ended = _end_sessions(conn, row, "disabled")
        write_audit(conn, "account_disabled", by, details={"login": row.login, **ended})
    return _account(updated)


def enable_user(store: Store, login: str, by: str) -> Account | AccountRefusal:
    """The account may log in again; this also lifts a lock after failed logins."""
    with write_transaction(store) as conn:
        row = _row(conn, login)
        if row is None:
            return AccountRefusal(t("account_unknown", login=login))
        updated = _change(conn, row, active=True, failed_attempts=0, locked_until=None)
        write_audit(conn, "account_enabled", by, details={"login": row.login})
    return _account(updated)


def set_password(store: Store, login: str, password: str, by: str) -> Account | AccountRefusal:
    """A new password (an administrator's reset or the user's own change); lifts a lock."""
    account = find_user(store, login)
    if account is None:
        return AccountRefusal(t("account_unknown", login=login))
    problem = password_problem(password, account.login)
    if problem:
        return AccountRefusal(problem)
    password_hash = _hash(password)
    with write_transaction(store) as conn:
        row = _row(conn, login)
        if row is None:
            return AccountRefusal(t("account_unknown", login=login))
        updated = _change(conn, row, password_hash=password_hash, failed_attempts=0, locked_until=None)
        ended = _end_sessions(conn, row, "password")
        write_audit(conn, "password_changed", by, details={"login": row.login, **ended})
    return _account(updated)


def set_role(store: Store, login: str, role: str, by: str) -> Account | AccountRefusal:
    """Another role for the account; the last active administrator keeps theirs."""
    problem = role_problem(role)
    if problem:
        return AccountRefusal(problem)
    with write_transaction(store) as conn:
        row = _row(conn, login)
        if row is None:
            return AccountRefusal(t("account_unknown", login=login))
        if role != "admin" and _is_last_active_admin(conn, row):
            return AccountRefusal(t("account_last_admin", login=row.login))
        updated = _change(conn, row, role=role)
        ended = _end_sessions(conn, row, "role") if role != row.role else {}
        write_audit(conn, "role_changed", by,
                    details={"login": row.login, "from": row.role, "to": role, **ended})
    return _account(updated)


# ---------------------------------------------------------------------------------------------
# Logging in and out


def authenticate(store: Store, login: str, password: str, now: datetime | None = None) -> LoginResult:
    """Check a login and password; count failures and lock the account after too many.

    Every failure (unknown login, wrong password, disabled or locked account) gives the same
    sentence, and an unknown login is verified against a dummy hash so that it takes as long.
    A locked or disabled account is verified too, for the same reason, but a correct password
    does not open it.
    """
    moment = _naive(now)
    login = login if isinstance(login, str) else ""
    password = password if isinstance(password, str) else ""
    with read_transaction(store) as conn:
        found = _row(conn, login)
    checked_hash = found.password_hash if found is not None else _dummy_hash(password_hasher)
    matched = _verify(checked_hash, password)
    if found is None:
        record_audit(store, "login_failed", _typed_login(login), details={"reason": "unknown_login"})
        return _failure()
    # Renewing an outdated hash is slow too: done before taking the write lock.
    new_hash = _hash(password) if matched and password_hasher.check_needs_rehash(checked_hash) else None

    with write_transaction(store) as conn:
        row = _row(conn, login)
        if row is None:
            return _failure()
        # A password changed since the read above: what was verified is no longer the password.
        matched = matched and row.password_hash == checked_hash
        refused = _refusal_reason(row, moment)
        if refused is not None:
            write_audit(conn, "login_failed", row.login, details={"reason": refused})
            return _failure()
        if not matched:
            _count_failure(conn, row, moment)
            return _failure()
        return _succeed(conn, row, moment, new_hash)


def record_logout(store: Store, login: str, reason: str = "user") -> None:
    """A session's end in the audit trail: `user` (the logout button) or `timeout` (inactivity)."""
    if reason not in LOGOUT_REASONS:
        raise ValueError(f"unknown logout reason: {reason!r}")
    record_audit(store, "logout", _typed_login(login), details={"reason": reason})


def _refusal_reason(row: Any, moment: datetime) -> str | None:
    """Why an account may not log in now whatever the password: disabled, or locked."""
    if not row.active:
        return "disabled"
    if row.locked_until is not None and moment < row.locked_until:
        return "locked"
    return None


def _succeed(conn: Connection, row: Any, moment: datetime, new_hash: str | None) -> LoginResult:
    """A good login: the failure count cleared, the time noted, an outdated hash replaced."""
    changes: dict[str, Any] = {"failed_attempts": 0, "locked_until": None, "last_login": moment}
    if new_hash is not None:
        changes["password_hash"] = new_hash
    updated = _update(conn, row, **changes)
    write_audit(conn, "login", row.login,
                details={"role": row.role, **({"rehashed": True} if new_hash else {})})
    return LoginResult(True, _account(updated), "")


def _count_failure(conn: Connection, row: Any, moment: datetime) -> None:
    """One more failed login; at the limit the account is locked and the count starts again."""
    # The increment is done by the database, so two wrong passwords at once both count.
    conn.execute(users.update().where(users.c.id == row.id)
                 .values(failed_attempts=users.c.failed_attempts + 1))
    failures = conn.execute(sa.select(users.c.failed_attempts).where(users.c.id == row.id)).scalar_one()
    details: dict[str, Any] = {"reason": "wrong_password", "failed_attempts": failures}
    write_audit(conn, "login_failed", row.login, details=details)
    if failures >= max_failed_logins():
        until = moment + lockout_duration()
        conn.execute(users.update().where(users.c.id == row.id)
                     .values(failed_attempts=0, locked_until=until))
        write_audit(conn, "account_locked", row.login,
                    details={"failed_attempts": failures, "locked_until": until.replace(tzinfo=UTC)})


def login_failed_message() -> str:
    """What every failed login is told, the same whatever failed: that the login or password is
    wrong or the account locked, after how many failures an account is locked, for how long (both
    from the settings), and that an administrator can unlock it sooner."""
    minutes = max(1, math.ceil(lockout_duration().total_seconds() / 60))
    lockout = tn("login_lockout", max_failed_logins(), for_minutes=tn("for_minutes", minutes))
    return t("login_failed", lockout=lockout)


def _failure() -> LoginResult:
    return LoginResult(False, None, login_failed_message())


# ---------------------------------------------------------------------------------------------
# Passwords


def _clean_password(password: str) -> str:
    # The same password typed on another system may arrive in another Unicode form (NIST SP
    # 800-63B asks for NFKC or NFKD): hash and verify the one form.
    return unicodedata.normalize("NFKC", password)


def _hash(password: str) -> str:
    return password_hasher.hash(_clean_password(password))


def _verify(password_hash: str, password: str) -> bool:
    try:
        return password_hasher.verify(password_hash, _clean_password(password))
    except (VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash(hasher: PasswordHasher) -> str:
    """A hash of a random secret, made with the parameters of real ones (so verifying takes as long)."""
    return hasher.hash(secrets.token_urlsafe(32))


# ---------------------------------------------------------------------------------------------
# Rows


def _clean_login(login: str) -> str:
    return unicodedata.normalize("NFC", login.strip()) if isinstance(login, str) else ""


def _login_key(login: str) -> str:
    """The form logins are compared in: `Kasia`, `KASIA` and ` kasia ` are one account."""
    return _clean_login(login).casefold()


login_key = _login_key            # (analytics/sessions.py looks accounts up the same way)


def _typed_login(login: str) -> str:
    """What was typed as a login, as the audit trail records it (cut short, never empty)."""
    return _clean_login(login)[:MAX_LOGIN_LENGTH] or "-"


def _new_account_problem(login: str, role: str, password: str, name: str | None) -> str | None:
    return (login_problem(login) or role_problem(role) or _name_problem(name)
            or password_problem(password, login))


def _count(conn: Connection) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(users)).scalar_one()


def _row(conn: Connection, login: str) -> Any:
    return conn.execute(sa.select(users).where(users.c.login_key == _login_key(login))).one_or_none()


def _insert(conn: Connection, login: str, role: str, password_hash: str, name: str | None) -> Any:
    moment = _naive(None)
    cleaned = _clean_login(login)
    new_id = conn.execute(users.insert().values(
        login=cleaned, login_key=_login_key(login), display_name=(name or "").strip() or cleaned,
        role=role, password_hash=password_hash, active=True, failed_attempts=0, locked_until=None,
        created_at=moment, updated_at=moment, last_login=None,
    )).inserted_primary_key[0]
    return conn.execute(sa.select(users).where(users.c.id == new_id)).one()


def _change(conn: Connection, row: Any, **values: Any) -> Any:
    """An account change (by an administrator or the CLI): the row updated and marked so."""
    return _update(conn, row, updated_at=_naive(None), **values)


def _update(conn: Connection, row: Any, **values: Any) -> Any:
    conn.execute(users.update().where(users.c.id == row.id).values(**values))
    return conn.execute(sa.select(users).where(users.c.id == row.id)).one()


def _end_sessions(conn: Connection, row: Any, reason: str) -> dict[str, int]:
    """Every open sign-in of the account ended, in the change's own transaction (its next click
    anywhere shows the login form); {"sessions_ended": n} for the audit entry when there were any."""
    ended = conn.execute(sessions.update()
                         .where(sessions.c.user_id == row.id, sessions.c.revoked_at.is_(None))
                         .values(revoked_at=_naive(None), revoked_reason=reason)).rowcount
    return {"sessions_ended": ended} if ended else {}


def _is_last_active_admin(conn: Connection, row: Any) -> bool:
    if row.role != "admin" or not row.active:
        return False
    others = conn.execute(
        sa.select(sa.func.count()).select_from(users)
        .where(users.c.role == "admin", users.c.active.is_(True), users.c.id != row.id)
    ).scalar_one()
    return others == 0


def _account(row: Any) -> Account:
    def utc(value: datetime | None) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)

    return Account(
        login=row.login, name=row.display_name, role=row.role, active=bool(row.active),
        failed_attempts=row.failed_attempts, locked_until=utc(row.locked_until),
        created_at=utc(row.created_at), updated_at=utc(row.updated_at), last_login=utc(row.last_login),
    )


def _utc(moment: datetime | None) -> datetime:
    """`moment` (now when None) as an aware UTC time; a naive time is taken to be UTC already."""
    if moment is None:
        return datetime.now(UTC)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _naive(moment: datetime | None) -> datetime:
    """UTC without a zone, as the store keeps times (SQLite has no zones)."""
    return _utc(moment).replace(tzinfo=None)
