"""Every chart, table, figure and report is made from a projects register with any subset of the
optional columns, each absent, present but empty, partly or wholly filled (issue 15: a register
without a plan crashed the Projects page for every role). Registers are written as .xlsx and go the
real way: read by the pipeline, imported into the test's store, drawn by the pages through AppTest
(as the director and as staff), summed by the summary, printed by both reports.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from functools import cache

import openpyxl
import pandas as pd
import pytest
from app_support import signed_in
from builders import xlsx_bytes
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from office_register import HEADER as OFFICE_HEADER
from office_register import PROJECTS as OFFICE_PROJECTS
from pypdf import PdfReader

from analytics import formatting, importing, metrics, project_metrics
from analytics import store as store_api
from analytics.catalogue import t
from analytics.config import DEMO_DIR
from analytics.display.projects import planned_vs_reached_chart, projects_status_chart, projects_timeline
from analytics.display.tables import projects_display_table, status_history_table
from analytics.reading.pipeline import check_bytes, check_file
from analytics.reports.excel import excel_report
from analytics.reports.pdf import summary_pdf
from analytics.results import CheckResult
from analytics.summary import PROJECT_TOTALS, projects_summary

# The autouse fixture only sets environment variables (the test's own database), the same for every example.
SAME_FIXTURE_FOR_ALL = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=SAME_FIXTURE_FOR_ALL)
REPORTS = settings(max_examples=15, deadline=None, suppress_health_check=SAME_FIXTURE_FOR_ALL)
PAGES = settings(max_examples=8, deadline=None, suppress_health_check=SAME_FIXTURE_FOR_ALL)

TITLES = [row[0] for row in OFFICE_PROJECTS]
dates = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 12, 31))
counts = st.integers(min_value=0, max_value=400)
# canonical column: (a header the office writes, what its cells hold)
OPTIONAL: dict[str, tuple[str, st.SearchStrategy]] = {
    "leader": ("Lider grupy", st.sampled_from(["Anna Nowak", "Jan Kowalski", "Ewa Lis"])),
    "status": ("Status", st.sampled_from(["koncepcja", "planowany", "w toku", "zakończony", "zawieszony",
                                          "odrzucony"])),
    "start_date": ("Data rozpoczęcia", dates),
    "end_date": ("Data zakończenia", dates),
    "budget": ("Budżet (zł)", st.one_of(st.integers(0, 250_000), st.just(12500.5))),
    "participants_planned": ("Uczestnicy planowani", counts),
    "participants_reached": ("Liczba uczestników", counts),
    "jobs_planned": ("Miejsca pracy planowane", counts),
    "jobs_created": ("Miejsca pracy", counts),
    "enterprises_created": ("Mikroprzedsiębiorstwa", counts),
    "gminy": ("Gminy", st.sampled_from(["Słupno", "m. Płock; Gąbin", "Gostynin", "gm. Bielsk, Drobin"])),
    "last_update": ("Ostatnia aktualizacja", dates),
}
ALL_EMPTY = [["Nazwa projektu", *(header for header, _ in OPTIONAL.values())],
             *[[title, *[None] * len(OPTIONAL)] for title in TITLES[:3]]]
# The fewest columns a register can have: a title and one more (a lone title column is no table and is
# refused with a Polish message, as reading does for any single weak header).
TITLE_ONLY = [["Tytuł projektu", "Status"], *[[title, None] for title in TITLES]]
OFFICE = [OFFICE_HEADER, *OFFICE_PROJECTS]


@st.composite
def _registers(draw: st.DrawFn) -> list[list]:
    n = draw(st.integers(min_value=1, max_value=5))
    header, columns = ["Nazwa projektu"], [draw(st.permutations(TITLES))[:n]]
    for heading, values in OPTIONAL.values():
        how = draw(st.sampled_from(["absent", "empty", "some", "full"]))
        if how == "absent":
            continue
        cells = ([None] * n if how == "empty" else
                 draw(st.lists(values if how == "full" else st.none() | values, min_size=n, max_size=n)))
        header.append(heading)
        columns.append(cells)
    rows = [list(row) for row in zip(*columns, strict=True)]
    _dates_in_order(header, rows)
    return [header, *rows]


def registers() -> st.SearchStrategy[list[list]]:
    """A register: 1–5 projects; each optional column absent, headed but empty, partly or fully filled;
    at least one of them headed (see TITLE_ONLY)."""
    return _registers().filter(lambda rows: len(rows[0]) > 1)


def _dates_in_order(header: list[str], rows: list[list]) -> None:
    """A project ending before it starts is rejected, rightly: keep most drawn projects accepted."""
    if "Data rozpoczęcia" in header and "Data zakończenia" in header:
        start, end = header.index("Data rozpoczęcia"), header.index("Data zakończenia")
        for row in rows:
            if row[start] is not None and row[end] is not None and row[end] < row[start]:
                row[start], row[end] = row[end], row[start]


def read(rows: list[list]) -> CheckResult:
    result = check_bytes(xlsx_bytes(rows, sheet="Projekty"), "rejestr.xlsx", kind="projects")
    assert isinstance(result, CheckResult), getattr(result, "error", result)
    return result


@cache
def demo_attendance() -> pd.DataFrame:
    return check_file(DEMO_DIR / "lista_obecnosci_2017.xlsx").accepted


# -- the functions the pages and reports call ---------------------------------------------------------------


def expected_total(rows: list[list], column: str) -> int | None:
    heading = OPTIONAL[column][0]
    header, body = rows[0], rows[1:]
    if heading not in header:
        return None
    given_ = [row[header.index(heading)] for row in body if row[header.index(heading)] is not None]
    return sum(given_) if given_ else None


@FAST
@given(rows=registers())
@example(rows=OFFICE)
@example(rows=ALL_EMPTY)
@example(rows=TITLE_ONLY)
def test_any_register_gives_every_projects_chart_table_and_figure(rows: list[list]) -> None:
    result = read(rows)
    projects = result.accepted
    table = project_metrics.projects_table(projects)
    figures = project_metrics.project_figures(projects)
    summary = projects_summary(projects)
    json.dumps(summary, allow_nan=False)
    if result.rows_rejected == 0:      # the sums are the register's, or null where it has no such figure
        for name, column in PROJECT_TOTALS.items():
            assert summary[name] == expected_total(rows, column), name
            assert getattr(figures, column) == summary[name], name
    for today in (dt.date(2026, 5, 5), dt.date(2019, 6, 1), dt.date(2014, 1, 1)):
        chart = projects_timeline(table, today)
        json.loads(chart.figure.to_json())
    for chart in (planned_vs_reached_chart(table), projects_status_chart(table)):
        json.loads(chart.figure.to_json())
        assert not chart.failed
    shown = projects_display_table(table)
    assert len(shown) == len(projects)
    for column in shown.columns[2:]:       # a column the register leaves empty is not shown as dashes
        assert not shown[column].map(lambda v: pd.isna(v) or str(v).strip() in ("", "–")).all(), column
    history = project_metrics.status_history([(1, dt.datetime(2019, 1, 1), projects),
                                              (2, dt.datetime(2020, 1, 1), projects)])
    status_history_table(history)
    for reached, planned, unit in (
            (figures.participants_reached, figures.participants_planned, "unit_people"),
            (figures.jobs_created, figures.jobs_planned, "unit_jobs")):
        text = formatting.reached_of_plan(reached, planned, unit).text
        assert not text.endswith(" z 0") or planned == 0


@REPORTS
@given(rows=registers())
@example(rows=OFFICE)
@example(rows=ALL_EMPTY)
@example(rows=TITLE_ONLY)
def test_any_register_gives_both_reports(rows: list[list]) -> None:
    projects = read(rows).accepted
    report = excel_report(demo_attendance(), projects, metrics.Filters(), None)
    book = openpyxl.load_workbook(io.BytesIO(report))
    sheet = book[t("rpt_sheet_projects")]
    for chart in sheet._charts:                 # never an empty chart: every series has a figure
        assert chart.series
    pdf = PdfReader(io.BytesIO(summary_pdf(demo_attendance(), projects, metrics.Filters(), None)))
    assert 1 <= len(pdf.pages) <= 3
    assert " z 0 " not in " ".join(page.extract_text() for page in pdf.pages) or any(
        projects[c].fillna(-1).eq(0).any() for c in ("participants_planned", "jobs_planned"))


# -- through the pages -------------------------------------------------------------------------------------


def import_register(rows: list[list]) -> None:
    store = store_api.open_store()
    try:
        outcome = importing.import_file(store, xlsx_bytes(rows, sheet="Projekty"), kind="projects",
                                        user="test", file_name="rejestr.xlsx")
        assert not hasattr(outcome, "error"), outcome
    finally:
        store.engine.dispose()


FAILED = (t("chart_failed"), t("table_failed"))


def assert_drawn_whole(app, where: str) -> None:
    assert not app.exception, (where, [e.value for e in app.exception])
    assert not [w.value for w in app.warning if w.value in FAILED], where


@PAGES
@given(rows=registers())
@example(rows=OFFICE)
@example(rows=ALL_EMPTY)
@example(rows=TITLE_ONLY)
def test_any_register_draws_the_projects_page_and_the_overview_for_every_role(rows: list[list]) -> None:
    import_register(rows)
    for role in ("viewer", "staff"):
        app = signed_in(role).run()                       # the overview is the home page
        assert_drawn_whole(app, f"overview as {role}")
        app.switch_page("pages/projects.py").run()
        assert_drawn_whole(app, f"projects as {role}")
        assert app.get("plotly_chart") or app.info, role


@pytest.mark.parametrize("rows", [OFFICE, ALL_EMPTY, TITLE_ONLY], ids=["office", "all_empty", "title_only"])
def test_register_edge_cases_draw_the_three_projects_charts(rows: list[list]) -> None:
    import_register(rows)
    app = signed_in("viewer").run()
    app.switch_page("pages/projects.py").run()
    assert_drawn_whole(app, "projects")
    assert len(app.get("plotly_chart")) == 3
