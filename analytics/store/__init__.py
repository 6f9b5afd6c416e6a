"""Where the data is kept: every upload as a version with its file, one active version per dataset,
the audit trail; SQLite by default, PostgreSQL by URL.

schema (tables, dtypes, conform), engine (open_store, the Store, read and write transactions),
versions (writing, reading and rolling back versions), combining (replace, append, merge and their
effect), audit (the audit trail), programmes (the cycles every version belongs to), migrations (the
schema's steps), partner_decisions (staff's merges of partner institutions). What pages, the CLI and
the other wings use is re-exported here.
"""

from analytics.store.audit import AuditEntry, audit_log, default_user, record_audit, write_audit
from analytics.store.combining import MODES, MODES_OFFERED, ImportEffect
from analytics.store.engine import Store, open_store, read_transaction, write_transaction
from analytics.store.partner_decisions import (
    PartnerDecision,
    PartnerDecisions,
    current_partner_decisions,
    partner_decision_list,
    record_partner_decision,
)
from analytics.store.programmes import (
    Programme,
    ProgrammeRefusal,
    create_programme,
    find_programme,
    get_programme,
    last_used,
    list_programmes,
    most_recent,
    update_programme,
)
from analytics.store.programmes import name_key as programme_name_key
from analytics.store.schema import COLUMNS, DTYPES, TABLES, conform
from analytics.store.versions import (
    ImportOutcome,
    RollbackOutcome,
    StoredFile,
    StoreRefusal,
    VersionDetails,
    VersionInfo,
    active_frame,
    active_version,
    active_version_ids,
    dataset_summaries,
    list_versions,
    original_file,
    rollback,
    rows_frame,
    version_details,
    version_frame,
)

__all__ = [
    "COLUMNS", "DTYPES", "MODES", "MODES_OFFERED", "TABLES", "AuditEntry", "ImportEffect", "ImportOutcome",
    "Programme", "ProgrammeRefusal", "create_programme", "find_programme", "get_programme", "last_used",
    "list_programmes", "most_recent", "programme_name_key", "update_programme",
    "RollbackOutcome", "Store", "StoreRefusal", "StoredFile", "VersionDetails", "VersionInfo",
    "active_frame", "active_version", "active_version_ids", "audit_log", "conform", "dataset_summaries",
    "default_user", "list_versions", "open_store", "original_file", "read_transaction", "record_audit",
    # issue 12 (partners)
    "PartnerDecision", "PartnerDecisions", "current_partner_decisions", "partner_decision_list",
    "record_partner_decision",
    "rollback", "rows_frame", "version_details", "version_frame", "write_audit", "write_transaction",
]
