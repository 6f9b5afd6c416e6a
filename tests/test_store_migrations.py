# ruff: noqa: E501 - the SQL of schema 1 reads best one statement, or one row, a line
"""A database made by the first release (schema 1) opens with today's code and is upgraded in place.

The schema-1 SQL is written out here literally, so it stays what release 1 made even as the code's
schema grows. The data in it: attendance version 1 (meetings 1 and 2, active) and a projects
version 2 loaded as demo data (schema 1 marked demo data in the note only).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from test_store import attendance_result, meetings_in
from test_store_support import DATABASES, empty_database, store_state

from analytics import importing
from analytics import store as store_api
from analytics.store import migrations

SCHEMA_1 = {
    "sqlite": """
CREATE TABLE schema_migrations (
    number INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at DATETIME NOT NULL);
CREATE TABLE versions (
    id INTEGER NOT NULL PRIMARY KEY, kind VARCHAR(20) NOT NULL, file_name TEXT NOT NULL,
    file_bytes BLOB NOT NULL, sha256 VARCHAR(64) NOT NULL, user_name TEXT NOT NULL,
    created_at DATETIME NOT NULL, mode VARCHAR(10) NOT NULL, format VARCHAR(10), sheet TEXT,
    header_row INTEGER, rows_read INTEGER NOT NULL, rows_accepted INTEGER NOT NULL,
    rows_rejected INTEGER NOT NULL, summary JSON, warnings JSON, rejected JSON, rejected_rows JSON,
    parent_id INTEGER REFERENCES versions (id), note TEXT);
CREATE INDEX ix_versions_kind_sha256 ON versions (kind, sha256);
CREATE TABLE attendance_rows (
    version_id INTEGER NOT NULL REFERENCES versions (id), position INTEGER NOT NULL, "row" INTEGER,
    sheet TEXT, person_key TEXT, person_name TEXT, institution TEXT, gmina TEXT, teryt VARCHAR(6),
    in_county BOOLEAN, sector TEXT, sector_other TEXT, "group" TEXT, group_other TEXT,
    meeting INTEGER, meeting_date DATE, PRIMARY KEY (version_id, position)) WITHOUT ROWID;
CREATE TABLE project_rows (
    version_id INTEGER NOT NULL REFERENCES versions (id), position INTEGER NOT NULL, "row" INTEGER,
    sheet TEXT, title TEXT, leader TEXT, status TEXT, status_other TEXT, start_date DATE,
    end_date DATE, budget FLOAT, participants_planned INTEGER, participants_reached INTEGER,
    jobs_planned INTEGER, jobs_created INTEGER, enterprises_created INTEGER, gminy TEXT, notes TEXT,
    last_update DATE, PRIMARY KEY (version_id, position)) WITHOUT ROWID;
CREATE TABLE active_versions (
    kind VARCHAR(20) NOT NULL PRIMARY KEY, version_id INTEGER NOT NULL REFERENCES versions (id),
    activated_at DATETIME NOT NULL);
CREATE TABLE audit (
    id INTEGER NOT NULL PRIMARY KEY, at DATETIME NOT NULL, user_name TEXT NOT NULL,
    action VARCHAR(40) NOT NULL, kind VARCHAR(20), version_id INTEGER REFERENCES versions (id),
    details JSON);
""",
    "postgresql": """
CREATE TABLE schema_migrations (
    number INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at TIMESTAMP NOT NULL);
CREATE TABLE versions (
    id SERIAL PRIMARY KEY, kind VARCHAR(20) NOT NULL, file_name TEXT NOT NULL,
    file_bytes BYTEA NOT NULL, sha256 VARCHAR(64) NOT NULL, user_name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL, mode VARCHAR(10) NOT NULL, format VARCHAR(10), sheet TEXT,
    header_row INTEGER, rows_read INTEGER NOT NULL, rows_accepted INTEGER NOT NULL,
    rows_rejected INTEGER NOT NULL, summary JSON, warnings JSON, rejected JSON, rejected_rows JSON,
    parent_id INTEGER REFERENCES versions (id), note TEXT);
