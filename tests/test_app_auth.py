"""Login, roles and sessions, driven through Streamlit's AppTest on the test's own SQLite store:
nothing before login, the first administrator's form once, the login form and its lockout, each
role's pages and refusals, no participant name for the viewer, logout, timeout, the accounts page."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pandas as pd
import pytest
from app_support import DASHBOARD, PASSWORD, ensure_account, signed_in
from argon2 import PasswordHasher
from streamlit.testing.v1 import AppTest
from test_app_dashboard import messy_attendance_xlsx, open_page, plotly_charts

from analytics import accounts, importing
from analytics import store as store_api
from analytics.catalogue import t
from analytics.store import schema as store_schema

ALL_PAGES = ("pages/overview.py", "pages/participation.py", "pages/projects.py", "pages/upload.py",
             "pages/history.py", "pages/accounts.py")
VIEWER_PAGES = ALL_PAGES[:3]
# The people of messy_attendance_xlsx(), as its cells and as the store normalises them.
NAMES = ("Anna Nowak", "KOWALSKI Jan", "Jan Kowalski", "Ewa Wiśniewska", "Piotr Zając")
# Every failed login, whatever failed, with the lock's rule as the settings make it.
FAILURE = ("Nieprawidłowy login lub hasło albo konto jest zablokowane. Po 5 nieudanych próbach z rzędu konto "
           "jest blokowane na 15 minut. Wcześniej odblokuje je administrator (Konta › Odblokuj konto).")


def fresh() -> AppTest:
    return AppTest.from_file(str(DASHBOARD), default_timeout=60).run()


def inputs(app: AppTest) -> dict[str, Any]:
    return {box.label: box for box in app.text_input}


def button(app: AppTest, label: str) -> Any:
    return next(b for b in app.button if b.label == label)


def log_in(app: AppTest, login: str, password: str) -> AppTest:
    boxes = inputs(app)
    boxes[t("login_label", "pl")].input(login)
    boxes[t("password_label", "pl")].input(password)
    button(app, t("login_button", "pl")).click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def on_login_page(app: AppTest) -> bool:
    return [title.value for title in app.title] == [t("login_title", "pl")]


def audit_actions(limit: int = 20) -> list[tuple[str, str, dict]]:
    return [(e.action, e.user, e.details) for e in store_api.audit_log(store_api.open_store(), limit)]


def everything_shown(app: AppTest) -> str:
    """All an AppTest page holds (main area and sidebar): element protos as text, tables as CSV,
    charts as their JSON spec (which holds the hover texts)."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        value = getattr(node, "value", None) if type(node).__name__ in ("Dataframe", "Table") else None
        if isinstance(value, pd.DataFrame):
            parts.append(value.to_csv())
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
            spec = getattr(proto, "spec", None)
            if isinstance(spec, str):
                parts.append(spec)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(app._tree)
    return "\n".join(parts)


# -- before login ---------------------------------------------------------------------------------


def test_first_start_shows_only_the_first_administrator_form_and_it_creates_an_argon2_account():
    app = fresh()
    assert on_login_page(app)
    assert list(inputs(app)) == [t("login_label", "pl"), t("account_name_label", "pl"),
                                 t("password_label", "pl"), t("password_repeat_label", "pl")]
    assert not plotly_charts(app) and not app.metric and not app.sidebar.multiselect
    boxes = inputs(app)
    boxes[t("login_label", "pl")].input("kierownik.it")
    boxes[t("account_name_label", "pl")].input("Kierownik IT")
    boxes[t("password_label", "pl")].input("pierwsze-haslo-2026")
    boxes[t("password_repeat_label", "pl")].input("pierwsze-haslo-2026")
    button(app, t("first_admin_button", "pl")).click().run()
    assert not app.exception
    assert [title.value for title in app.title] == [t("overview_title", "pl")]
    assert any(c.value.startswith("Zalogowano: Kierownik IT (administrator)") for c in app.sidebar.caption)
    with store_api.open_store().engine.connect() as conn:
        stored = conn.execute(store_schema.users.select()).one()
    assert stored.role == "admin" and stored.password_hash != "pierwsze-haslo-2026"
    assert stored.password_hash.startswith("$argon2id$")
    assert PasswordHasher().verify(stored.password_hash, "pierwsze-haslo-2026")
    created = ("first_admin_created", "kierownik.it", {"login": "kierownik.it", "role": "admin"})
    assert created in audit_actions()
    # Once an account exists, a new visitor gets the login form, never the first-run form again.
    again = fresh()
    assert list(inputs(again)) == [t("login_label", "pl"), t("password_label", "pl")]
    assert not [s for s in again.subheader if s.value == t("first_admin_heading", "pl")]


