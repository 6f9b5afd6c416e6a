"""The projects as the sidebar's gmina filter selects them, cached, for the overview and the projects
page (analytics/project_filter.py says which projects a gmina selects). With no gmina chosen they are
pages/_shared.py's own cached metrics and charts of the whole register.

Not a page itself (st.navigation lists only the page files named in dashboard.py).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from analytics import charts, metrics, project_filter
from analytics.catalogue import current_language
from pages import _shared as shared


def chosen(filters: metrics.Filters) -> tuple[str, ...]:
    """The part of the filters that concerns projects (a meeting or sector change reuses the cache)."""
    return tuple(filters.gminy)


@st.cache_data(show_spinner=False, max_entries=128)
def _metric(name: str, key: shared.DataKey, gminy: tuple[str, ...], leaders: bool) -> Any:
    """As shared.project_metric: leaders' names blanked unless `leaders` (staff's projects page)."""
    register = project_filter.filter_projects(shared.projects(key), metrics.Filters(gminy=gminy))
    if not leaders and "leader" in register.columns:
        register = register.assign(leader=pd.NA)
    return getattr(metrics, name)(register)


@st.cache_resource(show_spinner=False, max_entries=128)
def _chart(chart_name: str, metric_name: str, key: shared.DataKey, gminy: tuple[str, ...], leaders: bool,
           lang: str, chart_options: tuple[tuple[str, Any], ...]) -> charts.Chart:
    return getattr(charts, chart_name)(_metric(metric_name, key, gminy, leaders), **dict(chart_options))


def project_metric(name: str, key: shared.DataKey, filters: metrics.Filters, leaders: bool = False) -> Any:
    """metrics.<name>(the projects the gmina filter selects)."""
    gminy = chosen(filters)
    return _metric(name, key, gminy, leaders) if gminy else shared.project_metric(name, key, leaders=leaders)


def projects_chart(chart_name: str, metric_name: str, key: shared.DataKey, filters: metrics.Filters,
                   leaders: bool = False, **chart_options: Any) -> charts.Chart:
    """charts.<chart_name>(metrics.<metric_name>(the projects the gmina filter selects))."""
    gminy = chosen(filters)
    if not gminy:
        return shared.projects_chart(chart_name, metric_name, key, leaders, **chart_options)
    return _chart(chart_name, metric_name, key, gminy, leaders, current_language(),
                  tuple(sorted(chart_options.items())))


def total_projects(key: shared.DataKey) -> int:
    """How many projects the active register holds, whatever the filter."""
    return len(shared.projects(key))