CREATE INDEX ix_versions_kind_sha256 ON versions (kind, sha256);
CREATE TABLE attendance_rows (
    version_id INTEGER NOT NULL REFERENCES versions (id), position INTEGER NOT NULL, "row" INTEGER,
    sheet TEXT, person_key TEXT, person_name TEXT, institution TEXT, gmina TEXT, teryt VARCHAR(6),
    in_county BOOLEAN, sector TEXT, sector_other TEXT, "group" TEXT, group_other TEXT,
    meeting INTEGER, meeting_date DATE, PRIMARY KEY (version_id, position));
CREATE TABLE project_rows (
    version_id INTEGER NOT NULL REFERENCES versions (id), position INTEGER NOT NULL, "row" INTEGER,
    sheet TEXT, title TEXT, leader TEXT, status TEXT, status_other TEXT, start_date DATE,
    end_date DATE, budget FLOAT, participants_planned INTEGER, participants_reached INTEGER,
    jobs_planned INTEGER, jobs_created INTEGER, enterprises_created INTEGER, gminy TEXT, notes TEXT,
    last_update DATE, PRIMARY KEY (version_id, position));
CREATE TABLE active_versions (
    kind VARCHAR(20) NOT NULL PRIMARY KEY, version_id INTEGER NOT NULL REFERENCES versions (id),
    activated_at TIMESTAMP NOT NULL);
CREATE TABLE audit (
    id SERIAL PRIMARY KEY, at TIMESTAMP NOT NULL, user_name TEXT NOT NULL,
    action VARCHAR(40) NOT NULL, kind VARCHAR(20), version_id INTEGER REFERENCES versions (id),
    details JSON);
""",
}

# The same rows in both dialects (booleans as TRUE/FALSE, which SQLite >= 3.23 also reads).
SCHEMA_1_DATA = """
INSERT INTO schema_migrations VALUES (1, 'wersje, wiersze danych, wersje aktywne, dziennik zdarzeń', '2017-12-01 09:00:00');
INSERT INTO versions (id, kind, file_name, file_bytes, sha256, user_name, created_at, mode, format, sheet,
    header_row, rows_read, rows_accepted, rows_rejected, summary, warnings, rejected, rejected_rows, parent_id, note)
VALUES (1, 'attendance', 'lista_1_2.xlsx', {blob_a}, 'aaaa', 'kasia', '2017-12-08 10:00:00', 'replace', 'xlsx',
    'Lista', 1, 3, 3, 0, '{{"attendances": 3}}', '[]', '[]', '{{"columns": [], "data": []}}', NULL, NULL);
INSERT INTO versions (id, kind, file_name, file_bytes, sha256, user_name, created_at, mode, format, sheet,
    header_row, rows_read, rows_accepted, rows_rejected, summary, warnings, rejected, rejected_rows, parent_id, note)
VALUES (2, 'projects', 'projekty_2017.xlsx', {blob_p}, 'pppp', 'system', '2017-12-08 10:05:00', 'replace', 'xlsx',
    'Projekty', 1, 1, 1, 0, '{{"projects": 1}}', '[]', '[]', '{{"columns": [], "data": []}}', NULL, 'demo');
INSERT INTO attendance_rows (version_id, position, "row", sheet, person_key, person_name, institution, gmina,
    teryt, in_county, sector, sector_other, "group", group_other, meeting, meeting_date) VALUES
    (1, 0, 2, 'Lista', 'jan kowalski', 'Jan Kowalski', NULL, 'Słupno', '141912', TRUE, 'kultura', NULL, 'mieszkańcy', NULL, 1, '2017-05-25'),
    (1, 1, 3, 'Lista', 'anna nowak', 'Anna Nowak', 'UG Bielsk', 'Bielsk', '141901', TRUE, 'edukacja', NULL, 'samorząd lokalny', NULL, 1, '2017-05-25'),
    (1, 2, 4, 'Lista', 'jan kowalski', 'Jan Kowalski', NULL, 'Gostynin', NULL, FALSE, 'inne', 'sport', 'mieszkańcy', NULL, 2, NULL);
