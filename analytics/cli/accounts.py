"""The `users` verbs of the command line: add, list, disable, enable, set-password, set-role.

A thin layer over analytics/accounts.py. A password is never an argument (it would stay in the
shell history and in the process list): it is asked twice at a terminal, or read as two lines
from standard input when that is not a terminal (`printf '%s\\n%s\\n' "$P" "$P" | python -m …`).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from typing import TypeVar

from analytics import accounts
from analytics.catalogue import t
from analytics.store import Store, default_user, open_store

EXIT_OK = 0
EXIT_BAD_INPUT = 2
_Result = TypeVar("_Result")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `users …` to the main parser's subcommands."""
    users = subparsers.add_parser("users", help=t("cli_help_users"))
    verbs = users.add_subparsers(dest="users_command", required=True)

    p = verbs.add_parser("add", help=t("cli_help_users_add"))
    p.add_argument("login", metavar="LOGIN")
    # Roles are checked by accounts.add_user, which says what is wrong in Polish (argparse would not).
    p.add_argument("--role", required=True, metavar="|".join(accounts.ROLES))
    p.add_argument("--name", default=None, help=t("cli_help_name"))
    _by_argument(p)
    p.set_defaults(func=cmd_add)

    p = verbs.add_parser("list", help=t("cli_help_users_list"))
    p.add_argument("--json", action="store_true", help=t("cli_help_json"))
    p.set_defaults(func=cmd_list)

    p = verbs.add_parser("disable", help=t("cli_help_users_disable"))
    p.add_argument("login", metavar="LOGIN")
    _by_argument(p)
    p.set_defaults(func=cmd_disable)

    p = verbs.add_parser("enable", help=t("cli_help_users_enable"))
    p.add_argument("login", metavar="LOGIN")
    _by_argument(p)
    p.set_defaults(func=cmd_enable)

    p = verbs.add_parser("set-password", help=t("cli_help_users_set_password"))
    p.add_argument("login", metavar="LOGIN")
    _by_argument(p)
    p.set_defaults(func=cmd_set_password)

    p = verbs.add_parser("set-role", help=t("cli_help_users_set_role"))
    p.add_argument("login", metavar="LOGIN")
    p.add_argument("role", metavar="|".join(accounts.ROLES))
    _by_argument(p)
    p.set_defaults(func=cmd_set_role)


def _by_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--by", default=None, help=t("cli_help_by"))


# ---------------------------------------------------------------------------------------------
# Verbs


def cmd_add(args: argparse.Namespace) -> int:
    problem = accounts.login_problem(args.login) or accounts.role_problem(args.role)
    if problem:                     # said before the password is asked for, not after
        sys.stderr.write(problem + "\n")
        return EXIT_BAD_INPUT
    password = read_new_password(args.login)
    if password is None:
        return EXIT_BAD_INPUT
    outcome = _with_store(lambda store: accounts.add_user(store, args.login, args.role, password,
                                                          _by(args), name=args.name))
    return _report(outcome, lambda a: t("cli_user_added", login=a.login, role=a.role))


def cmd_list(args: argparse.Namespace) -> int:
    found = _with_store(accounts.list_users)
    if args.json:
        print(json.dumps([a.to_json() for a in found], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not found:
        print(t("cli_no_users"))
        return EXIT_OK
    rows = [[account.login, account.role, _status(account),
             f"{account.last_login:%Y-%m-%d %H:%M} UTC" if account.last_login else "–", account.name]
            for account in found]
    header = [t(key) for key in ("col_login", "col_role", "col_account_state", "col_last_login",
                                 "col_account_name")]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        padded = [cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True)]
        print("  ".join([*padded, row[-1]]))
    return EXIT_OK


def cmd_disable(args: argparse.Namespace) -> int:
    outcome = _with_store(lambda store: accounts.disable_user(store, args.login, _by(args)))
    return _report(outcome, lambda a: t("cli_user_disabled", login=a.login))


def cmd_enable(args: argparse.Namespace) -> int:
    outcome = _with_store(lambda store: accounts.enable_user(store, args.login, _by(args)))
    return _report(outcome, lambda a: t("cli_user_enabled", login=a.login))


def cmd_set_password(args: argparse.Namespace) -> int:
    password = read_new_password(args.login)
    if password is None:
        return EXIT_BAD_INPUT
    outcome = _with_store(lambda store: accounts.set_password(store, args.login, password, _by(args)))
    return _report(outcome, lambda a: t("cli_password_set", login=a.login))


def cmd_set_role(args: argparse.Namespace) -> int:
    outcome = _with_store(lambda store: accounts.set_role(store, args.login, args.role, _by(args)))
    return _report(outcome, lambda a: t("cli_role_set", login=a.login, role=a.role))


# ---------------------------------------------------------------------------------------------
# Helpers


def read_new_password(login: str) -> str | None:
    """The new password, typed twice; None (with the reason on stderr) when the two differ."""
    if sys.stdin.isatty():
        first = getpass.getpass(t("cli_password_prompt", login=login))
        second = getpass.getpass(t("cli_password_repeat"))
    else:
        lines = sys.stdin.read().splitlines()
        if len(lines) < 2:
            sys.stderr.write(t("cli_password_two_lines") + "\n")
            return None
        first, second = lines[0], lines[1]
    if first != second:
        sys.stderr.write(t("cli_passwords_differ") + "\n")
        return None
    return first


def _with_store(action: Callable[[Store], _Result]) -> _Result:
    with open_store() as store:
        return action(store)


def _report(outcome: accounts.Account | accounts.AccountRefusal,
            done: Callable[[accounts.Account], str]) -> int:
    if isinstance(outcome, accounts.AccountRefusal):
        sys.stderr.write(outcome.error + "\n")
        return EXIT_BAD_INPUT
    print(done(outcome))
    return EXIT_OK


def _by(args: argparse.Namespace) -> str:
    return args.by or default_user()


def _status(account: accounts.Account) -> str:
    if not account.active:
        return t("account_inactive")
    if account.locked():
        return t("account_locked_until", until=f"{account.locked_until:%Y-%m-%d %H:%M} UTC")
    return t("account_active")
