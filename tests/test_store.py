"""The versioned store: imports, duplicates, appends, rollback, refusals, failures halfway, concurrency.

Every test runs on SQLite and, when PUP_TEST_POSTGRES_URL is set, on PostgreSQL too (each test in a
schema of its own). Functions are driven directly with CheckResults built by hand, so a reader sees
exactly which rows go in; tests/test_store_cli.py drives the same behaviour through
`python -m analytics` with real spreadsheets.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import builders
import openpyxl
import pandas as pd
import pytest
import sign_in_sheets
import sqlalchemy as sa
from test_store_support import REPO_ROOT, store_state

from analytics import importing
from analytics import store as store_api
from analytics.reports import rejected
from analytics.results import ATTENDANCE_COLUMNS, PROJECT_COLUMNS, CheckResult, Notice, Problem, Refusal
from analytics.store import Store
from analytics.store import schema as store_schema
from analytics.store import versions as store_versions

# ---------------------------------------------------------------------------------------------
# CheckResults built by hand: what the pipeline hands the store.


def attendance_result(meetings: dict[int, list[str]], file: str = "lista.xlsx",
                      rejected: list[Problem] | None = None,
                      rejected_rows: pd.DataFrame | None = None) -> CheckResult:
    """Accepted attendance: for each meeting, the people present (all from gmina Słupno)."""
    rows = []
    for meeting, people in meetings.items():
        for name in people:
            rows.append({
                "row": len(rows) + 2, "sheet": "Lista", "person_key": name.lower(), "person_name": name,
                "institution": None, "gmina": "Słupno", "teryt": "141912", "in_county": True,
                "sector": "kultura", "sector_other": None, "group": "mieszkańcy", "group_other": None,
                "meeting": meeting,
                "meeting_date": pd.Timestamp(2017, 5, 25) + pd.Timedelta(days=40 * (meeting - 1)),
            })
    accepted = pd.DataFrame(rows, columns=ATTENDANCE_COLUMNS)
    accepted["meeting"] = accepted["meeting"].astype("Int64")
    rejected = rejected or []
    return CheckResult(
        file=file, format="xlsx", kind="attendance", sheet="Lista", header_row=1,
        rows_read=len(rows) + len(rejected), rows_accepted=len(rows), rows_rejected=len(rejected),
        accepted=accepted, rejected=rejected,
        warnings=[Notice(2, "Gmina", "„gm. Słupno” zapisano jako „Słupno”.")],
        summary={"attendances": len(rows)},
        rejected_rows=rejected_rows if rejected_rows is not None else pd.DataFrame(),
    )


def projects_result(projects: dict[str, str], file: str = "projekty.xlsx") -> CheckResult:
    """Accepted projects register: title -> status."""
    rows = [{"row": i + 2, "sheet": "Projekty", "title": title, "leader": "Lider", "status": status,
             "budget": 1000.0 * (i + 1), "jobs_created": i}
            for i, (title, status) in enumerate(projects.items())]
    accepted = pd.DataFrame(rows, columns=PROJECT_COLUMNS)
    return CheckResult(
        file=file, format="xlsx", kind="projects", sheet="Projekty", header_row=1, rows_read=len(rows),
        rows_accepted=len(rows), rows_rejected=0, accepted=accepted, rejected=[], warnings=[],
        summary={"projects": len(rows)},
    )


def put(store: Store, meetings: dict[int, list[str]], data: bytes, mode: str = "replace",
        user: str = "k") -> store_api.ImportOutcome:
    """Import hand-built attendance as if it came from a file holding `data`."""
    return importing.import_result(store, attendance_result(meetings), data, "lista.xlsx", mode, user)


def meetings_in(frame: pd.DataFrame) -> dict[int, int]:
    """Rows per meeting."""
    return {int(k): int(v) for k, v in frame["meeting"].value_counts().sort_index().items()}


# ---------------------------------------------------------------------------------------------
# Import and duplicates


def test_import_stores_a_version_with_the_file_and_makes_it_active(store: Store) -> None:
    outcome = importing.import_result(store, attendance_result({6: ["Jan Kowalski", "Anna Nowak"]}),
                                      b"plik-1", "lista_6.xlsx", "replace", "kasia")

    assert outcome.version is not None and outcome.duplicate_of is None
    assert (outcome.rows_accepted, outcome.dataset_rows) == (2, 2)
    info = store_api.active_version(store, "attendance")
    assert info is not None and info.id == outcome.version
    assert (info.user, info.file_name, info.mode, info.active, info.demo) == (
        "kasia", "lista_6.xlsx", "replace", True, False)
    assert store_api.original_file(store, outcome.version) == store_api.StoredFile("lista_6.xlsx", b"plik-1")
    assert meetings_in(store_api.active_frame(store, "attendance")) == {6: 2}
    assert [e.action for e in store_api.audit_log(store)] == ["import"]


def test_the_active_dataset_reads_back_as_it_was_stored(store: Store) -> None:
    result = attendance_result({1: ["Jan Kowalski"], 2: ["Anna Nowak", "Ewa Lis"]})
    importing.import_result(store, result, b"plik", "lista.xlsx", "replace", "kasia")

    back = store_api.active_frame(store, "attendance")
    pd.testing.assert_frame_equal(back, store_api.conform(result.accepted, "attendance"))
    assert list(back.columns) == ATTENDANCE_COLUMNS


def test_the_snapshot_and_the_row_table_hold_the_same_dataset_after_every_append(store: Store) -> None:
    outcomes = [
        put(store, {1: ["Jan Kowalski"], 2: ["Anna Nowak", "Ewa Lis"], 3: ["Olga Wrona"]}, b"a"),
        put(store, {4: ["Ewa Lis"]}, b"b", "append"),
        put(store, {2: ["Anna Nowak"], 5: ["Piotr Sowa"]}, b"c", "append"),   # 2 replaced, 5 new
        put(store, {1: ["Jan Kowalski", "Olga Wrona"]}, b"d", "append"),
    ]

    assert meetings_in(store_api.active_frame(store, "attendance")) == {1: 2, 2: 1, 3: 1, 4: 1, 5: 1}
    with store.engine.connect() as conn:
        for outcome in outcomes:
            from_rows = store_api.rows_frame(conn, "attendance", outcome.version)
            pd.testing.assert_frame_equal(from_rows, store_api.version_frame(store, outcome.version))


def test_an_empty_store_reads_as_empty_frames_with_their_columns(store: Store) -> None:
    assert list(store_api.active_frame(store, "attendance").columns) == ATTENDANCE_COLUMNS
    assert list(store_api.active_frame(store, "projects").columns) == PROJECT_COLUMNS
    assert store_api.active_version(store, "attendance") is None
    assert store_api.active_version_ids(store) == {"attendance": None, "projects": None}


def test_reimporting_the_active_file_stores_nothing_and_names_the_duplicate(store: Store) -> None:
    first = put(store, {6: ["Jan Kowalski"]}, b"ten sam plik")
    before = store_state(store)

    again = put(store, {6: ["Jan Kowalski"]}, b"ten sam plik", "append")

    assert (again.version, again.duplicate_of) == (None, first.version)
    assert again.rows_accepted == 1
    after = store_state(store)
    assert after["versions"] == before["versions"] and after["rows"] == before["rows"]
    assert after["audit"] == before["audit"] + 1
    assert store_api.audit_log(store, 1)[0].action == "import_duplicate"


def test_a_file_identical_to_an_older_version_is_stored_again(store: Store) -> None:
    """Only the active version counts as a duplicate: re-uploading an old file makes it current."""
    first = put(store, {6: ["Jan Kowalski"]}, b"stary")
    put(store, {6: ["Anna Nowak"]}, b"nowy")

    third = put(store, {6: ["Jan Kowalski"]}, b"stary")

    assert third.duplicate_of is None and third.version not in (None, first.version)


# ---------------------------------------------------------------------------------------------
# Append


def test_append_of_a_new_meeting_keeps_the_earlier_meetings(store: Store) -> None:
    put(store, {5: ["Jan Kowalski", "Anna Nowak"]}, b"5")

    outcome = put(store, {6: ["Jan Kowalski", "Ewa Lis", "Olga Wrona"]}, b"6", "append")

    assert outcome.replaced == [] and outcome.dataset_rows == 5
    assert meetings_in(store_api.active_frame(store, "attendance")) == {5: 2, 6: 3}


def test_append_of_an_existing_meeting_replaces_its_list_instead_of_doubling_it(store: Store) -> None:
    put(store, {5: ["Jan Kowalski"], 6: ["Jan Kowalski", "Anna Nowak"]}, b"5+6")

    outcome = put(store, {6: ["Jan Kowalski", "Anna Nowak", "Ewa Lis"]}, b"6 poprawione", "append")

    assert outcome.replaced == [6]
    frame = store_api.active_frame(store, "attendance")
    assert meetings_in(frame) == {5: 1, 6: 3}
    meeting_6 = frame.loc[frame["meeting"] == 6, "person_name"]
    assert sorted(meeting_6) == ["Anna Nowak", "Ewa Lis", "Jan Kowalski"]


def test_replace_mode_makes_the_file_the_whole_dataset(store: Store) -> None:
    put(store, {5: ["Jan Kowalski"]}, b"5")

    put(store, {6: ["Anna Nowak"]}, b"6")

    assert meetings_in(store_api.active_frame(store, "attendance")) == {6: 1}


def test_append_of_projects_updates_a_project_by_its_title_and_adds_new_ones(store: Store) -> None:
    importing.import_result(store, projects_result({"Skarby Powiatu Płockiego": "pomysł",
                                                    "Dowozik – dowiozę Cię tam gdzie chcesz": "pomysł"}),
                     b"p1", "p1.xlsx", "replace", "k")

    register = projects_result({"SKARBY POWIATU PLOCKIEGO ": "w realizacji",
                                "Promuj! Pomagaj! Nie przeszkadzaj!": "pomysł"})
    outcome = importing.import_result(store, register, b"p2", "p2.xlsx", "append", "k")

    frame = store_api.active_frame(store, "projects")
    assert outcome.replaced == ["Skarby Powiatu Płockiego"]
    assert len(frame) == 3
    assert frame.set_index("title")["status"].to_dict() == {
        "Dowozik – dowiozę Cię tam gdzie chcesz": "pomysł",
        "SKARBY POWIATU PLOCKIEGO ": "w realizacji",
        "Promuj! Pomagaj! Nie przeszkadzaj!": "pomysł",
    }


def test_append_onto_the_demo_data_starts_the_real_dataset_afresh(store: Store) -> None:
    demo = importing.import_result(store, attendance_result({1: ["Demo Osoba"], 2: ["Demo Osoba"]}), b"demo",
                                   "lista_obecnosci_2017.xlsx", "replace", "system", demo=True)

    outcome = put(store, {6: ["Jan Kowalski"]}, b"6", "append")

    assert outcome.started_empty and outcome.parent_id == demo.version
    assert meetings_in(store_api.active_frame(store, "attendance")) == {6: 1}
    assert [v.demo for v in store_api.list_versions(store)] == [True, False]


# ---------------------------------------------------------------------------------------------
# Rollback


def test_rollback_makes_an_earlier_version_active_and_deletes_nothing(store: Store) -> None:
    first = put(store, {5: ["Jan Kowalski"]}, b"5", "replace", "kasia")
    second = put(store, {6: ["Anna Nowak"]}, b"6", "append", "kasia")
    rows_before = store_state(store)["rows"]

    outcome = store_api.rollback(store, first.version, "dyrektor")

    assert outcome == store_api.RollbackOutcome("attendance", first.version, second.version)
    assert meetings_in(store_api.active_frame(store, "attendance")) == {5: 1}
    assert [(v.id, v.active) for v in store_api.list_versions(store)] == [
        (first.version, True), (second.version, False)]
    assert store_state(store)["rows"] == rows_before
    entry = store_api.audit_log(store, 1)[0]
    assert (entry.action, entry.user, entry.version_id, entry.details) == (
        "rollback", "dyrektor", first.version, {"from": second.version, "to": first.version})


def test_an_append_after_a_rollback_builds_on_the_version_rolled_back_to(store: Store) -> None:
    first = put(store, {5: ["Jan Kowalski"]}, b"5")
    put(store, {6: ["Zła Lista"]}, b"zla", "append")
    store_api.rollback(store, first.version, "k")

    put(store, {6: ["Anna Nowak"]}, b"dobra", "append")

    frame = store_api.active_frame(store, "attendance")
    assert meetings_in(frame) == {5: 1, 6: 1} and "Zła Lista" not in set(frame["person_name"])


def test_rollback_to_an_unknown_version_is_refused_and_changes_nothing(store: Store) -> None:
    put(store, {5: ["Jan Kowalski"]}, b"5")
    before = store_state(store)

    outcome = store_api.rollback(store, 999, "k")

    assert isinstance(outcome, store_api.StoreRefusal) and "999" in outcome.error
    assert store_state(store) == before


# ---------------------------------------------------------------------------------------------
# Refusals and failures


def test_a_refused_file_stores_nothing_but_is_written_to_the_audit_trail(store: Store) -> None:
    put(store, {5: ["Jan Kowalski"]}, b"5")
    before = store_state(store)

    outcome = importing.import_file(store, b"", file_name="pusty.xlsx", user="kasia")

    assert isinstance(outcome, Refusal) and outcome.error
    after = store_state(store)
    assert after["versions"] == before["versions"] and after["rows"] == before["rows"]
    assert after["active"] == before["active"]
    assert after["audit"] == before["audit"] + 1
    entry = store_api.audit_log(store, 1)[0]
    assert (entry.action, entry.user, entry.version_id) == ("import_refused", "kasia", None)
    assert entry.details["file"] == "pusty.xlsx" and entry.details["error"] == outcome.error


def test_a_missing_file_is_refused_in_polish(store: Store, tmp_path: Path) -> None:
    outcome = importing.import_file(store, tmp_path / "nie_ma.xlsx", user="kasia")

    assert isinstance(outcome, Refusal) and "nie_ma.xlsx" in outcome.error
    assert store_api.list_versions(store) == []


def test_an_import_failing_halfway_through_its_rows_leaves_the_store_as_it_was(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(store, {5: ["Jan Kowalski", "Anna Nowak"]}, b"5")
    before = store_state(store)
    frame_before = store_api.active_frame(store, "attendance")
    written = []

    def write_then_fail(conn, table, columns, rows):  # noqa: ANN001, ANN202
        if written:
            raise OSError("dysk odłączony w połowie zapisu")
        written.append(len(rows))
        original_write_chunk(conn, table, columns, rows)

    original_write_chunk = store_versions.write_chunk
    monkeypatch.setattr(store_versions, "CHUNK_ROWS", 2)
    monkeypatch.setattr(store_versions, "write_chunk", write_then_fail)

    with pytest.raises(OSError):
        put(store, {6: ["Ewa Lis", "Olga Wrona", "Piotr Sowa"]}, b"6", "append")

    assert written == [2], "the failure must come after some rows were written"
    assert store_state(store) == before
    pd.testing.assert_frame_equal(store_api.active_frame(store, "attendance"), frame_before)


CONCURRENT_IMPORT = r"""
import sys, time
from pathlib import Path
sys.path[:0] = [sys.argv[1], sys.argv[1] + "/tests"]
from analytics import importing
from analytics import store as store_api
from analytics.store import versions as store_versions
from test_store import attendance_result

