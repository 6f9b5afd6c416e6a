"""What the dashboard shows, computed: filters, headline figures and the tables behind every chart.

Pure functions, DataFrame in and DataFrame (or a small dataclass) out; no streamlit, no plotting.
A person counts under the sector, group and gmina of their latest attendance (summary.py's
rule), everywhere: in the filters, in every breakdown and in the stacks over the meetings, so the
numbers on one page always add up to the same totals.

Functions that list the meetings take an optional `schedule` (meeting_schedule of the data before
the sector/group/gmina filters): a meeting nobody of the chosen sector came to is still a meeting
held, shown as zero and counted in the retention threshold.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from analytics.project_metrics import ProjectFigures, project_figures
from analytics.vocabulary import MISSING, OTHER, OUTSIDE_COUNTY, fold, vocabulary

Dimension = Literal["sector", "group", "gmina"]
DIMENSIONS: tuple[Dimension, ...] = ("sector", "group", "gmina")
# The values that are not a canonical vocabulary entry: always listed last, drawn grey.
EXTRA_KEYS = (OTHER, OUTSIDE_COUNTY, MISSING)


# -- filters ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Filters:
    """What the sidebar selected. None / empty means everything."""

    meetings: tuple[int, ...] | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sectors: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    gminy: tuple[str, ...] = ()   # canonical names, OUTSIDE_COUNTY, MISSING


@dataclass(frozen=True)
class MeetingOption:
    number: int
    date: dt.date | None


@dataclass(frozen=True)
class FilterOptions:
    """The choices the sidebar offers: what the data holds, in vocabulary order."""

    meetings: tuple[MeetingOption, ...]
    date_min: dt.date | None
    date_max: dt.date | None
    sectors: tuple[str, ...]
    groups: tuple[str, ...]
    gminy: tuple[str, ...]


def key_order(dimension: Dimension) -> list[str]:
    """Canonical values of a dimension in vocabulary order, then 'inne'/'spoza powiatu'/'brak danych'."""
    vocab = vocabulary()
    if dimension == "sector":
        return [*vocab.sectors, OTHER, MISSING]
    if dimension == "group":
        return [*vocab.groups, OTHER, MISSING]
    return [*(g.name for g in vocab.gminy), OUTSIDE_COUNTY, MISSING]


def canonical_keys(dimension: Dimension) -> list[str]:
    return [key for key in key_order(dimension) if key not in EXTRA_KEYS]


def _ordered(keys: Sequence[str], dimension: Dimension) -> list[str]:
    order = key_order(dimension)
    rank = {key: i for i, key in enumerate(order)}
    extras_from = len(canonical_keys(dimension))
    # A key outside the vocabulary (an office's own) sits after the canonical ones, before the extras.
    return sorted(set(keys), key=lambda k: (rank.get(k, extras_from - 0.5), str(k)))


# -- the fast core: a person as an integer, their latest attributes by numpy ---------------------------
# With 100 000 attendance rows a filter change must redraw a page in well under a second, so the work
# that depends only on the data version is done once, in prepare_attendance: people are numbered,
# each row gets its place in (person, meeting, row number) order, and the sector, group and gmina a
# row gives a person are stored as categorical codes. A metric then only takes and counts integer
# arrays: "each person's latest attendance" (summary.latest_per_person's rule) is the last row of the
# person in that order, found without sorting again; test_metrics checks both rules agree.

PERSON = "_person"     # helper column: one integer per person_key
MEETING = "_meeting"   # helper column: the meeting number as int64
RANK = "_rank"         # helper column: the row's place by person, meeting, row number (then frame order)
KEY_COLUMNS: dict[Dimension, str] = {"sector": "_sector", "group": "_group", "gmina": "_gmina"}
# helper columns, categorical: the value a row gives its person (MISSING for none; the gmina as
# gmina_group groups it: a county gmina, OUTSIDE_COUNTY or MISSING)
HELPER_COLUMNS = (PERSON, MEETING, RANK, *KEY_COLUMNS.values())


def prepare_attendance(attendance: pd.DataFrame) -> pd.DataFrame:
    """The attendance with the helper columns every metric works on (HELPER_COLUMNS). Call it once per
    data version and cache the result; metrics given raw rows call it themselves, only slower. Rows
    taken from a prepared frame (a filter's selection) keep their helper columns and stay prepared."""
    if all(column in attendance.columns for column in HELPER_COLUMNS):
        return attendance
    codes, _ = pd.factorize(attendance["person_key"])
    codes = codes.astype("int64")
    meetings = pd.to_numeric(attendance["meeting"], errors="coerce").fillna(0).astype("int64").to_numpy()
    order = np.lexsort((attendance["row"].to_numpy(dtype="int64", na_value=0), meetings, codes))
    rank = np.empty(len(order), dtype="int64")
    rank[order] = np.arange(len(order), dtype="int64")
    return attendance.assign(**{
        PERSON: codes, MEETING: meetings, RANK: rank,
        KEY_COLUMNS["sector"]: _key_column(attendance["sector"]),
        KEY_COLUMNS["group"]: _key_column(attendance["group"]),
        KEY_COLUMNS["gmina"]: _gmina_column(attendance["gmina"], attendance["in_county"]),
    })


def _key_column(values: pd.Series) -> pd.Categorical:
    """A sector or group column as categorical codes of its values, MISSING for none; the values are
    written once per distinct value, not once per row."""
    codes, uniques = pd.factorize(values)                    # -1: no value
    labels = _filled(np.append(np.asarray(uniques, dtype=object), None))
    return _categorical(codes, labels)


def _gmina_column(gmina: pd.Series, in_county: pd.Series) -> pd.Categorical:
    """The gmina a row gives its person, as gmina_group groups it, as categorical codes."""
    gmina_codes, gminy = pd.factorize(gmina)
    flags = pd.array(in_county, dtype="boolean")
    flag_codes = np.where(flags.isna(), 2, flags.fillna(False).to_numpy(dtype=bool).astype("int64"))
    pairs, unique_pairs = pd.factorize((gmina_codes.astype("int64") + 1) * 3 + flag_codes)
    names = np.append(np.asarray(gminy, dtype=object), None)[unique_pairs // 3 - 1]   # 0 → None
    labels = _gmina_keys(names, np.array([False, True, None], dtype=object)[unique_pairs % 3])
    return _categorical(pairs, labels)


def _categorical(codes: np.ndarray, labels: np.ndarray) -> pd.Categorical:
    """Rows' codes into `labels` (code -1: the last label) as a categorical of the distinct labels."""
    label_codes, categories = pd.factorize(pd.Series(labels, dtype=object))
    return pd.Categorical.from_codes(label_codes[codes], categories=pd.Index(categories, dtype=object))


def _sorted_positions(rows: pd.DataFrame, keep: np.ndarray | None = None) -> np.ndarray:
    """Positions (0..n-1) of the rows (those where `keep`, if given) in RANK order: by person, meeting,
    row number. A counting sort over the ranks, no comparisons."""
    ranks = rows[RANK].to_numpy()
    positions = None
    if keep is not None:
        positions = np.flatnonzero(keep)
        ranks = ranks[positions]
    if not len(ranks):
        return np.array([], dtype="int64")
    slots = np.full(int(ranks.max()) + 1, -1, dtype="int64")
    slots[ranks] = np.arange(len(ranks), dtype="int64")
    order = slots[slots >= 0]
    if len(order) != len(ranks):            # the same rank twice: rows put together by hand
        order = np.argsort(ranks, kind="stable")
    return order if positions is None else positions[order]


def _starts(*columns: np.ndarray) -> np.ndarray:
    """True where a run of equal values (of all the columns together) begins, in sorted arrays."""
    start = np.ones(len(columns[0]), dtype=bool)
    if len(start) > 1:
        changed = np.zeros(len(start) - 1, dtype=bool)
        for values in columns:
            changed |= values[1:] != values[:-1]
        start[1:] = changed
    return start


def _ends(values: np.ndarray) -> np.ndarray:
    """True where a run of equal values ends, in a sorted array."""
    return np.r_[values[1:] != values[:-1], True] if len(values) else np.zeros(0, dtype=bool)


def _latest_positions(rows: pd.DataFrame) -> np.ndarray:
    """Positions (0..n-1) of each person's latest row: highest meeting, then highest row number,
    then the later one in the frame (summary.latest_per_person's rule); ordered by person code."""
    order = _sorted_positions(rows)
    return order[_ends(rows[PERSON].to_numpy()[order])]


def _key_codes(rows: pd.DataFrame, dimension: Dimension) -> tuple[np.ndarray, np.ndarray]:
    """The rows' codes of a dimension's helper column and the values they stand for (object array)."""
    values = rows[KEY_COLUMNS[dimension]].array
    return np.asarray(values.codes), values.categories.to_numpy(dtype=object)


def _latest_counts(rows: pd.DataFrame, dimension: Dimension,
                   latest: np.ndarray | None = None) -> dict[str, int]:
    """{value: people}: how many people have each value in their latest attendance (none with zero)."""
    latest = _latest_positions(rows) if latest is None else latest
    codes, names = _key_codes(rows, dimension)
    counts = np.bincount(codes[latest], minlength=len(names))
    return {names[i]: int(counts[i]) for i in np.flatnonzero(counts)}


def gmina_group(people: pd.DataFrame) -> pd.Series:
    """The gmina a person is counted under (summary and partners): the canonical gmina, 'spoza
    powiatu' for places outside the county, 'brak danych' when not given."""
    in_county = people["in_county"]
    return people["gmina"].where(in_county.eq(True), in_county.map(
        lambda v: OUTSIDE_COUNTY if v is False else MISSING))


def _gmina_keys(gmina: np.ndarray, in_county: np.ndarray) -> np.ndarray:
    """gmina_group, vectorised: the canonical gmina, OUTSIDE_COUNTY, or MISSING."""
    flags = pd.array(in_county, dtype="boolean")     # True / False / NA, whatever the store gave back
    county = flags.fillna(False).to_numpy(dtype=bool)
    outside = (~flags).fillna(False).to_numpy(dtype=bool)
    keys = np.where(county, gmina, np.where(outside, OUTSIDE_COUNTY, MISSING)).astype(object)
    keys[pd.isna(keys)] = MISSING
    return keys


def _filled(values: np.ndarray) -> np.ndarray:
    values = values.astype(object)
    values[pd.isna(values)] = MISSING
    return values


def person_attributes(attendance: pd.DataFrame) -> pd.DataFrame:
    """One row per person: person_key, sector, group, gmina from their latest attendance (and the
    helper code _person). Missing values are MISSING; gmina is OUTSIDE_COUNTY outside the county."""
    rows = prepare_attendance(attendance)
    latest = _latest_positions(rows)
    columns = {
        PERSON: rows[PERSON].to_numpy()[latest],
        "person_key": _texts(rows["person_key"].iloc[latest].to_numpy(dtype=object)),
    }
    for dimension in DIMENSIONS:
        codes, names = _key_codes(rows, dimension)
        columns[dimension] = _texts(names[codes[latest]])
    return pd.DataFrame(columns)


def _texts(values: np.ndarray) -> pd.Series:
    # kept as object: pandas would otherwise convert every column to Arrow strings, which costs more
    # than all the counting done on them afterwards
    return pd.Series(values, dtype=object)


def meeting_schedule(attendance: pd.DataFrame, filters: Filters | None = None) -> pd.DataFrame:
    """[meeting, meeting_date]: the meetings held (within the meeting/date filters), one date each
    (the date most rows give, the earliest of equally common ones; NaT when no row gives one)."""
    rows = prepare_attendance(attendance)
    meetings = rows[MEETING].to_numpy()
    held = np.unique(meetings[meetings > 0])
    days = rows["meeting_date"].to_numpy(dtype="datetime64[D]")
    dated = ~np.isnat(days)
    day_numbers = days[dated].astype("int64")
    first_day = day_numbers.min() if len(day_numbers) else 0
    span = int(day_numbers.max() - first_day + 1) if len(day_numbers) else 1
    pairs, counts = np.unique(meetings[dated] * span + (day_numbers - first_day), return_counts=True)
    pair_meeting, pair_day = pairs // span, pairs % span + first_day
    # per meeting: the most common date, the earliest among equals (lexsort: last key first)
    order = np.lexsort((pair_day, -counts, pair_meeting))
    first = order[np.r_[True, pair_meeting[order][1:] != pair_meeting[order][:-1]]] if len(order) else order
    dates = pd.Series(pair_day[first].astype("datetime64[D]"), index=pair_meeting[first])
    schedule = pd.DataFrame({"meeting": held.astype("int64"),
                             "meeting_date": dates.reindex(held).to_numpy().astype("datetime64[s]")})
    return meetings_within(schedule, filters)


def meetings_within(schedule: pd.DataFrame, filters: Filters | None) -> pd.DataFrame:
    """The meetings of a meeting_schedule within the meeting/date filters: meeting_schedule(rows,
    filters) from meeting_schedule(rows), without reading the rows again."""
    return schedule[_schedule_mask(schedule, filters)].reset_index(drop=True)


def _schedule_mask(schedule: pd.DataFrame, filters: Filters | None) -> pd.Series:
    keep = pd.Series(True, index=schedule.index)
    if filters is None:
        return keep
    if filters.meetings is not None:
        keep &= schedule["meeting"].isin(filters.meetings)
    if filters.date_from is not None:
        keep &= schedule["meeting_date"] >= pd.Timestamp(filters.date_from)
    if filters.date_to is not None:
        keep &= schedule["meeting_date"] <= pd.Timestamp(filters.date_to)
    return keep


def apply_filters(attendance: pd.DataFrame, filters: Filters,
                  schedule: pd.DataFrame | None = None) -> pd.DataFrame:
    """The attendance rows the filters select: meetings (by number and by date) first, then the
    people whose latest sector, group and gmina within those meetings are among the chosen ones.
    `schedule` is meeting_schedule(attendance, filters) when the caller has it already. The result
    carries prepare_attendance's helper columns (and is the frame itself when every row is selected)."""
    rows = prepare_attendance(attendance)
    held = (schedule if schedule is not None else meeting_schedule(rows, filters))["meeting"].to_numpy()
    keep = np.isin(rows[MEETING].to_numpy(), held)
    chosen = {"sector": filters.sectors, "group": filters.groups, "gmina": filters.gminy}
    if any(chosen.values()):
        order = _sorted_positions(rows, keep)
        codes = rows[PERSON].to_numpy()
        latest = order[_ends(codes[order])]
        wanted = np.ones(len(latest), dtype=bool)
        for dimension, values in chosen.items():
            if values:
                key_codes, names = _key_codes(rows, dimension)
                chosen_names = set(values)
                wanted &= np.array([name in chosen_names for name in names], dtype=bool)[key_codes[latest]]
        people = np.zeros(int(codes.max()) + 2 if len(codes) else 1, dtype=bool)
        people[codes[latest[wanted]] + 1] = True     # + 1: a row without a person_key has code -1
        keep &= people[codes + 1]
    return rows if keep.all() else rows[keep]


def filter_options(attendance: pd.DataFrame) -> FilterOptions:
    """Meetings (with dates), date range, and the sectors, groups and gminy present in the data."""
    rows = prepare_attendance(attendance)
    schedule = meeting_schedule(rows)
    latest = _latest_positions(rows)
    dates = schedule["meeting_date"].dropna()
    return FilterOptions(
        meetings=tuple(MeetingOption(int(m), _date_or_none(d))
                       for m, d in zip(schedule["meeting"], schedule["meeting_date"], strict=True)),
        date_min=_date_or_none(dates.min()) if not dates.empty else None,
        date_max=_date_or_none(dates.max()) if not dates.empty else None,
        sectors=tuple(_ordered(list(_latest_counts(rows, "sector", latest)), "sector")),
        groups=tuple(_ordered(list(_latest_counts(rows, "group", latest)), "group")),
        gminy=tuple(_ordered(list(_latest_counts(rows, "gmina", latest)), "gmina")),
    )


def _date_or_none(value: object) -> dt.date | None:
    return None if pd.isna(value) else pd.Timestamp(value).date()


# -- headline ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class AttendanceFigures:
    """The attendance side of the headline, for one set of meetings."""

    meetings: int
    participants: int
    attendances: int
    average_per_meeting: float
    retained: int               # people at >= retention_threshold meetings
    retention_threshold: int    # ceil(meetings / 2)
    retention: float            # retained / participants (0..1)
    gminy_reached: int          # county gminy (of the 16) with at least one participant


@dataclass(frozen=True)
class Headline:
    """The overview's figures and, where it makes sense, their change since the previous meeting:
    the state up to the last meeting against the state up to the one before (None with one meeting)."""

    meetings: int
    participants: int
    attendances: int
    average_per_meeting: float
    retention: float
    retained: int
    retention_threshold: int
    gminy_reached: int
    gminy_total: int
    last_meeting: int | None
    last_meeting_date: dt.date | None
    last_meeting_attendances: int
    new_participants: int | None        # people whose first meeting was the last one
    attendances_change: int | None      # at the last meeting minus at the previous one
    average_change: float | None
    retention_change: float | None      # in share points (0.05 = 5 pp); None under 5 people (share_change)
    gminy_reached_change: int | None
    projects: ProjectFigures


@dataclass(frozen=True)
class _Visits:
    """Who was at which meeting, once each, by person code then meeting; and where each person's
    latest row is (positions into the rows, by person code)."""

    person: np.ndarray
    meeting: np.ndarray
    latest: np.ndarray

    def per_person(self) -> np.ndarray:
        """How many meetings each person came to, by person code."""
        starts = np.flatnonzero(_starts(self.person)) if len(self.person) else np.array([], dtype="int64")
        return np.diff(np.r_[starts, len(self.person)])

    def person_index(self) -> np.ndarray:
        """For each visit, its person's place (0, 1, …) in person-code order."""
        return np.cumsum(_starts(self.person)) - 1 if len(self.person) else np.array([], dtype="int64")


def _visit_arrays(rows: pd.DataFrame, keep: np.ndarray | None = None) -> _Visits:
    """_Visits of prepared rows (those where `keep`, if given): one pass over the rows in RANK order."""
    order = _sorted_positions(rows, keep)
    person = rows[PERSON].to_numpy()[order]
    meeting = rows[MEETING].to_numpy()[order]
    once = _starts(person, meeting) if len(order) else np.zeros(0, dtype=bool)
    return _Visits(person[once], meeting[once], order[_ends(person)])


def _visits(attendance: pd.DataFrame) -> pd.DataFrame:
    """[_person, meeting]: who was at which meeting, once each."""
    visits = _visit_arrays(prepare_attendance(attendance))
    return pd.DataFrame({PERSON: visits.person, "meeting": visits.meeting})


def _counts(values: np.ndarray) -> pd.Series:
    """How often each value occurs (index: the values, ascending)."""
    found, counts = np.unique(values, return_counts=True)
    return pd.Series(counts.astype("int64"), index=found)


def _meeting_numbers(attendance: pd.DataFrame, schedule: pd.DataFrame | None) -> list[int]:
    source = schedule if schedule is not None else meeting_schedule(attendance)
    return sorted(int(m) for m in source["meeting"])


def attendance_figures(attendance: pd.DataFrame, meetings: Sequence[int]) -> AttendanceFigures:
    """Participants, attendances, retention and gminy reached over the given meetings held."""
    rows = prepare_attendance(attendance)
    visits = _visit_arrays(rows, np.isin(rows[MEETING].to_numpy(), np.asarray(list(meetings), dtype="int64")))
    held = len(meetings)
    threshold = math.ceil(held / 2)
    per_person = visits.per_person()
    codes, names = _key_codes(rows, "gmina")
    county = set(canonical_keys("gmina"))
    retained = int((per_person >= threshold).sum()) if held else 0
    return AttendanceFigures(
        meetings=held,
        participants=len(per_person),
        attendances=len(visits.person),
        average_per_meeting=len(visits.person) / held if held else 0.0,
        retained=retained,
        retention_threshold=threshold,
        retention=retained / len(per_person) if len(per_person) else 0.0,
        gminy_reached=sum(1 for code in np.unique(codes[visits.latest]) if names[code] in county),
    )


# A share of fewer people than this moves by 20 points or more with one person: its change is not shown
# (a narrow filter would otherwise announce "+100 pp").
MIN_PEOPLE_FOR_SHARE_CHANGE = 5


def share_change(now: float, now_people: int, before: float, before_people: int) -> float | None:
    """The change of a share (0..1) from `before` to `now`, in share points (0.05 = 5 pp); None when
    either share is of fewer than MIN_PEOPLE_FOR_SHARE_CHANGE people."""
    if min(now_people, before_people) < MIN_PEOPLE_FOR_SHARE_CHANGE:
        return None
    return now - before


def headline(attendance: pd.DataFrame, projects: pd.DataFrame,
             schedule: pd.DataFrame | None = None) -> Headline:
    """The overview's figures (see Headline), over the meetings in `schedule` (default: all in the data)."""
    attendance = prepare_attendance(attendance)
    meetings = _meeting_numbers(attendance, schedule)
    now = attendance_figures(attendance, meetings)
    before = attendance_figures(attendance, meetings[:-1]) if len(meetings) >= 2 else None
    per_meeting = _counts(_visit_arrays(attendance).meeting)
    last = meetings[-1] if meetings else None
    last_count = int(per_meeting.get(last, 0)) if last is not None else 0
    dates = (schedule if schedule is not None else meeting_schedule(attendance)).set_index("meeting")
    return Headline(
        meetings=now.meetings, participants=now.participants, attendances=now.attendances,
        average_per_meeting=now.average_per_meeting, retention=now.retention, retained=now.retained,
        retention_threshold=now.retention_threshold, gminy_reached=now.gminy_reached,
        gminy_total=len(canonical_keys("gmina")),
        last_meeting=last,
        last_meeting_date=_date_or_none(dates["meeting_date"].get(last)) if last is not None else None,
        last_meeting_attendances=last_count,
        new_participants=now.participants - before.participants if before else None,
        attendances_change=last_count - int(per_meeting.get(meetings[-2], 0)) if before else None,
        average_change=now.average_per_meeting - before.average_per_meeting if before else None,
        retention_change=share_change(now.retention, now.participants, before.retention,
                                      before.participants) if before else None,
        gminy_reached_change=now.gminy_reached - before.gminy_reached if before else None,
        projects=project_figures(projects),
    )


# -- participation ---------------------------------------------------------------------------------

def participants_by(attendance: pd.DataFrame, dimension: Dimension) -> pd.DataFrame:
    """[key, participants, share]: distinct people per sector, group or gmina (their latest attendance),
    every canonical value listed (zero included), 'inne'/'spoza powiatu'/'brak danych' last when present."""
    counts = _latest_counts(prepare_attendance(attendance), dimension)
    keys = _ordered([*canonical_keys(dimension), *counts], dimension)
    participants = [counts.get(key, 0) for key in keys]
    total = sum(participants)
    return pd.DataFrame({
        "key": keys,
        "participants": participants,
        "share": [n / total if total else 0.0 for n in participants],
    })


def gmina_order(by: pd.DataFrame) -> pd.DataFrame:
    """participants_by(…, "gmina") as the charts and reports list it: the county's gminy from most
    participants down (then by name), then the extras ('spoza powiatu', 'brak danych')."""
    in_county = by["key"].isin(canonical_keys("gmina"))
    county = by[in_county].sort_values(["participants", "key"], ascending=[False, True], kind="stable")
    return pd.concat([county, by[~in_county]], ignore_index=True)


def participants_by_gmina_map(attendance: pd.DataFrame) -> pd.DataFrame:
    """[teryt, gmina, participants]: each of the 16 gminy PUP Płock serves, zero included."""
    counts = _latest_counts(prepare_attendance(attendance), "gmina")
    gminy = vocabulary().gminy
    return pd.DataFrame({
        "teryt": [g.teryt for g in gminy],
        "gmina": [g.name for g in gminy],
        "participants": [counts.get(g.name, 0) for g in gminy],
    })


def sector_by_gmina(attendance: pd.DataFrame) -> pd.DataFrame:
    """Distinct people per gmina (rows: the 16, then the extras present) and sector (columns)."""
    rows = prepare_attendance(attendance)
    latest = _latest_positions(rows)
    gmina_codes, gminy = _key_codes(rows, "gmina")
    sector_codes, sectors = _key_codes(rows, "sector")
    cells = np.bincount(gmina_codes[latest] * len(sectors) + sector_codes[latest],
                        minlength=len(gminy) * len(sectors)).reshape(len(gminy), len(sectors))
    index = _ordered([*canonical_keys("gmina"), *gminy[cells.sum(axis=1) > 0]], "gmina")
    columns = _ordered([*canonical_keys("sector"), *sectors[cells.sum(axis=0) > 0]], "sector")
    # a value the data does not hold points at the zero row / column added at the end
    at_row = {name: i for i, name in enumerate(gminy)}
    at_column = {name: i for i, name in enumerate(sectors)}
    padded = np.pad(cells, ((0, 1), (0, 1)))
    values = padded[np.ix_([at_row.get(key, len(gminy)) for key in index],
                           [at_column.get(key, len(sectors)) for key in columns])]
    table = pd.DataFrame(values.astype("int64"), index=pd.Index(index), columns=pd.Index(columns))
    table.index.name, table.columns.name = "gmina", "sector"
    return table


def attendance_by_meeting(attendance: pd.DataFrame, stack_by: Literal["sector", "group"] | None = None,
                          schedule: pd.DataFrame | None = None) -> pd.DataFrame:
    """[meeting, meeting_date, key, attendances]: people at each meeting held (zero included), split
    by the sector or group of each person (key None when not split)."""
    rows = prepare_attendance(attendance)
    schedule = schedule if schedule is not None else meeting_schedule(rows)
    visits = _visit_arrays(rows)
    if stack_by is None:
        counts = _counts(visits.meeting)
        frame = schedule.assign(key=None)
        return frame.assign(attendances=frame["meeting"].map(counts).fillna(0).astype("int64"))
    codes, names = _key_codes(rows, stack_by)
    person_keys = codes[visits.latest]
    width = max(len(names), 1)
    pairs = _counts(visits.meeting * width + person_keys[visits.person_index()])
    counts = pd.Series(pairs.to_numpy(), index=pd.MultiIndex.from_arrays(
        [pairs.index.to_numpy() // width, names[pairs.index.to_numpy() % width]], names=["meeting", "key"]))
    keys = _ordered(list(names[np.unique(person_keys)]), stack_by)
    grid = pd.MultiIndex.from_product([schedule["meeting"], keys], names=["meeting", "key"])
    frame = counts.reindex(grid, fill_value=0).rename("attendances").reset_index()
    frame = frame.merge(schedule, on="meeting", how="left")
    return frame[["meeting", "meeting_date", "key", "attendances"]].astype({"attendances": "int64"})


def meetings_table(attendance: pd.DataFrame, schedule: pd.DataFrame | None = None) -> pd.DataFrame:
    """[meeting, meeting_date, attendances, new_participants, returning] for each meeting held."""
    schedule = schedule if schedule is not None else meeting_schedule(attendance)
    visits = _visit_arrays(prepare_attendance(attendance))
    first_meeting = visits.meeting[_starts(visits.person)] if len(visits.person) else visits.meeting
    attendances = _counts(visits.meeting)
    new = _counts(first_meeting)
    frame = schedule.copy()
    frame["attendances"] = frame["meeting"].map(attendances).fillna(0).astype("int64")
    frame["new_participants"] = frame["meeting"].map(new).fillna(0).astype("int64")
    frame["returning"] = frame["attendances"] - frame["new_participants"]
    return frame


def retention_counts(attendance: pd.DataFrame, schedule: pd.DataFrame | None = None) -> pd.DataFrame:
    """[meetings_attended, people]: how many people came to 1, 2, … N of the N meetings held."""
    held = len(_meeting_numbers(attendance, schedule))
    per_person = _counts(_visit_arrays(prepare_attendance(attendance)).per_person())
    attended = list(range(1, max(held, int(per_person.index.max()) if len(per_person) else 0) + 1))
    return pd.DataFrame({
        "meetings_attended": attended,
        "people": [int(per_person.get(n, 0)) for n in attended],
    })


def return_matrix(attendance: pd.DataFrame, schedule: pd.DataFrame | None = None) -> pd.DataFrame:
    """Meeting × meeting: the share (0..1) of the people at meeting i (row) who were also at meeting j
    (column). The diagonal is 1; a row is NaN when nobody came to meeting i."""
    meetings = _meeting_numbers(attendance, schedule)
    visits = _visits(attendance)
    visits = visits[visits["meeting"].isin(meetings)]
    people, person_index = np.unique(visits[PERSON].to_numpy(), return_inverse=True)
    meeting_index = pd.Index(meetings).get_indexer(visits["meeting"])
    present = np.zeros((len(people), len(meetings)))
    present[person_index, meeting_index] = 1.0
    together = present.T @ present
    at_meeting = np.diag(together)
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = np.where(at_meeting[:, None] > 0, together / at_meeting[:, None], np.nan)
    return pd.DataFrame(shares, index=pd.Index(meetings, name="meeting"),
                        columns=pd.Index(meetings, name="also_at"))


def participant_list(attendance: pd.DataFrame) -> pd.DataFrame:
    """[name, institution, gmina, sector, group, meetings, count]: one row per person with the
    meetings they came to ("1, 2, 6"). Personal data: for staff pages only."""
    rows = prepare_attendance(attendance)
    visits = _visit_arrays(rows)
    masks = _meeting_masks(visits)
    # the "1, 2, 6" texts are written once per distinct set of meetings, not once per person
    texts = {mask: ", ".join(str(n) for n in range(mask.bit_length()) if mask >> n & 1)
             for mask in set(masks)}

    def latest(column: str) -> np.ndarray:      # each person's latest row's value (taken, then converted)
        return rows[column].iloc[visits.latest].to_numpy(dtype=object)

    frame = pd.DataFrame({
        "name": _texts(latest("person_name")),
        "institution": _texts(latest("institution")).fillna(""),
        "gmina": _texts(_filled(latest("gmina"))),
        "sector": _texts(_filled(latest("sector"))),
        "group": _texts(_filled(latest("group"))),
        "meetings": _texts(np.array([texts[m] for m in masks], dtype=object)),
        "count": np.array([m.bit_count() for m in masks], dtype="int64"),
    })
    keys = [fold(str(name)) for name in frame["name"]]
    order = sorted(range(len(keys)), key=keys.__getitem__)     # stable: equal names keep their order
    return frame.iloc[order].reset_index(drop=True)


def _meeting_masks(visits: _Visits) -> list[int]:
    """Each person's meetings as a bit mask (bit n: meeting n), in person-code order: with numpy
    while the meeting numbers fit 64 bits, else as Python ints (any number of meetings)."""
    if not len(visits.person):
        return []
    starts = np.flatnonzero(_starts(visits.person))
    if 0 <= visits.meeting.min() and visits.meeting.max() < 64:
        bits = np.left_shift(np.uint64(1), visits.meeting.astype(np.uint64))
        return [int(mask) for mask in np.bitwise_or.reduceat(bits, starts)]
    masks = [0] * len(starts)
    for person, meeting in zip(np.cumsum(_starts(visits.person)) - 1, visits.meeting.tolist(), strict=True):
        masks[person] |= 1 << meeting
    return masks
