"""The store's verbs through the real command line, `python -m analytics …`, on a temporary database.

Spreadsheets are built here with openpyxl, in the long attendance shape staff type: one row per
person per meeting. Meeting 6 (7 December 2017) is real; the date of meeting 5 is illustrative.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
import sign_in_sheets
from test_store import meetings_in
from test_store_migrations import make_schema_1_database
from test_store_support import REPO_ROOT, store_state

from analytics import importing
from analytics import store as store_api

HEADER = ["Imię i nazwisko", "Gmina", "Sektor", "Grupa", "Spotkanie", "Data spotkania"]
MEETING_5 = [
    ["Jan Kowalski", "gm. Słupno", "kultura", "mieszkańcy", 5, dt.date(2017, 11, 9)],
    ["Anna Nowak", "Bielsk", "edukacja", "JST", 5, dt.date(2017, 11, 9)],
]
MEETING_6 = [
    ["Jan Kowalski", "Słupno", "kultura", "mieszkańcy", 6, dt.date(2017, 12, 7)],
    ["Ewa Lis", "m. Płock", "biznes", "przedsiębiorcy", 6, dt.date(2017, 12, 7)],
    ["Olga Wrona", "Gostynin", "pomoc społeczna", "NGO", 6, dt.date(2017, 12, 7)],
]
# The counts before and after an import were added to both shapes in issue 15 (keys only added).
COUNT_KEYS = {"dataset_rows_before", "dataset_rows", "participants_before", "participants_after"}
IMPORT_KEYS = {"version", "kind", "mode", "rows_accepted", "rows_rejected", "duplicate_of", "warnings",
               "rejected"} | COUNT_KEYS
VERSION_KEYS = {"version", "kind", "file", "sha256", "user", "created_at", "mode", "rows_accepted",
                "rows_rejected", "active", "demo"} | COUNT_KEYS


def attendance_xlsx(path: Path, rows: list[list]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Lista"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"    # text typed as '=…, as a user can: not a formula
    workbook.save(path)
    return path


def run_cli(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PUP_DATABASE_URL": url}
    return subprocess.run([sys.executable, "-m", "analytics", *args], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def run_json(url: str, *args: str, exit_code: int = 0):  # noqa: ANN201 - whatever the JSON holds
    done = run_cli(url, *args, "--json")
    assert done.returncode == exit_code, done.stderr + done.stdout
    return json.loads(done.stdout)


def opened(url: str) -> store_api.Store:
    return store_api.open_store(url)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return {
        "s5": attendance_xlsx(tmp_path / "spotkanie_5.xlsx", MEETING_5),
        "s6": attendance_xlsx(tmp_path / "spotkanie_6.xlsx", MEETING_6),
        "s6_fixed": attendance_xlsx(tmp_path / "spotkanie_6_poprawione.xlsx", MEETING_6 + [
            ["Piotr Sowa", "Drobin", "rynek pracy", "mieszkańcy", 6, dt.date(2017, 12, 7)]]),
        "both": attendance_xlsx(tmp_path / "lista_5_6.xlsx", MEETING_5 + MEETING_6),
        "with_bad_row": attendance_xlsx(tmp_path / "z_bledem.xlsx", MEETING_6 + [
            ["=HYPERLINK(\"http://x\")", "Słupno", "kultura", "mieszkańcy", "abc", dt.date(2017, 12, 7)]]),
        "empty": tmp_path / "pusty.xlsx",
    }


@pytest.fixture(autouse=True)
def _empty_file(files: dict[str, Path]) -> None:
    files["empty"].write_bytes(b"")


def test_import_reports_the_new_version_and_a_reimport_names_the_duplicate(db_url: str, files: dict) -> None:
    first = run_json(db_url, "import", str(files["both"]), "--user", "kasia")

    assert set(first) == IMPORT_KEYS
    assert isinstance(first["version"], int) and first["duplicate_of"] is None
    assert (first["kind"], first["mode"], first["rows_accepted"], first["rows_rejected"]) == (
        "attendance", "replace", 5, 0)
    assert any("Słupno" in w["message"] for w in first["warnings"])

    again = run_json(db_url, "import", str(files["both"]), "--user", "kasia")

    assert (again["version"], again["duplicate_of"]) == (None, first["version"])
    assert len(run_json(db_url, "versions")) == 1


def test_append_of_a_new_meeting_then_a_corrected_list_of_the_same_meeting(db_url: str, files: dict) -> None:
    run_json(db_url, "import", str(files["s5"]), "--kind", "attendance")
    added = run_json(db_url, "import", str(files["s6"]), "--mode", "append")
    fixed = run_json(db_url, "import", str(files["s6_fixed"]), "--mode", "append")

    assert (added["mode"], added["rows_accepted"], fixed["rows_accepted"]) == ("append", 3, 4)
    summary = run_json(db_url, "summary")
    assert summary["attendance"]["attendances_by_meeting"] == {"5": 2, "6": 4}
    assert summary["projects"] is None
    store = opened(db_url)
    try:
        assert meetings_in(store_api.active_frame(store, "attendance")) == {5: 2, 6: 4}
    finally:
        store.close()


def test_rollback_makes_the_earlier_version_active_and_versions_lists_every_one(db_url: str,
                                                                               files: dict) -> None:
    first = run_json(db_url, "import", str(files["s5"]), "--user", "kasia")
    second = run_json(db_url, "import", str(files["s6"]), "--mode", "append", "--user", "kasia")

    done = run_cli(db_url, "rollback", str(first["version"]), "--user", "dyrektor")

    assert done.returncode == 0, done.stderr
    assert "Aktywna wersja" in done.stdout
    listed = run_json(db_url, "versions", "--kind", "attendance")
    assert all(set(v) == VERSION_KEYS for v in listed)
    assert [(v["version"], v["active"], v["mode"], v["demo"]) for v in listed] == [
        (first["version"], True, "replace", False), (second["version"], False, "append", False)]
    assert listed[0]["file"] == "spotkanie_5.xlsx" and len(listed[0]["sha256"]) == 64
    assert dt.datetime.fromisoformat(listed[0]["created_at"]).utcoffset() == dt.timedelta(0)
    assert run_json(db_url, "summary")["attendance"]["attendances_by_meeting"] == {"5": 2}
    assert run_json(db_url, "versions", "--kind", "projects") == []


def test_rollback_to_an_unknown_version_fails_in_polish(db_url: str) -> None:
    done = run_cli(db_url, "rollback", "77")

    assert done.returncode == 1
    assert "Nie ma wersji 77" in done.stderr


def test_a_refused_file_exits_2_stores_nothing_and_is_audited(db_url: str, files: dict) -> None:
    run_json(db_url, "import", str(files["s5"]))
    store = opened(db_url)
    try:
        before = store_state(store)

        refused = run_json(db_url, "import", str(files["empty"]), "--user", "kasia", exit_code=2)

        assert list(refused) == ["error"] and refused["error"]
        after = store_state(store)
        unchanged = ("versions", "active", "rows")
        assert [after[k] for k in unchanged] == [before[k] for k in unchanged]
        assert after["audit"] == before["audit"] + 1
        assert store_api.audit_log(store, 1)[0].action == "import_refused"
    finally:
        store.close()
    plain = run_cli(db_url, "import", str(files["empty"]))
    assert plain.returncode == 2 and "pusty" in plain.stderr.lower()


INTERRUPTED_IMPORT = r"""
import runpy, sys
sys.path.insert(0, sys.argv[1])
from analytics.store import versions as store_versions
written = []
original = store_versions.write_chunk
def write_then_fail(*args):
    if written:
        raise OSError("zasilanie odcięte w połowie zapisu")
    written.append(1)
    original(*args)
