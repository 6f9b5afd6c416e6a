"""The partnership's members: partner institutions and their figures, from the attendance lists'
institution column (and the projects register's optional "Partnerzy" column).

A partner is a partner_key (analytics/partners.py) with staff's merges applied. Its sector and gmina
are those its representatives give most often, each representative counted once (their latest
attendance for that institution); a tie goes to the value given latest. Pure functions, DataFrame in,
DataFrame out; no Streamlit, no store.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from analytics.metrics import EXTRA_KEYS, gmina_group, key_order
from analytics.partners import (
    Proposal,
    apply_decisions,
    names_a_person,
    near_duplicates,
    open_proposals,
    partner_display_names,
    partner_keys,
)
from analytics.vocabulary import MISSING, OTHER, fold, vocabulary

PARTNER_SEPARATOR = re.compile(r"[;\n]")   # the register's "Partnerzy" cell: institutions split by ";"
REGISTER_COLUMNS = ["partner", "name", "sector", "gmina", "representatives", "meetings", "first_meeting",
                    "sole_trader"]


def partner_rows(attendance: pd.DataFrame, merges: Mapping[str, str] | None = None) -> pd.DataFrame:
    """[partner, institution, person_key, meeting, row, sector, gmina]: the attendance rows that name a
    partner, in the order written (meeting, then row), gmina as metrics.gmina_group groups it."""
    if attendance.empty or "institution" not in attendance:
        return pd.DataFrame(columns=["partner", "institution", "person_key", "meeting", "row", "sector",
                                     "gmina"])
    # each distinct spelling worked out once, then taken by code (100,000 rows hold a few thousand)
    codes, spellings = pd.factorize(attendance["institution"])
    keys = apply_decisions(partner_keys(pd.Series(spellings, dtype=object)), merges or {})
    row_keys = np.append(keys.to_numpy(dtype=object), None)[codes]    # code -1 (no institution): None
    named = np.flatnonzero(pd.notna(row_keys))
    chosen = attendance.iloc[named]
    rows = pd.DataFrame({
        "partner": row_keys[named],
        "institution": chosen["institution"].to_numpy(dtype=object),
        "person_key": chosen["person_key"].to_numpy(dtype=object),
        "meeting": pd.to_numeric(chosen["meeting"], errors="coerce").fillna(0).astype("int64").to_numpy(),
        "row": pd.to_numeric(chosen["row"], errors="coerce").fillna(0).astype("int64").to_numpy(),
        "sector": chosen["sector"].to_numpy(dtype=object),
        "gmina": gmina_group(chosen).to_numpy(dtype=object),
    })
    return rows.sort_values(["meeting", "row"], kind="stable").reset_index(drop=True)


def _most_given(rows: pd.DataFrame, column: str) -> pd.Series:
    """Per partner, the value of `column` its representatives give most often (one vote each: their
    latest row for the partner; no value and MISSING are no vote), a tie to the latest; MISSING when none."""
    votes = rows.drop_duplicates(["partner", "person_key"], keep="last")
    votes = votes.assign(order=votes.index)      # rows are in the order written: a higher index is later
    votes = votes[votes[column].notna() & votes[column].ne(MISSING)]
    stats = votes.groupby(["partner", column], sort=False)["order"].agg(["size", "max"]).reset_index()
    best = stats.sort_values(["size", "max"], ascending=False).drop_duplicates("partner")
    return best.set_index("partner")[column]


def partner_register(attendance: pd.DataFrame, merges: Mapping[str, str] | None = None,
                     people: frozenset[str] | None = None) -> pd.DataFrame:
    """One row per partner: [partner, name, sector, gmina, representatives, meetings, first_meeting,
    sole_trader], by name. `people`: the folded names of every person (participants, project leaders)
    whose name in an institution's name makes it a sole trader (default: the attendance's participants)."""
    rows = partner_rows(attendance, merges)
    if rows.empty:
        return pd.DataFrame(columns=REGISTER_COLUMNS)
    if people is None:
        people = person_names(attendance)
    names = partner_display_names(rows["partner"], rows["institution"])
    grouped = rows.groupby("partner", sort=False)
    # each distinct spelling checked once: a partner is a sole trader when any of its spellings names a person
    spellings = rows[["partner", "institution"]].drop_duplicates()
    spellings = spellings.assign(sole=spellings["institution"].map(lambda s: names_a_person(str(s), people)))
    sole_trader = spellings.groupby("partner", sort=False)["sole"].any()
    if people:
        own = _named_after_a_representative(attendance, spellings)
        sole_trader = sole_trader | sole_trader.index.isin(list(own))
    register = pd.DataFrame({
        "partner": grouped.size().index,
        "representatives": grouped["person_key"].nunique().to_numpy(),
        "meetings": grouped["meeting"].nunique().to_numpy(),
        "first_meeting": grouped["meeting"].min().to_numpy(),
    })
    register["name"] = register["partner"].map(names)
    register["sector"] = register["partner"].map(_most_given(rows, "sector")).astype(object).fillna(MISSING)
    register["gmina"] = register["partner"].map(_most_given(rows, "gmina")).astype(object).fillna(MISSING)
    register["sole_trader"] = register["partner"].map(sole_trader).astype(bool)
    order = sorted(range(len(register)), key=lambda i: fold(register["name"].iat[i]))
    return register.iloc[order][REGISTER_COLUMNS].reset_index(drop=True)


# A company (a legal person) named after its founder is no sole trader: "Woźniak Instalacje sp. z o.o."
COMPANY = re.compile(r"\bsp\.?\s*z\s*o\.?\s*o\b|spółk[aięą]\s+(z\s+ograniczon|akcyjn)|\bs\.\s?a\.?(\s|$)",
                     re.IGNORECASE)


def _named_after_a_representative(attendance: pd.DataFrame, spellings: pd.DataFrame) -> set[str]:
    """The partners whose name holds the surname of one of their own representatives ("PHU Kołodziej
    Usługi Transportowe" sent Wojciech Kołodziej): a firm named after its owner, a sole trader, even
    without the first name. Each distinct (spelling, person) pair is looked at once."""
    if "person_name" not in attendance:
        return set()
    partner_of = dict(zip(spellings["institution"], spellings["partner"], strict=True))
    pairs = attendance[["institution", "person_name"]].dropna().drop_duplicates()
    found: set[str] = set()
    for institution, person in zip(pairs["institution"], pairs["person_name"], strict=True):
        partner = partner_of.get(institution)
        if partner is None or partner in found or COMPANY.search(str(institution)):
            continue
        words = set(fold(str(institution)).split())
        if any(len(word) >= 4 and word in words for word in fold(str(person)).split()):
            found.add(partner)
    return found


def person_names(attendance: pd.DataFrame, projects: pd.DataFrame | None = None) -> frozenset[str]:
    """The folded names of the participants (and the project leaders): names_a_person's people."""
    names: set[str] = set()
    if "person_name" in attendance:
        names |= {fold(n) for n in attendance["person_name"].dropna().unique()}
    if projects is not None and "leader" in projects:
        names |= {fold(n) for n in projects["leader"].dropna().unique()}
    return frozenset(name for name in names if name)


def partners_by(register: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """[key, partners, share]: partners per sector or gmina, every canonical value listed (zero included),
    the extras ('inne', 'spoza powiatu', 'brak danych') last when present (participants_by's shape)."""
    counts = register[dimension].value_counts() if len(register) else pd.Series(dtype="int64")
    order = key_order(dimension)
    canonical = [key for key in order if key not in EXTRA_KEYS]
    rank = {key: i for i, key in enumerate(order)}
    # an office's own value sits after the canonical ones, before the extras (metrics' rule)
    keys = sorted({*canonical, *counts.index}, key=lambda k: (rank.get(k, len(canonical) - 0.5), str(k)))
    partners = [int(counts.get(key, 0)) for key in keys]
    total = sum(partners)
    return pd.DataFrame({"key": keys, "partners": partners,
                         "share": [n / total if total else 0.0 for n in partners]})


def partners_per_meeting(rows: pd.DataFrame, schedule: pd.DataFrame) -> pd.DataFrame:
    """[meeting, meeting_date, partners, new_partners]: partners present at each meeting held and those
    present for the first time."""
    visits = rows[["partner", "meeting"]].drop_duplicates()
    first = visits.groupby("partner")["meeting"].min()
    frame = schedule[["meeting", "meeting_date"]].copy()
    frame["partners"] = frame["meeting"].map(visits["meeting"].value_counts()).fillna(0).astype("int64")
    frame["new_partners"] = frame["meeting"].map(first.value_counts()).fillna(0).astype("int64")
    return frame.reset_index(drop=True)


def partner_retention(rows: pd.DataFrame, schedule: pd.DataFrame) -> pd.DataFrame:
    """[meetings_attended, people]: how many partners were present at 1, 2, … N of the N meetings held
    (named as metrics.retention_counts, so the same chart draws it; retained: half of them or more)."""
    held = len(schedule)
    per_partner = rows[["partner", "meeting"]].drop_duplicates().groupby("partner").size()
    counts = per_partner.value_counts()
    most = max(held, int(counts.index.max()) if len(counts) else 0)
    attended = list(range(1, most + 1))
    return pd.DataFrame({"meetings_attended": attended, "people": [int(counts.get(n, 0)) for n in attended]})


def retained_partners(rows: pd.DataFrame, schedule: pd.DataFrame) -> tuple[int, int]:
    """(partners present at half of the meetings held or more, all partners)."""
    per_partner = rows[["partner", "meeting"]].drop_duplicates().groupby("partner").size()
    threshold = math.ceil(len(schedule) / 2)
    return int((per_partner >= threshold).sum()) if len(schedule) else 0, len(per_partner)


def project_partners(projects: pd.DataFrame, register: pd.DataFrame,
                     merges: Mapping[str, str] | None = None) -> pd.DataFrame:
    """[title, partner, name, sector, gmina, at_meetings]: one row per project and partner its register
    row names ("Partnerzy", split by ';'); a partner nobody represented at the meetings has the name as
    the register writes it and MISSING sector and gmina. Empty when the register names no partners."""
    columns = ["title", "partner", "name", "sector", "gmina", "at_meetings"]
    if projects.empty or "partners" not in projects or projects["partners"].isna().all():
        return pd.DataFrame(columns=columns)
    cells = zip(projects["title"], projects["partners"], strict=True)
    pairs = [(title, part.strip()) for title, cell in cells
             if isinstance(cell, str) for part in PARTNER_SEPARATOR.split(cell) if part.strip()]
    if not pairs:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(pairs, columns=["title", "written"])
    frame["partner"] = apply_decisions(partner_keys(frame["written"]), merges or {}).to_numpy(dtype=object)
    frame = frame[frame["partner"].notna()].drop_duplicates(["title", "partner"])
    known = register.set_index("partner") if len(register) else None
    own_names = partner_display_names(frame["partner"], frame["written"])
    at_meetings = frame["partner"].isin(register["partner"]) if len(register) else frame["partner"] == ""
    frame["at_meetings"] = at_meetings.to_numpy(dtype=bool)

    def from_register(column: str, fallback: pd.Series) -> list:
        if known is None:
            return list(fallback)
        return [known.at[p, column] if p in known.index else f for p, f in zip(frame["partner"], fallback,
                                                                                  strict=True)]

    frame["name"] = from_register("name", frame["partner"].map(own_names))
    frame["sector"] = from_register("sector", pd.Series(MISSING, index=frame.index))
    frame["gmina"] = from_register("gmina", pd.Series(MISSING, index=frame.index))
    return frame[columns].reset_index(drop=True)


def project_partner_names(projects: pd.DataFrame, people: frozenset[str]) -> pd.Series:
    """Per row of project_partners: whether the institution's name holds a person's name (a sole trader)."""
    return projects["name"].map(lambda name: names_a_person(name, people)).astype(bool)


def tie_sectors(register: pd.DataFrame) -> list[str]:
    """The sectors a tie can be between: the five canonical ones and 'inne' when a partner has it."""
    sectors = list(vocabulary().sectors)
    if len(register) and register["sector"].eq(OTHER).any():
        sectors.append(OTHER)
    return sectors


def cross_sector_ties(rows: pd.DataFrame, register: pd.DataFrame,
                      links: pd.DataFrame | None = None) -> pd.DataFrame:
    """[sector_a, sector_b, meetings, projects] for each pair of sectors (a pair of one sector: two of its
    partners): the meetings, and the projects (project_partners' `links`), that brought partners of both
    together. Partners with no sector take part in no tie."""
    sectors = tie_sectors(register)
    sector_of = dict(zip(register["partner"], register["sector"], strict=True)) if len(register) else {}
    pairs = [(a, b) for i, a in enumerate(sectors) for b in sectors[i:]]
    meetings = _together(rows[["meeting", "partner"]].drop_duplicates(), "meeting", sector_of, sectors)
    if links is not None and len(links):
        projects = _together(links[["title", "partner"]].drop_duplicates(), "title", sector_of, sectors)
    else:
        projects = {}
    return pd.DataFrame({
        "sector_a": [a for a, _ in pairs], "sector_b": [b for _, b in pairs],
        "meetings": [meetings.get((a, b), 0) for a, b in pairs],
        "projects": [projects.get((a, b), 0) for a, b in pairs],
    })


def _together(presence: pd.DataFrame, occasion: str, sector_of: Mapping[str, str],
              sectors: list[str]) -> dict[tuple[str, str], int]:
    """{(sector a, sector b): occasions (meetings or projects) with partners of both (two, when a == b)}."""
    index = {sector: i for i, sector in enumerate(sectors)}
    found: dict[tuple[str, str], int] = {}
    codes = presence["partner"].map(lambda p: index.get(sector_of.get(p, MISSING), -1))
    for _, group in codes.groupby(presence[occasion].to_numpy()):
        present = np.bincount(group[group >= 0].to_numpy(dtype="int64"), minlength=len(sectors))
        for i in range(len(sectors)):
            for j in range(i, len(sectors)):
                if (present[i] >= 2) if i == j else (present[i] and present[j]):
                    pair = (sectors[i], sectors[j])
                    found[pair] = found.get(pair, 0) + 1
    return found


def partner_proposals(attendance: pd.DataFrame, projects: pd.DataFrame | None, merges: Mapping[str, str],
                      kept_apart: tuple[tuple[str, str], ...]) -> list[Proposal]:
    """The near-duplicate partner names staff have not decided on yet (partners.near_duplicates over
    the keys before merges, minus those already merged or kept apart)."""
    names = attendance["institution"] if "institution" in attendance else pd.Series(dtype=object)
    if projects is not None and "partners" in projects:
        written = [part.strip() for cell in projects["partners"].dropna() for part in
                   PARTNER_SEPARATOR.split(str(cell)) if part.strip()]
        names = pd.concat([names.astype(object), pd.Series(written, dtype=object)], ignore_index=True)
    names = names.reset_index(drop=True)
    keys = partner_keys(names)
    if keys.dropna().empty:
        return []
    shown = partner_display_names(keys, names)
    return open_proposals(near_duplicates(shown), merges, kept_apart)
