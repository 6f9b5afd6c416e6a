"""Plain helpers behind the dashboard pages: safe text, downloads, version tables. No Streamlit here."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from analytics import config, formatting, safe_export
from analytics.accounts import role_label
from analytics.catalogue import t
from analytics.combining import MODE_LABEL_KEYS, counts_text
from analytics.results import KIND_LABEL_KEYS

# Text a spreadsheet program would run as a formula: kept as text by an apostrophe in front.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping them all
# also defuses Streamlit's own :color[...] and :material/...: directives.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&\"'=^%@/;,?])")
PREVIEW_ROWS = 200
# The demo's meetings II–V have illustrative dates (only I and VI are in the 2017 report, see
# analytics/demo.py); the timeline says so while the demo data is shown.
DEMO_ILLUSTRATIVE_MEETINGS = (2, 3, 4, 5)
NO_DEMO_ENV = "PUP_NO_DEMO"

# -- settings -------------------------------------------------------------------------------------


def demo_wanted() -> bool:
    """False when PUP_NO_DEMO is set (to 1, true, yes): the store then starts empty, without the demo data."""
    return os.environ.get(NO_DEMO_ENV, "").strip().lower() not in ("1", "true", "yes", "tak")


def text_colour_on(background: str) -> str:
    """Black or white, whichever contrasts more with a #RRGGBB background (WCAG relative luminance)."""
    red, green, blue = (int(background.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#FFFFFF"


@lru_cache(maxsize=1)
def favicon() -> Any:
    """A small icon drawn in code (a blue square, white "PL"), so the browser fetches nothing outside."""
    from PIL import Image, ImageDraw

    icon = Image.new("RGB", (32, 32), "#0B4F8A")
    ImageDraw.Draw(icon).text((7, 10), "PL", fill="#FFFFFF")
    return icon


# -- safe text -------------------------------------------------------------------------------------


def escape_markdown(value: Any) -> str:
    """Text from a spreadsheet or a user, safe to put into st.markdown / st.caption: shown as written."""
    text = "" if value is None else str(value)
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return text.replace("\n", " ").replace("\r", " ")


def neutralise_cell(value: Any) -> Any:
    """A value as a spreadsheet cell: text Excel would run as a formula gets an apostrophe in front."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    if isinstance(value, (dict, list, tuple, set)):
        return str(value)
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value


# -- downloads ------------------------------------------------------------------------------------
# One formula-safe writer for every table a page hands out (control characters removed too).
xlsx_bytes = safe_export.xlsx_bytes
csv_bytes = safe_export.csv_bytes


def download_name(stem: str, extension: str) -> str:
    """A file name without spaces or Polish letters, which every browser and mail program keeps."""
    from analytics.vocabulary import fold

    return (fold(stem).replace(" ", "_") or "tabela") + "." + extension


def template_files() -> list[Path]:
    """The blank spreadsheets staff fill in (data/templates/)."""
    if not config.TEMPLATES_DIR.exists():
        return []
    spreadsheets = (".xlsx", ".xls", ".ods", ".csv")
    return sorted(p for p in config.TEMPLATES_DIR.iterdir() if p.suffix.lower() in spreadsheets)


# -- dates and times ----------------------------------------------------------------------------


def format_moment(moment: datetime | None) -> str:
    """A moment from the store (UTC) as `26 listopada 2026, 14:03`, Polish time."""
    if moment is None:
        return ""
    return formatting.format_datetime(moment)


def meeting_label(number: int, day: Any = None) -> str:
    """`VI – 7 grudnia 2017`, or `VI` when the date is not known."""
    if formatting.is_missing(day):
        return formatting.roman(number)
    return f"{formatting.roman(number)} – {formatting.format_date(day)}"


# -- versions and their comparison ---------------------------------------------------------------


@dataclass(frozen=True)
class DataAsOf:
    """What the sidebar says about one dataset: which version, when, by whom."""

    kind: str
    version: int
    when: str
    user: str
    file_name: str
    demo: bool


def data_as_of(infos: Iterable[Any]) -> list[DataAsOf]:
    """The active versions (store VersionInfo objects) as the sidebar shows them."""
    return [
        DataAsOf(info.kind, info.id, format_moment(info.created_at), info.user, info.file_name, info.demo)
        for info in infos
        if info is not None
    ]


def versions_table(infos: Iterable[Any]) -> pd.DataFrame:
    """The history of versions, newest first, with column headers in the current language."""
    rows = [
        {
            t("col_version"): info.id,
            t("col_kind"): t(KIND_LABEL_KEYS[info.kind]),
            t("col_when"): format_moment(info.created_at),
            t("col_user"): info.user,
            t("col_file"): info.file_name,
            t("col_mode"): t(MODE_LABEL_KEYS[info.mode]),
            t("col_before_after"): counts_text(info),
            t("col_accepted"): info.rows_accepted,
            t("col_rejected"): info.rows_rejected,
            t("col_dataset_rows"): info.dataset_rows,
            t("col_demo"): t("yes") if info.demo else t("no"),
            t("col_active"): t("yes") if info.active else t("no"),
        }
        for info in sorted(infos, key=lambda i: i.id, reverse=True)
    ]
    return pd.DataFrame(rows, columns=[
        t("col_version"), t("col_kind"), t("col_when"), t("col_user"), t("col_file"), t("col_mode"),
        t("col_before_after"), t("col_accepted"), t("col_rejected"), t("col_dataset_rows"), t("col_demo"),
        t("col_active"),
    ])


def version_option_label(info: Any) -> str:
    """`wersja 3 – 26.11.2026, 13:40 – lista.xlsx (jan)` for a select box."""
    label = t("version_option", version=info.id, when=format_moment(info.created_at),
              file=info.file_name, user=info.user)
    if info.demo:
        label += " – " + t("demo_short")
    if info.active:
        label += " – " + t("active_short")
    return label


def value_label(value: Any) -> str:
    """A sector, group or status in the current language (the charts' labels)."""
    from analytics.charts import value_label as chart_label

    return chart_label(value)


def _nested(summaries: tuple[dict[str, Any], ...], field: str) -> list[str]:
    """The keys of a summary's breakdown across both summaries, in the order they first appear."""
    return list(dict.fromkeys(key for summary in summaries for key in (summary.get(field) or {})))


def _comparison_rows(kind: str, *summaries: dict[str, Any]) -> list[tuple[str, Any]]:
    """(label, how to read the count from a summary) for every measure the comparison shows."""
    if kind == "attendance":
        meetings = sorted(_nested(summaries, "attendances_by_meeting"), key=int)
        return [
            (t("cmp_participants"), ("participants", None)),
            (t("cmp_attendances"), ("attendances", None)),
            (t("cmp_meetings"), ("meetings", None)),
            *[(t("cmp_attendances_meeting", meeting=formatting.roman(int(m))), ("attendances_by_meeting", m))
              for m in meetings],
            *[(t("cmp_sector", sector=value_label(s)), ("participants_by_sector", s))
              for s in _nested(summaries, "participants_by_sector")],
            *[(t("cmp_group", group=value_label(g)), ("participants_by_group", g))
              for g in _nested(summaries, "participants_by_group")],
        ]
    return [
        (t("cmp_projects"), ("projects", None)),
        *[(t("cmp_status", status=value_label(s)), ("projects_by_status", s))
          for s in _nested(summaries, "projects_by_status")],
    ]


def _count(summary: dict[str, Any], where: tuple[str, str | None]) -> int:
    field, key = where
    value = summary.get(field) if key is None else (summary.get(field) or {}).get(key)
    return int(value or 0)


def compare_summaries(kind: str, chosen: dict[str, Any], active: dict[str, Any]) -> pd.DataFrame:
    """A chosen version's counts beside the active version's, and the difference."""
    rows = _comparison_rows(kind, chosen, active)
    return pd.DataFrame({
        t("cmp_measure"): [label for label, _ in rows],
        t("cmp_chosen"): [_count(chosen, where) for _, where in rows],
        t("cmp_active"): [_count(active, where) for _, where in rows],
        t("cmp_difference"): [_count(active, where) - _count(chosen, where) for _, where in rows],
    })


def audit_table(entries: Iterable[Any]) -> pd.DataFrame:
    """The audit trail (store AuditEntry objects) as a table, newest first."""
    rows = []
    for entry in entries:
        details = entry.details or {}
        rows.append({
            t("col_when"): format_moment(entry.at),
            t("col_user"): entry.user,
            t("col_action"): _action_label(entry.action),
            t("col_kind"): t(KIND_LABEL_KEYS[entry.kind]) if entry.kind in KIND_LABEL_KEYS else "",
            t("col_version"): entry.version_id,
            t("col_details"): _audit_details(entry.action, details),
        })
    table = pd.DataFrame(rows, columns=[t("col_when"), t("col_user"), t("col_action"), t("col_kind"),
                                        t("col_version"), t("col_details")])
    # Logins and account changes concern no version: a blank cell, where a null would show "None".
    column = t("col_version")
    table[column] = ["" if v is None or pd.isna(v) else str(int(v)) for v in table[column]]
    return table


# The audit trail's actions and the reasons of a failed login, as the catalogue names them (an action
# or reason it does not name is shown as recorded).
ACTION_LABEL_KEYS = {
    "account_created": "action_account_created", "account_disabled": "action_account_disabled",
    "account_enabled": "action_account_enabled", "account_locked": "action_account_locked",
    "demo_load": "action_demo_load", "export_certificates": "action_export_certificates",
    "first_admin_created": "action_first_admin_created", "import": "action_import",
    "import_duplicate": "action_import_duplicate", "import_refused": "action_import_refused",
    "login": "action_login", "login_failed": "action_login_failed", "logout": "action_logout",
    "password_changed": "action_password_changed", "personal_data_export": "action_personal_data_export",
    "role_changed": "action_role_changed", "rollback": "action_rollback",
}
REASON_LABEL_KEYS = {
    "disabled": "action_reason_disabled", "locked": "action_reason_locked",
    "sso_no_role": "action_reason_sso_no_role", "unknown_login": "action_reason_unknown_login",
    "wrong_password": "action_reason_wrong_password",
}


def _action_label(action: str) -> str:
    return t(ACTION_LABEL_KEYS[action]) if action in ACTION_LABEL_KEYS else action


def _audit_details(action: str, details: dict[str, Any]) -> str:
    parts = []
    if details.get("file"):
        parts.append(str(details["file"]))
    if action in ("import", "demo_load"):
        parts.append(t("audit_rows", accepted=details.get("rows_accepted", 0),
                       rejected=details.get("rows_rejected", 0)))
        if details.get("mode"):
            parts.append(t(MODE_LABEL_KEYS[details["mode"]]))
        if details.get("dataset_rows_before") is not None and details.get("dataset_rows") is not None:
            parts.append(t("audit_before_after", before=details["dataset_rows_before"],
                           after=details["dataset_rows"]))
    if action == "rollback":
        parts.append(t("audit_rollback", previous=details.get("from"), to=details.get("to")))
    if details.get("login"):                               # an account change: whose account
        parts.append(str(details["login"]))
    if action == "role_changed":
        parts.append(f"{role_label(details.get('from'))} → {role_label(details.get('to'))}")
    elif details.get("role") and action in ("login", "account_created", "first_admin_created"):
        parts.append(role_label(details["role"]))
    if action == "login_failed" and details.get("reason"):
        reason = details["reason"]
        parts.append(t(REASON_LABEL_KEYS[reason]) if reason in REASON_LABEL_KEYS else reason)
    if action == "personal_data_export" and "rows" in details:
        parts.append(t("audit_export_rows", rows=details["rows"]))
    if details.get("sso"):
        parts.append("SSO")
    if details.get("error"):
        parts.append(str(details["error"]))
    return " · ".join(parts)


def _cell_text(value: Any) -> str:
    """A value as a table cell shows it: an empty cell, never "None", for a missing one."""
    return "" if formatting.is_missing(value) else str(value)


def problems_table(problems: Iterable[Any]) -> pd.DataFrame:
    """The rejected rows of a check (Problem objects), one line per reason, as text (a problem of the
    whole file has an empty row cell)."""
    return pd.DataFrame(
        [{t("col_row"): _cell_text(p.row), t("col_column"): _cell_text(p.column),
          t("col_value"): _cell_text(p.value), t("col_reason"): _cell_text(p.reason)} for p in problems],
        columns=[t("col_row"), t("col_column"), t("col_value"), t("col_reason")],
    )


def notices_table(notices: Iterable[Any]) -> pd.DataFrame:
    """The warnings of a check (Notice objects): what was corrected or skipped, as text (a note about
    the whole file has an empty row cell)."""
    return pd.DataFrame(
        [{t("col_row"): _cell_text(n.row), t("col_column"): _cell_text(n.column),
          t("col_message"): _cell_text(n.message)} for n in notices],
        columns=[t("col_row"), t("col_column"), t("col_message")],
    )


def markdown_cells(table: pd.DataFrame) -> pd.DataFrame:
    """A text table for st.table, which reads every cell as Markdown: each cell shown as written."""
    return table.map(escape_markdown).rename(columns=escape_markdown)


def preview_table(accepted: pd.DataFrame, kind: str, limit: int = PREVIEW_ROWS) -> pd.DataFrame:
    """The first accepted rows, with the columns staff recognise and headers in the current language:
    meetings in Roman numerals (as everywhere else), dates as 07.12.2017, an empty text cell (never
    "None") where the file had nothing."""
    columns = PREVIEW_COLUMNS[kind]
    shown = accepted.head(limit).reset_index(drop=True)
    table = pd.DataFrame(index=shown.index)
    for column in (c for c in columns if c in shown):
        values = shown[column]
        if column == "meeting":
            values = values.map(formatting.roman)
        elif pd.api.types.is_datetime64_any_dtype(values):
            values = values.map(lambda d: "" if pd.isna(d) else f"{pd.Timestamp(d):%d.%m.%Y}")
        elif not pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            values = values.map(_cell_text)
        table[t(FIELD_LABEL_KEYS[column])] = values
    return table


FIELD_LABEL_KEYS = {
    "row": "field_row", "person_name": "field_person_name", "institution": "field_institution",
    "gmina": "field_gmina", "sector": "field_sector", "group": "field_group", "meeting": "field_meeting",
    "meeting_date": "field_meeting_date", "title": "field_title", "leader": "field_leader",
    "status": "field_status", "start_date": "field_start_date", "end_date": "field_end_date",
    "budget": "field_budget", "participants_planned": "field_participants_planned",
    "participants_reached": "field_participants_reached", "jobs_planned": "field_jobs_planned",
    "jobs_created": "field_jobs_created",
}
PREVIEW_COLUMNS = {
    "attendance": ["row", "person_name", "institution", "gmina", "sector", "group", "meeting",
                   "meeting_date"],
    "projects": ["row", "title", "leader", "status", "start_date", "end_date", "budget",
                 "participants_planned", "participants_reached", "jobs_planned", "jobs_created"],
}
