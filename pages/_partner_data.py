"""What the partners page computes, cached: the partner tables of the active data with staff's
decisions applied, keyed by the data version and the decisions' stamp (a merge is seen at once).

Not a page itself (st.navigation lists only the page files named in dashboard.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analytics import metrics
from analytics import partner_metrics as pm
from analytics import store as store_api
from analytics.display import partners as charts
from analytics.display.figure import Chart
from analytics.partners import Proposal
from pages import _shared as shared


@dataclass(frozen=True)
class PartnerTables:
    register: pd.DataFrame      # partner_metrics.partner_register (names as written: staff's view)
    rows: pd.DataFrame          # partner_metrics.partner_rows
    schedule: pd.DataFrame      # the meetings held
    links: pd.DataFrame         # partner_metrics.project_partners
    link_sole_traders: tuple[bool, ...]   # per row of links: the name holds a person's


def decisions() -> store_api.PartnerDecisions:
    """Staff's decisions in force (one small query per run)."""
    return store_api.current_partner_decisions(shared.store())


@st.cache_resource(show_spinner=False, max_entries=16)
def tables(key: shared.DataKey, decided: store_api.PartnerDecisions) -> PartnerTables:
    """Shared, not copied per call (cache_resource): the page only reads them."""
    attendance = shared.attendance(key)
    projects = shared.projects(key) if key.projects is not None else pd.DataFrame()
    people = pm.person_names(attendance, projects)
    register = pm.partner_register(attendance, decided.merges, people)
    links = pm.project_partners(projects, register, decided.merges)
    sole = dict(zip(register["partner"], register["sole_trader"], strict=True))
    own = pm.project_partner_names(links, people) if len(links) else pd.Series(dtype=bool)
    link_sole = tuple(bool(sole.get(p, False) or o) for p, o in zip(links["partner"], own, strict=True))
    return PartnerTables(register, pm.partner_rows(attendance, decided.merges),
                         metrics.meeting_schedule(attendance), links, link_sole)


@st.cache_data(show_spinner=False, max_entries=16)
def proposals(key: shared.DataKey, decided: store_api.PartnerDecisions) -> list[Proposal]:
    """The near-duplicates staff have not decided on (staff only: the page never asks for the director)."""
    projects = shared.projects(key) if key.projects is not None else None
    return pm.partner_proposals(shared.attendance(key), projects, decided.merges, decided.kept_apart)


@st.cache_resource(show_spinner=False, max_entries=32)
def page_charts(key: shared.DataKey, decided: store_api.PartnerDecisions, lang: str,
                masked: bool) -> dict[str, Chart]:
    """Every chart of the page, built once per (data, decisions, language, masked names)."""
    data = tables(key, decided)
    links = charts.masked_links(data.links, data.link_sole_traders) if masked else data.links
    return {
        "by_sector": charts.partners_by_chart(pm.partners_by(data.register, "sector"), "sector"),
        "by_gmina": charts.partners_by_chart(pm.partners_by(data.register, "gmina"), "gmina"),
        "per_meeting": charts.partners_per_meeting_chart(pm.partners_per_meeting(data.rows, data.schedule)),
        "retention": charts.partner_retention_chart(pm.partner_retention(data.rows, data.schedule)),
        "ties": charts.sector_ties_heatmap(pm.cross_sector_ties(data.rows, data.register, data.links)),
        "projects": charts.project_partners_chart(links),
    }
