"""Programmes (cycles): the Local Partnership of 2017, of 2018 … Every version belongs to one
programme; each programme has its own active version of each dataset, its history and its rollback.

A programme's name is unique whatever its case and spacing, and is matched that way
(`--programme "partnerstwo lokalne 2018"`). The most recent programme (the one the dashboard and the
command line show when none is named) is the one whose cycle starts last: its start date as an
administrator set it, else its first meeting, else the day it was created.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from analytics.catalogue import t
from analytics.store.audit import write_audit
from analytics.store.engine import Store, read_transaction, utc_now, write_transaction
from analytics.store.schema import active_versions, programmes, versions

PROGRAMME_PREFIX = "Partnerstwo Lokalne"
MAX_NAME_LENGTH = 100
MAX_DESCRIPTION_LENGTH = 2000


@dataclass(frozen=True)
class Programme:
    """A programme with what its active data says of it."""

    id: int
    name: str
    starts_on: dt.date | None            # as an administrator set them (None: not set)
    ends_on: dt.date | None
    description: str | None
    created_at: dt.datetime
    attendance_version: int | None        # its active version of each dataset
    projects_version: int | None
    first_meeting: dt.date | None         # the span of its active attendance list's meetings
    last_meeting: dt.date | None

    @property
    def start(self) -> dt.date:
        """When the cycle starts, for ordering: the date set, else its first meeting, else its creation."""
        return self.starts_on or self.first_meeting or self.created_at.date()

    @property
    def end(self) -> dt.date | None:
        return self.ends_on or self.last_meeting

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "first_meeting": _iso(self.first_meeting), "last_meeting": _iso(self.last_meeting),
            "attendance_version": self.attendance_version, "projects_version": self.projects_version,
        }


@dataclass(frozen=True)
class ProgrammeRefusal:
    """A programme that cannot be created or changed as asked, in a sentence for the user."""

    error: str

    def to_json(self) -> dict[str, Any]:
        return {"error": self.error}


def name_key(name: str) -> str:
    """The form names are compared in: case-folded, spaces collapsed."""
    return " ".join(str(name).casefold().split())


def name_after_data(meeting_dates: pd.Series | None = None, today: dt.date | None = None) -> str:
    """A programme's name from its meetings' years ("Partnerstwo Lokalne 2017", "… 2017–2018"); from
    this year when no meeting date is known."""
    dates = pd.to_datetime(meeting_dates, errors="coerce").dropna() if meeting_dates is not None else None
    if dates is None or dates.empty:
        year = (today or dt.date.today()).year
        return f"{PROGRAMME_PREFIX} {year}"
    first, last = int(dates.min().year), int(dates.max().year)
    return f"{PROGRAMME_PREFIX} {first}" if first == last else f"{PROGRAMME_PREFIX} {first}–{last}"


# -- reading --------------------------------------------------------------------------------------


def list_programmes(store: Store) -> list[Programme]:
    """Every programme, the earliest first and the most recent last."""
    with read_transaction(store) as conn:
        return programmes_in(conn)


def programmes_in(conn: Connection) -> list[Programme]:
    """list_programmes inside an open transaction."""
    rows = conn.execute(sa.select(programmes)).all()
    active = conn.execute(
        sa.select(active_versions.c.programme_id, active_versions.c.kind, active_versions.c.version_id,
                  versions.c.first_meeting, versions.c.last_meeting)
        .join(versions, versions.c.id == active_versions.c.version_id)
    ).all()
    by_programme: dict[int, dict[str, Any]] = {}
    for row in active:
        by_programme.setdefault(row.programme_id, {})[row.kind] = row
    found = [_programme(row, by_programme.get(row.id, {})) for row in rows]
    return sorted(found, key=lambda p: (p.start, p.id))


def most_recent(store: Store) -> Programme | None:
    found = list_programmes(store)
    return found[-1] if found else None


def find_programme(store: Store, name: str) -> Programme | None:
    """The programme of that name, whatever its case and spacing (None: there is none)."""
    key = name_key(name)
    return next((p for p in list_programmes(store) if name_key(p.name) == key), None)


def get_programme(store: Store, programme_id: int) -> Programme | None:
    return next((p for p in list_programmes(store) if p.id == programme_id), None)


def last_used(store: Store) -> Programme | None:
    """The programme of the latest upload that is not demo data (None: there is none): what the import
    page offers first."""
    with read_transaction(store) as conn:
        found = programmes_in(conn)
        chosen = conn.execute(
            sa.select(versions.c.programme_id).where(versions.c.demo.is_(False))
            .order_by(versions.c.id.desc()).limit(1)
        ).scalar()
    return next((p for p in found if p.id == chosen), None)


def resolve(conn: Connection, programme: int | None) -> int | None:
    """The programme id asked for, or the most recent programme's when None (None: there is none)."""
    if programme is not None:
        return programme
    found = programmes_in(conn)
    return found[-1].id if found else None


