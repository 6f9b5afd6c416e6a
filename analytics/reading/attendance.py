"""Attendance lists, long or wide, into one row per person per meeting with canonical values."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import numpy as np
import pandas as pd

from analytics.catalogue import t, tn
from analytics.formatting import roman
from analytics.reading.collect import (
    Findings,
    codes_of,
    first_cells,
    first_rows_by_value,
    fold_once,
    is_blank,
    is_totals,
    map_unique,
    raw_frame,
    rows_label,
    spread,
    vocabulary_column,
)
from analytics.reading.normalise import (
    IMPOSSIBLE_DATE,
    cell_text,
    meeting_in_text,
    parse_date,
    parse_meeting_label,
    person_key_of_folded,
    surname_last,
)
from analytics.reading.tables import TableLayout, match_header
from analytics.results import ATTENDANCE_COLUMNS, UnreadableFile
from analytics.vocabulary import Vocabulary, fold

MAX_NAME_VARIANT_WARNINGS = 20
NAME_COLUMNS = ["full_name", "last_name", "first_name"]
PERSON_COLUMNS = ["participant_id", "full_name", "first_name", "last_name", "institution", "gmina",
                  "sector", "group"]


def attendance_records(layouts: list[TableLayout], vocab: Vocabulary, findings: Findings
                       ) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """(records with canonical values, raw rows read, number of rows read) for every attendance sheet."""
    records, raws = [], []
    for layout in layouts:
        raw = raw_frame(layout)
        raw = _drop_blank_and_totals(raw, layout, vocab, findings)
        raws.append(raw)
        sheet_records = (_long_records(raw, layout, findings) if layout.meeting_columns
                         else _records_from_long_sheet(raw, layout, findings))
        sheet_records["surname_first"] = _says_surname_first(layout, vocab)
        records.append(sheet_records)
    raw_all = pd.concat(raws, ignore_index=True) if raws else pd.DataFrame()
    frame = pd.concat(records, ignore_index=True) if records else pd.DataFrame()
    frame = _number_meetings(frame, findings)
    frame = _normalise_people(frame, layouts, vocab, findings)
    return frame, raw_all, len(raw_all)


def _says_surname_first(layout: TableLayout, vocab: Vocabulary) -> bool:
    """Whether the sheet's name column is headed surname first ("Nazwisko i imię")."""
    if "full_name" not in layout.columns:
        return False
    return match_header(layout.headers[layout.columns["full_name"]], vocab.name_orders) == "surname_first"


def _drop_blank_and_totals(raw: pd.DataFrame, layout: TableLayout, vocab: Vocabulary,
                           findings: Findings) -> pd.DataFrame:
    person_cols = [c for c in PERSON_COLUMNS if c in raw.columns]
    meeting_cols = [f"m{m.index}" for m in layout.meeting_columns]
    name_cols = [c for c in NAME_COLUMNS if c in raw.columns]
    totals = is_totals(raw, ["_first", *name_cols], vocab.totals_words)
    blank = is_blank(raw, person_cols + meeting_cols + [c for c in ("meeting", "date") if c in raw.columns])
    blank &= ~totals
    shown = raw.loc[totals, ["row", "_first", *name_cols]].astype(object)
    shown["_first"] = first_cells(layout, np.flatnonzero(totals.to_numpy()))
    for row, value in zip(shown["row"], _first_text(shown, ["_first", *name_cols]), strict=False):
        findings.warn(int(row), None, t("warn_totals_row", value=value))
    return raw.loc[~blank & ~totals].drop(columns="_first").reset_index(drop=True)


def _first_text(raw: pd.DataFrame, columns: list[str]) -> list[str]:
    texts = []
    for _, row in raw.iterrows():
        texts.append(next((cell_text(row[c]) for c in columns if cell_text(row[c])), ""))
    return texts


