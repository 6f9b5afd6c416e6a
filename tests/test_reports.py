"""The Excel report and the printable summary, opened again and read: openpyxl finds a native chart on
every breakdown sheet and the numbers the metrics compute, and no participant's name anywhere; pypdf
finds the headline figures in the summary. Also the `report` and `summary-pdf` verbs through
`python -m analytics` on the test's own database (conftest sets PUP_DATABASE_URL).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from html import escape
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from pypdf import PdfReader

from analytics import metrics, project_metrics
from analytics.catalogue import t
from analytics.formatting import format_int, format_number, format_pct, value_label
from analytics.metrics import Filters
from analytics.reading.normalise import person_key
from analytics.reading.pipeline import check_file
from analytics.reports.excel import excel_report
from analytics.reports.pdf import summary_pdf
from analytics.results import ATTENDANCE_COLUMNS, PROJECT_COLUMNS
from analytics.vocabulary import vocabulary

REPO_ROOT = Path(__file__).resolve().parent.parent
DEMO = REPO_ROOT / "data" / "demo"
DATES = {1: "2017-05-25", 2: "2017-06-22", 3: "2017-09-21", 4: "2017-10-19", 5: "2017-11-16", 6: "2017-12-07"}
BREAKDOWN_SHEETS = ("rpt_sheet_sector", "rpt_sheet_group", "rpt_sheet_gmina", "rpt_sheet_meetings",
                    "rpt_sheet_retention", "rpt_sheet_projects", "rpt_sheet_status")

# (name as typed, meetings, sector, group, gmina): names with every Polish letter, spelled as staff
# type them (one person also as "ŚLIWIŃSKA Bożena"), and one person from outside the county.
PEOPLE = [
    ("Łucja Kądziołka", (1, 2, 3, 4, 5, 6), "edukacja", "uczniowie", "Płock"),
    ("Jędrzej Ćwikliński", (1, 2, 3), "gospodarka", "przedsiębiorcy", "Słupno"),
    ("Żaneta Woźniak", (1, 6), "kultura", "mieszkańcy", "Gąbin"),
    ("Bożena Śliwińska", (2, 3, 4, 5), "opieka społeczna", "samorząd lokalny", "Bielsk"),
    ("Mirosław Ziółkowski", (1,), "rynek pracy", "organizacje pozarządowe", "Łąck"),
    ("Zdzisław Źrebiec", (4, 5, 6), "gospodarka", "samorząd lokalny", "Gostynin"),
    ("Grażyna Kośmider-Łęcka", (3, 6), "kultura", "organizacje pozarządowe", "Stara Biała"),
    ("Wiesław Maćkowiak", (1, 2, 3, 4, 5, 6), "gospodarka", "przedsiębiorcy", "Drobin"),
]


def attendance_frame(people: list[tuple] = PEOPLE) -> pd.DataFrame:
    """The accepted attendance the pipeline would hand on: one row per person per meeting."""
    vocab = vocabulary()
    records = []
    for name, meetings, sector, group, gmina in people:
        teryt = vocab.teryt_of(gmina)
        for meeting in meetings:
            records.append({
                "row": len(records) + 2, "sheet": "Lista",
                "person_key": person_key(name), "person_name": name,
                "institution": f"Instytucja – {name}", "gmina": gmina, "teryt": teryt,
                "in_county": teryt is not None, "sector": sector, "sector_other": None, "group": group,
                "group_other": None, "meeting": meeting, "meeting_date": pd.Timestamp(DATES[meeting]),
            })
    frame = pd.DataFrame(records, columns=ATTENDANCE_COLUMNS)
    return frame.astype({"meeting": "Int64", "meeting_date": "datetime64[s]"})


def projects_frame() -> pd.DataFrame:
    rows = [
        {"title": "Skarby Powiatu Płockiego", "leader": "Anna Liderka", "status": "w realizacji",
         "budget": 75000.0, "participants_planned": 300, "participants_reached": 180, "jobs_planned": 2,
         "jobs_created": 1, "enterprises_created": 1},
        {"title": "Dowozik – dowiozę Cię tam gdzie chcesz", "leader": "Piotr Przewoźnik",
         "status": "wstrzymany",
         "budget": 90000.0, "participants_planned": 40, "participants_reached": 12, "jobs_planned": 2,
         "jobs_created": 1, "enterprises_created": 1},
        {"title": "=Promuj! Pomagaj! Nie przeszkadzaj!", "leader": None, "status": "pomysł", "budget": None,
         "participants_planned": 120, "participants_reached": 0, "jobs_planned": 0, "jobs_created": 0,
         "enterprises_created": 0},
    ]
    defaults = {"row": 2, "sheet": "Projekty", "status_other": None, "start_date": pd.Timestamp("2018-03-01"),
                "end_date": pd.Timestamp("2019-12-31"), "gminy": "Płock", "notes": "Uwagi: Łucja Kądziołka",
                "last_update": pd.Timestamp("2019-06-28")}
    frame = pd.DataFrame([{**defaults, **row} for row in rows], columns=PROJECT_COLUMNS)
    return frame.astype({c: "Int64" for c in ("participants_planned", "participants_reached", "jobs_planned",
                                               "jobs_created", "enterprises_created")})


@pytest.fixture(scope="module")
def demo() -> tuple[pd.DataFrame, pd.DataFrame]:
    return (check_file(DEMO / "lista_obecnosci_2017.xlsx").accepted,
            check_file(DEMO / "projekty_2017.xlsx").accepted)


def workbook(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def table(ws, header: str) -> pd.DataFrame:
    """The table whose header row starts with `header` in column A, read back as a frame."""
    top = next(row for row in range(1, ws.max_row + 1) if ws.cell(row=row, column=1).value == header)
    headers = []
    for column in range(1, ws.max_column + 1):
        value = ws.cell(row=top, column=column).value
        if value is None:
            break
        headers.append(value)
    rows = []
    for row in range(top + 1, ws.max_row + 2):
        values = [ws.cell(row=row, column=c).value for c in range(1, len(headers) + 1)]
        if all(v is None for v in values):
            break
        rows.append(values)
    return pd.DataFrame(rows, columns=headers, dtype=object)


def every_text(book: openpyxl.Workbook) -> str:
    """Every cell of every sheet, every chart title, and the document properties, as one text."""
    parts = []
    for ws in book.worksheets:
        parts.append(ws.title)
        for row in ws.iter_rows(values_only=True):
            parts += [str(v) for v in row if v is not None]
        for chart in ws._charts:
            parts.append(repr(chart.title))
    properties = book.properties
    parts += [str(properties.title), str(properties.creator), str(properties.description)]
    return "\n".join(parts)


# -- Excel ---------------------------------------------------------------------------------------------


def test_every_breakdown_sheet_has_a_native_chart() -> None:
    book = workbook(excel_report(attendance_frame(), projects_frame(), Filters(), None))
    assert book.sheetnames[0] == t("rpt_sheet_summary")
    for key in BREAKDOWN_SHEETS:
        ws = book[t(key)]
        assert ws._charts, f"no chart on {ws.title}"
        assert ws.freeze_panes is not None
        assert ws.print_area
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth == 1
    assert len(book[t("rpt_sheet_projects")]._charts) == 2


def test_participation_sheets_hold_the_numbers_the_metrics_compute() -> None:
    attendance, projects = attendance_frame(), projects_frame()
    book = workbook(excel_report(attendance, projects, Filters(), None))
    for dimension, sheet, header in (("sector", "rpt_sheet_sector", "chart_col_sector"),
                                     ("group", "rpt_sheet_group", "chart_col_group"),
                                     ("gmina", "rpt_sheet_gmina", "chart_col_gmina")):
        expected = metrics.participants_by(attendance, dimension)
        got = table(book[t(sheet)], t(header)).set_index(t(header))
        for key, participants, share in expected.itertuples(index=False):
            assert got.loc[value_label(key), t("chart_col_participants")] == participants
            assert got.loc[value_label(key), t("chart_col_share")] == pytest.approx(share)
        assert len(got) == len(expected)


def test_meeting_and_retention_sheets_match_the_metrics() -> None:
    attendance = attendance_frame()
    book = workbook(excel_report(attendance, projects_frame(), Filters(), None))
    meetings = metrics.meetings_table(attendance)
    got = table(book[t("rpt_sheet_meetings")], t("chart_col_meeting"))
    assert got[t("rpt_col_number")].tolist() == meetings["meeting"].tolist()
    assert got[t("chart_col_attendances")].tolist() == meetings["attendances"].tolist()
    assert got[t("chart_col_new")].tolist() == meetings["new_participants"].tolist()
    assert got[t("chart_col_returning")].tolist() == meetings["returning"].tolist()
    assert [d.date() for d in got[t("chart_col_date")]] == [d.date() for d in meetings["meeting_date"]]
    retention = metrics.retention_counts(attendance)
    got = table(book[t("rpt_sheet_retention")], t("chart_col_meetings_attended"))
    assert got[t("chart_col_people")].tolist() == retention["people"].tolist()


def test_projects_sheet_shows_status_dates_budget_and_plan_against_reached() -> None:
    projects = projects_frame()
    book = workbook(excel_report(attendance_frame(), projects, Filters(), None))
    ws = book[t("rpt_sheet_projects")]
    got = table(ws, t("chart_col_title"))
    expected = project_metrics.projects_table(projects)
    assert got[t("chart_col_status")].tolist() == [value_label(s) for s in expected["status"]]
    assert t("chart_col_leader") not in got.columns
    assert "Anna Liderka" not in every_text(book)
    assert got[t("chart_col_budget")].tolist() == [None, 75000, 90000]
    assert got[t("chart_col_participants_planned")].tolist() == expected["participants_planned"].tolist()
    assert got[t("chart_col_participants_reached")].tolist() == expected["participants_reached"].tolist()
    assert got[t("chart_col_jobs_created")].tolist() == expected["jobs_created"].tolist()
    assert got[t("chart_col_participants_ratio")].tolist() == pytest.approx([0.0, 0.6, 0.3])
    assert got.loc[0, t("chart_col_jobs_ratio")] is None          # nothing planned: no share of plan
    assert [d.date().isoformat() for d in got[t("chart_col_start")]] == ["2018-03-01"] * 3
    # a title that starts like a formula stays text
    assert got.loc[0, t("chart_col_title")] == "'=Promuj! Pomagaj! Nie przeszkadzaj!"
    status = table(book[t("rpt_sheet_status")], t("chart_col_status")).set_index(t("chart_col_status"))
    by_status = project_metrics.project_figures(projects).by_status
    assert status[t("chart_col_projects")].to_dict() == {value_label(s): n for s, n in by_status.items()}
    assert status.loc[value_label("w realizacji"), t("chart_col_titles")] == "Skarby Powiatu Płockiego"


def test_a_title_with_a_control_character_from_a_pasted_cell_does_not_break_the_report() -> None:
    projects = projects_frame()
    projects.loc[0, "title"] = "Skarby\x0bPowiatu\x01 Płockiego"      # XML forbids these in a cell

    book = workbook(excel_report(attendance_frame(), projects, Filters(), None))

    got = table(book[t("rpt_sheet_projects")], t("chart_col_title"))
    assert "SkarbyPowiatu Płockiego" in got[t("chart_col_title")].tolist()
    assert "\x0b" not in every_text(book) and "\x01" not in every_text(book)


def test_projects_sheet_follows_the_gmina_filter_as_the_pages_do() -> None:
    projects = projects_frame()
    projects.loc[1, "gminy"] = "Słupno; Radzanowo"
    book = workbook(excel_report(attendance_frame(), projects, Filters(gminy=("Słupno",)), None))
    got = table(book[t("rpt_sheet_projects")], t("chart_col_title"))
    assert got[t("chart_col_title")].tolist() == ["Dowozik – dowiozę Cię tam gdzie chcesz"]
    everything = workbook(excel_report(attendance_frame(), projects, Filters(), None))
    assert len(table(everything[t("rpt_sheet_projects")], t("chart_col_title"))) == 3


def test_cells_carry_polish_number_and_date_formats() -> None:
    book = workbook(excel_report(attendance_frame(), projects_frame(), Filters(), None))
    ws = book[t("rpt_sheet_projects")]
    header = {ws.cell(row=4, column=c).value: c for c in range(1, ws.max_column + 1)}
    assert ws.cell(row=5, column=header[t("chart_col_start")]).number_format == "dd.mm.yyyy"
    assert ws.cell(row=5, column=header[t("chart_col_participants_planned")]).number_format == "#,##0"
    assert ws.cell(row=6, column=header[t("chart_col_budget")]).number_format == '#,##0 "zł"'


def test_summary_sheet_gives_headline_version_and_filters() -> None:
    from analytics.store import VersionInfo
    attendance, projects = attendance_frame(), projects_frame()
    filters = Filters(meetings=(2, 3, 4, 5, 6), sectors=("gospodarka",))
    info = VersionInfo(id=7, kind="attendance", file_name="lista.xlsx", sha256="x", user="ewa",
                       created_at=pd.Timestamp("2026-11-20 13:05", tz="UTC").to_pydatetime(), mode="replace",
                       format="xlsx", sheet="Lista", header_row=1, rows_read=10, rows_accepted=10,
                       rows_rejected=0, dataset_rows=10, demo=False, active=True, parent_id=None, note=None)
    book = workbook(excel_report(attendance, projects, filters, [info]))
    ws = book[t("rpt_sheet_summary")]
    chosen = metrics.apply_filters(attendance, filters)
    head = metrics.headline(chosen, projects, metrics.meeting_schedule(attendance, filters))
    figures = table(ws, t("rpt_col_measure")).set_index(t("rpt_col_measure"))[t("rpt_col_value")]
    assert figures[t("kpi_meetings")] == head.meetings == 5
    assert figures[t("kpi_participants")] == head.participants
    assert figures[t("kpi_attendances")] == head.attendances
    assert figures[t("kpi_retention")] == pytest.approx(head.retention)
    assert figures[t("kpi_projects")] == 3
    text = every_text(book)
    assert "wersja 7" in text and "lista.xlsx" in text and "ewa" in text
    assert "gospodarka" in text and "II, III, IV, V, VI" in text
    assert t("programme_cycle_title") in text


def every_part(data: bytes) -> str:
    """Every file inside the .xlsx (sheets, shared strings, charts, properties), as text."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


