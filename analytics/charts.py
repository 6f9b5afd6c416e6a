"""The dashboard's charts: a metrics table in, a plotly Figure and the same numbers as a table out.

Every chart function returns a Chart: the figure, and the table shown under it as its text
alternative (Polish headers, one row per bar or cell) and offered for download. Colours are fixed
per sector, group and status (Okabe–Ito, safe for colour-blind readers); hover texts, labels and
dates are formatted here in Python, so the browser only displays them. Nothing is fetched: no map
tiles, no topojson, no fonts.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.colors import sample_colorscale

from analytics.catalogue import t, tn
from analytics.formatting import (
    NBSP,
    format_date,
    format_datetime,
    format_int,
    format_money,
    format_month_short,
    format_pct,
    is_missing,
    meeting_label,
    roman,
)
from analytics.geo import RIVER_PATH, boundary_outlines, tile_layout
from analytics.metrics import Dimension, canonical_keys, status_order
from analytics.vocabulary import MISSING, OTHER, OUTSIDE_COUNTY, fold, vocabulary

# -- look ----------------------------------------------------------------------------------------------

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
OKABE_ITO = {
    "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7", "black": "#000000",
}
GREY = "#999999"
LIGHT_GREY = "#C8C8C8"
SECTOR_COLOURS = {
    "gospodarka": OKABE_ITO["blue"], "rynek pracy": OKABE_ITO["orange"],
    "kultura": OKABE_ITO["reddish_purple"], "edukacja": OKABE_ITO["bluish_green"],
    "opieka społeczna": OKABE_ITO["vermillion"],
}
GROUP_COLOURS = {
    "samorząd lokalny": OKABE_ITO["sky_blue"], "przedsiębiorcy": OKABE_ITO["orange"],
    "organizacje pozarządowe": OKABE_ITO["bluish_green"], "mieszkańcy": OKABE_ITO["reddish_purple"],
    "uczniowie": OKABE_ITO["vermillion"],
}
STATUS_COLOURS = {
    "pomysł": OKABE_ITO["sky_blue"], "w przygotowaniu": OKABE_ITO["orange"],
    "w realizacji": OKABE_ITO["blue"], "zrealizowany": OKABE_ITO["bluish_green"],
    "wstrzymany": OKABE_ITO["vermillion"],
}
EXTRA_COLOURS = {OTHER: GREY, OUTSIDE_COUNTY: GREY, MISSING: LIGHT_GREY}
# For values an office adds to its vocabulary: the Okabe–Ito colours the fixed maps leave free.
SPARE_COLOURS = [OKABE_ITO["yellow"], OKABE_ITO["black"], OKABE_ITO["sky_blue"], OKABE_ITO["blue"]]
SINGLE_COLOUR = OKABE_ITO["blue"]
# Sequential, single hue (ColorBrewer Blues, colour-blind safe); starts visibly above white so a gmina
# with no participants is still a tile.
SEQUENTIAL = [[0.0, "#DEEBF7"], [0.25, "#9ECAE1"], [0.5, "#4292C6"], [0.75, "#08519C"], [1.0, "#08306B"]]
RIVER_COLOUR = OKABE_ITO["sky_blue"]

# Polish numbers in everything plotly formats itself (axes, colour bars): decimal comma, and the
# same no-break space between thousands as analytics.formatting.
SEPARATORS = "," + NBSP
FONT = {"family": "Source Sans Pro, Segoe UI, Arial, sans-serif", "size": 14, "color": "#262730"}
TICK_FONT = {"size": 13}
PLOTLY_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
    "toImageButtonOptions": {"format": "png", "filename": "pup_plock_wykres", "width": 1280,
                             "height": 720, "scale": 2},
}


@dataclass(frozen=True)
class Chart:
    """A figure and its numbers: `table` (Polish headers) is shown under the chart and downloadable."""

    figure: go.Figure
    table: pd.DataFrame
    slug: str   # file-name stem for the PNG and the table download
    failed: bool = False   # building it raised (see failed_chart): the page says so instead of drawing it

    @property
    def title(self) -> str:
        """The title as one line of text (a compact chart's title is wrapped with <br>)."""
        return (self.figure.layout.title.text or "").replace("<br>", " ")

    @property
    def config(self) -> dict[str, Any]:
        """PLOTLY_CONFIG with this chart's name for the PNG the camera button saves."""
        image = {**PLOTLY_CONFIG["toImageButtonOptions"], "filename": self.slug}
        return {**PLOTLY_CONFIG, "toImageButtonOptions": image}


def colour_for(dimension: Literal["sector", "group", "status"], key: str) -> str:
    """The one colour of a sector, group or status, on every chart."""
    if key in EXTRA_COLOURS:
        return EXTRA_COLOURS[key]
    fixed = {"sector": SECTOR_COLOURS, "group": GROUP_COLOURS, "status": STATUS_COLOURS}[dimension]
    if key in fixed:
        return fixed[key]
    known = {"sector": vocabulary().sectors, "group": vocabulary().groups,
             "status": vocabulary().statuses}[dimension]
    extra = [k for k in known if k not in fixed]
    position = extra.index(key) if key in extra else len(extra)
    return SPARE_COLOURS[position % len(SPARE_COLOURS)]


def value_label(key: Any) -> str:
    """A vocabulary value as shown: translated when the UI is English (gminy keep their names)."""
    if is_missing(key):
        return value_label(MISSING)
    catalogue_key = VALUE_LABEL_KEYS.get(fold(str(key)).replace(" ", "_"))
    return t(catalogue_key) if catalogue_key else str(key)


# The vocabulary values the catalogue translates (folded: lower case, no Polish letters, "_" for spaces)
VALUE_LABEL_KEYS = {
    "gospodarka": "chart_value_gospodarka", "rynek_pracy": "chart_value_rynek_pracy",
    "kultura": "chart_value_kultura", "edukacja": "chart_value_edukacja",
    "opieka_spoleczna": "chart_value_opieka_spoleczna", "samorzad_lokalny": "chart_value_samorzad_lokalny",
    "przedsiebiorcy": "chart_value_przedsiebiorcy",
    "organizacje_pozarzadowe": "chart_value_organizacje_pozarzadowe", "mieszkancy": "chart_value_mieszkancy",
    "uczniowie": "chart_value_uczniowie", "pomysl": "chart_value_pomysl",
    "w_przygotowaniu": "chart_value_w_przygotowaniu", "w_realizacji": "chart_value_w_realizacji",
    "zrealizowany": "chart_value_zrealizowany", "wstrzymany": "chart_value_wstrzymany",
    "inne": "chart_value_inne", "spoza_powiatu": "chart_value_spoza_powiatu",
    "brak_danych": "chart_value_brak_danych",
}


# Plotly checks every property of a figure against its schema while building it, which costs three
# to five times the building itself. The dashboard's figures are built unchecked; test_charts builds
# every chart both ways and requires the same JSON, so a misspelt property still fails there.
VALIDATE = False
# The "none" template as a checked figure writes it out (an unchecked one would keep the bare name).
NO_TEMPLATE: dict[str, Any] = pio.templates["none"].to_plotly_json()
Trace = dict[str, Any]   # a trace as plotly's dict: {"type": "bar", "x": …}


def _trace(kind: str, **properties: Any) -> Trace:
    """A trace of type `kind`, with pandas columns as numpy arrays (as a checked figure holds them)."""
    return {"type": kind, **{name: value.to_numpy() if isinstance(value, pd.Series | pd.Index) else value
                             for name, value in properties.items()}}


AXIS_STYLE: dict[str, Any] = {"tickfont": TICK_FONT, "automargin": True, "gridcolor": "#E8E8E8",
                              "zerolinecolor": "#D0D0D0", "linecolor": "#D0D0D0"}


def _figure(traces: Sequence[Any], title: str, height: int, subtitle: str | None = None,
            legend: bool = False, *, xaxis: dict[str, Any] | None = None, yaxis: dict[str, Any] | None = None,
            more_axes: dict[str, dict[str, Any]] | None = None, compact: bool = False,
            **layout: Any) -> go.Figure:
    """The figure in one go: the traces, the chart's own layout (`layout`, its axes) and the look every
    chart shares: title (and a subtitle saying how to read the chart), Polish separators, readable
    fonts; the legend, when there is one, above the plot where it cannot collide with axis labels.

    Built by one go.Figure(data, layout) call from plain dicts: update_layout and update_xaxes on a
    built figure walk its whole property tree on every call and cost ten times as much (60-120 ms a
    chart; a page draws nine). Unchecked unless VALIDATE (see there).

    `compact`: a chart in half of the overview's width: its title and subtitle wrapped (see
    _compact_texts), a smaller title and less room above it, so that the key picture fits one screen;
    `height` is then the figure's height with one line of title and of subtitle, and each wrapped line
    adds its own."""
    if compact:
        title, subtitle = _compact_texts(title, subtitle)
    title_lines = title.count("<br>")
    subtitle_lines = (subtitle or "").count("<br>")
    title_size, title_room, line = (16, 46, 20) if compact else (18, 64, 24)
    subtitle_room = 28 + 17 * subtitle_lines if subtitle else 0
    top = title_room + line * title_lines + subtitle_room + (34 if legend else 0)
    full = {
        **layout,
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": title_size},
                  "subtitle": {"text": subtitle or "", "font": {"size": 13}}},
        "separators": SEPARATORS, "font": FONT,
        "height": height + line * title_lines + 17 * subtitle_lines + (34 if legend else 0),
        # no template: plotly's own carry map and 3-D defaults this dashboard never uses
        "template": NO_TEMPLATE, "plot_bgcolor": "white", "paper_bgcolor": "white",
        "margin": {"l": 10, "r": 24, "t": top, "b": _bottom_room(xaxis, compact)},
        "hoverlabel": {"font": {"size": 14}, "align": "left"},
        # a label that would have to shrink below 12 px to fit its bar is hidden (the table has it)
        "uniformtext": {"minsize": 12, "mode": "hide"},
        "showlegend": legend,
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "left", "x": 0,
                   "font": {"size": 13}, "traceorder": "normal"},
    }
    for name, axis in {"xaxis": xaxis or {}, "yaxis": yaxis or {}, **(more_axes or {})}.items():
        full[name] = {**axis, **AXIS_STYLE}
    return go.Figure(data=list(traces), layout=full, _validate=VALIDATE)


