"""Who a name means: the people the store holds that a typed name matches, as the dashboard identifies
people (analytics/reading: the participant ID, else the name case-, order- and accent-insensitive)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlalchemy.engine import Connection

from analytics.reading.normalise import person_key
from analytics.store.rewriting import StoredVersion, stored_versions, version_dataset
from analytics.vocabulary import fold


@dataclass
class Person:
    """One person of the store: their identity, the names they are written under, where they are."""

    key: str
    names: list[str] = field(default_factory=list)
    attendances: int = 0                     # in the active version… or the latest holding them
    versions: list[int] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.names[-1] if self.names else self.key

    def name_keys(self) -> set[str]:
        """Every identity a row of a file may have for this person: the key and each name's key."""
        keys = {self.key}
        keys.update(k for n in self.names if (k := person_key(n)))
        return keys

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "names": self.names, "attendances": self.attendances,
                "versions": self.versions}


@dataclass
class StoreData:
    """Every attendance version with its dataset, read once for a search and what follows it."""

    versions: list[StoredVersion]
    datasets: dict[int, pd.DataFrame]


def read_store_data(conn: Connection) -> StoreData:
    attendance = stored_versions(conn, "attendance")
    return StoreData(attendance, {v.id: version_dataset(conn, v.id, "attendance") for v in attendance})


def people(data: StoreData) -> dict[str, Person]:
    """Every person of every attendance version, by identity, their names oldest first."""
    found: dict[str, Person] = {}
    for version in data.versions:
        frame = data.datasets[version.id]
        if frame.empty:
            continue
        counts = frame.groupby("person_key", dropna=True).size()
        names = frame.dropna(subset=["person_key"]).drop_duplicates(["person_key", "person_name"])
        for key, name in zip(names["person_key"], names["person_name"], strict=True):
            person = found.setdefault(str(key), Person(str(key)))
            if isinstance(name, str) and name not in person.names:
                person.names.append(name)
        for key, count in counts.items():
            person = found[str(key)]
            person.versions.append(version.id)
            person.attendances = int(count)
    return found


def matching(everyone: dict[str, Person], name: str) -> tuple[list[Person], bool]:
    """The people `name` means, and whether they match it whole. A name matches a person whole when
    its identity is theirs (order, case and accents aside) or it is their key; else the people
    whose names hold every word of it are offered (a surname alone), never acted on unasked."""
    typed = name.strip()
    if typed in everyone:
        return [everyone[typed]], True
    key = person_key(typed)
    if key is None:
        return [], False
    whole = [p for p in everyone.values() if key == p.key or key in p.name_keys()]
    if whole:
        return whole, True
    words = set(fold(typed).split())
    partial = [p for p in everyone.values()
               if any(words <= set(fold(n).split()) for n in p.names) or words <= set(p.key.split())]
    return partial, False


def mentions(text: Any, person: Person) -> bool:
    """Whether a message or cell names the person: every word of one of their names is in it."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return False
    words = set(fold(str(text)).split())
    if not words:
        return False
    spellings = [set(fold(n).split()) for n in person.names] + [set(person.key.split())]
    return any(s and s <= words for s in spellings)
