"""Crash safety under real faults: an import of 100,000 rows killed with SIGKILL half-way, and an import
started while another holds the store's write lock, each through the real command line in its own
process, on SQLite and (when PUP_TEST_POSTGRES_URL is set) PostgreSQL.

"Half-way" is observed, not guessed: the test waits until the importing process holds the write
lock and its rows are being written (SQLite: the write-ahead log has grown past 2 MB; PostgreSQL:
its connection, known by its application_name, is running a COPY), then kills it.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from builders import csv_bytes
from test_store_support import REPO_ROOT, opened_store, store_state

from analytics import store as store_api

ROWS = 100_000
GMINY = ["Słupno", "Bielsk", "Radzanowo", "Stara Biała", "Bodzanów"]
HEADER = ["Imię i nazwisko", "Instytucja", "Gmina", "Spotkanie", "Data spotkania"]
MEETING_DATES = {1: "25.05.2017", 2: "06.07.2017", 3: "14.09.2017", 4: "19.10.2017", 5: "23.11.2017"}


@pytest.fixture(scope="session")
def file_of_100000_rows(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sign-in list of 100,000 attendances at meetings I–V, every row valid (written once a session)."""
    rows: list[list] = [HEADER]
    for i in range(ROWS):
        person, meeting = divmod(i, 5)
        rows.append([f"Uczestnik{person:05d} Testowy", f"Instytucja {person % 300}", GMINY[person % 5],
                     meeting + 1, MEETING_DATES[meeting + 1]])
    path = tmp_path_factory.mktemp("big") / "lista_100000.csv"
    path.write_bytes(csv_bytes(rows))
    return path


def small_list(path: Path, names: tuple[str, ...] = ("Jan Kowalski", "Ewa Nowak", "Anna Lis")) -> Path:
    path.write_bytes(csv_bytes([HEADER, *[[name, "", "Słupno", 6, "07.12.2017"] for name in names]]))
    return path