def _bottom_room(xaxis: dict[str, Any] | None, compact: bool) -> int:
    """Room under the plot for the x axis' labels; a compact chart with no x axis (a map) needs none."""
    if not compact:
        return 40
    return 6 if (xaxis or {}).get("visible") is False else 30


def _count_colorbar(top: int) -> dict[str, Any]:
    """A colour bar for counts: whole-number ticks only."""
    step = 1
    while top / step > 8:
        step = step * 5 // 2 if str(step).startswith("2") else step * 2
    return {"title": {"text": t("chart_col_participants")}, "tickformat": ",d", "dtick": step,
            "thickness": 14}


def _text_colour(fill: str) -> str:
    """Near-black or white, whichever contrasts more with `fill` ("#rrggbb" or "rgb(r, g, b)")."""
    if fill.startswith("#"):
        channels = [int(fill[i:i + 2], 16) for i in (1, 3, 5)]
    else:
        channels = [int(float(c)) for c in fill[fill.index("(") + 1:fill.index(")")].split(",")[:3]]
    linear = [c / 255 / 12.92 if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    dark = 0.0103   # luminance of #1A1A1A
    return "#1A1A1A" if (luminance + 0.05) / (dark + 0.05) >= 1.05 / (luminance + 0.05) else "#FFFFFF"


def _cell_labels(x: Sequence[Any], y: Sequence[Any], texts: Sequence[str], values: Sequence[float],
                 top: float, size: int = 13) -> Trace:
    """Labels over heat-map cells, each dark or white by its cell's colour (plotly's own automatic
    choice leaves some mid-blue cells below the 4.5:1 contrast WCAG asks for)."""
    fills = sample_colorscale(SEQUENTIAL, [min(1.0, max(0.0, v / top)) if top else 0.0 for v in values])
    return _trace("scatter", x=list(x), y=list(y), mode="text", text=list(texts), hoverinfo="skip",
                      textfont={"size": size, "color": [_text_colour(f) for f in fills]}, showlegend=False)


def _hover(texts: Sequence[str]) -> dict[str, Any]:
    """Preformatted hover texts, one per point (plotly would format numbers the English way)."""
    return {"customdata": [[text] for text in texts], "hovertemplate": "%{customdata[0]}<extra></extra>"}


def _empty(title: str, slug: str, table: pd.DataFrame, message: str | None = None) -> Chart:
    """A chart with nothing to draw: its title and, in place of the plot, `message` (by default: no
    data for the chosen filters)."""
    note = {"text": message or t("chart_no_data"), "showarrow": False, "x": 0.5, "y": 0.5, "xref": "paper",
            "yref": "paper", "font": {"size": 15}}
    figure = _figure([], title, 260, xaxis={"visible": False}, yaxis={"visible": False}, annotations=[note])
    return Chart(figure, table, slug)


def failed_chart(slug: str) -> Chart:
    """Stands in for a chart whose building raised: the failure sentence on empty axes, no numbers."""
    return replace(_empty("", slug, pd.DataFrame(), t("chart_failed")), failed=True)


def _wrap(text: Any, width: int = 34) -> str:
    """Long project titles over several lines of an axis label."""
    return "<br>".join(textwrap.wrap(str(text), width, break_long_words=False)) or str(text)


# A compact chart takes half of the overview's width (about 460 px at 1400 px with the sidebar open):
# its title and subtitle wrap at these many characters instead of running off the figure's edge.
COMPACT_TITLE_CHARS = 52
COMPACT_SUBTITLE_CHARS = 66


def _compact_texts(title: str, subtitle: str | None) -> tuple[str, str | None]:
    """A title and a subtitle wrapped to a compact chart's width (_figure makes room for the lines)."""
    return (_wrap(title, COMPACT_TITLE_CHARS),
            _wrap(subtitle, COMPACT_SUBTITLE_CHARS) if subtitle else subtitle)


def _percent_column(shares: pd.Series) -> pd.Series:
    return (pd.to_numeric(shares, errors="coerce") * 100).round(1)


def _meeting_tick(number: Any, date: Any) -> str:
    if is_missing(date):
        return roman(number)
    return t("chart_meeting_tick", roman=roman(number), date=format_date(date))


def _month_ticks(start: pd.Timestamp, end: pd.Timestamp, most: int = 10) -> tuple[list[str], list[str]]:
    """Month-start ticks between two dates with Polish labels ("mar 2018"): plotly only speaks English."""
    months = pd.date_range(start.to_period("M").to_timestamp(), end, freq="MS")
    step = next(s for s in (1, 2, 3, 6, 12, 24, 60, 120) if len(months) / s <= most)
    chosen = [m for m in months if (m.year * 12 + m.month - 1) % step == 0]
    # Sparse ticks fall in January: a first year shown only from, say, March would have no label at all.
    # Its first month on the axis gets one, when far enough from the next tick to be read.
    visible = [m for m in months if m >= start]
    ticked = [m for m in chosen if m >= start]
    if visible and (not ticked or ticked[0].year > visible[0].year):
        gap = (ticked[0].year - visible[0].year) * 12 + ticked[0].month - visible[0].month if ticked else step
        if gap * 2 >= step:
            chosen = [visible[0], *ticked]
    return [m.strftime("%Y-%m-%d") for m in chosen], [format_month_short(m) for m in chosen]


# -- participation --------------------------------------------------------------------------------------

_BY_TITLE = {"sector": "chart_title_by_sector", "group": "chart_title_by_group",
             "gmina": "chart_title_by_gmina"}
_KEY_COLUMN = {"sector": "chart_col_sector", "group": "chart_col_group", "gmina": "chart_col_gmina"}


def participants_chart(by: pd.DataFrame, dimension: Dimension, *, compact: bool = False) -> Chart:
    """Horizontal bars of metrics.participants_by(rows, dimension), labelled "26 (37%)". Sectors and
    groups in vocabulary order, in their colours; gminy from most participants down, extras last.
    `compact`: drawn in half of the page (the overview), its title and subtitle wrapped."""
    frame = _gmina_order(by) if dimension == "gmina" else by.reset_index(drop=True)
    total = int(frame["participants"].sum())
    title = t(_BY_TITLE[dimension], total=format_int(total))
    table = pd.DataFrame({
        t(_KEY_COLUMN[dimension]): [value_label(k) for k in frame["key"]],
        t("chart_col_participants"): frame["participants"].astype("int64"),
        t("chart_col_share"): _percent_column(frame["share"]),
    })
    slug = f"uczestnicy_{dimension}"
    if total == 0:
        return _empty(title, slug, table)
    labels = [value_label(k) for k in frame["key"]]
    bars = _trace("bar",
        x=frame["participants"], y=labels, orientation="h",
        marker={"color": [_bar_colour(dimension, k) for k in frame["key"]]},
        text=[f"{format_int(n)} ({format_pct(s)})" for n, s in zip(frame["participants"], frame["share"],
                                                                      strict=True)],
        textposition="outside", cliponaxis=False, textfont={"size": 13},
        **_hover([t("chart_hover_share", name=label, count=format_int(n), share=format_pct(s, 1))
                  for label, n, s in zip(labels, frame["participants"], frame["share"], strict=True)]),
    )
    # compact: thinner bars and no axis title (every bar carries its number)
    axis_title = {} if compact else {"title": {"text": t("chart_axis_participants")}}
    height = (100 + 28 * len(frame)) if compact else (140 + 34 * len(frame))
    figure = _figure(
        [bars], title, height, t("chart_person_rule"),
        xaxis={**axis_title, "tickformat": ",d", "range": [0, frame["participants"].max() * 1.25]},
        yaxis={"autorange": "reversed", "categoryorder": "array", "categoryarray": labels, "showgrid": False},
        compact=compact)
    return Chart(figure, table, slug)


def _gmina_order(by: pd.DataFrame) -> pd.DataFrame:
    county = by[by["key"].isin(canonical_keys("gmina"))].sort_values(
        ["participants", "key"], ascending=[False, True], kind="stable")
    return pd.concat([county, by[~by["key"].isin(canonical_keys("gmina"))]], ignore_index=True)


def _bar_colour(dimension: Dimension, key: str) -> str:
    if dimension == "gmina":
        return EXTRA_COLOURS.get(key, SINGLE_COLOUR)
    return colour_for(dimension, key)


def _map_table(by_gmina: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        t("chart_col_gmina"): by_gmina["gmina"],
        t("chart_col_teryt"): by_gmina["teryt"],
        t("chart_col_participants"): by_gmina["participants"].astype("int64"),
    })


