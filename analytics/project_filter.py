"""The projects the sidebar's gmina filter selects.

A project covers several gminy (the register's `gminy` column: canonical names joined with "; ",
places outside the county kept as written). It is selected when any gmina it covers is among the
chosen ones; a place outside the county counts as OUTSIDE_COUNTY ("spoza powiatu") and a project
naming no gmina as MISSING ("brak danych"), the same keys the sidebar offers for attendance.
The sidebar's other filters (meetings, dates, sectors, groups) say nothing about a project.

Pure functions, no streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analytics.metrics import Filters, canonical_keys
from analytics.vocabulary import MISSING, OUTSIDE_COUNTY

SEPARATOR = ";"


def project_gmina_keys(gminy: object, county: Iterable[str] | None = None) -> frozenset[str]:
    """The filter keys of one register cell: its county gminy, OUTSIDE_COUNTY for any other place,
    MISSING when it names none."""
    county = set(canonical_keys("gmina") if county is None else county)
    text = "" if gminy is None or (not isinstance(gminy, str) and pd.isna(gminy)) else str(gminy)
    parts = [part.strip() for part in text.split(SEPARATOR) if part.strip()]
    if not parts:
        return frozenset({MISSING})
    return frozenset(part if part in county else OUTSIDE_COUNTY for part in parts)


def filter_projects(projects: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The projects covering at least one chosen gmina (all of them when no gmina is chosen).
    Returns the input itself when nothing is filtered, else a filtered copy with its index kept."""
    chosen = set(filters.gminy)
    if not chosen or projects.empty:
        return projects
    county = set(canonical_keys("gmina"))
    keep = [bool(project_gmina_keys(cell, county) & chosen) for cell in projects["gminy"]]
    return projects[keep].copy()


def is_filtered(filters: Filters) -> bool:
    """Whether the gmina filter narrows the projects at all."""
    return bool(filters.gminy)
