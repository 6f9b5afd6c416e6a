"""The dashboard's charts: every chart a Figure with the expected traces and points, its numbers as a
table with Polish headers, Polish formatting, fixed colours, and nothing fetched from the network."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest
from builders import check_table
from test_metrics import FOUR_MEETINGS, attendance_frame, project_frame

from analytics import formatting, metrics, project_metrics
from analytics.catalogue import language
from analytics.display import figure as display_figure
from analytics.display import geo, palette
from analytics.display.meetings import (
    attendance_chart,
    new_and_returning_chart,
    programme_timeline,
    retention_chart,
    return_heatmap,
    segment_labels,
)
from analytics.display.participation import (
    gmina_choropleth,
    gmina_tile_map,
    participants_chart,
    sector_gmina_heatmap,
)
from analytics.display.projects import planned_vs_reached_chart, projects_status_chart, projects_timeline
from analytics.display.tables import projects_display_table, status_history_table
from analytics.reading.pipeline import check_file
from analytics.vocabulary import MISSING, vocabulary

DEMO = Path(__file__).resolve().parent.parent / "data" / "demo"
TODAY = dt.date(2019, 7, 1)


@pytest.fixture(scope="module")
def demo() -> tuple[pd.DataFrame, pd.DataFrame]:
    return (check_file(DEMO / "lista_obecnosci_2017.xlsx").accepted,
            check_file(DEMO / "projekty_2017.xlsx").accepted)


@pytest.fixture
def four_meetings() -> pd.DataFrame:
    return attendance_frame(FOUR_MEETINGS)


@pytest.fixture
def projects() -> pd.DataFrame:
    return project_metrics.projects_table(project_frame([
        {"title": "Dowozik – dowiozę Cię tam gdzie chcesz", "status": "w realizacji",
         "participants_planned": 40, "participants_reached": 12},
        {"title": "Skarby Powiatu Płockiego", "status": "zrealizowany",
         "start_date": pd.Timestamp("2018-04-01"), "end_date": pd.Timestamp("2019-03-31")},
        {"title": "Płockie PL.", "status": "pomysł", "start_date": pd.NaT, "end_date": pd.NaT},
    ]))


def every_chart(attendance: pd.DataFrame, projects: pd.DataFrame) -> dict[str, display_figure.Chart]:
    table = project_metrics.projects_table(projects) if "participants_ratio" not in projects else projects
    return {
        "sector": participants_chart(metrics.participants_by(attendance, "sector"), "sector"),
        "group": participants_chart(metrics.participants_by(attendance, "group"), "group"),
        "gmina": participants_chart(metrics.participants_by(attendance, "gmina"), "gmina"),
        "tiles": gmina_tile_map(metrics.participants_by_gmina_map(attendance)),
        "attendance": attendance_chart(metrics.attendance_by_meeting(attendance)),
        "by_sector": attendance_chart(metrics.attendance_by_meeting(attendance, "sector"), "sector"),
        "by_group": attendance_chart(metrics.attendance_by_meeting(attendance, "group"), "group"),
        "new": new_and_returning_chart(metrics.meetings_table(attendance)),
        "retention": retention_chart(metrics.retention_counts(attendance)),
        "returns": return_heatmap(metrics.return_matrix(attendance)),
        "sector_gmina": sector_gmina_heatmap(metrics.sector_by_gmina(attendance)),
        "status": projects_status_chart(table),
        "planned": planned_vs_reached_chart(table),
        "timeline": projects_timeline(table, TODAY),
        "programme": programme_timeline(metrics.meetings_table(attendance)),
        # the overview's compact variants
        "sector_compact": participants_chart(metrics.participants_by(attendance, "sector"), "sector",
                                                    compact=True),
        "tiles_compact": gmina_tile_map(metrics.participants_by_gmina_map(attendance), compact=True),
        "status_compact": projects_status_chart(table, compact=True),
    }


def font_sizes(node: Any, inside_font: bool = False) -> list[float]:
    """Every font size set anywhere in a figure's JSON."""
    if isinstance(node, dict):
        sizes = []
        for key, value in node.items():
            if key == "size" and inside_font and isinstance(value, int | float):
                sizes.append(value)
            elif key == "size" and inside_font and isinstance(value, list):
                sizes.extend(value)
            else:
                sizes += font_sizes(value, key.endswith("font"))
        return sizes
    if isinstance(node, list):
        return [size for item in node for size in font_sizes(item, inside_font)]
    return []


