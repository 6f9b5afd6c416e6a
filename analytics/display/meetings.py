"""Over the meetings: attendance per meeting (stacked by sector or group), newcomers and returning
people, retention, who came back (a heat map), and the programme's cycle as the overview shows it.
Each chart takes a metrics table and returns a Chart (see analytics/display/figure.py).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from analytics.catalogue import t, tn
from analytics.display.figure import (
    Chart,
    build_figure,
    cell_labels,
    empty_chart,
    meeting_tick,
    percent_column,
    preformatted_hover,
    trace,
)
from analytics.display.palette import OKABE_ITO, SEQUENTIAL, SINGLE_COLOUR, colour_for
from analytics.formatting import format_date, format_int, format_pct, meeting_label, roman, value_label

_ATTENDANCE_TITLE = {None: "chart_title_attendance", "sector": "chart_title_attendance_sector",
                     "group": "chart_title_attendance_group"}


def attendance_chart(by_meeting: pd.DataFrame, stack_by: Literal["sector", "group"] | None = None) -> Chart:
    """Bars of metrics.attendance_by_meeting(rows, stack_by): people at each meeting, stacked by the
    sector or group of each person (one trace per key, in its colour), the total above each bar."""
    title = t(_ATTENDANCE_TITLE[stack_by])
    table = _attendance_table(by_meeting, stack_by)
    slug = f"obecnosci_{stack_by or 'razem'}"
    if by_meeting.empty:
        return empty_chart(title, slug, table)
    ticks = {m: meeting_tick(m, d) for m, d in zip(by_meeting["meeting"], by_meeting["meeting_date"],
                                                    strict=True)}
    traces = []
    series = [None] if stack_by is None else list(dict.fromkeys(by_meeting["key"]))
    for key in series:
        part = by_meeting if key is None else by_meeting[by_meeting["key"] == key]
        name = t("chart_col_attendances") if key is None else value_label(key)
        traces.append(trace("bar",
            x=[ticks[m] for m in part["meeting"]], y=part["attendances"], name=name,
            marker={"color": SINGLE_COLOUR if key is None else colour_for(stack_by, key)},
            showlegend=key is not None,
            **preformatted_hover([t("chart_hover_meeting", meeting=meeting_label(m, d), series=name,
                                    count=format_int(n))
                                  for m, d, n in zip(part["meeting"], part["meeting_date"],
                                                     part["attendances"], strict=True)]),
        ))
    totals = by_meeting.groupby("meeting", sort=False)["attendances"].sum()
    labels = [{"x": ticks[meeting], "y": total, "text": f"<b>{format_int(total)}</b>", "showarrow": False,
               "yshift": 12, "font": {"size": 13}} for meeting, total in totals.items()]
    subtitle = t("chart_person_rule") if stack_by else None
    figure = build_figure(traces, title, 460, subtitle, legend=stack_by is not None,
                          xaxis={"type": "category"},
                          yaxis={"title": {"text": t("chart_axis_attendances")}, "tickformat": ",d",
                                 "range": [0, max(1, totals.max()) * 1.15]},
                          barmode="stack", bargap=0.35, annotations=labels)
    return Chart(figure, table, slug)


def _attendance_table(by_meeting: pd.DataFrame, stack_by: str | None) -> pd.DataFrame:
    schedule = by_meeting.drop_duplicates("meeting")[["meeting", "meeting_date"]]
    columns: dict[str, Any] = {
        t("chart_col_meeting"): schedule["meeting"].map(roman).to_numpy(dtype=object),
        t("chart_col_date"): schedule["meeting_date"].map(format_date).to_numpy(dtype=object),
    }
    # a few dozen rows: counted in Python, the table made in one go rather than column by column
    counts: dict[tuple[Any, Any], Any] = {}
    totals: dict[Any, Any] = {}
    for meeting, key, count in zip(by_meeting["meeting"], by_meeting["key"], by_meeting["attendances"],
                                   strict=True):
        counts[meeting, key] = count
        totals[meeting] = totals.get(meeting, 0) + count
    meetings = list(schedule["meeting"])
    if stack_by is not None:
        for key in dict.fromkeys(by_meeting["key"]):
            columns[value_label(key)] = np.array([counts.get((m, key), 0) for m in meetings], dtype="int64")
    columns[t("chart_col_total")] = np.array([totals.get(m, 0) for m in meetings], dtype="int64")
    return pd.DataFrame(columns)


# A number is written inside a stacked segment only when the segment is at least this share of the
# value axis (about 19 px of the new/returning chart's plot): a smaller one cannot hold it, and
# labels of small neighbouring segments ran into each other. Its number is in the hover and the table.
MIN_LABELLED_SEGMENT = 0.065


def segment_labels(values: Sequence[Any], axis_top: float) -> list[str]:
    """The numbers written inside stacked segments: empty for zero and for a segment under
    MIN_LABELLED_SEGMENT of the value axis (0 to `axis_top`)."""
    return [format_int(v) if v and v >= MIN_LABELLED_SEGMENT * axis_top else "" for v in values]


def new_and_returning_chart(meetings: pd.DataFrame) -> Chart:
    """Stacked bars of metrics.meetings_table: at each meeting, the people back from earlier meetings
    and those there for the first time (is the cycle growing or only keeping its people?). Each
    segment carries its number when it is tall enough for it (segment_labels)."""
    title = t("chart_title_new_returning")
    table = _meetings_display(meetings)
    if meetings.empty:
        return empty_chart(title, "nowi_i_powracajacy", table)
    ticks = [meeting_tick(m, d) for m, d in zip(meetings["meeting"], meetings["meeting_date"], strict=True)]
    axis_top = max(1, int(meetings["attendances"].max())) * 1.1
    traces = []
    for column, name_key, colour in (("returning", "chart_returning", OKABE_ITO["blue"]),
                                     ("new_participants", "chart_new", OKABE_ITO["orange"])):
        name = t(name_key)
        traces.append(trace("bar",
            x=ticks, y=meetings[column], name=name, marker={"color": colour},
            text=segment_labels(meetings[column], axis_top), textposition="inside",
            textangle=0, textfont={"size": 13},
            **preformatted_hover([t("chart_hover_meeting", meeting=meeting_label(m, d), series=name,
                                    count=format_int(n))
                                  for m, d, n in zip(meetings["meeting"], meetings["meeting_date"],
                                                     meetings[column], strict=True)]),
        ))
    figure = build_figure(traces, title, 440, legend=True, xaxis={"type": "category"},
                          yaxis={"title": {"text": t("chart_axis_people")}, "tickformat": ",d",
                                 "range": [0, axis_top]},
                          barmode="stack", bargap=0.35)
    return Chart(figure, table, "nowi_i_powracajacy")


def _meetings_display(meetings: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        t("chart_col_meeting"): meetings["meeting"].map(roman),
        t("chart_col_date"): meetings["meeting_date"].map(format_date),
        t("chart_col_attendances"): meetings["attendances"].astype("int64"),
        t("chart_col_new"): meetings["new_participants"].astype("int64"),
        t("chart_col_returning"): meetings["returning"].astype("int64"),
    })


def retention_chart(counts: pd.DataFrame) -> Chart:
    """Bars of metrics.retention_counts: how many people came to 1, 2, … N meetings; the bars at or
    above half of the meetings (the retention threshold) dark, the rest light."""
    meetings = len(counts)
    threshold = math.ceil(meetings / 2)
    people = int(counts["people"].sum())
    retained = int(counts.loc[counts["meetings_attended"] >= threshold, "people"].sum())
    shares = counts["people"] / people if people else counts["people"] * 0.0
    table = pd.DataFrame({
        t("chart_col_meetings_attended"): counts["meetings_attended"].astype("int64"),
        t("chart_col_people"): counts["people"].astype("int64"),
        t("chart_col_share"): percent_column(shares),
        t("chart_col_retained"): counts["meetings_attended"] >= threshold,
    })
    title = t("chart_title_retention")
    if people == 0:
        return empty_chart(title, "utrzymanie", table)
    traces = []
    for is_retained, name_key, colour in ((False, "chart_not_retained", OKABE_ITO["sky_blue"]),
                                          (True, "chart_retained", OKABE_ITO["blue"])):
        part = counts[(counts["meetings_attended"] >= threshold) == is_retained]
        part_shares = shares[part.index]
        traces.append(trace("bar",
            x=part["meetings_attended"], y=part["people"], name=t(name_key), marker={"color": colour},
            text=[format_int(n) for n in part["people"]], textposition="outside", cliponaxis=False,
            textfont={"size": 13},
            **preformatted_hover([t("chart_hover_retention", attended=n,
                                    of_meetings=tn("of_meetings", meetings), people=format_int(p),
                                    share=format_pct(s, 1))
                                  for n, p, s in zip(part["meetings_attended"], part["people"], part_shares,
                                                     strict=True)]),
        ))
    note = tn("chart_retention_note", retained, threshold=threshold, meetings=meetings,
              of_people=tn("of_people", people), share=format_pct(retained / people))
    figure = build_figure(traces, title, 440, note, legend=True,
                          xaxis={"title": {"text": t("chart_axis_meetings_attended")}, "tickmode": "array",
                                 "tickvals": list(counts["meetings_attended"]),
                                 "range": [0.4, meetings + 0.6]},
                          yaxis={"title": {"text": t("chart_axis_people")}, "tickformat": ",d",
                                 "range": [0, max(1, counts["people"].max()) * 1.18]},
                          bargap=0.3)
    return Chart(figure, table, "utrzymanie")


def return_heatmap(matrix: pd.DataFrame) -> Chart:
    """Heat map of metrics.return_matrix: for the people at meeting i (row), the share also at meeting j
    (column). The diagonal (always 100%) is left blank so the colours show the returns."""
    meetings = list(matrix.index)
    labels = [t("chart_meeting", roman=roman(m)) for m in meetings]
    also_at = {t("chart_col_also_at", roman=roman(column)): percent_column(matrix[column]).to_numpy()
               for column in meetings}
    table = pd.DataFrame({t("chart_col_at_meeting"): [roman(m) for m in meetings], **also_at})
    title = t("chart_title_return")
    if matrix.empty:
        return empty_chart(title, "powroty", table)
    shares = matrix.to_numpy(dtype="float64")
    off_diagonal = [(i, j) for i in range(len(meetings)) for j in range(len(meetings))
                    if i != j and not math.isnan(shares[i][j])]
    z = [[None if i == j or math.isnan(shares[i][j]) else shares[i][j] for j in range(len(meetings))]
         for i in range(len(meetings))]
    hover = [[None if i == j else t("chart_hover_return", share=format_pct(shares[i][j]), row=roman(row),
                                    column=roman(column)) for j, column in enumerate(meetings)]
             for i, row in enumerate(meetings)]
    cells = trace("heatmap",
        z=z, x=labels, y=labels, customdata=hover, hovertemplate="%{customdata}<extra></extra>",
        hoverongaps=False, colorscale=SEQUENTIAL, zmin=0, zmax=1, xgap=2, ygap=2,
        colorbar={"tickformat": ".0%", "thickness": 14},
    )
    texts = cell_labels([labels[j] for _, j in off_diagonal], [labels[i] for i, _ in off_diagonal],
                        [format_pct(shares[i][j]) for i, j in off_diagonal],
                        [shares[i][j] for i, j in off_diagonal], 1.0)
    figure = build_figure([cells, texts], title, 160 + 56 * len(meetings),
                          xaxis={"side": "top", "showgrid": False},
                          yaxis={"autorange": "reversed", "showgrid": False})
    return Chart(figure, table, "powroty")


def programme_timeline(meetings: pd.DataFrame, illustrative: Collection[int] = ()) -> Chart:
    """The meeting cycle as bars (metrics.meetings_table): one bar per dated meeting with the number of
    people present written on it, each named under it by its number and day ("III<br>21.09");
    newcomers in the hover. `illustrative` meetings say in the subtitle, the hover and the table that
    their date is an example; meetings without a date are named in the subtitle. Drawn compact: it
    takes half of the overview's width."""
    table = _meetings_display(meetings)
    table[t("chart_col_note")] = [t("chart_illustrative") if m in illustrative else ""
                                  for m in meetings["meeting"]]
    dated = meetings[meetings["meeting_date"].notna()]
    if dated.empty:
        return empty_chart(t("chart_title_programme_empty"), "cykl_spotkan", table)
    title = t("chart_title_programme", count=len(meetings), first=format_date(dated["meeting_date"].min()),
              last=format_date(dated["meeting_date"].max()))
    hovers = [t("chart_hover_programme", meeting=t("chart_meeting", roman=roman(m)), date=format_date(d),
                count=format_int(n), new=format_int(k))
              + (f"<br><i>{t('chart_illustrative')}</i>" if m in illustrative else "")
              for m, d, n, k in zip(dated["meeting"], dated["meeting_date"], dated["attendances"],
                                    dated["new_participants"], strict=True)]
    days = [d.strftime("%Y-%m-%d") for d in dated["meeting_date"]]
    bars = trace("bar",
        x=days, y=dated["attendances"], marker={"color": SINGLE_COLOUR},
        text=[f"<b>{format_int(n)}</b>" for n in dated["attendances"]], textposition="outside",
        cliponaxis=False, textfont={"size": 14}, showlegend=False, **preformatted_hover(hovers),
    )
    undated = meetings.loc[meetings["meeting_date"].isna(), "meeting"]
    notes = []
    shown_illustrative = [m for m in dated["meeting"] if m in illustrative]
    if shown_illustrative:
        notes.append(t("rpt_note_illustrative", meetings=", ".join(roman(m) for m in shown_illustrative)))
    if len(undated):
        notes.append(t("chart_undated_meetings", meetings=", ".join(roman(m) for m in undated)))
    top = max(1, int(dated["attendances"].max()))
    # one bar per meeting, side by side in their order (how many came is read across equal steps);
    # each bar at its date, named under it
    ticks = [f"{roman(m)}<br>{d.day}.{d.month:02d}" for m, d in zip(dated["meeting"], dated["meeting_date"],
                                                                     strict=True)]
    figure = build_figure([bars], title, 270, " ".join(notes) or None, compact=True,
                          xaxis={"type": "category", "tickmode": "array", "tickvals": days,
                                 "ticktext": ticks},
                          yaxis={"title": {"text": t("chart_axis_present")}, "tickformat": ",d",
                                 "range": [0, top * 1.2]},
                          bargap=0.35)
    return Chart(figure, table, "cykl_spotkan")