INSERT INTO project_rows (version_id, position, "row", sheet, title, leader, status, budget, jobs_created, last_update)
VALUES (2, 0, 2, 'Projekty', 'Skarby Powiatu Płockiego', 'Lider', 'pomysł', 12500.5, 2, '2017-12-07');
INSERT INTO active_versions VALUES ('attendance', 1, '2017-12-08 10:00:00'), ('projects', 2, '2017-12-08 10:05:00');
INSERT INTO audit (id, at, user_name, action, kind, version_id, details) VALUES
    (1, '2017-12-08 10:00:00', 'kasia', 'import', 'attendance', 1, '{{"file": "lista_1_2.xlsx"}}'),
    (2, '2017-12-08 10:05:00', 'system', 'demo_load', 'projects', 2, '{{"file": "projekty_2017.xlsx"}}');
"""


def make_schema_1_database(url: str) -> None:
    """Create, with plain SQL, the database release 1 would have left behind."""
    engine = sa.create_engine(url)
    dialect = engine.dialect.name
    blobs = ({"blob_a": "X'6C69737461'", "blob_p": "X'70726F6A'"} if dialect == "sqlite"
             else {"blob_a": "'\\x6C69737461'::bytea", "blob_p": "'\\x70726F6A'::bytea"})
    statements = SCHEMA_1[dialect] + SCHEMA_1_DATA.format(**blobs)
    with engine.begin() as conn:
        for statement in statements.split(";\n"):
            if statement.strip():
                conn.exec_driver_sql(statement)
        if dialect == "postgresql":
            # Explicit ids above leave the sequences behind; release 1 would have used them.
            conn.exec_driver_sql("SELECT setval('versions_id_seq', 2)")
            conn.exec_driver_sql("SELECT setval('audit_id_seq', 2)")
    engine.dispose()


@pytest.fixture(params=DATABASES)
def schema_1_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with empty_database(request.param, tmp_path) as url:
        make_schema_1_database(url)
        yield url


def test_a_schema_1_database_is_upgraded_in_place_and_keeps_its_data(schema_1_url: str) -> None:
    store = store_api.open_store(schema_1_url)
    try:
        with store.engine.connect() as conn:
            assert migrations.applied_migrations(conn) == [m.number for m in migrations.MIGRATIONS]
        versions = store_api.list_versions(store)
        assert [(v.id, v.kind, v.user, v.active, v.demo, v.dataset_rows) for v in versions] == [
            (1, "attendance", "kasia", True, False, 3), (2, "projects", "system", True, True, 1)]
        assert store_api.original_file(store, 1).data == b"lista"

        attendance = store_api.active_frame(store, "attendance")     # read from the rows: no snapshot yet
        assert meetings_in(attendance) == {1: 2, 2: 1}
        assert attendance["in_county"].tolist() == [True, True, False]
        assert attendance["meeting_date"].tolist()[:1] == [pd.Timestamp("2017-05-25")]
        assert attendance["sector_other"].tolist()[2] == "sport"
        projects = store_api.active_frame(store, "projects")
        assert projects[["title", "budget", "jobs_created"]].values.tolist() == [
            ["Skarby Powiatu Płockiego", 12500.5, 2]]
        # Newest first: the upgrade's rewriting of the stored originals (RODO minimisation) is recorded;
        # these two five-byte files do not read as spreadsheets and are kept as they were.
        log = store_api.audit_log(store)
        assert [e.action for e in log] == ["originals_minimised", "demo_load", "import"]
        assert log[0].details["rewritten"] == [] and log[0].details["unreadable"] == [1, 2]
    finally:
        store.close()


def test_an_upgraded_database_takes_new_imports_appends_and_rollbacks(schema_1_url: str) -> None:
    store = store_api.open_store(schema_1_url)
    try:
        result = attendance_result({3: ["Ewa Lis"]})
        outcome = importing.import_result(store, result, b"s3", "s3.xlsx", "append", "kasia")

        assert outcome.version == 3 and outcome.parent_id == 1
        assert meetings_in(store_api.active_frame(store, "attendance")) == {1: 2, 2: 1, 3: 1}
        store_api.rollback(store, 1, "kasia")
        assert meetings_in(store_api.active_frame(store, "attendance")) == {1: 2, 2: 1}
        # ids go on from release 1's (3 is the upgrade's rewriting of the stored originals)
        assert [e.id for e in store_api.audit_log(store, 2)] == [5, 4]
    finally:
        store.close()


def test_an_upgraded_database_has_the_counts_before_and_after_each_older_import(schema_1_url: str) -> None:
    store = store_api.open_store(schema_1_url)
    try:
        older = [(v.id, v.dataset_rows_before, v.dataset_rows, v.participants_before, v.participants_after)
                 for v in store_api.list_versions(store)]
        merged = importing.import_result(store, attendance_result({2: ["Ewa Lis"]}), b"s2", "s2.xlsx", "merge", "kasia")

        assert older == [(1, 0, 3, 0, 2), (2, 0, 1, None, None)]   # 3 attendances of 2 people; 1 project
        newest = store_api.list_versions(store, "attendance")[-1]
        assert (newest.id, newest.mode, newest.parent_id) == (merged.version, "merge", 1)
        assert (newest.dataset_rows_before, newest.dataset_rows) == (3, 4)
        assert (newest.participants_before, newest.participants_after) == (2, 3)
    finally:
        store.close()


def test_opening_an_upgraded_database_again_changes_nothing(schema_1_url: str) -> None:
    store_api.open_store(schema_1_url).close()
    store = store_api.open_store(schema_1_url)
    try:
        before = store_state(store)
        store_api.open_store(schema_1_url).close()
        assert store_state(store) == before
        with store.engine.connect() as conn:
            assert migrations.applied_migrations(conn) == [m.number for m in migrations.MIGRATIONS]
    finally:
        store.close()


def test_an_upgraded_database_has_the_same_tables_and_columns_as_a_new_one(schema_1_url: str,
                                                                           tmp_path: Path) -> None:
    upgraded = store_api.open_store(schema_1_url)
    fresh = store_api.open_store(f"sqlite:///{tmp_path / 'fresh.db'}")
    try:
        def shape(engine: sa.Engine) -> dict[str, list[str]]:
            inspector = sa.inspect(engine)
            tables = sorted(inspector.get_table_names())
            return {t: sorted(c["name"] for c in inspector.get_columns(t)) for t in tables}

        def indexes(engine: sa.Engine) -> set[str]:
            inspector = sa.inspect(engine)
            return {i["name"] for t in inspector.get_table_names() for i in inspector.get_indexes(t)}

        assert shape(upgraded.engine) == shape(fresh.engine)
        assert indexes(upgraded.engine) == indexes(fresh.engine)
        code = {name: sorted(c.name for c in table.columns) for name, table in store_api.TABLES.items()}
        assert {t: cols for t, cols in shape(fresh.engine).items() if t != "schema_migrations"} == code
    finally:
        upgraded.close()
        fresh.close()


def test_a_failing_migration_step_leaves_the_database_as_it_was(schema_1_url: str) -> None:
    def broken(conn: sa.Connection) -> None:
        conn.exec_driver_sql("ALTER TABLE versions ADD COLUMN half_done INTEGER")
        raise RuntimeError("krok migracji się nie udał")

    steps = [*migrations.MIGRATIONS, migrations.Migration(99, "zepsuty krok", broken)]
    store = store_api.open_store(schema_1_url)
    try:
        with pytest.raises(RuntimeError), store_api.write_transaction(store) as conn:
            migrations.migrate(conn, steps)
        with store.engine.connect() as conn:
            assert migrations.applied_migrations(conn) == [m.number for m in migrations.MIGRATIONS]
            assert "half_done" not in {c["name"] for c in sa.inspect(conn).get_columns("versions")}
    finally:
        store.close()
