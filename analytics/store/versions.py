"""Versions: every upload kept with its file, the dataset as it stood after it (a snapshot), one
active version per dataset.

Each version holds the whole dataset as it stood after its import, so a rollback only moves the
active pointer and nothing is ever deleted. The import route (analytics/importing.py) writes a
version with write_version inside a write transaction; the pages and the CLI read them with the
functions below.
"""

from __future__ import annotations

import functools
import hashlib
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from analytics.results import ATTENDANCE_COLUMNS, KINDS, CheckResult, to_jsonable
from analytics.store.audit import default_user, write_audit
from analytics.store.combining import ImportEffect, combine, effect_between, starts_afresh
from analytics.store.engine import Store, read_transaction, utc_now, write_transaction
from analytics.store.programmes import resolve
from analytics.store.schema import (
    COLUMNS,
    DATE_COLUMNS,
    ROW_TABLES,
    active_versions,
    attendance_rows,
    conform,
    versions,
)

CHUNK_ROWS = 50_000                 # rows per bulk-insert statement


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
    programme_id: int | None = None   # the programme (cycle) the version belongs to

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
    programme_id: int | None = None          # the programme the version belongs to

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


# ---------------------------------------------------------------------------------------------
# Writing a version


def file_sha256(data: bytes) -> str:
    """The fingerprint a version keeps of its file (an upload of the active file is a duplicate)."""
    return hashlib.sha256(data).hexdigest()


def active_info(conn: Connection, kind: str, programme_id: int | None) -> VersionInfo | None:
    """The active version of `kind` in a programme, inside an open transaction (None when there is none)."""
    active = _active_row(conn, kind, programme_id)
    return None if active is None else _info(active, active_id=active.id)


def version_count(conn: Connection, kind: str, programme_id: int | None = None) -> int:
    """How many versions of `kind` there are (in one programme when given), inside an open transaction."""
    query = sa.select(sa.func.count()).where(versions.c.kind == kind)
    if programme_id is not None:
        query = query.where(versions.c.programme_id == programme_id)
    return int(conn.execute(query).scalar() or 0)


