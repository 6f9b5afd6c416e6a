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
from analytics.catalogue import language
from analytics.reports import rejected
from analytics.results import KINDS, Refusal
from analytics.store import (
    MODES,
    ImportOutcome,
    StoreRefusal,
    active_version_ids,
    dataset_summaries,
    list_versions,
    open_store,
    rollback,
)
from analytics.store.combining import counts_text, done_sentence

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_REFUSED = 2

KIND_NAMES = {"attendance": "lista obecności", "projects": "rejestr projektów"}
MODE_NAMES = {"replace": "zastąpienie", "append": "dopisanie", "merge": "scalenie"}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the store's verbs to the main parser's subcommands."""
    p = subparsers.add_parser("import", help="zapisz plik jako nową wersję danych")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--kind", choices=KINDS, default=None, help="rodzaj danych (domyślnie rozpoznany z pliku)")
    p.add_argument("--mode", choices=MODES, default="replace",
                   help="replace: plik to cały zbiór; append: spotkania z pliku dochodzą do zbioru lub "
                        "zastępują te same spotkania w całości; merge: listy tych samych spotkań są łączone "
                        "(osoby z pliku dochodzą do zapisanych, jedna obecność na osobę i spotkanie); "
                        "projekty: append i merge dodają nowe i aktualizują te o tym samym tytule")
    _user_argument(p)
    _json_argument(p)
    p.set_defaults(func=cmd_import)

    p = subparsers.add_parser("versions", help="historia wersji")
    p.add_argument("--kind", choices=KINDS, default=None)
    _json_argument(p)
    p.set_defaults(func=cmd_versions)

    p = subparsers.add_parser("rollback", help="przywróć wcześniejszą wersję")
    p.add_argument("version", metavar="VERSION", type=int)
    _user_argument(p)
    _json_argument(p)
    p.set_defaults(func=cmd_rollback)

    p = subparsers.add_parser("summary", help="podsumowanie aktywnych danych")
    _json_argument(p)
    p.set_defaults(func=cmd_summary)

    p = subparsers.add_parser("export-rejected", help="odrzucone wiersze wersji do pliku .xlsx")
    p.add_argument("version", metavar="VERSION", type=int)
    p.add_argument("--out", required=True, metavar="FILE.xlsx")
    p.set_defaults(func=cmd_export_rejected)

    p = subparsers.add_parser("demo", help="wczytaj dane demonstracyjne jako nową wersję")
    _user_argument(p)
    _json_argument(p)
    p.set_defaults(func=cmd_demo)


def _user_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", default=None, help="kto (domyślnie login systemowy)")


def _json_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="wynik jako JSON")


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def cmd_import(args: argparse.Namespace) -> int:
    with open_store() as store:
        outcome = importing.import_file(store, args.file, kind=args.kind, mode=args.mode, user=args.user)
    if isinstance(outcome, Refusal):
        if args.json:
            _print_json(outcome.to_json())
        else:
            print(f"Plik nie został zapisany: {outcome.error}", file=sys.stderr)
        return EXIT_REFUSED
    if args.json:
        _print_json(outcome.to_json())
    else:
        print(_describe_import(outcome))
    return EXIT_OK


def _describe_import(outcome: ImportOutcome) -> str:
    kind = KIND_NAMES[outcome.kind]
    if outcome.duplicate_of is not None:
        return (f"Ten plik jest już aktywną wersją {outcome.duplicate_of} ({kind}): "
                "nic nie zapisano.")
    lines = [
        f"Zapisano wersję {outcome.version} ({kind}, {MODE_NAMES[outcome.mode]}) "
        f"z pliku {outcome.file_name}.",
        f"Przyjęte wiersze: {outcome.rows_accepted}, odrzucone: {outcome.rows_rejected}; "
        f"cały zbiór ma teraz {outcome.dataset_rows} wierszy.",
    ]
    if outcome.effect is not None:
        with language("pl"):
            lines.append(done_sentence(outcome.effect))
    if outcome.started_empty:
        lines.append(f"Aktywna wersja {outcome.parent_id} zawierała dane demonstracyjne: "
                     "plik zapisano jako nowy zbiór.")
    if outcome.replaced:
        label = "Zastąpione spotkania" if outcome.kind == "attendance" else "Zastąpione projekty"
        lines.append(f"{label}: {', '.join(str(r) for r in outcome.replaced)}.")
    if outcome.warnings:
        lines.append(f"Ostrzeżenia ({len(outcome.warnings)}):")
        lines += [f"  {_where(w)}{w['message']}" for w in outcome.warnings]
    if outcome.rejected:
        lines.append(f"Odrzucone ({len(outcome.rejected)}); do poprawienia: "
                     f"python -m analytics export-rejected {outcome.version} --out odrzucone.xlsx")
        lines += [f"  {_where(p)}{p['reason']}" for p in outcome.rejected]
    return "\n".join(lines)


def _where(item: dict[str, Any]) -> str:
    parts = []
    if item.get("row") is not None:
        parts.append(f"wiersz {item['row']}")
    if item.get("column"):
        parts.append(f"kolumna {item['column']}")
    return (", ".join(parts) + ": ") if parts else ""


def cmd_versions(args: argparse.Namespace) -> int:
    with open_store() as store:
        found = list_versions(store, args.kind)
    if args.json:
        _print_json([v.to_json() for v in found])
        return EXIT_OK
    if not found:
        print("Brak zapisanych wersji.")
    for v in found:
        marks = [m for m, on in (("AKTYWNA", v.active), ("demo", v.demo)) if on]
        with language("pl"):
            change = counts_text(v)
        print(
            f"{v.id:>4}  {v.created_at:%Y-%m-%d %H:%M} UTC  {KIND_NAMES[v.kind]:<17}  "
            f"{MODE_NAMES[v.mode]:<11}  {v.user:<12}  przyjęte {v.rows_accepted:>6}, "
            f"odrzucone {v.rows_rejected:>5}  zbiór {change}  {v.file_name}"
            + (f"  [{', '.join(marks)}]" if marks else "")
        )
    return EXIT_OK


def cmd_rollback(args: argparse.Namespace) -> int:
    with open_store() as store:
        outcome = rollback(store, args.version, user=args.user)
    if isinstance(outcome, StoreRefusal):
        if args.json:
            _print_json(outcome.to_json())
        else:
            print(outcome.error, file=sys.stderr)
        return EXIT_NOT_FOUND
    if args.json:
        _print_json(outcome.to_json())
    else:
        print(f"Aktywna wersja ({KIND_NAMES[outcome.kind]}): {outcome.version} "
              f"(poprzednio {outcome.previous if outcome.previous is not None else 'brak'}).")
    return EXIT_OK


def cmd_summary(args: argparse.Namespace) -> int:
    with open_store() as store:
        summaries = dataset_summaries(store)
        active = active_version_ids(store)
    if args.json:
        _print_json(summaries)
        return EXIT_OK
    for kind, summary in summaries.items():
        if summary is None:
            print(f"{KIND_NAMES[kind].capitalize()}: brak danych.")
            continue
        print(f"{KIND_NAMES[kind].capitalize()} (wersja {active[kind]}):")
        for key, value in summary.items():
            shown = json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value
            print(f"  {key}: {shown}")
    return EXIT_OK


def cmd_export_rejected(args: argparse.Namespace) -> int:
    with open_store() as store:
        written = rejected.export_rejected(store, args.version, args.out)
    if isinstance(written, StoreRefusal):
        print(written.error, file=sys.stderr)
        return EXIT_NOT_FOUND
    print(f"Zapisano odrzucone wiersze wersji {args.version} do {written}.")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    with open_store() as store:
        outcomes = importing.load_demo(store, user=args.user)
    if args.json:
        _print_json([o.to_json() for o in outcomes])
        return EXIT_OK
    if not outcomes:
        print("Brak plików demonstracyjnych w data/demo/.", file=sys.stderr)
        return EXIT_NOT_FOUND
    for o in outcomes:
        print(f"Wczytano dane demonstracyjne ({KIND_NAMES[o.kind]}) jako wersję {o.version}: "
              f"{o.dataset_rows} wierszy.")
    return EXIT_OK
