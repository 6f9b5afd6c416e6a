"""The projects' charts and printouts on the registers offices really keep (issue 15): the timeline
spans the projects' dates and marks today at the edge when it lies years beyond; planned against
reached draws what the register holds; the PDF summary ends on its second page; every chart of the
Excel report lies inside its sheet's print area, which prints one A4 page wide.
"""

from __future__ import annotations

import datetime as dt
import io
import math

import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest
from builders import check_table
from office_register import FILE_NAME, FIRST_START, JOBS, LAST_END, PARTICIPANTS, register_xls
from openpyxl.utils import column_index_from_string
from pypdf import PdfReader

from analytics import metrics, project_metrics
from analytics.catalogue import t
from analytics.config import DEMO_DIR
from analytics.display import figure as display_figure
from analytics.display.projects import planned_vs_reached_chart, projects_timeline
from analytics.reading.pipeline import check_bytes, check_file
from analytics.reports.excel import excel_report
from analytics.reports.pdf import summary_pdf

TODAY = dt.date(2026, 5, 5)          # the day the office opened its 2018–2019 register
EMU_PER_PX = 9525                    # 914400 EMU an inch, 96 px an inch


def office_table() -> pd.DataFrame:
    return project_metrics.projects_table(check_bytes(register_xls(), FILE_NAME).accepted)


def register_table(rows: list[list]) -> pd.DataFrame:
    return project_metrics.projects_table(check_table("xlsx", rows, stem="projekty").accepted)


def x_range(chart: display_figure.Chart) -> tuple[pd.Timestamp, pd.Timestamp]:
    start, end = chart.figure.layout.xaxis.range
    return pd.Timestamp(start), pd.Timestamp(end)


# -- the timeline --------------------------------------------------


def test_timeline_spans_the_projects_dates_and_marks_a_later_today_at_the_right_edge() -> None:
    chart = projects_timeline(office_table(), TODAY)
    start, end = x_range(chart)
    assert start <= pd.Timestamp(FIRST_START) and end >= pd.Timestamp(LAST_END)
    assert (pd.Timestamp(FIRST_START) - start).days <= 60 and (end - pd.Timestamp(LAST_END)).days <= 60
    assert not chart.figure.layout.shapes                    # no line at a day the axis does not reach
    (edge,) = [a for a in chart.figure.layout.annotations if "dziś" in a.text]
    assert edge.text == "dziś, 5\u00a0maja 2026 →"
    assert (edge.xref, edge.x, edge.xanchor) == ("paper", 1, "right")


def test_timeline_labels_each_year_of_the_projects() -> None:
    chart = projects_timeline(office_table(), TODAY)
    labels = chart.figure.layout.xaxis.ticktext
    assert any(label.endswith("2018") for label in labels) and any(label.endswith("2019") for label in labels)
    # a long register ticked yearly (in January) still labels the year it starts in, in March
    long = register_table([["Projekt", "Data rozpoczęcia", "Data zakończenia"],
                           ["Skarby Powiatu Płockiego", dt.date(2018, 3, 1), dt.date(2024, 6, 30)]])
    labels = projects_timeline(long, TODAY).figure.layout.xaxis.ticktext
    assert {label[-4:] for label in labels} >= {"2018", "2019", "2020", "2021", "2022", "2023", "2024"}


def test_timeline_marks_an_earlier_today_at_the_left_edge() -> None:
    chart = projects_timeline(office_table(), dt.date(2015, 1, 10))
    assert x_range(chart)[0] > pd.Timestamp(2017, 11, 1)
    (edge,) = [a for a in chart.figure.layout.annotations if "dziś" in a.text]
    assert edge.text.startswith("←") and (edge.xref, edge.x, edge.xanchor) == ("paper", 0, "left")


def test_timeline_draws_the_line_at_today_within_or_near_the_projects() -> None:
    for today in (dt.date(2019, 3, 1), dt.date(2020, 4, 1)):
        chart = projects_timeline(office_table(), today)
        (line,) = chart.figure.layout.shapes
        assert line.x0 == today.isoformat()
        start, end = x_range(chart)
        assert start <= pd.Timestamp(today) <= end


def test_timeline_of_a_register_without_dates_centres_on_today() -> None:
    chart = projects_timeline(register_table([["Projekt", "Status"], ["Dowozik", "pomysł"]]), TODAY)
    start, end = x_range(chart)
    assert start < pd.Timestamp(TODAY) < end
    assert [trace.text for trace in chart.figure.data] == [("brak dat",)]


# -- planned against reached --------------------------------------------------


def test_planned_vs_reached_without_a_plan_draws_what_was_reached_and_says_so() -> None:
    chart = planned_vs_reached_chart(office_table())
    assert [trace.name for trace in chart.figure.data] == ["Wykonanie", "Wykonanie"]
    people, jobs = chart.figure.data
    assert sum(v for v in people.x if v is not None) == PARTICIPANTS
    assert sum(v for v in jobs.x if v is not None) == JOBS
    assert list(people.x).count(None) == 1            # the idea has no figure: no bar, not a 0
    subtitle = chart.figure.layout.title.subtitle.text
    assert subtitle == "Bez planu w rejestrze: Uczestnicy projektu, Miejsca pracy (pokazano samo wykonanie)."


