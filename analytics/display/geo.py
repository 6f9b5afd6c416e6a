"""Where the 16 gminy lie: the tile grid drawn by default, and gmina boundaries an administrator may add.

Everything here works offline: the tile grid is fixed data, and boundaries are read from a file
under data/geo/, never fetched.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analytics.config import DATA_DIR
from analytics.vocabulary import vocabulary

GEO_DIR = DATA_DIR / "geo"
# A whole-country PRG export is several hundred MB; a county extract is a few MB.
MAX_BOUNDARY_FILE_BYTES = 200 * 1024 * 1024

# One equal tile per gmina, (column, row): column grows eastwards, row southwards. Placed after the
# gminy's seats and neighbours (Wikipedia / PRG, checked by hand; a tile grid is only approximate):
# the Wisła runs from Wyszogród in the south-east to Brudzeń Duży / Nowy Duninów in the north-west;
# north of it Bielsk, Drobin, Stara Biała, Radzanowo, Staroźreby, Płock, Słupno, Bulkowo, Mała Wieś,
# Bodzanów and Wyszogród; south of it Nowy Duninów, Łąck, Gąbin and Słubice.
TILE_POSITIONS: dict[str, tuple[int, int]] = {
    "141901": (2, 0),   # Bielsk
    "141905": (3, 0),   # Drobin
    "141903": (0, 1),   # Brudzeń Duży
    "141913": (1, 1),   # Stara Biała
    "141910": (2, 1),   # Radzanowo
    "141914": (3, 1),   # Staroźreby
    "141909": (0, 2),   # Nowy Duninów
    "146201": (1, 2),   # Płock
    "141912": (2, 2),   # Słupno
    "141904": (3, 2),   # Bulkowo
    "141908": (4, 2),   # Mała Wieś
    "141907": (1, 3),   # Łąck
    "141906": (2, 3),   # Gąbin
    "141902": (3, 3),   # Bodzanów
    "141915": (4, 3),   # Wyszogród
    "141911": (3, 4),   # Słubice
}
# The Wisła along the tile edges, from the south-east (upstream) to the north-west: south of
# Wyszogród and Bodzanów, between Gąbin and Bodzanów, south of Słupno and Płock, between Płock and
# Nowy Duninów, between Brudzeń Duży and Nowy Duninów.
RIVER_PATH: list[tuple[float, float]] = [
    (4.5, 3.5), (2.5, 3.5), (2.5, 2.5), (0.5, 2.5), (0.5, 1.5), (-0.5, 1.5),
]

CODE_PROPERTIES = ("jpt_kod_je", "teryt", "kod")
_CODE = re.compile(r"^\d{6,7}$")


@dataclass(frozen=True)
class Tile:
    teryt: str
    name: str
    column: int
    row: int


def tile_layout() -> list[Tile]:
    """The 16 gminy with their tile positions, in vocabulary order."""
    return [Tile(g.teryt, g.name, *TILE_POSITIONS[g.teryt]) for g in vocabulary().gminy
            if g.teryt in TILE_POSITIONS]


# -- boundaries --------------------------------------------------------------------------------------

def load_boundaries(directory: Path | str = GEO_DIR) -> dict[str, Any] | None:
    """The gminy of the county from the first GeoJSON file under `directory` that has any, as a
    FeatureCollection in longitude/latitude: each feature's `id` and properties.teryt the 6-digit
    TERYT code, properties.name the canonical name. The code is read from a property named
    JPT_KOD_JE, teryt or kod (any case; 6 or 7 digits, as PRG writes them). Coordinates in
    EPSG:2180 (PUWG 1992, how PRG is published) are converted. None when no usable file is there."""
    directory = Path(directory)
    if not directory.is_dir():
        return None
    for path in sorted([*directory.glob("*.geojson"), *directory.glob("*.json")]):
        collection = _read_collection(path)
        if collection is not None:
            return collection
    return None


def _read_collection(path: Path) -> dict[str, Any] | None:
    if path.stat().st_size > MAX_BOUNDARY_FILE_BYTES:
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    features = raw.get("features") if isinstance(raw, dict) else None
    if not isinstance(features, list):
        return None
    names = {g.teryt: g.name for g in vocabulary().gminy}
    kept = []
    for feature in features:
        code = _feature_code(feature)
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if code in names and geometry and geometry.get("type") in ("Polygon", "MultiPolygon"):
            kept.append({"type": "Feature", "id": code, "properties": {"teryt": code, "name": names[code]},
                         "geometry": geometry})
    if not kept:
        return None
    return _in_degrees({"type": "FeatureCollection", "features": kept})


def _feature_code(feature: Any) -> str | None:
    properties = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(properties, dict):
        return None
    for name, value in properties.items():
        if str(name).lower() in CODE_PROPERTIES and value is not None:
            text = str(value).strip().split(".")[0]
            if _CODE.match(text):
                return text[:6]
    return None


def polygons(geometry: dict[str, Any]) -> list[list[list[float]]]:
    """The polygons of a Polygon or MultiPolygon, each a list of rings (exterior first)."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return list(geometry["coordinates"])


