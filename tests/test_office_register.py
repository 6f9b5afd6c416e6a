"""The register of issue 15, as the office keeps it (tests/office_register.py): no planned figures,
"Liczba uczestników" and "Miejsca pracy". Read as reached, summed with "no figure" told apart from 0,
reported through the real command line, shown on the overview and in both reports without a "z 0".
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest
from app_support import signed_in
from builders import check_table, xls_bytes, xlsx_bytes
from office_register import (
    FILE_NAME,
    JOBS,
    OTHER_SPELLINGS,
    PARTICIPANTS,
    REGISTER,
    TITLES,
    register_xls,
    register_xlsx,
)
from pypdf import PdfReader

from analytics import importing, metrics, project_metrics
from analytics import store as store_api
from analytics.catalogue import t
from analytics.config import DEMO_DIR
from analytics.reading.pipeline import check_bytes, check_file
from analytics.reports.excel import excel_report
from analytics.reports.pdf import summary_pdf
from analytics.summary import projects_summary

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIGURE_KEYS = ("participants_planned", "participants_reached", "jobs_planned", "jobs_reached")


def office_projects() -> pd.DataFrame:
    result = check_bytes(register_xls(), FILE_NAME)
    assert not isinstance(result, dict) and result.kind == "projects", result
    return result.accepted


@pytest.fixture(scope="module")
def demo_attendance() -> pd.DataFrame:
    return check_file(DEMO_DIR / "lista_obecnosci_2017.xlsx").accepted


# -- reading -------------------------------------------------------------------------------------------


def test_office_xls_register_reads_participants_and_jobs_as_reached_and_drops_nothing() -> None:
    result = check_bytes(register_xls(), FILE_NAME)
    assert (result.kind, result.format) == ("projects", "xls")
    assert (result.rows_accepted, result.rows_rejected) == (7, 0)
    assert result.accepted["title"].tolist() == TITLES
    assert result.accepted["participants_reached"].sum() == PARTICIPANTS
    assert result.accepted["jobs_created"].sum() == JOBS
    assert result.accepted["participants_planned"].isna().all()
    assert result.accepted["jobs_planned"].isna().all()
    assert not [w for w in result.warnings if "Pominięto kolumny" in w.message], result.warnings


@pytest.mark.parametrize(("participants", "jobs"), [
    *[(spelling, "Miejsca pracy") for spelling in OTHER_SPELLINGS["Liczba uczestników"]],
    *[("Liczba uczestników", spelling) for spelling in OTHER_SPELLINGS["Miejsca pracy"]],
])
def test_figures_headed_without_plan_or_reached_are_read_as_reached(participants: str, jobs: str) -> None:
    result = check_bytes(register_xlsx(participants, jobs), "rejestr.xlsx")
    assert result.kind == "projects" and result.header_row == 2       # under the title row
    assert result.summary["participants_reached"] == PARTICIPANTS
    assert result.summary["jobs_reached"] == JOBS
    assert result.summary["participants_planned"] is None and result.summary["jobs_planned"] is None


def test_plan_columns_are_still_read_as_the_plan() -> None:
    header = ["Nazwa projektu", "Liczba uczestników (plan)", "Liczba uczestników", "Planowane miejsca pracy",
              "Utworzone miejsca pracy"]
    rows = [header, ["Skarby Powiatu Płockiego", 80, 60, 3, 2], ["Dowozik", 50, 45, 2, 3]]
    summary = check_table("xlsx", rows, stem="projekty").summary
    assert [summary[k] for k in FIGURE_KEYS] == [130, 105, 5, 5]


@pytest.mark.parametrize("header", [
    ["Lp.", "Uczestnik", "Instytucja", "Gmina", "Sektor", "I", "II"],
    ["Lp.", "Uczestnik/uczestniczka", "Instytucja", "Gmina", "Spotkanie", "Data"],
    ["Nazwisko i imię", "Instytucja / organizacja", "Liczba osób", "Spotkanie"],
])
def test_attendance_lists_with_participant_columns_are_still_attendance(header: list[str]) -> None:
    people = ["Jan Kowalski", "Anna Nowak"]
    rows = [header]
    for number, name in enumerate(people, start=1):
        surname_first = " ".join(reversed(name.split()))       # as a "Nazwisko i imię" column holds it
        row = {"Lp.": number, "Uczestnik": name, "Uczestnik/uczestniczka": name,
               "Nazwisko i imię": surname_first,
               "Instytucja": "UG Słupno", "Instytucja / organizacja": "UG Słupno", "Gmina": "Słupno",
               "Sektor": "kultura", "I": "x", "II": "x", "Spotkanie": 6, "Data": "07.12.2017",
               "Liczba osób": 1}
        rows.append([row[h] for h in header])
    result = check_table("xlsx", rows)
    assert result.kind == "attendance"
    assert set(result.accepted["person_name"]) == set(people)


# -- metrics and the summary ------------------------------------------------------------------------------


def test_project_figures_tell_no_figure_in_the_register_from_zero() -> None:
    figures = project_metrics.project_figures(office_projects())
    assert (figures.participants_planned, figures.participants_reached) == (None, PARTICIPANTS)
    assert (figures.jobs_planned, figures.jobs_created, figures.enterprises_created) == (None, JOBS, None)
    # a plan column present but left empty is no plan either; a plan of zeros is a plan of 0
    rows = [["Tytuł projektu", "Uczestnicy planowani", "Miejsca pracy planowane", "Miejsca pracy"],
            ["Skarby Powiatu Płockiego", None, 0, 0], ["Dowozik", None, 0, None]]
    figures = project_metrics.project_figures(check_table("xlsx", rows, stem="projekty").accepted)
    assert (figures.participants_planned, figures.jobs_planned, figures.jobs_created) == (None, 0, 0)


def test_projects_summary_sums_each_figure_or_gives_null() -> None:
    summary = projects_summary(office_projects())
    assert {k: summary[k] for k in FIGURE_KEYS} == {
        "participants_planned": None, "participants_reached": PARTICIPANTS, "jobs_planned": None,
        "jobs_reached": JOBS}


def run_cli(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PUP_DATABASE_URL": url}
    return subprocess.run([sys.executable, "-m", "analytics", *args], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_summary_json_through_the_command_line_gives_the_register_figures(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    office = tmp_path / FILE_NAME
    office.write_bytes(register_xls())
    checked = run_cli(url, "check", str(office), "--json")
    assert checked.returncode == 0, checked.stderr
    assert {k: json.loads(checked.stdout)["summary"][k] for k in FIGURE_KEYS} == {
        "participants_planned": None, "participants_reached": 213, "jobs_planned": None, "jobs_reached": 15}
    assert run_cli(url, "import", str(office), "--json").returncode == 0
    summary = json.loads(run_cli(url, "summary", "--json").stdout)["projects"]
    assert summary["projects"] == 7 and summary["projects_by_status"]["w realizacji"] == 3    # kept as was
    assert {k: summary[k] for k in FIGURE_KEYS} == {
        "participants_planned": None, "participants_reached": 213, "jobs_planned": None, "jobs_reached": 15}
    # a register with a plan, imported over it: the sums of the active register
    planned = tmp_path / "projekty_z_planem.xlsx"
    planned.write_bytes(xlsx_bytes([["Projekt", "Uczestnicy planowani", "Uczestnicy osiągnięci",
                                     "Miejsca pracy planowane", "Miejsca pracy"],
                                    ["Skarby Powiatu Płockiego", 300, 180, 2, 1],
                                    ["Dowozik", 40, None, 2, None]]))
    assert run_cli(url, "import", str(planned), "--json").returncode == 0
    summary = json.loads(run_cli(url, "summary", "--json").stdout)["projects"]
    assert [summary[k] for k in FIGURE_KEYS] == [340, 180, 4, 1]


# -- the overview -------------------------------------------------------------------------------------------


def import_office_register() -> None:
    store = store_api.open_store()
    try:
        outcome = importing.import_file(store, register_xls(), kind="projects", user="test",
                                        file_name=FILE_NAME)
        assert not hasattr(outcome, "error"), outcome
    finally:
        store.engine.dispose()


@pytest.mark.parametrize("role", ["viewer", "staff"])
def test_overview_says_there_is_no_plan_instead_of_of_zero(role: str) -> None:
    app = signed_in(role).run()
    import_office_register()
    app.switch_page("pages/overview.py").run()
    assert not app.exception, [e.value for e in app.exception]
    cards = {m.label: m for m in app.metric}
    people, jobs = cards[t("kpi_card_project_participants")], cards[t("kpi_jobs")]
    assert (people.value, people.delta) == ("213", "bez planu w rejestrze")
    assert (jobs.value, jobs.delta) == ("15", "bez planu w rejestrze")
    assert not [m for m in app.metric if " z 0" in m.value or m.value.endswith("z 0")]


# -- the reports -----------------------------------------------------------------------------------------


def sheet_text(ws) -> str:
    return "\n".join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None)


def test_excel_report_says_no_plan_and_draws_only_what_the_register_holds(demo_attendance) -> None:
    book = openpyxl.load_workbook(io.BytesIO(excel_report(demo_attendance, office_projects(),
                                                          metrics.Filters(), None)))
    summary = sheet_text(book[t("rpt_sheet_summary")])
    assert "213\u00a0osób (bez planu w rejestrze)" in summary
    assert "15\u00a0miejsc pracy (bez planu w rejestrze)" in summary
    assert "– planu" not in summary and "\u2013 planu" not in summary
    ws = book[t("rpt_sheet_projects")]
    # one chart per figure, each with the one series the register gives (what was reached)
    assert len(ws._charts) == 2
    for chart in ws._charts:
        assert len(chart.series) == 1
        reference = chart.series[0].val.numRef.f
        assert "$H$" in reference or "$K$" in reference          # reached participants, created jobs
    titles = [chart.title.tx.rich.p[0].r[0].t for chart in ws._charts]
    assert titles == ["Uczestnicy projektu (bez planu w rejestrze)", "Miejsca pracy (bez planu w rejestrze)"]


def test_excel_report_of_a_register_without_figures_has_no_empty_chart(demo_attendance) -> None:
    rows = [["Projekt", "Status"], ["Skarby Powiatu Płockiego", "pomysł"], ["Dowozik", "w toku"]]
    projects = check_table("xlsx", rows, stem="projekty").accepted
    book = openpyxl.load_workbook(io.BytesIO(excel_report(demo_attendance, projects, metrics.Filters(),
                                                          None)))
    ws = book[t("rpt_sheet_projects")]
    assert not ws._charts
    assert "rejestr nie podaje ani planu, ani wykonania: Uczestnicy projektu, Miejsca pracy" in sheet_text(ws)


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_pdf_summary_says_no_plan_and_fits_on_two_pages(demo_attendance) -> None:
    pages, text = pdf_text(summary_pdf(demo_attendance, office_projects(), metrics.Filters(), None))
    assert pages == 2
    assert "213 osób" in text.replace("\u00a0", " ") and "15 miejsc pracy" in text.replace("\u00a0", " ")
    assert text.count("bez planu w rejestrze") == 2
    assert " z 0" not in text
    assert all(" ".join(title.split()[:3]) in text for title in TITLES)


def test_old_xls_and_its_xlsx_copy_give_the_same_register() -> None:
    from_xls = check_bytes(register_xls(), FILE_NAME).accepted
    from_xlsx = check_bytes(xlsx_bytes(REGISTER, sheet="Projekty"), "rejestr.xlsx").accepted
    columns = ["title", "status", "start_date", "end_date", "budget", "participants_reached", "jobs_created"]
    pd.testing.assert_frame_equal(from_xls[columns], from_xlsx[columns], check_dtype=False)
    assert xls_bytes(REGISTER)[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"     # a real Excel 97 file
