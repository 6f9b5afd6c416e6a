"""The partnership's members drawn: partners by sector and gmina, per meeting, their retention, the
ties across sectors (a heat map) and the partners of each project; and the tables the partners page
shows (the register, the director's masked view of it, staff's proposals).

Every chart takes a partner_metrics table and returns a Chart with its table of numbers beneath it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

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
    wrap_text,
)
from analytics.display.palette import EXTRA_COLOURS, OKABE_ITO, SEQUENTIAL, SINGLE_COLOUR, colour_for
from analytics.formatting import format_int, format_pct, roman, value_label
from analytics.metrics import key_order

_BY_TITLE = {"sector": "partners_title_by_sector", "gmina": "partners_title_by_gmina"}
_KEY_COLUMN = {"sector": "chart_col_sector", "gmina": "chart_col_gmina"}


def partners_by_chart(by: pd.DataFrame, dimension: str) -> Chart:
    """Horizontal bars of partner_metrics.partners_by: partners per sector (in their colours) or per gmina
    (from most partners down, the extras last), labelled "12 (22%)"."""
    frame = by.reset_index(drop=True)
    if dimension == "gmina":
        extras = frame["key"].isin(EXTRA_COLOURS)
        frame = pd.concat([frame[~extras].sort_values(["partners", "key"], ascending=[False, True],
                                                      kind="stable"), frame[extras]], ignore_index=True)
    total = int(frame["partners"].sum())
    labels = [value_label(k) for k in frame["key"]]
    table = pd.DataFrame({t(_KEY_COLUMN[dimension]): labels,
                          t("partners_col_partners"): frame["partners"].astype("int64"),
                          t("chart_col_share"): percent_column(frame["share"])})
    title = t(_BY_TITLE[dimension], total=format_int(total))
    slug = f"partnerzy_{dimension}"
    if total == 0:
        return empty_chart(title, slug, table)
    colours = [colour_for("sector", k) if dimension == "sector" else EXTRA_COLOURS.get(k, SINGLE_COLOUR)
               for k in frame["key"]]
    bars = trace("bar", x=frame["partners"], y=labels, orientation="h", marker={"color": colours},
                 text=[f"{format_int(n)} ({format_pct(s)})" for n, s in zip(frame["partners"], frame["share"],
                                                                              strict=True)],
                 textposition="outside", cliponaxis=False, textfont={"size": 13},
                 **preformatted_hover([t("partners_hover_share", name=label, count=format_int(n),
                                         share=format_pct(s, 1))
                                       for label, n, s in zip(labels, frame["partners"], frame["share"],
                                                              strict=True)]))
    figure = build_figure([bars], title, 140 + 34 * len(frame), t("partners_rule"),
                          xaxis={"title": {"text": t("partners_axis_partners")}, "tickformat": ",d",
                                 "range": [0, frame["partners"].max() * 1.25]},
                          yaxis={"autorange": "reversed", "categoryorder": "array", "categoryarray": labels,
                                 "showgrid": False})
    return Chart(figure, table, slug)


def partners_per_meeting_chart(per_meeting: pd.DataFrame) -> Chart:
    """Bars of partner_metrics.partners_per_meeting: partners present at each meeting, the new ones
    (present for the first time) as the dark part."""
    ticks = [meeting_tick(m, d) for m, d in zip(per_meeting["meeting"], per_meeting["meeting_date"],
                                                 strict=True)]
    returning = per_meeting["partners"] - per_meeting["new_partners"]
    table = pd.DataFrame({t("chart_col_meeting"): [roman(m) for m in per_meeting["meeting"]],
                          t("partners_col_present"): per_meeting["partners"].astype("int64"),
                          t("partners_col_new"): per_meeting["new_partners"].astype("int64"),
                          t("partners_col_returning"): returning.astype("int64")})
    title = t("partners_title_per_meeting")
    if per_meeting.empty or int(per_meeting["partners"].sum()) == 0:
        return empty_chart(title, "partnerzy_spotkania", table)
    traces = []
    for values, name_key, colour in ((per_meeting["new_partners"], "partners_col_new", OKABE_ITO["blue"]),
                                     (returning, "partners_col_returning", OKABE_ITO["sky_blue"])):
        traces.append(trace("bar", x=ticks, y=values, name=t(name_key), marker={"color": colour},
                            text=[format_int(n) if n else "" for n in values], textposition="inside",
                            textfont={"size": 13},
                            **preformatted_hover([t("partners_hover_meeting",
                                                    meeting=tick.replace("<br>", " "),
                                                    present=format_int(p), new=format_int(n))
                                                  for tick, p, n in zip(ticks, per_meeting["partners"],
                                                                        per_meeting["new_partners"],
                                                                        strict=True)])))
    top = max(1, int(per_meeting["partners"].max()))
    totals = trace("scatter", x=ticks, y=per_meeting["partners"], mode="text", showlegend=False,
                   text=[f"<b>{format_int(n)}</b>" for n in per_meeting["partners"]],
                   textposition="top center",
                   hoverinfo="skip", textfont={"size": 14})
    figure = build_figure([*traces, totals], title, 420, t("partners_per_meeting_note"), legend=True,
                          barmode="stack", bargap=0.35,
                          xaxis={"type": "category", "showgrid": False},
                          yaxis={"title": {"text": t("partners_axis_partners")}, "tickformat": ",d",
                                 "range": [0, top * 1.2]})
    return Chart(figure, table, "partnerzy_spotkania")


def partner_retention_chart(counts: pd.DataFrame) -> Chart:
    """Bars of partner_metrics.partner_retention: partners present at 1, 2, … N meetings; those at half
    of the meetings or more (retained) dark."""
    meetings = len(counts)
    threshold = math.ceil(meetings / 2)
    partners = int(counts["people"].sum())
    kept = counts["meetings_attended"] >= threshold
    retained = int(counts.loc[kept, "people"].sum())
    table = pd.DataFrame({t("chart_col_meetings_attended"): counts["meetings_attended"].astype("int64"),
                          t("partners_col_partners"): counts["people"].astype("int64"),
                          t("chart_col_retained"): kept})
    title = t("partners_title_retention")
    if partners == 0:
        return empty_chart(title, "partnerzy_utrzymanie", table)
    bars = trace("bar", x=counts["meetings_attended"], y=counts["people"],
                 marker={"color": [OKABE_ITO["blue"] if k else OKABE_ITO["sky_blue"] for k in kept]},
                 text=[format_int(n) for n in counts["people"]], textposition="outside", cliponaxis=False,
                 textfont={"size": 13}, showlegend=False,
                 **preformatted_hover([t("partners_hover_retention", attended=n, of_meetings=tn("of_meetings",
                                                                                              meetings),
                                         partners=format_int(p))
                                       for n, p in zip(counts["meetings_attended"], counts["people"],
                                                       strict=True)]))
    note = t("partners_retention_note", retained=format_int(retained), partners=format_int(partners),
             threshold=threshold, meetings=meetings, share=format_pct(retained / partners))
    figure = build_figure([bars], title, 420, note,
                          xaxis={"title": {"text": t("partners_axis_meetings_attended")}, "tickmode": "array",
                                 "tickvals": list(counts["meetings_attended"]),
                                 "range": [0.4, meetings + 0.6]},
                          yaxis={"title": {"text": t("partners_axis_partners")}, "tickformat": ",d",
                                 "range": [0, max(1, counts["people"].max()) * 1.18]},
                          bargap=0.3)
    return Chart(figure, table, "partnerzy_utrzymanie")


def sector_ties_heatmap(ties: pd.DataFrame) -> Chart:
    """Heat map of partner_metrics.cross_sector_ties: for each pair of sectors, the meetings and the
    projects that brought partners of both together ("6 / 2"), coloured by the two together."""
    table = pd.DataFrame({t("partners_col_sector_a"): [value_label(s) for s in ties["sector_a"]],
                          t("partners_col_sector_b"): [value_label(s) for s in ties["sector_b"]],
                          t("partners_col_meetings_together"): ties["meetings"].astype("int64"),
                          t("partners_col_projects_together"): ties["projects"].astype("int64")})
    title = t("partners_title_ties")
    total = ties["meetings"] + ties["projects"]
    if ties.empty or int(total.sum()) == 0:
        return empty_chart(title, "partnerzy_wiezi", table)
    sectors = list(dict.fromkeys([*ties["sector_a"], *ties["sector_b"]]))
    labels = [value_label(s) for s in sectors]
    at = {s: i for i, s in enumerate(sectors)}
    size = len(sectors)
    z: list[list[float | None]] = [[None] * size for _ in range(size)]
    hover: list[list[str | None]] = [[None] * size for _ in range(size)]
    texts, xs, ys, values = [], [], [], []
    pairs = zip(ties["sector_a"], ties["sector_b"], ties["meetings"], ties["projects"], strict=True)
    for a, b, m, p in pairs:
        text = t("partners_hover_ties", a=value_label(a), b=value_label(b),
                 meetings=tn("partners_meetings", m), projects=tn("partners_projects", p))
        for i, j in {(at[a], at[b]), (at[b], at[a])}:
            z[i][j], hover[i][j] = m + p, text
            xs.append(labels[j])
            ys.append(labels[i])
            texts.append(f"{format_int(m)} / {format_int(p)}")
            values.append(m + p)
    top = max(1, int(total.max()))
    cells = trace("heatmap", z=z, x=labels, y=labels, customdata=hover,
                  hovertemplate="%{customdata}<extra></extra>", colorscale=SEQUENTIAL, zmin=0, zmax=top,
                  xgap=2, ygap=2,
                  colorbar={"title": {"text": t("partners_colorbar_ties")}, "tickformat": ",d",
                            "thickness": 14})
    figure = build_figure([cells, cell_labels(xs, ys, texts, values, top)], title, 170 + 56 * size,
                          t("partners_ties_note"), xaxis={"side": "bottom", "showgrid": False},
                          yaxis={"autorange": "reversed", "showgrid": False})
    return Chart(figure, table, "partnerzy_wiezi")


def project_partners_chart(links: pd.DataFrame) -> Chart:
    """Horizontal bars of partner_metrics.project_partners: each project's partner institutions, stacked
    by the partners' sectors; the table names them (as the page's viewer may see them)."""
    table = pd.DataFrame({t("chart_col_title"): links["title"], t("partners_col_name"): links["name"],
                          t("chart_col_sector"): [value_label(s) for s in links["sector"]],
                          t("chart_col_gmina"): [value_label(g) for g in links["gmina"]],
                          t("partners_col_at_meetings"): [t("yes") if v else t("no")
                                                          for v in links["at_meetings"]]})
    title = t("partners_title_projects")
    if links.empty:
        return empty_chart(title, "partnerzy_projekty", table, t("partners_projects_none"))
    titles = list(dict.fromkeys(links["title"]))
    wrapped = [wrap_text(title_, 40) for title_ in titles]
    traces = []
    rank = {sector: i for i, sector in enumerate(key_order("sector"))}
    for sector in sorted(dict.fromkeys(links["sector"]), key=lambda s: (rank.get(s, len(rank)), str(s))):
        part = links[links["sector"] == sector]
        counts = part.groupby("title").size()
        names = part.groupby("title")["name"].agg(lambda s: "<br>".join(s))
        traces.append(trace("bar", y=wrapped, x=[int(counts.get(p, 0)) for p in titles], orientation="h",
                            name=value_label(sector), marker={"color": colour_for("sector", sector)},
                            **preformatted_hover([f"<b>{value_label(sector)}</b><br>{names.get(p, '')}"
                                                  for p in titles])))
    figure = build_figure(traces, title, 140 + 46 * len(titles), t("partners_projects_note"), legend=True,
                          barmode="stack", xaxis={"title": {"text": t("partners_axis_partners")},
                                                  "tickformat": ",d", "dtick": 1},
                          yaxis={"autorange": "reversed", "showgrid": False})
    # the legend beside the bars, one sector a line: above them, the long titles leave it too narrow a row
    figure.layout.legend.update(orientation="v", x=1.02, xanchor="left", y=1, yanchor="top")
    return Chart(figure, table, "partnerzy_projekty")


def register_table(register: pd.DataFrame, masked: bool) -> pd.DataFrame:
    """The partners as the page lists them: name, sector, gmina, representatives, meetings. `masked` (the
    director): a sole trader (its name holds a person's) as 'działalność gospodarcza (sector, gmina)'."""
    names = [t("partner_sole_trader", sector=value_label(s), gmina=value_label(g)) if masked and sole else n
             for n, s, g, sole in zip(register["name"], register["sector"], register["gmina"],
                                      register["sole_trader"], strict=True)]
    return pd.DataFrame({t("partners_col_name"): names,
                         t("chart_col_sector"): [value_label(s) for s in register["sector"]],
                         t("chart_col_gmina"): [value_label(g) for g in register["gmina"]],
                         t("partners_col_representatives"): register["representatives"].astype("int64"),
                         t("partners_col_meetings"): register["meetings"].astype("int64"),
                         t("partners_col_first_meeting"): [roman(m) for m in register["first_meeting"]]})


def masked_links(links: pd.DataFrame, sole_traders: Iterable[bool]) -> pd.DataFrame:
    """project_partners' rows with a sole trader's name replaced as in register_table (the director)."""
    shown = links.copy()
    shown["name"] = [t("partner_sole_trader", sector=value_label(s), gmina=value_label(g)) if sole else n
                     for n, s, g, sole in zip(links["name"], links["sector"], links["gmina"], sole_traders,
                                              strict=True)]
    return shown
