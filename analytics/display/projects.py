"""The projects: how many in each status, planned against reached, and a timeline of their dates with
today marked. Each chart takes project_metrics.projects_table and returns a Chart (see figure.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from analytics.catalogue import t
from analytics.display.figure import (
    Chart,
    Trace,
    build_figure,
    empty_chart,
    month_ticks,
    percent_column,
    preformatted_hover,
    trace,
    wrap_text,
)
from analytics.display.palette import GREY, OKABE_ITO, colour_for
from analytics.display.tables import projects_display_table
from analytics.formatting import format_date, format_int, format_money, format_pct, is_missing, value_label
from analytics.project_metrics import status_order
from analytics.vocabulary import vocabulary


def projects_status_chart(projects: pd.DataFrame, *, compact: bool = False) -> Chart:
    """Bars of projects per status (project_metrics.projects_table), every status in its colour and in
    the order a project moves through them; the titles in the hover. `compact`: drawn in half of the
    page (the overview): lower, the statuses' names wrapped under their bars."""
    statuses = [s for s in status_order() if s in vocabulary().statuses or s in set(projects["status"])]
    statuses += [s for s in dict.fromkeys(projects["status"]) if s not in statuses]
    titles = {s: list(projects.loc[projects["status"] == s, "title"]) for s in statuses}
    counts = [len(titles[s]) for s in statuses]
    labels = [value_label(s) for s in statuses]
    table = pd.DataFrame({
        t("chart_col_status"): labels,
        t("chart_col_projects"): counts,
        t("chart_col_titles"): ["; ".join(map(str, titles[s])) for s in statuses],
    })
    title = t("chart_title_projects_status", total=format_int(len(projects)))
    if projects.empty:
        return empty_chart(title, "projekty_status", table)
    ticks = [wrap_text(label, 12) for label in labels] if compact else labels
    bars = trace("bar",
        x=ticks, y=counts, marker={"color": [colour_for("status", s) for s in statuses]},
        text=[format_int(n) for n in counts], textposition="outside", cliponaxis=False, textfont={"size": 14},
        **preformatted_hover([t("chart_hover_status", status=label, count=format_int(n),
                               titles="<br>".join(wrap_text(x, 50) for x in titles[s]))
                             for s, label, n in zip(statuses, labels, counts, strict=True)]),
    )
    figure = build_figure([bars], title, 270 if compact else 380, xaxis={"type": "category"},
                          yaxis={"title": {"text": t("chart_axis_projects")}, "tickformat": ",d", "dtick": 1,
                                 "range": [0, max(counts) * 1.25 + 0.5]}, compact=compact)
    return Chart(figure, table, "projekty_status")


_MEASURES = (
    ("participants_planned", "participants_reached", "participants_ratio", "chart_subplot_participants"),
    ("jobs_planned", "jobs_created", "jobs_ratio", "chart_subplot_jobs"),
)


