"""Programmes (cycles) side by side: the same figures for two or more programmes and the change from
each to the next. Pure functions, DataFrames in, tables out; analytics/display/comparison.py draws them.

The figures compared are one list, COMPARED_FIGURES, built by `compared_figures`: each entry reads
one figure from a programme's data. A new figure is one more entry there, and the page, its table and
the change follow. Partners are counted with staff's merges, which hold across programmes, so an
institution that comes back in the next cycle is the same partner there.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from analytics import metrics, project_metrics
from analytics.catalogue import t
from analytics.formatting import value_label
from analytics.metrics import Dimension, Headline
from analytics.partner_metrics import partner_register

Unit = Literal["count", "decimal", "share"]


@dataclass(frozen=True)
class ProgrammeData:
    """One programme's active data: its name, attendance rows and projects register."""

    name: str
    attendance: pd.DataFrame
    projects: pd.DataFrame
    partner_merges: Mapping[str, str] = field(default_factory=dict)   # staff's (store.partner_decisions)


@dataclass(frozen=True)
class ProgrammeFigures:
    """What the figures are read from: the programme's data and its headline (computed once)."""

    data: ProgrammeData
    headline: Headline
    by_sector: dict[str, int]
    by_group: dict[str, int]
    partners: int
    partners_by_sector: dict[str, int]


@dataclass(frozen=True)
class ComparedFigure:
    """One row of the comparison: a figure's label, its value in each programme (in the order given),
    and how it is written."""

    key: str                      # stable: "participants", "sector:kultura", "status:pomysł"
    label: str
    values: tuple[float | None, ...]
    unit: Unit = "count"
    group: str = ""               # the section it belongs to ("" the headline figures)

    @property
    def change(self) -> float | None:
        """The last programme's value minus the one before it (None with one programme or a missing value)."""
        if len(self.values) < 2 or self.values[-1] is None or self.values[-2] is None:
            return None
        return self.values[-1] - self.values[-2]


Reader = Callable[[ProgrammeFigures], float | None]


def _headline_figures() -> list[tuple[str, str, Unit, Reader]]:
    """(key, label key, unit, reader) of the headline figures, in the order the page lists them."""
    return [
        ("meetings", "kpi_meetings", "count", lambda f: f.headline.meetings),
        ("participants", "kpi_participants", "count", lambda f: f.headline.participants),
        ("attendances", "kpi_attendances", "count", lambda f: f.headline.attendances),
        ("average", "kpi_average", "decimal", lambda f: f.headline.average_per_meeting),
        ("retention", "kpi_retention", "share", lambda f: f.headline.retention),
        ("gminy", "kpi_gminy", "count", lambda f: f.headline.gminy_reached),
        ("partners", "cmp_partners", "count", lambda f: f.partners),
        ("projects", "kpi_projects", "count", lambda f: f.headline.projects.projects),
    ]


def programme_figures(data: ProgrammeData) -> ProgrammeFigures:
    rows = metrics.prepare_attendance(data.attendance)
    register = partner_register(data.attendance, data.partner_merges, people=frozenset())
    by_sector = register["sector"].value_counts()
    order = {key: i for i, key in enumerate(metrics.key_order("sector"))}
    by_sector = by_sector.loc[sorted(by_sector.index, key=lambda k: (order.get(k, len(order)), str(k)))]
    return ProgrammeFigures(
        data=data,
        headline=metrics.headline(rows, data.projects),
        by_sector=_counts(metrics.participants_by(rows, "sector")),
        by_group=_counts(metrics.participants_by(rows, "group")),
        partners=int(len(register)),
        partners_by_sector={str(k): int(n) for k, n in by_sector.items()},
    )


def _counts(by: pd.DataFrame) -> dict[str, int]:
    return dict(zip(by["key"], by["participants"].astype(int), strict=True))