def _map_title_and_note(by_gmina: pd.DataFrame, outside_county: int, missing: int) -> tuple[str, str]:
    reached = int((by_gmina["participants"] > 0).sum())
    title = t("chart_title_map", reached=reached, total=len(by_gmina))
    note = t("chart_map_outside", outside=format_int(outside_county), missing=format_int(missing))
    return title, note


def _map_hover(by_gmina: pd.DataFrame) -> list[str]:
    total = int(by_gmina["participants"].sum())
    return [t("chart_hover_map", name=name, count=format_int(n),
              share=format_pct(n / total if total else 0, 1))
            for name, n in zip(by_gmina["gmina"], by_gmina["participants"], strict=True)]


def gmina_tile_map(by_gmina: pd.DataFrame, outside_county: int = 0, missing: int = 0, *,
                   compact: bool = False) -> Chart:
    """The tile-grid map of metrics.participants_by_gmina_map: one equal square per gmina, placed as the
    gminy lie, coloured by participants and labelled with name and count; the Wisła drawn along the
    tile edges. Pure plotly on hidden axes: works with no network. `outside_county` and `missing`
    (people not on the map) are named under the title.

    `compact`: the small map of the overview, in half of the page: lower, the tiles wider than tall
    (the grid is only approximate anyway), no colour bar (every tile carries its number), the title
    wrapped and only the note on the people not on the map under it."""
    title, note = _map_title_and_note(by_gmina, outside_county, missing)
    tiles = tile_layout()
    counts = {code: int(n) for code, n in zip(by_gmina["teryt"], by_gmina["participants"], strict=True)}
    hovers = dict(zip(by_gmina["teryt"], _map_hover(by_gmina), strict=True))
    top = max(1, max(counts.values(), default=0))
    columns = max(tile.column for tile in tiles) + 1
    rows = max(tile.row for tile in tiles) + 1
    z: list[list[float | None]] = [[None] * columns for _ in range(rows)]
    hover: list[list[str | None]] = [[None] * columns for _ in range(rows)]
    for tile in tiles:
        z[tile.row][tile.column] = counts.get(tile.teryt, 0)
        hover[tile.row][tile.column] = hovers.get(tile.teryt, tile.name)
    cells = _trace("heatmap",
        z=z, customdata=hover, hovertemplate="%{customdata}<extra></extra>", hoverongaps=False,
        xgap=6 if compact else 8, ygap=6 if compact else 8, colorscale=SEQUENTIAL, zmin=0, zmax=top,
        colorbar=_count_colorbar(top), showscale=not compact,
    )
    labels = _cell_labels(
        [tile.column for tile in tiles], [tile.row for tile in tiles],
        [_tile_label(tile.name, counts.get(tile.teryt, 0), compact) for tile in tiles],
        [counts.get(tile.teryt, 0) for tile in tiles], top, size=12 if compact else 13)
    river, river_name = _river()
    square = {} if compact else {"scaleanchor": "x", "scaleratio": 1}
    figure = _figure([cells, labels, river], title, 296 if compact else 620,
                     note if compact else f"{t('chart_map_tiles_note')} {note}",
                     xaxis={"visible": False, "range": [-0.6, columns - 0.4]},
                     yaxis={"visible": False, "autorange": "reversed", **square},
                     annotations=[river_name], compact=compact)
    return Chart(figure, _map_table(by_gmina), "mapa_gmin")


