"""Przegląd: the headline figures with their change since the previous meeting, the meeting cycle
on a timeline, and the projects at a glance."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analytics import formatting, metrics, ui_support
from analytics.catalogue import t
from pages import _auth as auth
from pages import _shared as shared
from pages import _sidebar as sidebar

# The cards' labels and change notes wrap instead of ending in "…" when a column is too narrow for
# them (Streamlit cuts them to one line); the labels are short enough for one line from 1280 px wide.
KPI_LABELS_WRAP = (
    "<style>"
    + ", ".join(f'[data-testid="{part}"] [data-testid="{box}"]{inner}'
                for part, box in (("stMetricLabel", "stMarkdownContainer"),
                                  ("stMetricDeltaDescription", "stCaptionContainer"))
                for inner in ("", " p"))
    + " { white-space: normal; overflow: visible; text-overflow: clip; }</style>"
)


def main() -> None:
    auth.require("overview")
    st.title(t("overview_title"))
    st.html(KPI_LABELS_WRAP)
    st.caption(t("app_caption"))
    key = shared.data_key()
    if key.empty:
        shared.empty_message("store")
        return
    filters = sidebar.current_filters()
    if key.attendance is None:
        shared.empty_message("attendance")
    else:
        show_attendance(key, filters)
    st.divider()
    if key.projects is None:
        shared.empty_message("projects")
    else:
        show_projects(key, filters)
    st.divider()
    shared.report_downloads(key, filters)


def show_attendance(key: shared.DataKey, filters: metrics.Filters) -> None:
    headline = shared.headline(key, filters)
    if headline.meetings == 0 or headline.participants == 0:
        st.info(t("empty_filtered"), icon=":material/filter_alt:")
        return
    st.header(t("overview_attendance_heading"))
    held = shared.schedule(key, filters)["meeting"].tolist()
    previous = formatting.roman(held[-2]) if len(held) >= 2 else ""
    if previous:
        st.caption(t("overview_delta_note", previous=previous,
                     meeting=formatting.meeting_label(headline.last_meeting, headline.last_meeting_date)))
    notes = {"previous": previous}
    row = st.columns(4)
    kpi(row[0], "kpi_meetings", formatting.format_int(headline.meetings))
    kpi(row[1], "kpi_participants", formatting.format_int(headline.participants),
        headline.new_participants, formatting.format_signed_int, "kpi_new_since", notes)
    kpi(row[2], "kpi_attendances", formatting.format_int(headline.attendances))
    kpi(row[3], "kpi_last_meeting", formatting.format_int(headline.last_meeting_attendances),
        headline.attendances_change, formatting.format_signed_int, "kpi_vs_previous", notes,
        title="kpi_card_last_meeting")
    row = st.columns(4)
    kpi(row[0], "kpi_average", formatting.format_number(headline.average_per_meeting, 1),
        headline.average_change, _signed_decimal, "kpi_vs_previous_state", notes)
    kpi(row[1], "kpi_retention", formatting.format_pct(headline.retention),
        headline.retention_change, formatting.format_signed_pct_points, "kpi_vs_previous_state", notes,
        help_params={"threshold": headline.retention_threshold, "meetings": headline.meetings,
                     "retained": headline.retained, "participants": headline.participants})
    kpi(row[2], "kpi_gminy", t("kpi_of", value=headline.gminy_reached, total=headline.gminy_total),
        headline.gminy_reached_change, formatting.format_signed_int, "kpi_vs_previous_state", notes,
        title="kpi_card_gminy")
    illustrative = ui_support.DEMO_ILLUSTRATIVE_MEETINGS if _attendance_is_demo(key) else ()
    shared.chart(shared.attendance_chart("programme_timeline", "meetings_table", key, filters,
                                         illustrative=illustrative), "programme")


def show_projects(key: shared.DataKey, filters: metrics.Filters) -> None:
    figures = shared.project_metric("project_figures", key, gminy=filters.gminy)
    st.header(t("overview_projects_heading"))
    if filters.gminy and figures.projects == 0:
        st.info(t("projects_none_in_gminy"), icon=":material/filter_alt:")
        st.caption(t("overview_projects_gmina_note"))
        return
    row = st.columns(4)
    kpi(row[0], "kpi_projects", formatting.format_int(figures.projects))
    kpi(row[1], "kpi_projects_running", formatting.format_int(figures.by_status.get("w realizacji", 0)))
    # "180 z 300"; where the register gives no plan "213" and, grey beneath, "bez planu w rejestrze"
    people = formatting.reached_of_plan(figures.participants_reached, figures.participants_planned,
                                        "unit_people")
    jobs = formatting.reached_of_plan(figures.jobs_created, figures.jobs_planned, "unit_jobs")
    for column, label, title, figure, help_params in (
            (row[2], "kpi_project_participants", "kpi_card_project_participants", people, {}),
            (row[3], "kpi_jobs", "kpi_jobs", jobs,
             {"enterprises": formatting.format_int(figures.enterprises_created)})):
        column.metric(t(title), figure.card, delta=figure.note, delta_color="off", delta_arrow="off",
                      border=True, help=t(f"{label}_help", **help_params))
    st.caption(t("overview_projects_gmina_note"))
    shared.chart(shared.projects_chart("projects_status_chart", "projects_table", key, gminy=filters.gminy),
                 "projects_status")


def _attendance_is_demo(key: shared.DataKey) -> bool:
    return any(info.demo for info in shared.active_infos(key) if info.kind == "attendance")


def kpi(column: DeltaGenerator, label: str, value: str, change: float | None = None,
        write_change: Callable[[float], str] | None = None, change_note: str | None = None,
        note_params: dict | None = None, help_params: dict | None = None, title: str | None = None) -> None:
    """One headline figure; its change (if any) grey when nothing changed, so "0" never looks like growth.
    `title`: a shorter label for the card than the figure's name in the reports (its help says it in full)."""
    delta = None if change is None or write_change is None else write_change(change)
    column.metric(
        t(title or label), value, delta=delta, delta_color="off" if change == 0 else "normal", border=True,
        delta_description=None if delta is None or not change_note else t(change_note, **(note_params or {})),
        help=t(f"{label}_help", **(help_params or {})),
    )


def _signed_decimal(value: float | None) -> str | None:
    if value is None:
        return None
    return ("+" if value > 0 else "") + formatting.format_number(value, 1)


main()
