"""The headline counts of an accepted attendance list or projects register (check's and the store's
summary)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from analytics.metrics import gmina_group
from analytics.partner_metrics import partner_register
from analytics.project_metrics import register_total
from analytics.vocabulary import MISSING, OUTSIDE_COUNTY, vocabulary


def latest_per_person(attendance: pd.DataFrame) -> pd.DataFrame:
    """One row per person: their latest attendance (by meeting), which carries their sector, group, gmina."""
    ordered = attendance.sort_values(["meeting", "row"], kind="stable")
    return ordered.drop_duplicates("person_key", keep="last")


def _counts(values: pd.Series, order: list[str]) -> dict[str, int]:
    counts = values.fillna(MISSING).value_counts()
    rank = {name: i for i, name in enumerate(order)}
    keys = sorted(counts.index, key=lambda k: (rank.get(k, len(order)), -counts[k], str(k)))
    return {str(k): int(counts[k]) for k in keys}


def attendance_summary(attendance: pd.DataFrame, merges: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The list's figures; `merges`: staff's partner merges (the store's; none for a file checked alone)."""
    vocab = vocabulary()
    people = latest_per_person(attendance)
    by_meeting = attendance["meeting"].value_counts().sort_index()
    gmina_order = [g.name for g in vocab.gminy] + [OUTSIDE_COUNTY, MISSING]
    return {
        "meetings": int(attendance["meeting"].nunique()),
        "participants": int(len(people)),
        "attendances": int(len(attendance)),
        "participants_by_sector": _counts(people["sector"], vocab.sectors + ["inne", MISSING]),
        "participants_by_group": _counts(people["group"], vocab.groups + ["inne", MISSING]),
        "participants_by_gmina": _counts(gmina_group(people), gmina_order),
        "attendances_by_meeting": {str(int(k)): int(v) for k, v in by_meeting.items()},
        **_partner_counts(partner_register(attendance, merges, people=frozenset()), gmina_order),
    }


def _partner_counts(register: pd.DataFrame, gmina_order: list[str]) -> dict[str, Any]:
    """Partners (institutions), by sector and by gmina, under the participants' keys and order."""
    vocab = vocabulary()
    return {
        "partners": int(len(register)),
        "partners_by_sector": _counts(register["sector"], vocab.sectors + ["inne", MISSING]),
        "partners_by_gmina": _counts(register["gmina"], gmina_order),
    }


# The register's figures summed over its projects, by the summary's name: the column each is read from.
# None (JSON null) when the register has no such figure at all, never a plan of 0 that nobody made.
PROJECT_TOTALS = {
    "participants_planned": "participants_planned",
    "participants_reached": "participants_reached",
    "jobs_planned": "jobs_planned",
    "jobs_reached": "jobs_created",
}


def projects_summary(projects: pd.DataFrame) -> dict[str, Any]:
    vocab = vocabulary()
    empty = pd.Series(dtype="Float64")
    return {
        "projects": int(len(projects)),
        "projects_by_status": _counts(projects["status"], vocab.statuses + ["inne", MISSING]),
        **{name: register_total(projects[column] if column in projects else empty)
           for name, column in PROJECT_TOTALS.items()},
    }