def _tile_label(name: str, count: int, compact: bool) -> str:
    """A tile's name (over two lines when long) and, in bold, its count under it; on the compact map's
    low tiles the count follows the second line of a two-line name ("Nowy<br>Duninów <b>3</b>")."""
    lines = _wrap(name, 9).split("<br>")
    number = f"<b>{format_int(count)}</b>"
    if compact and len(lines) > 1:
        return "<br>".join(lines[:-1] + [f"{lines[-1]} {number}"])
    return "<br>".join([*lines, number])


def _river() -> tuple[Trace, dict[str, Any]]:
    """The Wisła along the tile edges, and its name as an annotation."""
    x, y = zip(*RIVER_PATH, strict=True)
    line = _trace("scatter", x=x, y=y, mode="lines", line={"color": RIVER_COLOUR, "width": 4},
                      hoverinfo="skip", showlegend=False, name=t("chart_river"))
    start_x, start_y = RIVER_PATH[0]
    name = {"x": start_x - 0.45, "y": start_y + 0.18, "text": f"<i>{t('chart_river')}</i>",
            "showarrow": False, "font": {"size": 14, "color": OKABE_ITO["blue"]}}
    return line, name


def gmina_choropleth(by_gmina: pd.DataFrame, boundaries: dict[str, Any], outside_county: int = 0,
                     missing: int = 0, *, compact: bool = False) -> Chart:
    """The true map, from the boundary file geo.load_boundaries found: each gmina's outline filled by
    its participants. Drawn as filled outlines on hidden, equal-scaled axes rather than go.Choropleth,
    because plotly's geo subplot downloads a base map from cdn.plot.ly even when it is hidden; this
    way nothing leaves the office's network. `compact`: the small map of the overview (see
    gmina_tile_map): lower, no colour bar, the title wrapped."""
    title, note = _map_title_and_note(by_gmina, outside_county, missing)
    outlines = boundary_outlines(boundaries)
    counts = dict(zip(by_gmina["teryt"], by_gmina["participants"], strict=True))
    hovers = dict(zip(by_gmina["teryt"], _map_hover(by_gmina), strict=True))
    top = max(1, int(by_gmina["participants"].max() or 0))
    squeeze = math.cos(math.radians(outlines["label_lat"].mean()))   # equal distances east and north
    traces = []
    for outline in outlines.itertuples():
        count = int(counts.get(outline.teryt, 0))
        xs, ys = _ring_path(outline.rings, squeeze)
        traces.append(_trace("scatter",
            x=xs, y=ys, mode="lines", fill="toself", line={"color": "white", "width": 1.5},
            fillcolor=sample_colorscale(SEQUENTIAL, count / top)[0], hoveron="fills", hoverinfo="text",
            text=hovers.get(outline.teryt, outline.name), name=outline.name, showlegend=False,
        ))
    labels = _cell_labels(outlines["label_lon"] * squeeze, outlines["label_lat"],
                          [f"{name}<br><b>{format_int(counts.get(code, 0))}</b>"
                           for name, code in zip(outlines["name"], outlines["teryt"], strict=True)],
                          [counts.get(code, 0) for code in outlines["teryt"]], top)
    del labels["hoverinfo"]
    labels.update(**_hover([hovers.get(code, name) for name, code in
                                            zip(outlines["name"], outlines["teryt"], strict=True)]))
    scale = [] if compact else [_colour_bar_trace(top)]
    figure = _figure([*traces, labels, *scale], title, 360 if compact else 640, note,
                     xaxis={"visible": False}, yaxis={"visible": False, "scaleanchor": "x", "scaleratio": 1},
                     compact=compact)
    return Chart(figure, _map_table(by_gmina), "mapa_gmin")


