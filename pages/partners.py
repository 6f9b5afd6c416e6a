"""Partnerzy: the partnership's member institutions – by sector and gmina, over the meetings, how many
stay, the ties across sectors and the partners of each project. Staff also decide the near-duplicate
names the rules could not (merge or keep apart; stored, audited, applied to every version).

The director sees institution names except a sole trader's (its name holds a person's), shown as
„działalność gospodarcza (sector, gmina)”; no proposals."""

from __future__ import annotations

import streamlit as st

from analytics import accounts, formatting
from analytics import store as store_api
from analytics.catalogue import current_language, t, tn
from analytics.display.partners import register_table
from analytics.partners import Proposal
from pages import _auth as auth
from pages import _partner_data as data
from pages import _shared as shared


def main() -> None:
    auth.require("partners")
    st.title(t("partners_page_title"))
    shared.show_flashes()
    key = shared.data_key()
    if key.attendance is None:
        shared.empty_message("store" if key.empty else "attendance")
        return
    staff = accounts.can_see_personal_data(shared.role())
    decided = data.decisions()
    tables = data.tables(key, decided)
    st.caption(t("partners_intro"))
    if tables.register.empty:
        st.info(t("partners_none"), icon=":material/info:")
        return
    charts = data.page_charts(key, decided, current_language(), not staff)

    st.header(t("partners_who_heading"))
    shared.chart(charts["by_sector"], "partners_by_sector")
    shared.chart(charts["by_gmina"], "partners_by_gmina")
    st.header(t("partners_when_heading"))
    shared.chart(charts["per_meeting"], "partners_per_meeting")
    shared.chart(charts["retention"], "partners_retention")
    st.header(t("partners_ties_heading"))
    shared.chart(charts["ties"], "partners_ties")
    shared.chart(charts["projects"], "partners_projects")

    st.header(t("partners_list_heading"))
    with shared.guarded("table_failed", "the partner register"):
        table = register_table(tables.register, masked=not staff)
        st.dataframe(table, hide_index=True, width="stretch",
                     column_config={t("partners_col_name"): st.column_config.TextColumn(pinned=True)})
        # a sole trader's name is a person's: staff's download of it is recorded in the audit trail
        shared.table_download(table, "partnerzy", "partners_register",
                              personal=staff and bool(tables.register["sole_trader"].any()))

    if staff:
        show_proposals(key, decided)


def show_proposals(key: shared.DataKey, decided: store_api.PartnerDecisions) -> None:
    """Staff: the names the rules could not decide, each to merge or keep apart."""
    st.header(t("partners_proposals_heading"))
    st.caption(t("partners_proposals_note"))
    proposals = data.proposals(key, decided)
    if not proposals:
        st.success(t("partners_proposals_none"), icon=":material/check_circle:")
        return
    st.caption(tn("partners_proposals_count", len(proposals)))
    for index, proposal in enumerate(proposals):
        with st.container(border=True, key=f"proposal_{index}"):
            left, right = st.columns([3, 2], vertical_alignment="center")
            left.markdown(t("partners_proposal_pair", a=shared.safe(proposal.name_a),
                            b=shared.safe(proposal.name_b),
                            score=formatting.format_int(round(proposal.score))))
            merge, apart = right.columns(2)
            merge.button(t("partners_merge"), key=f"merge_{index}", icon=":material/merge:",
                         on_click=decide, args=(proposal, "merge"), width="stretch")
            apart.button(t("partners_keep_apart"), key=f"apart_{index}", icon=":material/call_split:",
                         on_click=decide, args=(proposal, "apart"), width="stretch")


def decide(proposal: Proposal, decision: str) -> None:
    """Store the decision (with its audit entry); the page then shows the figures with it applied."""
    store_api.record_partner_decision(shared.store(), proposal.key_a, proposal.key_b, decision,
                                      shared.user_name(), names=(proposal.name_a, proposal.name_b))
    message = "partners_merged" if decision == "merge" else "partners_kept_apart"
    shared.flash("success", t(message, a=proposal.name_a, b=proposal.name_b))


main()
