"""What the Excel report and the PDF summary both say: the figures (the dashboard's own metrics over
the same filters, computed once) and the lines that describe the data (period, versions, filters, the
demo's illustrative dates). Neither report imports the other: both import this.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analytics import metrics, project_filter, project_metrics
from analytics.catalogue import t
from analytics.formatting import (
    format_date,
    format_datetime,
    format_day_month,
    is_missing,
    roman,
    value_label,
)
from analytics.results import KIND_LABEL_KEYS, KINDS

# -- the figures, computed once for both reports ---------------------------------------------------


@dataclass(frozen=True)
class ReportFigures:
    """Everything a report shows, as the dashboard computes it for the same filters."""

    filters: metrics.Filters
    schedule: pd.DataFrame        # metrics.meeting_schedule: the meetings held within the filters
    headline: metrics.Headline
    by_sector: pd.DataFrame       # metrics.participants_by(…, "sector")
    by_group: pd.DataFrame
    by_gmina: pd.DataFrame
    meetings: pd.DataFrame        # metrics.meetings_table
    retention: pd.DataFrame       # metrics.retention_counts
    projects: pd.DataFrame        # project_metrics.projects_table of the projects the gmina filter selects


def report_figures(attendance: pd.DataFrame, projects: pd.DataFrame,
                   filters: metrics.Filters | None = None) -> ReportFigures:
    """The report's figures: the overview's metrics over the rows the filters select."""
    filters = filters or metrics.Filters()
    rows = metrics.prepare_attendance(attendance)
    schedule = metrics.meeting_schedule(rows, filters)
    chosen = metrics.apply_filters(rows, filters)
    projects = project_filter.filter_projects(projects, filters)      # as the pages: by gmina only
    return ReportFigures(
        filters=filters,
        schedule=schedule,
        headline=metrics.headline(chosen, projects, schedule),
        by_sector=metrics.participants_by(chosen, "sector"),
        by_group=metrics.participants_by(chosen, "group"),
        by_gmina=metrics.participants_by(chosen, "gmina"),
        meetings=metrics.meetings_table(chosen, schedule),
        retention=metrics.retention_counts(chosen, schedule),
        projects=project_metrics.projects_table(projects),
    )


# -- what the data is: period, versions, filters ----------------------------------------------------


def period_text(dates: Iterable[Any]) -> str:
    """The span of the meeting dates: "25 maja – 7 grudnia 2017" ("–" when no date is known)."""
    known = sorted(pd.Timestamp(d) for d in dates if not is_missing(d))
    if not known:
        return t("rpt_no_dates")
    first, last = known[0], known[-1]
    if first.date() == last.date():
        return format_date(first)
    start = format_day_month(first) if first.year == last.year else format_date(first)
    return f"{start} – {format_date(last)}"


def _as_infos(version_info: Any) -> list[Any]:
    """The caller may give one VersionInfo, several, or None."""
    if version_info is None:
        return []
    if hasattr(version_info, "kind"):
        return [version_info]
    return [info for info in version_info if info is not None]


def version_lines(version_info: Any) -> list[tuple[str, str]]:
    """(dataset, "wersja 3 – wgrana 26 listopada 2026, 14:03, użytkownik: ewa, plik: lista.xlsx")."""
    infos = {info.kind: info for info in _as_infos(version_info)}
    lines = []
    for kind in KINDS:
        label = t(KIND_LABEL_KEYS[kind]).capitalize()
        info = infos.get(kind)
        if info is None:
            lines.append((label, t("rpt_version_none")))
            continue
        text = t("rpt_version", version=info.id, when=format_datetime(info.created_at), user=info.user,
                 file=info.file_name)
        lines.append((label, text + (t("rpt_version_demo") if info.demo else "")))
    return lines


def attendance_is_demo(version_info: Any) -> bool:
    return any(info.demo for info in _as_infos(version_info) if info.kind == "attendance")


def filter_lines(filters: metrics.Filters, schedule: pd.DataFrame) -> list[tuple[str, str]]:
    """(what, chosen) for each filter, "wszystkie" where nothing was chosen."""
    everything = t("rpt_all")
    held = ", ".join(roman(m) for m in schedule["meeting"]) or t("rpt_none_held")
    narrowed = filters.meetings is not None or filters.date_from or filters.date_to
    lines = [(t("rpt_filter_meetings"), held if narrowed else f"{everything} ({held})")]
    if filters.date_from or filters.date_to:
        start = format_date(filters.date_from) if filters.date_from else "…"
        end = format_date(filters.date_to) if filters.date_to else "…"
        lines.append((t("rpt_filter_dates"), f"{start} – {end}"))
    for label, chosen in (("filter_sector", filters.sectors), ("filter_group", filters.groups),
                          ("filter_gmina", filters.gminy)):
        lines.append((t(label), ", ".join(value_label(v) for v in chosen) if chosen else everything))
    return lines


def illustrative_note(figures: ReportFigures, version_info: Any) -> str | None:
    """The demo's meetings II–V have example dates: say so wherever the dates are shown."""
    if not attendance_is_demo(version_info):
        return None
    from analytics.importing import illustrative_meetings

    attendance = next((info for info in _as_infos(version_info) if info.kind == "attendance"), None)
    illustrative = illustrative_meetings(attendance)
    shown = [m for m in figures.schedule["meeting"] if int(m) in illustrative]
    return t("rpt_note_illustrative", meetings=", ".join(roman(m) for m in shown)) if shown else None


def now_text() -> str:
    return format_datetime(pd.Timestamp.now(tz="UTC"))