def hover_texts(figure: go.Figure) -> list[str]:
    texts = []
    for trace in figure.data:
        data = getattr(trace, "customdata", None)
        if data is not None:
            texts += [str(cell) for row in data for cell in (row if isinstance(row, list | tuple) else [row])]
        if getattr(trace, "hoveron", None) == "fills":
            texts.append(str(trace.text))
    return texts


# -- every chart --------------------------------------------------------------------------------------------

def test_every_chart_on_the_demo_is_a_figure_with_polish_separators_and_nothing_fetched(demo):
    for name, chart in every_chart(*demo).items():
        figure_json = chart.figure.to_json()
        assert isinstance(chart.figure, go.Figure), name
        assert chart.figure.layout.separators == ",\u00a0", name
        assert "http" not in figure_json, name          # no tiles, no CDN, no fonts
        assert "mapbox" not in figure_json and '"geo"' not in figure_json, name
        assert chart.title, name
        assert not chart.table.empty, name
        assert min(font_sizes(json.loads(figure_json))) >= 12, name


def test_figures_built_unchecked_are_the_figures_plotly_checks(demo, four_meetings, projects, tmp_path,
                                                               monkeypatch):
    """The dashboard builds its figures without plotly's property checks (display_figure.VALIDATE, for
    speed). Built with them, every chart must pass and give the same JSON, in both languages, on
    data and on none."""
    write_boundaries(tmp_path)
    boundaries = geo.load_boundaries(tmp_path)

    def figures() -> dict[str, Any]:
        made = {}
        for lang in ("pl", "en"):
            with language(lang):
                for data_name, (attendance, register) in {
                    "demo": demo, "four": (four_meetings, projects),
                    "empty": (attendance_frame([]), project_frame([])),
                }.items():
                    drawn = every_chart(attendance, register)
                    by_gmina = metrics.participants_by_gmina_map(attendance)
                    drawn["choropleth"] = gmina_choropleth(by_gmina, boundaries, outside_county=1,
                                                                  missing=2)
                    drawn["choropleth_compact"] = gmina_choropleth(by_gmina, boundaries, compact=True)
                    made |= {(lang, data_name, name): json.loads(chart.figure.to_json())
                             for name, chart in drawn.items()}
        return made

    assert display_figure.VALIDATE is False
    unchecked = figures()
    monkeypatch.setattr(display_figure, "VALIDATE", True)
    checked = figures()
    assert checked.keys() == unchecked.keys()
    for key, figure in checked.items():
        assert unchecked[key] == figure, key


def test_every_chart_has_hover_texts_written_in_polish(demo):
    for name, chart in every_chart(*demo).items():
        texts = hover_texts(chart.figure)
        assert texts, name
        assert all("%{x" not in text and "%{y" not in text for text in texts), name
    sector_hover = hover_texts(every_chart(*demo)["sector"].figure)
    assert any("Uczestnicy:" in text and "Udział:" in text for text in sector_hover)


def test_chart_config_hides_the_plotly_logo_and_names_the_image_after_the_chart(demo):
    chart = every_chart(*demo)["sector"]
    assert display_figure.PLOTLY_CONFIG["displaylogo"] is False
    assert chart.config["displaylogo"] is False
    assert chart.config["toImageButtonOptions"]["filename"] == chart.slug == "uczestnicy_sector"
    assert display_figure.PLOTLY_CONFIG["toImageButtonOptions"]["filename"] == "pup_plock_wykres"


def test_every_chart_on_an_empty_store_says_there_is_nothing_to_show():
    empty = every_chart(attendance_frame([]), project_frame([]))
    for name, chart in empty.items():
        if name.startswith("tiles"):   # the map still draws the 16 gminy, all at zero
            continue
        annotations = [a.text for a in chart.figure.layout.annotations]
        assert "Brak danych do pokazania przy wybranych filtrach." in annotations or name == "programme", name
        assert len(chart.table.columns) >= 1, name