def planned_vs_reached_chart(projects: pd.DataFrame) -> Chart:
    """Per project (project_metrics.projects_table), side by side: participants planned and reached, jobs
    planned and created. Plan grey, achievement dark blue; the share of plan in the hover.

    Draws what the register holds: a measure with neither plan nor achievement in any project is left
    out, a plan no project gives is not drawn (the subtitle says so), and with no figure at all the
    chart says that instead of drawing empty axes. A project without a figure gets no bar, not a 0."""
    table = _planned_table(projects)
    title = t("chart_title_planned_reached")
    if projects.empty:
        return empty_chart(title, "plan_wykonanie", table)
    figures = {column: pd.to_numeric(projects[column], errors="coerce").astype("float64")
               for measure in _MEASURES for column in measure[:2]}
    shown = [(measure, [c for c in measure[:2] if figures[c].notna().any()]) for measure in _MEASURES]
    shown = [(measure, series) for measure, series in shown if series]
    if not shown:
        return empty_chart(title, "plan_wykonanie", table, t("chart_no_project_figures"))
    labels = [wrap_text(x) for x in projects["title"]]
    traces, x_axes, in_legend = [], [], set()
    for panel, ((planned, reached, ratio, measure), series) in enumerate(shown, start=1):
        suffix = "" if panel == 1 else str(panel)
        hovers = preformatted_hover([t("chart_hover_planned_reached", title=title_, measure=t(measure),
                                       planned=format_int(p), reached=format_int(r), ratio=format_pct(q))
                                     for title_, p, r, q in zip(projects["title"], figures[planned],
                                                                figures[reached], projects[ratio],
                                                                strict=True)])
        for source in series:
            name_key, colour = (("chart_planned", GREY) if source == planned
                                else ("chart_reached", OKABE_ITO["blue"]))
            values = figures[source]
            traces.append(trace("bar",
                x=[None if pd.isna(v) else int(round(v)) for v in values], y=labels, orientation="h",
                name=t(name_key), marker={"color": colour}, legendgroup=name_key,
                showlegend=name_key not in in_legend,
                text=["" if pd.isna(v) else format_int(v) for v in values], textposition="outside",
                cliponaxis=False, textfont={"size": 12}, **hovers,
                xaxis=f"x{suffix}", yaxis=f"y{suffix}",
            ))
            in_legend.add(name_key)
        top = max([float(figures[c].max()) for c in series if figures[c].notna().any()] + [1.0])
        x_axes.append({"anchor": f"y{suffix}", "range": [0, top * 1.3], "tickformat": ",d",
                       "title": {"text": t(measure)}})
    without_plan = [t(measure[3]) for measure, series in shown if measure[0] not in series]
    subtitle = t("chart_no_plan_measures", measures=", ".join(without_plan)) if without_plan else None
    projects_axis = {"autorange": "reversed", "categoryorder": "array", "categoryarray": labels,
                     "showgrid": False, "domain": [0.0, 1.0]}
    # two panels side by side sharing the project axis (what make_subplots(1, 2, shared_yaxes=True,
    # horizontal_spacing=0.06) lays out), or one panel across the width
    domains = [[0.0, 1.0]] if len(shown) == 1 else [[0.0, 0.47], [0.53, 1.0]]
    more_axes = {} if len(shown) == 1 else {
        "xaxis2": {**x_axes[1], "domain": domains[1]},
        "yaxis2": {**projects_axis, "anchor": "x2", "matches": "y", "showticklabels": False}}
    figure = build_figure(
        # a row as tall as a title wrapped over three lines, as on the timeline; a little more for two bars
        traces, title, 160 + (64 if max(len(series) for _, series in shown) > 1 else 58) * len(projects),
        subtitle, legend=True, xaxis={**x_axes[0], "domain": domains[0]},
        yaxis={**projects_axis, "anchor": "x"}, more_axes=more_axes,
        barmode="group", bargap=0.25, bargroupgap=0.05)
    return Chart(figure, table, "plan_wykonanie")


def _planned_table(projects: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        t("chart_col_title"): projects["title"],
        t("chart_col_participants_planned"): projects["participants_planned"],
        t("chart_col_participants_reached"): projects["participants_reached"],
        t("chart_col_participants_ratio"): percent_column(projects["participants_ratio"]),
        t("chart_col_jobs_planned"): projects["jobs_planned"],
        t("chart_col_jobs_created"): projects["jobs_created"],
        t("chart_col_jobs_ratio"): percent_column(projects["jobs_ratio"]),
        t("chart_col_enterprises"): projects["enterprises_created"],
    })


def projects_timeline(projects: pd.DataFrame, today: dt.date) -> Chart:
    """Gantt-style bars from start to end date of each project (project_metrics.projects_table), one
    colour per status. The axis spans the projects' dates, each year labelled; `today` is a vertical
    line when it falls inside them, else a note at the edge it lies beyond ("dziś, 5 maja 2026 →"), so
    a register of 2018–2019 is not squeezed into a corner of the years up to today. Projects without
    dates keep their row, marked "brak dat"."""
    table = projects_display_table(projects)
    title = t("chart_title_projects_timeline")
    if projects.empty:
        return empty_chart(title, "harmonogram_projektow", table)
    labels = [wrap_text(x) for x in projects["title"]]
    starts = pd.to_datetime(projects["start_date"])
    ends = pd.to_datetime(projects["end_date"])
    dated = starts.notna() & ends.notna()
    traces = []
    for status in dict.fromkeys(projects["status"]):
        part = projects.index[(projects["status"] == status) & dated]
        if len(part) == 0:
            continue
        traces.append(trace("bar",
            base=[s.strftime("%Y-%m-%d") for s in starts[part]],
            x=[(ends[i] - starts[i]).total_seconds() * 1000 + 86_400_000 for i in part],
            y=[labels[i] for i in part], orientation="h", name=value_label(status),
            marker={"color": colour_for("status", status)},
            **preformatted_hover([_project_hover(projects.loc[i]) for i in part]),
        ))
    span_start, span_end = _timeline_span(starts, ends, today)
    traces += _undated_marks(projects, labels, dated, span_start)
    axis_start, axis_end = span_start - pd.Timedelta(days=45), span_end + pd.Timedelta(days=45)
    tickvals, ticktext = month_ticks(axis_start, axis_end)
    shapes, annotations = _today_mark(today, axis_start, axis_end)
    figure = build_figure(
        traces, title, 180 + 58 * len(projects), legend=True,
        xaxis={"type": "date", "tickvals": tickvals, "ticktext": ticktext,
               "range": [axis_start.strftime("%Y-%m-%d"), axis_end.strftime("%Y-%m-%d")]},
        yaxis={"autorange": "reversed", "categoryorder": "array", "categoryarray": labels, "showgrid": False,
               "type": "category"},
        barmode="overlay", bargap=0.35, annotations=annotations, **({"shapes": shapes} if shapes else {}))
    return Chart(figure, table, "harmonogram_projektow")