PathCoordinates = list[float | None]   # x or y of polygon rings, None between rings


def _ring_path(rings: list[list[list[float]]], squeeze: float) -> tuple[PathCoordinates, PathCoordinates]:
    xs: PathCoordinates = []
    ys: PathCoordinates = []
    for ring in rings:
        xs += [point[0] * squeeze for point in ring] + [None]
        ys += [point[1] for point in ring] + [None]
    return xs, ys


def _colour_bar_trace(top: int) -> Trace:
    """An invisible point that only carries the colour scale's bar."""
    return _trace("scatter",
        x=[None], y=[None], mode="markers", hoverinfo="skip", showlegend=False,
        marker={"color": [0], "colorscale": SEQUENTIAL, "cmin": 0, "cmax": top, "showscale": True,
                "colorbar": _count_colorbar(top)},
    )


# -- over the meetings ---------------------------------------------------------------------------------

_ATTENDANCE_TITLE = {None: "chart_title_attendance", "sector": "chart_title_attendance_sector",
                     "group": "chart_title_attendance_group"}


def attendance_chart(by_meeting: pd.DataFrame, stack_by: Literal["sector", "group"] | None = None) -> Chart:
    """Bars of metrics.attendance_by_meeting(rows, stack_by): people at each meeting, stacked by the
    sector or group of each person (one trace per key, in its colour), the total above each bar."""
    title = t(_ATTENDANCE_TITLE[stack_by])
    table = _attendance_table(by_meeting, stack_by)
    slug = f"obecnosci_{stack_by or 'razem'}"
    if by_meeting.empty:
        return _empty(title, slug, table)
    ticks = {m: _meeting_tick(m, d) for m, d in zip(by_meeting["meeting"], by_meeting["meeting_date"],
                                                     strict=True)}
    traces = []
    series = [None] if stack_by is None else list(dict.fromkeys(by_meeting["key"]))
    for key in series:
        part = by_meeting if key is None else by_meeting[by_meeting["key"] == key]
        name = t("chart_col_attendances") if key is None else value_label(key)
        traces.append(_trace("bar",
            x=[ticks[m] for m in part["meeting"]], y=part["attendances"], name=name,
            marker={"color": SINGLE_COLOUR if key is None else colour_for(stack_by, key)},
            showlegend=key is not None,
            **_hover([t("chart_hover_meeting", meeting=meeting_label(m, d), series=name, count=format_int(n))
                      for m, d, n in zip(part["meeting"], part["meeting_date"], part["attendances"],
                                         strict=True)]),
        ))
    totals = by_meeting.groupby("meeting", sort=False)["attendances"].sum()
    labels = [{"x": ticks[meeting], "y": total, "text": f"<b>{format_int(total)}</b>", "showarrow": False,
               "yshift": 12, "font": {"size": 13}} for meeting, total in totals.items()]
    subtitle = t("chart_person_rule") if stack_by else None
    figure = _figure(traces, title, 460, subtitle, legend=stack_by is not None, xaxis={"type": "category"},
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
        return _empty(title, "nowi_i_powracajacy", table)
    ticks = [_meeting_tick(m, d) for m, d in zip(meetings["meeting"], meetings["meeting_date"], strict=True)]
    axis_top = max(1, int(meetings["attendances"].max())) * 1.1
    traces = []
    for column, name_key, colour in (("returning", "chart_returning", OKABE_ITO["blue"]),
                                     ("new_participants", "chart_new", OKABE_ITO["orange"])):
        name = t(name_key)
        traces.append(_trace("bar",
            x=ticks, y=meetings[column], name=name, marker={"color": colour},
            text=segment_labels(meetings[column], axis_top), textposition="inside",
            textangle=0, textfont={"size": 13},
            **_hover([t("chart_hover_meeting", meeting=meeting_label(m, d), series=name, count=format_int(n))
                      for m, d, n in zip(meetings["meeting"], meetings["meeting_date"], meetings[column],
                                         strict=True)]),
        ))
    figure = _figure(traces, title, 440, legend=True, xaxis={"type": "category"},
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
        t("chart_col_share"): _percent_column(shares),
        t("chart_col_retained"): counts["meetings_attended"] >= threshold,
    })
    title = t("chart_title_retention")
    if people == 0:
        return _empty(title, "utrzymanie", table)
    traces = []
    for is_retained, name_key, colour in ((False, "chart_not_retained", OKABE_ITO["sky_blue"]),
                                          (True, "chart_retained", OKABE_ITO["blue"])):
        part = counts[(counts["meetings_attended"] >= threshold) == is_retained]
        part_shares = shares[part.index]
        traces.append(_trace("bar",
            x=part["meetings_attended"], y=part["people"], name=t(name_key), marker={"color": colour},
            text=[format_int(n) for n in part["people"]], textposition="outside", cliponaxis=False,
            textfont={"size": 13},
            **_hover([t("chart_hover_retention", attended=n, of_meetings=tn("of_meetings", meetings),
                        people=format_int(p),
                        share=format_pct(s, 1))
                      for n, p, s in zip(part["meetings_attended"], part["people"], part_shares,
                                         strict=True)]),
        ))
    note = tn("chart_retention_note", retained, threshold=threshold, meetings=meetings,
              of_people=tn("of_people", people), share=format_pct(retained / people))
    figure = _figure(traces, title, 440, note, legend=True,
                     xaxis={"title": {"text": t("chart_axis_meetings_attended")}, "tickmode": "array",
                            "tickvals": list(counts["meetings_attended"]), "range": [0.4, meetings + 0.6]},
                     yaxis={"title": {"text": t("chart_axis_people")}, "tickformat": ",d",
                            "range": [0, max(1, counts["people"].max()) * 1.18]},
                     bargap=0.3)
    return Chart(figure, table, "utrzymanie")