def test_first_administrator_form_refuses_differing_passwords_and_weak_ones_and_writes_nothing():
    app = fresh()
    boxes = inputs(app)
    boxes[t("login_label", "pl")].input("admin")
    boxes[t("password_label", "pl")].input("pierwsze-haslo-2026")
    boxes[t("password_repeat_label", "pl")].input("pierwsze-haslo-2027")
    button(app, t("first_admin_button", "pl")).click().run()
    assert [e.value for e in app.error] == [t("passwords_differ", "pl")]
    boxes = inputs(app)
    boxes[t("password_label", "pl")].input("krotkie")
    boxes[t("password_repeat_label", "pl")].input("krotkie")
    button(app, t("first_admin_button", "pl")).click().run()
    assert app.error and "co najmniej 10 znaków" in app.error[0].value
    assert on_login_page(app)
    assert not accounts.has_accounts(store_api.open_store())


def test_no_page_and_no_chart_before_login():
    ensure_account("staff")
    app = fresh()
    assert on_login_page(app)
    assert not plotly_charts(app) and not app.metric and not app.dataframe
    assert not app.get("file_uploader") and not app.sidebar.multiselect
    for page in ALL_PAGES:                 # no page is even registered: every address shows the form
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            app.switch_page(page)
    assert "Anna" not in everything_shown(app)


def test_login_form_signs_in_and_a_wrong_password_or_unknown_login_get_one_sentence():
    ensure_account("staff", "ania")
    app = log_in(fresh(), "ania", "zle-haslo-123456")
    assert [e.value for e in app.error] == [FAILURE]
    log_in(app, "nie-ma-takiego", PASSWORD)
    assert [e.value for e in app.error] == [FAILURE]
    assert on_login_page(app)
    log_in(app, "ANIA", PASSWORD)                  # logins ignore case
    assert [title.value for title in app.title] == [t("overview_title", "pl")]
    actions = audit_actions()
    assert ("login", "ania", {"role": "staff"}) in actions
    assert ("login_failed", "nie-ma-takiego", {"reason": "unknown_login"}) in actions


def test_five_failures_lock_the_account_and_the_lock_ends_after_its_time(monkeypatch):
    monkeypatch.setenv("PUP_LOCKOUT_MINUTES", "0.05")           # 3 seconds
    ensure_account("staff", "ania")
    app = fresh()
    for _ in range(5):
        log_in(app, "ania", "zle-haslo-123456")
    log_in(app, "ania", PASSWORD)                                # right password, but locked
    assert [e.value for e in app.error] == [FAILURE.replace("na 15 minut", "na 1 minutę")]
    assert on_login_page(app)
    assert accounts.find_user(store_api.open_store(), "ania").locked()
    time.sleep(3.2)
    log_in(app, "ania", PASSWORD)
    assert [title.value for title in app.title] == [t("overview_title", "pl")]


def test_a_locked_account_is_told_the_rule_and_the_administrator_unlocks_it_on_the_accounts_page():
    ensure_account("staff", "ania")
    app = fresh()
    for _ in range(5):
        log_in(app, "ania", "zle-haslo-123456")
        assert [e.value for e in app.error] == [FAILURE]
    log_in(app, "ania", PASSWORD)                                # right password, locked: the same sentence
    assert [e.value for e in app.error] == [FAILURE]
    log_in(app, "nie-ma-takiego", PASSWORD)                      # and an unknown login too
    assert [e.value for e in app.error] == [FAILURE]

    admin = open_page(signed_in("admin", "szef").run(), "pages/accounts.py")
    chosen = admin.selectbox(key="account_chosen")
    chosen.set_value(next(o for o in chosen.options if o.startswith("ania"))).run()
    assert any(c.value.startswith("zablokowane do ") for c in admin.caption)
    admin.button(key="account_enable").click().run()
    assert not accounts.find_user(store_api.open_store(), "ania").locked()

    log_in(app, "ania", PASSWORD)
    assert [title.value for title in app.title] == [t("overview_title", "pl")]


