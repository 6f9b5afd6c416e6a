"""The command line: a thin layer over the same functions the pages call."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from analytics.catalogue import t
from analytics.results import KINDS, Refusal

EXIT_OK, EXIT_REFUSED = 0, 2


def print_json(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, default=str) + "\n")


def refuse(file: str, message: str, as_json: bool) -> int:
    if as_json:
        print_json({"error": message})
    else:
        sys.stderr.write(t("report_refused", file=file) + "\n" + message + "\n")
    return EXIT_REFUSED


def command_check(args: argparse.Namespace) -> int:
    from analytics.pipeline import check_file
    from analytics.textreport import format_check

    result = check_file(args.file, args.kind)
    if isinstance(result, Refusal):
        return refuse(args.file, result.error, args.json)
    if args.json:
        print_json(result.to_json())
    else:
        print(format_check(result))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analytics",
                                     description=t("cli_description"))
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help=t("cli_help_check"))
    check.add_argument("file")
    check.add_argument("--kind", choices=KINDS)
    check.add_argument("--json", action="store_true")
    check.set_defaults(func=command_check)
    for module_name in ("analytics.cli_store", "analytics.cli_reports", "analytics.cli_accounts"):
        try:
            module = __import__(module_name, fromlist=["register"])
        except ImportError:
            continue
        module.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:          # the reader (e.g. `| head`) went away: nothing left to say
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - a bug must still end in a readable message, not a traceback
        return refuse(getattr(args, "file", "") or "", t("error_internal", detail=type(error).__name__),
                      getattr(args, "json", False))
