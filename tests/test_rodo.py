"""RODO (issue 11): what the store keeps of an upload, erasure, the right of access, retention, the
officer's register. Every test looks into the database itself: each table, each stored file unpacked
(.xlsx and .ods are zip archives), each Parquet snapshot, and on SQLite the file's raw bytes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from builders import build, filename_for
from test_store_support import REPO_ROOT

from analytics import importing, rodo
from analytics import store as store_api
from analytics.reading import pipeline
from analytics.results import CheckResult
from analytics.store.programmes import programme_for_import
from analytics.store.versions import active_info, file_sha256, write_version

PHONES = ["501 234 567", "+48 602 111 222", "698-765-432"]
EMAILS = ["jan.k@example.pl", "anna@nowak.example.org", "lz@szkola.example.com"]
SIGNATURES = ["JK-podpis", "AN-podpis", "LZ-podpis"]


def sign_in_sheet(with_kowalski: bool = True) -> list[list]:
    """A typed-up sign-in matrix with the columns nobody needs: phone, e-mail, signature."""
    header = ["Lp.", "Imię i nazwisko", "Instytucja", "Gmina", "Sektor", "Grupa", "Telefon", "E-mail",
              "Podpis", "I\n25.05.2017", "II\n22.06.2017", "III\n21.09.2017"]
    people = [
        [1, "Jan Kowalski", "UG Bielsk", "Bielsk", "kultura", "mieszkańcy", PHONES[0], EMAILS[0],
         SIGNATURES[0], "x", "x", ""],
        [2, "Anna Nowak", "GOPS Słupno", "Słupno", "edukacja", "samorząd", PHONES[1], EMAILS[1],
         SIGNATURES[1], "x", "", "x"],
        [3, "Łukasz Żółć", "SP Gąbin", "Gąbin", "edukacja", "uczniowie", PHONES[2], EMAILS[2], SIGNATURES[2],
         "x", "x", "x"],
    ]
    return [header, *(p for p in people if with_kowalski or p[1] != "Jan Kowalski")]


def meeting_four_sheet() -> list[list]:
    """A later list of meeting IV only, Kowalski written surname first in capitals."""
    return [["Imię i nazwisko", "Gmina", "Telefon", "Spotkanie", "Data"],
            ["KOWALSKI Jan", "Bielsk", PHONES[0], 4, "19.10.2017"],
            ["Anna Nowak", "Słupno", PHONES[1], 4, "19.10.2017"]]


# ---------------------------------------------------------------------------------------------
# Looking into the database


def unpacked(data: bytes) -> bytes:
    """A stored value as text can be searched: zip members unpacked, Parquet as CSV, else as it is."""
    if data.startswith(b"PK\x03\x04"):
        archive = zipfile.ZipFile(io.BytesIO(data))
        return b"\n".join(archive.read(name) for name in archive.namelist())
    if data.startswith(b"PAR1"):
        return pd.read_parquet(io.BytesIO(data)).to_csv(index=False).encode("utf-8")
    return data


def database_contents(url: str) -> bytes:
    """Every value of every table (blobs unpacked), and on SQLite the database file's own bytes."""
    engine = sa.create_engine(url)
    parts = []
    try:
        with engine.connect() as conn:
            for table in sa.inspect(conn).get_table_names():
                for row in conn.execute(sa.text(f'SELECT * FROM "{table}"')):
                    for value in row:
                        if isinstance(value, (bytes, bytearray, memoryview)):
                            parts.append(unpacked(bytes(value)))
                        elif value is not None:
                            parts.append(json.dumps(value, ensure_ascii=False, default=str).encode("utf-8"))
    finally:
        engine.dispose()
    if url.startswith("sqlite"):
        database = Path(url.removeprefix("sqlite:///"))
        for path in (database, database.with_name(database.name + "-wal")):
            if path.exists():
                parts.append(path.read_bytes())
    return b"\n".join(parts)


def found_in(blob: bytes, *needles: str) -> list[str]:
    """The needles found, as written or folded (lower case, without Polish letters)."""
    from analytics.vocabulary import fold

    lower = blob.decode("utf-8", errors="replace").lower()
    folded = fold(lower)
    return [n for n in needles if n.lower() in lower or fold(n) in folded]


def run_cli(url: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PUP_DATABASE_URL": url, "PUP_NO_DEMO": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "analytics", *args], cwd=REPO_ROOT, env=environment,
                          capture_output=True, text=True, timeout=300)