# -- participation ----------------------------------------------------------------------------------------

def test_sector_bars_are_labelled_with_counts_and_shares_in_vocabulary_order(four_meetings):
    chart = participants_chart(metrics.participants_by(four_meetings, "sector"), "sector")
    (bars,) = chart.figure.data
    assert list(bars.y) == [*vocabulary().sectors, MISSING]
    assert list(bars.x) == [2, 1, 0, 1, 0, 1]
    assert bars.text[0] == "2 (40%)"
    assert bars.marker.color[0] == palette.SECTOR_COLOURS["gospodarka"]
    assert bars.marker.color[-1] == palette.LIGHT_GREY
    assert chart.title == "Uczestnicy według sektora (razem: 5)"
    assert list(chart.table.columns) == ["Sektor", "Uczestnicy (osoby)", "Udział (%)"]
    assert chart.table["Udział (%)"].tolist()[0] == 40.0


def test_gmina_bars_go_from_most_participants_down_with_the_extras_last(four_meetings):
    chart = participants_chart(metrics.participants_by(four_meetings, "gmina"), "gmina")
    (bars,) = chart.figure.data
    assert len(bars.y) == 18
    assert list(bars.y)[-2:] == ["spoza powiatu", "brak danych"]
    assert list(bars.x)[:3] == [1, 1, 1] and list(bars.x)[3] == 0
    assert bars.marker.color[-2] == palette.GREY and bars.marker.color[0] == palette.SINGLE_COLOUR


def test_tile_map_has_one_tile_per_gmina_and_draws_the_river(four_meetings):
    by_gmina = metrics.participants_by_gmina_map(four_meetings)
    chart = gmina_tile_map(by_gmina, outside_county=1, missing=1)
    heatmap, labels, river = chart.figure.data
    assert isinstance(heatmap, go.Heatmap)
    tiles = [value for row in heatmap.z for value in row if value is not None]
    assert len(tiles) == 16 and sum(tiles) == 3
    assert len(labels.text) == 16
    assert any(text.startswith("Płock<br><b>1</b>") for text in labels.text)
    assert river.mode == "lines" and len(river.x) == len(geo.RIVER_PATH)
    assert "spoza powiatu – 1" in chart.figure.layout.title.subtitle.text
    assert chart.figure.layout.xaxis.visible is False and chart.figure.layout.yaxis.visible is False
    assert list(chart.table.columns) == ["Gmina", "Kod TERYT", "Uczestnicy (osoby)"]
    assert chart.title == "Uczestnicy z gmin powiatu płockiego i Płocka (osiągnięte gminy: 3 z 16)"


def test_tile_labels_stay_readable_on_dark_and_light_tiles():
    assert palette.label_colour_on("#08306B") == "#FFFFFF"
    assert palette.label_colour_on("#DEEBF7") == "#1A1A1A"
    assert palette.label_colour_on("rgb(66, 146, 198)") == "#1A1A1A"   # mid blue: dark text has 4.5:1


def test_attendance_chart_stacks_one_trace_per_sector_with_zero_meetings_kept(four_meetings):
    filters = metrics.Filters(sectors=("gospodarka", "rynek pracy"))
    rows = metrics.apply_filters(four_meetings, filters)
    frame = metrics.attendance_by_meeting(rows, "sector", metrics.meeting_schedule(four_meetings, filters))
    chart = attendance_chart(frame, "sector")
    assert [trace.name for trace in chart.figure.data] == ["gospodarka", "rynek pracy"]
    assert all(len(trace.x) == 4 for trace in chart.figure.data)
    assert chart.figure.data[1].y.tolist() == [0, 0, 1, 0]
    assert chart.figure.data[0].marker.color == palette.SECTOR_COLOURS["gospodarka"]
    assert chart.figure.data[0].x[0] == "I<br>25\u00a0maja 2017"
    assert chart.figure.layout.barmode == "stack"
    assert chart.table["Razem"].tolist() == [2, 1, 2, 1]
    assert list(chart.table.columns) == ["Spotkanie", "Data", "gospodarka", "rynek pracy", "Razem"]