def test_planned_vs_reached_leaves_out_a_figure_no_project_has() -> None:
    chart = planned_vs_reached_chart(register_table([
        ["Projekt", "Uczestnicy planowani", "Uczestnicy osiągnięci"],
        ["Skarby Powiatu Płockiego", 300, 180], ["Dowozik", 40, None]]))
    assert [trace.name for trace in chart.figure.data] == ["Plan", "Wykonanie"]
    assert chart.figure.layout.xaxis.domain == (0.0, 1.0)           # one panel across the width
    assert "xaxis2" not in chart.figure.to_plotly_json()["layout"]
    assert {trace.xaxis for trace in chart.figure.data} == {"x"}
    assert not chart.figure.layout.title.subtitle.text


def test_planned_vs_reached_with_no_figure_at_all_says_so_instead_of_empty_axes() -> None:
    chart = planned_vs_reached_chart(register_table([["Projekt", "Status"], ["Dowozik", "pomysł"]]))
    assert not chart.figure.data
    assert [a.text for a in chart.figure.layout.annotations] == [t("chart_no_project_figures")]


# -- the PDF summary --------------------------------------------------


@pytest.mark.parametrize("register", ["demo", "office"])
def test_pdf_summary_ends_on_its_second_page_with_the_projects_whole(register: str) -> None:
    attendance = check_file(DEMO_DIR / "lista_obecnosci_2017.xlsx").accepted
    projects = (check_file(DEMO_DIR / "projekty_2017.xlsx") if register == "demo"
                else check_bytes(register_xls(), FILE_NAME)).accepted
    reader = PdfReader(io.BytesIO(summary_pdf(attendance, projects, metrics.Filters(), None)))
    assert len(reader.pages) == 2
    second = " ".join(reader.pages[1].extract_text().split())
    assert t("overview_projects_heading") in second
    for title in projects["title"]:
        assert " ".join(title.split()[:2]) in second, title


# -- the Excel report's print setup --------------------------------------------------------------------------


def column_px(ws, letter: str) -> int:
    """A column's width in pixels as Excel draws it (ECMA-376 §18.3.1.13; 64 px when never set)."""
    dimension = ws.column_dimensions.get(letter)
    if dimension is None or not dimension.width:
        return 64
    return math.floor((256 * dimension.width + math.floor(128 / 7)) / 256 * 7)


def row_px(ws, row: int) -> float:
    dimension = ws.row_dimensions.get(row)
    points = dimension.height if dimension is not None and dimension.height else 15
    return points * 96 / 72


def print_area_box(ws) -> tuple[int, int]:
    """(last column, last row) of the sheet's print area."""
    area = ws.print_area.split("!")[-1].replace("$", "")
    last = area.split(":")[1]
    letters = "".join(ch for ch in last if ch.isalpha())
    return column_index_from_string(letters), int(last[len(letters):])


def test_every_excel_chart_lies_inside_its_print_area_printed_one_a4_page_wide() -> None:
    attendance = check_file(DEMO_DIR / "lista_obecnosci_2017.xlsx").accepted
    for projects in (check_file(DEMO_DIR / "projekty_2017.xlsx").accepted,
                     check_bytes(register_xls(), FILE_NAME).accepted):
        book = openpyxl.load_workbook(io.BytesIO(excel_report(attendance, projects, metrics.Filters(), None)))
        charted = [ws for ws in book.worksheets if ws._charts]
        assert len(charted) == 7
        for ws in book.worksheets:
            setup = ws.page_setup
            assert (setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (9, 1, 0), ws.title
            assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
            assert setup.orientation == ("landscape" if ws in charted else "portrait"), ws.title
        for ws in charted:
            last_column, last_row = print_area_box(ws)
            for chart in ws._charts:
                anchor = chart.anchor
                right_px = sum(column_px(ws, openpyxl.utils.get_column_letter(c))
                               for c in range(anchor._from.col + 1, last_column + 1))
                bottom_px = sum(row_px(ws, r) for r in range(anchor._from.row + 1, last_row + 1))
                assert anchor.ext.width / EMU_PER_PX <= right_px, (ws.title, ws.print_area)
                assert anchor.ext.height / EMU_PER_PX <= bottom_px, (ws.title, ws.print_area)


def test_excel_charts_are_native_bar_charts_on_the_office_register() -> None:
    attendance = check_file(DEMO_DIR / "lista_obecnosci_2017.xlsx").accepted
    book = openpyxl.load_workbook(io.BytesIO(excel_report(attendance, check_bytes(register_xls(), FILE_NAME)
                                                          .accepted, metrics.Filters(), None)))
    assert all(type(chart).__name__ == "BarChart" for ws in book.worksheets for chart in ws._charts)
    assert isinstance(planned_vs_reached_chart(office_table()).figure, go.Figure)