def run_json(url: str, *args: str, exit_code: int = 0, env: dict[str, str] | None = None):  # noqa: ANN201
    done = run_cli(url, *args, "--json", env=env)
    assert done.returncode == exit_code, done.stderr + done.stdout
    return json.loads(done.stdout)


def write_file(tmp_path: Path, fmt: str, rows: list[list], stem: str = "lista") -> Path:
    path = tmp_path / filename_for(fmt, stem)
    path.write_bytes(build(fmt, rows, title_rows=["Lista obecności – Partnerstwo Lokalne 2017"]))
    return path


# ---------------------------------------------------------------------------------------------
# 1. Minimisation at intake


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods", "csv-cp1250-semicolon"])
def test_no_phone_or_email_of_an_imported_list_is_anywhere_in_the_database(db_url: str, tmp_path: Path,
                                                                            fmt: str) -> None:
    path = write_file(tmp_path, fmt, sign_in_sheet())
    assert found_in(unpacked(path.read_bytes()), PHONES[0], EMAILS[0]), "the file as sent holds them"

    done = run_cli(db_url, "import", str(path))

    assert done.returncode == 0, done.stderr
    assert "Pominięto kolumny z danymi, których panel nie używa: Telefon, E-mail, Podpis" in done.stdout
    contents = database_contents(db_url)
    assert found_in(contents, *PHONES, *EMAILS, *SIGNATURES) == []
    assert found_in(contents, "Jan Kowalski", "Łukasz Żółć") == ["Jan Kowalski", "Łukasz Żółć"]


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods", "csv-cp1250-semicolon"])
def test_the_stored_copy_reads_back_to_the_same_data_with_the_same_row_numbers(store, tmp_path: Path,
                                                                               fmt: str) -> None:
    data = write_file(tmp_path, fmt, sign_in_sheet()).read_bytes()
    sent = pipeline.check_bytes(data, filename_for(fmt))
    outcome = importing.import_file(store, data, file_name=filename_for(fmt))

    stored = store_api.original_file(store, outcome.version)
    again = pipeline.check_bytes(stored.data, stored.name)

    assert isinstance(again, CheckResult) and again.columns_left_out == []
    pd.testing.assert_frame_equal(again.accepted.reset_index(drop=True), sent.accepted.reset_index(drop=True))
    expected_format = "xlsx" if fmt == "xls" else sent.format
    assert again.format == expected_format
    assert stored.name.endswith(".xlsx") if fmt == "xls" else stored.name == filename_for(fmt)


def test_the_same_file_sent_again_is_still_a_duplicate(store, tmp_path: Path) -> None:
    data = write_file(tmp_path, "xlsx", sign_in_sheet()).read_bytes()
    first = importing.import_file(store, data, file_name="lista.xlsx")
    again = importing.import_file(store, data, file_name="lista.xlsx")

    assert first.version is not None and again.duplicate_of == first.version
    assert store_api.active_version(store, "attendance").sha256 == file_sha256(data)


def test_check_json_names_the_left_out_columns(tmp_path: Path) -> None:
    path = write_file(tmp_path, "xlsx", sign_in_sheet())
    report = run_json(f"sqlite:///{tmp_path / 'unused.db'}", "check", str(path))

    messages = [w["message"] for w in report["warnings"]]
    assert "Pominięto kolumny z danymi, których panel nie używa: Telefon, E-mail, Podpis." in messages


def test_a_phone_email_or_pesel_typed_into_a_name_or_institution_cell_is_a_warning() -> None:
    rows = [["Imię i nazwisko", "Instytucja", "Gmina", "I"],
            ["Jan Kowalski tel. 501 234 567", "UG Bielsk", "Bielsk", "x"],
            ["Anna Nowak", "anna@nowak.example.org", "Słupno", "x"],
            ["Ewa Lis 85010112345", "GOPS Słupno", "Słupno", "x"],
            ["Piotr Zając", "SP Gąbin", "Gąbin", "x"]]
    result = pipeline.check_bytes(build("xlsx", rows), "lista.xlsx")

    found = {(w.row, w.column) for w in result.warnings if "usuń" in w.message}
    assert found == {(2, "Imię i nazwisko"), (3, "Instytucja"), (4, "Imię i nazwisko")}
    messages = " ".join(w.message for w in result.warnings)
    assert "501 234 567" not in messages and "anna@nowak" not in messages and "85010112345" not in messages
    assert "telefonu" in messages and "e-mail" in messages and "PESEL" in messages