def test_sector_colour_is_the_same_on_every_chart(demo):
    attendance, _ = demo
    bars = participants_chart(metrics.participants_by(attendance, "sector"), "sector").figure.data[0]
    stacked = attendance_chart(metrics.attendance_by_meeting(attendance, "sector"), "sector").figure
    colours_in_bars = dict(zip(bars.y, bars.marker.color, strict=True))
    for trace in stacked.data:
        assert trace.marker.color == colours_in_bars[trace.name]


def test_retention_chart_darkens_the_bars_at_half_the_meetings_or_more(four_meetings):
    chart = retention_chart(metrics.retention_counts(four_meetings))
    fewer, retained = chart.figure.data
    assert list(fewer.x) == [1] and list(retained.x) == [2, 3, 4]
    assert list(retained.y) == [1, 0, 1]
    assert "2 z 5 osób (40%)" in chart.figure.layout.title.subtitle.text
    assert chart.table["Co najmniej połowa spotkań"].tolist() == [False, True, True, True]


def test_return_heatmap_leaves_the_diagonal_blank_and_labels_the_other_cells(four_meetings):
    chart = return_heatmap(metrics.return_matrix(four_meetings))
    heatmap, labels = chart.figure.data
    assert heatmap.z[0][0] is None and heatmap.z[0][1] == pytest.approx(2 / 3)
    assert len(labels.text) == 12 and labels.text[0] == "67%"
    assert chart.table.columns[0] == "Uczestnicy spotkania"
    assert chart.table.loc[0, "Też na spotkaniu II (%)"] == 66.7


def test_sector_gmina_heatmap_has_a_cell_per_gmina_and_sector(four_meetings):
    table = metrics.sector_by_gmina(four_meetings)
    chart = sector_gmina_heatmap(table)
    heatmap, labels = chart.figure.data
    assert len(heatmap.y) == len(table.index) and len(heatmap.x) == len(table.columns)
    assert len(labels.text) == table.size
    assert chart.table["Razem"].sum() == 5


# -- projects ---------------------------------------------------------------------------------------------

def test_status_chart_shows_every_status_in_its_colour(projects):
    chart = projects_status_chart(projects)
    (bars,) = chart.figure.data
    assert list(bars.x) == vocabulary().statuses
    assert list(bars.y) == [1, 0, 1, 1, 0]
    assert list(bars.marker.color) == [palette.STATUS_COLOURS[s] for s in vocabulary().statuses]
    assert chart.title == "Projekty według statusu (razem: 3)"


def test_planned_vs_reached_has_plan_and_achievement_for_participants_and_jobs(projects):
    chart = planned_vs_reached_chart(projects)
    assert len(chart.figure.data) == 4
    assert all(len(trace.y) == 3 for trace in chart.figure.data)
    planned, reached = chart.figure.data[:2]
    assert planned.name == "Plan" and reached.name == "Wykonanie"
    row = chart.table[chart.table["Projekt"].str.startswith("Dowozik")].iloc[0]
    assert row["Uczestnicy – wykonanie planu (%)"] == 30.0


def test_project_timeline_draws_dated_projects_and_a_line_at_today(projects):
    chart = projects_timeline(projects, TODAY)
    bars = [trace for trace in chart.figure.data if isinstance(trace, go.Bar)]
    assert sum(len(trace.y) for trace in bars) == 2
    assert {trace.name for trace in bars} == {"w realizacji", "zrealizowany"}
    undated = [trace for trace in chart.figure.data if isinstance(trace, go.Scatter)]
    assert undated[0].text == ("brak dat",)
    (today_line,) = chart.figure.layout.shapes
    assert today_line.x0 == "2019-07-01"
    assert any("dziś, 1\u00a0lipca 2019" == a.text for a in chart.figure.layout.annotations)
    months = {"sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru"}
    assert all(text[:3] in months for text in chart.figure.layout.xaxis.ticktext)