url, meeting, go = sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
store = store_api.open_store(url)
original = store_versions.write_chunk
def slow_write_chunk(*args):
    # Hold the transaction open long enough that the other import certainly tries to start inside it.
    time.sleep(1.0)
    original(*args)
store_versions.write_chunk = slow_write_chunk
result = attendance_result({meeting: [f"Osoba {meeting} {i}" for i in range(3)]}, file=f"s{meeting}.xlsx")
go.with_name(f"ready-{meeting}").touch()
while not go.exists():
    time.sleep(0.01)
outcome = importing.import_result(store, result, f"plik {meeting}".encode(), f"s{meeting}.xlsx", "append",
                                  "k")
print(outcome.version)
"""


def test_two_imports_at_once_are_serialised_and_neither_is_lost(db_url: str, tmp_path: Path) -> None:
    store_api.open_store(db_url).close()       # the schema exists before the race starts
    go = tmp_path / "go"
    children = [
        subprocess.Popen([sys.executable, "-c", CONCURRENT_IMPORT, str(REPO_ROOT), db_url, str(m), str(go)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for m in (5, 6)
    ]
    deadline = time.monotonic() + 120
    while not all((tmp_path / f"ready-{m}").exists() for m in (5, 6)) and time.monotonic() < deadline:
        time.sleep(0.05)                # both children have opened the store and wait at the line
    go.touch()
    outputs = [child.communicate(timeout=120) for child in children]

    assert [child.returncode for child in children] == [0, 0], [err for _, err in outputs]
    store = store_api.open_store(db_url)
    try:
        versions = store_api.list_versions(store, "attendance")
        assert len(versions) == 2
        latest = versions[-1]
        assert latest.active and latest.parent_id == versions[0].id
        assert meetings_in(store_api.active_frame(store, "attendance")) == {5: 3, 6: 3}
    finally:
        store.close()


# ---------------------------------------------------------------------------------------------
# Audit trail, rejected rows, demo data, summaries


def test_record_audit_adds_an_event_that_the_log_lists_newest_first(store: Store) -> None:
    store_api.record_audit(store, "login", "dyrektor", details={"ip": "127.0.0.1"})
    store_api.record_audit(store, "account_created", "admin", details={"account": "kasia"})

    log = store_api.audit_log(store, 10)

    assert [(e.action, e.user) for e in log] == [("account_created", "admin"), ("login", "dyrektor")]
    assert log[1].details == {"ip": "127.0.0.1"} and log[0].at.tzinfo is not None
    assert len(store_api.audit_log(store, 1)) == 1


def test_export_rejected_writes_the_original_values_and_the_reasons_with_formulas_defused(
    store: Store, tmp_path: Path
) -> None:
    rejected_rows = pd.DataFrame({
        "Wiersz": [4, 5],
        "Imię i nazwisko": ["=HYPERLINK(\"http://zly.example\")", "Anna Nowak"],
        "Gmina": ["Słupno", "@SUM(A1)"],
        "Spotkanie": ["abc", 7],
        "Data spotkania": [pd.Timestamp("2017-12-07"), None],
        "Powody odrzucenia": ["Nie rozpoznano numeru spotkania „abc”.", "-brak daty"],
    })
    problems = [Problem(4, "Spotkanie", "abc", "Nie rozpoznano numeru spotkania „abc”."),
                Problem(5, "Data spotkania", None, "brak daty")]
    outcome = importing.import_result(store, attendance_result({6: ["Jan Kowalski"]}, rejected=problems,
                                                               rejected_rows=rejected_rows),
                               b"x", "lista.xlsx", "replace", "k")

    written = rejected.export_rejected(store, outcome.version, tmp_path / "odrzucone.xlsx")

    sheet = openpyxl.load_workbook(written).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["Wiersz", "Imię i nazwisko", "Gmina", "Spotkanie", "Data spotkania",
                         "Powody odrzucenia"]
    assert values[1] == [4, "'=HYPERLINK(\"http://zly.example\")", "Słupno", "abc", "2017-12-07",
                         "Nie rozpoznano numeru spotkania „abc”."]
    assert values[2] == [5, "Anna Nowak", "'@SUM(A1)", 7, None, "'-brak daty"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_export_rejected_without_rejected_rows_lists_the_problems(store: Store, tmp_path: Path) -> None:
    problems = [Problem(9, "Gmina", "+48 600", "zła gmina")]
    result = attendance_result({6: ["Jan Kowalski"]}, rejected=problems)
    outcome = importing.import_result(store, result, b"x", "lista.xlsx", "replace", "k")

    written = rejected.export_rejected(store, outcome.version, tmp_path / "o.xlsx")
    sheet = openpyxl.load_workbook(written).active

    assert [c.value for c in sheet[1]] == ["Wiersz", "Kolumna", "Wartość", "Powody odrzucenia"]
    assert [c.value for c in sheet[2]] == [9, "Gmina", "'+48 600", "zła gmina"]


def test_export_rejected_of_an_unknown_version_is_refused(store: Store, tmp_path: Path) -> None:
    assert isinstance(rejected.export_rejected(store, 42, tmp_path / "o.xlsx"), store_api.StoreRefusal)
    assert not (tmp_path / "o.xlsx").exists()


def test_summaries_of_the_active_data_are_the_checks_summaries(store: Store) -> None:
    summary = pytest.importorskip("analytics.summary")
    put(store, {5: ["Jan Kowalski"]}, b"5")
    result = attendance_result({6: ["Jan Kowalski", "Anna Nowak"]})
    importing.import_result(store, result, b"6", "s6.xlsx", "append", "k")
    both = pd.concat([attendance_result({5: ["Jan Kowalski"]}).accepted, result.accepted], ignore_index=True)

    summaries = store_api.dataset_summaries(store)

    assert summaries["attendance"] == summary.attendance_summary(both)
    assert summaries["projects"] is None


@pytest.fixture
def demo_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Small demo spreadsheets in a temporary data/demo, read by the real pipeline."""
    files = {"attendance": tmp_path / "lista_obecnosci_2017.xlsx",
             "projects": tmp_path / "projekty_2017.xlsx"}
    files["attendance"].write_bytes(builders.xlsx_bytes([
        ["Imię i nazwisko", "Gmina", "Spotkanie"], ["Demo Jeden", "Słupno", 1], ["Demo Dwa", "Słupno", 6]]))
    files["projects"].write_bytes(builders.xlsx_bytes(
        [["Tytuł projektu", "Status"], ["Skarby Powiatu Płockiego", "pomysł"]], sheet="Projekty"))
    monkeypatch.setattr(importing, "DEMO_FILES", files)
    # One demo cycle here; test_programmes.py loads the real two.
    one_cycle = (importing.DemoProgramme("Partnerstwo Lokalne 2017", files),)
    monkeypatch.setattr(importing, "DEMO_PROGRAMMES", one_cycle)
    return files