def test_the_migration_rewrites_the_originals_a_store_kept_whole(db_url: str, tmp_path: Path) -> None:
    data = write_file(tmp_path, "xlsx", sign_in_sheet()).read_bytes()
    result = pipeline.check_bytes(data, "lista.xlsx")
    with store_api.open_store(db_url) as store:
        # As a release before minimisation stored it: the file as it was sent.
        with store_api.write_transaction(store) as conn:
            programme = programme_for_import(conn, "Partnerstwo Lokalne 2017", "kasia")
            write_version(conn, result, data, "lista.xlsx", file_sha256(data), "replace", "kasia", False,
                          active_info(conn, "attendance", programme), programme)
            conn.execute(sa.text("DELETE FROM schema_migrations WHERE number = 7"))
        assert found_in(database_contents(db_url), PHONES[0], EMAILS[0])

    with store_api.open_store(db_url) as store:
        log = store_api.audit_log(store)
        summary = store_api.dataset_summaries(store)["attendance"]

    assert found_in(database_contents(db_url), *PHONES, *EMAILS, *SIGNATURES) == []
    assert log[0].action == "originals_minimised" and log[0].details["rewritten"] == [1]
    assert summary["participants"] == 3


# ---------------------------------------------------------------------------------------------
# 2. Erasure


def two_imports(url: str, tmp_path: Path) -> None:
    assert run_cli(url, "import", str(write_file(tmp_path, "xlsx", sign_in_sheet()))).returncode == 0
    later = write_file(tmp_path, "csv-cp1250-semicolon", meeting_four_sheet(), stem="spotkanie_4")
    done = run_cli(url, "import", str(later), "--mode", "append")
    assert done.returncode == 0, done.stderr


def test_forget_person_erases_the_name_from_every_version_file_and_snapshot(db_url: str,
                                                                            tmp_path: Path) -> None:
    two_imports(db_url, tmp_path)
    before = run_json(db_url, "summary")["attendance"]
    assert found_in(database_contents(db_url), "Kowalski")

    erased = run_json(db_url, "forget-person", "kowalski JAN", "--yes", "--user", "admin")

    assert set(erased) == {"reference", "versions_changed", "rows_removed"}
    assert erased["reference"].startswith("RODO-")
    assert (erased["versions_changed"], erased["rows_removed"]) == (2, 2 + 3)   # v1: I, II; v2: I, II, IV
    contents = database_contents(db_url)
    assert found_in(contents, "Jan Kowalski", "KOWALSKI Jan", "Kowalski", "jan kowalski") == []
    assert found_in(contents, erased["reference"]) == [erased["reference"]]
    after = run_json(db_url, "summary")["attendance"]
    assert after["participants"] == before["participants"] - 1 == 2
    assert after["attendances_by_meeting"] == {"1": 2, "2": 1, "3": 2, "4": 1}
    assert after["attendances"] == before["attendances"] - 3


def test_a_rollback_after_erasure_does_not_bring_the_person_back(db_url: str, tmp_path: Path) -> None:
    two_imports(db_url, tmp_path)
    run_json(db_url, "forget-person", "Jan Kowalski", "--yes")

    assert run_cli(db_url, "rollback", "1").returncode == 0
    summary = run_json(db_url, "summary")["attendance"]
    with store_api.open_store(db_url) as store:
        history = {v.id: (v.rows_accepted, v.participants_after) for v in store_api.list_versions(store)}
        original = store_api.original_file(store, 1)
        checked = pipeline.check_bytes(original.data, original.name)

    assert summary["participants"] == 2 and summary["attendances_by_meeting"] == {"1": 2, "2": 1, "3": 2}
    assert history == {1: (2, 2), 2: (1, 2)}
    assert "jan kowalski" not in set(checked.accepted["person_key"])
    from analytics.reports.certificates import certificate_recipients
    with store_api.open_store(db_url) as store:
        names = certificate_recipients(store_api.active_frame(store, "attendance"), 1)["name"].tolist()
    assert not [n for n in names if "Kowalski" in n]