def write_version(
    conn: Connection,
    result: CheckResult,
    file_bytes: bytes,
    name: str,
    sha: str,
    mode: str,
    user: str,
    demo: bool,
    active: VersionInfo | None,
    programme_id: int,
) -> ImportOutcome:
    """Store a checked file as a new active version of its dataset in a programme, built on `active`
    (that programme's active version of the dataset, read in the same transaction), in `mode`; write
    it to the audit trail."""
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
            kind=kind, file_name=name, file_bytes=file_bytes, sha256=sha,
            stored_sha256=file_sha256(file_bytes), user_name=user,
            created_at=utc_now(), mode=mode, format=result.format, sheet=result.sheet,
            header_row=result.header_row, rows_read=result.rows_read,
            rows_accepted=result.rows_accepted, rows_rejected=result.rows_rejected,
            summary=to_jsonable(result.summary), warnings=to_jsonable(warnings),
            rejected=to_jsonable(rejected), rejected_rows=_frame_to_json(result.rejected_rows),
            parent_id=active.id if active is not None else None, note=note, demo=demo,
            snapshot=_to_parquet(dataset), dataset_rows=len(dataset), dataset_rows_before=effect.rows_before,
            participants_before=effect.participants_before, participants_after=effect.participants_after,
            programme_id=programme_id, **_meeting_span(kind, dataset),
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
    _activate(conn, programme_id, kind, version_id)
    write_audit(conn, "demo_load" if demo else "import", user, kind, version_id, {
        "programme": programme_id, "file": name, "sha256": sha, "mode": mode,
        "rows_accepted": result.rows_accepted,
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
        effect=effect, programme_id=programme_id,
    )


def _meeting_span(kind: str, dataset: pd.DataFrame) -> dict[str, Any]:
    """The first and last meeting dates of an attendance dataset (what the programmes list shows)."""
    if kind != "attendance":
        return {}
    dates = pd.to_datetime(dataset["meeting_date"], errors="coerce").dropna()
    if dates.empty:
        return {"first_meeting": None, "last_meeting": None}
    return {"first_meeting": dates.min().date(), "last_meeting": dates.max().date()}


def duplicate_outcome(conn: Connection, active: VersionInfo, name: str) -> ImportOutcome:
    """What an upload of the active version's own file comes to: nothing new is stored."""
    stored = conn.execute(
        sa.select(versions.c.warnings, versions.c.rejected).where(versions.c.id == active.id)
    ).one()
    return ImportOutcome(
        version=None, duplicate_of=active.id, kind=active.kind, mode=active.mode, file_name=name,
        rows_accepted=active.rows_accepted, rows_rejected=active.rows_rejected,
        dataset_rows=active.dataset_rows or 0, warnings=stored.warnings or [],
        rejected=stored.rejected or [], parent_id=active.parent_id,
        dataset_rows_before=active.dataset_rows or 0, participants_before=active.participants_after,
        participants_after=active.participants_after, programme_id=active.programme_id,
    )


# ---------------------------------------------------------------------------------------------
# Rows in and out


def _python_values(series: pd.Series) -> list[Any]:
    """A column as plain Python values (None for missing), as the database drivers take them; a text
    column's distinct values made once (dictionary-encoded), every row sharing them."""
    if str(series.dtype).startswith("datetime64"):
        text = np.datetime_as_string(series.to_numpy().astype("datetime64[D]"))
        return [None if t == "NaT" else t for t in text.tolist()]
    if isinstance(series.dtype, pd.StringDtype) or series.dtype == object:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        values = np.empty(len(uniques) + 1, dtype=object)
        values[:-1] = list(uniques)
        values[-1] = None
        return values[codes].tolist()
    return series.to_numpy(dtype=object, na_value=None).tolist()


def _insert_rows(conn: Connection, kind: str, version_id: int, frame: pd.DataFrame,
                 first_position: int = 0) -> None:
    """The dataset's rows into its row table, CHUNK_ROWS at a time, inside the caller's transaction:
    on PostgreSQL each chunk one COPY of the CSV pyarrow writes from the columns; on SQLite each chunk
    one executemany of tuples built for that chunk only (memory bounded by the chunk, not the file)."""
    table = ROW_TABLES[kind]
    columns = ["version_id", "position", *COLUMNS[kind]]
    n = len(frame)
    on_postgresql = conn.dialect.name == "postgresql"
    arrow = _arrow_rows(kind, version_id, frame, first_position) if on_postgresql else None
    for start in range(0, n, CHUNK_ROWS):
        if arrow is not None:
            write_chunk(conn, table.name, columns, arrow.slice(start, CHUNK_ROWS))
            continue
        part = frame.iloc[start:start + CHUNK_ROWS]
        positions = range(first_position + start, first_position + start + len(part))
        values = [[version_id] * len(part), positions, *(_python_values(part[c]) for c in COLUMNS[kind])]
        write_chunk(conn, table.name, columns, list(zip(*values, strict=True)))


def _arrow_rows(kind: str, version_id: int, frame: pd.DataFrame, first_position: int) -> pa.Table:
    """The row table's columns as Arrow (dates as dates), for COPY."""
    n = len(frame)
    arrow = pa.Table.from_pandas(frame[COLUMNS[kind]], preserve_index=False)
    for index, name in enumerate(arrow.column_names):
        if pa.types.is_timestamp(arrow.schema.field(name).type):
            arrow = arrow.set_column(index, name, arrow.column(name).cast(pa.date32()))
    positions = np.arange(first_position, first_position + n, dtype=np.int64)
    arrow = arrow.add_column(0, "position", pa.array(positions))
    return arrow.add_column(0, "version_id", pa.array(np.full(n, version_id, dtype=np.int64)))


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


def write_chunk(conn: Connection, table: str, columns: list[str], rows: list[tuple] | pa.Table) -> None:
    """One bulk insert: COPY on PostgreSQL (an Arrow table, sent as the CSV pyarrow writes: an empty
    text quoted, a missing value empty, which is how COPY tells them apart), executemany on SQLite."""
    quote = conn.dialect.identifier_preparer.quote
    column_list = ", ".join(quote(c) for c in columns)
    if isinstance(rows, pa.Table):
        buffer = io.BytesIO()
        pacsv.write_csv(rows, buffer, write_options=pacsv.WriteOptions(include_header=False,
                                                                       quoting_style="needed"))
        with conn.connection.driver_connection.cursor() as cursor, \
                cursor.copy(f"COPY {quote(table)} ({column_list}) FROM STDIN (FORMAT csv)") as copy:
            copy.write(buffer.getbuffer())
        return
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
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), buffer)
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
        sa.select(*[sa.type_coerce(table.c[c], sa.String) if c in DATE_COLUMNS else table.c[c]
                    for c in COLUMNS[kind]])
        .where(table.c.version_id == version_id)
        .order_by(table.c.position)
    )
    rows = conn.execute(query).all()
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(COLUMNS[kind])
    return conform(pd.DataFrame(dict(zip(COLUMNS[kind], columns, strict=True))), kind)


