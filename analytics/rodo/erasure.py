"""Erasure on request (RODO art. 17): a person removed from every version of the store, in one
transaction, recorded in the audit trail under a random reference (never the name)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Connection

from analytics.catalogue import t
from analytics.reading.minimise import row_identity
from analytics.reading.normalise import cell_text, person_key
from analytics.results import SheetColumns
from analytics.rodo.people import Person, StoreData, matching, people, read_store_data
from analytics.rodo.rewrite import clear_findings, recheck, rewrite_file
from analytics.store import Store, StoreRefusal, default_user, write_audit, write_transaction
from analytics.store.rewriting import (
    StoredVersion,
    compact,
    recount_before,
    replace_dataset,
    stored_versions,
    update_findings,
    version_dataset,
)

AUDIT_ACTION = "person_erased"


@dataclass(frozen=True)
class ErasureOutcome:
    reference: str             # the audit trail's name for this erasure: what the office writes down
    versions_changed: int
    rows_removed: int

    def to_json(self) -> dict[str, Any]:
        return {"reference": self.reference, "versions_changed": self.versions_changed,
                "rows_removed": self.rows_removed}


@dataclass(frozen=True)
class PersonChoice:
    """A name that means several people (or only part of a name): nothing is done until one is chosen."""

    error: str
    matches: list[Person] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"error": self.error, "matches": [p.to_json() for p in self.matches]}


def find_person(data: StoreData, name: str, key: str | None) -> Person | PersonChoice | StoreRefusal:
    """The one person `name` (and `key`, when given) means, or why there is not exactly one."""
    everyone = people(data)
    found, whole = matching(everyone, name)
    if key is not None:
        chosen = [p for p in found if p.key == key] or ([everyone[key]] if key in everyone else [])
        if not chosen:
            return StoreRefusal(t("rodo_no_such_key", key=key))
        return chosen[0]
    if not found:
        return StoreRefusal(t("rodo_no_match", name=name))
    if len(found) > 1 or not whole:
        return PersonChoice(t("rodo_several_matches", name=name), found)
    return found[0]


def candidates(store: Store, name: str) -> list[Person]:
    """The people a typed name may mean (for a page to offer the choice)."""
    from analytics.store import read_transaction

    with read_transaction(store) as conn:
        return matching(people(read_store_data(conn)), name)[0]


def forget_person(store: Store, name: str, user: str | None = None,
                  key: str | None = None) -> ErasureOutcome | PersonChoice | StoreRefusal:
    """Remove the person `name` means from every version's rows, snapshot, stored file, warnings and
    rejected rows, recount every version, and compact the database file so no freed page keeps them."""
    user = user or default_user()
    with write_transaction(store) as conn:
        data = read_store_data(conn)
        person = find_person(data, name, key)
        if not isinstance(person, Person):
            return person
        versions_changed, rows_removed = _erase(conn, data, person)
        reference = "RODO-" + secrets.token_hex(4).upper()
        write_audit(conn, AUDIT_ACTION, user, details={
            "reference": reference, "versions_changed": versions_changed, "rows_removed": rows_removed,
        })
    compact(store)
    return ErasureOutcome(reference, versions_changed, rows_removed)


def _erase(conn: Connection, data: StoreData, person: Person) -> tuple[int, int]:
    changed: set[int] = set()
    removed = 0
    for version in data.versions:
        frame = data.datasets[version.id]
        hit = frame["person_key"].eq(person.key).fillna(False).to_numpy(dtype=bool)
        if hit.any():
            replace_dataset(conn, version.id, "attendance", frame[~hit])
            removed += int(hit.sum())
            changed.add(version.id)
        if _erase_from_findings(version, person, _blank_rows_of(person)):
            update_findings(conn, version)
            changed.add(version.id)
    for version in stored_versions(conn, "projects"):
        if _erase_leader(conn, version, person):
            changed.add(version.id)
    recount_before(conn)
    return len(changed), removed


def _blank_rows_of(person: Person):
    def edit(columns: SheetColumns, cells: list[Any]) -> list[Any] | None:
        return None if row_identity(columns, cells) == person.key else cells
    return edit


def _erase_from_findings(version: StoredVersion, person: Person, edit) -> bool:
    """The person out of a version's stored file (rows emptied) and findings; its counts read again."""
    rewritten = rewrite_file(version, edit)
    cleared = clear_findings(version, person)
    if rewritten is None:
        return cleared
    version.file_bytes = rewritten
    checked = recheck(rewritten, version)
    if checked is not None:
        version.summary = _jsonable(checked.summary)
        version.rows_read, version.rows_accepted, version.rows_rejected = (
            checked.rows_read, checked.rows_accepted, checked.rows_rejected)
    return True


def _erase_leader(conn: Connection, version: StoredVersion, person: Person) -> bool:
    """A project leader who is the person: the name left empty (the project and its figures stay)."""
    keys = person.name_keys()
    frame = version_dataset(conn, version.id, "projects")
    hit = frame["leader"].map(lambda v: isinstance(v, str) and person_key(v) in keys).astype(bool)
    changed = False
    if hit.any():
        frame.loc[hit.to_numpy(), "leader"] = None
        replace_dataset(conn, version.id, "projects", frame)
        changed = True

    def edit(columns: SheetColumns, cells: list[Any]) -> list[Any] | None:
        index = columns.columns.get("leader")
        if index is None or index >= len(cells) or person_key(cell_text(cells[index]) or "") not in keys:
            return cells
        return [None if i == index else v for i, v in enumerate(cells)]

    rewritten = rewrite_file(version, edit)
    cleared = clear_findings(version, person)
    if rewritten is not None:
        version.file_bytes = rewritten
    if rewritten is not None or cleared:
        update_findings(conn, version)
        changed = True
    return changed


def _jsonable(value: Any) -> Any:
    from analytics.results import to_jsonable

    return to_jsonable(value)
