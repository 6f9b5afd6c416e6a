"""How a checked file joins the active dataset (replace, append, merge), and what that changes, in numbers.

The three ways staff mean, for an attendance list:
- replace: the file is the whole dataset;
- append: the file adds meetings or replaces whole meetings (a meeting in the file replaces that
  meeting's list);
- merge: the file is one more sign-in sheet of meetings already stored: the people of each meeting
  are united, one row per person and meeting (a person already there keeps one row, the file's).

For a projects register there are two: replace, and add-or-update by title (append); merge is the
same union by title, the file's row winning, so the two give the same register.

The store combines with `combine`; the import page states the effect beforehand with
`import_effect`, computed by the same function, so the sentence says what saving will do.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

import pandas as pd

from analytics.catalogue import t, tn
from analytics.formatting import format_int, roman

MODES = ("replace", "append", "merge")
# What the import page offers for each dataset (merge and append are the same union for projects).
MODES_OFFERED = {"attendance": ("replace", "append", "merge"), "projects": ("replace", "append")}
# Each mode as History and the audit trail name it (the import page says it in full).
MODE_LABEL_KEYS = {"replace": "mode_replace", "append": "mode_append", "merge": "mode_merge"}


# ---------------------------------------------------------------------------------------------
# Combining


@dataclass(frozen=True)
class Combined:
    """A dataset after an import: the base's kept rows first, in the base's order, then the rest.

    `dataset.iloc[:kept]` are base rows of meetings the file does not touch (the store copies them
    inside the database); what follows is new to the version's row table.
    """

    dataset: pd.DataFrame
    kept: int                     # how many of the first rows are base rows the file does not touch
    replaced: list[Any]           # meetings / project titles whose whole list or row the file replaced


def starts_afresh(mode: str, active_is_demo: bool) -> bool:
    """Appending or merging onto the demo data starts the real dataset afresh (the demo is not kept)."""
    return mode != "replace" and active_is_demo


def combine(kind: str, mode: str, base: pd.DataFrame | None, new_rows: pd.DataFrame) -> Combined:
    """The dataset after importing `new_rows` onto `base` in `mode`.

    Attendance: append keys by meeting (a meeting in the file replaces that meeting's whole list);
    merge by meeting and person (`person_key`): base rows of the file's meetings stay unless the
    file has the same person at the same meeting. Projects: both key by title, compared without
    case, accents or punctuation. With no base, or in replace mode, the file is the dataset.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    if base is None or mode == "replace":
        return Combined(new_rows.reset_index(drop=True), 0, [])
    if kind != "attendance":
        return _combine_projects(base, new_rows)
    meetings = set(new_rows["meeting"].dropna().tolist())
    touched = base["meeting"].isin(meetings).fillna(False).astype(bool)
    kept = base[~touched]
    if mode == "append":
        replaced = sorted(set(base["meeting"].dropna().tolist()) & meetings)
        return Combined(pd.concat([kept, new_rows], ignore_index=True), len(kept), replaced)
    in_meetings = base[touched]
    stays = in_meetings[~_pairs(in_meetings).isin(_pairs(new_rows))]
    return Combined(pd.concat([kept, stays, new_rows], ignore_index=True), len(kept), [])


def _combine_projects(base: pd.DataFrame, new_rows: pd.DataFrame) -> Combined:
    new_keys = set(new_rows["title"].map(title_key))
    base_keys = base["title"].map(title_key)
    replaced = base.loc[base_keys.isin(new_keys), "title"].tolist()
    kept = base[~base_keys.isin(new_keys)]
    return Combined(pd.concat([kept, new_rows], ignore_index=True), len(kept), replaced)


def _pairs(frame: pd.DataFrame) -> pd.MultiIndex:
    """(meeting, person) of each attendance row: a person's identity is their person_key."""
    return pd.MultiIndex.from_arrays([frame["meeting"].astype("Int64"), frame["person_key"].astype(object)])


def title_key(title: Any) -> str:
    """A project's title as compared when projects are combined: no case, Polish letters or punctuation."""
    from analytics.vocabulary import fold

    return "" if title is None or (isinstance(title, float) and math.isnan(title)) else fold(str(title))


# ---------------------------------------------------------------------------------------------
# The effect on the active data


@dataclass(frozen=True)
class MeetingChange:
    """One meeting's attendance before and after an import."""

    meeting: int
    before: int
    after: int
    added: int                    # people at the meeting after the import who were not before
    removed: int                  # people at the meeting before who are not after


@dataclass(frozen=True)
class ImportEffect:
    """What an import changes in the active dataset, in numbers."""

    kind: str
    mode: str
    rows_before: int              # attendances (a list) or projects (a register) in the active data
    rows_after: int
    participants_before: int | None   # distinct people (attendance lists only)
    participants_after: int | None
    replaces_demo: bool           # the active data is the demo: whatever the mode, it is not kept
    replaced: tuple[Any, ...]     # meetings whose whole list / project titles whose row the file replaces
    meetings_before: tuple[int, ...]
    meetings_after: tuple[int, ...]
    file_meetings: tuple[int, ...]
    changes: tuple[MeetingChange, ...]   # every meeting whose attendance changes
    projects_added: int = 0
    projects_updated: int = 0


def import_effect(kind: str, mode: str, active: pd.DataFrame, accepted: pd.DataFrame,
                  active_is_demo: bool = False) -> ImportEffect:
    """What storing `accepted` in `mode` would change in the `active` dataset (empty: no data yet)."""
    columns = ["meeting", "person_key"] if kind == "attendance" else ["title"]
    active, accepted = active[columns], accepted[columns]
    base = None if starts_afresh(mode, active_is_demo) else active
    combined = combine(kind, mode, base, accepted)
    return effect_between(kind, mode, active, combined, accepted, active_is_demo)


def effect_between(kind: str, mode: str, before: pd.DataFrame, combined: Combined,
                   new_rows: pd.DataFrame, before_is_demo: bool = False) -> ImportEffect:
    """The effect of an import whose result is `combined`, on the dataset `before` it."""
    after = combined.dataset
    common = {"kind": kind, "mode": mode, "rows_before": len(before), "rows_after": len(after),
              "replaces_demo": before_is_demo and len(before) > 0}
    if kind != "attendance":
        before_keys = set(before["title"].map(title_key))
        new_keys = set(new_rows["title"].map(title_key))
        return ImportEffect(
            **common, participants_before=None, participants_after=None,
            replaced=tuple(combined.replaced), meetings_before=(), meetings_after=(), file_meetings=(),
            changes=(), projects_added=len(new_keys - before_keys), projects_updated=len(combined.replaced),
        )
    return ImportEffect(
        **common, participants_before=int(before["person_key"].nunique()),
        participants_after=int(after["person_key"].nunique()),
        replaced=tuple(int(m) for m in combined.replaced), meetings_before=_meetings(before),
        meetings_after=_meetings(after), file_meetings=_meetings(new_rows),
        changes=_meeting_changes(*_touched_rows(before, combined, new_rows)),
    )


def _touched_rows(before: pd.DataFrame, combined: Combined,
                  new_rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows before and after of the meetings an import can change. When the combined dataset
    kept every base row of the meetings the file does not hold (append, merge), those meetings are
    unchanged and left out: a large dataset is then not compared row by row."""
    outside = ~before["meeting"].isin(set(new_rows["meeting"].dropna())).fillna(False).astype(bool)
    if combined.kept and combined.kept == int(outside.sum()):
        return before[~outside], combined.dataset.iloc[combined.kept:]
    return before, combined.dataset


def _meetings(frame: pd.DataFrame) -> tuple[int, ...]:
    return tuple(sorted({int(m) for m in frame["meeting"].dropna().tolist()}))


def _meeting_changes(before: pd.DataFrame, after: pd.DataFrame) -> tuple[MeetingChange, ...]:
    before_pairs, after_pairs = _pairs(before), _pairs(after)
    added = after.loc[~after_pairs.isin(before_pairs), "meeting"].value_counts()
    removed = before.loc[~before_pairs.isin(after_pairs), "meeting"].value_counts()
    counts_before, counts_after = before["meeting"].value_counts(), after["meeting"].value_counts()
    changes = []
    for meeting in sorted({int(m) for m in [*counts_before.index, *counts_after.index]}):
        change = MeetingChange(meeting, int(counts_before.get(meeting, 0)), int(counts_after.get(meeting, 0)),
                               int(added.get(meeting, 0)), int(removed.get(meeting, 0)))
        if change.added or change.removed:
            changes.append(change)
    return tuple(changes)


# ---------------------------------------------------------------------------------------------
# The effect in words: the import page before saving (future tense) and after it (past tense)


def effect_sentence(effect: ImportEffect) -> str:
    """What saving will do: "Zastąpi spotkania I–VI: 157 → 95 obecności, 60 → 41 osób."."""
    return _sentence(effect, "future")


def done_sentence(effect: ImportEffect) -> str:
    """What saving did: "Zastąpiono spotkania I–VI: 157 → 95 obecności, 60 → 41 osób."."""
    return _sentence(effect, "past")


# The sentences of an effect: (what, tense) -> catalogue key; "future" before saving, "past" after.
EFFECT_KEYS = {
    ("demo", "future"): "effect_demo_future", ("demo", "past"): "effect_demo_past",
    ("new", "future"): "effect_new_future", ("new", "past"): "effect_new_past",
    ("replace_all", "future"): "effect_replace_all_future",
    ("replace_all", "past"): "effect_replace_all_past",
    ("replace_meetings", "future"): "effect_replace_meetings_future",
    ("replace_meetings", "past"): "effect_replace_meetings_past",
    ("add", "future"): "effect_add_future", ("add", "past"): "effect_add_past",
    ("and_add", "future"): "effect_and_add_future", ("and_add", "past"): "effect_and_add_past",
    ("merge_nothing", "future"): "effect_merge_nothing_future",
    ("merge_nothing", "past"): "effect_merge_nothing_past",
    ("merge_one", "future"): "effect_merge_one_future", ("merge_one", "past"): "effect_merge_one_past",
    ("merge_many", "future"): "effect_merge_many_future", ("merge_many", "past"): "effect_merge_many_past",
    ("projects_demo", "future"): "effect_projects_demo_future",
    ("projects_demo", "past"): "effect_projects_demo_past",
    ("projects_new", "future"): "effect_projects_new_future",
    ("projects_new", "past"): "effect_projects_new_past",
    ("projects_replace", "future"): "effect_projects_replace_future",
    ("projects_replace", "past"): "effect_projects_replace_past",
    ("projects_update", "future"): "effect_projects_update_future",
    ("projects_update", "past"): "effect_projects_update_past",
    ("nothing", "future"): "effect_nothing_future", ("nothing", "past"): "effect_nothing_past",
}


def _sentence(effect: ImportEffect, tense: str) -> str:
    what = _what_attendance(effect, tense) if effect.kind == "attendance" else _what_projects(effect, tense)
    return f"{what}: {counts_text(effect)}."


class BeforeAfter(Protocol):
    """Counts before and after an import: an ImportEffect, or a stored version (store.VersionInfo)."""

    kind: str
    rows_before: int
    rows_after: int
    participants_before: int | None
    participants_after: int | None


def counts_text(effect: BeforeAfter) -> str:
    """"157 → 95 obecności, 60 → 41 osób" (projects: "7 → 9 projektów")."""
    if effect.kind != "attendance":
        return t("effect_counts", before=format_int(effect.rows_before), after=format_int(effect.rows_after),
                 noun=tn("noun_projects", effect.rows_after))
    text = t("effect_counts", before=format_int(effect.rows_before), after=format_int(effect.rows_after),
             noun=tn("noun_attendances", effect.rows_after))
    if effect.participants_before is None or effect.participants_after is None:
        return text
    return text + ", " + t("effect_counts", before=format_int(effect.participants_before),
                           after=format_int(effect.participants_after),
                           noun=tn("noun_people", effect.participants_after))


def _what_attendance(effect: ImportEffect, tense: str) -> str:
    file_meetings = meetings_text(effect.file_meetings)
    if effect.replaces_demo:
        return t(EFFECT_KEYS["demo", tense], meetings=file_meetings)
    if effect.rows_before == 0:
        return t(EFFECT_KEYS["new", tense], meetings=file_meetings)
    if effect.mode == "replace":
        return t(EFFECT_KEYS["replace_all", tense], meetings=file_meetings)
    if effect.mode == "append":
        return _what_append(effect, tense)
    return _what_merge(effect, tense)


def _what_append(effect: ImportEffect, tense: str) -> str:
    new = [m for m in effect.file_meetings if m not in effect.meetings_before]
    parts = []
    if effect.replaced:
        parts.append(t(EFFECT_KEYS["replace_meetings", tense], meetings=meetings_text(effect.replaced),
                       noun=tn("noun_meetings_acc", len(effect.replaced))))
    if new:
        verb = t(EFFECT_KEYS["and_add" if parts else "add", tense])
        parts.append(f"{verb} {tn('noun_meetings_acc', len(new))} {meetings_text(new)}")
    return " ".join(parts)


def _what_merge(effect: ImportEffect, tense: str) -> str:
    added = [c for c in effect.changes if c.added]
    if not added:
        return t(EFFECT_KEYS["merge_nothing", tense])
    if len(added) == 1:
        change = added[0]
        return t(EFFECT_KEYS["merge_one", tense], count=format_int(change.added),
                 people=tn("noun_people_acc", change.added), meeting=roman(change.meeting))
    each = ", ".join(f"{roman(c.meeting)} +{format_int(c.added)}" for c in added)
    return t(EFFECT_KEYS["merge_many", tense], meetings=meetings_text([c.meeting for c in added]), each=each)


def _what_projects(effect: ImportEffect, tense: str) -> str:
    if effect.replaces_demo:
        return t(EFFECT_KEYS["projects_demo", tense])
    if effect.rows_before == 0:
        return t(EFFECT_KEYS["projects_new", tense])
    if effect.mode == "replace":
        return t(EFFECT_KEYS["projects_replace", tense])
    parts = []
    if effect.projects_updated:
        parts.append(t(EFFECT_KEYS["projects_update", tense], count=format_int(effect.projects_updated),
                       noun=tn("noun_projects_acc", effect.projects_updated)))
    if effect.projects_added:
        verb = t(EFFECT_KEYS["and_add" if parts else "add", tense])
        parts.append(f"{verb} {format_int(effect.projects_added)} "
                     f"{tn('noun_projects_acc', effect.projects_added)}")
    return " ".join(parts) or t(EFFECT_KEYS["nothing", tense])


def meetings_text(meetings: Iterable[Any]) -> str:
    """Meeting numbers in Roman numerals, runs of three or more as a range: "I–III, V, VI"."""
    numbers = sorted({int(m) for m in meetings})
    if not numbers:
        return t("none_short")
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{roman(run[0])}–{roman(run[-1])}")
        else:
            parts.extend(roman(n) for n in run)
    return ", ".join(parts)