def test_forget_person_with_no_match_exits_2_and_changes_nothing(db_url: str, tmp_path: Path) -> None:
    two_imports(db_url, tmp_path)
    before = database_contents(db_url)

    refused = run_json(db_url, "forget-person", "Zenon Nikt", "--yes", exit_code=2)

    assert set(refused) == {"error"} and "Zenon Nikt" in refused["error"]
    assert run_json(db_url, "summary")["attendance"]["participants"] == 3
    assert found_in(before, "Kowalski") and found_in(database_contents(db_url), "Kowalski")


def test_a_name_matching_only_in_part_is_listed_and_erased_only_by_its_key(db_url: str,
                                                                           tmp_path: Path) -> None:
    two_imports(db_url, tmp_path)

    listed = run_json(db_url, "forget-person", "Żółć", "--yes", exit_code=2)
    assert [m["key"] for m in listed["matches"]] == ["lukasz zolc"]
    assert run_json(db_url, "summary")["attendance"]["participants"] == 3
    unconfirmed = run_cli(db_url, "forget-person", "Łukasz Żółć")
    assert unconfirmed.returncode == 2 and "--yes" in unconfirmed.stderr

    erased = run_json(db_url, "forget-person", "Żółć", "--yes", "--key", "lukasz zolc")
    assert erased["rows_removed"] == 3 + 3
    assert found_in(database_contents(db_url), "Łukasz Żółć", "Żółć") == []


def test_the_audit_trail_records_the_erasure_by_reference_never_by_name(store, tmp_path: Path) -> None:
    importing.import_file(store, write_file(tmp_path, "xlsx", sign_in_sheet()))
    outcome = rodo.forget_person(store, "Anna Nowak", user="admin")

    entry = store_api.audit_log(store)[0]
    assert (entry.action, entry.user) == ("person_erased", "admin")
    assert entry.details == outcome.to_json()
    assert "nowak" not in json.dumps(entry.details).lower()


# ---------------------------------------------------------------------------------------------
# 3. Right of access


def test_person_data_lists_every_attendance_with_its_versions_and_is_audited(db_url: str,
                                                                             tmp_path: Path) -> None:
    two_imports(db_url, tmp_path)
    out = tmp_path / "osoba.xlsx"

    found = run_json(db_url, "person-data", "Jan KOWALSKI", "--out", str(out))

    assert set(found) == {"name", "attendances", "certificates"}
    assert found["name"] in ("Jan Kowalski", "KOWALSKI Jan")            # as last written
    assert [(a["meeting"], a["date"]) for a in found["attendances"]] == [
        (1, "2017-05-25"), (2, "2017-06-22"), (4, "2017-10-19")]
    first = found["attendances"][0]
    assert (first["gmina"], first["sector"], first["group"], first["institution"]) == (
        "Bielsk", "kultura", "mieszkańcy", "UG Bielsk")
    assert [v["version"] for v in first["versions"]] == [1, 2]
    assert {v["file"] for v in first["versions"]} == {"lista.xlsx", "spotkanie_4.csv"}
    assert found["certificates"] == []
    workbook = pd.read_excel(out, sheet_name=None, engine="openpyxl")
    assert len(workbook["Obecności"]) == 3
    with store_api.open_store(db_url) as store:
        entry = store_api.audit_log(store)[0]
    assert entry.action == "person_data_exported" and entry.details["attendances"] == 3
    assert "kowalski" not in json.dumps(entry.details).lower()


def test_person_data_names_the_certificates_made_for_the_person(db_url: str, tmp_path: Path) -> None:
    two_imports(db_url, tmp_path)
    made = run_cli(db_url, "certificates", "--out", str(tmp_path / "z.pdf"), "--min-meetings", "3")
    assert made.returncode == 0, made.stderr

    found = run_json(db_url, "person-data", "Jan Kowalski")

    made_for = [(c["min_meetings"], c["meetings_attended"], c["version"]) for c in found["certificates"]]
    assert made_for == [(3, 3, 2)]
    run_json(db_url, "forget-person", "Jan Kowalski", "--yes")
    assert run_json(db_url, "person-data", "Jan Kowalski", exit_code=2).keys() == {"error"}


# ---------------------------------------------------------------------------------------------
# 4. Retention


