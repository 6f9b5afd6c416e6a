"""The readable Polish (or English) report of a check, as the CLI prints it without --json."""

from __future__ import annotations

from analytics.catalogue import t
from analytics.results import KIND_LABEL_KEYS, CheckResult

MAX_LINES = 50


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
    for key, label in (("attendances_by_meeting", "report_by_meeting"), ("participants_by_sector", "report_by_sector"),
                       ("participants_by_group", "report_by_group"), ("participants_by_gmina", "report_by_gmina")):
        lines.append(t(label))
        lines += [f"    {k}: {v}" for k, v in s[key].items()]
    return lines