def test_report_holds_no_participant_name_nor_institution() -> None:
    attendance = attendance_frame()
    data = excel_report(attendance, projects_frame(), Filters(), None)
    text = every_text(workbook(data))
    raw = every_part(data)
    for name in set(attendance["person_name"]) | set(attendance["institution"]):
        assert name not in text
        assert name not in raw and escape(name) not in raw
    for name, *_ in PEOPLE:
        surname = name.split()[-1]
        assert surname not in text, name    # not even a surname (the projects' notes are left out)


def test_demo_report_names_no_participant_not_even_a_project_leader(demo) -> None:
    attendance, projects = demo
    text = every_text(workbook(excel_report(attendance, projects, Filters(), None)))
    for name in set(attendance["person_name"]) | set(projects["leader"].dropna()):
        assert name not in text, name
    chosen = metrics.apply_filters(attendance, Filters())
    assert format_int(metrics.headline(chosen, projects).participants) in text


def test_report_in_english_has_english_sheets() -> None:
    book = workbook(excel_report(attendance_frame(), projects_frame(), Filters(), None, lang="en"))
    assert book.sheetnames == ["Summary", "Sectors", "Groups", "Gminy", "Meetings", "Retention", "Projects",
                               "Project status"]


def test_report_on_no_data_still_opens() -> None:
    empty = attendance_frame([])
    book = workbook(excel_report(empty, projects_frame().iloc[0:0], Filters(), None))
    assert t("rpt_sheet_summary") in book.sheetnames


