"""The store's schema as a numbered list of steps: a database made by any older release is upgraded in place.

Each step runs once, inside the caller's write transaction (SQLite and PostgreSQL both have
transactional DDL, so a failed step leaves the database as it was), and is recorded in
`schema_migrations`. A step, once released, never changes: a new need is a new step.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from analytics.store.migration_programmes import add_programmes


@dataclass(frozen=True)
class Migration:
    number: int
    description: str
    apply: Callable[[Connection], None]


def _schema_1(conn: Connection) -> None:
    """The first release's tables, frozen here: later steps only add to them."""
    meta = sa.MetaData()
    sa.Table(
        "versions", meta,
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
    )
    sa.Index("ix_versions_kind_sha256", meta.tables["versions"].c.kind, meta.tables["versions"].c.sha256)
    sa.Table(
        "attendance_rows", meta,
        sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("row", sa.Integer),
        sa.Column("sheet", sa.Text),
        sa.Column("person_key", sa.Text),
        sa.Column("person_name", sa.Text),
        sa.Column("institution", sa.Text),
        sa.Column("gmina", sa.Text),
        sa.Column("teryt", sa.String(6)),
        sa.Column("in_county", sa.Boolean),
        sa.Column("sector", sa.Text),
        sa.Column("sector_other", sa.Text),
        sa.Column("group", sa.Text),
        sa.Column("group_other", sa.Text),
        sa.Column("meeting", sa.Integer),
        sa.Column("meeting_date", sa.Date),
        # SQLite: the rows clustered by (version, position), one B-tree instead of two.
        sqlite_with_rowid=False,
    )
    sa.Table(
        "project_rows", meta,
        sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("row", sa.Integer),
        sa.Column("sheet", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("leader", sa.Text),
        sa.Column("status", sa.Text),
        sa.Column("status_other", sa.Text),
        sa.Column("start_date", sa.Date),
        sa.Column("end_date", sa.Date),
        sa.Column("budget", sa.Float),
        sa.Column("participants_planned", sa.Integer),
        sa.Column("participants_reached", sa.Integer),
        sa.Column("jobs_planned", sa.Integer),
        sa.Column("jobs_created", sa.Integer),
        sa.Column("enterprises_created", sa.Integer),
        sa.Column("gminy", sa.Text),
        sa.Column("notes", sa.Text),
        sa.Column("last_update", sa.Date),
        sqlite_with_rowid=False,
    )
    sa.Table(
        "active_versions", meta,
        sa.Column("kind", sa.String(20), primary_key=True),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), nullable=False),
        sa.Column("activated_at", sa.DateTime, nullable=False),
    )
    sa.Table(
        "audit", meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("user_name", sa.Text, nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(20)),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id")),
        sa.Column("details", sa.JSON),
    )
    meta.create_all(conn)


def _add_column(conn: Connection, table: str, column: sa.Column) -> None:
    """ALTER TABLE … ADD COLUMN, with the type and default spelled by the connection's dialect."""
    preparer = conn.dialect.identifier_preparer
    ddl = f"ALTER TABLE {preparer.quote(table)} ADD COLUMN {preparer.quote(column.name)} "
    ddl += column.type.compile(dialect=conn.dialect)
    if column.server_default is not None:
        default = column.server_default.arg
        literal = default.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})
        ddl += f" DEFAULT {literal}"
    if not column.nullable:
        ddl += " NOT NULL"
    conn.exec_driver_sql(ddl)


def _demo_flag(conn: Connection) -> None:
    # Demo versions were told apart by their note in schema 1.
    _add_column(conn, "versions", sa.Column("demo", sa.Boolean, nullable=False, server_default=sa.false()))
    conn.execute(sa.text("UPDATE versions SET demo = :yes WHERE note LIKE 'demo%'"), {"yes": True})


def _snapshots(conn: Connection) -> None:
    # The dashboard reads a whole dataset at once: a Parquet snapshot per version is twenty times
    # faster than rebuilding it from rows. Versions older than this step keep no snapshot and are
    # read from their rows.
    _add_column(conn, "versions", sa.Column("snapshot", sa.LargeBinary, nullable=True))
    _add_column(conn, "versions", sa.Column("dataset_rows", sa.Integer, nullable=True))
    conn.exec_driver_sql(
        "UPDATE versions SET dataset_rows = CASE kind"
        " WHEN 'attendance' THEN (SELECT COUNT(*) FROM attendance_rows r WHERE r.version_id = versions.id)"
        " ELSE (SELECT COUNT(*) FROM project_rows r WHERE r.version_id = versions.id) END"
    )
    conn.exec_driver_sql("CREATE INDEX ix_audit_at ON audit (at)")


