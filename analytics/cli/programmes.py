"""`python -m analytics programmes [--json]`: the programmes (cycles) in the store, and the
`--programme NAME` option the other verbs share (matched whatever its case and spacing).

`programmes --json` gives `[{"name", "first_meeting", "last_meeting", "attendance_version",
"projects_version"}]`, the earliest programme first (the shape is fixed: other tools read it).
"""

from __future__ import annotations

import argparse

from analytics import formatting
from analytics.catalogue import t
from analytics.cli.check import EXIT_OK, print_json
from analytics.store import ProgrammeRefusal, Store, find_programme, list_programmes, most_recent, open_store


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("programmes", help=t("cli_help_programmes"))
    p.add_argument("--json", action="store_true", help=t("cli_help_json"))
    p.set_defaults(func=cmd_programmes)


def programme_argument(parser: argparse.ArgumentParser, help_key: str = "cli_help_programme") -> None:
    parser.add_argument("--programme", default=None, metavar="NAME", help=t(help_key))


def chosen_programme(store: Store, name: str | None) -> tuple[int | None, str | None] | ProgrammeRefusal:
    """The programme `--programme` names, or the most recent when it is not given: its id and name
    ((None, None) in a store with no programme); a refusal for a name no programme has."""
    if name is None:
        found = most_recent(store)
        return (None, None) if found is None else (found.id, found.name)
    found = find_programme(store, name)
    if found is None:
        known = ", ".join(p.name for p in list_programmes(store)) or t("cli_programmes_none_short")
        return ProgrammeRefusal(t("cli_programme_unknown", name=name, known=known))
    return found.id, found.name


def cmd_programmes(args: argparse.Namespace) -> int:
    with open_store() as store:
        found = list_programmes(store)
    if args.json:
        print_json([p.to_json() for p in found])
        return EXIT_OK
    if not found:
        print(t("cli_programmes_none"))
    for p in found:
        span = (t("cli_programme_span", first=formatting.format_date(p.first_meeting),
                  last=formatting.format_date(p.last_meeting))
                if p.first_meeting is not None else t("cli_programme_no_meetings"))
        versions = t("cli_programme_versions", attendance=_or_dash(p.attendance_version),
                     projects=_or_dash(p.projects_version))
        print(f"{p.name}: {span}; {versions}")
    return EXIT_OK


def _or_dash(value: int | None) -> str:
    return "–" if value is None else str(value)