# -- PDF summary ---------------------------------------------------------------------------------------


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_summary_pdf_prints_the_headline_figures(demo) -> None:
    attendance, projects = demo
    pages, text = pdf_text(summary_pdf(attendance, projects, Filters(), None))
    head = metrics.headline(attendance, projects)
    assert 1 <= pages <= 4
    for figure in (format_int(head.participants), format_int(head.attendances), format_int(head.meetings),
                   format_number(head.average_per_meeting, 1), format_pct(head.retention),
                   t("kpi_of", value=head.gminy_reached, total=head.gminy_total),
                   t("kpi_of", value=format_int(head.projects.participants_reached),
                     total=format_int(head.projects.participants_planned))):
        assert figure in text, figure
    assert "Partnerstwo Lokalne" in text
    assert "25\u00a0maja – 7\u00a0grudnia 2017" in text or "25 maja – 7 grudnia 2017" in text


def test_summary_pdf_follows_the_filters_and_names_nobody() -> None:
    attendance = attendance_frame()
    filters = Filters(meetings=(4, 5, 6))
    _, text = pdf_text(summary_pdf(attendance, projects_frame(), filters, None))
    head = metrics.headline(metrics.apply_filters(attendance, filters), projects_frame(),
                            metrics.meeting_schedule(attendance, filters))
    assert t("rpt_filter_meetings") + ": IV, V, VI" in text
    assert format_int(head.attendances) in text
    for name, *_ in PEOPLE:
        assert name not in text