def _in_degrees(collection: dict[str, Any]) -> dict[str, Any] | None:
    """Rings rounded to ~10 m with repeated points dropped, in lon/lat. Coordinates in metres are
    taken as EPSG:2180 in GeoJSON's (easting, northing) order, as GDAL and QGIS write them."""
    sample = np.array(polygons(collection["features"][0]["geometry"])[0][0], dtype="float64")
    projected = bool(np.abs(sample).max() > 360)
    for feature in collection["features"]:
        converted = [[_ring_in_degrees(ring, projected) for ring in polygon]
                     for polygon in polygons(feature["geometry"])]
        feature["geometry"] = {"type": "MultiPolygon", "coordinates": converted}
    first = np.array(collection["features"][0]["geometry"]["coordinates"][0][0])
    return collection if _looks_like_poland(first[:, 0], first[:, 1]) else None


def _ring_in_degrees(ring: list[list[float]], projected: bool) -> list[list[float]]:
    points = np.array([p[:2] for p in ring], dtype="float64")
    if projected:
        points = np.column_stack(puwg92_to_lonlat(points[:, 0], points[:, 1]))
    points = np.round(points, 4)
    keep = np.ones(len(points), dtype=bool)
    keep[1:] = np.any(np.diff(points, axis=0) != 0, axis=1)
    return points[keep].tolist()


def _looks_like_poland(lon: np.ndarray, lat: np.ndarray) -> bool:
    return bool(np.all((lon > 13.5) & (lon < 24.5) & (lat > 48.5) & (lat < 55.5)))


# EPSG:2180 (PUWG 1992): transverse Mercator on GRS80, central meridian 19°E, scale 0.9993,
# false easting 500 000 m, false northing -5 300 000 m. Inverse series after Snyder (1987), p. 63;
# millimetre-accurate across Poland, which is all a map of one county needs.
_A = 6378137.0
_F = 1 / 298.257222101
_E2 = _F * (2 - _F)
_EP2 = _E2 / (1 - _E2)
_K0, _LON0, _FE, _FN = 0.9993, math.radians(19.0), 500000.0, -5300000.0


def puwg92_to_lonlat(easting: np.ndarray, northing: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """EPSG:2180 metres to longitude/latitude degrees (GRS80 ≈ WGS84 at map scale)."""
    m = (np.asarray(northing, dtype="float64") - _FN) / _K0
    mu = m / (_A * (1 - _E2 / 4 - 3 * _E2**2 / 64 - 5 * _E2**3 / 256))
    e1 = (1 - math.sqrt(1 - _E2)) / (1 + math.sqrt(1 - _E2))
    phi1 = (mu + (3 * e1 / 2 - 27 * e1**3 / 32) * np.sin(2 * mu)
            + (21 * e1**2 / 16 - 55 * e1**4 / 32) * np.sin(4 * mu)
            + (151 * e1**3 / 96) * np.sin(6 * mu) + (1097 * e1**4 / 512) * np.sin(8 * mu))
    sin1, cos1, tan1 = np.sin(phi1), np.cos(phi1), np.tan(phi1)
    c1, t1 = _EP2 * cos1**2, tan1**2
    n1 = _A / np.sqrt(1 - _E2 * sin1**2)
    r1 = _A * (1 - _E2) / (1 - _E2 * sin1**2) ** 1.5
    d = (np.asarray(easting, dtype="float64") - _FE) / (n1 * _K0)
    lat = phi1 - (n1 * tan1 / r1) * (
        d**2 / 2 - (5 + 3 * t1 + 10 * c1 - 4 * c1**2 - 9 * _EP2) * d**4 / 24
        + (61 + 90 * t1 + 298 * c1 + 45 * t1**2 - 252 * _EP2 - 3 * c1**2) * d**6 / 720)
    lon = _LON0 + (d - (1 + 2 * t1 + c1) * d**3 / 6
                   + (5 - 2 * c1 + 28 * t1 - 3 * c1**2 + 8 * _EP2 + 24 * t1**2) * d**5 / 120) / cos1
    return np.degrees(lon), np.degrees(lat)


def boundary_outlines(collection: dict[str, Any]) -> pd.DataFrame:
    """[teryt, name, rings, label_lon, label_lat]: each gmina's exterior rings (lists of (lon, lat)),
    largest gmina first (so one drawn inside another stays visible), and a point to put its label on."""
    records = []
    for feature in collection["features"]:
        rings = [polygon[0] for polygon in polygons(feature["geometry"])]
        largest = max(rings, key=_ring_area)
        lon, lat = _centroid(largest)
        records.append({"teryt": feature["properties"]["teryt"], "name": feature["properties"]["name"],
                        "rings": rings, "label_lon": lon, "label_lat": lat,
                        "_area": sum(_ring_area(r) for r in rings)})
    frame = pd.DataFrame(records).sort_values("_area", ascending=False, kind="stable")
    return frame.drop(columns="_area").reset_index(drop=True)


def _ring_area(ring: list[list[float]]) -> float:
    x, y = np.asarray(ring, dtype="float64").T
    return abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))) / 2


def _centroid(ring: list[list[float]]) -> tuple[float, float]:
    x, y = np.asarray(ring, dtype="float64").T
    cross = x * np.roll(y, -1) - np.roll(x, -1) * y
    area = cross.sum() / 2
    if abs(area) < 1e-12:
        return float(x.mean()), float(y.mean())
    return (float(((x + np.roll(x, -1)) * cross).sum() / (6 * area)),
            float(((y + np.roll(y, -1)) * cross).sum() / (6 * area)))
