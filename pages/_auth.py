"""Who is using the dashboard: the login form, the one-time form for the first administrator,
optional single sign-on, the session's end (logout, inactivity) and the role check every page makes.
Not a page itself.

The signed-in user lives in st.session_state[SESSION_KEY] on the server, never in the browser; each
run re-reads the account, so a disabled account or a changed role takes effect at the next click.

A password sign-in is also a row of the store's `sessions` table (analytics/sessions.py), checked at
every run. Served by server.py, the browser then redeems the sign-in's one-time ticket at the
server's own route for an HttpOnly cookie (`hand_ticket_over`), and every new Streamlit session of
that browser (a reload, a new tab, a bookmark) resumes from it (`check_session`). Under `streamlit
run dashboard.py` or AppTest that route does not exist: the sign-in then lasts as long as the tab.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import streamlit as st

from analytics import accounts, sessions
from analytics import store as store_api
from analytics.catalogue import t, tn
from analytics.formatting import escape_markdown

SESSION_KEY = "auth"
TICKET_KEY = "_auth_ticket"          # the sign-in's one-time ticket until the browser has redeemed it
CLEAR_COOKIE_KEY = "_auth_clear_cookie"   # after a logout: the login page asks the server to drop the cookie
NOTICE_KEY = "_auth_notice"          # why the login form is shown again (timeout, disabled account)
# The notice shown when a sign-in ended by itself (analytics.sessions' reasons; "ended": revoked).
ENDED_NOTICE_KEYS = {"timeout": "session_expired", "expired": "session_lifetime_over",
                     "disabled": "session_account_disabled", "ended": "session_ended_elsewhere"}
SESSION_ROUTE, LOGOUT_ROUTE = "/_pup/session", "/_pup/logout"
# server.py sets this when it serves the app: the routes that set and clear the cookie exist.
COOKIE_ROUTES = {"mounted": False}
KEPT_KEYS = {"lang"}                 # what outlives a session: the language chosen
WATCH_SECONDS = 60                   # how often an idle page checks whether its session has ended


@dataclass(frozen=True)
class Session:
    login: str
    name: str
    role: str
    sso: bool = False


def signed_in() -> Session | None:
    """The session's user as the frame last checked it (pages call this; no database query)."""
    raw = st.session_state.get(SESSION_KEY)
    if not isinstance(raw, dict) or raw.get("role") not in accounts.ROLES or not raw.get("login"):
        return None
    return Session(str(raw["login"]), str(raw.get("name") or raw["login"]), str(raw["role"]),
                   bool(raw.get("sso")))


def role() -> str | None:
    session = signed_in()
    return None if session is None else session.role


def check_session(store: store_api.Store, now: datetime | None = None) -> Session | None:
    """The signed-in user after the checks of every run: the session not idle for too long, the
    account still there and active (its role and name read afresh). None: show the login form."""
    raw = st.session_state.get(SESSION_KEY)
    if not isinstance(raw, dict) or not raw.get("login"):
        return _resume_from_cookie(store, now)
    moment = now or datetime.now(UTC)
    if raw.get("session_id") is not None:
        return _check_row(store, raw, moment)
    if accounts.session_expired(raw.get("last_seen", moment), moment):
        end_session(store, "timeout")
        st.session_state[NOTICE_KEY] = "session_expired"
        return None
    if raw.get("sso"):
        settings = sso_settings()
        user_role = _sso_role(settings) if settings is not None else None
        if user_role is None:
            end_session(store, None)
            return None
        raw["role"] = user_role
    else:
        account = accounts.find_user(store, str(raw["login"]))
        if account is None or not account.active:
            end_session(store, None)
            st.session_state[NOTICE_KEY] = "session_account_disabled"
            return None
        raw.update(login=account.login, name=account.name, role=account.role)
    raw["last_seen"] = moment
    return signed_in()


def _check_row(store: store_api.Store, raw: dict[str, Any], moment: datetime) -> Session | None:
    """A password sign-in: its row decides (revoked, idle, past its lifetime, the account disabled)."""
    checked = sessions.check(store, int(raw["session_id"]), moment)
    if checked.sign_in is None:
        end_session(store, None)
        st.session_state[NOTICE_KEY] = ENDED_NOTICE_KEYS[checked.ended or "ended"]
        return None
    sign_in = checked.sign_in
    raw.update(login=sign_in.login, name=sign_in.name, role=sign_in.role, last_seen=sign_in.last_seen)
    return signed_in()


def _resume_from_cookie(store: store_api.Store, now: datetime | None) -> Session | None:
    """A new Streamlit session (reload, new tab, deep link) of a browser that signed in earlier."""
    token = st.context.cookies.get(sessions.COOKIE_NAME)
    if not isinstance(token, str) or not token:      # (AppTest's mock runtime answers with a mock)
        return None
    resumed = sessions.resume(store, token, now)
    if resumed.sign_in is None:
        if resumed.ended in ENDED_NOTICE_KEYS and resumed.ended != "ended":
            st.session_state[NOTICE_KEY] = ENDED_NOTICE_KEYS[resumed.ended]
        return None
    sign_in = resumed.sign_in
    start_session(sign_in.login, sign_in.name, sign_in.role, session_id=sign_in.session_id)
    return signed_in()