def _records_from_long_sheet(raw: pd.DataFrame, layout: TableLayout, findings: Findings) -> pd.DataFrame:
    """Long shape: a meeting and/or a date on every row (or one meeting for the whole sheet). Each
    distinct cell is parsed once; the rows take its result by their codes."""
    frame = raw.copy()
    rows = raw["row"].to_numpy()
    if "meeting" in raw.columns:
        codes, uniques = codes_of(raw["meeting"])
        parsed = [parse_meeting_label(v) for v in uniques]
        missing = parse_meeting_label(None)
        frame["meeting_no"] = spread(codes, [p[0] for p in parsed], missing[0], raw.index)
        frame["meeting_label_date"] = spread(codes, [p[1] for p in parsed], missing[1], raw.index)
        bad = np.array([p == (None, None) and cell_text(v) is not None
                        for p, v in zip(parsed, uniques, strict=True)] + [False], dtype=bool)
        header = layout.headers[layout.columns["meeting"]]
        for index in np.flatnonzero(bad[codes]).tolist():
            value = uniques[codes[index]]
            findings.reject(rows[index], layout.sheet.name, header, value,
                            t("reject_bad_meeting", value=cell_text(value)), record=None)
    else:
        frame["meeting_no"] = None
        frame["meeting_label_date"] = None
    if "date" in raw.columns:
        codes, uniques = codes_of(raw["date"])
        parsed = [parse_date(v) for v in uniques]
        missing = parse_date(None)
        dates = spread(codes, [p[0] for p in parsed], missing[0], raw.index)
        errors = np.array([p[1] for p in parsed] + [missing[1]], dtype=object)[codes]
        header = layout.headers[layout.columns["date"]]
        for index in np.flatnonzero(pd.notna(errors)).tolist():
            value = uniques[codes[index]]
            key = "reject_impossible_date" if errors[index] == IMPOSSIBLE_DATE else "reject_bad_date"
            findings.reject(rows[index], layout.sheet.name, header, value, t(key, value=cell_text(value)))
        frame["meeting_date"] = dates.where(dates.notna(), frame["meeting_label_date"])
    else:
        frame["meeting_date"] = frame["meeting_label_date"]
    if "meeting" not in raw.columns and "date" not in raw.columns:
        number, date = _meeting_of_whole_sheet(layout, findings)
        frame["meeting_no"] = number
        frame["meeting_date"] = date
    return frame.drop(columns=["meeting", "date", "meeting_label_date"], errors="ignore")


def _meeting_of_whole_sheet(layout: TableLayout, findings: Findings) -> tuple[int | None, dt.date | None]:
    """A sheet per meeting: the meeting is named in the sheet's name or in the title above the table."""
    for where, text in (("where_sheet_name", layout.sheet.name or ""), ("where_title", layout.title_text)):
        number, date = meeting_in_text(text)
        if number is None:
            number = parse_meeting_label(text)[0] if len(text) < 20 else None
        if number is not None or date is not None:
            meeting = roman(number) if number else date.strftime("%d.%m.%Y")
            findings.warn(layout.header_row, None, t("warn_meeting_from_title", meeting=meeting,
                                                     where=t(where), text=text))
            return number, date
    raise UnreadableFile(t("error_no_meeting", sheet=layout.sheet.name or "CSV"))


def _long_records(raw: pd.DataFrame, layout: TableLayout, findings: Findings) -> pd.DataFrame:
    """Wide shape (the sign-in matrix): one record per marked meeting cell."""
    vocab_marks = _marks(layout)
    person_cols = [c for c in raw.columns if not c.startswith("m") or c == "meeting"]
    pieces = []
    any_mark = pd.Series(False, index=raw.index)
    unknown: dict[str, list[int]] = defaultdict(list)
    for column in layout.meeting_columns:
        cells = raw[f"m{column.index}"]
        state = map_unique(cells, vocab_marks)
        present = (state != "absent").to_numpy()
        for value, row in zip(cells[state == "unknown"], raw.loc[state == "unknown", "row"], strict=False):
            unknown[cell_text(value)].append(int(row))
        any_mark |= present
        piece = raw.loc[present, person_cols].copy()
        piece["meeting_no"] = column.number
        piece["meeting_date"] = column.date
        piece["meeting_header"] = column.header
        piece["meeting_col"] = column.index
        pieces.append(piece)
    for value, rows in unknown.items():
        findings.warn(rows[0], None, t("warn_unknown_mark", value=value,
                                       count=rows_label(_seen(rows))))
    for row in raw.loc[~any_mark, "row"]:
        findings.reject(row, layout.sheet.name, None, None, t("reject_no_marks"))
    frame = pd.concat(pieces, ignore_index=True) if pieces else raw.iloc[0:0][person_cols]
    numbered = [c.number for c in layout.meeting_columns]
    dated = [c.date for c in layout.meeting_columns]
    if all(n is not None for n in numbered):
        return frame
    if all(d is not None for d in dated):
        order = {d: i + 1 for i, d in enumerate(sorted(set(dated)))}
        frame["meeting_no"] = frame["meeting_date"].map(order)
        findings.warn(layout.header_row, None, t("warn_meetings_by_date", numbering=_numbering(order)))
        return frame
    position = {c.index: i + 1 for i, c in enumerate(layout.meeting_columns)}
    frame["meeting_no"] = frame["meeting_col"].map(position)
    findings.warn(layout.header_row, None, t("warn_meetings_by_position"))
    return frame


