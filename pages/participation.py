"""Uczestnictwo: who took part – by sector, group and gmina (bars and map), over the meetings,
how many came back – and, for staff, the list of participants."""

from __future__ import annotations

import streamlit as st

from analytics import accounts, metrics
from analytics.catalogue import current_language, t
from analytics.display.meetings import (
    attendance_chart,
    new_and_returning_chart,
    retention_chart,
    return_heatmap,
)
from analytics.display.participation import participants_chart, sector_gmina_heatmap
from pages import _auth as auth
from pages import _rodo as rodo_page
from pages import _shared as shared
from pages import _sidebar as sidebar

STACK_CHOICES = (None, "sector", "group")
STACK_LABEL_KEYS = {None: "stack_none", "sector": "stack_sector", "group": "stack_group"}


def main() -> None:
    auth.require("participation")
    st.title(t("participation_title"))
    key = shared.data_key()
    if key.attendance is None:
        shared.empty_message("store" if key.empty else "attendance")
        return
    filters = sidebar.current_filters()
    if shared.attendance_rows(key, filters) == 0:
        st.info(t("empty_filtered"), icon=":material/filter_alt:")
        return

    # Every chart full width: their titles and subtitles are long, and the map's tiles carry names.
    st.header(t("participation_who_heading"))
    for dimension in ("sector", "group"):
        shared.chart(shared.attendance_chart(participants_chart, metrics.participants_by, key, filters,
                                             {"dimension": dimension}, dimension=dimension),
                     f"by_{dimension}")

    st.header(t("participation_where_heading"))
    shared.chart(shared.gmina_map(key, filters), "map")
    shared.chart(shared.attendance_chart(participants_chart, metrics.participants_by, key, filters,
                                         {"dimension": "gmina"}, dimension="gmina"), "by_gmina")
    shared.chart(shared.attendance_chart(sector_gmina_heatmap, metrics.sector_by_gmina, key,
                                         filters), "sector_gmina")

    st.header(t("participation_when_heading"))
    stack_by = st.radio(t("stack_choice"), STACK_CHOICES, key="stack_by", horizontal=True,
                        format_func=lambda choice: t(STACK_LABEL_KEYS[choice]))
    shared.chart(shared.attendance_chart(attendance_chart, metrics.attendance_by_meeting, key,
                                         filters, {"stack_by": stack_by}, stack_by=stack_by), "by_meeting")
    shared.chart(shared.attendance_chart(new_and_returning_chart, metrics.meetings_table, key,
                                         filters), "new_returning")

    st.header(t("participation_retention_heading"))
    shared.chart(shared.attendance_chart(retention_chart, metrics.retention_counts, key, filters),
                 "retention")
    if len(shared.schedule(key, filters)) >= 2:
        shared.chart(shared.attendance_chart(return_heatmap, metrics.return_matrix, key, filters),
                     "returns")
    else:
        st.caption(t("returns_need_two_meetings"))

    if accounts.can_see_personal_data(shared.role()):
        show_participant_list(key, filters)
        shared.certificates_download(key)
        rodo_page.show_person_data(shared.store())


def show_participant_list(key: shared.DataKey, filters: metrics.Filters) -> None:
    st.header(t("participants_list_heading"))
    st.caption(t("participants_list_note"))
    # A toggle rather than an expander: the names reach the browser only when asked for.
    if st.toggle(t("participants_list_open"), key="show_participants"):
        table = shared.participant_table(key, filters, current_language())
        # Seven columns in the page's width: the name pinned, the count narrow, so nothing is cut off.
        st.dataframe(table, hide_index=True, width="stretch", column_config={
            t("chart_col_name"): st.column_config.TextColumn(pinned=True),
            t("chart_col_institution"): st.column_config.TextColumn(width="medium"),
            t("chart_col_meetings"): st.column_config.TextColumn(width="small"),
            t("chart_col_count"): st.column_config.NumberColumn(width="small"),
        })
        shared.table_download(table, "lista uczestnikow", "participants", personal=True)


main()
