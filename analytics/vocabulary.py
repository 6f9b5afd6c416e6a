"""The office's vocabularies (gminy, sectors, groups, statuses, header spellings, marks, partner names),
loaded from data/."""

from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analytics.config import LOCAL_VOCABULARY_FILE, VOCABULARY_FILE

OTHER = "inne"                 # an unknown vocabulary value is kept under this, original text beside it
OUTSIDE_COUNTY = "spoza powiatu"
MISSING = "brak danych"

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# ł and Ł do not decompose under NFKD, so they are mapped by hand.
_EXTRA_FOLD = str.maketrans({"ł": "l", "Ł": "l", "đ": "d", "ø": "o", "ß": "ss"})


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case, no Polish letters, punctuation as single spaces: the form all matching uses."""
    text = unicodedata.normalize("NFKD", str(text).translate(_EXTRA_FOLD).lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_ALNUM.sub(" ", text).strip()


@dataclass(frozen=True)
class Gmina:
    teryt: str
    name: str
    kind: int


@dataclass(frozen=True)
class Match:
    """The outcome of looking a value up: its canonical form, or None when it is not known."""

    canonical: str | None
    corrected: bool   # True when the text differed from the canonical form (worth a warning)


class Vocabulary:
    """One loaded set of vocabularies. Lookups are on folded text, so case and accents never matter."""

    def __init__(self, raw: dict) -> None:
        self.gminy = [Gmina(teryt, spec[0], int(spec[1])) for teryt, spec in raw["gminy"].items()]
        self.gmina_by_teryt = {g.teryt: g for g in self.gminy}
        self._gmina_by_fold: dict[str, Gmina] = {}
        for gmina in self.gminy:
            spellings = [gmina.name, *raw["gminy"][gmina.teryt][2:]]
            for spelling in spellings:
                self._gmina_by_fold[fold(spelling)] = gmina
        prefixes = sorted({fold(p) for p in raw["gmina_prefixes"]["words"] if fold(p)}, key=len, reverse=True)
        alternatives = "|".join(re.escape(p) for p in prefixes)
        self._gmina_prefix = re.compile(rf"^(?:(?:{alternatives})\s+)+")
        self.sectors = list(raw["sectors"])
        self.groups = list(raw["groups"])
        self.statuses = list(raw["statuses"])
        self._sector = _synonym_index(raw["sectors"])
        self._group = _synonym_index(raw["groups"])
        self._status = _synonym_index(raw["statuses"])
        self.present_marks = {fold(m) if fold(m) else m.strip().lower() for m in raw["marks"]["present"]}
        self.absent_marks = {fold(m) if fold(m) else m.strip().lower() for m in raw["marks"]["absent"]}
        self.totals_words = [fold(w) for w in raw["totals"]["words"]]
        self.headers = {
            kind: {fold(alias): column for column, aliases in columns.items() for alias in aliases}
            for kind, columns in raw["headers"].items()
            if kind != "ignored"
        }
        self.header_labels = {kind: {c: a[0] for c, a in cols.items()}
                              for kind, cols in raw["headers"].items() if kind != "ignored"}
        self.ignored_headers = {fold(h) for h in raw["headers"]["ignored"]["columns"]}
        # Each spelling of the name column -> the order its names are written in ("surname_first" or
        # "as_written"), so that a header is matched against all of them and the closest one decides.
        surname_first = {fold(h) for h in raw.get("name_order", {}).get("surname_first", [])}
        self.name_orders = {alias: "as_written" for alias, column in self.headers["attendance"].items()
                            if column == "full_name"}
        self.name_orders.update(dict.fromkeys(surname_first, "surname_first"))
        # Institution-name rules, as written in the file: analytics/partners.py compiles them.
        self.partners: dict = raw["partners"]
        # Header text -> canonical column, per kind: every candidate row of every upload asks again.
        self.header_cache: dict[tuple[str, str], str | None] = {}

    # -- gminy ---------------------------------------------------------------------------------
    def match_gmina(self, text: str) -> Match:
        """Canonical gmina name for how staff write it (prefixes, case, no accents, small typos)."""
        folded = fold(text)
        code = re.search(r"\b(14\d{4}|146201)\d?\b", folded)
        if code and code.group(1) in self.gmina_by_teryt:
            gmina = self.gmina_by_teryt[code.group(1)]
            return Match(gmina.name, text.strip() != gmina.name)
        for candidate in (folded, self._gmina_prefix.sub("", folded)):
            if candidate in self._gmina_by_fold:
                gmina = self._gmina_by_fold[candidate]
                return Match(gmina.name, text.strip() != gmina.name)
        bare = self._gmina_prefix.sub("", folded)
        close = difflib.get_close_matches(bare, list(self._gmina_by_fold), n=1, cutoff=0.85)
        if close:
            return Match(self._gmina_by_fold[close[0]].name, True)
        return Match(None, False)

    def teryt_of(self, name: str) -> str | None:
        gmina = self._gmina_by_fold.get(fold(name))
        return gmina.teryt if gmina else None

    # -- sectors, groups, statuses ------------------------------------------------------------
    def match_sector(self, text: str) -> Match:
        return _lookup(self._sector, text)

    def match_group(self, text: str) -> Match:
        return _lookup(self._group, text)

    def match_status(self, text: str) -> Match:
        return _lookup(self._status, text)


def _synonym_index(section: dict[str, list[str]]) -> dict[str, str]:
    index = {}
    for canonical, synonyms in section.items():
        for synonym in [canonical, *synonyms]:
            index[fold(synonym)] = canonical
    return index


def _lookup(index: dict[str, str], text: str) -> Match:
    folded = fold(text)
    if folded in index:
        canonical = index[folded]
        return Match(canonical, folded != fold(canonical))
    close = difflib.get_close_matches(folded, list(index), n=1, cutoff=0.85)
    if close:
        return Match(index[close[0]], True)
    return Match(None, False)


def _merge(base: dict, extra: dict) -> dict:
    """Local additions extend the lists of the base vocabulary; new keys are added."""
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        elif isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = merged[key] + [v for v in value if v not in merged[key]]
        else:
            merged[key] = value
    return merged


def load_vocabulary(path: Path = VOCABULARY_FILE, local_path: Path = LOCAL_VOCABULARY_FILE) -> Vocabulary:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    if local_path.exists():
        raw = _merge(raw, tomllib.loads(local_path.read_text(encoding="utf-8")))
    return Vocabulary(raw)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The vocabulary of this installation (loaded once per process)."""
    return load_vocabulary()
