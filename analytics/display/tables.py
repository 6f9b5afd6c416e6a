"""What the pages show beside the charts: tables with headers in the current language and values
written out (dates, statuses, meetings as Roman numerals). The projects list, the status history and
the participant list (from the metrics' tables); the import page's preview, rejected rows and notices.
The history page's tables are in history.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from analytics.catalogue import t
from analytics.formatting import (
    EMPTY,
    escape_markdown,
    format_date,
    format_datetime,
    is_missing,
    roman,
    value_label,
)

PREVIEW_ROWS = 200


def projects_display_table(projects: pd.DataFrame, leaders: bool = True) -> pd.DataFrame:
    """project_metrics.projects_table with Polish headers and dates and money written out, for the
    projects list; the leaders (people's names) only when `leaders`. A column the register does not
    fill for any project is left out: the table shows what the office keeps, not a row of dashes under
    "Budżet" for a register without budgets."""
    table = pd.DataFrame({
        t("chart_col_title"): projects["title"],
        t("chart_col_status"): [value_label(s) for s in projects["status"]],
        t("chart_col_leader"): projects["leader"],
        t("chart_col_start"): projects["start_date"].map(format_date),
        t("chart_col_end"): projects["end_date"].map(format_date),
        t("chart_col_budget"): projects["budget"],
        t("chart_col_participants_planned"): projects["participants_planned"],
        t("chart_col_participants_reached"): projects["participants_reached"],
        t("chart_col_jobs_planned"): projects["jobs_planned"],
        t("chart_col_jobs_created"): projects["jobs_created"],
        t("chart_col_enterprises"): projects["enterprises_created"],
        t("chart_col_gminy"): projects["gminy"],
        t("chart_col_last_update"): projects["last_update"].map(format_date),
    })
    always = {t("chart_col_title"), t("chart_col_status")}
    empty = [c for c in table.columns if c not in always and table[c].map(_blank).all()]
    hidden = [] if leaders else [t("chart_col_leader")]
    return table.drop(columns=list(dict.fromkeys(empty + hidden)))


def _blank(value: object) -> bool:
    return is_missing(value) or str(value).strip() in ("", EMPTY)


def status_history_table(history: pd.DataFrame) -> pd.DataFrame:
    """project_metrics.status_history with Polish headers, newest change first."""
    newest_first = history.sort_values(["created_at", "version"], ascending=False, kind="stable")
    return pd.DataFrame({
        t("chart_col_title"): newest_first["title"],
        t("chart_col_status"): [value_label(s) for s in newest_first["status"]],
        t("chart_col_previous_status"): [t("chart_first_appearance") if is_missing(s) else value_label(s)
                                         for s in newest_first["previous_status"]],
        t("chart_col_changed_at"): newest_first["created_at"].map(format_datetime),
        t("chart_col_version"): newest_first["version"],
    }).reset_index(drop=True)


def participant_list_table(people: pd.DataFrame) -> pd.DataFrame:
    """metrics.participant_list with Polish headers (personal data: staff pages only)."""
    return pd.DataFrame({
        t("chart_col_name"): people["name"],
        t("chart_col_institution"): people["institution"],
        t("chart_col_gmina"): people["gmina"],
        t("chart_col_sector"): [value_label(s) for s in people["sector"]],
        t("chart_col_group"): [value_label(g) for g in people["group"]],
        t("chart_col_meetings"): people["meetings"],
        t("chart_col_count"): people["count"],
    })


# -- what a check read, rejected and noted (the import page) -------------------------------------------


def _cell_text(value: Any) -> str:
    """A value as a table cell shows it: an empty cell, never "None", for a missing one."""
    return "" if is_missing(value) else str(value)


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
            values = values.map(roman)
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
