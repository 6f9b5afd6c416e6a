"""Migration step 8: programmes (cycles). Every version belongs to one programme, and the active
version is kept per programme and dataset.

A store made before this step holds one cycle's data: it becomes one programme, named after its data
("Partnerstwo Lokalne 2017" when its meetings were held in 2017, "… 2017–2018" when they span two
years; a store with no meeting dates takes the year of its first upload). Frozen once released, as
every step is: it does not use analytics.store.programmes, whose rules may change.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

PROGRAMME_PREFIX = "Partnerstwo Lokalne"


def add_programmes(conn: Connection) -> None:
    meta = sa.MetaData()
    table = sa.Table(
        "programmes", meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_key", sa.Text, nullable=False),
        sa.Column("starts_on", sa.Date),
        sa.Column("ends_on", sa.Date),
        sa.Column("description", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.Text, nullable=False),
    )
    # Names are unique whatever their case and spacing: `name_key` holds the folded form.
    sa.Index("ux_programmes_name_key", table.c.name_key, unique=True)
    meta.create_all(conn)
    conn.exec_driver_sql("ALTER TABLE versions ADD COLUMN programme_id INTEGER REFERENCES programmes (id)")
    conn.exec_driver_sql("ALTER TABLE versions ADD COLUMN first_meeting DATE")
    conn.exec_driver_sql("ALTER TABLE versions ADD COLUMN last_meeting DATE")
    for column, function in (("first_meeting", "MIN"), ("last_meeting", "MAX")):
        conn.exec_driver_sql(
            f"UPDATE versions SET {column} = (SELECT {function}(r.meeting_date) FROM attendance_rows r"
            " WHERE r.version_id = versions.id) WHERE kind = 'attendance'"
        )
    programme_id = _programme_of_existing_data(conn, table)
    if programme_id is not None:
        conn.execute(sa.text("UPDATE versions SET programme_id = :id"), {"id": programme_id})
    _active_per_programme(conn, programme_id)
    conn.exec_driver_sql("CREATE INDEX ix_versions_programme_kind ON versions (programme_id, kind)")


def _programme_of_existing_data(conn: Connection, table: sa.Table) -> int | None:
    if not conn.execute(sa.text("SELECT COUNT(*) FROM versions")).scalar():
        return None
    name = _name_after_data(conn)
    return conn.execute(table.insert().values(
        name=name, name_key=" ".join(name.casefold().split()), created_by="system",
        created_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
    )).inserted_primary_key[0]


def _name_after_data(conn: Connection) -> str:
    """The programme's name from the years of its meetings: those of the active attendance list,
    else of any attendance version, else the year of the first upload."""
    span = conn.execute(sa.text(
        "SELECT MIN(v.first_meeting), MAX(v.last_meeting) FROM versions v"
        " JOIN active_versions a ON a.version_id = v.id WHERE v.kind = 'attendance'"
    )).one()
    if span[0] is None:
        span = conn.execute(sa.text(
            "SELECT MIN(first_meeting), MAX(last_meeting) FROM versions WHERE kind = 'attendance'"
        )).one()
    if span[0] is None:
        first = conn.execute(sa.text("SELECT MIN(created_at) FROM versions")).scalar()
        span = (first, first)
    first_year, last_year = _year(span[0]), _year(span[1])
    years = str(first_year) if first_year == last_year else f"{first_year}–{last_year}"
    return f"{PROGRAMME_PREFIX} {years}"


def _year(value: Any) -> int:
    # SQLite gives dates back as text, PostgreSQL as dates.
    return int(str(value)[:4])


def _active_per_programme(conn: Connection, programme_id: int | None) -> None:
    """active_versions keyed by (programme, dataset): rebuilt, since a primary key cannot be altered in
    SQLite."""
    meta = sa.MetaData()
    # The tables referred to, as the foreign keys need them (they exist already: not created here).
    sa.Table("programmes", meta, sa.Column("id", sa.Integer, primary_key=True))
    sa.Table("versions", meta, sa.Column("id", sa.Integer, primary_key=True))
    active = sa.Table(
        "active_versions_by_programme", meta,
        sa.Column("programme_id", sa.Integer, sa.ForeignKey("programmes.id"), primary_key=True),
        sa.Column("kind", sa.String(20), primary_key=True),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), nullable=False),
        sa.Column("activated_at", sa.DateTime, nullable=False),
    )
    active.create(conn)
    if programme_id is not None:
        conn.execute(sa.text(
            "INSERT INTO active_versions_by_programme (programme_id, kind, version_id, activated_at)"
            " SELECT :id, kind, version_id, activated_at FROM active_versions"
        ), {"id": programme_id})
    conn.exec_driver_sql("DROP TABLE active_versions")
    conn.exec_driver_sql("ALTER TABLE active_versions_by_programme RENAME TO active_versions")
