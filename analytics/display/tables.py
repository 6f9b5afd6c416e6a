"""What the pages show beside the charts: tables with headers in the current language and values
written out (dates, statuses), built from the metrics' tables.
"""

from __future__ import annotations

import pandas as pd

from analytics.catalogue import t
from analytics.formatting import format_date, format_datetime, is_missing, value_label


def projects_display_table(projects: pd.DataFrame) -> pd.DataFrame:
    """project_metrics.projects_table with Polish headers and dates and money written out, for the
    projects list."""
    return pd.DataFrame({
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
