"""The store's command-line verbs (import, versions, rollback, summary, export-rejected, demo).

`analytics/cli/main.py` adds them with `register(subparsers)` and runs `args.func(args)`. Every verb
opens the store named by PUP_DATABASE_URL. With --json the output is for other tools (its shape
is fixed by issue 3); without it, Polish sentences for staff.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from analytics import importing
from analytics.catalogue import language, t, tn
from analytics.cli.programmes import chosen_programme, programme_argument
from analytics.formatting import EMPTY
from analytics.reports import rejected
from analytics.results import KIND_LABEL_KEYS, KINDS, Refusal
from analytics.store import (
    MODES,
    ImportOutcome,
    ProgrammeRefusal,
    StoreRefusal,
    active_version_ids,
    dataset_summaries,
    get_programme,
    list_programmes,
    list_versions,
    open_store,
    rollback,
)
from analytics.store.combining import counts_text, done_sentence

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_REFUSED = 2

MODE_NAME_KEYS = {"replace": "cli_mode_replace", "append": "cli_mode_append", "merge": "cli_mode_merge"}


def kind_name(kind: str) -> str:
    return t(KIND_LABEL_KEYS[kind])


def mode_name(mode: str) -> str:
    return t(MODE_NAME_KEYS[mode])


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the store's verbs to the main parser's subcommands."""
    p = subparsers.add_parser("import", help=t("cli_help_import"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--kind", choices=KINDS, default=None, help=t("cli_help_kind"))
    p.add_argument("--mode", choices=MODES, default="replace", help=t("cli_help_mode"))
    programme_argument(p, "cli_help_programme_import")
    _user_argument(p)
    _json_argument(p)
    p.set_defaults(func=cmd_import)

    p = subparsers.add_parser("versions", help=t("cli_help_versions"))
    p.add_argument("--kind", choices=KINDS, default=None)
    programme_argument(p, "cli_help_programme_versions")
    _json_argument(p)
    p.set_defaults(func=cmd_versions)

    p = subparsers.add_parser("rollback", help=t("cli_help_rollback"))
    p.add_argument("version", metavar="VERSION", type=int)
    _user_argument(p)
    _json_argument(p)
    p.set_defaults(func=cmd_rollback)

    p = subparsers.add_parser("summary", help=t("cli_help_summary"))
    programme_argument(p)
    _json_argument(p)
    p.set_defaults(func=cmd_summary)

    p = subparsers.add_parser("export-rejected", help=t("cli_help_export_rejected"))
    p.add_argument("version", metavar="VERSION", type=int)
    p.add_argument("--out", required=True, metavar="FILE.xlsx")
    p.set_defaults(func=cmd_export_rejected)

    p = subparsers.add_parser("demo", help=t("cli_help_demo"))
    _user_argument(p)
    _json_argument(p)
    p.set_defaults(func=cmd_demo)


def _user_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", default=None, help=t("cli_help_user"))


def _json_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=t("cli_help_json"))


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def cmd_import(args: argparse.Namespace) -> int:
    with open_store() as store:
        outcome = importing.import_file(store, args.file, kind=args.kind, mode=args.mode, user=args.user,
                                        programme=args.programme)
        programme = (get_programme(store, outcome.programme_id)
                     if isinstance(outcome, ImportOutcome) and outcome.programme_id is not None else None)
    if isinstance(outcome, Refusal):
        if args.json:
            _print_json(outcome.to_json())
        else:
            print(t("cli_not_stored", error=outcome.error), file=sys.stderr)
        return EXIT_REFUSED
    if args.json:
        _print_json(outcome.to_json())
    else:
        print(_describe_import(outcome))
        if programme is not None:
            print(t("cli_import_programme", programme=programme.name))
    return EXIT_OK


def _describe_import(outcome: ImportOutcome) -> str:
    kind = kind_name(outcome.kind)
    if outcome.duplicate_of is not None:
        return t("cli_import_duplicate", version=outcome.duplicate_of, kind=kind)
    lines = [
        t("cli_import_stored", version=outcome.version, kind=kind, mode=mode_name(outcome.mode),
          file=outcome.file_name),
        tn("cli_import_rows", outcome.dataset_rows, accepted=outcome.rows_accepted,
           rejected=outcome.rows_rejected),
    ]
    if outcome.effect is not None:
        with language("pl"):
            lines.append(done_sentence(outcome.effect))
    if outcome.started_empty:
        lines.append(t("cli_import_after_demo", version=outcome.parent_id))
    if outcome.replaced:
        replaced = "cli_replaced_meetings" if outcome.kind == "attendance" else "cli_replaced_projects"
        lines.append(t(replaced, items=", ".join(str(r) for r in outcome.replaced)))
    if outcome.warnings:
        lines.append(t("cli_warnings_heading", count=len(outcome.warnings)))
        lines += [f"  {_where(w)}{w['message']}" for w in outcome.warnings]
    if outcome.rejected:
        lines.append(t("cli_rejected_heading", count=len(outcome.rejected), version=outcome.version))
        lines += [f"  {_where(p)}{p['reason']}" for p in outcome.rejected]
    return "\n".join(lines)


def _where(item: dict[str, Any]) -> str:
    parts = []
    if item.get("row") is not None:
        parts.append(t("report_row", row=item["row"]))
    if item.get("column"):
        parts.append(t("cli_where_column", column=item["column"]))
    return (", ".join(parts) + ": ") if parts else ""


def cmd_versions(args: argparse.Namespace) -> int:
    """Every programme's versions, or one programme's with --programme; each names its programme."""
    with open_store() as store:
        programme_id = None
        if args.programme is not None:
            chosen = chosen_programme(store, args.programme)
            if isinstance(chosen, ProgrammeRefusal):
                return _refuse_request(chosen.error, args.json)
            programme_id = chosen[0]
        found = list_versions(store, args.kind, programme_id)
        names = {p.id: p.name for p in list_programmes(store)}
    if args.json:
        _print_json([v.to_json() for v in found])
        return EXIT_OK
    if not found:
        print(t("cli_no_versions"))
    for v in found:
        marks = [t(m) for m, on in (("cli_mark_active", v.active), ("cli_mark_demo", v.demo)) if on]
        with language("pl"):
            change = counts_text(v)
        print(
            t("cli_version_line", id=v.id, created=f"{v.created_at:%Y-%m-%d %H:%M}", kind=kind_name(v.kind),
              mode=mode_name(v.mode), user=v.user, accepted=v.rows_accepted, rejected=v.rows_rejected,
              change=change, file=v.file_name)
            + f"  ({names.get(v.programme_id, '–')})"
            + (f"  [{', '.join(marks)}]" if marks else "")
        )
    return EXIT_OK


def cmd_rollback(args: argparse.Namespace) -> int:
    with open_store() as store:
        outcome = rollback(store, args.version, user=args.user)
        programme = None
        if not isinstance(outcome, StoreRefusal):
            info = next((v for v in list_versions(store) if v.id == outcome.version), None)
            programme = None if info is None or info.programme_id is None else get_programme(
                store, info.programme_id)
    if isinstance(outcome, StoreRefusal):
        if args.json:
            _print_json(outcome.to_json())
        else:
            print(outcome.error, file=sys.stderr)
        return EXIT_NOT_FOUND
    if args.json:
        _print_json(outcome.to_json())
    else:
        previous = outcome.previous if outcome.previous is not None else t("cli_previous_none")
        print(t("cli_rollback_done", kind=kind_name(outcome.kind), version=outcome.version,
                previous=previous))
        if programme is not None:
            print(t("cli_rollback_programme", programme=programme.name))
    return EXIT_OK


def cmd_summary(args: argparse.Namespace) -> int:
    """The summary of a programme's active data (--programme; the most recent programme without it)."""
    with open_store() as store:
        chosen = chosen_programme(store, args.programme)
        if isinstance(chosen, ProgrammeRefusal):
            return _refuse_request(chosen.error, args.json)
        programme_id, programme_name = chosen
        summaries = dataset_summaries(store, programme_id)
        active = active_version_ids(store, programme_id)
    if args.json:
        _print_json(summaries)
        return EXIT_OK
    if programme_name is not None:
        print(t("cli_summary_programme", programme=programme_name))
    for kind, summary in summaries.items():
        if summary is None:
            print(t("cli_summary_no_data", kind=kind_name(kind).capitalize()))
            continue
        print(t("cli_summary_heading", kind=kind_name(kind).capitalize(), version=active[kind]))
        for key, value in summary.items():
            if isinstance(value, (dict, list)):
                shown = json.dumps(value, ensure_ascii=False)
            else:        # a figure the register does not have is "–", as on the pages (JSON keeps null)
                shown = EMPTY if value is None else value
            print(f"  {key}: {shown}")
    return EXIT_OK


def _refuse_request(message: str, as_json: bool) -> int:
    if as_json:
        _print_json({"error": message})
    else:
        print(message, file=sys.stderr)
    return EXIT_REFUSED


def cmd_export_rejected(args: argparse.Namespace) -> int:
    with open_store() as store:
        written = rejected.export_rejected(store, args.version, args.out)
    if isinstance(written, StoreRefusal):
        print(written.error, file=sys.stderr)
        return EXIT_NOT_FOUND
    print(t("cli_rejected_written", version=args.version, path=written))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    with open_store() as store:
        outcomes = importing.load_demo(store, user=args.user)
    if args.json:
        _print_json([o.to_json() for o in outcomes])
        return EXIT_OK
    if not outcomes:
        print(t("cli_no_demo_files"), file=sys.stderr)
        return EXIT_NOT_FOUND
    for o in outcomes:
        print(tn("cli_demo_loaded", o.dataset_rows, kind=kind_name(o.kind), version=o.version))
    return EXIT_OK
