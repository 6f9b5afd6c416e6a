"""How the comparison of programmes (cycles) is drawn: the figures side by side with the change, and
charts whose panels share one scale, the sectors, groups and statuses in their usual colours, so that
two cycles are read at a glance (analytics/comparison.py computes what they show)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analytics.catalogue import t
from analytics.comparison import ComparedFigure
from analytics.display.figure import Chart, build_figure, empty_chart, preformatted_hover, trace
from analytics.display.palette import EXTRA_COLOURS, SINGLE_COLOUR, colour_for, programme_colour
from analytics.formatting import (
    format_int,
    format_number,
    format_pct,
    format_signed_int,
    format_signed_pct_points,
    meeting_label,
    roman,
    value_label,
)
from analytics.metrics import Dimension

_TITLES = {"sector": "cmp_chart_sectors", "group": "cmp_chart_groups", "gmina": "cmp_chart_gminy"}
_KEY_COLUMN = {"sector": "chart_col_sector", "group": "chart_col_group", "gmina": "chart_col_gmina"}
PANEL_GAP = 0.04


def figures_table(figures: Sequence[ComparedFigure], names: Sequence[str]) -> pd.DataFrame:
    """The figures side by side: one row per figure, one column per programme, then the change of the
    latest programme against the one before ("+6", "+1,2", "+5 pp")."""
    columns: dict[str, list[str]] = {
        t("cmp_col_figure"): [t("cmp_split_label", group=f.group, value=f.label) if f.group else f.label
                              for f in figures],
    }
    for position, name in enumerate(names):
        columns[name] = [_value(f.values[position], f.unit) for f in figures]
    if len(names) >= 2:
        columns[t("cmp_col_change", programme=names[-1], previous=names[-2])] = [
            _change(f.change, f.unit) for f in figures]
    return pd.DataFrame(columns)


def _value(value: float | None, unit: str) -> str:
    if unit == "share":
        return format_pct(value, 1)
    if unit == "decimal":
        return format_number(value, 1)
    return format_int(value)


def _change(change: float | None, unit: str) -> str:
    if change is None:
        return "–"
    if unit == "share":
        return format_signed_pct_points(change)
    if unit == "decimal":
        return ("+" if change > 0 else "") + format_number(change, 1)
    return format_signed_int(int(round(change)))


def _panels(names: Sequence[str]) -> dict[str, dict]:
    """One x axis per programme, side by side, all on the same y axis."""
    width = (1 - PANEL_GAP * (len(names) - 1)) / len(names)
    axes = {}
    for position in range(len(names)):
        start = position * (width + PANEL_GAP)
        axes["xaxis" if position == 0 else f"xaxis{position + 1}"] = {
            "domain": [start, start + width], "anchor": "y"}
    return axes


def _panel_titles(names: Sequence[str]) -> list[dict]:
    width = (1 - PANEL_GAP * (len(names) - 1)) / len(names)
    return [{"text": f"<b>{name}</b>", "showarrow": False, "xref": "paper", "yref": "paper",
             "x": position * (width + PANEL_GAP), "xanchor": "left", "y": 1.0, "yanchor": "bottom",
             "font": {"size": 14}} for position, name in enumerate(names)]


def participants_panels(by: pd.DataFrame, dimension: Dimension) -> Chart:
    """comparison.participants_by drawn as one panel of horizontal bars per programme, on one scale;
    sectors and groups in their colours, gminy in one colour."""
    names = list(dict.fromkeys(by["programme"]))
    keys = list(dict.fromkeys(by["key"]))
    labels = [value_label(k) for k in keys]
    table = by.pivot(index="key", columns="programme", values="participants")
    table = table.reindex(index=keys, columns=names)
    table = table.reset_index().rename(columns={"key": t(_KEY_COLUMN[dimension])})
    table[t(_KEY_COLUMN[dimension])] = labels
    title = t(_TITLES[dimension])
    slug = f"porownanie_{dimension}"
    top = int(by["participants"].max()) if len(by) else 0
    if top == 0 or len(names) < 1:
        return empty_chart(title, slug, table)
    traces = []
    for position, name in enumerate(names):
        rows = by[by["programme"] == name].set_index("key").reindex(keys)
        counts = rows["participants"].astype(int).tolist()
        traces.append(trace(
            "bar", x=counts, y=labels, orientation="h", name=name, showlegend=False,
            xaxis="x" if position == 0 else f"x{position + 1}", yaxis="y",
            marker={"color": [_colour(dimension, k) for k in keys]},
            text=[format_int(n) for n in counts], textposition="outside", cliponaxis=False,
            **preformatted_hover([t("cmp_hover_participants", programme=name, name=label,
                                    count=format_int(n), share=format_pct(s))
                                  for label, n, s in zip(labels, counts, rows["share"], strict=True)]),
        ))
    axes = {name: {**axis, "range": [0, top * 1.25], "tickformat": ",d"}
            for name, axis in _panels(names).items()}
    height = 150 + (26 if dimension == "gmina" else 34) * len(keys)
    figure = build_figure(
        traces, title, height, t("cmp_same_scale_note"),
        xaxis=axes.pop("xaxis"), more_axes=axes,
        yaxis={"autorange": "reversed", "categoryorder": "array", "categoryarray": labels, "showgrid": False},
        annotations=_panel_titles(names), bargap=0.25)
    return Chart(figure, table, slug)


def _colour(dimension: Dimension | str, key: str) -> str:
    if dimension == "gmina":
        return EXTRA_COLOURS.get(key, SINGLE_COLOUR)
    return colour_for(dimension, key)       # type: ignore[arg-type]


def status_panels(by_status: pd.DataFrame) -> Chart:
    """comparison.projects_by_status as one panel per programme, the statuses in their colours, on one
    scale."""
    names = list(dict.fromkeys(by_status["programme"]))
    keys = list(dict.fromkeys(by_status["key"]))
    labels = [value_label(k) for k in keys]
    table = by_status.pivot(index="key", columns="programme", values="projects").reindex(
        index=keys, columns=names).reset_index().rename(columns={"key": t("chart_col_status")})
    table[t("chart_col_status")] = labels
    title = t("cmp_chart_statuses")
    slug = "porownanie_statusy"
    top = int(by_status["projects"].max()) if len(by_status) else 0
    if top == 0:
        return empty_chart(title, slug, table)
    traces = []
    for position, name in enumerate(names):
        counts = by_status[by_status["programme"] == name].set_index("key").reindex(keys)["projects"]
        counts = counts.fillna(0).astype(int).tolist()
        traces.append(trace(
            "bar", x=counts, y=labels, orientation="h", name=name, showlegend=False,
            xaxis="x" if position == 0 else f"x{position + 1}", yaxis="y",
            marker={"color": [_colour("status", k) for k in keys]},
            text=[format_int(n) for n in counts], textposition="outside", cliponaxis=False,
            **preformatted_hover([t("cmp_hover_projects", programme=name, name=label, count=format_int(n))
                                  for label, n in zip(labels, counts, strict=True)]),
        ))
    axes = {name: {**axis, "range": [0, top * 1.3], "dtick": 1 if top <= 10 else None, "tickformat": ",d"}
            for name, axis in _panels(names).items()}
    figure = build_figure(
        traces, title, 150 + 36 * len(keys), t("cmp_same_scale_note"),
        xaxis=axes.pop("xaxis"), more_axes=axes,
        yaxis={"autorange": "reversed", "categoryorder": "array", "categoryarray": labels, "showgrid": False},
        annotations=_panel_titles(names), bargap=0.3)
    return Chart(figure, table, slug)


def meetings_lines(by_meeting: pd.DataFrame) -> Chart:
    """comparison.attendance_by_meeting: one line per programme over the meetings' numbers (I, II, …),
    so the cycles are laid over one another on one axis."""
    names = list(dict.fromkeys(by_meeting["programme"]))
    table = pd.DataFrame({
        t("cmp_col_programme"): by_meeting["programme"],
        t("chart_col_meeting"): [meeting_label(m, d) for m, d in
                                 zip(by_meeting["meeting"], by_meeting["meeting_date"], strict=True)],
        t("chart_col_attendances"): by_meeting["attendances"].astype("int64"),
    })
    title = t("cmp_chart_meetings")
    slug = "porownanie_spotkania"
    if by_meeting.empty:
        return empty_chart(title, slug, table)
    traces = []
    for position, name in enumerate(names):
        rows = by_meeting[by_meeting["programme"] == name]
        colour = programme_colour(position)
        traces.append(trace(
            "scatter", x=[roman(m) for m in rows["meeting"]], y=rows["attendances"], name=name,
            mode="lines+markers+text", line={"color": colour, "width": 3},
            marker={"size": 9, "color": colour},
            # the latest programme's numbers above its line, the others' below theirs: no overlap
            text=[format_int(n) for n in rows["attendances"]],
            textposition="top center" if position == len(names) - 1 else "bottom center",
            textfont={"size": 12, "color": colour},
            **preformatted_hover([t("cmp_hover_meeting", programme=name,
                                    meeting=meeting_label(m, d), count=format_int(n))
                                  for m, d, n in zip(rows["meeting"], rows["meeting_date"],
                                                     rows["attendances"], strict=True)]),
        ))
    meetings = sorted({int(m) for m in by_meeting["meeting"]})
    top = int(by_meeting["attendances"].max())
    figure = build_figure(
        traces, title, 380, t("cmp_meetings_note"), legend=True,
        xaxis={"title": {"text": t("chart_col_meeting")}, "categoryorder": "array",
               "categoryarray": [roman(m) for m in meetings], "type": "category"},
        yaxis={"title": {"text": t("chart_col_attendances")}, "range": [0, top * 1.2], "tickformat": ",d"})
    return Chart(figure, table, slug)