def _seen(rows: list[int]):
    from analytics.reading.collect import RowsSeen
    return RowsSeen(rows[:5], len(rows))


def _marks(layout: TableLayout):
    from analytics.vocabulary import vocabulary

    vocab = vocabulary()

    def state(value: object) -> str:
        text = cell_text(value)
        if text is None:
            return "absent"
        folded = fold(text) or text.strip().lower()
        if folded in vocab.absent_marks:
            return "absent"
        if folded in vocab.present_marks:
            return "present"
        return "unknown"

    return state


def _numbering(order: dict[dt.date, int]) -> str:
    in_order = sorted(order.items(), key=lambda x: x[1])
    return ", ".join(f"{roman(n)} = {d.strftime('%d.%m.%Y')}" for d, n in in_order)


def _number_meetings(frame: pd.DataFrame, findings: Findings) -> pd.DataFrame:
    """Long sheets: rows with only a date get the number other rows give that date, or date order."""
    if frame.empty:
        return frame
    has_no = frame["meeting_no"].notna()
    has_date = frame["meeting_date"].notna()
    if not has_no.any() and has_date.any():
        order = {d: i + 1 for i, d in enumerate(sorted(set(frame.loc[has_date, "meeting_date"])))}
        frame["meeting_no"] = frame["meeting_date"].map(order)
        findings.warn(None, None, t("warn_meetings_by_date", numbering=_numbering(order)))
    elif (~has_no & has_date).any():
        known = (frame.loc[has_no & has_date].groupby("meeting_date")["meeting_no"].first().to_dict())
        fill = frame.loc[~has_no & has_date, "meeting_date"].map(known)
        frame.loc[fill.index, "meeting_no"] = fill
        for index in fill.index[fill.isna()]:
            date = frame.at[index, "meeting_date"]
            day = date.strftime("%d.%m.%Y")
            findings.reject(frame.at[index, "row"], frame.at[index, "sheet"], None, day,
                            t("reject_meeting_of_date", value=day))
    # One meeting, several dates: worth a warning, not a rejection.
    dated = frame.loc[frame["meeting_no"].notna() & frame["meeting_date"].notna()]
    if not dated.empty:
        for number, dates in dated.groupby("meeting_no")["meeting_date"].unique().items():
            if len(dates) > 1:
                findings.warn(None, None, t("warn_meeting_dates_differ", meeting=roman(number),
                                            dates=", ".join(sorted(d.strftime("%d.%m.%Y") for d in dates))))
    return frame


def _normalise_people(frame: pd.DataFrame, layouts: list[TableLayout], vocab: Vocabulary,
                      findings: Findings) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame(columns=ATTENDANCE_COLUMNS)
    headers = _header_names(layouts)
    out = pd.DataFrame({"row": frame["row"].astype("int64"), "sheet": frame["sheet"]})
    out["person_name"] = _names(frame)
    # Names as written until the end (rejections and warnings quote the sheet); finish_attendance
    # turns those read from a surname-first column first name first.
    written_whole = (map_unique(frame["full_name"], cell_text).notna() if "full_name" in frame
                     else pd.Series(False, index=frame.index))
    out["surname_first"] = frame["surname_first"].astype(bool) & written_whole.astype(bool)
    ids = map_unique(frame["participant_id"], cell_text) if "participant_id" in frame else None
    keys = map_unique(out["person_name"], lambda n: person_key_of_folded(fold_once(n)) if n else None)
    if ids is not None:
        keys = ids.map(lambda v: f"id:{fold(v)}" if v else None).where(ids.notna(), keys)
    out["person_key"] = keys
    out["institution"] = map_unique(frame["institution"], cell_text) if "institution" in frame else None
    _gmina_columns(frame, out, vocab, headers.get("gmina"), findings)
    for column, match, label in (("sector", vocab.match_sector, "column_sector"),
                                 ("group", vocab.match_group, "column_group")):
        if column in frame:
            out[column], out[f"{column}_other"] = vocabulary_column(
                frame[column], frame["row"], match, headers.get(column), t(label), findings)
        else:
            out[column], out[f"{column}_other"] = None, None
    out["meeting"] = pd.array(frame["meeting_no"], dtype="Int64")
    out["meeting_date"] = pd.to_datetime(frame["meeting_date"], errors="coerce")
    out["record"] = np.arange(len(out))
    _warn_name_variants(out, findings)
    return out