def test_ensure_demo_loads_the_demo_data_once(store: Store, demo_files: dict) -> None:
    first = importing.ensure_demo(store)
    again = importing.ensure_demo(store)

    assert [(o.kind, o.version) for o in first] == [("attendance", 1), ("projects", 2)]
    assert again == []
    assert all(v.demo and v.active and v.user == "system" for v in store_api.list_versions(store))
    assert [e.action for e in store_api.audit_log(store)] == ["demo_load", "demo_load"]


def test_ensure_demo_leaves_a_dataset_that_has_versions_alone(store: Store, demo_files: dict) -> None:
    put(store, {6: ["Jan Kowalski"]}, b"6")

    loaded = importing.ensure_demo(store)

    assert [o.kind for o in loaded] == ["projects"]
    assert not store_api.active_version(store, "attendance").demo


def test_load_demo_adds_new_versions_every_time(store: Store, demo_files: dict) -> None:
    importing.load_demo(store, "admin")
    importing.load_demo(store, "admin")

    assert [(v.kind, v.demo, v.active) for v in store_api.list_versions(store)] == [
        ("attendance", True, False), ("projects", True, False),
        ("attendance", True, True), ("projects", True, True)]


# ---------------------------------------------------------------------------------------------
# Opening


def test_open_store_creates_the_sqlite_file_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "nowy" / "katalog" / "pup.db"
    store = store_api.open_store(f"sqlite:///{path}")
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10_000
    finally:
        store.close()
    assert path.exists()