def start_session(login: str, name: str, user_role: str, sso: bool = False,
                  session_id: int | None = None) -> None:
    st.session_state[SESSION_KEY] = {"login": login, "name": name, "role": user_role, "sso": sso,
                                     "last_seen": datetime.now(UTC), "session_id": session_id}
    st.session_state.pop(NOTICE_KEY, None)


def start_password_session(store: store_api.Store, account: accounts.Account) -> None:
    """After a good password (or the first administrator's form): a session row, and its ticket
    kept for the browser to redeem when server.py serves the app."""
    session_id, ticket = sessions.open_session(store, account.login, _user_agent())
    start_session(account.login, account.name, account.role, session_id=session_id)
    if COOKIE_ROUTES["mounted"]:
        st.session_state[TICKET_KEY] = (ticket, time.monotonic() + sessions.TICKET_SECONDS)


def _user_agent() -> str:
    try:
        value = st.context.headers.get("User-Agent")
    except Exception:  # noqa: BLE001 - no request behind this session (AppTest)
        return ""
    return value if isinstance(value, str) else ""


# The element containers of the hand-over scripts take no room (as pages/_document.py's).
_HIDE_SCRIPT = ('<style>[data-testid="stElementContainer"]:has(> [data-testid="stHtml"]'
                " > script[data-pup-session]) { display: none; }</style>")


def _post_script(route: str, fields: dict[str, str]) -> str:
    """A background POST to one of server.py's routes, whose answer sets or clears the HttpOnly
    cookie (a page talking over its WebSocket cannot). Only our own JSON-encoded values go in."""
    return (f"{_HIDE_SCRIPT}<script data-pup-session>fetch({json.dumps(route)}, {{method: 'POST', "
            "credentials: 'same-origin', headers: {'X-Pup-Fetch': '1'}, "
            f"body: new URLSearchParams({json.dumps(fields)})}});</script>")


def hand_ticket_over(store: store_api.Store, session: Session) -> None:
    """On every signed-in run until the browser has redeemed it (or it has run out): the script
    that hands the sign-in's ticket to POST /_pup/session, which answers with the cookie."""
    ticket, until = st.session_state.get(TICKET_KEY) or (None, 0.0)
    raw = st.session_state.get(SESSION_KEY) or {}
    if not ticket or raw.get("session_id") is None:
        return
    if time.monotonic() > until or sessions.token_issued(store, int(raw["session_id"])):
        st.session_state.pop(TICKET_KEY, None)       # redeemed, or run out (the tab stays signed in)
        return
    st.html(_post_script(SESSION_ROUTE, {"ticket": ticket}), unsafe_allow_javascript=True)


def clear_cookie() -> None:
    """After a logout (the token is already revoked in the store): the browser drops the cookie."""
    if st.session_state.pop(CLEAR_COOKIE_KEY, False) and COOKIE_ROUTES["mounted"]:
        st.html(_post_script(LOGOUT_ROUTE, {}), unsafe_allow_javascript=True)


def end_session(store: store_api.Store, reason: str | None) -> None:
    """Forget the user (and everything the session held); `reason` goes to the audit trail."""
    session = signed_in()
    if session is not None and reason is not None:
        accounts.record_logout(store, session.login, reason)
    for key in list(st.session_state):
        if key not in KEPT_KEYS:
            del st.session_state[key]       # the filters and pages' choices of the user who left


def require(page: str) -> Session:
    """Every page's first line: the signed-in user when their role may open `page`; otherwise a
    refusal and nothing else of the page (also when its address was typed directly)."""
    session = signed_in()
    if session is None or page not in accounts.pages_for(session.role):
        st.error(t("page_refused"), icon=":material/block:")
        st.stop()
    return session


# -- the login page ---------------------------------------------------------------------------------


def login_page(store: store_api.Store) -> None:
    """What anyone not signed in sees: the first administrator's form on an empty accounts table,
    otherwise the login form (and the single sign-on button where it is configured)."""
    clear_cookie()
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        st.title(t("login_title"))
        st.caption(t("app_caption"))
        notice = st.session_state.pop(NOTICE_KEY, None)
        if notice:
            st.info(t(notice), icon=":material/lock_clock:")
        if not accounts.has_accounts(store):
            first_admin_form(store)
            return
        settings = sso_settings()
        if settings is not None:
            sso_block(store, settings)
        login_form(store)


def login_form(store: store_api.Store) -> None:
    with st.form("login", enter_to_submit=True):
        login = st.text_input(t("login_label"), max_chars=accounts.MAX_LOGIN_LENGTH, autocomplete="username")
        password = st.text_input(t("password_label"), type="password", autocomplete="current-password",
                                 max_chars=accounts.MAX_PASSWORD_LENGTH)
        submitted = st.form_submit_button(t("login_button"), type="primary", icon=":material/login:")
    if submitted:
        result = accounts.authenticate(store, login, password)
        if result.ok and result.account is not None:
            start_password_session(store, result.account)
            st.rerun()
        st.error(result.message or accounts.login_failed_message(), icon=":material/error:")


