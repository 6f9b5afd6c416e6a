"""Backups, restore and verify through the real command line (`python -m analytics backup|restore|verify`).

The source store is a SQLite file holding the demo data, an account, an import and a rollback; the
targets are an empty SQLite and (when PUP_TEST_POSTGRES_URL is set) an empty PostgreSQL schema.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from builders import looks_polish
from test_store_support import REPO_ROOT, empty_database, opened_store

from analytics import accounts, importing
from analytics import store as store_api
from analytics.store import backup as backup_module
from analytics.store.backup import automatic_backups, backup_to_folder

HEADER = ["Imię i nazwisko", "Gmina", "Sektor", "Grupa", "Spotkanie", "Data spotkania"]


def run_cli(url: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analytics", *args], cwd=REPO_ROOT,
                          env={**os.environ, "PUP_DATABASE_URL": url, **env},
                          capture_output=True, text=True, timeout=300)


def run_json(url: str, *args: str, exit_code: int = 0, **env: str) -> Any:
    done = run_cli(url, *args, "--json", **env)
    assert done.returncode == exit_code, done.stderr + done.stdout
    return json.loads(done.stdout)


def attendance_csv(path: Path, meeting: int, names: list[str]) -> Path:
    lines = [";".join(HEADER)] + [f"{name};Słupno;kultura;mieszkańcy;{meeting};07.12.2017" for name in names]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def table_contents(url: str) -> dict[str, list[tuple]]:
    """Every row of every table but the migrations record, in primary-key order: what a restore must copy."""
    engine = sa.create_engine(url)
    try:
        meta = sa.MetaData()
        meta.reflect(bind=engine)
        with engine.connect() as conn:
            return {name: [tuple(row) for row in conn.execute(
                        sa.select(table).order_by(*table.primary_key.columns))]
                    for name, table in sorted(meta.tables.items()) if name != "schema_migrations"}
    finally:
        engine.dispose()


def audit_entries(url: str) -> list[dict]:
    with opened_store(url) as store:
        return [entry.to_json() for entry in store_api.audit_log(store, 100_000)]


def what_the_cli_shows(url: str) -> dict[str, Any]:
    return {"summary": run_json(url, "summary"), "versions": run_json(url, "versions"),
            "users": json.loads(run_cli(url, "users", "list", "--json").stdout), "audit": audit_entries(url)}


@pytest.fixture
def source(tmp_path: Path) -> str:
    """A SQLite store as an office has it after a while: demo data, an account, imports, a rollback."""
    url = f"sqlite:///{tmp_path / 'source.db'}"
    with opened_store(url) as store:      # in-process (the verbs under test run as commands)
        assert len(importing.load_demo(store)) == 4          # two demo programmes, two datasets each
        assert not isinstance(accounts.add_user(store, "kasia", "staff", "dlugie-haslo-2017", by="admin"),
                              accounts.AccountRefusal)
        s5 = attendance_csv(tmp_path / "s5.csv", 5, ["Jan Kowalski", "Ewa Nowak"])
        first = importing.import_file(store, s5, mode="append")
        importing.import_file(store, attendance_csv(tmp_path / "s6.csv", 6, ["Jan Kowalski"]), mode="append")
        store_api.rollback(store, first.version)
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_target(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    target_dir = tmp_path / "target"
    target_dir.mkdir()
    with empty_database(request.param, target_dir) as url:
        yield url


# ---------------------------------------------------------------------------------------------
# backup


SLOW_IMPORT = r"""
import runpy, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from analytics.store import versions as store_versions
inside, release = Path(sys.argv[2]), Path(sys.argv[2] + ".release")
original = store_versions.write_chunk
def write_then_linger(*args):
    original(*args)
    inside.touch()          # the import's transaction is open and holds the write lock
    deadline = time.monotonic() + 90
    while not release.exists():         # until the test has its backup
        if time.monotonic() > deadline:
            sys.exit(3)                 # never released: the backup waited for this import
        time.sleep(0.02)
