"""The projects register into one row per project with canonical status, dates, amounts and gminy."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analytics.catalogue import t
from analytics.reading.collect import (
    Findings,
    first_cells,
    first_rows_by_value,
    is_blank,
    is_totals,
    map_unique,
    raw_frame,
    rows_label,
    vocabulary_column,
)
from analytics.reading.normalise import IMPOSSIBLE_DATE, cell_text, parse_date, parse_number
from analytics.reading.tables import TableLayout
from analytics.results import PROJECT_COLUMNS
from analytics.vocabulary import Vocabulary, fold

DATE_COLUMNS = ("start_date", "end_date", "last_update")
AMOUNT_COLUMNS = ("budget",)
COUNT_COLUMNS = ("participants_planned", "participants_reached", "jobs_planned", "jobs_created",
                 "enterprises_created")
TEXT_COLUMNS = ("title", "leader", "notes", "partners")


def project_records(layouts: list[TableLayout], vocab: Vocabulary, findings: Findings
                    ) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """(projects with canonical values, raw rows read, rows read) for every projects sheet."""
    raws, records = [], []
    for layout in layouts:
        raw = raw_frame(layout)
        kept = list(layout.columns)
        totals = is_totals(raw, ["_first", "title"], vocab.totals_words)
        blank = is_blank(raw, kept) & ~totals
        first = first_cells(layout, np.flatnonzero(totals.to_numpy()))
        for row, value in zip(raw.loc[totals, "row"], first, strict=True):
            findings.warn(int(row), None, t("warn_totals_row_project", value=cell_text(value)))
        raw = raw.loc[~blank & ~totals].drop(columns="_first").reset_index(drop=True)
        raws.append(raw)
        records.append(_normalise(raw, layout, vocab, findings))
    raw_all = pd.concat(raws, ignore_index=True) if raws else pd.DataFrame()
    frame = pd.concat(records, ignore_index=True) if records else pd.DataFrame(columns=PROJECT_COLUMNS)
    frame["record"] = np.arange(len(frame))
    return frame, raw_all, len(raw_all)


def _normalise(raw: pd.DataFrame, layout: TableLayout, vocab: Vocabulary, findings: Findings) -> pd.DataFrame:
    header = {column: layout.headers[index] for column, index in layout.columns.items()}
    sheet = layout.sheet.name
    out = pd.DataFrame({"row": raw["row"].astype("int64"), "sheet": sheet})
    for column in TEXT_COLUMNS:
        out[column] = map_unique(raw[column], cell_text) if column in raw else None
    out["title_key"] = out["title"].map(lambda v: fold(v) if v else None)
    if "status" in raw:
        out["status"], out["status_other"] = vocabulary_column(raw["status"], raw["row"], vocab.match_status,
                                                               header["status"], t("column_status"), findings)
    else:
        out["status"], out["status_other"] = None, None
    for column in DATE_COLUMNS:
        out[column] = _dates(raw, column, header, sheet, findings)
    for column in AMOUNT_COLUMNS + COUNT_COLUMNS:
        out[column] = _numbers(raw, column, header, sheet, findings, whole=column in COUNT_COLUMNS)
    out["gminy"] = _gminy(raw, header, vocab, findings)
    _check_date_order(out, header, findings)
    return out


def _dates(raw: pd.DataFrame, column: str, header: dict[str, str], sheet: str | None,
           findings: Findings) -> pd.Series:
    if column not in raw:
        return pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]")
    parsed = map_unique(raw[column], parse_date)
    for index in np.flatnonzero(parsed.map(lambda p: p[1] is not None).to_numpy()):
        value = raw.at[index, column]
        key = "reject_impossible_date" if parsed.iat[index][1] == IMPOSSIBLE_DATE else "reject_bad_date"
        findings.reject(raw.at[index, "row"], sheet, header[column], value, t(key, value=cell_text(value)))
    return pd.to_datetime(parsed.map(lambda p: p[0]), errors="coerce")


def _numbers(raw: pd.DataFrame, column: str, header: dict[str, str], sheet: str | None,
             findings: Findings, whole: bool) -> pd.Series:
    if column not in raw:
        return pd.Series(pd.NA, index=raw.index, dtype="Int64" if whole else "Float64")
    parsed = map_unique(raw[column], parse_number)
    values = pd.Series([p[0] for p in parsed], index=raw.index, dtype="Float64")
    for index in np.flatnonzero(~parsed.map(lambda p: p[1]).astype(bool).to_numpy()):
        value = raw.at[index, column]
        findings.reject(raw.at[index, "row"], sheet, header[column], value,
                        t("reject_not_a_number", value=cell_text(value)))
    for index in np.flatnonzero((values.fillna(0) < 0).to_numpy(dtype=bool)):
        value = raw.at[index, column]
        findings.reject(raw.at[index, "row"], sheet, header[column], value,
                        t("reject_negative", value=cell_text(value)))
    if whole:
        return values.round().astype("Int64")
    return values


def _gminy(raw: pd.DataFrame, header: dict[str, str], vocab: Vocabulary, findings: Findings) -> pd.Series:
    """'Słupno; m. Płock, Gąbin' into canonical names joined with '; '; places outside kept as written."""
    if "gminy" not in raw:
        return pd.Series([None] * len(raw), index=raw.index, dtype=object)
    texts = map_unique(raw["gminy"], cell_text)
    seen_parts: dict[str, list[int]] = {}

    def canonical_list(text: str | None) -> str | None:
        if not text:
            return None
        names = []
        for part in re.split(r"[;,/\n]|\s+i\s+", text):
            part = part.strip()
            if not part:
                continue
            match = vocab.match_gmina(part)
            names.append(match.canonical or part)
            seen_parts.setdefault(part, [])
        return "; ".join(dict.fromkeys(names))

    result = map_unique(texts, canonical_list)
    rows_by_text = first_rows_by_value(texts, raw["row"])
    for part in seen_parts:
        rows = next(r for text, r in rows_by_text.items() if part in text)
        match = vocab.match_gmina(part)
        if match.canonical is None:
            findings.warn(rows.first[0], header["gminy"],
                          t("warn_gmina_outside", value=part, count=rows_label(rows)))
        elif match.corrected:
            findings.warn(rows.first[0], header["gminy"],
                          t("warn_gmina_corrected", value=part, canonical=match.canonical,
                            count=rows_label(rows)))
    return result


def _check_date_order(out: pd.DataFrame, header: dict[str, str], findings: Findings) -> None:
    wrong = out["start_date"].notna() & out["end_date"].notna() & (out["end_date"] < out["start_date"])
    for index in np.flatnonzero(wrong.to_numpy()):
        start, end = out["start_date"].iat[index], out["end_date"].iat[index]
        findings.reject(out["row"].iat[index], out["sheet"].iat[index], header.get("end_date"),
                        end.strftime("%d.%m.%Y"),
                        t("reject_end_before_start", start=start.strftime("%d.%m.%Y"),
                          end=end.strftime("%d.%m.%Y")))


def finish_projects(records: pd.DataFrame) -> pd.DataFrame:
    return records[PROJECT_COLUMNS].reset_index(drop=True)


