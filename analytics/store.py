"""The versioned store: every upload kept with its file, one active version per dataset, an audit trail.

Each version holds the whole dataset as it stood after its import (a snapshot), so a rollback only
moves the active pointer and nothing is ever deleted. Writes are serialised (SQLite: BEGIN
IMMEDIATE; PostgreSQL: a transaction-level advisory lock) and each runs in one transaction.
"""

from __future__ import annotations

import getpass
import hashlib
import io
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.pool import StaticPool

from analytics import config
from analytics.combining import MODES, ImportEffect, combine, effect_between, starts_afresh
from analytics.migrations import MIGRATIONS, applied_migrations, migrate
from analytics.results import ATTENDANCE_COLUMNS, KINDS, PROJECT_COLUMNS, CheckResult, Refusal

SQLITE_BUSY_TIMEOUT_S = 60          # a second writer waits this long for the first one to finish
# Every write takes this one PostgreSQL advisory lock: imports are rare, so one queue is enough.
ADVISORY_LOCK_KEY = 0x5055_5031     # "PUP1"
CHUNK_ROWS = 20_000                 # rows per bulk-insert statement
DEMO_FILES = {
    "attendance": config.DEMO_DIR / "lista_obecnosci_2017.xlsx",
    "projects": config.DEMO_DIR / "projekty_2017.xlsx",
}
DEMO_USER = "system"
_WRITE = "pup_write"                # execution option: this connection will write

COLUMNS = {"attendance": ATTENDANCE_COLUMNS, "projects": PROJECT_COLUMNS}

# The dtypes every dataset has once stored, whichever way it is read back.
_TEXT = pd.StringDtype(na_value=np.nan)
_DATE = "datetime64[us]"
DTYPES: dict[str, dict[str, Any]] = {
    "attendance": {
        "row": "Int64", "sheet": _TEXT, "person_key": _TEXT, "person_name": _TEXT,
        "institution": _TEXT, "gmina": _TEXT, "teryt": _TEXT, "in_county": "boolean",
        "sector": _TEXT, "sector_other": _TEXT, "group": _TEXT, "group_other": _TEXT,
        "meeting": "Int64", "meeting_date": _DATE,
    },
    "projects": {
        "row": "Int64", "sheet": _TEXT, "title": _TEXT, "leader": _TEXT, "status": _TEXT,
        "status_other": _TEXT, "start_date": _DATE, "end_date": _DATE, "budget": "Float64",
        "participants_planned": "Int64", "participants_reached": "Int64", "jobs_planned": "Int64",
        "jobs_created": "Int64", "enterprises_created": "Int64", "gminy": _TEXT, "notes": _TEXT,
        "last_update": _DATE,
    },
}

# ---------------------------------------------------------------------------------------------
# Tables: the shape the migrations in analytics/migrations.py build, for queries.