store_versions.write_chunk = write_then_linger
sys.argv = ["python -m analytics", *sys.argv[3:]]
runpy.run_module("analytics", run_name="__main__")
"""


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_a_backup_taken_while_an_import_runs_in_another_process_is_the_state_before_it(
    kind: str, source: str, tmp_path: Path
) -> None:
    with empty_database(kind, tmp_path) as url:
        run_json(url, "demo")
        before = what_the_cli_shows(url)
        inside = tmp_path / "inside"
        importing = subprocess.Popen(
            [sys.executable, "-c", SLOW_IMPORT, str(REPO_ROOT), str(inside), "import",
             str(attendance_csv(tmp_path / "s6.csv", 6, ["Anna Lis"])), "--mode", "append", "--json"],
            cwd=REPO_ROOT, env={**os.environ, "PUP_DATABASE_URL": url}, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while not inside.exists() and importing.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert inside.exists(), importing.communicate()

        taken = run_json(url, "backup", "--out", str(tmp_path / "during.db"))
        import_still_running = importing.poll() is None
        (tmp_path / "inside.release").touch()
        out, err = importing.communicate(timeout=120)

        assert import_still_running and importing.returncode == 0, err   # the backup did not wait for it
        during = tmp_path / "during.db"
        assert taken == {"path": str(during), "bytes": during.stat().st_size, "versions": 4, "users": 0}
        restored = f"sqlite:///{tmp_path / 'restored.db'}"
        run_json(restored, "restore", str(tmp_path / "during.db"))
        assert what_the_cli_shows(restored) == before
        assert len(run_json(url, "versions")) == 5          # and the import itself landed (4 demo versions)


def test_a_backup_is_one_self_contained_sqlite_file(source: str, tmp_path: Path) -> None:
    out = tmp_path / "kopie" / "pup.db"
    out.parent.mkdir()

    info = run_json(source, "backup", "--out", str(out))

    assert sorted(p.name for p in out.parent.iterdir()) == ["pup.db"]   # no -wal, no .part left
    assert info["bytes"] == out.stat().st_size and info["versions"] == 6 and info["users"] == 1
    conn = sqlite3.connect(out)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    plain = run_cli(source, "backup", "--out", str(out))
    assert plain.returncode == 0 and "Zapisano kopię zapasową" in plain.stdout


def test_a_backup_into_a_folder_that_cannot_be_written_is_refused_in_polish(source: str,
                                                                            tmp_path: Path) -> None:
    blocker = tmp_path / "plik"
    blocker.write_text("to nie katalog")

    done = run_cli(source, "backup", "--out", str(blocker / "pup.db"), "--json")

    assert done.returncode == 2
    error = json.loads(done.stdout)["error"]
    assert "Nie udało się zapisać kopii zapasowej" in error and looks_polish(error)


def test_automatic_backups_go_into_the_backup_folder_and_only_the_newest_are_kept(
    source: str, tmp_path: Path
) -> None:
    folder = tmp_path / "kopie"
    with opened_store(source) as store:
        start = datetime(2026, 11, 1, 2, 30, tzinfo=UTC)
        for day in range(4):
            backup_to_folder(store, folder, keep=3, now=start + timedelta(days=day))
    (folder / "notatki.db").write_text("not a backup of ours: never deleted")

    assert [p.name for p in automatic_backups(folder)] == [
        "pup-20261102-023000.db", "pup-20261103-023000.db", "pup-20261104-023000.db"]

    info = run_json(source, "backup", "--auto", PUP_BACKUP_DIR=str(folder), PUP_BACKUP_KEEP="2")

    kept = automatic_backups(folder)
    assert [p.name for p in kept[:1]] == ["pup-20261104-023000.db"] and len(kept) == 2
    assert info["path"] == str(kept[-1]) and info["versions"] == 6
    assert (folder / "notatki.db").exists()


# ---------------------------------------------------------------------------------------------
# restore


def test_a_restore_into_an_empty_store_gives_identical_summary_versions_users_and_audit(
    source: str, empty_target: str, tmp_path: Path
) -> None:
    backup_file = tmp_path / "pup-kopia.db"
    run_json(source, "backup", "--out", str(backup_file))

    restored = run_json(empty_target, "restore", str(backup_file))

    assert restored == {"path": str(backup_file), "bytes": backup_file.stat().st_size,
                        "versions": 6, "users": 1}
    assert what_the_cli_shows(empty_target) == what_the_cli_shows(source)
    assert table_contents(empty_target) == table_contents(source)
    assert run_json(empty_target, "verify") == {"ok": True, "problems": []}
    # The store goes on from where the backup was: the next import gets a new id and is active.
    after = run_json(empty_target, "import", str(attendance_csv(tmp_path / "s4.csv", 4, ["Ola Wrona"])),
                     "--mode", "append")
    assert after["version"] == 7 and run_json(empty_target, "versions")[-1]["active"]


@pytest.mark.postgres
def test_a_backup_of_a_postgresql_store_restores_into_sqlite_with_everything(source: str,
                                                                            tmp_path: Path) -> None:
    with empty_database("postgresql", tmp_path) as pg_url:
        run_json(source, "backup", "--out", str(tmp_path / "a.db"))
        run_json(pg_url, "restore", str(tmp_path / "a.db"))

        taken = run_json(pg_url, "backup", "--out", str(tmp_path / "z-postgresql.db"))
        back = f"sqlite:///{tmp_path / 'back.db'}"
        run_json(back, "restore", str(tmp_path / "z-postgresql.db"))

        assert taken["versions"] == 6 and taken["users"] == 1
        assert what_the_cli_shows(back) == what_the_cli_shows(source)
        assert table_contents(back) == table_contents(source)


def test_a_restore_into_a_store_that_holds_versions_is_refused_in_polish_unless_forced(
    source: str, tmp_path: Path
) -> None:
    backup_file = tmp_path / "kopia.db"
    run_json(source, "backup", "--out", str(backup_file))
    target = f"sqlite:///{tmp_path / 'target.db'}"
    run_json(target, "demo")
    before = table_contents(target)

    refused = run_cli(target, "restore", str(backup_file))

    assert refused.returncode == 2
    assert refused.stderr.strip() == ("Baza docelowa zawiera już 4 wersje danych – nic nie zmieniono. "
                                      "Aby zastąpić je zawartością kopii, dodaj --force.")
    assert table_contents(target) == before

    forced = run_json(target, "restore", str(backup_file), "--force")
    assert forced["versions"] == 6
    assert what_the_cli_shows(target) == what_the_cli_shows(source)


def damaged_copies(good: Path, folder: Path) -> dict[str, Path]:
    """A backup broken in the ways a disk, a copy or a wrong click break one."""
    data = good.read_bytes()
    files = {name: folder / f"{name}.db" for name in
             ("not_sqlite", "overwritten", "truncated", "other_database", "tampered", "missing")}
    files["not_sqlite"].write_bytes(b"PK\x03\x04" + os.urandom(4096))
    middle = len(data) // 2
    files["overwritten"].write_bytes(data[:middle] + b"\x55" * 8192 + data[middle + 8192:])
    files["truncated"].write_bytes(data[: len(data) // 3])
    other = sqlite3.connect(files["other_database"])
    other.execute("CREATE TABLE contacts (name TEXT)")
    other.commit()
    other.close()
    files["tampered"].write_bytes(data)
    tampered = sqlite3.connect(files["tampered"])
    stored = tampered.execute("SELECT file_bytes FROM versions WHERE id = 5").fetchone()[0]
    tampered.execute("UPDATE versions SET file_bytes = ? WHERE id = 5", (stored.replace(b"Ewa", b"Iwa"),))
    tampered.commit()
    tampered.close()
    return files


@pytest.mark.parametrize("damage, says", [
    ("not_sqlite", "nie jest kopią zapasową pulpitu (to nie jest baza SQLite)"),
    ("overwritten", "jest uszkodzona"),
    ("truncated", "jest uszkodzona"),
    ("other_database", "nie kopią zapasową pulpitu"),
    ("tampered", "Wersja 5 (s5.csv): zapisany plik nie zgadza się ze swoją sumą SHA-256"),
    ("missing", "Nie można odczytać pliku"),
])
def test_a_damaged_backup_is_refused_clearly_and_the_store_is_left_as_it_was(
    source: str, tmp_path: Path, damage: str, says: str
) -> None:
    good = tmp_path / "kopia.db"
    run_json(source, "backup", "--out", str(good))
    broken = damaged_copies(good, tmp_path)[damage]
    if damage == "missing":
        broken.unlink(missing_ok=True)
    target = f"sqlite:///{tmp_path / 'target.db'}"
    run_json(target, "demo")
    before = table_contents(target)

    done = run_cli(target, "restore", str(broken), "--force", "--json")

    assert done.returncode == 2, done.stderr
    error = json.loads(done.stdout)["error"]
    assert says in error and "Traceback" not in done.stderr
    assert error.endswith(("Baza nie została zmieniona.", "użyj innej kopii."))
    assert table_contents(target) == before


def test_a_restore_that_fails_half_way_leaves_the_store_as_it_was(
    source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup_file = tmp_path / "kopia.db"
    run_json(source, "backup", "--out", str(backup_file))
    target = f"sqlite:///{tmp_path / 'target.db'}"
    run_json(target, "demo")
    before = table_contents(target)
    copied: list[str] = []
    original = backup_module._copy_table

    def copy_then_fail(source_conn: Any, source_table: Any, target_conn: Any, target_table: sa.Table) -> None:
        if len(copied) == 3:
            raise OSError("dysk zapełniony w połowie odtwarzania")
        copied.append(target_table.name)
        original(source_conn, source_table, target_conn, target_table)

    monkeypatch.setattr(backup_module, "_copy_table", copy_then_fail)
    with opened_store(target) as store, pytest.raises(OSError):
        backup_module.restore(store, backup_file, force=True)

    assert len(copied) == 3
    assert table_contents(target) == before


# ---------------------------------------------------------------------------------------------
# verify


def test_verify_passes_a_healthy_store_and_finds_a_tampered_stored_file(source: str) -> None:
    assert run_json(source, "verify") == {"ok": True, "problems": []}
    assert "Baza jest w porządku" in run_cli(source, "verify").stdout

    with opened_store(source) as store, store_api.write_transaction(store) as conn:
        conn.execute(sa.text("UPDATE versions SET file_bytes = :data WHERE id = 5"),
                     {"data": b"podmieniony plik"})

    found = run_json(source, "verify", exit_code=1)
    assert found == {"ok": False, "problems": [
        "Wersja 5 (s5.csv): zapisany plik nie zgadza się ze swoją sumą SHA-256 – został zmieniony lub "
        "uszkodzony."]}
    plain = run_cli(source, "verify")
    assert plain.returncode == 1 and "Sprawdzenie bazy znalazło 1 problem:" in plain.stderr


def test_verify_finds_a_version_whose_data_cannot_be_read(source: str) -> None:
    with opened_store(source) as store, store_api.write_transaction(store) as conn:
        conn.execute(sa.text("UPDATE versions SET snapshot = :junk WHERE id = 6"), {"junk": b"not parquet"})

    found = run_json(source, "verify", exit_code=1)

    assert not found["ok"] and len(found["problems"]) == 1
    assert found["problems"][0].startswith("Wersja 6 (s6.csv): nie da się odczytać jej danych (")


def test_verify_reports_a_damaged_sqlite_file(source: str, tmp_path: Path) -> None:
    path = Path(sa.make_url(source).database)
    data = path.read_bytes()
    start = 3 * 4096                                   # past the schema page: the store still opens
    path.write_bytes(data[:start] + b"\x55" * 4096 + data[start + 4096:])

    found = run_json(source, "verify", exit_code=1)

    assert not found["ok"]
    assert found["problems"][0].startswith(("Sprawdzenie spójności SQLite", "Nie można odczytać bazy"))
