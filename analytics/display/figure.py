"""What every chart shares: the Chart (a figure and its numbers as a table), the figure built in one
go with the dashboard's look, and the small helpers the chart modules use (traces, hover texts,
labels, ticks, an empty or failed chart).

Hover texts, labels and dates are formatted in Python, so the browser only displays them. Nothing is
fetched: no map tiles, no topojson, no fonts.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.colors import sample_colorscale

from analytics.catalogue import t
from analytics.display.palette import SEQUENTIAL, label_colour_on
from analytics.formatting import NBSP, format_date, format_month_short, is_missing, roman

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


# Plotly checks every property of a figure against its schema while building it, which costs three
# to five times the building itself. The dashboard's figures are built unchecked; test_charts builds
# every chart both ways and requires the same JSON, so a misspelt property still fails there.
VALIDATE = False
# The "none" template as a checked figure writes it out (an unchecked one would keep the bare name).
NO_TEMPLATE: dict[str, Any] = pio.templates["none"].to_plotly_json()
Trace = dict[str, Any]   # a trace as plotly's dict: {"type": "bar", "x": …}


def trace(kind: str, **properties: Any) -> Trace:
    """A trace of type `kind`, with pandas columns as numpy arrays (as a checked figure holds them)."""
    return {"type": kind, **{name: value.to_numpy() if isinstance(value, pd.Series | pd.Index) else value
                             for name, value in properties.items()}}


AXIS_STYLE: dict[str, Any] = {"tickfont": TICK_FONT, "automargin": True, "gridcolor": "#E8E8E8",
                              "zerolinecolor": "#D0D0D0", "linecolor": "#D0D0D0"}


def build_figure(traces: Sequence[Any], title: str, height: int, subtitle: str | None = None,
                 legend: bool = False, *, xaxis: dict[str, Any] | None = None,
                 yaxis: dict[str, Any] | None = None,
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


def count_colorbar(top: int) -> dict[str, Any]:
    """A colour bar for counts: whole-number ticks only."""
    step = 1
    while top / step > 8:
        step = step * 5 // 2 if str(step).startswith("2") else step * 2
    return {"title": {"text": t("chart_col_participants")}, "tickformat": ",d", "dtick": step,
            "thickness": 14}


def cell_labels(x: Sequence[Any], y: Sequence[Any], texts: Sequence[str], values: Sequence[float],
                top: float, size: int = 13) -> Trace:
    """Labels over heat-map cells, each dark or white by its cell's colour (plotly's own automatic
    choice leaves some mid-blue cells below the 4.5:1 contrast WCAG asks for)."""
    fills = sample_colorscale(SEQUENTIAL, [min(1.0, max(0.0, v / top)) if top else 0.0 for v in values])
    return trace("scatter", x=list(x), y=list(y), mode="text", text=list(texts), hoverinfo="skip",
                     textfont={"size": size, "color": [label_colour_on(f) for f in fills]}, showlegend=False)


def preformatted_hover(texts: Sequence[str]) -> dict[str, Any]:
    """Preformatted hover texts, one per point (plotly would format numbers the English way)."""
    return {"customdata": [[text] for text in texts], "hovertemplate": "%{customdata[0]}<extra></extra>"}


def empty_chart(title: str, slug: str, table: pd.DataFrame, message: str | None = None) -> Chart:
    """A chart with nothing to draw: its title and, in place of the plot, `message` (by default: no
    data for the chosen filters)."""
    note = {"text": message or t("chart_no_data"), "showarrow": False, "x": 0.5, "y": 0.5, "xref": "paper",
            "yref": "paper", "font": {"size": 15}}
    figure = build_figure([], title, 260, xaxis={"visible": False}, yaxis={"visible": False},
                          annotations=[note])
    return Chart(figure, table, slug)


def failed_chart(slug: str) -> Chart:
    """Stands in for a chart whose building raised: the failure sentence on empty axes, no numbers."""
    return replace(empty_chart("", slug, pd.DataFrame(), t("chart_failed")), failed=True)


def wrap_text(text: Any, width: int = 34) -> str:
    """Long project titles over several lines of an axis label."""
    return "<br>".join(textwrap.wrap(str(text), width, break_long_words=False)) or str(text)


# A compact chart takes half of the overview's width (about 460 px at 1400 px with the sidebar open):
# its title and subtitle wrap at these many characters instead of running off the figure's edge.
COMPACT_TITLE_CHARS = 52
COMPACT_SUBTITLE_CHARS = 66


def _compact_texts(title: str, subtitle: str | None) -> tuple[str, str | None]:
    """A title and a subtitle wrapped to a compact chart's width (build_figure makes room for the lines)."""
    return (wrap_text(title, COMPACT_TITLE_CHARS),
            wrap_text(subtitle, COMPACT_SUBTITLE_CHARS) if subtitle else subtitle)


def percent_column(shares: pd.Series) -> pd.Series:
    return (pd.to_numeric(shares, errors="coerce") * 100).round(1)


def meeting_tick(number: Any, date: Any) -> str:
    if is_missing(date):
        return roman(number)
    return t("chart_meeting_tick", roman=roman(number), date=format_date(date))


def month_ticks(start: pd.Timestamp, end: pd.Timestamp, most: int = 10) -> tuple[list[str], list[str]]:
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
