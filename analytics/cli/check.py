"""`python -m analytics check FILE`: read and check a spreadsheet, store nothing; the readable Polish
(or English) report of the check, or its JSON with --json. Also what every verb prints when it refuses
a file (refuse, print_json).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from analytics.catalogue import t
from analytics.results import KIND_LABEL_KEYS, KINDS, CheckResult, Refusal

EXIT_OK, EXIT_REFUSED = 0, 2
MAX_LINES = 50


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `check` to the main parser's subcommands."""
    check = subparsers.add_parser("check", help=t("cli_help_check"))
    check.add_argument("file")
    check.add_argument("--kind", choices=KINDS)
    check.add_argument("--json", action="store_true")
    check.set_defaults(func=command_check)


def command_check(args: argparse.Namespace) -> int:
    from analytics.reading import check_file  # the pipeline imports much; only this verb needs it

    result = check_file(args.file, args.kind)
    if isinstance(result, Refusal):
        return refuse(args.file, result.error, args.json)
    if args.json:
        print_json(result.to_json())
    else:
        print(format_check(result))
    return EXIT_OK


def print_json(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, default=str) + "\n")


def refuse(file: str, message: str, as_json: bool) -> int:
    """A file (or a request) that could not be handled: {"error": …} with --json, else the sentence on
    stderr; exit status 2."""
    if as_json:
        print_json({"error": message})
    else:
        sys.stderr.write(t("report_refused", file=file) + "\n" + message + "\n")
    return EXIT_REFUSED


def format_check(result: CheckResult) -> str:
    lines = [
        t("report_title", file=result.file),
        t("report_format", format=result.format.upper(), kind=t(KIND_LABEL_KEYS[result.kind])),
    ]
    if result.sheet:
        lines.append(t("report_sheet", sheet=result.sheet, row=result.header_row))
    else:
        lines.append(t("report_header_row", row=result.header_row))
    lines.append(t("report_counts", read=result.rows_read, accepted=result.rows_accepted,
                   rejected=result.rows_rejected))
    lines.append("")
    lines += _summary_lines(result)
    if result.rejected:
        lines += ["", t("report_rejected_heading", count=len(result.rejected))]
        lines += [_problem_line(p.row, p.column, p.value, p.reason) for p in result.rejected[:MAX_LINES]]
        if len(result.rejected) > MAX_LINES:
            lines.append(t("report_more", count=len(result.rejected) - MAX_LINES))
    if result.warnings:
        lines += ["", t("report_warnings_heading", count=len(result.warnings))]
        for w in result.warnings[:MAX_LINES]:
            where = t("report_row", row=w.row) if w.row is not None else ""
            column = f" [{w.column}]" if w.column else ""
            lines.append(f"  - {where}{column}{': ' if where or column else ''}{w.message}")
        if len(result.warnings) > MAX_LINES:
            lines.append(t("report_more", count=len(result.warnings) - MAX_LINES))
    return "\n".join(lines)


def _problem_line(row: int, column: str | None, value: str | None, reason: str) -> str:
    column_text = f" [{column}]" if column else ""
    value_text = f" „{value}”" if value else ""
    return f"  - {t('report_row', row=row)}{column_text}{value_text}: {reason}"


def _summary_lines(result: CheckResult) -> list[str]:
    s = result.summary
    if result.kind == "projects":
        lines = [t("report_projects", projects=s["projects"])]
        lines += [f"    {k}: {v}" for k, v in s["projects_by_status"].items()]
        return lines
    lines = [t("report_attendance", meetings=s["meetings"], participants=s["participants"],
               attendances=s["attendances"])]
    for key, label in (("attendances_by_meeting", "report_by_meeting"),
                       ("participants_by_sector", "report_by_sector"),
                       ("participants_by_group", "report_by_group"),
                       ("participants_by_gmina", "report_by_gmina")):
        lines.append(t(label))
        lines += [f"    {k}: {v}" for k, v in s[key].items()]
    return lines