# Today joins the timeline's span when it lies at most this far beyond the projects' dates (or a quarter
# of their span, if longer): a register that ended last spring still shows the line at today, while
# one of 2018–2019 opened years later is not squeezed into a corner of the axis.
TODAY_REACH = pd.Timedelta(days=183)


def _timeline_span(starts: pd.Series, ends: pd.Series, today: dt.date) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last date the register gives (a start or an end; a project with one of the two is
    not drawn but its date still belongs to the register's span), stretched to `today` when it is near
    (TODAY_REACH); half a year around `today` when the register gives no date at all."""
    day = pd.Timestamp(today)
    known = pd.concat([starts, ends]).dropna()
    if known.empty:
        return day - pd.DateOffset(months=6), day + pd.DateOffset(months=6)
    first, last = known.min(), known.max()
    reach = max(TODAY_REACH, (last - first) / 4)
    if first - reach <= day <= last + reach:
        return min(first, day), max(last, day)
    return first, last


def _project_hover(project: pd.Series) -> str:
    return t("chart_hover_project", title=project["title"], status=value_label(project["status"]),
             leader=project["leader"] if not is_missing(project["leader"]) else "–",
             start=format_date(project["start_date"]), end=format_date(project["end_date"]),
             budget=format_money(project["budget"]))


def _undated_marks(projects: pd.DataFrame, labels: list[str], dated: pd.Series,
                   at: pd.Timestamp) -> list[Trace]:
    """"brak dat" on the rows of the projects without dates, from `at` on (no trace when every project
    has them)."""
    undated = projects.index[~dated]
    if len(undated) == 0:
        return []
    return [trace("scatter",
        x=[at.strftime("%Y-%m-%d")] * len(undated), y=[labels[i] for i in undated], mode="text",
        text=[t("chart_no_dates")] * len(undated),
        textposition="middle right", textfont={"size": 13, "color": "#555555"}, showlegend=False,
        **preformatted_hover([_project_hover(projects.loc[i]) for i in undated]),
    )]


def _today_mark(today: dt.date, axis_start: pd.Timestamp,
                axis_end: pd.Timestamp) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(layout shapes, annotations) marking `today`: a dashed vertical line with its label when the axis
    reaches it, else the label alone at the edge today lies beyond, with an arrow pointing out."""
    day = pd.Timestamp(today)
    label = t("chart_today", date=format_date(today))
    style = {"showarrow": False, "font": {"size": 13}, "bgcolor": "rgba(255,255,255,0.85)", "yref": "paper"}
    if axis_start <= day <= axis_end:
        x = day.strftime("%Y-%m-%d")
        line = {"type": "line", "x0": x, "x1": x, "y0": 0, "y1": 1, "xref": "x", "yref": "paper",
                "line": {"color": OKABE_ITO["black"], "width": 2, "dash": "dash"}}
        return [line], [{**style, "x": x, "y": 0, "xref": "x", "xanchor": "right", "yanchor": "bottom",
                         "xshift": -4, "text": label}]
    later = day > axis_end
    text = t("chart_today_later" if later else "chart_today_earlier", today=label)
    # a later today above the plot's right corner, beside the legend, where no bar can be; an earlier
    # one inside its bottom-left corner, under the first project's start
    return [], [{**style, "x": 1 if later else 0, "y": 1 if later else 0, "xref": "paper",
                 "xanchor": "right" if later else "left", "yanchor": "bottom", "yshift": 6 if later else 0,
                 "text": text, "bordercolor": OKABE_ITO["black"], "borderwidth": 1, "borderpad": 3}]
