"""The personal-data verbs (RODO): forget-person, person-data, retention, rodo-register.

With --json the output is for other tools (shapes fixed by issue 11); without it, sentences for
staff. A name that matches nobody, or several people, exits with 2 and changes nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from analytics import rodo
from analytics.catalogue import t, tn
from analytics.cli.check import EXIT_OK, EXIT_REFUSED
from analytics.store import StoreRefusal, open_store


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("forget-person", help=t("cli_help_forget_person"))
    p.add_argument("name", metavar="NAME")
    p.add_argument("--yes", action="store_true", help=t("cli_help_yes"))
    p.add_argument("--key", default=None, help=t("cli_help_person_key"))
    p.add_argument("--user", default=None, help=t("cli_help_user"))
    p.add_argument("--json", action="store_true", help=t("cli_help_json"))
    p.set_defaults(func=cmd_forget_person)

    p = subparsers.add_parser("person-data", help=t("cli_help_person_data"))
    p.add_argument("name", metavar="NAME")
    p.add_argument("--key", default=None, help=t("cli_help_person_key"))
    p.add_argument("--out", default=None, metavar="FILE.xlsx", help=t("cli_help_person_out"))
    p.add_argument("--user", default=None, help=t("cli_help_user"))
    p.add_argument("--json", action="store_true", help=t("cli_help_json"))
    p.set_defaults(func=cmd_person_data)

    p = subparsers.add_parser("retention", help=t("cli_help_retention"))
    p.add_argument("--apply", action="store_true", help=t("cli_help_retention_apply"))
    p.add_argument("--user", default=None, help=t("cli_help_user"))
    p.add_argument("--json", action="store_true", help=t("cli_help_json"))
    p.set_defaults(func=cmd_retention)

    p = subparsers.add_parser("rodo-register", help=t("cli_help_rodo_register"))
    p.add_argument("--out", required=True, metavar="FILE.xlsx")
    p.set_defaults(func=cmd_rodo_register)


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _refuse(outcome: StoreRefusal | rodo.PersonChoice, as_json: bool) -> int:
    if as_json:
        _print_json(outcome.to_json())
        return EXIT_REFUSED
    print(outcome.error, file=sys.stderr)
    for person in getattr(outcome, "matches", []):
        print(t("cli_person_match", key=person.key, names=", ".join(person.names),
                versions=len(person.versions)), file=sys.stderr)
    return EXIT_REFUSED


def cmd_forget_person(args: argparse.Namespace) -> int:
    if not args.yes:
        return _refuse(StoreRefusal(t("cli_forget_needs_yes", name=args.name)), args.json)
    with open_store() as store:
        outcome = rodo.forget_person(store, args.name, user=args.user, key=args.key)
    if not isinstance(outcome, rodo.ErasureOutcome):
        return _refuse(outcome, args.json)
    if args.json:
        _print_json(outcome.to_json())
    else:
        print(t("cli_forget_done", reference=outcome.reference, versions=outcome.versions_changed,
                rows=outcome.rows_removed))
    return EXIT_OK


def cmd_person_data(args: argparse.Namespace) -> int:
    with open_store() as store:
        found = rodo.person_data(store, args.name, key=args.key, user=args.user, via="cli")
    if not isinstance(found, rodo.PersonData):
        return _refuse(found, args.json)
    if args.out:
        Path(args.out).write_bytes(rodo.person_data_xlsx(found))
    if args.json:
        _print_json(found.to_json())
        return EXIT_OK
    print(t("cli_person_data_heading", name=found.name, reference=found.reference))
    for a in found.attendances:
        files = ", ".join(sorted({v["file"] for v in a["versions"]}))
        print(t("cli_person_data_attendance", meeting=a["meeting"], date=a["date"] or "–",
                gmina=a["gmina"] or "–", institution=a["institution"] or "–",
                versions=len(a["versions"]), files=files))
    print(tn("cli_person_data_certificates", len(found.certificates)))
    if args.out:
        print(t("cli_written", path=args.out))
    return EXIT_OK


def cmd_retention(args: argparse.Namespace) -> int:
    with open_store() as store:
        report = (rodo.apply_retention(store, user=args.user) if args.apply
                  else rodo.retention_status(store))
    if args.json:
        _print_json(report.to_json())
        return EXIT_OK
    ends = report.period_ends.isoformat() if report.period_ends else "–"
    print(tn("cli_retention_period", report.years, ends=ends))
    if report.applied:
        print(tn("cli_retention_applied", len(report.due), reference=report.reference,
                 versions=report.versions_changed))
    elif report.due:
        print(tn("cli_retention_due", len(report.due)))
        for person, alias in report.due:
            print(f"  {person.name} → {alias}")
    else:
        print(t("cli_retention_nobody"))
    return EXIT_OK


def cmd_rodo_register(args: argparse.Namespace) -> int:
    with open_store() as store:
        Path(args.out).write_bytes(rodo.rodo_register_xlsx(store))
    print(t("cli_written", path=args.out))
    return EXIT_OK