def test_the_failure_message_follows_the_lock_settings_in_either_language(monkeypatch):
    monkeypatch.setenv("PUP_MAX_FAILED_LOGINS", "3")
    monkeypatch.setenv("PUP_LOCKOUT_MINUTES", "22")
    ensure_account("staff", "ania")
    app = log_in(fresh(), "ania", "zle-haslo-123456")
    assert [e.value for e in app.error] == [
        FAILURE.replace("Po 5 nieudanych", "Po 3 nieudanych").replace("na 15 minut", "na 22 minuty")]
    app.radio(key="lang").set_value("en").run()
    boxes = {box.label: box for box in app.text_input}
    boxes[t("login_label", "en")].input("nie-ma-takiego")
    boxes[t("password_label", "en")].input(PASSWORD)
    button(app, t("login_button", "en")).click().run()
    assert [e.value for e in app.error] == [
        "Wrong login or password, or the account is locked. After 3 failed attempts in a row an account is "
        "locked for 22 minutes. An administrator can unlock it sooner (Accounts › Enable the account)."]


# -- roles ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["viewer", "staff", "admin"])
def test_each_role_opens_its_pages_and_gets_a_refusal_on_the_others(role):
    app = signed_in(role).run()
    allowed = {f"pages/{'upload' if p == 'import' else p}.py" for p in accounts.pages_for(role)}
    for page in ALL_PAGES:
        open_page(app, page)
        refused = [e.value for e in app.error] == [t("page_refused", "pl")]
        assert refused == (page not in allowed), (role, page)
        if refused:
            assert not app.title and not app.get("file_uploader") and not app.dataframe
            assert not plotly_charts(app) and not app.text_input


def test_viewer_pages_hold_no_participant_name_anywhere_while_staff_see_the_list():
    importing.import_file(store_api.open_store(), messy_attendance_xlsx(), mode="replace", user="test",
                          file_name="lista.xlsx")
    viewer = signed_in("viewer").run()
    for page in VIEWER_PAGES:
        open_page(viewer, page)
        shown = everything_shown(viewer)
        assert "Słupno" in shown or page != "pages/participation.py"       # the page did draw the data
        for name in NAMES:
            assert name not in shown, (page, name)
    # The same check finds the names where staff may see them: it can fail.
    staff = signed_in("staff").run()
    open_page(staff, "pages/participation.py")
    staff.toggle(key="show_participants").set_value(True).run()
    shown = everything_shown(staff)
    assert "Anna Nowak" in shown and "Piotr Zając" in shown


def test_projects_page_names_no_project_leader_for_the_viewer():
    viewer = open_page(signed_in("viewer").run(), "pages/projects.py")
    leaders = set(store_api.active_frame(store_api.open_store(), "projects")["leader"].dropna())
    assert leaders
    shown = everything_shown(viewer)
    assert not [leader for leader in leaders if leader in shown]
    staff = open_page(signed_in("staff").run(), "pages/projects.py")
    assert [leader for leader in leaders if leader in everything_shown(staff)]


# -- the session ------------------------------------------------------------------------------------


def test_logout_returns_to_the_login_form_and_is_recorded():
    app = signed_in("staff", "ania").run()
    open_page(app, "pages/participation.py")
    app.sidebar.button(key="logout").click().run()
    assert on_login_page(app)
    assert any(i.value == t("logged_out", "pl") for i in app.info)
    assert ("logout", "ania", {"reason": "user"}) in audit_actions()
    assert "filters" not in app.session_state                     # nothing of the session is left


def test_an_idle_session_ends_after_the_timeout(monkeypatch):
    monkeypatch.setenv("PUP_SESSION_TIMEOUT_MINUTES", "30")
    ensure_account("staff", "ania")
    app = AppTest.from_file(str(DASHBOARD), default_timeout=60)
    app.session_state["auth"] = {"login": "ania", "role": "staff",
                                 "last_seen": datetime.now(UTC) - timedelta(minutes=29)}
    app.run()
    assert [title.value for title in app.title] == [t("overview_title", "pl")]   # 29 minutes: still in
    app.session_state["auth"]["last_seen"] = datetime.now(UTC) - timedelta(minutes=31)
    app.run()
    assert on_login_page(app)
    assert any(i.value == t("session_expired", "pl") for i in app.info)
    assert ("logout", "ania", {"reason": "timeout"}) in audit_actions()


