"""Changing what stored versions hold, for the data protection duties only (analytics/rodo/): a
person erased from every version, names replaced by pseudonyms. Everything else in the store only
ever adds; these functions run inside one write transaction of their caller, so a store is never
left half changed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from analytics.store.engine import Store
from analytics.store.schema import ROW_TABLES, versions
from analytics.store.versions import (
    _frame_from_json,
    _frame_to_json,
    _insert_rows,
    _to_parquet,
    file_sha256,
    rows_frame,
)


@dataclass
class StoredVersion:
    """One version as the rewriting sees it: its file, what its check said, its counts."""

    id: int
    kind: str
    parent_id: int | None
    created_at: Any
    file_name: str
    file_bytes: bytes
    summary: dict[str, Any]
    warnings: list[dict[str, Any]]
    rejected: list[dict[str, Any]]
    rejected_rows: pd.DataFrame
    rows_read: int
    rows_accepted: int
    rows_rejected: int
    user: str


def stored_versions(conn: Connection, kind: str | None = None) -> list[StoredVersion]:
    """Every version (of `kind`), oldest first, with its file and its check's findings."""
    query = sa.select(
        versions.c.id, versions.c.kind, versions.c.parent_id, versions.c.created_at, versions.c.file_name,
        versions.c.file_bytes, versions.c.summary, versions.c.warnings, versions.c.rejected,
        versions.c.rejected_rows, versions.c.rows_read, versions.c.rows_accepted, versions.c.rows_rejected,
        versions.c.user_name,
    ).order_by(versions.c.id)
    if kind is not None:
        query = query.where(versions.c.kind == kind)
    return [
        StoredVersion(
            id=row.id, kind=row.kind, parent_id=row.parent_id, created_at=row.created_at,
            file_name=row.file_name, file_bytes=bytes(row.file_bytes), summary=row.summary or {},
            warnings=list(row.warnings or []), rejected=list(row.rejected or []),
            rejected_rows=_frame_from_json(row.rejected_rows), rows_read=row.rows_read,
            rows_accepted=row.rows_accepted, rows_rejected=row.rows_rejected, user=row.user_name,
        )
        for row in conn.execute(query)
    ]


def version_dataset(conn: Connection, version_id: int, kind: str) -> pd.DataFrame:
    """The whole dataset a version holds (its snapshot, else its rows)."""
    snapshot = conn.execute(sa.select(versions.c.snapshot).where(versions.c.id == version_id)).scalar()
    if snapshot is not None:
        return pd.read_parquet(io.BytesIO(snapshot))
    return rows_frame(conn, kind, version_id)


def replace_dataset(conn: Connection, version_id: int, kind: str, frame: pd.DataFrame) -> None:
    """A version's dataset replaced whole: its snapshot, its rows and its counts."""
    frame = frame.reset_index(drop=True)
    table = ROW_TABLES[kind]
    conn.execute(table.delete().where(table.c.version_id == version_id))
    _insert_rows(conn, kind, version_id, frame)
    values: dict[str, Any] = {"snapshot": _to_parquet(frame), "dataset_rows": len(frame)}
    if kind == "attendance":
        values["participants_after"] = int(frame["person_key"].nunique())
    conn.execute(versions.update().where(versions.c.id == version_id).values(**values))


def update_findings(conn: Connection, version: StoredVersion) -> None:
    """A version's file and its check's findings and counts, as `version` now holds them."""
    conn.execute(versions.update().where(versions.c.id == version.id).values(
        file_bytes=version.file_bytes, stored_sha256=file_sha256(version.file_bytes),
        summary=version.summary, warnings=version.warnings,
        rejected=version.rejected, rejected_rows=_frame_to_json(version.rejected_rows),
        rows_read=version.rows_read, rows_accepted=version.rows_accepted, rows_rejected=version.rows_rejected,
    ))


def recount_before(conn: Connection) -> None:
    """Each version's "before" counts taken again from its parent (after parents changed)."""
    parent = versions.alias("parent")
    conn.execute(versions.update().values(
        dataset_rows_before=sa.func.coalesce(
            sa.select(parent.c.dataset_rows).where(parent.c.id == versions.c.parent_id).scalar_subquery(), 0),
        participants_before=sa.case(
            (versions.c.kind == "attendance", sa.func.coalesce(
                sa.select(parent.c.participants_after).where(parent.c.id == versions.c.parent_id)
                .scalar_subquery(), 0)),
            else_=None),
    ))


def compact(store: Store) -> None:
    """Rewrite an SQLite file so that the pages freed by an erasure keep none of the old bytes (VACUUM,
    then the write-ahead log emptied). PostgreSQL keeps dead row versions until its own VACUUM
    reclaims them: the README says so."""
    if store.dialect != "sqlite":
        return
    # On the driver's own connection: VACUUM cannot run inside the transaction SQLAlchemy would begin.
    raw = store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("VACUUM")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.close()
    finally:
        raw.close()
