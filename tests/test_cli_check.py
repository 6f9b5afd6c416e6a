"""`python -m analytics check FILE` through its real entry point: JSON shape, exit codes, Polish report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from builders import csv_bytes, looks_polish, png_bytes, xlsx_bytes

REPO_ROOT = Path(__file__).resolve().parent.parent
TOP_KEYS = {"file", "format", "kind", "sheet", "header_row", "rows_read", "rows_accepted", "rows_rejected",
            "rejected", "warnings", "summary"}
ATTENDANCE_SUMMARY_KEYS = {"meetings", "participants", "attendances", "participants_by_sector",
                           "participants_by_group", "participants_by_gmina", "attendances_by_meeting",
                           "partners", "partners_by_sector", "partners_by_gmina"}
PHONE = "601 234 567"

ATTENDANCE = [
    ["Lp.", "Imię i nazwisko", "Gmina", "Sektor", "Telefon", "Spotkanie", "Data spotkania"],
    [1, "Jan Kowalski", "gm. Słupno", "biznes", PHONE, "VI", "07.12.2017"],
    [2, "Anna Nowak", "Gąbin", "kultura", None, 6, "07.12.2017"],
    [3, "Łukasz Żółć", "Drobin", "edukacja", None, 2, "31.02.2017"],
    ["Razem", None, None, None, None, None, None],
]
TITLE = ["Lista obecności – Partnerstwo Lokalne 2017"]
PROJECTS = [
    ["Tytuł projektu", "Lider", "Status", "Budżet (zł)"],
    ["Skarby Powiatu Płockiego", "Ewa Lewandowska", "w toku", 8000],
    ["Dowozik – dowiozę Cię tam gdzie chcesz", "Marek Szymański", "koncepcja", 1000],
]


# The invocations the tests below look at, each: (file name, file bytes, extra arguments, extra env).
# They run once, side by side (starting Python with pandas takes seconds; the tests only read output).
INVOCATIONS: dict[str, tuple[str, bytes | None, list[str], dict[str, str]]] = {
    "attendance_json": ("lista_obecnosci.xlsx", xlsx_bytes(ATTENDANCE, title_rows=TITLE), ["--json"], {}),
    "attendance_text": ("lista_obecnosci.xlsx", xlsx_bytes(ATTENDANCE, title_rows=TITLE), [], {}),
    "cp1250_csv_json": ("lista.csv", csv_bytes(ATTENDANCE, encoding="cp1250", title_rows=TITLE),
                        ["--json", "--kind", "attendance"], {}),
    "projects_json": ("projekty.xlsx", xlsx_bytes(PROJECTS, sheet="Projekty"),
                      ["--kind", "projects", "--json"], {}),
    "png_json": ("zdjecie.png", png_bytes(), ["--json"], {}),
    "png_text": ("zdjecie.png", png_bytes(), [], {}),
    "too_big_json": ("za_duzy.csv",
                     csv_bytes([["Imię i nazwisko", "Spotkanie"]] + [[f"Osoba {n}", 1] for n in range(900)]),
                     ["--json"], {"PUP_MAX_UPLOAD_MB": "0.01"}),
    "missing_json": ("nie_ma_mnie.xlsx", None, ["--json"], {}),
}


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> dict[str, subprocess.CompletedProcess[str]]:
    folder = tmp_path_factory.mktemp("cli")
    base_env = {k: v for k, v in os.environ.items() if k != "PUP_MAX_UPLOAD_MB"}
    base_env["PUP_DATABASE_URL"] = f"sqlite:///{folder / 'test.db'}"
    base_env["PYTHONIOENCODING"] = "utf-8"
    running = {}
    for name, (file_name, data, extra, env) in INVOCATIONS.items():
        path = folder / name / file_name
        path.parent.mkdir()
        if data is not None:
            path.write_bytes(data)
        args = [sys.executable, "-m", "analytics", "check", str(path), *extra]
        process = subprocess.Popen(args, cwd=REPO_ROOT, env={**base_env, **env}, text=True, encoding="utf-8",
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        running[name] = (args, process)
    done = {}
    for name, (args, process) in running.items():
        stdout, stderr = process.communicate(timeout=120)
        done[name] = subprocess.CompletedProcess(args, process.returncode, stdout, stderr)
    return done


def only_json_object(stdout: str) -> dict:
    """stdout must be exactly one JSON object (whitespace around it allowed, nothing else)."""
    value = json.loads(stdout)
    assert isinstance(value, dict), stdout
    return value


def test_json_report_has_exactly_the_documented_shape(cli) -> None:
    done = cli["attendance_json"]

    assert done.returncode == 0, done.stderr
    report = only_json_object(done.stdout)
    assert set(report) == TOP_KEYS
    assert report["file"].endswith("lista_obecnosci.xlsx")
    assert report["format"] == "xlsx"
    assert report["kind"] == "attendance"
    assert report["sheet"] == "Lista"
    assert report["header_row"] == 2
    assert (report["rows_read"], report["rows_accepted"], report["rows_rejected"]) == (3, 2, 1)
    assert report["rows_read"] == report["rows_accepted"] + report["rows_rejected"]
    assert all(set(p) == {"row", "column", "value", "reason"} for p in report["rejected"])
    assert {p["row"] for p in report["rejected"]} == {5}
    assert all(isinstance(p["reason"], str) and looks_polish(p["reason"]) for p in report["rejected"])
    assert all(set(w) == {"row", "column", "message"} for w in report["warnings"])
    assert any("gm. Słupno" in w["message"] and "Słupno" in w["message"] for w in report["warnings"])
    assert any("biznes" in w["message"] and "gospodarka" in w["message"] for w in report["warnings"])
    summary = report["summary"]
    assert set(summary) == ATTENDANCE_SUMMARY_KEYS
    assert summary["participants"] == 2
    assert summary["attendances_by_meeting"] == {"6": 2}
    assert summary["participants_by_gmina"] == {"Słupno": 1, "Gąbin": 1}
    assert summary["participants_by_sector"] == {"gospodarka": 1, "kultura": 1}
    assert PHONE not in done.stdout


def test_json_report_warns_about_the_skipped_totals_row(cli) -> None:
    # Row 6 holds only "Razem" (in the Lp. column): a totals row, skipped with a warning naming it.
    report = only_json_object(cli["attendance_json"].stdout)

    assert any(w["row"] == 6 or "6" in w["message"] for w in report["warnings"]), report["warnings"]


def test_json_report_of_a_windows_1250_csv_has_no_sheet(cli) -> None:
    done = cli["cp1250_csv_json"]

    assert done.returncode == 0, done.stderr
    report = only_json_object(done.stdout)
    assert set(report) == TOP_KEYS
    assert (report["format"], report["sheet"], report["header_row"]) == ("csv", None, 2)
    assert report["rows_rejected"] == 1 and report["rejected"][0]["row"] == 5


def test_kind_projects_reports_projects_by_canonical_status(cli) -> None:
    done = cli["projects_json"]

    assert done.returncode == 0, done.stderr
    report = only_json_object(done.stdout)
    assert set(report) == TOP_KEYS
    assert report["kind"] == "projects"
    assert report["sheet"] == "Projekty"
    # the register has no participants or jobs columns: their sums are null, not 0 (issue 15)
    assert report["summary"] == {"projects": 2, "projects_by_status": {"w realizacji": 1, "pomysł": 1},
                                 "participants_planned": None, "participants_reached": None,
                                 "jobs_planned": None, "jobs_reached": None}


@pytest.mark.parametrize("invocation", ["png_json", "too_big_json", "missing_json"])
def test_unreadable_file_exits_2_with_only_an_error(cli, invocation: str) -> None:
    done = cli[invocation]

    assert done.returncode == 2, (done.stdout, done.stderr)
    report = only_json_object(done.stdout)
    assert list(report) == ["error"]
    assert looks_polish(report["error"]), report
    assert "Traceback" not in done.stderr


def test_text_report_is_readable_polish_with_counts_and_reasons(cli) -> None:
    as_json = only_json_object(cli["attendance_json"].stdout)
    done = cli["attendance_text"]

    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert not text.lstrip().startswith("{"), "without --json the report is text, not JSON"
    assert "Traceback" not in text + done.stderr
    assert looks_polish(text)
    assert "lista_obecnosci.xlsx" in text
    for number in (3, 2, 1):   # rows read, accepted, rejected
        assert str(number) in text
    assert "5" in text                                   # the rejected row's number
    assert as_json["rejected"][0]["reason"] in text      # and why
    assert any(w["message"] in text for w in as_json["warnings"])
    assert PHONE not in text


def test_text_report_of_an_unreadable_file_says_why_and_exits_2(cli) -> None:
    error = only_json_object(cli["png_json"].stdout)["error"]
    done = cli["png_text"]

    assert done.returncode == 2
    assert error in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr


WITHOUT_ARGON2 = r"""
import runpy, sys
sys.path.insert(0, sys.argv[1])
sys.modules["argon2"] = None          # as if argon2-cffi were not installed: importing it fails
sys.argv = ["python -m analytics", "--help"]
runpy.run_module("analytics", run_name="__main__")
"""


def test_a_missing_dependency_stops_the_command_line_instead_of_dropping_its_verbs() -> None:
    done = subprocess.run([sys.executable, "-c", WITHOUT_ARGON2, str(REPO_ROOT)], cwd=REPO_ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)

    assert done.returncode != 0
    assert "argon2" in done.stderr
    assert "check" not in done.stdout           # no help listing that quietly lacks the `users` verbs


def test_every_verb_is_listed_in_the_help() -> None:
    done = subprocess.run([sys.executable, "-m", "analytics", "--help"], cwd=REPO_ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)

    assert done.returncode == 0
    for verb in ("check", "import", "versions", "rollback", "summary", "export-rejected", "demo", "report",
                 "summary-pdf", "certificates", "users"):
        assert verb in done.stdout, verb
