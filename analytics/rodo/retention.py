"""Retention (RODO art. 5(1)(e)): participants' names are kept for PUP_RETENTION_YEARS after the
programme's last meeting; after that they are replaced by stable pseudonyms („Uczestnik 0042”) in
every version and stored file, and every figure stays as it was (one pseudonym per person)."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy.engine import Connection

from analytics import config
from analytics.reading.minimise import row_identity
from analytics.reading.normalise import person_key
from analytics.results import SheetColumns
from analytics.rodo.people import Person, StoreData, people, read_store_data
from analytics.rodo.rewrite import clear_findings, rewrite_file
from analytics.store import Store, default_user, read_transaction, write_audit, write_transaction
from analytics.store.rewriting import compact, replace_dataset, update_findings

AUDIT_ACTION = "retention_applied"
PSEUDONYM_WORD = "Uczestnik"
_PSEUDONYM = re.compile(rf"^{PSEUDONYM_WORD} (\d+)$")


def pseudonym(number: int) -> str:
    return f"{PSEUDONYM_WORD} {number:04d}"


def is_pseudonym(name: Any) -> bool:
    return isinstance(name, str) and _PSEUDONYM.match(name) is not None


@dataclass(frozen=True)
class RetentionReport:
    years: int
    last_meeting: date | None
    period_ends: date | None
    # each person past the period, with their pseudonym
    due: list[tuple[Person, str]] = field(default_factory=list)
    applied: bool = False
    reference: str | None = None
    versions_changed: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "retention_years": self.years,
            "last_meeting": None if self.last_meeting is None else self.last_meeting.isoformat(),
            "period_ends": None if self.period_ends is None else self.period_ends.isoformat(),
            "people": [{"name": p.name, "pseudonym": alias} for p, alias in self.due],
            "applied": self.applied, "reference": self.reference, "versions_changed": self.versions_changed,
        }


def period_end(last_meeting: date | None, years: int) -> date | None:
    if last_meeting is None:
        return None
    try:
        return last_meeting.replace(year=last_meeting.year + years)
    except ValueError:            # 29 February
        return last_meeting.replace(year=last_meeting.year + years, day=28)


def last_meeting(attendance: pd.DataFrame) -> date | None:
    dates = pd.to_datetime(attendance["meeting_date"], errors="coerce").dropna()
    return None if dates.empty else dates.max().date()


def people_past_retention(attendance: pd.DataFrame, years: int | None = None,
                          today: date | None = None) -> int:
    """How many people of `attendance` are still named although the period after its last meeting
    has ended (the dashboard's reminder to administrators)."""
    ends = period_end(last_meeting(attendance), config.retention_years() if years is None else years)
    if ends is None or (today or date.today()) < ends:
        return 0
    named = attendance.loc[~attendance["person_name"].map(is_pseudonym).astype(bool), "person_key"]
    return int(named.nunique())


def retention_status(store: Store, today: date | None = None, years: int | None = None) -> RetentionReport:
    """Who is past the retention period (nothing changed)."""
    with read_transaction(store) as conn:
        return _report(read_store_data(conn), today, years)


def apply_retention(store: Store, user: str | None = None, today: date | None = None,
                    years: int | None = None) -> RetentionReport:
    """Pseudonymise everyone past the period, in every version, stored file and finding, in one
    transaction; recorded in the audit trail (a reference and counts)."""
    user = user or default_user()
    with write_transaction(store) as conn:
        data = read_store_data(conn)
        report = _report(data, today, years)
        if not report.due:
            return report
        changed = _pseudonymise(conn, data, report.due)
        reference = "RODO-" + secrets.token_hex(4).upper()
        write_audit(conn, AUDIT_ACTION, user, kind="attendance", details={
            "reference": reference, "people": len(report.due), "versions_changed": changed,
            "retention_years": report.years,
        })
    compact(store)
    return RetentionReport(report.years, report.last_meeting, report.period_ends, report.due, True, reference,
                           changed)


def _report(data: StoreData, today: date | None, years: int | None) -> RetentionReport:
    years = config.retention_years() if years is None else years
    dates = [last_meeting(frame) for frame in data.datasets.values() if not frame.empty]
    last = max((d for d in dates if d is not None), default=None)
    ends = period_end(last, years)
    if ends is None or (today or date.today()) < ends:
        return RetentionReport(years, last, ends)
    everyone = people(data)
    taken = [int(m.group(1)) for p in everyone.values() for n in p.names if (m := _PSEUDONYM.match(n))]
    due = [p for p in everyone.values() if not all(is_pseudonym(n) for n in p.names)]
    due.sort(key=lambda p: _first_seen(data, p))
    start = max(taken, default=0) + 1
    return RetentionReport(years, last, ends, [(p, pseudonym(start + i)) for i, p in enumerate(due)])


def _first_seen(data: StoreData, person: Person) -> tuple[int, int]:
    version = min(person.versions)
    keys = data.datasets[version]["person_key"]
    return version, int(keys.eq(person.key).fillna(False).to_numpy(dtype=bool).argmax())


def _pseudonymise(conn: Connection, data: StoreData, due: list[tuple[Person, str]]) -> int:
    aliases = {p.key: alias for p, alias in due}
    new_keys = {key: key if key.startswith("id:") else person_key(alias) for key, alias in aliases.items()}
    changed = set()
    for version in data.versions:
        frame = data.datasets[version.id]
        hit = frame["person_key"].isin(list(aliases)).fillna(False).to_numpy(dtype=bool)
        if hit.any():
            frame = frame.copy()
            frame.loc[hit, "person_name"] = frame.loc[hit, "person_key"].map(aliases)
            frame.loc[hit, "person_key"] = frame.loc[hit, "person_key"].map(new_keys)
            replace_dataset(conn, version.id, "attendance", frame)
            changed.add(version.id)
        rewritten = rewrite_file(version, _renaming(aliases))
        cleared = any([clear_findings(version, p) for p, _ in due])
        if rewritten is not None:
            version.file_bytes = rewritten
        if rewritten is not None or cleared:
            update_findings(conn, version)
            changed.add(version.id)
    return len(changed)


def _renaming(aliases: dict[str, str]):
    def edit(columns: SheetColumns, cells: list[Any]) -> list[Any] | None:
        alias = aliases.get(row_identity(columns, cells) or "")
        if alias is None:
            return cells
        first, number = alias.split(" ", 1)
        replace = {}
        if "full_name" in columns.columns:
            replace[columns.columns["full_name"]] = alias
        else:
            for column, value in (("first_name", first), ("last_name", number)):
                if column in columns.columns:
                    replace[columns.columns[column]] = value
        return [replace.get(i, v) for i, v in enumerate(cells)]
    return edit
