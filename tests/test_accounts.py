"""Accounts: the first administrator, roles, password policy, lockout with a controlled clock, audit.

Every test runs on SQLite and, when PUP_TEST_POSTGRES_URL is set, on PostgreSQL. Passwords are
hashed with a cheap Argon2id (the production parameters cost ~0.3 s a hash) except where the test
is about the production parameters themselves.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher
from test_store_migrations import make_schema_1_database
from test_store_support import DATABASES, empty_database, opened_store

from analytics import accounts
from analytics import store as store_api
from analytics.catalogue import t
from analytics.store import Store, migrations
from analytics.store import schema as store_schema

FAILURE = ("Nieprawidłowy login lub hasło albo konto jest zablokowane. Po 5 nieudanych próbach z rzędu konto "
           "jest blokowane na 15 minut. Wcześniej odblokuje je administrator (Konta › Odblokuj konto).")
NOON = datetime(2017, 12, 7, 12, 0, tzinfo=UTC)
ADMIN_PASSWORD = "Cekanów-2017-TiM"
STAFF_PASSWORD = "lista obecności VI"
VIEWER_PASSWORD = "dyrektor PUP Płock"
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
PRODUCTION_HASHER = accounts.password_hasher


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "password_hasher", FAST_HASHER)


@pytest.fixture
def office(store: Store) -> Store:
    """An administrator, a staff member and the director (a viewer)."""
    made = [
        accounts.create_first_admin(store, "admin", ADMIN_PASSWORD, "Anna Admin"),
        accounts.add_user(store, "kasia", "staff", STAFF_PASSWORD, "admin", name="Kasia Nowak"),
        accounts.add_user(store, "dyrektor", "viewer", VIEWER_PASSWORD, "admin"),
    ]
    assert all(isinstance(account, accounts.Account) for account in made)
    return store


def password_hash_of(store: Store, login: str) -> str:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(store_schema.users.c.password_hash)
                            .where(store_schema.users.c.login_key == login.casefold())).scalar_one()


def audit_rows(store: Store) -> list[store_api.AuditEntry]:
    return list(reversed(store_api.audit_log(store, 1000)))


# ---------------------------------------------------------------------------------------------
# The first administrator


def test_a_new_store_has_no_accounts_and_the_first_admin_can_be_created_once(store: Store) -> None:
    assert not accounts.has_accounts(store)

    first = accounts.create_first_admin(store, "admin", ADMIN_PASSWORD, "Anna Admin")

    assert isinstance(first, accounts.Account)
    assert (first.login, first.name, first.role, first.active) == ("admin", "Anna Admin", "admin", True)
    assert accounts.has_accounts(store)
    again = accounts.create_first_admin(store, "drugi", ADMIN_PASSWORD, "Drugi Admin")
    assert again == accounts.AccountRefusal(t("account_first_admin_exists"))
    assert [a.login for a in accounts.list_users(store)] == ["admin"]


def test_the_first_admin_form_is_refused_once_any_account_exists_even_a_viewer(store: Store) -> None:
    accounts.add_user(store, "dyrektor", "viewer", VIEWER_PASSWORD, "cli")

    assert isinstance(accounts.create_first_admin(store, "admin", ADMIN_PASSWORD), accounts.AccountRefusal)
    assert [a.role for a in accounts.list_users(store)] == ["viewer"]


def test_the_first_admin_must_have_a_good_password(store: Store) -> None:
    refused = accounts.create_first_admin(store, "admin", "krótkie", "Anna")

    assert refused == accounts.AccountRefusal("Hasło musi mieć co najmniej 10 znaków.")
    assert not accounts.has_accounts(store)


# ---------------------------------------------------------------------------------------------
# Password policy, logins, roles


def test_password_policy_in_polish() -> None:
    assert accounts.password_problem("123456789", "kasia") == "Hasło musi mieć co najmniej 10 znaków."
    assert accounts.password_problem("KasiaNowak", "kasianowak") == "Hasło nie może być takie samo jak login."
    assert accounts.password_problem("x" * 2000, "kasia").startswith("Hasło może mieć najwyżej")
    assert accounts.password_problem("dziesięć znaków", "kasia") is None


def test_logins_are_unique_whatever_their_case(office: Store) -> None:
    refused = accounts.add_user(office, " KASIA ", "viewer", STAFF_PASSWORD, "admin")

    assert isinstance(refused, accounts.AccountRefusal) and "już istnieje" in refused.error
    assert accounts.find_user(office, "Kasia").login == "kasia"


def test_a_login_with_spaces_or_an_unknown_role_is_refused(store: Store) -> None:
    spaced = accounts.add_user(store, "jan kowalski", "staff", STAFF_PASSWORD, "cli")
    assert spaced.error.startswith("Login może zawierać tylko litery")
    assert accounts.add_user(store, "jan", "boss", STAFF_PASSWORD, "cli").error == (
        "Nieznana rola „boss”. Dostępne role: viewer, staff, admin.")
    assert accounts.add_user(store, "łukasz.żak@pup-plock.pl", "staff", STAFF_PASSWORD, "cli").login == (
        "łukasz.żak@pup-plock.pl")


def test_roles_open_their_pages_and_only_staff_and_admins_see_personal_data() -> None:
    assert accounts.ROLES == ("viewer", "staff", "admin")
    assert accounts.pages_for("viewer") == ("overview", "participation", "projects", "partners", "comparison")
    assert accounts.pages_for("staff") == ("overview", "participation", "projects", "partners", "comparison",
                                           "import", "history")
    assert accounts.pages_for("admin") == ("overview", "participation", "projects", "partners", "comparison",
                                           "import", "history", "accounts")
    assert accounts.pages_for("director") == () and accounts.pages_for(None) == ()
    assert [accounts.can_see_personal_data(r) for r in accounts.ROLES] == [False, True, True]
    assert [accounts.can_import(r) for r in accounts.ROLES] == [False, True, True]
    assert [accounts.can_rollback(r) for r in accounts.ROLES] == [False, False, True]
    assert [accounts.can_manage_accounts(r) for r in accounts.ROLES] == [False, False, True]


# ---------------------------------------------------------------------------------------------
# Hashes


def test_hashes_in_the_database_are_argon2id_that_verify_and_are_not_the_password(office: Store) -> None:
    passwords = {"admin": ADMIN_PASSWORD, "kasia": STAFF_PASSWORD, "dyrektor": VIEWER_PASSWORD}
    for login, password in passwords.items():
        stored = password_hash_of(office, login)
        assert stored.startswith("$argon2id$") and password not in stored
        assert PasswordHasher().verify(stored, password)
    assert len({password_hash_of(office, login) for login in ("admin", "kasia", "dyrektor")}) == 3


def test_production_hashing_is_argon2id_with_the_rfc_9106_low_memory_parameters(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accounts, "password_hasher", PRODUCTION_HASHER)
    accounts.add_user(store, "kasia", "staff", STAFF_PASSWORD, "cli")

    stored = password_hash_of(store, "kasia")
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert PasswordHasher().verify(stored, STAFF_PASSWORD)


def test_a_hash_made_with_weaker_parameters_is_renewed_at_the_next_login(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    accounts.add_user(store, "kasia", "staff", STAFF_PASSWORD, "cli")      # the cheap parameters
    old = password_hash_of(store, "kasia")
    stronger = PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1)
    monkeypatch.setattr(accounts, "password_hasher", stronger)

    assert accounts.authenticate(store, "kasia", STAFF_PASSWORD, NOON).ok

    renewed = password_hash_of(store, "kasia")
    assert renewed != old and "m=2048,t=2,p=1" in renewed
    assert PasswordHasher().verify(renewed, STAFF_PASSWORD)
    assert audit_rows(store)[-1].details == {"role": "staff", "rehashed": True}


def test_a_password_typed_in_another_unicode_form_still_logs_in(store: Store) -> None:
    composed = "Zażółć gęślą jaźń"
    decomposed = "Zaz\u0307o\u0301\u0142c\u0301 ge\u0328s\u0301la\u0328 jaz\u0301n\u0301"
    accounts.add_user(store, "kasia", "staff", composed, "cli")

    assert accounts.authenticate(store, "kasia", decomposed, NOON).ok
    assert PasswordHasher().verify(password_hash_of(store, "kasia"), composed)


# ---------------------------------------------------------------------------------------------
# Logging in


def test_a_correct_login_in_any_case_returns_the_account_and_its_role(office: Store) -> None:
    result = accounts.authenticate(office, "Kasia", STAFF_PASSWORD, NOON)

    assert result.ok and result.message == "" and result.role == "staff"
    assert result.account.login == "kasia" and result.account.last_login == NOON


def test_the_failure_message_is_the_same_for_an_unknown_login_and_a_wrong_password(office: Store) -> None:
    unknown = accounts.authenticate(office, "nikt", STAFF_PASSWORD, NOON)
    wrong = accounts.authenticate(office, "kasia", "zle haslo 123", NOON)

    assert unknown == wrong == accounts.LoginResult(False, None, FAILURE)


def test_an_unknown_login_is_verified_against_a_dummy_hash_so_it_takes_as_long(
    office: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    verified: list[str] = []

    class CountingHasher(PasswordHasher):
        def verify(self, hash: str | bytes, password: str | bytes) -> bool:
            verified.append(str(hash))
            return super().verify(hash, password)

    counting = CountingHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(accounts, "password_hasher", counting)

    accounts.authenticate(office, "nikt", "cokolwiek 123", NOON)
    accounts.authenticate(office, "kasia", "zle haslo 123", NOON)

    assert len(verified) == 2 and verified[0].startswith("$argon2id$")
    assert verified[0] not in {password_hash_of(office, login) for login in ("admin", "kasia", "dyrektor")}


def test_five_failures_lock_the_account_for_fifteen_minutes_then_it_opens(office: Store) -> None:
    for minute in range(5):
        failed = accounts.authenticate(office, "kasia", "zle haslo 123", NOON + timedelta(minutes=minute))
        assert failed.message == FAILURE
    locked_at = NOON + timedelta(minutes=4)

    # The right password does not open a locked account, and says the same sentence.
    just_before = locked_at + timedelta(minutes=14, seconds=59)
    during = accounts.authenticate(office, "kasia", STAFF_PASSWORD, just_before)
    assert during == accounts.LoginResult(False, None, FAILURE)
    account = accounts.find_user(office, "kasia")
    assert account.locked_until == locked_at + timedelta(minutes=15)
    assert account.locked(locked_at + timedelta(minutes=10)) and not account.locked(account.locked_until)

    after = accounts.authenticate(office, "kasia", STAFF_PASSWORD, locked_at + timedelta(minutes=15))
    assert after.ok and after.account.failed_attempts == 0 and after.account.locked_until is None


def test_four_failures_and_a_success_start_the_count_again(office: Store) -> None:
    for _ in range(4):
        accounts.authenticate(office, "kasia", "zle haslo 123", NOON)
    assert accounts.find_user(office, "kasia").failed_attempts == 4

    assert accounts.authenticate(office, "kasia", STAFF_PASSWORD, NOON).ok
    for _ in range(4):
        accounts.authenticate(office, "kasia", "zle haslo 123", NOON)
    assert accounts.authenticate(office, "kasia", STAFF_PASSWORD, NOON).ok


def test_the_limit_and_the_lock_time_come_from_the_environment(office: Store,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUP_MAX_FAILED_LOGINS", "2")
    monkeypatch.setenv("PUP_LOCKOUT_MINUTES", "1")

    accounts.authenticate(office, "kasia", "zle haslo 123", NOON)
    accounts.authenticate(office, "kasia", "zle haslo 123", NOON)

    assert not accounts.authenticate(office, "kasia", STAFF_PASSWORD, NOON + timedelta(seconds=59)).ok
    assert accounts.authenticate(office, "kasia", STAFF_PASSWORD, NOON + timedelta(minutes=1)).ok


def test_settings_that_are_not_positive_numbers_fall_back_to_the_defaults(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for value in ("", "pięć", "0", "-3"):
        monkeypatch.setenv("PUP_MAX_FAILED_LOGINS", value)
        monkeypatch.setenv("PUP_LOCKOUT_MINUTES", value)
        monkeypatch.setenv("PUP_SESSION_TIMEOUT_MINUTES", value)
        assert accounts.max_failed_logins() == 5
        assert accounts.lockout_duration() == timedelta(minutes=15)
        assert accounts.session_timeout() == timedelta(minutes=30)
    monkeypatch.setenv("PUP_SESSION_TIMEOUT_MINUTES", "7,5")
    assert accounts.session_timeout() == timedelta(minutes=7.5)


def test_a_disabled_account_cannot_log_in_and_enabling_lets_it_in_again(office: Store) -> None:
    accounts.disable_user(office, "dyrektor", "admin")

    assert accounts.authenticate(office, "dyrektor", VIEWER_PASSWORD, NOON) == accounts.LoginResult(
        False, None, FAILURE)
    assert not accounts.find_user(office, "dyrektor").active
    accounts.enable_user(office, "dyrektor", "admin")
    assert accounts.authenticate(office, "dyrektor", VIEWER_PASSWORD, NOON).ok


def test_an_administrator_lifts_a_lock_by_setting_a_new_password(office: Store) -> None:
    for _ in range(5):
        accounts.authenticate(office, "kasia", "zle haslo 123", NOON)

    changed = accounts.set_password(office, "kasia", "nowe hasło Kasi", "admin")

    assert isinstance(changed, accounts.Account) and not changed.locked(NOON)
    assert not accounts.authenticate(office, "kasia", STAFF_PASSWORD, NOON).ok
    assert accounts.authenticate(office, "kasia", "nowe hasło Kasi", NOON).ok


def test_odd_input_to_a_login_form_is_a_plain_failure(office: Store) -> None:
    for login, password in (("", ""), ("kasia", ""), ("   ", STAFF_PASSWORD), ("x" * 500, "y" * 5000)):
        assert accounts.authenticate(office, login, password, NOON).message == FAILURE


# ---------------------------------------------------------------------------------------------
# Sessions


def test_a_session_expires_after_thirty_idle_minutes_by_default() -> None:
    assert not accounts.session_expired(NOON, NOON + timedelta(minutes=29, seconds=59))
    assert accounts.session_expired(NOON, NOON + timedelta(minutes=30))
    assert accounts.session_expired(None, NOON)
    assert accounts.session_expired(NOON, NOON + timedelta(minutes=5), timeout=timedelta(minutes=5))


def test_the_session_timeout_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUP_SESSION_TIMEOUT_MINUTES", "10")

    assert accounts.session_expired(NOON, NOON + timedelta(minutes=10))
    assert not accounts.session_expired(NOON.replace(tzinfo=None), NOON + timedelta(minutes=9))


# ---------------------------------------------------------------------------------------------
# Account changes


def test_an_administrator_changes_roles_disables_and_enables(office: Store) -> None:
    promoted = accounts.set_role(office, "kasia", "admin", "admin")
    assert isinstance(promoted, accounts.Account) and promoted.role == "admin"
    assert promoted.updated_at >= promoted.created_at

    assert accounts.set_role(office, "dyrektor", "boss", "admin").error.startswith("Nieznana rola")
    assert accounts.disable_user(office, "nikt", "admin") == accounts.AccountRefusal(
        "Nie ma konta o loginie „nikt”.")
    assert [(a.login, a.role, a.active) for a in accounts.list_users(office)] == [
        ("admin", "admin", True), ("dyrektor", "viewer", True), ("kasia", "admin", True)]


def test_the_last_active_administrator_can_be_neither_disabled_nor_demoted(office: Store) -> None:
    last_admin = "„admin” to ostatnie aktywne konto administratora"
    assert accounts.disable_user(office, "admin", "admin").error.startswith(last_admin)
    assert accounts.set_role(office, "admin", "staff", "admin").error.startswith(last_admin)

    accounts.set_role(office, "kasia", "admin", "admin")
    assert accounts.set_role(office, "admin", "staff", "kasia").role == "staff"
    assert isinstance(accounts.disable_user(office, "kasia", "kasia"), accounts.AccountRefusal)


def test_a_new_password_must_follow_the_policy(office: Store) -> None:
    assert accounts.set_password(office, "kasia", "krótkie", "admin") == accounts.AccountRefusal(
        "Hasło musi mieć co najmniej 10 znaków.")
    same_as_login = accounts.add_user(office, "sekretariat", "staff", "SEKRETARIAT", "admin")
    assert same_as_login == accounts.AccountRefusal("Hasło nie może być takie samo jak login.")
    assert accounts.set_password(office, "nikt", "nowe hasło Kasi", "admin") == accounts.AccountRefusal(
        "Nie ma konta o loginie „nikt”.")
    assert accounts.authenticate(office, "kasia", STAFF_PASSWORD, NOON).ok


# ---------------------------------------------------------------------------------------------
# The audit trail


def test_logins_failures_lockouts_and_logouts_are_in_the_audit_trail(office: Store) -> None:
    accounts.authenticate(office, "kasia", STAFF_PASSWORD, NOON)
    accounts.authenticate(office, "nikt", "cokolwiek 123", NOON)
    for _ in range(5):
        accounts.authenticate(office, "dyrektor", "zle haslo 123", NOON)
    accounts.authenticate(office, "dyrektor", VIEWER_PASSWORD, NOON)
    accounts.record_logout(office, "kasia")
    accounts.record_logout(office, "kasia", reason="timeout")

    events = [(e.action, e.user, e.details.get("reason")) for e in audit_rows(office)][3:]
    assert events == [
        ("login", "kasia", None),
        ("login_failed", "nikt", "unknown_login"),
        *[("login_failed", "dyrektor", "wrong_password")] * 5,
        ("account_locked", "dyrektor", None),
        ("login_failed", "dyrektor", "locked"),
        ("logout", "kasia", "user"),
        ("logout", "kasia", "timeout"),
    ]
    locked = next(e for e in audit_rows(office) if e.action == "account_locked")
    assert locked.details == {"failed_attempts": 5, "locked_until": "2017-12-07T12:15:00+00:00"}


def test_account_changes_are_in_the_audit_trail_with_who_made_them(office: Store) -> None:
    accounts.set_role(office, "kasia", "admin", "admin")
    accounts.disable_user(office, "dyrektor", "kasia")
    accounts.enable_user(office, "dyrektor", "kasia")
    accounts.set_password(office, "dyrektor", "nowe hasło dyrektora", "admin")

    assert [(e.action, e.user, e.details) for e in audit_rows(office)] == [
        ("first_admin_created", "admin", {"login": "admin", "role": "admin"}),
        ("account_created", "admin", {"login": "kasia", "role": "staff", "name": "Kasia Nowak"}),
        ("account_created", "admin", {"login": "dyrektor", "role": "viewer", "name": "dyrektor"}),
        ("role_changed", "admin", {"login": "kasia", "from": "staff", "to": "admin"}),
        ("account_disabled", "kasia", {"login": "dyrektor"}),
        ("account_enabled", "kasia", {"login": "dyrektor"}),
        ("password_changed", "admin", {"login": "dyrektor"}),
    ]


def test_no_password_and_no_hash_ever_reaches_the_audit_trail(office: Store) -> None:
    accounts.set_password(office, "kasia", "nowe hasło Kasi", "admin")
    accounts.authenticate(office, "kasia", "nowe hasło Kasi", NOON)
    accounts.authenticate(office, "kasia", STAFF_PASSWORD, NOON)
    accounts.authenticate(office, "nikt", VIEWER_PASSWORD, NOON)
    hashes = [password_hash_of(office, login) for login in ("admin", "kasia", "dyrektor")]

    trail = json.dumps([e.to_json() for e in store_api.audit_log(office, 1000)], ensure_ascii=False)
    for secret in (ADMIN_PASSWORD, STAFF_PASSWORD, VIEWER_PASSWORD, "nowe hasło Kasi", *hashes, "$argon2"):
        assert secret not in trail


def test_accounts_as_json_carry_no_hash(office: Store) -> None:
    listed = [a.to_json() for a in accounts.list_users(office)]

    assert set(listed[0]) == {"login", "name", "role", "active", "failed_attempts", "locked_until",
                              "created_at", "updated_at", "last_login"}
    assert "$argon2" not in json.dumps(listed)


# ---------------------------------------------------------------------------------------------
# The migration


@pytest.fixture(params=DATABASES)
def schema_3_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database as the release before accounts left it: schema 1 by SQL, then steps 2 and 3."""
    with empty_database(request.param, tmp_path) as url:
        make_schema_1_database(url)
        engine = sa.create_engine(url)
        with engine.begin() as conn:
            migrations.migrate(conn, [m for m in migrations.MIGRATIONS if m.number <= 3])
        engine.dispose()
        yield url


