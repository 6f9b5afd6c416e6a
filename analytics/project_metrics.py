"""What the projects register says in figures: every project in status order with its planned-vs-reached
ratios, the register's totals, and when each project changed status across the uploads.

Pure functions, DataFrame in and DataFrame (or a small dataclass) out; no streamlit, no plotting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from analytics.vocabulary import MISSING, OTHER, fold, vocabulary


@dataclass(frozen=True)
class ProjectFigures:
    """The register's totals. A figure is None when the register has none at all (no such column, or
    every cell of it empty), so "no plan in the register" is never shown as a plan of 0."""

    projects: int
    by_status: dict[str, int]   # every canonical status (zero included), then 'inne'/'brak danych' if any
    participants_planned: int | None
    participants_reached: int | None
    jobs_planned: int | None
    jobs_created: int | None
    enterprises_created: int | None


def project_figures(projects: pd.DataFrame) -> ProjectFigures:
    """Projects by status and the totals planned and reached across the register."""
    statuses = projects["status"].fillna(MISSING)
    order = [*vocabulary().statuses, OTHER, MISSING]
    counts = statuses.value_counts()
    by_status = {s: int(counts.get(s, 0)) for s in order if s in vocabulary().statuses or s in counts}
    by_status |= {str(s): int(n) for s, n in counts.items() if s not in by_status}
    return ProjectFigures(
        projects=len(projects),
        by_status=by_status,
        **{column: _total(projects, column) for column in (
            "participants_planned", "participants_reached", "jobs_planned", "jobs_created",
            "enterprises_created")},
    )


def _total(frame: pd.DataFrame, column: str) -> int | None:
    """The column's sum over the projects; None when no project has a figure in it (or no column)."""
    return register_total(frame[column] if column in frame else pd.Series(dtype="Float64"))


def register_total(values: pd.Series) -> int | None:
    """Whole-number sum of the figures given; None when not one is given."""
    numbers = pd.to_numeric(values, errors="coerce").dropna()
    return None if numbers.empty else int(round(float(numbers.sum())))


def status_order() -> list[str]:
    return [*vocabulary().statuses, OTHER, MISSING]


def projects_table(projects: pd.DataFrame) -> pd.DataFrame:
    """Every project in status order (then as in the register), with the planned-vs-reached ratios
    participants_ratio and jobs_ratio (NaN when nothing was planned)."""
    rank = {status: i for i, status in enumerate(status_order())}
    frame = projects.drop(columns=["row", "sheet"], errors="ignore").copy()
    frame["status"] = frame["status"].fillna(MISSING)
    frame["participants_ratio"] = _ratio(frame["participants_reached"], frame["participants_planned"])
    frame["jobs_ratio"] = _ratio(frame["jobs_created"], frame["jobs_planned"])
    frame["_rank"] = frame["status"].map(lambda s: rank.get(s, len(rank)))
    frame = frame.sort_values("_rank", kind="stable").drop(columns="_rank")
    return frame.reset_index(drop=True)


def _ratio(reached: pd.Series, planned: pd.Series) -> pd.Series:
    reached = pd.to_numeric(reached, errors="coerce").astype("float64")
    planned = pd.to_numeric(planned, errors="coerce").astype("float64")
    return (reached / planned).where(planned > 0)


Snapshot = tuple[int, dt.datetime, pd.DataFrame]


def status_history(snapshots: Sequence[Snapshot]) -> pd.DataFrame:
    """[title, version, created_at, status, previous_status]: each time a project's status differs from
    its status in the version before (the first appearance is a change from None). Projects are matched
    by title, ignoring case, Polish letters and punctuation; snapshots are taken in created_at order."""
    last_status: dict[str, str | None] = {}
    changes = []
    for version, created_at, projects in sorted(snapshots, key=lambda s: (s[1], s[0])):
        for title, status in zip(projects["title"], projects["status"].fillna(MISSING), strict=True):
            key = fold(str(title))
            if key in last_status and last_status[key] == status:
                continue
            changes.append((title, version, created_at, status, last_status.get(key)))
            last_status[key] = status
    return pd.DataFrame(changes, columns=["title", "version", "created_at", "status", "previous_status"])