# -- writing --------------------------------------------------------------------------------------


def programme_for_import(conn: Connection, name: str | None, user: str,
                         meeting_dates: pd.Series | None = None) -> int:
    """The id of the programme an upload goes to, inside the import's write transaction: the one
    named (created on first use), or when no name is given the most recent (a programme named after
    the file's data when the store has none)."""
    if name is None or not name.strip():
        existing = resolve(conn, None)
        if existing is not None:
            return existing
        name = name_after_data(meeting_dates)
    key = name_key(name)
    found = conn.execute(sa.select(programmes.c.id).where(programmes.c.name_key == key)).scalar()
    if found is not None:
        return found
    return _insert(conn, " ".join(name.split()), user)


def create_programme(store: Store, name: str, user: str, starts_on: dt.date | None = None,
                     ends_on: dt.date | None = None, description: str | None = None
                     ) -> Programme | ProgrammeRefusal:
    problem = _problem(name, starts_on, ends_on, description)
    if problem is not None:
        return ProgrammeRefusal(problem)
    with write_transaction(store) as conn:
        if _taken(conn, name, None):
            return ProgrammeRefusal(t("programme_name_taken", name=name.strip()))
        programme_id = _insert(conn, " ".join(name.split()), user, starts_on, ends_on, description)
        # A programme created by an upload is recorded by the import's entry (its "programme").
        write_audit(conn, "programme_created", user, details={"programme": programme_id, "name": name})
    created = get_programme(store, programme_id)
    assert created is not None
    return created


def update_programme(store: Store, programme_id: int, name: str, starts_on: dt.date | None,
                     ends_on: dt.date | None, description: str | None, user: str
                     ) -> Programme | ProgrammeRefusal:
    """An administrator's change of a programme's name, dates and description (in the audit trail)."""
    problem = _problem(name, starts_on, ends_on, description)
    if problem is not None:
        return ProgrammeRefusal(problem)
    clean = " ".join(name.split())
    with write_transaction(store) as conn:
        before = conn.execute(sa.select(programmes).where(programmes.c.id == programme_id)).one_or_none()
        if before is None:
            return ProgrammeRefusal(t("programme_unknown", name=str(programme_id)))
        if _taken(conn, clean, programme_id):
            return ProgrammeRefusal(t("programme_name_taken", name=clean))
        conn.execute(programmes.update().where(programmes.c.id == programme_id).values(
            name=clean, name_key=name_key(clean), starts_on=starts_on, ends_on=ends_on,
            description=(description or "").strip() or None,
        ))
        write_audit(conn, "programme_changed", user, details={
            "programme": programme_id, "name_before": before.name, "name": clean,
            "starts_on": _iso(starts_on), "ends_on": _iso(ends_on),
        })
    changed = get_programme(store, programme_id)
    assert changed is not None
    return changed


def _insert(conn: Connection, name: str, user: str, starts_on: dt.date | None = None,
            ends_on: dt.date | None = None, description: str | None = None) -> int:
    programme_id = conn.execute(programmes.insert().values(
        name=name, name_key=name_key(name), starts_on=starts_on, ends_on=ends_on,
        description=(description or "").strip() or None, created_at=utc_now(), created_by=user,
    )).inserted_primary_key[0]
    return programme_id


def _taken(conn: Connection, name: str, except_id: int | None) -> bool:
    query = sa.select(programmes.c.id).where(programmes.c.name_key == name_key(name))
    if except_id is not None:
        query = query.where(programmes.c.id != except_id)
    return conn.execute(query).first() is not None


def _problem(name: str, starts_on: dt.date | None, ends_on: dt.date | None,
             description: str | None) -> str | None:
    if not name or not name.strip():
        return t("programme_name_empty")
    if len(name.strip()) > MAX_NAME_LENGTH:
        return t("programme_name_too_long", limit=MAX_NAME_LENGTH)
    if starts_on and ends_on and starts_on > ends_on:
        return t("programme_dates_reversed")
    if description and len(description) > MAX_DESCRIPTION_LENGTH:
        return t("programme_description_too_long", limit=MAX_DESCRIPTION_LENGTH)
    return None


def _programme(row: Any, active: dict[str, Any]) -> Programme:
    attendance, projects = active.get("attendance"), active.get("projects")
    return Programme(
        id=row.id, name=row.name, starts_on=_date(row.starts_on), ends_on=_date(row.ends_on),
        description=row.description, created_at=row.created_at.replace(tzinfo=dt.UTC),
        attendance_version=attendance.version_id if attendance is not None else None,
        projects_version=projects.version_id if projects is not None else None,
        first_meeting=_date(attendance.first_meeting) if attendance is not None else None,
        last_meeting=_date(attendance.last_meeting) if attendance is not None else None,
    )


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()