def test_programme_timeline_puts_each_meeting_on_its_date_and_marks_illustrative_dates(four_meetings):
    chart = programme_timeline(metrics.meetings_table(four_meetings), illustrative={2, 3})
    (points,) = chart.figure.data
    assert list(points.x) == ["2017-05-25", "2017-06-22", "2017-09-21", "2017-10-19"]
    hovers = [row[0] for row in points.customdata]
    assert "data przykładowa" in hovers[1] and "data przykładowa" not in hovers[0]
    assert chart.table["Uwagi"].tolist() == ["", "data przykładowa", "data przykładowa", ""]
    assert chart.title == "Cykl spotkań od 25\u00a0maja 2017 do 19\u00a0października 2017 (liczba spotkań: 4)"


def test_programme_timeline_draws_a_bar_per_meeting_with_the_people_present_written_on_it(four_meetings):
    meetings = metrics.meetings_table(four_meetings)
    chart = programme_timeline(meetings, illustrative={2, 3})
    (bars,) = chart.figure.data
    assert bars.type == "bar" and list(bars.y) == [3, 2, 2, 2] == meetings["attendances"].tolist()
    assert list(bars.text) == ["<b>3</b>", "<b>2</b>", "<b>2</b>", "<b>2</b>"]
    assert bars.textposition == "outside"
    axis = chart.figure.layout.xaxis
    assert axis.type == "category" and list(axis.tickvals) == list(bars.x)
    assert list(axis.ticktext) == ["I<br>25.05", "II<br>22.06", "III<br>21.09", "IV<br>19.10"]
    subtitle = chart.figure.layout.title.subtitle.text
    assert "daty spotkań II, III są przykładowe" in subtitle
    # the real office's data: no note at all; a meeting without a date is named instead of drawn
    assert not programme_timeline(meetings).figure.layout.title.subtitle.text
    undated = meetings.assign(meeting_date=meetings["meeting_date"].where(meetings["meeting"] != 4))
    drawn = programme_timeline(undated)
    assert len(drawn.figure.data[0].y) == 3
    assert "Spotkania bez daty: IV." in drawn.figure.layout.title.subtitle.text
    assert len(drawn.table) == 4


def test_compact_charts_are_lower_with_titles_wrapped_to_half_the_page(demo):
    drawn = every_chart(*demo)
    for name in ("sector", "tiles", "status"):
        small, large = drawn[f"{name}_compact"], drawn[name]
        assert small.figure.layout.height < large.figure.layout.height, name
        assert small.title == large.title, name              # the same title, wrapped with <br>
        assert small.figure.layout.title.font.size < large.figure.layout.title.font.size, name
        heading = small.figure.layout.title
        title_lines = heading.text.split("<br>")
        assert all(len(line) <= display_figure.COMPACT_TITLE_CHARS for line in title_lines), name
        subtitle_lines = heading.subtitle.text.split("<br>")
        assert all(len(line) <= display_figure.COMPACT_SUBTITLE_CHARS for line in subtitle_lines), name
        assert small.table.equals(large.table), name         # the same numbers beneath
    tiles = drawn["tiles_compact"].figure
    assert "<br>" in tiles.layout.title.text                 # the map's long title takes two lines
    assert tiles.data[0].showscale is False                  # every tile carries its number instead
    assert tiles.layout.yaxis.scaleanchor is None            # tiles wider than tall in half the page
    assert "Jeden kwadrat" not in tiles.layout.title.subtitle.text
    status_ticks = drawn["status_compact"].figure.data[0].x
    assert "w<br>przygotowaniu" in status_ticks


def test_new_and_returning_writes_numbers_only_in_segments_tall_enough_to_hold_them():
    assert segment_labels([0, 3, 4, 50], axis_top=55) == ["", "", "4", "50"]
    meetings = pd.DataFrame({
        "meeting": [1, 2, 3], "meeting_date": pd.to_datetime(["2017-05-25", "2017-06-22", "2017-09-21"]),
        "attendances": [45, 52, 12], "new_participants": [45, 2, 5], "returning": [0, 50, 7]})
    returning, new = new_and_returning_chart(meetings).figure.data
    assert list(new.text) == ["45", "", "5"]        # 2 of an axis up to 57: too small to hold its number
    assert list(returning.text) == ["", "50", "7"]
    assert new.customdata[1][0].endswith("nowi uczestnicy: 2")     # its number stays in the hover


