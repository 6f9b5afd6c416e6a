"""Przegląd: the picture at a glance – the headline figures with their change since the previous
meeting, attendance per meeting, participants by sector, the gminy on a small map and the projects by
status, side by side so that the key picture fits one screen (1400×900) – then the projects in figures
and the reports. The deep dives are on the participation and projects pages."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analytics import formatting, importing, metrics, project_metrics
from analytics.catalogue import t, tn
from analytics.display.meetings import programme_timeline
from analytics.display.participation import participants_chart
from analytics.display.projects import projects_status_chart
from pages import _auth as auth
from pages import _rodo as rodo_page
from pages import _shared as shared
from pages import _sidebar as sidebar

# Seven compact cards in one row: smaller figures and padding than Streamlit's, and labels and change
# notes that wrap instead of ending in "…" (Streamlit cuts them to one line).
KPI_STYLE = (
    "<style>"
    + ", ".join(f'[data-testid="{part}"] [data-testid="{box}"]{inner}'
                for part, box in (("stMetricLabel", "stMarkdownContainer"),
                                  ("stMetricDeltaDescription", "stCaptionContainer"))
                for inner in ("", " p"))
    + " { white-space: normal; overflow: visible; text-overflow: clip; }"
    + ' [data-testid="stMetric"] > div { padding: 0.5rem 0.6rem; }'
    + ' [data-testid="stMetricLabel"] p { font-size: 0.85rem; line-height: 1.25; }'
    + ' [data-testid="stMetricValue"] { font-size: 1.6rem; }'
    + ' [data-testid="stMetric"] div:has(> [data-testid="stMetricDelta"]) { flex-wrap: wrap; row-gap: 2px; }'
    + ' [data-testid="stMetricDeltaDescription"] p { font-size: 0.8rem; line-height: 1.2; }'
    + "</style>"
)
Drawing = Callable[[], None]
# Each headline figure's help: what it counts and how, said in full.
KPI_HELP_KEYS = {
    "kpi_meetings": "kpi_meetings_help", "kpi_participants": "kpi_participants_help",
    "kpi_attendances": "kpi_attendances_help", "kpi_last_meeting": "kpi_last_meeting_help",
    "kpi_average": "kpi_average_help", "kpi_retention": "kpi_retention_help", "kpi_gminy": "kpi_gminy_help",
    "kpi_projects": "kpi_projects_help", "kpi_projects_running": "kpi_projects_running_help",
    "kpi_project_participants": "kpi_project_participants_help", "kpi_jobs": "kpi_jobs_help",
}
# The notes under a change whose words agree with its number ("+1 nowa osoba", "+2 nowe osoby"): tn
COUNTED_NOTES = frozenset({"kpi_new_since"})


def main() -> None:
    auth.require("overview")
    st.title(t("overview_title"))
    rodo_page.retention_reminder()
    st.html(KPI_STYLE)
    key = shared.data_key()
    if key.empty:
        st.caption(t("app_caption"))
        shared.empty_message("store")
        return
    filters = sidebar.current_filters()
    left: list[Drawing] = []
    right: list[Drawing] = []
    if key.attendance is None:
        st.caption(t("app_caption"))
        shared.empty_message("attendance")
    elif show_attendance(key, filters):
        left, right = attendance_charts(key, filters)
    if key.projects is not None and projects_shown(key, filters):
        left.append(lambda: shared.chart(
            shared.projects_chart(projects_status_chart, project_metrics.projects_table, key,
                                  gminy=filters.gminy, compact=True), "projects_status"))
    draw_in_two_columns(left, right)
    st.divider()
    if key.projects is None:
        shared.empty_message("projects")
    else:
        show_projects(key, filters)
    st.divider()
    shared.report_downloads(key, filters)


def show_attendance(key: shared.DataKey, filters: metrics.Filters) -> bool:
    """The headline figures in one row of cards under the page's caption (which says what the arrows
    compare); False (and a note) when the filters leave nobody."""
    headline = shared.headline(key, filters)
    if headline.meetings == 0 or headline.participants == 0:
        st.caption(t("app_caption"))
        st.info(t("empty_filtered"), icon=":material/filter_alt:")
        return False
    held = shared.schedule(key, filters)["meeting"].tolist()
    previous = formatting.roman(held[-2]) if len(held) >= 2 else ""
    caption = [t("app_caption")]
    if previous:
        caption.append(t("overview_delta_note", previous=previous, meeting=formatting.meeting_label(
            headline.last_meeting, headline.last_meeting_date)))
    st.caption("  \n".join(caption))     # one element, two lines: less room than two captions
    notes = {"previous": previous}
    row = st.columns(7, gap="xsmall")
    kpi(row[0], "kpi_meetings", formatting.format_int(headline.meetings))
    kpi(row[1], "kpi_participants", formatting.format_int(headline.participants),
        headline.new_participants, formatting.format_signed_int, "kpi_new_since", notes)
    kpi(row[2], "kpi_attendances", formatting.format_int(headline.attendances))
    kpi(row[3], "kpi_last_meeting", formatting.format_int(headline.last_meeting_attendances),
        headline.attendances_change, formatting.format_signed_int, "kpi_vs_previous", notes,
        title="kpi_card_last_meeting")
    kpi(row[4], "kpi_average", formatting.format_number(headline.average_per_meeting, 1),
        headline.average_change, _signed_decimal, "kpi_vs_previous_state", notes)
    kpi(row[5], "kpi_retention", formatting.format_pct(headline.retention),
        headline.retention_change, formatting.format_signed_pct_points, "kpi_vs_previous_state", notes,
        help_params={"threshold": headline.retention_threshold, "meetings": headline.meetings,
                     "retained": headline.retained, "participants": headline.participants,
                     "minimum": metrics.MIN_PEOPLE_FOR_SHARE_CHANGE})
    kpi(row[6], "kpi_gminy", t("kpi_of", value=headline.gminy_reached, total=headline.gminy_total),
        headline.gminy_reached_change, formatting.format_signed_int, "kpi_vs_previous_state", notes,
        title="kpi_card_gminy")
    return True


def attendance_charts(key: shared.DataKey, filters: metrics.Filters) -> tuple[list[Drawing], list[Drawing]]:
    """Attendance per meeting (is it growing?) on the left (the projects by status go under it); where
    the participants come from on the right: the gminy on a small map, then the sectors. The
    participation page's charts, drawn compact."""
    illustrative = importing.illustrative_meetings(
        next((info for info in shared.active_infos(key) if info.kind == "attendance"), None))
    left: list[Drawing] = [
        lambda: shared.chart(shared.attendance_chart(programme_timeline, metrics.meetings_table,
                                                     key, filters, illustrative=illustrative), "programme"),
    ]
    right: list[Drawing] = [
        lambda: shared.chart(shared.gmina_map(key, filters, compact=True), "overview_map"),
        lambda: shared.chart(shared.attendance_chart(participants_chart, metrics.participants_by,
                                                     key, filters, {"dimension": "sector"},
                                                     dimension="sector", compact=True), "overview_by_sector"),
    ]
    return left, right


