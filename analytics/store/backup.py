"""Backups of the store, restoring one, and checking a store's integrity.

One backup format for both databases: a SQLite file holding the store's tables, schema and all.
A SQLite store is copied with SQLite's online backup API: one consistent snapshot while the
dashboard and imports go on (in WAL mode readers do not block the writer). A PostgreSQL store is
copied table by table through SQLAlchemy inside one REPEATABLE READ transaction (one snapshot) into
a new SQLite file made by the store's own migrations, so no `pg_dump` of the server's major version
is needed and every backup restores into either database. (A DBA who prefers `pg_dump` can still
use it beside this; it is not what `restore` reads.)

Restoring reads the backup from a private copy, checks it (a SQLite file, intact, made by this
program, every version readable and its file matching its SHA-256), then empties the target and
copies every table in one write transaction: a failure at any point leaves the target as it was.
The tables are found by reflection, so a table added by a later migration is copied too.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from analytics.catalogue import t, tn
from analytics.store.engine import Store, open_store, read_transaction, write_transaction
from analytics.store.migrations import MIGRATIONS
from analytics.store.schema import users, versions
from analytics.store.versions import StoreRefusal, version_frame

SQLITE_MAGIC = b"SQLite format 3\x00"
MIGRATIONS_TABLE = "schema_migrations"     # each database keeps its own record of the steps it had
ROWS_PER_BATCH = 5_000
BLOB_ROWS_PER_BATCH = 20                   # versions carry whole files: fewer at a time
AUTO_PREFIX = "pup-"
AUTO_SUFFIX = ".db"
AUTO_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class BackupInfo:
    """A backup file written (or restored from): where, how big, what it holds."""

    path: str
    bytes: int
    versions: int
    users: int

    def to_json(self) -> dict[str, object]:
        return asdict(self)


# ---------------------------------------------------------------------------------------------
# Backup


def backup(store: Store, out: Path | str) -> BackupInfo:
    """Write a consistent copy of the store to `out` (a SQLite file), through `out.part` and a rename,
    so a half-written file never carries the backup's name."""
    out = Path(out)
    part = out.with_name(out.name + ".part")
    part.unlink(missing_ok=True)
    try:
        if store.dialect == "sqlite":
            _copy_sqlite_file(store, part)
        else:
            _copy_into_new_sqlite(store, part)
        _single_file(part)
        part.replace(out)
    finally:
        part.unlink(missing_ok=True)
    return _describe(out)


def _copy_sqlite_file(store: Store, target: Path) -> None:
    source = sqlite3.connect(store.engine.url.database)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)      # pages=-1: the whole database in one step, one snapshot
        finally:
            destination.close()
    finally:
        source.close()


def _copy_into_new_sqlite(store: Store, target: Path) -> None:
    copy = open_store(f"sqlite:///{target}")       # the same schema, by the same migrations
    try:
        with store.engine.connect() as source:
            source = source.execution_options(isolation_level="REPEATABLE READ")
            with source.begin(), write_transaction(copy) as destination:
                _copy_tables(source, destination)
    finally:
        copy.close()


def _single_file(path: Path) -> None:
    """The backup as one self-contained file: no write-ahead log beside it."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()


def _describe(path: Path) -> BackupInfo:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        count = {name: conn.execute(f"SELECT COUNT(*) FROM {name}").fetchone()[0]
                 for name in ("versions", "users")}
    finally:
        conn.close()
    return BackupInfo(str(path), path.stat().st_size, count["versions"], count["users"])


def backup_to_folder(store: Store, folder: Path | str, keep: int, now: datetime | None = None) -> BackupInfo:
    """A backup named by the time (UTC) in `folder`, then only the newest `keep` such backups kept."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now(UTC)).strftime(AUTO_STAMP)
    info = backup(store, folder / f"{AUTO_PREFIX}{stamp}{AUTO_SUFFIX}")
    for old in automatic_backups(folder)[:-max(keep, 1)]:
        old.unlink(missing_ok=True)
    return info


