"""Projekty: every project with its status in colour, planned against reached, a timeline with
today's date, and when each project changed status across the uploads."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from analytics import accounts, formatting, project_metrics
from analytics.catalogue import t
from analytics.display import palette
from analytics.display.projects import planned_vs_reached_chart, projects_status_chart, projects_timeline
from analytics.display.tables import projects_display_table, status_history_table
from pages import _auth as auth
from pages import _shared as shared
from pages import _sidebar as sidebar


def main() -> None:
    auth.require("projects")
    st.title(t("projects_title"))
    key = shared.data_key()
    if key.projects is None:
        shared.empty_message("store" if key.empty else "projects")
        return
    filters = sidebar.current_filters()
    st.caption(t("projects_gmina_note"))
    # Project leaders are people: their names are for staff, not for the director's aggregate view.
    leaders = accounts.can_see_personal_data(shared.role())
    gminy = filters.gminy
    projects = shared.project_metric(project_metrics.projects_table, key, leaders, gminy)
    if gminy:
        st.info(t("projects_gmina_filtered", gminy=", ".join(formatting.value_label(g) for g in gminy),
                  shown=len(projects), total=len(shared.projects(key))), icon=":material/filter_alt:")
    if projects.empty:
        st.info(t("projects_none_in_gminy" if gminy else "projects_none"))
        return

    st.header(t("projects_list_heading"))
    with shared.guarded("table_failed", "the projects list"):
        show_projects_list(projects, leaders)

    shared.chart(shared.projects_chart(projects_timeline, project_metrics.projects_table, key, leaders, gminy,
                                       today=dt.date.today()), "timeline")
    shared.chart(shared.projects_chart(planned_vs_reached_chart, project_metrics.projects_table, key,
                                       leaders, gminy), "planned_reached")
    shared.chart(shared.projects_chart(projects_status_chart, project_metrics.projects_table, key, leaders,
                                       gminy), "status")

    st.header(t("status_history_heading"))
    st.caption(t("status_history_note"))
    history = shared.status_history(key.url, shared.project_lineage(key))
    if gminy:
        history = history[history["title"].isin(set(projects["title"]))]
    with shared.guarded("table_failed", "the status history"):
        history_table = status_history_table(history)
        if history_table.empty:
            st.caption(t("no_numbers"))
        else:
            st.dataframe(history_table, hide_index=True, width="stretch")
            shared.table_download(history_table, "historia statusow", "status_history")


def show_projects_list(projects: pd.DataFrame, leaders: bool) -> None:
    """Every project in a table, its status in its colour; the leaders only for staff."""
    table = projects_display_table(projects, leaders=leaders)
    shown = table.copy()
    if t("chart_col_budget") in shown:
        shown[t("chart_col_budget")] = shown[t("chart_col_budget")].map(formatting.format_money)
    # Thirteen columns do not fit the page: the title stays pinned, whole, while the others scroll
    # sideways (the cut-off column at the right edge shows there is more), and the caption says so.
    st.caption(t("table_scrolls_sideways"))
    st.dataframe(status_coloured(shown, projects["status"]), hide_index=True, width="stretch",
                 column_config={t("chart_col_title"): st.column_config.TextColumn(pinned=True)})
    shared.table_download(table, "projekty", "projects_table")


def status_coloured(table: pd.DataFrame, statuses: pd.Series):
    """The status cells in the status's chart colour, with black or white text, whichever reads better."""
    colours = [palette.colour_for("status", s) for s in statuses]
    status_column = t("chart_col_status")

    def paint(column: pd.Series) -> list[str]:
        if column.name != status_column:
            return [""] * len(column)
        return [f"background-color: {c}; color: {palette.text_colour_on(c)}; font-weight: 600"
                for c in colours]

    return table.style.apply(paint, axis=0)


main()