def compared_figures(programmes: Sequence[ProgrammeData]) -> list[ComparedFigure]:
    """COMPARED_FIGURES: every figure compared, for the programmes in the order given (the earliest
    first, so `change` is the latest against the one before). Headline figures first, then the
    participants by sector and by group, then the projects by status, then the partners by sector."""
    figures = [programme_figures(p) for p in programmes]
    rows = [ComparedFigure(key, t(label), tuple(_number(read(f)) for f in figures), unit)
            for key, label, unit, read in _headline_figures()]
    rows += _split("sector", "cmp_group_sectors", [f.by_sector for f in figures])
    rows += _split("group", "cmp_group_groups", [f.by_group for f in figures])
    rows += _split("status", "cmp_group_statuses", [f.headline.projects.by_status for f in figures])
    rows += _split("partner_sector", "cmp_group_partner_sectors", [f.partners_by_sector for f in figures])
    return rows


def _split(prefix: str, group_key: str, counts: list[dict[str, int]]) -> list[ComparedFigure]:
    """One row per value (sector, group or status) any programme has, in vocabulary order; a value a
    programme lacks counts 0 there."""
    keys: list[str] = []
    for one in counts:
        keys += [k for k, n in one.items() if k not in keys and (n or _canonical(prefix, k))]
    group = t(group_key)
    return [ComparedFigure(f"{prefix}:{k}", value_label(k), tuple(float(c.get(k, 0)) for c in counts),
                           "count", group) for k in keys]


def _canonical(prefix: str, key: str) -> bool:
    if prefix == "status":
        return key in project_metrics.status_order()[:-2]
    if prefix == "partner_sector":
        prefix = "sector"
    return key in metrics.canonical_keys(prefix)        # type: ignore[arg-type]


def _number(value: float | int | None) -> float | None:
    return None if value is None else float(value)


# -- the charts' tables: one row per programme and value ------------------------------------------


def participants_by(programmes: Sequence[ProgrammeData], dimension: Dimension) -> pd.DataFrame:
    """[programme, key, participants, share]: metrics.participants_by of each programme, the values of
    every programme listed for each (zero included) in one order."""
    frames = []
    for p in programmes:
        by = metrics.participants_by(metrics.prepare_attendance(p.attendance), dimension)
        frames.append(by.assign(programme=p.name))
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["programme", "key", "participants", "share"])
    keys = list(dict.fromkeys(frame["key"]))
    if dimension == "gmina":
        totals = frame.groupby("key", sort=False)["participants"].sum()
        county = [k for k in keys if k in metrics.canonical_keys("gmina")]
        keys = sorted(county, key=lambda k: (-totals[k], k)) + [k for k in keys if k not in county]
    grid = pd.MultiIndex.from_product([[p.name for p in programmes], keys], names=["programme", "key"])
    frame = frame.set_index(["programme", "key"]).reindex(grid).reset_index()
    frame["participants"] = frame["participants"].fillna(0).astype("int64")
    frame["share"] = frame["share"].fillna(0.0)
    return frame[["programme", "key", "participants", "share"]]


def attendance_by_meeting(programmes: Sequence[ProgrammeData]) -> pd.DataFrame:
    """[programme, meeting, meeting_date, attendances]: people at each meeting of each programme."""
    frames = [metrics.meetings_table(metrics.prepare_attendance(p.attendance))
              [["meeting", "meeting_date", "attendances"]].assign(programme=p.name) for p in programmes]
    if not frames:
        return pd.DataFrame(columns=["programme", "meeting", "meeting_date", "attendances"])
    return pd.concat(frames, ignore_index=True)[["programme", "meeting", "meeting_date", "attendances"]]


def projects_by_status(programmes: Sequence[ProgrammeData]) -> pd.DataFrame:
    """[programme, key, projects]: each programme's projects per status, every status any has."""
    counts = [project_metrics.project_figures(p.projects).by_status for p in programmes]
    keys: list[str] = []
    for one in counts:
        keys += [k for k, n in one.items() if k not in keys and (n or _canonical("status", k))]
    return pd.DataFrame({
        "programme": [p.name for p in programmes for _ in keys],
        "key": [k for _ in programmes for k in keys],
        "projects": [int(c.get(k, 0)) for c in counts for k in keys],
    })