def test_retention_pseudonymises_everyone_past_the_period_and_keeps_every_figure(db_url: str,
                                                                                 tmp_path: Path) -> None:
    two_imports(db_url, tmp_path)
    summary = run_json(db_url, "summary")
    listed = run_json(db_url, "retention")
    assert listed["people"] == [] and listed["period_ends"] == "2027-10-19"

    short = {"PUP_RETENTION_YEARS": "1"}
    due = run_json(db_url, "retention", env=short)
    assert [p["pseudonym"] for p in due["people"]] == ["Uczestnik 0001", "Uczestnik 0002", "Uczestnik 0003"]
    applied = run_json(db_url, "retention", "--apply", env=short)

    assert applied["applied"] is True and applied["versions_changed"] == 2
    assert run_json(db_url, "summary") == summary
    contents = database_contents(db_url)
    assert found_in(contents, "Kowalski", "Anna Nowak", "Żółć") == []
    assert found_in(contents, "Uczestnik 0001", "Uczestnik 0003") == ["Uczestnik 0001", "Uczestnik 0003"]
    assert run_json(db_url, "retention", env=short)["people"] == []          # nobody left, nothing renumbered
    with store_api.open_store(db_url) as store:
        names = sorted(set(store_api.active_frame(store, "attendance")["person_name"]))
        original = store_api.original_file(store, 1)
    assert names == ["Uczestnik 0001", "Uczestnik 0002", "Uczestnik 0003"]
    assert set(pipeline.check_bytes(original.data, original.name).accepted["person_name"]) <= set(names)


def test_the_reminder_counts_the_named_people_past_the_period(store, tmp_path: Path) -> None:
    importing.import_file(store, write_file(tmp_path, "xlsx", sign_in_sheet()))
    attendance = store_api.active_frame(store, "attendance")
    import datetime as dt

    assert rodo.people_past_retention(attendance, 10, dt.date(2027, 9, 20)) == 0
    assert rodo.people_past_retention(attendance, 10, dt.date(2027, 9, 21)) == 3


# ---------------------------------------------------------------------------------------------
# 5. The officer's register


def test_rodo_register_lists_categories_roles_retention_and_counts(db_url: str, tmp_path: Path) -> None:
    two_imports(db_url, tmp_path)
    out = tmp_path / "rejestr.xlsx"

    done = run_cli(db_url, "rodo-register", "--out", str(out))

    assert done.returncode == 0, done.stderr
    sheets = pd.read_excel(out, sheet_name=None, header=0, engine="openpyxl")
    assert list(sheets) == ["Kategorie i cele", "Role", "Okres przechowywania", "Liczby"]
    assert len(sheets["Kategorie i cele"]) == 7 and len(sheets["Role"]) == 3
    counts = dict(zip(sheets["Liczby"]["Pozycja"], sheets["Liczby"]["Wartość"], strict=True))
    assert counts["Osoby z imieniem i nazwiskiem (wszystkie wersje)"] == 3
    assert counts["Wersje danych (z plikami)"] == 2
    retention = dict(zip(sheets["Okres przechowywania"]["Pozycja"], sheets["Okres przechowywania"]["Wartość"],
                         strict=True))
    assert retention["Lata po ostatnim spotkaniu programu (PUP_RETENTION_YEARS)"] == 10


def test_an_erasure_that_fails_half_way_leaves_the_store_as_it_was(store, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    importing.import_file(store, write_file(tmp_path, "xlsx", sign_in_sheet()))
    later = write_file(tmp_path, "csv-cp1250-semicolon", meeting_four_sheet(), stem="spotkanie_4")
    importing.import_file(store, later, mode="append")
    before = store_api.dataset_summaries(store)
    from analytics.rodo import erasure

    calls = []

    def failing_on_the_second_version(conn, version) -> None:  # noqa: ANN001 - as update_findings
        calls.append(version.id)
        if len(calls) == 2:
            raise RuntimeError("the disk is full")
        original_update(conn, version)

    original_update = erasure.update_findings
    monkeypatch.setattr(erasure, "update_findings", failing_on_the_second_version)
    with pytest.raises(RuntimeError):
        rodo.forget_person(store, "Jan Kowalski")

    assert calls == [1, 2]
    assert store_api.dataset_summaries(store) == before
    with store_api.read_transaction(store) as conn:
        first_file = conn.execute(sa.text("SELECT file_bytes FROM versions WHERE id = 1")).scalar()
    assert found_in(unpacked(bytes(first_file)), "Jan Kowalski")
    assert [e.action for e in store_api.audit_log(store)][:1] == ["import"]
