"""Who took part: participants by sector, group and gmina (bars), the gminy on a map (a tile grid, or
the true outlines from a boundary file), and sector × gmina as a heat map.

Every chart function takes a metrics table and returns a Chart: the figure, and the table shown under
it as its text alternative (Polish headers, one row per bar or cell) and offered for download.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
from plotly.colors import sample_colorscale

from analytics.catalogue import t
from analytics.display.figure import (
    Chart,
    Trace,
    build_figure,
    cell_labels,
    count_colorbar,
    empty_chart,
    percent_column,
    preformatted_hover,
    trace,
    wrap_text,
)
from analytics.display.geo import RIVER_PATH, boundary_outlines, tile_layout
from analytics.display.palette import (
    EXTRA_COLOURS,
    OKABE_ITO,
    RIVER_COLOUR,
    SEQUENTIAL,
    SINGLE_COLOUR,
    colour_for,
)
from analytics.formatting import format_int, format_pct, value_label
from analytics.metrics import Dimension, gmina_order

_BY_TITLE = {"sector": "chart_title_by_sector", "group": "chart_title_by_group",
             "gmina": "chart_title_by_gmina"}
_KEY_COLUMN = {"sector": "chart_col_sector", "group": "chart_col_group", "gmina": "chart_col_gmina"}


def participants_chart(by: pd.DataFrame, dimension: Dimension, *, compact: bool = False) -> Chart:
    """Horizontal bars of metrics.participants_by(rows, dimension), labelled "26 (37%)". Sectors and
    groups in vocabulary order, in their colours; gminy from most participants down, extras last.
    `compact`: drawn in half of the page (the overview), its title and subtitle wrapped."""
    frame = gmina_order(by) if dimension == "gmina" else by.reset_index(drop=True)
    total = int(frame["participants"].sum())
    title = t(_BY_TITLE[dimension], total=format_int(total))
    table = pd.DataFrame({
        t(_KEY_COLUMN[dimension]): [value_label(k) for k in frame["key"]],
        t("chart_col_participants"): frame["participants"].astype("int64"),
        t("chart_col_share"): percent_column(frame["share"]),
    })
    slug = f"uczestnicy_{dimension}"
    if total == 0:
        return empty_chart(title, slug, table)
    labels = [value_label(k) for k in frame["key"]]
    bars = trace("bar",
        x=frame["participants"], y=labels, orientation="h",
        marker={"color": [_bar_colour(dimension, k) for k in frame["key"]]},
        text=[f"{format_int(n)} ({format_pct(s)})" for n, s in zip(frame["participants"], frame["share"],
                                                                     strict=True)],
        textposition="outside", cliponaxis=False, textfont={"size": 13},
        **preformatted_hover([t("chart_hover_share", name=label, count=format_int(n), share=format_pct(s, 1))
                              for label, n, s in zip(labels, frame["participants"], frame["share"],
                                                     strict=True)]),
    )
    # compact: thinner bars and no axis title (every bar carries its number)
    axis_title = {} if compact else {"title": {"text": t("chart_axis_participants")}}
    height = (100 + 28 * len(frame)) if compact else (140 + 34 * len(frame))
    figure = build_figure(
        [bars], title, height, t("chart_person_rule"),
        xaxis={**axis_title, "tickformat": ",d", "range": [0, frame["participants"].max() * 1.25]},
        yaxis={"autorange": "reversed", "categoryorder": "array", "categoryarray": labels, "showgrid": False},
        compact=compact)
    return Chart(figure, table, slug)


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
    cells = trace("heatmap",
        z=z, customdata=hover, hovertemplate="%{customdata}<extra></extra>", hoverongaps=False,
        xgap=6 if compact else 8, ygap=6 if compact else 8, colorscale=SEQUENTIAL, zmin=0, zmax=top,
        colorbar=count_colorbar(top), showscale=not compact,
    )
    labels = cell_labels(
        [tile.column for tile in tiles], [tile.row for tile in tiles],
        [_tile_label(tile.name, counts.get(tile.teryt, 0), compact) for tile in tiles],
        [counts.get(tile.teryt, 0) for tile in tiles], top, size=12 if compact else 13)
    river, river_name = _river()
    square = {} if compact else {"scaleanchor": "x", "scaleratio": 1}
    figure = build_figure([cells, labels, river], title, 296 if compact else 620,
                          note if compact else f"{t('chart_map_tiles_note')} {note}",
                          xaxis={"visible": False, "range": [-0.6, columns - 0.4]},
                          yaxis={"visible": False, "autorange": "reversed", **square},
                          annotations=[river_name], compact=compact)
    return Chart(figure, _map_table(by_gmina), "mapa_gmin")


def _tile_label(name: str, count: int, compact: bool) -> str:
    """A tile's name (over two lines when long) and, in bold, its count under it; on the compact map's
    low tiles the count follows the second line of a two-line name ("Nowy<br>Duninów <b>3</b>")."""
    lines = wrap_text(name, 9).split("<br>")
    number = f"<b>{format_int(count)}</b>"
    if compact and len(lines) > 1:
        return "<br>".join(lines[:-1] + [f"{lines[-1]} {number}"])
    return "<br>".join([*lines, number])


def _river() -> tuple[Trace, dict[str, Any]]:
    """The Wisła along the tile edges, and its name as an annotation."""
    x, y = zip(*RIVER_PATH, strict=True)
    line = trace("scatter", x=x, y=y, mode="lines", line={"color": RIVER_COLOUR, "width": 4},
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
        traces.append(trace("scatter",
            x=xs, y=ys, mode="lines", fill="toself", line={"color": "white", "width": 1.5},
            fillcolor=sample_colorscale(SEQUENTIAL, count / top)[0], hoveron="fills", hoverinfo="text",
            text=hovers.get(outline.teryt, outline.name), name=outline.name, showlegend=False,
        ))
    labels = cell_labels(outlines["label_lon"] * squeeze, outlines["label_lat"],
                         [f"{name}<br><b>{format_int(counts.get(code, 0))}</b>"
                          for name, code in zip(outlines["name"], outlines["teryt"], strict=True)],
                         [counts.get(code, 0) for code in outlines["teryt"]], top)
    del labels["hoverinfo"]
    labels.update(**preformatted_hover([hovers.get(code, name) for name, code in
                                        zip(outlines["name"], outlines["teryt"], strict=True)]))
    scale = [] if compact else [_colour_bar_trace(top)]
    figure = build_figure([*traces, labels, *scale], title, 360 if compact else 640, note,
                          xaxis={"visible": False},
                          yaxis={"visible": False, "scaleanchor": "x", "scaleratio": 1},
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
    return trace("scatter",
        x=[None], y=[None], mode="markers", hoverinfo="skip", showlegend=False,
        marker={"color": [0], "colorscale": SEQUENTIAL, "cmin": 0, "cmax": top, "showscale": True,
                "colorbar": count_colorbar(top)},
    )


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
        return empty_chart(title, "sektor_gmina", table)
    values = table_by.to_numpy()
    top = max(1, int(values.max()))
    hover = [[t("chart_hover_sector_gmina", gmina=g, sector=s, count=format_int(values[i][j]))
              for j, s in enumerate(sectors)] for i, g in enumerate(gminy)]
    cells = [(i, j) for i in range(len(gminy)) for j in range(len(sectors))]
    heatmap = trace("heatmap",
        z=values, x=sectors, y=gminy, customdata=hover, hovertemplate="%{customdata}<extra></extra>",
        colorscale=SEQUENTIAL, zmin=0, zmax=top, xgap=2, ygap=2, colorbar=count_colorbar(top),
    )
    labels = cell_labels([sectors[j] for _, j in cells], [gminy[i] for i, _ in cells],
                         [format_int(values[i][j]) if values[i][j] else "·" for i, j in cells],
                         [values[i][j] for i, j in cells], top)
    figure = build_figure([heatmap, labels], title, 170 + 30 * len(gminy), t("chart_person_rule"),
                          # on top, the subtitle touched the labels
                          xaxis={"side": "bottom", "showgrid": False},
                          yaxis={"autorange": "reversed", "showgrid": False})
    return Chart(figure, table, "sektor_gmina")