# ---------------------------------------------------------------------------------------------
# Reading


def active_frame(store: Store, kind: str, programme: int | None = None) -> pd.DataFrame:
    """The active dataset of `kind` in a programme (the most recent when None); empty, with its
    columns, when there is none."""
    with read_transaction(store) as conn:
        active = _active_row(conn, kind, resolve(conn, programme))
        if active is None:
            return conform(pd.DataFrame(), kind)
        return _version_frame(conn, active)


def version_frame(store: Store, version_id: int) -> pd.DataFrame | None:
    """The whole dataset as a given version holds it, or None for an unknown version."""
    with read_transaction(store) as conn:
        row = _version_row(conn, version_id)
        return None if row is None else _version_frame(conn, row)


def active_version(store: Store, kind: str, programme: int | None = None) -> VersionInfo | None:
    """The active version of `kind` in a programme (the most recent when None)."""
    with read_transaction(store) as conn:
        active = _active_row(conn, kind, resolve(conn, programme))
        return None if active is None else _info(active, active_id=active.id)


def active_version_ids(store: Store, programme: int | None = None) -> dict[str, int | None]:
    """The active version of each dataset in a programme (the most recent when None): a cheap key for
    caching the dashboard's reads."""
    with read_transaction(store) as conn:
        programme_id = resolve(conn, programme)
        found = dict(conn.execute(
            sa.select(active_versions.c.kind, active_versions.c.version_id)
            .where(active_versions.c.programme_id == programme_id)
        ).all())
    return {kind: found.get(kind) for kind in KINDS}


def list_versions(store: Store, kind: str | None = None, programme: int | None = None) -> list[VersionInfo]:
    """Every version, oldest first (of one dataset when `kind` is given, of one programme when
    `programme` is; of every programme when it is None)."""
    query = sa.select(*_info_columns()).order_by(versions.c.id)
    if kind is not None:
        query = query.where(versions.c.kind == kind)
    if programme is not None:
        query = query.where(versions.c.programme_id == programme)
    with read_transaction(store) as conn:
        active = _active_ids(conn)
        return [_info(row, active.get((row.programme_id, row.kind))) for row in conn.execute(query)]


def _active_ids(conn: Connection) -> dict[tuple[int, str], int]:
    rows = conn.execute(sa.select(active_versions.c.programme_id, active_versions.c.kind,
                                  active_versions.c.version_id)).all()
    return {(row.programme_id, row.kind): row.version_id for row in rows}