def return_heatmap(matrix: pd.DataFrame) -> Chart:
    """Heat map of metrics.return_matrix: for the people at meeting i (row), the share also at meeting j
    (column). The diagonal (always 100%) is left blank so the colours show the returns."""
    meetings = list(matrix.index)
    labels = [t("chart_meeting", roman=roman(m)) for m in meetings]
    also_at = {t("chart_col_also_at", roman=roman(column)): _percent_column(matrix[column]).to_numpy()
               for column in meetings}
    table = pd.DataFrame({t("chart_col_at_meeting"): [roman(m) for m in meetings], **also_at})
    title = t("chart_title_return")
    if matrix.empty:
        return _empty(title, "powroty", table)
    shares = matrix.to_numpy(dtype="float64")
    off_diagonal = [(i, j) for i in range(len(meetings)) for j in range(len(meetings))
                    if i != j and not math.isnan(shares[i][j])]
    z = [[None if i == j or math.isnan(shares[i][j]) else shares[i][j] for j in range(len(meetings))]
         for i in range(len(meetings))]
    hover = [[None if i == j else t("chart_hover_return", share=format_pct(shares[i][j]), row=roman(row),
                                    column=roman(column)) for j, column in enumerate(meetings)]
             for i, row in enumerate(meetings)]
    cells = _trace("heatmap",
        z=z, x=labels, y=labels, customdata=hover, hovertemplate="%{customdata}<extra></extra>",
        hoverongaps=False, colorscale=SEQUENTIAL, zmin=0, zmax=1, xgap=2, ygap=2,
        colorbar={"tickformat": ".0%", "thickness": 14},
    )
    texts = _cell_labels([labels[j] for _, j in off_diagonal], [labels[i] for i, _ in off_diagonal],
                         [format_pct(shares[i][j]) for i, j in off_diagonal],
                         [shares[i][j] for i, j in off_diagonal], 1.0)
    figure = _figure([cells, texts], title, 160 + 56 * len(meetings),
                     xaxis={"side": "top", "showgrid": False},
                     yaxis={"autorange": "reversed", "showgrid": False})
    return Chart(figure, table, "powroty")