def _header_names(layouts: list[TableLayout]) -> dict[str, str]:
    names: dict[str, str] = {}
    for layout in layouts:
        for column, index in layout.columns.items():
            names.setdefault(column, layout.headers[index])
    return names


def _names(frame: pd.DataFrame) -> pd.Series:
    if "full_name" in frame:
        names = map_unique(frame["full_name"], cell_text)
        if "first_name" not in frame and "last_name" not in frame:
            return names
    else:
        names = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    first = map_unique(frame["first_name"], cell_text) if "first_name" in frame else None
    last = map_unique(frame["last_name"], cell_text) if "last_name" in frame else None
    parts = [p for p in (first, last) if p is not None]
    joined = parts[0].fillna("") if parts else pd.Series("", index=frame.index)
    for part in parts[1:]:
        joined = joined + " " + part.fillna("")
    joined = joined.str.strip().replace("", None)
    return names.where(names.notna(), joined)


def _gmina_columns(frame: pd.DataFrame, out: pd.DataFrame, vocab: Vocabulary, header: str | None,
                   findings: Findings) -> None:
    if "gmina" not in frame:
        out["gmina"], out["teryt"], out["in_county"] = None, None, None
        return
    texts = map_unique(frame["gmina"], cell_text)
    seen = first_rows_by_value(texts, frame["row"])
    canonical, teryt, in_county = {}, {}, {}
    for text, rows in seen.items():
        match = vocab.match_gmina(text)
        if match.canonical is None:
            canonical[text], teryt[text], in_county[text] = text, None, False
            findings.warn(rows.first[0], header, t("warn_gmina_outside", value=text, count=rows_label(rows)))
        else:
            canonical[text], in_county[text] = match.canonical, True
            teryt[text] = vocab.teryt_of(match.canonical)
            if match.corrected:
                findings.warn(rows.first[0], header, t("warn_gmina_corrected", value=text,
                                                       canonical=match.canonical, count=rows_label(rows)))
    out["gmina"] = map_unique(texts, lambda v: canonical.get(v))
    out["teryt"] = map_unique(texts, lambda v: teryt.get(v))
    out["in_county"] = map_unique(texts, lambda v: in_county.get(v))


def _warn_name_variants(out: pd.DataFrame, findings: Findings) -> None:
    """Tell the user when one person is written in several ways (we count them once)."""
    key_codes, _ = pd.factorize(out["person_key"].to_numpy(dtype=object), use_na_sentinel=True)
    name_codes, _ = pd.factorize(out["person_name"].to_numpy(dtype=object), use_na_sentinel=True)
    named = np.flatnonzero((key_codes >= 0) & (name_codes >= 0))
    if not len(named):
        return
    pair = key_codes[named].astype(np.int64) * (int(name_codes.max()) + 1) + name_codes[named]
    _, first = np.unique(pair, return_index=True)
    variants = named[np.sort(first)]              # each (person, spelling) where first written
    variant_keys = key_codes[variants]
    several = np.bincount(variant_keys)[variant_keys] > 1
    if not several.any():
        return
    chosen, chosen_keys = variants[several], variant_keys[several]
    keys = pd.unique(chosen_keys)                 # in order of first appearance
    names, rows = out["person_name"].to_numpy(dtype=object), out["row"].to_numpy()
    for key in keys[:MAX_NAME_VARIANT_WARNINGS]:
        group = chosen[chosen_keys == key]
        spellings = ", ".join(f"„{names[i]}”" for i in group)
        findings.warn(int(rows[group[0]]), None, t("warn_same_person_spellings", spellings=spellings))
    if len(keys) > MAX_NAME_VARIANT_WARNINGS:
        findings.warn(None, None, tn("warn_more_name_variants", len(keys) - MAX_NAME_VARIANT_WARNINGS))


def finish_attendance(records: pd.DataFrame) -> pd.DataFrame:
    """The accepted records in the published column order, the names read from a column headed surname
    first ("Nazwisko i imię": "Krawczyk Agnieszka") kept first name first ("Agnieszka Krawczyk")."""
    finished = records[ATTENDANCE_COLUMNS].reset_index(drop=True)
    if "surname_first" in records:
        turned = records["surname_first"].to_numpy(dtype=bool)
        if turned.any():
            finished.loc[turned, "person_name"] = map_unique(
                finished.loc[turned, "person_name"], lambda name: surname_last(name) if name else name)
    return finished