def first_admin_form(store: store_api.Store) -> None:
    """Once, on a new installation: the administrator's account (as Grafana and Metabase ask)."""
    st.subheader(t("first_admin_heading"))
    st.write(tn("first_admin_intro", accounts.MIN_PASSWORD_LENGTH))
    with st.form("first_admin"):
        login = st.text_input(t("login_label"), max_chars=accounts.MAX_LOGIN_LENGTH, autocomplete="username")
        name = st.text_input(t("account_name_label"), max_chars=accounts.MAX_NAME_LENGTH)
        password, repeat = new_password_fields()
        submitted = st.form_submit_button(t("first_admin_button"), type="primary")
    if not submitted or not same_passwords(password, repeat):
        return
    created = accounts.create_first_admin(store, login, password, name or None)
    if isinstance(created, accounts.AccountRefusal):
        st.error(created.error, icon=":material/error:")
        return
    start_password_session(store, created)
    st.rerun()


def new_password_fields(key: str | None = None) -> tuple[str, str]:
    """A new password and its repetition (inside a form); `key` names the two widgets
    (`<key>_password`, `<key>_password_repeat`)."""
    keys = (f"{key}_password", f"{key}_password_repeat") if key else (None, None)
    return tuple(st.text_input(t(label), type="password", autocomplete="new-password",
                               max_chars=accounts.MAX_PASSWORD_LENGTH, key=widget)
                 for label, widget in zip(("password_label", "password_repeat_label"), keys, strict=True))


def same_passwords(password: str, repeat: str) -> bool:
    """Whether the two typed passwords agree; says so when they do not."""
    if password != repeat:
        st.error(t("passwords_differ"), icon=":material/error:")
    return password == repeat


# -- single sign-on ---------------------------------------------------------------------------------


def sso_settings() -> accounts.SsoSettings | None:
    return accounts.sso_settings(st.secrets)


def _claims() -> dict[str, Any]:
    try:
        return st.user.to_dict() if st.user.is_logged_in else {}
    except Exception:  # noqa: BLE001 - no [auth] section: st.user has nothing to say
        return {}


def _sso_role(settings: accounts.SsoSettings) -> str | None:
    claims = _claims()
    return accounts.sso_role(claims, settings) if claims else None


def sso_block(store: store_api.Store, settings: accounts.SsoSettings) -> None:
    """The provider's button; back from the provider, the user is signed in with the mapped role,
    or told that no role is given to them (and the provider's session is closed here)."""
    claims = _claims()
    if claims:
        identity = accounts.sso_identity(claims)
        user_role = accounts.sso_role(claims, settings)
        accounts.record_sso_login(store, identity, user_role)
        if user_role is not None:
            start_session(identity, str(claims.get("name") or identity), user_role, sso=True)
            st.rerun()
        st.error(t("sso_no_role", identity=identity), icon=":material/block:")
        st.button(t("logout_button"), on_click=st.logout, key="sso_refused_logout")
        return
    if st.button(settings.label or t("sso_button"), icon=":material/key:", width="stretch"):
        if settings.provider:
            st.login(settings.provider)
        else:
            st.login()
    st.caption(t("sso_or_password"))


# -- the signed-in user in the sidebar --------------------------------------------------------------


def sidebar_account(store: store_api.Store, session: Session) -> None:
    """Who is signed in, with which role, and the logout button; idle pages watch for the timeout."""
    with st.sidebar:
        st.caption(t("signed_in_as", name=_plain(session.name), role=accounts.role_label(session.role)))
        if st.button(t("logout_button"), icon=":material/logout:", key="logout"):
            sso = session.sso
            session_id = (st.session_state.get(SESSION_KEY) or {}).get("session_id")
            if session_id is not None:      # revoked first: the cookie is dead whatever happens next
                sessions.end_session(store, int(session_id), "user")
                end_session(store, None)
                st.session_state[CLEAR_COOKIE_KEY] = True
            else:
                end_session(store, "user")
            st.session_state[NOTICE_KEY] = "logged_out"
            if sso:
                st.logout()
            st.rerun()
        hand_ticket_over(store, session)
        # Every minute, or twice per timeout when it is shorter (the tests use seconds).
        every = max(1.0, min(WATCH_SECONDS, accounts.session_timeout().total_seconds() / 2))
        st.fragment(_watch_timeout, run_every=every)(store)


def _watch_timeout(store: store_api.Store) -> None:
    """Reruns alone (not counted as activity); once the session has been idle for too long, the
    whole page reruns and the frame shows the login form instead of the data."""
    raw = st.session_state.get(SESSION_KEY)
    if not isinstance(raw, dict):
        return
    if raw.get("session_id") is not None:
        # The row's last_seen is shared by the user's tabs: a look, not a touch (not activity).
        if not sessions.still_open(store, int(raw["session_id"])):
            st.rerun(scope="app")
    elif accounts.session_expired(raw.get("last_seen")):
        st.rerun(scope="app")


def _plain(text: str) -> str:
    return escape_markdown(text)
