"""`python -m analytics users …` through its real entry point, the password on standard input.

Each call starts Python and imports pandas (about two seconds here): the whole life of an account
runs on both databases, the refusals on SQLite only, since the command line has no SQL of its own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from test_accounts import password_hash_of
from test_store_support import REPO_ROOT, opened_store

from analytics import accounts
from analytics import store as store_api

NOON = datetime(2017, 12, 7, 12, 0, tzinfo=UTC)
PASSWORD = "lista obecności VI"


def users(url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "PUP_DATABASE_URL": url, "USER": "operator", "LOGNAME": "operator"}
    return subprocess.run([sys.executable, "-m", "analytics", "users", *args], cwd=REPO_ROOT, env=env,
                          input=stdin, capture_output=True, text=True, timeout=300)


def twice(password: str) -> str:
    return f"{password}\n{password}\n"


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'accounts.db'}"


def test_users_add_reads_the_password_twice_from_stdin_and_the_account_logs_in(db_url: str) -> None:
    done = users(db_url, "add", "Kasia", "--role", "staff", "--name", "Kasia Nowak", stdin=twice(PASSWORD))

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Utworzono konto „Kasia” (rola: staff)."
    assert PASSWORD not in done.stdout + done.stderr
    with opened_store(db_url) as store:
        assert PasswordHasher().verify(password_hash_of(store, "kasia"), PASSWORD)
        assert accounts.authenticate(store, "kasia", PASSWORD, NOON).role == "staff"
        created = store_api.audit_log(store, 10)[-1]
        assert (created.action, created.user, created.details["login"]) == (
            "account_created", "operator", "Kasia")


def test_two_different_passwords_exit_2_with_a_polish_message_and_create_nothing(sqlite_url: str) -> None:
    done = users(sqlite_url, "add", "kasia", "--role", "staff", stdin=f"{PASSWORD}\ninne hasło 123\n")

    assert done.returncode == 2
    assert "Podane hasła się różnią" in done.stderr
    with opened_store(sqlite_url) as store:
        assert not accounts.has_accounts(store)


def test_one_line_on_stdin_or_a_weak_password_or_a_bad_role_exit_2(sqlite_url: str) -> None:
    one_line = users(sqlite_url, "add", "kasia", "--role", "staff", stdin=PASSWORD + "\n")
    weak = users(sqlite_url, "add", "kasia", "--role", "staff", stdin=twice("krótkie"))
    bad_role = users(sqlite_url, "add", "kasia", "--role", "boss", stdin=twice(PASSWORD))

    assert [d.returncode for d in (one_line, weak, bad_role)] == [2, 2, 2]
    assert "w dwóch wierszach" in one_line.stderr
    assert weak.stderr.strip() == "Hasło musi mieć co najmniej 10 znaków."
    assert bad_role.stderr.strip() == "Nieznana rola „boss”. Dostępne role: viewer, staff, admin."


def test_list_disable_enable_set_role_and_set_password(db_url: str) -> None:
    assert users(db_url, "add", "admin", "--role", "admin", stdin=twice("Cekanów-2017-TiM")).returncode == 0
    assert users(db_url, "add", "dyrektor", "--role", "viewer", stdin=twice(PASSWORD)).returncode == 0

    as_json = users(db_url, "list", "--json").stdout
    assert [(a["login"], a["role"], a["active"]) for a in json.loads(as_json)] == [
        ("admin", "admin", True), ("dyrektor", "viewer", True)]
    assert "argon2" not in as_json

    disabled = users(db_url, "disable", "DYREKTOR", "--by", "admin")
    assert disabled.stdout.strip() == "Zablokowano konto „dyrektor”."
    as_text = users(db_url, "list").stdout
    assert "zablokowane przez administratora" in as_text and "argon2" not in as_text
    assert users(db_url, "enable", "dyrektor").returncode == 0
    new_role = users(db_url, "set-role", "dyrektor", "staff")
    assert new_role.stdout.strip() == "Konto „dyrektor” ma teraz rolę: staff."
    changed = users(db_url, "set-password", "dyrektor", stdin=twice("nowe hasło dyrektora"))
    assert changed.returncode == 0, changed.stderr

    with opened_store(db_url) as store:
        assert accounts.authenticate(store, "dyrektor", "nowe hasło dyrektora", NOON).role == "staff"
        actions = [(e.action, e.user) for e in reversed(store_api.audit_log(store, 20))]
    assert actions[2:] == [("account_disabled", "admin"), ("account_enabled", "operator"),
                           ("role_changed", "operator"), ("password_changed", "operator"),
                           ("login", "dyrektor")]


def test_refusals_exit_2(sqlite_url: str) -> None:
    users(sqlite_url, "add", "admin", "--role", "admin", stdin=twice("Cekanów-2017-TiM"))

    unknown = users(sqlite_url, "disable", "nikt")
    last_admin = users(sqlite_url, "set-role", "admin", "viewer")
    taken = users(sqlite_url, "add", "ADMIN", "--role", "viewer", stdin=twice(PASSWORD))

    assert [d.returncode for d in (unknown, last_admin, taken)] == [2, 2, 2]
    assert unknown.stderr.strip() == "Nie ma konta o loginie „nikt”."
    assert "ostatnie aktywne konto administratora" in last_admin.stderr
    assert "już istnieje" in taken.stderr


def test_users_list_prints_a_polish_header_line_above_aligned_rows(sqlite_url: str) -> None:
    users(sqlite_url, "add", "administrator.pup", "--role", "admin", "--name", "Anna Nowak",
          stdin=twice("Cekanów-2017-TiM"))
    users(sqlite_url, "add", "dyrektor", "--role", "viewer", stdin=twice(PASSWORD))

    done = users(sqlite_url, "list")

    assert done.returncode == 0, done.stderr
    header, *rows = done.stdout.splitlines()
    assert header.split() == ["Login", "Rola", "Stan", "konta", "Ostatnie", "logowanie", "Nazwa"]
    assert [row.split()[:3] for row in rows] == [["administrator.pup", "admin", "aktywne"],
                                                 ["dyrektor", "viewer", "aktywne"]]
    for column in ("Rola", "Stan konta", "Ostatnie logowanie", "Nazwa"):    # each value under its heading
        start = header.index(column)
        assert all(row[start - 2:start] == "  " and row[start] != " " for row in rows), (column, rows)
    assert rows[0].endswith("Anna Nowak")


def test_an_empty_store_lists_how_to_make_the_first_account(sqlite_url: str) -> None:
    done = users(sqlite_url, "list")

    assert done.returncode == 0
    assert "python -m analytics users add LOGIN --role admin" in done.stdout