def start_import(url: str, file: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "analytics", "import", str(file), "--json", *args],
                            cwd=REPO_ROOT, env={**os.environ, "PUP_DATABASE_URL": url},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run_json(url: str, *args: str) -> object:
    done = subprocess.run([sys.executable, "-m", "analytics", *args, "--json"], cwd=REPO_ROOT,
                          env={**os.environ, "PUP_DATABASE_URL": url}, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr + done.stdout
    return json.loads(done.stdout)


def named_connection(url: str) -> tuple[str, str]:
    """The URL with a PostgreSQL application_name of its own (to find the importer's connection), and
    the name; SQLite URLs unchanged."""
    if not url.startswith("postgresql"):
        return url, ""
    name = f"pup_crash_{uuid.uuid4().hex[:10]}"
    return sa.make_url(url).update_query_dict({"application_name": name}).render_as_string(False), name


def rows_being_written(url: str, application_name: str) -> Callable[[], bool]:
    """A probe: is the importing process inside its write transaction, writing the rows?"""
    if url.startswith("sqlite"):
        database = Path(sa.make_url(url).database)
        wal = database.with_name(database.name + "-wal")

        def sqlite_probe() -> bool:
            if not wal.exists() or wal.stat().st_size < 2 * 1024 * 1024:
                return False
            probe = sqlite3.connect(database, timeout=0, isolation_level=None)
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.execute("ROLLBACK")
                return False                        # nobody holds the write lock (yet, or any more)
            except sqlite3.OperationalError:        # "database is locked": the import is writing
                return True
            finally:
                probe.close()

        return sqlite_probe

    engine = sa.create_engine(url.split("?")[0], poolclass=sa.pool.NullPool)
    query = sa.text("SELECT COUNT(*) FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid"
                    " WHERE a.application_name = :name AND l.locktype = 'advisory' AND l.granted"
                    " AND a.state = 'active' AND a.query ILIKE 'COPY%'")

    def postgres_probe() -> bool:
        with engine.connect() as conn:
            return bool(conn.execute(query, {"name": application_name}).scalar())

    return postgres_probe


def wait_for(probe: Callable[[], bool], child: subprocess.Popen, seconds: float = 180) -> bool:
    deadline = time.monotonic() + seconds
    while child.poll() is None and time.monotonic() < deadline:
        if probe():
            return True
        time.sleep(0.01)
    return False


def sound(store: store_api.Store) -> dict[str, object]:
    """What a killed write could leave behind: damage (SQLite) and rows of no version."""
    with store.engine.connect() as conn:
        orphans = conn.execute(sa.text("SELECT COUNT(*) FROM attendance_rows"
                                       " WHERE version_id NOT IN (SELECT id FROM versions)")).scalar()
        integrity = "ok"
        if store.dialect == "sqlite":
            integrity = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
    return {"orphan_rows": orphans, "integrity": integrity}


def test_an_import_of_100000_rows_killed_half_way_leaves_the_store_as_before_and_the_next_import_works(
    db_url: str, file_of_100000_rows: Path, tmp_path: Path
) -> None:
    run_json(db_url, "import", str(small_list(tmp_path / "s6.csv")))
    with opened_store(db_url) as store:
        before = store_state(store)
    url, name = named_connection(db_url)
    child = start_import(url, file_of_100000_rows, "--mode", "append")

    caught_writing = wait_for(rows_being_written(url, name), child)
    child.send_signal(signal.SIGKILL)
    out, err = child.communicate(timeout=60)

    assert caught_writing, err
    assert child.returncode == -signal.SIGKILL and out == ""
    with opened_store(db_url) as store:
        assert store_state(store) == before
        assert sound(store) == {"orphan_rows": 0, "integrity": "ok"}
    assert run_json(db_url, "verify") == {"ok": True, "problems": []}

    again = run_json(db_url, "import", str(file_of_100000_rows), "--mode", "append")

    assert again["rows_accepted"] == ROWS and again["rows_rejected"] == 0
    assert again["dataset_rows_before"] == 3 and again["dataset_rows"] == ROWS + 3   # on the list before
    summary = run_json(db_url, "summary")["attendance"]["attendances_by_meeting"]
    assert summary == {"1": 20_000, "2": 20_000, "3": 20_000, "4": 20_000, "5": 20_000, "6": 3}


def test_an_import_started_while_a_100000_row_import_writes_waits_and_both_land(
    db_url: str, file_of_100000_rows: Path, tmp_path: Path
) -> None:
    store_api.open_store(db_url).close()       # the schema exists before the race starts
    url, name = named_connection(db_url)
    big = start_import(url, file_of_100000_rows, "--mode", "append")
    assert wait_for(rows_being_written(url, name), big)

    small = start_import(db_url, small_list(tmp_path / "s6.csv"), "--mode", "append")
    outputs = [child.communicate(timeout=300) for child in (big, small)]

    assert [big.returncode, small.returncode] == [0, 0], [err for _, err in outputs]
    first, second = (json.loads(out) for out, _ in outputs)
    assert second["version"] > first["version"]
    assert second["dataset_rows_before"] == ROWS        # it waited for the big one, then built on it
    listed = run_json(db_url, "versions")
    assert [v["version"] for v in listed] == [first["version"], second["version"]] and listed[-1]["active"]
    summary = run_json(db_url, "summary")["attendance"]["attendances_by_meeting"]
    assert summary == {"1": 20_000, "2": 20_000, "3": 20_000, "4": 20_000, "5": 20_000, "6": 3}


IMPORT_WITH_A_SHORT_WAIT = r"""
import runpy, sys
sys.path.insert(0, sys.argv[1])
from analytics.store import engine
engine.SQLITE_BUSY_TIMEOUT_S = 1        # instead of a minute
sys.argv = ["python -m analytics", *sys.argv[2:]]
runpy.run_module("analytics", run_name="__main__")
"""


def test_an_import_that_waits_too_long_for_another_writer_says_so_in_polish_and_stores_nothing(
    tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    run_json(url, "import", str(small_list(tmp_path / "s6.csv")))
    with opened_store(url) as store:
        before = store_state(store)
    writer = sqlite3.connect(tmp_path / "store.db", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")           # another process's long import holds the write lock
    try:
        done = subprocess.run(
            [sys.executable, "-c", IMPORT_WITH_A_SHORT_WAIT, str(REPO_ROOT), "import",
             str(small_list(tmp_path / "s6b.csv", ("Olga Wrona",))), "--mode", "append", "--json"],
            cwd=REPO_ROOT, env={**os.environ, "PUP_DATABASE_URL": url}, capture_output=True, text=True,
            timeout=300)
    finally:
        writer.execute("ROLLBACK")
        writer.close()

    assert done.returncode == 2, done.stderr
    assert json.loads(done.stdout)["error"].startswith("Baza jest zajęta przez inny zapis (trwa inny import)")
    with opened_store(url) as store:
        assert store_state(store) == before