def test_the_projects_list_shows_only_the_columns_the_register_fills() -> None:
    rows = [["Tytuł projektu", "Status", "Uczestnicy", "Budżet"],
            ["Dowozik", "w realizacji", 12, None], ["Skarby Powiatu", "pomysł", None, None]]
    register = check_table("xlsx", rows, stem="projekty").accepted
    shown = projects_display_table(project_metrics.projects_table(register))
    assert shown.columns.tolist() == ["Projekt", "Status", "Uczestnicy – wykonanie"]


def test_tables_without_a_chart_have_polish_headers(projects):
    shown = projects_display_table(projects)
    assert shown.columns[:3].tolist() == ["Projekt", "Status", "Lider"]
    assert shown["Projekt"].tolist()[0] == "Płockie PL."         # status order: pomysł first
    assert shown["Koniec"].tolist() == ["–", "31\u00a0grudnia 2018", "31\u00a0marca 2019"]
    history = project_metrics.status_history([(1, dt.datetime(2019, 1, 1, 23, 30), project_frame(
        [{"title": "Dowozik", "status": "pomysł"}]))])
    history_table = status_history_table(history)
    assert history_table.iloc[0]["Poprzedni status"] == "(pierwszy wpis)"
    assert history_table.iloc[0]["Wgrano"] == "2\u00a0stycznia 2019, 00:30"   # UTC stored, Polish time shown


# -- English --------------------------------------------------------------------------------------------

def test_charts_speak_english_when_the_language_is_english(four_meetings):
    with language("en"):
        chart = participants_chart(metrics.participants_by(four_meetings, "sector"), "sector")
        assert chart.title == "Participants by sector (total: 5)"
        assert list(chart.figure.data[0].y)[0] == "economy"
        assert list(chart.table.columns) == ["Sector", "Participants (people)", "Share (%)"]
        assert formatting.value_label("Płock") == "Płock"
        assert formatting.value_label(None) == "no data"


# -- the map's geography -----------------------------------------------------------------------------------

def test_tile_grid_places_each_of_the_sixteen_gminy_on_its_own_tile():
    tiles = geo.tile_layout()
    assert {tile.teryt for tile in tiles} == {g.teryt for g in vocabulary().gminy}
    assert len({(tile.column, tile.row) for tile in tiles}) == 16
    at = {tile.name: (tile.column, tile.row) for tile in tiles}
    assert at["Płock"][0] < at["Słupno"][0]              # Słupno east of Płock
    assert at["Drobin"][1] < at["Płock"][1] < at["Łąck"][1]
    assert at["Wyszogród"][0] > at["Gąbin"][0] and at["Słubice"][1] == max(r for _, r in at.values())


# Rough squares around each gmina's seat (lon, lat), enough to test reading and drawing.
SEATS = {"1462011": (19.706, 52.546), "1419063": (19.735, 52.400), "1419122": (19.80, 52.49)}


def square(lon: float, lat: float, half: float = 0.03) -> list[list[float]]:
    return [[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half],
            [lon - half, lat + half], [lon - half, lat - half]]


def lonlat_to_puwg92(lon: float, lat: float) -> tuple[float, float]:
    """The forward EPSG:2180 projection (Snyder's series), written apart from geo's inverse."""
    a, f, k0 = 6378137.0, 1 / 298.257222101, 0.9993
    e2 = f * (2 - f)
    ep2 = e2 / (1 - e2)
    phi, lam = math.radians(lat), math.radians(lon)
    n = a / math.sqrt(1 - e2 * math.sin(phi) ** 2)
    tt, c, aa = math.tan(phi) ** 2, ep2 * math.cos(phi) ** 2, (lam - math.radians(19)) * math.cos(phi)
    m = a * ((1 - e2 / 4 - 3 * e2**2 / 64 - 5 * e2**3 / 256) * phi
             - (3 * e2 / 8 + 3 * e2**2 / 32 + 45 * e2**3 / 1024) * math.sin(2 * phi)
             + (15 * e2**2 / 256 + 45 * e2**3 / 1024) * math.sin(4 * phi)
             - (35 * e2**3 / 3072) * math.sin(6 * phi))
    x = k0 * n * (aa + (1 - tt + c) * aa**3 / 6
                  + (5 - 18 * tt + tt**2 + 72 * c - 58 * ep2) * aa**5 / 120) + 500000
    y = k0 * (m + n * math.tan(phi) * (
        aa**2 / 2 + (5 - tt + 9 * c + 4 * c**2) * aa**4 / 24
        + (61 - 58 * tt + tt**2 + 600 * c - 330 * ep2) * aa**6 / 720)) - 5300000
    return x, y


