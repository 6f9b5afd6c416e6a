"""Every colour the dashboard and its reports use, and the contrast of text on them. No plotly here:
the Excel and PDF reports take their colours from this module too.

Colours are fixed per sector, group and status (Okabe–Ito, safe for colour-blind readers), so a value
has the same colour on every chart, table and report.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Literal

from analytics.vocabulary import MISSING, OTHER, OUTSIDE_COUNTY, vocabulary

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


def relative_luminance(colour: str) -> float:
    """WCAG's relative luminance of "#rrggbb" or "rgb(r, g, b)" (0 black … 1 white)."""
    if colour.startswith("#"):
        channels = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    else:
        channels = [int(float(c)) for c in colour[colour.index("(") + 1:colour.index(")")].split(",")[:3]]
    linear = [c / 255 / 12.92 if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def text_colour_on(background: str) -> str:
    """Black or white, whichever contrasts more with a #RRGGBB background (the status cells of the
    projects table)."""
    luminance = relative_luminance(background)
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#FFFFFF"


def label_colour_on(fill: str) -> str:
    """Near-black or white, whichever contrasts more with `fill` ("#rrggbb" or "rgb(r, g, b)"): the
    labels over heat-map cells and map tiles."""
    luminance = relative_luminance(fill)
    dark = 0.0103   # luminance of #1A1A1A
    return "#1A1A1A" if (luminance + 0.05) / (dark + 0.05) >= 1.05 / (luminance + 0.05) else "#FFFFFF"


@lru_cache(maxsize=1)
def favicon() -> Any:
    """A small icon drawn in code (a blue square, white "PL"), so the browser fetches nothing outside."""
    from PIL import Image, ImageDraw

    icon = Image.new("RGB", (32, 32), "#0B4F8A")
    ImageDraw.Draw(icon).text((7, 10), "PL", fill="#FFFFFF")
    return icon

# issue 12 (programmes): one colour per programme on the comparison's lines, earliest first (Okabe–Ito,
# in an order that keeps neighbours apart); the sectors, groups and statuses keep their own colours.
PROGRAMME_COLOURS = [OKABE_ITO["sky_blue"], OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["bluish_green"],
                     OKABE_ITO["vermillion"], OKABE_ITO["reddish_purple"], OKABE_ITO["black"]]


def programme_colour(position: int) -> str:
    """The colour of the programme at `position` (0: the earliest compared)."""
    return PROGRAMME_COLOURS[position % len(PROGRAMME_COLOURS)]