def automatic_backups(folder: Path | str) -> list[Path]:
    """The backups `backup_to_folder` wrote in `folder`, oldest first (their names sort by time)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"{AUTO_PREFIX}*{AUTO_SUFFIX}") if _is_stamped(p.name))


def _is_stamped(name: str) -> bool:
    try:
        datetime.strptime(name[len(AUTO_PREFIX):-len(AUTO_SUFFIX)], AUTO_STAMP)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------------------------------------
# Restore


def restore(store: Store, backup_file: Path | str, force: bool = False) -> BackupInfo | StoreRefusal:
    """Replace the store's contents with the backup's. Refused (nothing changed) when the file is not
    a sound backup of this program, or when the store already holds versions and `force` is not set."""
    backup_file = Path(backup_file)
    with _checked_copy(backup_file) as checked:
        if isinstance(checked, StoreRefusal):
            return checked
        held = _count(store, versions)
        if held and not force:
            return StoreRefusal(tn("restore_target_has_versions", held))
        with checked.engine.connect() as source, source.begin(), write_transaction(store) as target:
            _copy_tables(source, target, replace=True)
    return BackupInfo(str(backup_file), backup_file.stat().st_size, _count(store, versions),
                      _count(store, users))


@contextmanager
def _checked_copy(backup_file: Path) -> Iterator[Store | StoreRefusal]:
    """The backup opened from a private copy (opening upgrades an older backup's schema, which must
    not touch the file itself), or why it cannot be restored."""
    with tempfile.TemporaryDirectory(prefix="pup-restore-") as folder:
        copy = Path(folder) / "backup.db"
        refusal = _refusal_of_file(backup_file, copy)
        if refusal is not None:
            yield refusal
            return
        opened = open_store(f"sqlite:///{copy}")
        try:
            problems = verify(opened)
            yield StoreRefusal(t("restore_backup_damaged", file=backup_file.name, detail=problems[0])) \
                if problems else opened
        finally:
            opened.close()


def _refusal_of_file(backup_file: Path, copy: Path) -> StoreRefusal | None:
    """Copy the backup to `copy` and check it is an intact SQLite file made by this program; the refusal
    saying what is wrong, or None."""
    name = backup_file.name
    try:
        with backup_file.open("rb") as f:
            magic = f.read(len(SQLITE_MAGIC))
        if magic != SQLITE_MAGIC:
            return StoreRefusal(t("restore_not_sqlite", file=name))
        shutil.copyfile(backup_file, copy)
    except OSError as error:
        return StoreRefusal(t("restore_cannot_read", file=name, detail=error.strerror or str(error)))
    conn = sqlite3.connect(copy)
    try:
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            return StoreRefusal(t("restore_backup_damaged", file=name, detail=_first_line(verdict)))
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {MIGRATIONS_TABLE, "versions", "users"} <= tables:
            return StoreRefusal(t("restore_not_a_backup", file=name))
        steps = {row[0] for row in conn.execute(f"SELECT number FROM {MIGRATIONS_TABLE}")}
    except sqlite3.DatabaseError as error:
        return StoreRefusal(t("restore_backup_damaged", file=name, detail=str(error)))
    finally:
        conn.close()
    known = {m.number for m in MIGRATIONS}
    if steps - known:
        return StoreRefusal(t("restore_backup_newer", file=name, found=max(steps), known=max(known)))
    return None


def _first_line(text: str) -> str:
    return str(text).splitlines()[0] if text else ""


def _count(store: Store, table: sa.Table) -> int:
    with read_transaction(store) as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


# ---------------------------------------------------------------------------------------------
# Copying tables between two stores of the same schema


def _copy_tables(source: Connection, target: Connection, replace: bool = False) -> None:
    """Copy every table but the migrations record from `source` to `target` (same schema), parents
    before children; with `replace`, the target's rows are deleted first (children first)."""
    source_tables = _reflected(source)
    target_tables = _reflected(target)
    ordered = [t for t in target_tables.sorted_tables if t.name != MIGRATIONS_TABLE]
    if replace:
        for table in reversed(ordered):
            target.execute(table.delete())
    for table in ordered:
        _copy_table(source, source_tables.tables[table.name], target, table)
    if target.dialect.name == "postgresql":
        _move_sequences_past_copied_ids(target, ordered)