def write_boundaries(directory: Path, projected: bool = False, name: str = "gminy.geojson") -> Path:
    features = [{"type": "Feature", "properties": {"JPT_KOD_JE": code, "JPT_NAZWA_": "x"},
                 "geometry": {"type": "Polygon", "coordinates": [square(*seat)]}}
                for code, seat in SEATS.items()]
    features.append({"type": "Feature", "properties": {"JPT_KOD_JE": "1402011"},   # a gmina elsewhere
                     "geometry": {"type": "Polygon", "coordinates": [square(16.0, 51.0)]}})
    if projected:
        for feature in features:
            ring = feature["geometry"]["coordinates"][0]
            feature["geometry"]["coordinates"][0] = [list(lonlat_to_puwg92(*p)) for p in ring]
    path = directory / name
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


def test_boundaries_are_read_by_teryt_code_and_keep_only_the_county(tmp_path):
    write_boundaries(tmp_path)
    collection = geo.load_boundaries(tmp_path)
    assert sorted(f["id"] for f in collection["features"]) == ["141906", "141912", "146201"]
    names = {f["id"]: f["properties"]["name"] for f in collection["features"]}
    assert names["146201"] == "Płock"


def test_boundaries_in_puwg_1992_are_converted_to_longitude_and_latitude(tmp_path):
    write_boundaries(tmp_path, projected=True)
    collection = geo.load_boundaries(tmp_path)
    plock = next(f for f in collection["features"] if f["id"] == "146201")
    lon, lat = plock["geometry"]["coordinates"][0][0][0]
    assert lon == pytest.approx(19.676, abs=2e-4) and lat == pytest.approx(52.516, abs=2e-4)


def test_puwg_1992_inverse_puts_known_points_where_they_are():
    lon, lat = geo.puwg92_to_lonlat([500000.0], [-5300000.0])
    assert (lon[0], lat[0]) == pytest.approx((19.0, 0.0), abs=1e-9)
    # the Palace of Culture in Warsaw: about 487 000 m north, 637 000 m east in PUWG 1992
    lon, lat = geo.puwg92_to_lonlat([637000.0], [487000.0])
    assert lon[0] == pytest.approx(21.006, abs=0.01) and lat[0] == pytest.approx(52.232, abs=0.01)


def test_no_boundary_file_or_an_unusable_one_means_the_tile_grid(tmp_path):
    assert geo.load_boundaries(tmp_path / "missing") is None
    assert geo.load_boundaries(tmp_path) is None
    (tmp_path / "broken.geojson").write_text("{not json", encoding="utf-8")
    elsewhere = {"type": "Feature", "properties": {"kod": "0201011"},
                 "geometry": {"type": "Polygon", "coordinates": [square(16, 51)]}}
    (tmp_path / "other.json").write_text(json.dumps({"type": "FeatureCollection", "features": [elsewhere]}))
    assert geo.load_boundaries(tmp_path) is None


def test_choropleth_fills_each_gmina_outline_without_a_geo_base_map(tmp_path, four_meetings):
    write_boundaries(tmp_path)
    boundaries = geo.load_boundaries(tmp_path)
    chart = gmina_choropleth(metrics.participants_by_gmina_map(four_meetings), boundaries,
                                    outside_county=1)
    outlines = [trace for trace in chart.figure.data if trace.fill == "toself"]
    assert len(outlines) == 3 and len(chart.figure.data) == 5     # 3 outlines, labels, colour bar
    assert all(trace.hoveron == "fills" for trace in outlines)
    assert any("Płock" in trace.text and "Uczestnicy: 1" in trace.text for trace in outlines)
    figure_json = chart.figure.to_json()
    assert "http" not in figure_json and "choropleth" not in figure_json and "mapbox" not in figure_json
    assert len(chart.table) == 16