def test_a_schema_3_database_gains_the_accounts_table_and_keeps_its_data(schema_3_url: str) -> None:
    engine = sa.create_engine(schema_3_url)
    assert not sa.inspect(engine).has_table("users")
    engine.dispose()

    with opened_store(schema_3_url) as store:
        with store.engine.connect() as conn:
            # Step 4 and every later one (5: counts before/after imports) ran on opening.
            assert migrations.applied_migrations(conn) == [m.number for m in migrations.MIGRATIONS]
            assert migrations.applied_migrations(conn)[:4] == [1, 2, 3, 4]
            assert sa.inspect(conn).has_table("users")
        assert [(v.id, v.kind, v.active) for v in store_api.list_versions(store)] == [
            (1, "attendance", True), (2, "projects", True)]
        assert not accounts.has_accounts(store)
        assert isinstance(accounts.create_first_admin(store, "Admin", ADMIN_PASSWORD), accounts.Account)
        assert accounts.authenticate(store, "admin", ADMIN_PASSWORD, NOON).ok
        # (the upgrade's step 7 records its rewriting of the stored originals, RODO minimisation)
        assert [e.action for e in store_api.audit_log(store, 10)] == [
            "login", "first_admin_created", "originals_minimised", "demo_load", "import"]


def test_step_4_creates_the_table_the_code_queries(tmp_path: Path) -> None:
    with opened_store(f"sqlite:///{tmp_path / 'fresh.db'}") as store:
        columns = {c["name"] for c in sa.inspect(store.engine).get_columns("users")}
    assert columns == {c.name for c in store_schema.users.columns}
    assert "password" not in columns