_meta = sa.MetaData()
versions = sa.Table(
    "versions", _meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("file_name", sa.Text, nullable=False),
    sa.Column("file_bytes", sa.LargeBinary, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("user_name", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("mode", sa.String(10), nullable=False),
    sa.Column("format", sa.String(10)),
    sa.Column("sheet", sa.Text),
    sa.Column("header_row", sa.Integer),
    sa.Column("rows_read", sa.Integer, nullable=False),
    sa.Column("rows_accepted", sa.Integer, nullable=False),
    sa.Column("rows_rejected", sa.Integer, nullable=False),
    sa.Column("summary", sa.JSON),
    sa.Column("warnings", sa.JSON),
    sa.Column("rejected", sa.JSON),
    sa.Column("rejected_rows", sa.JSON),
    sa.Column("parent_id", sa.Integer, sa.ForeignKey("versions.id")),
    sa.Column("note", sa.Text),
    sa.Column("demo", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("snapshot", sa.LargeBinary),
    sa.Column("dataset_rows", sa.Integer),
    sa.Column("dataset_rows_before", sa.Integer),
    sa.Column("participants_before", sa.Integer),
    sa.Column("participants_after", sa.Integer),
)
_date_columns = {"meeting_date", "start_date", "end_date", "last_update"}


def _row_table(name: str, kind: str) -> sa.Table:
    sql_types = {"Int64": sa.Integer, "boolean": sa.Boolean, "Float64": sa.Float}
    return sa.Table(
        name, _meta,
        sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        *[
            sa.Column(col, sa.Date if col in _date_columns else sql_types.get(str(dtype), sa.Text))
            for col, dtype in DTYPES[kind].items()
        ],
        sqlite_with_rowid=False,
    )


attendance_rows = _row_table("attendance_rows", "attendance")
project_rows = _row_table("project_rows", "projects")
ROW_TABLES = {"attendance": attendance_rows, "projects": project_rows}
active_versions = sa.Table(
    "active_versions", _meta,
    sa.Column("kind", sa.String(20), primary_key=True),
    sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), nullable=False),
    sa.Column("activated_at", sa.DateTime, nullable=False),
)
audit = sa.Table(
    "audit", _meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column("user_name", sa.Text, nullable=False),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("kind", sa.String(20)),
    sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id")),
    sa.Column("details", sa.JSON),
)
users = sa.Table(
    "users", _meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("login", sa.Text, nullable=False),
    sa.Column("login_key", sa.Text, nullable=False),      # unique: index ux_users_login_key
    sa.Column("display_name", sa.Text, nullable=False),
    sa.Column("role", sa.String(10), nullable=False),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("failed_attempts", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("locked_until", sa.DateTime),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
    sa.Column("last_login", sa.DateTime),
)
TABLES = _meta.tables

# ---------------------------------------------------------------------------------------------
# Results


@dataclass
class Store:
    """An open store: the engine and the kind of database behind it."""

    engine: Engine
    url: str

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()


@dataclass(frozen=True)
class VersionInfo:
    """One stored version as the history lists it."""

    id: int
    kind: str
    file_name: str
    sha256: str
    user: str
    created_at: datetime          # UTC
    mode: str
    format: str | None
    sheet: str | None
    header_row: int | None
    rows_read: int
    rows_accepted: int
    rows_rejected: int
    dataset_rows: int | None      # rows of the whole dataset after this import
    demo: bool
    active: bool
    parent_id: int | None         # the version that was active when this one was made
    note: str | None
    # The active dataset before this import: its rows (attendances or projects), and the people of
    # an attendance list before and after (None for a projects register).
    dataset_rows_before: int | None = None
    participants_before: int | None = None
    participants_after: int | None = None

    @property
    def rows_before(self) -> int:
        return self.dataset_rows_before or 0

    @property
    def rows_after(self) -> int:
        return self.dataset_rows or 0

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.id, "kind": self.kind, "file": self.file_name, "sha256": self.sha256,
            "user": self.user, "created_at": self.created_at.isoformat(timespec="seconds"),
            "mode": self.mode, "rows_accepted": self.rows_accepted,
            "rows_rejected": self.rows_rejected, "active": self.active, "demo": self.demo,
            "dataset_rows_before": self.dataset_rows_before, "dataset_rows": self.dataset_rows,
            "participants_before": self.participants_before, "participants_after": self.participants_after,
        }


@dataclass(frozen=True)
class VersionDetails:
    """A version with what its check said: summary, warnings, rejected rows and their reasons."""

    info: VersionInfo
    summary: dict[str, Any]
    warnings: list[dict[str, Any]]
    rejected: list[dict[str, Any]]
    rejected_rows: pd.DataFrame


@dataclass(frozen=True)
class StoredFile:
    name: str
    data: bytes


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did: a new version, or the active version it duplicates."""

    version: int | None
    duplicate_of: int | None
    kind: str
    mode: str
    file_name: str
    rows_accepted: int
    rows_rejected: int
    dataset_rows: int             # rows of the active dataset after the import
    warnings: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    replaced: list[Any] = field(default_factory=list)   # meetings / project titles the file replaced
    parent_id: int | None = None
    started_empty: bool = False   # append or merge onto a demo version starts the real dataset afresh
    dataset_rows_before: int = 0  # rows of the active dataset before the import
    participants_before: int | None = None   # people of an attendance list before and after
    participants_after: int | None = None
    effect: ImportEffect | None = None       # what the import changed (None for a duplicate)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version, "kind": self.kind, "mode": self.mode,
            "rows_accepted": self.rows_accepted, "rows_rejected": self.rows_rejected,
            "duplicate_of": self.duplicate_of, "warnings": self.warnings, "rejected": self.rejected,
            "dataset_rows_before": self.dataset_rows_before, "dataset_rows": self.dataset_rows,
            "participants_before": self.participants_before, "participants_after": self.participants_after,
        }


@dataclass(frozen=True)
class RollbackOutcome:
    kind: str
    version: int
    previous: int | None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "version": self.version, "previous": self.previous}


@dataclass(frozen=True)
class StoreRefusal:
    """A request the store cannot carry out (an unknown version), in a Polish sentence."""

    error: str

    def to_json(self) -> dict[str, Any]:
        return {"error": self.error}


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime                  # UTC
    user: str
    action: str
    kind: str | None
    version_id: int | None
    details: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "at": self.at.isoformat(timespec="seconds"), "user": self.user,
            "action": self.action, "kind": self.kind, "version": self.version_id,
            "details": self.details,
        }


# ---------------------------------------------------------------------------------------------
# Opening


def open_store(url: str | None = None) -> Store:
    """Open (and on first use create or upgrade) the store at `url`, default PUP_DATABASE_URL."""
    sa_url = make_url(url or config.database_url())
    backend = sa_url.get_backend_name()
    if backend == "sqlite":
        engine = _sqlite_engine(sa_url)
    elif backend == "postgresql":
        if sa_url.drivername == "postgresql":
            sa_url = sa_url.set(drivername="postgresql+psycopg")
        engine = sa.create_engine(sa_url, pool_pre_ping=True)
    else:
        raise ValueError(f"unsupported database: {sa_url.drivername}")
    store = Store(engine, sa_url.render_as_string(hide_password=True))
    _upgrade(store)
    return store


def _sqlite_engine(sa_url: sa.URL) -> Engine:
    database = sa_url.database
    in_memory = not database or database == ":memory:"
    if not in_memory:
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(
        sa_url,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S},
        **({"poolclass": StaticPool} if in_memory else {}),
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Transactions are begun by _on_begin below, not by the sqlite3 module's guesswork.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A writer takes the write lock at BEGIN, so two imports queue up instead of both
        # reading the same active version and one of them failing (or being lost) at commit.
        immediate = conn.get_execution_options().get(_WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _upgrade(store: Store) -> None:
    with store.engine.connect() as conn:
        current = applied_migrations(conn)
        conn.rollback()
    if current == [m.number for m in MIGRATIONS]:
        return
    with _write_transaction(store) as conn:
        migrate(conn)


@contextmanager
def _write_transaction(store: Store) -> Iterator[Connection]:
    """One write transaction, holding the store's write lock until it commits or rolls back."""
    with store.engine.connect() as conn:
        conn.execution_options(**{_WRITE: True})
        with conn.begin():
            if store.dialect == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
            yield conn


@contextmanager
def _read_transaction(store: Store) -> Iterator[Connection]:
    with store.engine.connect() as conn, conn.begin():
        yield conn


# ---------------------------------------------------------------------------------------------
# Importing


def default_user() -> str:
    """The OS login name, for imports made from the command line."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "nieznany"


def import_file(
    store: Store,
    source: str | Path | bytes,
    kind: str | None = None,
    mode: str = "replace",
    user: str | None = None,
    file_name: str | None = None,
) -> ImportOutcome | Refusal:
    """Check a file with the reading pipeline and store it as a new version of its dataset.

    `source` is a path, or the bytes of an upload (then give `file_name`). A refused file stores
    nothing but is written to the audit trail.
    """
    _require_mode(mode)
    user = user or default_user()
    if isinstance(source, bytes):
        data, name = source, file_name or "plik"
    else:
        path = Path(source)
        name = file_name or path.name
        try:
            data = path.read_bytes()
        except OSError:
            from analytics.catalogue import t

            return _refuse(store, name, None, kind, user, t("error_file_missing", path=str(path)))
    sha = _sha256(data)
    duplicate = _duplicate_of_active(store, sha, kind)
    if duplicate is not None:
        return _record_duplicate(store, duplicate, name, user)

    from analytics import pipeline  # the pipeline imports much; only imports need it

    result = pipeline.check_bytes(data, name, kind)
    if isinstance(result, Refusal):
        return _refuse(store, name, sha, kind, user, result.error)
    return import_result(store, result, data, name, mode, user)


def import_result(
    store: Store,
    result: CheckResult,
    file_bytes: bytes,
    file_name: str | None = None,
    mode: str = "replace",
    user: str | None = None,
    demo: bool = False,
) -> ImportOutcome:
    """Store a checked file as a new active version, unless it is the active version's file."""
    _require_mode(mode)
    user = user or default_user()
    name = file_name or result.file
    sha = _sha256(file_bytes)
    with _write_transaction(store) as conn:
        active = _active_row(conn, result.kind)
        if active is not None and active.sha256 == sha:
            _audit(conn, user, "import_duplicate", result.kind, active.id, {"file": name, "sha256": sha})
            return _duplicate_outcome(conn, active, name)
        return _write_version(conn, result, file_bytes, name, sha, mode, user, demo, active)


def _write_version(
    conn: Connection,
    result: CheckResult,
    file_bytes: bytes,
    name: str,
    sha: str,
    mode: str,
    user: str,
    demo: bool,
    active: Any,
) -> ImportOutcome:
    kind = result.kind
    new_rows = conform(result.accepted, kind)
    over_demo = active is not None and bool(active.demo) and not demo
    started_empty = starts_afresh(mode, over_demo)
    builds_on_active = mode != "replace" and active is not None and not started_empty
    before = conform(pd.DataFrame(), kind) if active is None else _version_frame(conn, active)
    combined = combine(kind, mode, before if builds_on_active else None, new_rows)
    effect = effect_between(kind, mode, before, combined, new_rows, over_demo)
    dataset, replaced = combined.dataset, combined.replaced
    warnings = [w.to_json() for w in result.warnings]
    rejected = [p.to_json() for p in result.rejected]
    note = "demo" if demo else None
    if started_empty:
        note = f"zapisano jako nowy zbiór: aktywna wersja {active.id} była demonstracyjna"
    version_id = conn.execute(
        versions.insert().values(
            kind=kind, file_name=name, file_bytes=file_bytes, sha256=sha, user_name=user,
            created_at=_now(), mode=mode, format=result.format, sheet=result.sheet,
            header_row=result.header_row, rows_read=result.rows_read,
            rows_accepted=result.rows_accepted, rows_rejected=result.rows_rejected,
            summary=to_jsonable(result.summary), warnings=to_jsonable(warnings),
            rejected=to_jsonable(rejected), rejected_rows=_frame_to_json(result.rejected_rows),
            parent_id=active.id if active is not None else None, note=note, demo=demo,
            snapshot=_to_parquet(dataset), dataset_rows=len(dataset), dataset_rows_before=effect.rows_before,
            participants_before=effect.participants_before, participants_after=effect.participants_after,
        )
    ).inserted_primary_key[0]
    if builds_on_active and kind == "attendance":
        # The rows of the meetings the file does not touch are copied inside the database: an
        # append or merge of one meeting's list to a large dataset then costs about what that
        # meeting's rows cost (the combined dataset lists them first, see combining.Combined).
        first_new = _copy_kept_attendance(conn, active.id, version_id, new_rows, combined.kept)
        _insert_rows(conn, kind, version_id, dataset.iloc[combined.kept:], first_new)
    else:
        _insert_rows(conn, kind, version_id, dataset)
    _activate(conn, kind, version_id)
    _audit(conn, user, "demo_load" if demo else "import", kind, version_id, {
        "file": name, "sha256": sha, "mode": mode, "rows_accepted": result.rows_accepted,
        "rows_rejected": result.rows_rejected, "dataset_rows": len(dataset),
        "dataset_rows_before": effect.rows_before,
        "previous": active.id if active is not None else None, "replaced": to_jsonable(replaced),
    })
    return ImportOutcome(
        version=version_id, duplicate_of=None, kind=kind, mode=mode, file_name=name,
        rows_accepted=result.rows_accepted, rows_rejected=result.rows_rejected,
        dataset_rows=len(dataset), warnings=warnings, rejected=rejected,
        replaced=to_jsonable(replaced), parent_id=active.id if active is not None else None,
        started_empty=started_empty, dataset_rows_before=effect.rows_before,
        participants_before=effect.participants_before, participants_after=effect.participants_after,
        effect=effect,
    )


def _duplicate_of_active(store: Store, sha: str, kind: str | None) -> Any:
    with _read_transaction(store) as conn:
        for candidate in (kind,) if kind else KINDS:
            active = _active_row(conn, candidate)
            if active is not None and active.sha256 == sha:
                return active
    return None


def _record_duplicate(store: Store, active: Any, name: str, user: str) -> ImportOutcome:
    with _write_transaction(store) as conn:
        details = {"file": name, "sha256": active.sha256}
        _audit(conn, user, "import_duplicate", active.kind, active.id, details)
        return _duplicate_outcome(conn, active, name)


def _duplicate_outcome(conn: Connection, active: Any, name: str) -> ImportOutcome:
    stored = conn.execute(
        sa.select(versions.c.warnings, versions.c.rejected).where(versions.c.id == active.id)
    ).one()
    return ImportOutcome(
        version=None, duplicate_of=active.id, kind=active.kind, mode=active.mode, file_name=name,
        rows_accepted=active.rows_accepted, rows_rejected=active.rows_rejected,
        dataset_rows=active.dataset_rows or 0, warnings=stored.warnings or [],
        rejected=stored.rejected or [], parent_id=active.parent_id,
        dataset_rows_before=active.dataset_rows or 0, participants_before=active.participants_after,
        participants_after=active.participants_after,
    )


def _refuse(store: Store, name: str, sha: str | None, kind: str | None, user: str, error: str) -> Refusal:
    details = {"file": name, "sha256": sha, "error": error}
    record_audit(store, "import_refused", user, kind=kind, details=details)
    return Refusal(file=name, error=error)


def _require_mode(mode: str) -> None:
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")


# ---------------------------------------------------------------------------------------------
# Rows in and out


def conform(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The dataset's canonical columns, in order, with the store's dtypes; other columns dropped."""
    n = len(frame)
    out = {}
    for column, dtype in DTYPES[kind].items():
        if column in frame:
            values = frame[column].reset_index(drop=True)
        else:
            values = pd.Series([None] * n, dtype=object)
        out[column] = _as_dtype(values, dtype)
    return pd.DataFrame(out, index=pd.RangeIndex(n))


def _as_dtype(values: pd.Series, dtype: Any) -> pd.Series:
    if dtype == _DATE:
        converted = pd.to_datetime(values, errors="coerce")
        if getattr(converted.dtype, "tz", None) is not None:
            converted = converted.dt.tz_localize(None)
        return converted.astype(_DATE)
    if dtype in ("Int64", "Float64"):
        return pd.to_numeric(values, errors="coerce").astype(dtype)
    if dtype == "boolean":
        return values.astype("boolean")
    if pd.api.types.infer_dtype(values, skipna=True) not in ("string", "empty"):
        # Numbers or dates in a text column (a TERYT code read as a number): as their text.
        values = values.astype(object).map(_as_text)
    return values.astype(_TEXT)


def _as_text(value: Any) -> Any:
    return value if value is None or isinstance(value, str) or pd.isna(value) else str(value)


def _python_values(series: pd.Series) -> list[Any]:
    """A column as plain Python values (None for missing), as the database drivers take them."""
    if str(series.dtype).startswith("datetime64"):
        text = np.datetime_as_string(series.to_numpy().astype("datetime64[D]"))
        return [None if t == "NaT" else t for t in text.tolist()]
    return series.to_numpy(dtype=object, na_value=None).tolist()


def _insert_rows(conn: Connection, kind: str, version_id: int, frame: pd.DataFrame,
                 first_position: int = 0) -> None:
    table = ROW_TABLES[kind]
    columns = ["version_id", "position", *COLUMNS[kind]]
    n = len(frame)
    positions = list(range(first_position, first_position + n))
    values = [[version_id] * n, positions, *(_python_values(frame[c]) for c in COLUMNS[kind])]
    rows = list(zip(*values, strict=True))
    for start in range(0, n, CHUNK_ROWS):
        _write_chunk(conn, table.name, columns, rows[start:start + CHUNK_ROWS])


def _copy_kept_attendance(conn: Connection, base_id: int, version_id: int, new_rows: pd.DataFrame,
                          expected: int) -> int:
    """Copy the base version's rows of the meetings the file does not hold; returns the next position."""
    table = attendance_rows
    meetings = sorted({int(m) for m in new_rows["meeting"].dropna()})
    query = sa.select(sa.literal(version_id), table.c.position, *[table.c[c] for c in ATTENDANCE_COLUMNS])
    query = query.where(table.c.version_id == base_id)
    if meetings:
        query = query.where(sa.or_(table.c.meeting.is_(None), table.c.meeting.not_in(meetings)))
    copied = conn.execute(
        table.insert().from_select(["version_id", "position", *ATTENDANCE_COLUMNS], query),
        execution_options={"preserve_rowcount": True},
    ).rowcount
    if copied != expected:
        raise RuntimeError(f"version {base_id}: {copied} rows in the table, {expected} in its snapshot")
    last = conn.execute(
        sa.select(sa.func.max(table.c.position)).where(table.c.version_id == base_id)
    ).scalar()
    return 0 if last is None else last + 1


def _write_chunk(conn: Connection, table: str, columns: list[str], rows: list[tuple]) -> None:
    """One bulk insert: COPY on PostgreSQL, executemany on SQLite."""
    quote = conn.dialect.identifier_preparer.quote
    column_list = ", ".join(quote(c) for c in columns)
    if conn.dialect.name == "postgresql":
        with conn.connection.driver_connection.cursor() as cursor, \
                cursor.copy(f"COPY {quote(table)} ({column_list}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    placeholders = ", ".join("?" for _ in columns)
    conn.exec_driver_sql(f"INSERT INTO {quote(table)} ({column_list}) VALUES ({placeholders})", rows)


def _to_parquet(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def _version_frame(conn: Connection, version: Any) -> pd.DataFrame:
    """A version's whole dataset: from its Parquet snapshot, else (older versions) from its rows."""
    snapshot = conn.execute(sa.select(versions.c.snapshot).where(versions.c.id == version.id)).scalar()
    if snapshot is not None:
        return pd.read_parquet(io.BytesIO(snapshot))
    return rows_frame(conn, version.kind, version.id)


def rows_frame(conn: Connection, kind: str, version_id: int) -> pd.DataFrame:
    """A version's dataset rebuilt from its rows in the row table (the SQL view of the data)."""
    table = ROW_TABLES[kind]
    # Dates come back as text on SQLite: read them raw and let pandas parse the whole column.
    query = (
        sa.select(*[sa.type_coerce(table.c[c], sa.String) if c in _date_columns else table.c[c]
                    for c in COLUMNS[kind]])
        .where(table.c.version_id == version_id)
        .order_by(table.c.position)
    )
    rows = conn.execute(query).all()
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(COLUMNS[kind])
    return conform(pd.DataFrame(dict(zip(COLUMNS[kind], columns, strict=True))), kind)


# ---------------------------------------------------------------------------------------------
# Reading


def active_frame(store: Store, kind: str) -> pd.DataFrame:
    """The active dataset of `kind` (empty, with its columns, when there is none)."""
    with _read_transaction(store) as conn:
        active = _active_row(conn, kind)
        if active is None:
            return conform(pd.DataFrame(), kind)
        return _version_frame(conn, active)


def version_frame(store: Store, version_id: int) -> pd.DataFrame | None:
    """The whole dataset as a given version holds it, or None for an unknown version."""
    with _read_transaction(store) as conn:
        row = _version_row(conn, version_id)
        return None if row is None else _version_frame(conn, row)


def active_version(store: Store, kind: str) -> VersionInfo | None:
    with _read_transaction(store) as conn:
        active = _active_row(conn, kind)
        return None if active is None else _info(active, active_id=active.id)


def active_version_ids(store: Store) -> dict[str, int | None]:
    """The active version of each dataset: a cheap key for caching the dashboard's reads."""
    with _read_transaction(store) as conn:
        found = dict(conn.execute(sa.select(active_versions.c.kind, active_versions.c.version_id)).all())
    return {kind: found.get(kind) for kind in KINDS}


def list_versions(store: Store, kind: str | None = None) -> list[VersionInfo]:
    """Every version, oldest first (of one dataset when `kind` is given)."""
    query = sa.select(*_info_columns()).order_by(versions.c.id)
    if kind is not None:
        query = query.where(versions.c.kind == kind)
    with _read_transaction(store) as conn:
        active = dict(conn.execute(sa.select(active_versions.c.kind, active_versions.c.version_id)).all())
        return [_info(row, active.get(row.kind)) for row in conn.execute(query)]


def version_details(store: Store, version_id: int) -> VersionDetails | None:
    with _read_transaction(store) as conn:
        row = _version_row(conn, version_id)
        if row is None:
            return None
        extra = conn.execute(
            sa.select(versions.c.summary, versions.c.warnings, versions.c.rejected, versions.c.rejected_rows)
            .where(versions.c.id == version_id)
        ).one()
        active_id = conn.execute(
            sa.select(active_versions.c.version_id).where(active_versions.c.kind == row.kind)
        ).scalar()
    return VersionDetails(
        info=_info(row, active_id), summary=extra.summary or {}, warnings=extra.warnings or [],
        rejected=extra.rejected or [], rejected_rows=_frame_from_json(extra.rejected_rows),
    )


def original_file(store: Store, version_id: int) -> StoredFile | None:
    """The file exactly as it was uploaded for a version."""
    with _read_transaction(store) as conn:
        row = conn.execute(
            sa.select(versions.c.file_name, versions.c.file_bytes).where(versions.c.id == version_id)
        ).one_or_none()
    return None if row is None else StoredFile(row.file_name, row.file_bytes)


def dataset_summaries(store: Store) -> dict[str, dict[str, Any] | None]:
    """The check's summary of each active dataset (None for a dataset with no version)."""
    from analytics import summary

    functions = {"attendance": summary.attendance_summary, "projects": summary.projects_summary}
    ids = active_version_ids(store)
    return {
        kind: None if ids[kind] is None else to_jsonable(functions[kind](active_frame(store, kind)))
        for kind in KINDS
    }


def _info_columns() -> list[sa.Column]:
    return [c for c in versions.c if c.name not in ("file_bytes", "snapshot", "summary", "warnings",
                                                   "rejected", "rejected_rows")]


def _active_row(conn: Connection, kind: str) -> Any:
    query = (
        sa.select(*_info_columns())
        .join(active_versions, active_versions.c.version_id == versions.c.id)
        .where(active_versions.c.kind == kind)
    )
    return conn.execute(query).one_or_none()


def _version_row(conn: Connection, version_id: int) -> Any:
    return conn.execute(sa.select(*_info_columns()).where(versions.c.id == version_id)).one_or_none()


def _info(row: Any, active_id: int | None) -> VersionInfo:
    return VersionInfo(
        id=row.id, kind=row.kind, file_name=row.file_name, sha256=row.sha256, user=row.user_name,
        created_at=row.created_at.replace(tzinfo=UTC), mode=row.mode, format=row.format,
        sheet=row.sheet, header_row=row.header_row, rows_read=row.rows_read,
        rows_accepted=row.rows_accepted, rows_rejected=row.rows_rejected,
        dataset_rows=row.dataset_rows, demo=bool(row.demo), active=row.id == active_id,
        parent_id=row.parent_id, note=row.note, dataset_rows_before=row.dataset_rows_before,
        participants_before=row.participants_before, participants_after=row.participants_after,
    )


# ---------------------------------------------------------------------------------------------
# Rollback and audit


def rollback(store: Store, version_id: int, user: str | None = None) -> RollbackOutcome | StoreRefusal:
    """Make an earlier (or later) version of its dataset active again; nothing is deleted."""
    user = user or default_user()
    with _write_transaction(store) as conn:
        row = _version_row(conn, version_id)
        if row is None:
            return StoreRefusal(f"Nie ma wersji {version_id}.")
        previous = _active_row(conn, row.kind)
        _activate(conn, row.kind, version_id)
        _audit(conn, user, "rollback", row.kind, version_id, {
            "from": previous.id if previous is not None else None, "to": version_id,
        })
    return RollbackOutcome(row.kind, version_id, previous.id if previous is not None else None)


def record_audit(
    store: Store,
    action: str,
    user: str,
    kind: str | None = None,
    version_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> int:
    """Write one event to the audit trail (imports, rollbacks, logins, account changes)."""
    with _write_transaction(store) as conn:
        return _audit(conn, user, action, kind, version_id, details)


def audit_log(store: Store, limit: int = 100) -> list[AuditEntry]:
    """The latest events, newest first."""
    query = sa.select(audit).order_by(audit.c.id.desc()).limit(limit)
    with _read_transaction(store) as conn:
        return [
            AuditEntry(row.id, row.at.replace(tzinfo=UTC), row.user_name, row.action, row.kind,
                       row.version_id, row.details or {})
            for row in conn.execute(query)
        ]


def _audit(
    conn: Connection, user: str, action: str, kind: str | None, version_id: int | None,
    details: dict[str, Any] | None,
) -> int:
    return conn.execute(audit.insert().values(
        at=_now(), user_name=user, action=action, kind=kind, version_id=version_id,
        details=to_jsonable(details or {}),
    )).inserted_primary_key[0]


def _activate(conn: Connection, kind: str, version_id: int) -> None:
    changed = conn.execute(
        active_versions.update().where(active_versions.c.kind == kind)
        .values(version_id=version_id, activated_at=_now())
    ).rowcount
    if not changed:
        conn.execute(active_versions.insert().values(kind=kind, version_id=version_id, activated_at=_now()))


# ---------------------------------------------------------------------------------------------
# Rejected rows, for staff to fix and upload again


def export_rejected(store: Store, version_id: int, out_path: str | Path) -> Path | StoreRefusal:
    """Write a version's rejected rows (original values, plus the reasons) to an .xlsx file."""
    from analytics.safe_export import xlsx_bytes

    details = version_details(store, version_id)
    if details is None:
        return StoreRefusal(f"Nie ma wersji {version_id}.")
    table = rejected_table(details.rejected_rows, details.rejected)
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(xlsx_bytes(table, "Odrzucone"))
    return out


def rejected_table(rejected_rows: pd.DataFrame, problems: list[dict[str, Any]]) -> pd.DataFrame:
    """The rejected rows with a column of reasons ("Powody odrzucenia").

    The pipeline's rejected_rows carries that column already (in the language of the check); if
    not, the reasons are joined from the problems by row number (a "Wiersz" column), and with no
    rows at all the problems themselves are the table.
    """
    from analytics.catalogue import LANGUAGES, t

    if {t("rejected_reasons_header", lang) for lang in LANGUAGES} & {str(c) for c in rejected_rows.columns}:
        return rejected_rows
    reasons_header, row_header = t("rejected_reasons_header"), t("rejected_row_header")
    reasons: dict[Any, list[str]] = {}
    for problem in problems:
        reasons.setdefault(problem.get("row"), []).append(
            f"{problem['column']}: {problem['reason']}" if problem.get("column") else problem["reason"]
        )
    if rejected_rows.empty or row_header not in rejected_rows.columns:
        return pd.DataFrame({
            row_header: [p.get("row") for p in problems],
            t("rejected_column_header"): [p.get("column") for p in problems],
            t("rejected_value_header"): [p.get("value") for p in problems],
            reasons_header: [p.get("reason") for p in problems],
        })
    table = rejected_rows.copy()
    table[reasons_header] = ["; ".join(reasons.get(r, [])) for r in table[row_header]]
    return table


# ---------------------------------------------------------------------------------------------
# Demo data


def ensure_demo(store: Store) -> list[ImportOutcome]:
    """On first start, load the demo files as the first version of each dataset that has none."""
    outcomes = []
    for kind, path in DEMO_FILES.items():
        if not path.exists() or _has_versions(store, kind):
            continue
        result, data = _check_demo(path, kind)
        with _write_transaction(store) as conn:
            # Another session may have loaded it while this one was reading the file.
            if conn.execute(sa.select(sa.func.count()).where(versions.c.kind == kind)).scalar():
                continue
            outcomes.append(_write_version(conn, result, data, path.name, _sha256(data), "replace",
                                           DEMO_USER, True, None))
    return outcomes


def load_demo(store: Store, user: str | None = None) -> list[ImportOutcome]:
    """Load the demo files again, each as a new active version (`python -m analytics demo`)."""
    user = user or default_user()
    outcomes = []
    for kind, path in DEMO_FILES.items():
        if not path.exists():
            continue
        result, data = _check_demo(path, kind)
        with _write_transaction(store) as conn:
            active = _active_row(conn, kind)
            outcomes.append(_write_version(conn, result, data, path.name, _sha256(data), "replace",
                                           user, True, active))
    return outcomes


def _has_versions(store: Store, kind: str) -> bool:
    with _read_transaction(store) as conn:
        return bool(conn.execute(sa.select(sa.func.count()).where(versions.c.kind == kind)).scalar())


def _check_demo(path: Path, kind: str) -> tuple[CheckResult, bytes]:
    from analytics import pipeline

    data = path.read_bytes()
    result = pipeline.check_bytes(data, path.name, kind)
    if isinstance(result, Refusal):
        raise RuntimeError(f"demo file {path} is unreadable: {result.error}")
    return result, data


# ---------------------------------------------------------------------------------------------
# Small helpers


def _now() -> datetime:
    """UTC, stored without a zone (SQLite has none); read back as UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def to_jsonable(value: Any) -> Any:
    """Plain JSON values: numpy scalars unwrapped, dates as ISO text, NaN/NaT/NA as None."""
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or isinstance(value, (bool, str, int)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, (pd.Timestamp, datetime, date)):
        return None if pd.isna(value) else value.isoformat()
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def _frame_to_json(frame: pd.DataFrame | None) -> dict[str, Any]:
    """Rejected rows as JSON: a date typed in a cell comes back as the date, without a time."""
    if frame is None or frame.empty and len(frame.columns) == 0:
        return {"columns": [], "data": []}
    return {
        "columns": [str(c) for c in frame.columns],
        "data": [[_cell_json(v) for v in row] for row in frame.itertuples(index=False, name=None)],
    }


def _cell_json(value: Any) -> Any:
    if isinstance(value, datetime) and not pd.isna(value):
        midnight = value.replace(hour=0, minute=0, second=0, microsecond=0)
        return value.date().isoformat() if value == midnight else value.isoformat()
    return to_jsonable(value)


def _frame_from_json(stored: dict[str, Any] | None) -> pd.DataFrame:
    if not stored:
        return pd.DataFrame()
    return pd.DataFrame(stored.get("data", []), columns=stored.get("columns", []))
