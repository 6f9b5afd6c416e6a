"""The audit trail: who did what and when (imports, rollbacks, logins, account changes, downloads of
personal data). Rows are only ever added."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from analytics.results import to_jsonable
from analytics.store.engine import Store, read_transaction, utc_now, write_transaction
from analytics.store.schema import audit


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


def default_user() -> str:
    """The OS login name, for changes made from the command line."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "nieznany"


def write_audit(
    conn: Connection,
    action: str,
    user: str,
    kind: str | None = None,
    version_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> int:
    """One event in the audit trail, inside a transaction the caller holds open (so the event and
    the change it records are written together, or neither). Returns the entry's id."""
    return conn.execute(audit.insert().values(
        at=utc_now(), user_name=user, action=action, kind=kind, version_id=version_id,
        details=to_jsonable(details or {}),
    )).inserted_primary_key[0]


def record_audit(
    store: Store,
    action: str,
    user: str,
    kind: str | None = None,
    version_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> int:
    """Write one event to the audit trail in a transaction of its own (see write_audit)."""
    with write_transaction(store) as conn:
        return write_audit(conn, action, user, kind, version_id, details)


def audit_log(store: Store, limit: int = 100) -> list[AuditEntry]:
    """The latest events, newest first."""
    query = sa.select(audit).order_by(audit.c.id.desc()).limit(limit)
    with read_transaction(store) as conn:
        return [
            AuditEntry(row.id, row.at.replace(tzinfo=UTC), row.user_name, row.action, row.kind,
                       row.version_id, row.details or {})
            for row in conn.execute(query)
        ]