def test_a_disabled_account_is_signed_out_at_its_next_click():
    app = signed_in("staff", "ania").run()
    assert not on_login_page(app)
    ensure_account("admin", "szef")
    accounts.disable_user(store_api.open_store(), "ania", by="szef")
    app.run()
    assert on_login_page(app)
    assert any(i.value == t("session_account_disabled", "pl") for i in app.info)


def test_a_role_changed_by_the_administrator_applies_at_the_next_click():
    app = open_page(signed_in("staff", "ania").run(), "pages/upload.py")
    assert app.get("file_uploader")
    ensure_account("admin", "szef")
    accounts.set_role(store_api.open_store(), "ania", "viewer", by="szef")
    app.run()
    assert [e.value for e in app.error] == [t("page_refused", "pl")]
    assert not app.get("file_uploader")


# -- the accounts page ----------------------------------------------------------------------------


def test_administrator_adds_an_account_changes_its_role_resets_its_password_and_disables_it():
    app = open_page(signed_in("admin", "szef").run(), "pages/accounts.py")
    app.text_input(key="new_login").input("dyrektor")
    app.text_input(key="new_name").input("Dyrektor PUP")
    app.text_input(key="new_password").input("haslo-dyrektora-1")
    app.text_input(key="new_password_repeat").input("haslo-dyrektora-1")
    button(app, t("account_add_button", "pl")).click().run()
    assert not app.exception
    assert any("Utworzono konto „dyrektor”" in s.value for s in app.success)
    the_store = store_api.open_store()
    created = accounts.find_user(the_store, "dyrektor")
    assert created is not None and created.role == "viewer" and created.name == "Dyrektor PUP"
    assert accounts.authenticate(the_store, "dyrektor", "haslo-dyrektora-1").ok

    chosen = app.selectbox(key="account_chosen")
    chosen.set_value(next(o for o in chosen.options if o.startswith("dyrektor"))).run()
    app.selectbox(key="account_role_dyrektor").set_value("staff").run()
    app.button(key="account_role_button").click().run()
    assert accounts.find_user(the_store, "dyrektor").role == "staff"

    app.text_input(key="reset_password").input("nowe-haslo-dyrektora")
    app.text_input(key="reset_password_repeat").input("nowe-haslo-dyrektora")
    button(app, t("account_password_button", "pl")).click().run()
    assert accounts.authenticate(the_store, "dyrektor", "nowe-haslo-dyrektora").ok

    app.button(key="account_disable").click().run()
    assert not accounts.find_user(the_store, "dyrektor").active
    actions = [action for action, _, _ in audit_actions(30)]
    for action in ("account_created", "role_changed", "password_changed", "account_disabled"):
        assert action in actions
    assert "haslo-dyrektora" not in everything_shown(app)


def test_accounts_page_refuses_a_taken_login_and_the_last_administrator_keeps_the_role():
    app = open_page(signed_in("admin", "szef").run(), "pages/accounts.py")
    app.text_input(key="new_login").input("SZEF")
    app.text_input(key="new_password").input("haslo-kogos-innego")
    app.text_input(key="new_password_repeat").input("haslo-kogos-innego")
    button(app, t("account_add_button", "pl")).click().run()
    assert app.error and "już istnieje" in app.error[0].value
    app.selectbox(key="account_role_szef").set_value("viewer").run()
    app.button(key="account_role_button").click().run()
    assert app.error and "ostatnie aktywne konto administratora" in app.error[0].value
    assert accounts.find_user(store_api.open_store(), "szef").role == "admin"


def test_single_sign_on_button_shows_only_when_configured():
    from test_sso import secrets

    ensure_account("staff")
    plain = fresh()
    assert not [b for b in plain.button if b.label == t("sso_button", "pl")]
    app = AppTest.from_file(str(DASHBOARD), default_timeout=60)
    for section, values in secrets().items():
        app.secrets[section] = values
    app.run()
    assert not app.exception
    assert [b.label for b in app.button][:1] == [t("sso_button", "pl")]
    assert list(inputs(app)) == [t("login_label", "pl"), t("password_label", "pl")]   # and the form