def sector_gmina_heatmap(table_by: pd.DataFrame) -> Chart:
    """Heat map of metrics.sector_by_gmina: distinct people per gmina (rows) and sector (columns),
    each cell labelled with its count."""
    gminy = [value_label(g) for g in table_by.index]
    sectors = [value_label(s) for s in table_by.columns]
    table = table_by.copy()
    table.columns = sectors
    table.insert(0, t("chart_col_gmina"), gminy)
    table[t("chart_col_total")] = table_by.sum(axis=1).to_numpy()
    table = table.reset_index(drop=True)
    title = t("chart_title_sector_gmina")
    if table_by.to_numpy().sum() == 0:
        return _empty(title, "sektor_gmina", table)
    values = table_by.to_numpy()
    top = max(1, int(values.max()))
    hover = [[t("chart_hover_sector_gmina", gmina=g, sector=s, count=format_int(values[i][j]))
              for j, s in enumerate(sectors)] for i, g in enumerate(gminy)]
    cells = [(i, j) for i in range(len(gminy)) for j in range(len(sectors))]
    heatmap = _trace("heatmap",
        z=values, x=sectors, y=gminy, customdata=hover, hovertemplate="%{customdata}<extra></extra>",
        colorscale=SEQUENTIAL, zmin=0, zmax=top, xgap=2, ygap=2, colorbar=_count_colorbar(top),
    )
    labels = _cell_labels([sectors[j] for _, j in cells], [gminy[i] for i, _ in cells],
                          [format_int(values[i][j]) if values[i][j] else "·" for i, j in cells],
                          [values[i][j] for i, j in cells], top)
    figure = _figure([heatmap, labels], title, 170 + 30 * len(gminy), t("chart_person_rule"),
                     # on top, the subtitle touched the labels
                     xaxis={"side": "bottom", "showgrid": False},
                     yaxis={"autorange": "reversed", "showgrid": False})
    return Chart(figure, table, "sektor_gmina")


# -- projects ------------------------------------------------------------------------------------------

def projects_status_chart(projects: pd.DataFrame, *, compact: bool = False) -> Chart:
    """Bars of projects per status (metrics.projects_table), every status in its colour and in the order
    a project moves through them; the titles in the hover. `compact`: drawn in half of the page (the
    overview): lower, the statuses' names wrapped under their bars."""
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
        return _empty(title, "projekty_status", table)
    ticks = [_wrap(label, 12) for label in labels] if compact else labels
    bars = _trace("bar",
        x=ticks, y=counts, marker={"color": [colour_for("status", s) for s in statuses]},
        text=[format_int(n) for n in counts], textposition="outside", cliponaxis=False, textfont={"size": 14},
        **_hover([t("chart_hover_status", status=label, count=format_int(n),
                    titles="<br>".join(_wrap(x, 50) for x in titles[s]))
                  for s, label, n in zip(statuses, labels, counts, strict=True)]),
    )
    figure = _figure([bars], title, 270 if compact else 380, xaxis={"type": "category"},
                     yaxis={"title": {"text": t("chart_axis_projects")}, "tickformat": ",d", "dtick": 1,
                            "range": [0, max(counts) * 1.25 + 0.5]}, compact=compact)
    return Chart(figure, table, "projekty_status")


_MEASURES = (
    ("participants_planned", "participants_reached", "participants_ratio", "chart_subplot_participants"),
    ("jobs_planned", "jobs_created", "jobs_ratio", "chart_subplot_jobs"),
)


