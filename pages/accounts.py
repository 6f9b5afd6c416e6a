"""Konta: the administrator adds accounts, disables and enables them, resets passwords, changes roles.
Every change goes to the audit trail (analytics.accounts); passwords are never shown."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import accounts, formatting, sessions
from analytics.catalogue import t
from pages import _auth as auth
from pages import _shared as shared


def main() -> None:
    session = auth.require("accounts")
    st.title(t("accounts_title"))
    shared.show_flashes()
    st.write(t("accounts_intro"))
    the_store = shared.store()
    users = accounts.list_users(the_store)
    st.dataframe(accounts_table(users), hide_index=True, width="stretch")
    left, right = st.columns(2)
    with left:
        add_account(the_store, session)
    with right:
        change_account(the_store, session, users)
    open_sessions(the_store, session)


def accounts_table(users: list[accounts.Account]) -> pd.DataFrame:
    return pd.DataFrame({
        t("col_login"): [user.login for user in users],
        t("col_account_name"): [user.name for user in users],
        t("col_role"): [accounts.role_label(user.role) for user in users],
        t("col_account_state"): [state(user) for user in users],
        t("col_last_login"): [formatting.format_datetime(user.last_login) if user.last_login else "–"
                              for user in users],
    })


def state(user: accounts.Account) -> str:
    if not user.active:
        return t("account_inactive")
    if user.locked():
        return t("account_locked_until", until=formatting.format_datetime(user.locked_until))
    return t("account_active")


def add_account(the_store, session: auth.Session) -> None:
    st.header(t("account_add_heading"))
    with st.form("account_add", clear_on_submit=True):
        login = st.text_input(t("login_label"), max_chars=accounts.MAX_LOGIN_LENGTH, key="new_login")
        name = st.text_input(t("account_name_label"), max_chars=accounts.MAX_NAME_LENGTH, key="new_name")
        role = st.selectbox(t("col_role"), accounts.ROLES, format_func=accounts.role_label, index=0,
                            key="new_role", placeholder=t("choose_option"))
        password, repeat = auth.new_password_fields("new")
        submitted = st.form_submit_button(t("account_add_button"), type="primary",
                                          icon=":material/person_add:")
    if submitted and auth.same_passwords(password, repeat):
        done(accounts.add_user(the_store, login, role, password, by=session.login, name=name or None),
             "account_added")


def change_account(the_store, session: auth.Session, users: list[accounts.Account]) -> None:
    st.header(t("account_change_heading"))
    if not users:
        return
    chosen = st.selectbox(t("account_choose"), users, key="account_chosen", placeholder=t("choose_option"),
                          format_func=lambda user: f"{user.login} – {accounts.role_label(user.role)}")
    st.caption(state(chosen))
    role_column, state_column = st.columns(2)
    with role_column:
        new_role = st.selectbox(t("account_new_role"), accounts.ROLES, format_func=accounts.role_label,
                                index=accounts.ROLES.index(chosen.role), key=f"account_role_{chosen.login}",
                                placeholder=t("choose_option"))
        if st.button(t("account_role_button"), key="account_role_button", disabled=new_role == chosen.role):
            done(accounts.set_role(the_store, chosen.login, new_role, by=session.login), "account_role_set")
    with state_column:
        if chosen.active and not chosen.locked():
            if st.button(t("account_disable_button"), key="account_disable", icon=":material/block:"):
                done(accounts.disable_user(the_store, chosen.login, by=session.login),
                     "account_disabled_done")
        elif st.button(t("account_enable_button"), key="account_enable", icon=":material/lock_open:"):
            done(accounts.enable_user(the_store, chosen.login, by=session.login), "account_enabled_done")
    with st.form("account_password", clear_on_submit=True):
        st.write(t("account_password_heading", login=shared.safe(chosen.login)))
        password, repeat = auth.new_password_fields("reset")
        submitted = st.form_submit_button(t("account_password_button"), icon=":material/password:")
    if submitted and auth.same_passwords(password, repeat):
        done(accounts.set_password(the_store, chosen.login, password, by=session.login),
             "account_password_set")


def open_sessions(the_store, session: auth.Session) -> None:
    """Who is signed in (since when, last click, browser); an administrator can end a session."""
    st.header(t("sessions_heading"))
    st.caption(t("sessions_intro"))
    listed = sessions.open_sessions(the_store)
    if not listed:
        st.write(t("sessions_none"))
        return
    st.dataframe(sessions_table(listed), hide_index=True, width="stretch", key="sessions_table")
    chosen = st.selectbox(t("session_choose"), listed, key="session_chosen", placeholder=t("choose_option"),
                          format_func=lambda open_: t("session_label", login=open_.login,
                                                      since=formatting.format_datetime(open_.created_at)))
    if st.button(t("session_end_button"), key="session_end", icon=":material/logout:"):
        sessions.end_session(the_store, chosen.session_id, "admin", by=session.login)
        shared.flash("success", t("session_ended_done", login=chosen.login))
        st.rerun()


def sessions_table(listed: list[sessions.OpenSession]) -> pd.DataFrame:
    return pd.DataFrame({
        t("col_login"): [open_.login for open_ in listed],
        t("col_account_name"): [open_.name for open_ in listed],
        t("col_session_since"): [formatting.format_datetime(open_.created_at) for open_ in listed],
        t("col_session_last_seen"): [formatting.format_datetime(open_.last_seen) for open_ in listed],
        t("col_session_browser"): [sessions.browser_label(open_.user_agent) or t("session_unknown_browser")
                                   for open_ in listed],
    })


def done(outcome: accounts.Account | accounts.AccountRefusal, message: str) -> None:
    """A refusal shown where the change was asked; a change made confirmed after the rerun."""
    if isinstance(outcome, accounts.AccountRefusal):
        st.error(outcome.error, icon=":material/error:")
        return
    shared.flash("success", t(message, login=outcome.login, role=accounts.role_label(outcome.role)))
    st.rerun()


main()