def version_details(store: Store, version_id: int) -> VersionDetails | None:
    with read_transaction(store) as conn:
        row = _version_row(conn, version_id)
        if row is None:
            return None
        extra = conn.execute(
            sa.select(versions.c.summary, versions.c.warnings, versions.c.rejected, versions.c.rejected_rows)
            .where(versions.c.id == version_id)
        ).one()
        active_id = _active_ids(conn).get((row.programme_id, row.kind))
    return VersionDetails(
        info=_info(row, active_id), summary=extra.summary or {}, warnings=extra.warnings or [],
        rejected=extra.rejected or [], rejected_rows=_frame_from_json(extra.rejected_rows),
    )


def original_file(store: Store, version_id: int) -> StoredFile | None:
    """The file kept for a version: the upload without the columns the dashboard does not read
    (an .xls upload is kept, and named, as .xlsx)."""
    with read_transaction(store) as conn:
        row = conn.execute(
            sa.select(versions.c.file_name, versions.c.file_bytes).where(versions.c.id == version_id)
        ).one_or_none()
    if row is None:
        return None
    name = row.file_name
    if name.lower().endswith(".xls") and row.file_bytes.startswith(b"PK\x03\x04"):
        name += "x"
    return StoredFile(name, row.file_bytes)


def dataset_summaries(store: Store, programme: int | None = None) -> dict[str, dict[str, Any] | None]:
    """The check's summary of each active dataset of a programme, the most recent when None (None for
    a dataset with no version); partners counted with staff's merges (store.partner_decisions)."""
    from analytics import summary
    from analytics.store.partner_decisions import current_partner_decisions

    merges = current_partner_decisions(store).merges
    functions = {"attendance": functools.partial(summary.attendance_summary, merges=merges),
                 "projects": summary.projects_summary}
    with read_transaction(store) as conn:
        programme = resolve(conn, programme)
    ids = active_version_ids(store, programme)
    return {
        kind: None if ids[kind] is None
        else to_jsonable(functions[kind](active_frame(store, kind, programme)))
        for kind in KINDS
    }


def _info_columns() -> list[sa.Column]:
    return [c for c in versions.c if c.name not in ("file_bytes", "snapshot", "summary", "warnings",
                                                   "rejected", "rejected_rows")]


def _active_row(conn: Connection, kind: str, programme_id: int | None) -> Any:
    query = (
        sa.select(*_info_columns())
        .join(active_versions, active_versions.c.version_id == versions.c.id)
        .where(active_versions.c.kind == kind, active_versions.c.programme_id == programme_id)
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
        programme_id=row.programme_id,
    )


# ---------------------------------------------------------------------------------------------
# Rollback and audit


def rollback(store: Store, version_id: int, user: str | None = None) -> RollbackOutcome | StoreRefusal:
    """Make an earlier (or later) version of its dataset active again in its programme (a version
    belongs to one programme; the others are untouched); nothing is deleted."""
    user = user or default_user()
    with write_transaction(store) as conn:
        row = _version_row(conn, version_id)
        if row is None:
            return StoreRefusal(f"Nie ma wersji {version_id}.")
        previous = _active_row(conn, row.kind, row.programme_id)
        _activate(conn, row.programme_id, row.kind, version_id)
        write_audit(conn, "rollback", user, row.kind, version_id, {
            "from": previous.id if previous is not None else None, "to": version_id,
        })
    return RollbackOutcome(row.kind, version_id, previous.id if previous is not None else None)


def _activate(conn: Connection, programme_id: int, kind: str, version_id: int) -> None:
    changed = conn.execute(
        active_versions.update()
        .where(active_versions.c.kind == kind, active_versions.c.programme_id == programme_id)
        .values(version_id=version_id, activated_at=utc_now())
    ).rowcount
    if not changed:
        conn.execute(active_versions.insert().values(programme_id=programme_id, kind=kind,
                                                     version_id=version_id, activated_at=utc_now()))


# ---------------------------------------------------------------------------------------------
# Rejected rows as JSON


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
