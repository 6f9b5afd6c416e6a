"""Porównanie: two or more programmes (cycles) side by side on the same figures, with the change from
one to the next, and charts drawn on one scale with the usual colours. Aggregates only: the director
sees it."""

from __future__ import annotations

import streamlit as st

from analytics.catalogue import t
from pages import _auth as auth
from pages import _shared as shared

CHOICE_KEY = "comparison_programmes"


def main() -> None:
    auth.require("comparison")
    st.title(t("comparison_title"))
    st.caption(t("comparison_intro"))
    found = shared.programmes()
    if len(found) < 2:
        st.info(t("comparison_needs_two"), icon=":material/info:")
        return
    names = [p.name for p in found]
    chosen = st.multiselect(t("comparison_choice"), names, default=names[-2:], key=CHOICE_KEY,
                            placeholder=t("comparison_choice_placeholder"))
    if len(chosen) < 2:
        st.info(t("comparison_choose_two"), icon=":material/info:")
        return
    view = shared.comparison([p for p in found if p.name in chosen])   # the earliest first
    st.header(t("comparison_figures_heading"))
    st.caption(t("comparison_figures_note"))
    first = view.table.columns[0]
    st.dataframe(view.table, hide_index=True, width="stretch", height="content",
                 column_config={first: st.column_config.TextColumn(first, width="large")})
    shared.table_download(view.table, "porownanie programow", "comparison_figures")
    for position, drawn in enumerate(view.charts):
        shared.chart(drawn, f"comparison_{position}")


main()