def _reflected(conn: Connection) -> sa.MetaData:
    meta = sa.MetaData()
    meta.reflect(bind=conn)
    for table in meta.tables.values():
        for column in table.columns:
            if isinstance(column.type, sa.JSON):
                # SQL NULL stays NULL (the default would write the JSON text 'null').
                column.type = sa.JSON(none_as_null=True)
    return meta


def _copy_table(source: Connection, source_table: sa.Table, target: Connection,
                target_table: sa.Table) -> None:
    columns = [c.name for c in target_table.columns]
    has_blobs = any(isinstance(c.type, sa.LargeBinary) for c in target_table.columns)
    batch = BLOB_ROWS_PER_BATCH if has_blobs else ROWS_PER_BATCH
    query = sa.select(*[source_table.c[name] for name in columns]).order_by(*source_table.primary_key.columns)
    result = source.execution_options(stream_results=True, yield_per=batch).execute(query)
    while rows := result.fetchmany(batch):
        target.execute(target_table.insert(), [dict(zip(columns, row, strict=True)) for row in rows])


def _move_sequences_past_copied_ids(conn: Connection, tables: list[sa.Table]) -> None:
    """Copied rows keep their ids; each id sequence must start after them, or the next insert clashes."""
    for table in tables:
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        sequence = conn.execute(sa.text("SELECT pg_get_serial_sequence(:table, 'id')"),
                                {"table": table.name}).scalar()
        if sequence is None:
            continue
        highest = conn.execute(sa.select(sa.func.max(table.c.id))).scalar()
        conn.execute(sa.text("SELECT setval(:sequence, :value, :called)"),
                     {"sequence": sequence, "value": highest or 1, "called": highest is not None})


# ---------------------------------------------------------------------------------------------
# Verify


def verify(store: Store) -> list[str]:
    """What is wrong with the store, one sentence per problem: SQLite's integrity check, a stored file
    whose SHA-256 does not match, a version whose dataset cannot be read. Empty: all is well."""
    try:
        problems = _integrity_problems(store)
        if problems:
            return problems        # a damaged file: reading on would only report the damage again
        with read_transaction(store) as conn:
            stored = conn.execute(
                sa.select(versions.c.id, versions.c.file_name, versions.c.file_bytes, versions.c.sha256,
                          versions.c.stored_sha256, versions.c.dataset_rows).order_by(versions.c.id)).all()
    except sa.exc.DatabaseError as error:
        return [t("verify_cannot_read", detail=_first_line(str(error.orig)))]
    for row in stored:
        # the file as kept (without the columns the dashboard does not read, or rewritten by an erasure)
        # has its own digest; the one of the file as sent stays for duplicate detection
        expected = row.stored_sha256 or row.sha256
        if not isinstance(row.file_bytes, bytes) or hashlib.sha256(row.file_bytes).hexdigest() != expected:
            problems.append(t("verify_sha256_mismatch", version=row.id, file=row.file_name))
        problems += _dataset_problems(store, row)
    return problems


def _integrity_problems(store: Store) -> list[str]:
    if store.dialect != "sqlite":
        return []       # PostgreSQL checks its pages itself; the checks below apply to both
    with store.engine.connect() as conn:
        verdicts = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check")]
    return [] if verdicts == ["ok"] else [t("verify_integrity", detail=v) for v in verdicts[:10]]


def _dataset_problems(store: Store, row: sa.Row) -> list[str]:
    try:
        frame = version_frame(store, row.id)
    except Exception as error:  # noqa: BLE001 - any failure to read is the problem being reported
        return [t("verify_unreadable", version=row.id, file=row.file_name,
                  detail=_first_line(str(error)) or type(error).__name__)]
    if frame is not None and row.dataset_rows is not None and len(frame) != row.dataset_rows:
        return [t("verify_row_count", version=row.id, file=row.file_name, found=len(frame),
                  expected=row.dataset_rows)]
    return []