def _accounts(conn: Connection) -> None:
    # Logins are unique whatever their case: `login_key` holds the folded form the lookup uses,
    # `login` the spelling the account was created with.
    meta = sa.MetaData()
    sa.Table(
        "users", meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("login", sa.Text, nullable=False),
        sa.Column("login_key", sa.Text, nullable=False),
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
    # A named unique index rather than a UNIQUE constraint: both databases list it the same way.
    sa.Index("ux_users_login_key", meta.tables["users"].c.login_key, unique=True)
    meta.create_all(conn)


def _counts_before_after(conn: Connection) -> None:
    # History states what each import changed: the dataset's rows before it (attendances or
    # projects) and, for attendance lists, its people before and after. Versions made before this
    # step get them from their own rows and from the version active when they were made (their
    # parent); a version with no parent started from an empty dataset.
    for name in ("dataset_rows_before", "participants_before", "participants_after"):
        _add_column(conn, "versions", sa.Column(name, sa.Integer, nullable=True))
    conn.exec_driver_sql(
        "UPDATE versions SET participants_after = (SELECT COUNT(DISTINCT r.person_key)"
        " FROM attendance_rows r WHERE r.version_id = versions.id) WHERE kind = 'attendance'"
    )
    conn.exec_driver_sql(
        "UPDATE versions SET"
        " dataset_rows_before = COALESCE((SELECT p.dataset_rows FROM versions p"
        " WHERE p.id = versions.parent_id), 0),"
        " participants_before = CASE WHEN kind = 'attendance' THEN COALESCE((SELECT p.participants_after"
        " FROM versions p WHERE p.id = versions.parent_id), 0) END"
    )


def _sessions(conn: Connection) -> None:
    # One row per password sign-in (issue 10). The one-time ticket the page hands to the browser and
    # the token the browser then keeps in its cookie are both stored only as SHA-256 digests; the
    # ticket's digest is cleared when it is redeemed, the token's set then.
    meta = sa.MetaData()
    sa.Table("users", meta, sa.Column("id", sa.Integer, primary_key=True))
    table = sa.Table(
        "sessions", meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("ticket_sha256", sa.String(64)),
        sa.Column("ticket_expires_at", sa.DateTime),
        sa.Column("token_sha256", sa.String(64)),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("last_seen", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
        sa.Column("revoked_at", sa.DateTime),
        sa.Column("revoked_reason", sa.String(20)),
        sa.Column("user_agent", sa.Text),
    )
    sa.Index("ux_sessions_token", table.c.token_sha256, unique=True)
    sa.Index("ux_sessions_ticket", table.c.ticket_sha256, unique=True)
    sa.Index("ix_sessions_user", table.c.user_id)
    table.create(conn)               # with its indexes


def _minimise_originals(conn: Connection) -> None:
    from analytics.store.minimising_step import minimise_stored_originals

    minimise_stored_originals(conn)


def _stored_file_digest(conn: Connection) -> None:
    # The stored file differs from the file as sent once its unread columns are left out (step 7) or a
    # person is erased from it: verify checks it against a digest of its own.
    _add_column(conn, "versions", sa.Column("stored_sha256", sa.String(64)))
    table = sa.table("versions", sa.column("id"), sa.column("file_bytes", sa.LargeBinary),
                     sa.column("stored_sha256"))
    for version_id in list(conn.execute(sa.select(table.c.id)).scalars()):
        data = conn.execute(sa.select(table.c.file_bytes).where(table.c.id == version_id)).scalar_one()
        conn.execute(table.update().where(table.c.id == version_id)
                     .values(stored_sha256=hashlib.sha256(bytes(data)).hexdigest()))


def _partner_decisions(conn: Connection) -> None:
    # Issue 12: staff decisions on partner institutions (merge two names into one partner, or keep
    # them apart), keyed by the partners' normalised keys (analytics/partners.py) so that they apply
    # to every version and programme; and the projects register's optional "Partnerzy" column.
    meta = sa.MetaData()
    sa.Table(
        "partner_decisions", meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key_a", sa.Text, nullable=False),      # merged into key_b, or kept apart from it
        sa.Column("key_b", sa.Text, nullable=False),
        sa.Column("decision", sa.String(10), nullable=False),   # "merge" or "apart"
        sa.Column("user_name", sa.Text, nullable=False),
        sa.Column("decided_at", sa.DateTime, nullable=False),
    )
    meta.create_all(conn)
    _add_column(conn, "project_rows", sa.Column("partners", sa.Text, nullable=True))


MIGRATIONS: list[Migration] = [
    Migration(1, "wersje, wiersze danych, wersje aktywne, dziennik zdarzeń", _schema_1),
    Migration(2, "znacznik danych demonstracyjnych w wersjach", _demo_flag),
    Migration(3, "migawka Parquet i liczba wierszy wersji; indeks dziennika po czasie", _snapshots),
    Migration(4, "konta użytkowników: login, rola, skrót hasła, blokada logowania", _accounts),
    Migration(5, "liczby przed i po imporcie: wiersze zbioru, osoby na listach", _counts_before_after),
    Migration(6, "sesje logowania: skróty biletu i tokenu, ostatnia aktywność, wygaśnięcie", _sessions),
    Migration(7, "pliki źródłowe bez kolumn, których panel nie czyta (RODO: minimalizacja)",
              _minimise_originals),
    Migration(8, "programy (cykle): wersje i wersje aktywne w ramach programu", add_programmes),
    Migration(9, "decyzje o partnerach (połączenie, rozdzielenie); kolumna partnerów w rejestrze projektów",
              _partner_decisions),
    Migration(10, "skrót SHA-256 pliku w postaci przechowywanej (sprawdzanie integralności)",
              _stored_file_digest),
]

SCHEMA_VERSION = MIGRATIONS[-1].number

_schema_migrations = sa.Table(
    "schema_migrations", sa.MetaData(),
    sa.Column("number", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("applied_at", sa.DateTime, nullable=False),
)


def applied_migrations(conn: Connection) -> list[int]:
    """Numbers of the steps this database has had, in order (empty for a new database)."""
    if not sa.inspect(conn).has_table("schema_migrations"):
        return []
    return list(conn.execute(sa.select(_schema_migrations.c.number).order_by("number")).scalars())


def migrate(conn: Connection, migrations: list[Migration] = MIGRATIONS) -> list[int]:
    """Apply the steps this database lacks; call inside a write transaction. Returns what ran."""
    _schema_migrations.create(conn, checkfirst=True)
    done = set(applied_migrations(conn))
    ran = []
    for step in migrations:
        if step.number in done:
            continue
        step.apply(conn)
        conn.execute(_schema_migrations.insert().values(
            number=step.number, description=step.description,
            applied_at=datetime.now(UTC).replace(tzinfo=None),
        ))
        ran.append(step.number)
    return ran