store_versions.CHUNK_ROWS = 2
store_versions.write_chunk = write_then_fail
sys.argv = ["python -m analytics", *sys.argv[2:]]
runpy.run_module("analytics", run_name="__main__")
"""


def test_an_import_interrupted_halfway_leaves_the_store_as_it_was(db_url: str, files: dict) -> None:
    run_json(db_url, "import", str(files["s5"]))
    store = opened(db_url)
    try:
        before = store_state(store)

        done = subprocess.run(
            [sys.executable, "-c", INTERRUPTED_IMPORT, str(REPO_ROOT), "import", str(files["s6"]),
             "--mode", "append", "--json"],
            cwd=REPO_ROOT, env={**os.environ, "PUP_DATABASE_URL": db_url}, capture_output=True, text=True,
            timeout=300,
        )

        assert done.returncode != 0
        assert "error" in json.loads(done.stdout)
        assert store_state(store) == before
        assert meetings_in(store_api.active_frame(store, "attendance")) == {5: 2}
    finally:
        store.close()


def test_two_imports_started_together_both_land_one_after_the_other(db_url: str, files: dict) -> None:
    store_api.open_store(db_url).close()
    env = {**os.environ, "PUP_DATABASE_URL": db_url}
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "analytics", "import", str(files[name]), "--mode", "append", "--json"],
            cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for name in ("s5", "s6")
    ]
    outputs = [child.communicate(timeout=300) for child in children]

    assert [c.returncode for c in children] == [0, 0], [err for _, err in outputs]
    made = sorted(json.loads(out)["version"] for out, _ in outputs)
    listed = run_json(db_url, "versions")
    assert [v["version"] for v in listed] == made
    assert listed[-1]["active"]
    assert run_json(db_url, "summary")["attendance"]["attendances_by_meeting"] == {"5": 2, "6": 3}


def test_export_rejected_writes_the_rows_to_fix_with_their_reasons(db_url: str, files: dict,
                                                                   tmp_path: Path) -> None:
    imported = run_json(db_url, "import", str(files["with_bad_row"]))
    assert imported["rows_rejected"] == 1 and imported["rejected"]
    out = tmp_path / "do_poprawy.xlsx"

    done = run_cli(db_url, "export-rejected", str(imported["version"]), "--out", str(out))

    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(out).active
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert header[-1] == "Powody odrzucenia" and "Imię i nazwisko" in header
    assert row["Imię i nazwisko"] == "'=HYPERLINK(\"http://x\")"
    assert row["Spotkanie"] == "abc" and row["Powody odrzucenia"]


def test_export_rejected_of_an_unknown_version_fails(db_url: str, tmp_path: Path) -> None:
    done = run_cli(db_url, "export-rejected", "5", "--out", str(tmp_path / "x.xlsx"))
    assert done.returncode == 1 and "Nie ma wersji 5" in done.stderr


def test_without_json_the_output_is_polish_sentences(db_url: str, files: dict) -> None:
    imported = run_cli(db_url, "import", str(files["s5"]))
    again = run_cli(db_url, "import", str(files["s5"]))
    listed = run_cli(db_url, "versions")
    summary = run_cli(db_url, "summary")

    assert imported.returncode == 0 and "Zapisano wersję 1" in imported.stdout
    assert "już aktywną wersją 1" in again.stdout
    assert "AKTYWNA" in listed.stdout and "spotkanie_5.xlsx" in listed.stdout
    assert "Lista obecności (wersja 1)" in summary.stdout
    assert "Rejestr projektów: brak danych" in summary.stdout


def test_a_figure_the_register_lacks_is_a_dash_in_the_sentences_and_null_in_json(db_url: str,
                                                                                 tmp_path: Path) -> None:
    register = tmp_path / "projekty.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Tytuł projektu", "Status"])
    book.active.append(["Dowozik", "w realizacji"])
    book.save(register)
    assert run_cli(db_url, "import", str(register)).returncode == 0

    lines = run_cli(db_url, "summary").stdout.splitlines()
    assert "  participants_planned: –" in lines and "  jobs_reached: –" in lines
    assert not any("None" in line for line in lines)
    assert run_json(db_url, "summary")["projects"]["participants_planned"] is None


def test_the_user_defaults_to_the_login_name(db_url: str, files: dict) -> None:
    run_json(db_url, "import", str(files["s5"]))
    assert run_json(db_url, "versions")[0]["user"] == getpass.getuser()


def test_a_schema_1_database_is_read_and_extended_through_the_command_line(db_url: str, files: dict) -> None:
    make_schema_1_database(db_url)

    listed = run_json(db_url, "versions")
    added = run_json(db_url, "import", str(files["s6"]), "--mode", "append")

    assert [(v["version"], v["kind"], v["active"], v["demo"]) for v in listed] == [
        (1, "attendance", True, False), (2, "projects", True, True)]
    assert added["version"] == 3
    assert run_json(db_url, "summary")["attendance"]["attendances_by_meeting"] == {"1": 2, "2": 1, "6": 3}


def test_demo_loads_the_demo_files_as_new_versions_each_time(db_url: str) -> None:
    if not all(path.exists() for path in importing.DEMO_FILES.values()):
        pytest.skip("the demo files are not in data/demo yet")

    first = run_json(db_url, "demo")
    second = run_json(db_url, "demo")

    # Two demo cycles, 2017 and 2018, each a programme with both datasets.
    assert [o["kind"] for o in first] == ["attendance", "projects"] * 2
    assert all(o["version"] and o["duplicate_of"] is None for o in first + second)
    listed = run_json(db_url, "versions")
    assert len(listed) == 8 and all(v["demo"] for v in listed)
    assert [v["active"] for v in listed] == [False] * 4 + [True] * 4


def test_merge_through_the_command_line_unites_three_sign_in_sheets(db_url: str, tmp_path: Path) -> None:
    paths = {}
    for name, data in sign_in_sheets.sheets().items():
        paths[name] = tmp_path / name
        paths[name].write_bytes(data)

    first = run_json(db_url, "import", str(paths["lista_kasi.xlsx"]), "--user", "kasia")
    second = run_json(db_url, "import", str(paths["lista_marka.xlsx"]), "--mode", "merge", "--user", "marek")
    third = run_cli(db_url, "import", str(paths["lista_oli.xlsx"]), "--mode", "merge", "--user", "ola")

    assert set(second) == IMPORT_KEYS
    assert (first["mode"], second["mode"]) == ("replace", "merge")
    assert (second["dataset_rows_before"], second["dataset_rows"]) == (17, 25)
    assert (second["participants_before"], second["participants_after"]) == (5, 7)
    assert third.returncode == 0, third.stderr
    assert "(lista obecności, scalenie)" in third.stdout
    assert "Dodano osoby do spotkań II–IV, VI (II +1, III +1, IV +1, VI +1): 25 → 29 obecności, 7 → 8 osób." \
        in third.stdout
    summary = run_json(db_url, "summary")["attendance"]
    assert (summary["attendances"], summary["participants"]) == sign_in_sheets.A_B_C_COUNTS
    by_meeting = {str(m): n for m, n in sign_in_sheets.A_B_C_BY_MEETING.items()}
    assert summary["attendances_by_meeting"] == by_meeting

    listed = run_json(db_url, "versions")
    assert all(set(v) == VERSION_KEYS for v in listed)
    assert [(v["mode"], v["dataset_rows_before"], v["dataset_rows"]) for v in listed] == [
        ("replace", 0, 17), ("merge", 17, 25), ("merge", 25, 29)]
    plain = run_cli(db_url, "versions").stdout.splitlines()
    assert ["scalenie" in line and "zbiór 17 → 25 obecności, 5 → 7 osób" in line for line in plain] == [
        False, True, False]
    assert "zbiór 25 → 29 obecności, 7 → 8 osób" in plain[2]


def test_append_through_the_command_line_replaces_the_meetings_and_says_so(db_url: str,
                                                                          tmp_path: Path) -> None:
    paths = {}
    for name, data in sign_in_sheets.sheets().items():
        paths[name] = tmp_path / name
        paths[name].write_bytes(data)
    run_json(db_url, "import", str(paths["lista_kasi.xlsx"]))

    appended = run_cli(db_url, "import", str(paths["lista_marka.xlsx"]), "--mode", "append")

    assert appended.returncode == 0, appended.stderr
    assert "Zastąpiono spotkania I–VI: 17 → 12 obecności, 5 → 4 osoby." in appended.stdout
    assert "Zastąpione spotkania: 1, 2, 3, 4, 5, 6." in appended.stdout


def test_an_unknown_mode_is_refused_by_the_command_line(db_url: str, files: dict) -> None:
    done = run_cli(db_url, "import", str(files["s5"]), "--mode", "scal")

    assert done.returncode == 2 and "merge" in done.stderr
