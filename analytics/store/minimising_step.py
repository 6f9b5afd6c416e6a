"""Migration step 7: the stored originals of a store made before minimisation, rewritten without the
columns the dashboard does not read (analytics/reading/minimise.py), recorded in the audit trail."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from analytics.store.audit import write_audit

AUDIT_ACTION = "originals_minimised"


def minimise_stored_originals(conn: Connection) -> None:
    """Each version's file read again, as its import did, and kept as the reader's copy. A file that
    no longer reads (none should) is left as it was and named in the audit entry."""
    from analytics.reading.minimise import minimised_original
    from analytics.reading.pipeline import check_bytes
    from analytics.results import Refusal

    table = sa.table("versions", sa.column("id"), sa.column("kind"), sa.column("file_name"),
                     sa.column("file_bytes", sa.LargeBinary))
    ids = list(conn.execute(sa.select(table.c.id).order_by(table.c.id)).scalars())
    rewritten, unreadable = [], []
    for version_id in ids:
        row = conn.execute(sa.select(table.c.kind, table.c.file_name, table.c.file_bytes)
                           .where(table.c.id == version_id)).one()
        data = bytes(row.file_bytes)
        result = check_bytes(data, row.file_name, row.kind, max_bytes=len(data) + 1)
        if isinstance(result, Refusal):
            unreadable.append(version_id)
            continue
        minimised = minimised_original(data, result.sheet_columns)
        if minimised != data:
            conn.execute(table.update().where(table.c.id == version_id).values(file_bytes=minimised))
            rewritten.append(version_id)
    if ids:
        write_audit(conn, AUDIT_ACTION, "system", details={
            "versions": len(ids), "rewritten": rewritten, "unreadable": unreadable,
        })