def draw_in_two_columns(left: list[Drawing], right: list[Drawing]) -> None:
    """Two columns of charts (each with its table beneath it), each column filled from the top, so that
    a short chart does not push its neighbour's column down."""
    if not left and not right:
        return
    columns = st.columns(2)
    for column, drawings in zip(columns, (left, right), strict=True):
        with column:
            for draw in drawings:
                draw()


def projects_shown(key: shared.DataKey, filters: metrics.Filters) -> bool:
    """False when the gmina filter leaves no project (show_projects says so)."""
    if not filters.gminy:
        return True
    return shared.project_metric(project_metrics.project_figures, key, gminy=filters.gminy).projects > 0


def show_projects(key: shared.DataKey, filters: metrics.Filters) -> None:
    figures = shared.project_metric(project_metrics.project_figures, key, gminy=filters.gminy)
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
                      border=True, help=t(KPI_HELP_KEYS[label], **help_params))
    st.caption(t("overview_projects_gmina_note"))


def kpi(column: DeltaGenerator, label: str, value: str, change: float | None = None,
        write_change: Callable[[float], str] | None = None, change_note: str | None = None,
        note_params: dict | None = None, help_params: dict | None = None, title: str | None = None) -> None:
    """One headline figure; its change (if any) grey when nothing changed, so "0" never looks like growth.
    `title`: a shorter label for the card than the figure's name in the reports (its help says it in full)."""
    delta = None if change is None or write_change is None else write_change(change)
    column.metric(
        t(title or label), value, delta=delta, delta_color="off" if change == 0 else "normal", border=True,
        delta_description=(None if delta is None or not change_note
                           else _note(change_note, change, note_params)),
        help=t(KPI_HELP_KEYS[label], **(help_params or {})),
    )


def _note(key: str, change: float, params: dict | None) -> str:
    """The words under a change; those that agree with its number ("+1 nowa osoba", "+2 nowe osoby")
    take its form."""
    return tn(key, int(change), **(params or {})) if key in COUNTED_NOTES else t(key, **(params or {}))


def _signed_decimal(value: float | None) -> str | None:
    if value is None:
        return None
    return ("+" if value > 0 else "") + formatting.format_number(value, 1)


main()