def planned_vs_reached_chart(projects: pd.DataFrame) -> Chart:
    """Per project (metrics.projects_table), side by side: participants planned and reached, jobs
    planned and created. Plan grey, achievement dark blue; the share of plan in the hover.

    Draws what the register holds: a measure with neither plan nor achievement in any project is left
    out, a plan no project gives is not drawn (the subtitle says so), and with no figure at all the
    chart says that instead of drawing empty axes. A project without a figure gets no bar, not a 0."""
    table = _planned_table(projects)
    title = t("chart_title_planned_reached")
    if projects.empty:
        return _empty(title, "plan_wykonanie", table)
    figures = {column: pd.to_numeric(projects[column], errors="coerce").astype("float64")
               for measure in _MEASURES for column in measure[:2]}
    shown = [(measure, [c for c in measure[:2] if figures[c].notna().any()]) for measure in _MEASURES]
    shown = [(measure, series) for measure, series in shown if series]
    if not shown:
        return _empty(title, "plan_wykonanie", table, t("chart_no_project_figures"))
    labels = [_wrap(x) for x in projects["title"]]
    traces, x_axes, in_legend = [], [], set()
    for panel, ((planned, reached, ratio, measure), series) in enumerate(shown, start=1):
        suffix = "" if panel == 1 else str(panel)
        hovers = _hover([t("chart_hover_planned_reached", title=title_, measure=t(measure),
                           planned=format_int(p), reached=format_int(r), ratio=format_pct(q))
                         for title_, p, r, q in zip(projects["title"], figures[planned], figures[reached],
                                                    projects[ratio], strict=True)])
        for source in series:
            name_key, colour = (("chart_planned", GREY) if source == planned
                                else ("chart_reached", OKABE_ITO["blue"]))
            values = figures[source]
            traces.append(_trace("bar",
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
    figure = _figure(
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
        t("chart_col_participants_ratio"): _percent_column(projects["participants_ratio"]),
        t("chart_col_jobs_planned"): projects["jobs_planned"],
        t("chart_col_jobs_created"): projects["jobs_created"],
        t("chart_col_jobs_ratio"): _percent_column(projects["jobs_ratio"]),
        t("chart_col_enterprises"): projects["enterprises_created"],
    })


def projects_timeline(projects: pd.DataFrame, today: dt.date) -> Chart:
    """Gantt-style bars from start to end date of each project (metrics.projects_table), one colour per
    status. The axis spans the projects' dates, each year labelled; `today` is a vertical line when it
    falls inside them, else a note at the edge it lies beyond ("dziś, 5 maja 2026 →"), so a register
    of 2018–2019 is not squeezed into a corner of the years up to today. Projects without dates keep
    their row, marked "brak dat"."""
    table = projects_display_table(projects)
    title = t("chart_title_projects_timeline")
    if projects.empty:
        return _empty(title, "harmonogram_projektow", table)
    labels = [_wrap(x) for x in projects["title"]]
    starts = pd.to_datetime(projects["start_date"])
    ends = pd.to_datetime(projects["end_date"])
    dated = starts.notna() & ends.notna()
    traces = []
    for status in dict.fromkeys(projects["status"]):
        part = projects.index[(projects["status"] == status) & dated]
        if len(part) == 0:
            continue
        traces.append(_trace("bar",
            base=[s.strftime("%Y-%m-%d") for s in starts[part]],
            x=[(ends[i] - starts[i]).total_seconds() * 1000 + 86_400_000 for i in part],
            y=[labels[i] for i in part], orientation="h", name=value_label(status),
            marker={"color": colour_for("status", status)},
            **_hover([_project_hover(projects.loc[i]) for i in part]),
        ))
    span_start, span_end = _timeline_span(starts, ends, today)
    traces += _undated_marks(projects, labels, dated, span_start)
    axis_start, axis_end = span_start - pd.Timedelta(days=45), span_end + pd.Timedelta(days=45)
    tickvals, ticktext = _month_ticks(axis_start, axis_end)
    shapes, annotations = _today_mark(today, axis_start, axis_end)
    figure = _figure(
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
    return [_trace("scatter",
        x=[at.strftime("%Y-%m-%d")] * len(undated), y=[labels[i] for i in undated], mode="text",
        text=[t("chart_no_dates")] * len(undated),
        textposition="middle right", textfont={"size": 13, "color": "#555555"}, showlegend=False,
        **_hover([_project_hover(projects.loc[i]) for i in undated]),
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
        return _empty(t("chart_title_programme_empty"), "cykl_spotkan", table)
    title = t("chart_title_programme", count=len(meetings), first=format_date(dated["meeting_date"].min()),
              last=format_date(dated["meeting_date"].max()))
    hovers = [t("chart_hover_programme", meeting=t("chart_meeting", roman=roman(m)), date=format_date(d),
                count=format_int(n), new=format_int(k))
              + (f"<br><i>{t('chart_illustrative')}</i>" if m in illustrative else "")
              for m, d, n, k in zip(dated["meeting"], dated["meeting_date"], dated["attendances"],
                                    dated["new_participants"], strict=True)]
    days = [d.strftime("%Y-%m-%d") for d in dated["meeting_date"]]
    bars = _trace("bar",
        x=days, y=dated["attendances"], marker={"color": SINGLE_COLOUR},
        text=[f"<b>{format_int(n)}</b>" for n in dated["attendances"]], textposition="outside",
        cliponaxis=False, textfont={"size": 14}, showlegend=False, **_hover(hovers),
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
    figure = _figure([bars], title, 270, " ".join(notes) or None, compact=True,
                     xaxis={"type": "category", "tickmode": "array", "tickvals": days, "ticktext": ticks},
                     yaxis={"title": {"text": t("chart_axis_present")}, "tickformat": ",d",
                            "range": [0, top * 1.2]},
                     bargap=0.35)
    return Chart(figure, table, "cykl_spotkan")


# -- tables without a chart ----------------------------------------------------------------------------

def projects_display_table(projects: pd.DataFrame) -> pd.DataFrame:
    """metrics.projects_table with Polish headers and dates and money written out, for the projects list."""
    return pd.DataFrame({
        t("chart_col_title"): projects["title"],
        t("chart_col_status"): [value_label(s) for s in projects["status"]],
        t("chart_col_leader"): projects["leader"],
        t("chart_col_start"): projects["start_date"].map(format_date),
        t("chart_col_end"): projects["end_date"].map(format_date),
        t("chart_col_budget"): projects["budget"],
        t("chart_col_participants_planned"): projects["participants_planned"],
        t("chart_col_participants_reached"): projects["participants_reached"],
        t("chart_col_jobs_planned"): projects["jobs_planned"],
        t("chart_col_jobs_created"): projects["jobs_created"],
        t("chart_col_enterprises"): projects["enterprises_created"],
        t("chart_col_gminy"): projects["gminy"],
        t("chart_col_last_update"): projects["last_update"].map(format_date),
    })


def status_history_table(history: pd.DataFrame) -> pd.DataFrame:
    """metrics.status_history with Polish headers, newest change first."""
    newest_first = history.sort_values(["created_at", "version"], ascending=False, kind="stable")
    return pd.DataFrame({
        t("chart_col_title"): newest_first["title"],
        t("chart_col_status"): [value_label(s) for s in newest_first["status"]],
        t("chart_col_previous_status"): [t("chart_first_appearance") if is_missing(s) else value_label(s)
                                         for s in newest_first["previous_status"]],
        t("chart_col_changed_at"): newest_first["created_at"].map(format_datetime),
        t("chart_col_version"): newest_first["version"],
    }).reset_index(drop=True)


def participant_list_table(people: pd.DataFrame) -> pd.DataFrame:
    """metrics.participant_list with Polish headers (personal data: staff pages only)."""
    return pd.DataFrame({
        t("chart_col_name"): people["name"],
        t("chart_col_institution"): people["institution"],
        t("chart_col_gmina"): people["gmina"],
        t("chart_col_sector"): [value_label(s) for s in people["sector"]],
        t("chart_col_group"): [value_label(g) for g in people["group"]],
        t("chart_col_meetings"): people["meetings"],
        t("chart_col_count"): people["count"],
    })