def test_open_store_takes_the_url_from_the_environment(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUP_DATABASE_URL", f"sqlite:///{tmp_path / 'z_env.db'}")
    store_api.open_store().close()
    assert (tmp_path / "z_env.db").exists()


def test_the_row_tables_reject_rows_of_a_version_that_does_not_exist(store: Store) -> None:
    with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as conn:
        conn.execute(store_schema.attendance_rows.insert().values(version_id=12345, position=0, meeting=1))


# ---------------------------------------------------------------------------------------------
# Merge: several sign-in sheets of the same meetings (tests/sign_in_sheets.py, real .xlsx files)


def import_sheet(store: Store, name: str, mode: str, user: str = "kasia") -> store_api.ImportOutcome:
    outcome = importing.import_file(store, sign_in_sheets.sheets()[name], mode=mode, user=user,
                                    file_name=name)
    assert isinstance(outcome, store_api.ImportOutcome), outcome
    return outcome


def attendance_counts(frame: pd.DataFrame) -> tuple[int, int]:
    return len(frame), frame["person_key"].nunique()


def test_three_sign_in_sheets_replace_merge_merge_give_the_union_of_their_people(store: Store) -> None:
    first = import_sheet(store, "lista_kasi.xlsx", "replace")
    second = import_sheet(store, "lista_marka.xlsx", "merge")
    third = import_sheet(store, "lista_oli.xlsx", "merge")

    frame = store_api.active_frame(store, "attendance")
    assert attendance_counts(frame) == sign_in_sheets.A_B_C_COUNTS
    assert meetings_in(frame) == sign_in_sheets.A_B_C_BY_MEETING
    assert not frame.duplicated(["meeting", "person_key"]).any()
    assert [(o.dataset_rows_before, o.dataset_rows) for o in (first, second, third)] == [
        (0, 17), (17, 25), (25, 29)]
    assert [(o.participants_before, o.participants_after) for o in (first, second, third)] == [
        (0, 5), (5, 7), (7, 8)]
    assert [v.mode for v in store_api.list_versions(store, "attendance")] == ["replace", "merge", "merge"]


def test_append_of_the_same_sheets_replaces_the_six_meetings_each_time(store: Store) -> None:
    import_sheet(store, "lista_kasi.xlsx", "replace")
    second = import_sheet(store, "lista_marka.xlsx", "append")
    third = import_sheet(store, "lista_oli.xlsx", "append")

    assert second.replaced == [1, 2, 3, 4, 5, 6] and third.replaced == [1, 2, 3, 4, 5, 6]
    assert [(o.dataset_rows_before, o.dataset_rows) for o in (second, third)] == [(17, 12), (12, 7)]
    assert attendance_counts(store_api.active_frame(store, "attendance")) == sign_in_sheets.C_COUNTS


def test_the_store_does_what_the_import_preview_said(store: Store) -> None:
    from analytics.reading import pipeline
    from analytics.store import combining
    import_sheet(store, "lista_kasi.xlsx", "replace")
    for name, mode in (("lista_marka.xlsx", "merge"), ("lista_oli.xlsx", "append"),
                       ("lista_kasi.xlsx", "merge"), ("lista_marka.xlsx", "replace")):
        result = pipeline.check_bytes(sign_in_sheets.sheets()[name], name, None)
        preview = combining.import_effect("attendance", mode, store_api.active_frame(store, "attendance"),
                                          result.accepted)

        data = sign_in_sheets.sheets()[name] + mode.encode()
        outcome = importing.import_result(store, result, data, name, mode)

        assert outcome.effect == preview, (name, mode)
        assert len(store_api.active_frame(store, "attendance")) == preview.rows_after


def test_the_snapshot_and_the_row_table_hold_the_same_dataset_after_every_merge(store: Store) -> None:
    outcomes = [
        put(store, {1: ["Jan Kowalski"], 2: ["Anna Nowak", "Ewa Lis"], 3: ["Olga Wrona"]}, b"a"),
        put(store, {2: ["Ewa Lis", "Piotr Sowa"], 4: ["Ewa Lis"]}, b"b", "merge"),   # 2 united, 4 new
        put(store, {1: ["Jan Kowalski", "Olga Wrona"]}, b"c", "merge"),
        put(store, {3: ["Anna Nowak"]}, b"d", "append"),
        put(store, {2: ["Anna Nowak"], 3: ["Olga Wrona"]}, b"e", "merge"),
    ]

    frame = store_api.active_frame(store, "attendance")
    assert meetings_in(frame) == {1: 2, 2: 3, 3: 2, 4: 1}
    with store.engine.connect() as conn:
        for outcome in outcomes:
            from_rows = store_api.rows_frame(conn, "attendance", outcome.version)
            pd.testing.assert_frame_equal(from_rows, store_api.version_frame(store, outcome.version))


def test_merge_keeps_the_newer_row_of_a_person_already_at_the_meeting(store: Store) -> None:
    put(store, {6: ["Jan Kowalski", "Anna Nowak"]}, b"a")
    newer = attendance_result({6: ["Anna Nowak", "Ewa Lis"]})
    newer.accepted["institution"] = "GOK Bielsk"

    importing.import_result(store, newer, b"b", "lista_2.xlsx", "merge", "k")

    frame = store_api.active_frame(store, "attendance").set_index("person_key")
    assert sorted(frame.index) == ["anna nowak", "ewa lis", "jan kowalski"]
    assert frame.loc["anna nowak", "institution"] == "GOK Bielsk"
    assert pd.isna(frame.loc["jan kowalski", "institution"])


def test_merge_onto_the_demo_data_starts_the_real_dataset_afresh(store: Store) -> None:
    demo = importing.import_result(store, attendance_result({1: ["Demo Osoba"], 6: ["Demo Osoba"]}), b"demo",
                                   "lista_obecnosci_2017.xlsx", "replace", "system", demo=True)

    outcome = put(store, {6: ["Jan Kowalski"]}, b"6", "merge")

    assert outcome.started_empty and outcome.parent_id == demo.version
    assert meetings_in(store_api.active_frame(store, "attendance")) == {6: 1}
    assert (outcome.dataset_rows_before, outcome.dataset_rows) == (2, 1)
    assert outcome.effect is not None and outcome.effect.replaces_demo


def test_merge_of_projects_updates_by_title_and_adds_the_new_ones(store: Store) -> None:
    register = projects_result({"Skarby Powiatu Płockiego": "pomysł", "Dowozik": "pomysł"})
    importing.import_result(store, register, b"p1", "p1.xlsx", "replace", "k")

    register = projects_result({"SKARBY POWIATU PLOCKIEGO": "w realizacji",
                                "Promuj! Pomagaj! Nie przeszkadzaj!": "pomysł"})
    outcome = importing.import_result(store, register, b"p2", "p2.xlsx", "merge", "k")

    assert outcome.replaced == ["Skarby Powiatu Płockiego"]
    assert (outcome.dataset_rows_before, outcome.dataset_rows, outcome.participants_after) == (2, 3, None)
    assert store_api.active_frame(store, "projects").set_index("title")["status"].to_dict() == {
        "Dowozik": "pomysł", "SKARBY POWIATU PLOCKIEGO": "w realizacji",
        "Promuj! Pomagaj! Nie przeszkadzaj!": "pomysł"}


def test_each_version_keeps_the_counts_before_and_after_its_import(store: Store) -> None:
    put(store, {5: ["Jan Kowalski", "Anna Nowak"]}, b"5")
    put(store, {5: ["Ewa Lis"], 6: ["Jan Kowalski"]}, b"6", "merge")
    store_api.rollback(store, 1, "admin")
    put(store, {6: ["Olga Wrona"]}, b"7", "append")     # built on version 1, the active one

    infos = store_api.list_versions(store, "attendance")
    assert [(v.mode, v.dataset_rows_before, v.dataset_rows, v.participants_before, v.participants_after)
            for v in infos] == [("replace", 0, 2, 0, 2), ("merge", 2, 4, 2, 3), ("append", 2, 3, 2, 3)]
    assert infos[0].to_json()["dataset_rows"] == 2 and infos[1].to_json()["participants_after"] == 3
    entry = store_api.audit_log(store, 1)[0]
    assert (entry.details["mode"], entry.details["dataset_rows_before"], entry.details["dataset_rows"]) == (
        "append", 2, 3)


def test_a_merge_failing_halfway_through_its_rows_leaves_the_store_as_it_was(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(store, {5: ["Jan Kowalski"], 6: ["Jan Kowalski", "Anna Nowak"]}, b"5")
    before = store_state(store)
    frame_before = store_api.active_frame(store, "attendance")
    original_write_chunk = store_versions.write_chunk
    written = []

    def write_then_fail(conn, table, columns, rows):  # noqa: ANN001, ANN202
        if written:
            raise OSError("dysk odłączony w połowie zapisu")
        written.append(len(rows))
        original_write_chunk(conn, table, columns, rows)

    monkeypatch.setattr(store_versions, "CHUNK_ROWS", 2)
    monkeypatch.setattr(store_versions, "write_chunk", write_then_fail)

    with pytest.raises(OSError):
        put(store, {6: ["Ewa Lis", "Olga Wrona", "Piotr Sowa"]}, b"6", "merge")

    assert written == [2], "the failure must come after some rows were written"
    assert store_state(store) == before
    pd.testing.assert_frame_equal(store_api.active_frame(store, "attendance"), frame_before)