def test_summary_pdf_of_no_data_still_prints() -> None:
    pages, text = pdf_text(summary_pdf(attendance_frame([]), projects_frame().iloc[0:0], Filters(), None))
    assert pages == 1 and t("chart_no_data") in " ".join(text.split())


# -- the command line ----------------------------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "PUP_NO_DEMO"}
    return subprocess.run([sys.executable, "-m", "analytics", *args], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


def test_cli_report_writes_the_workbook_for_the_chosen_dates(tmp_path: Path) -> None:
    out = tmp_path / "raporty" / "raport.xlsx"
    # the demo's 2017 cycle, named: without --programme the report is of the most recent, 2018
    done = run_cli("report", "--out", str(out), "--from", "2017-09-01", "--to", "07.12.2017",
                   "--programme", "Partnerstwo Lokalne 2017")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)
    ws = workbook(out.read_bytes())[t("rpt_sheet_summary")]
    figures = table(ws, t("rpt_col_measure")).set_index(t("rpt_col_measure"))[t("rpt_col_value")]
    assert figures[t("kpi_meetings")] == 4          # III–VI of the demo's six meetings
    assert "III, IV, V, VI" in every_text(workbook(out.read_bytes()))


def test_cli_summary_pdf_writes_a_pdf(tmp_path: Path) -> None:
    out = tmp_path / "podsumowanie.pdf"
    done = run_cli("summary-pdf", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)
    pages, text = pdf_text(out.read_bytes())
    assert pages >= 1 and "Partnerstwo Lokalne" in text


@pytest.mark.parametrize(("args", "message"), [
    (("report", "--out", "r.xlsx", "--from", "2017-13-45"), "Nieprawidłowa data"),
    (("report", "--out", "r.xlsx", "--from", "07.12.2017", "--to", "2017-05-25"), "późniejsza"),
    (("summary-pdf", "--out", "raport.xlsx"), "rozszerzenie .pdf"),
])
def test_cli_refuses_bad_arguments_in_polish(args: tuple[str, ...], message: str) -> None:
    done = run_cli(*args)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr
