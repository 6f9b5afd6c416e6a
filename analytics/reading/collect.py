"""Shared steps of turning a located table into records: raw frames, per-value mapping, problems, warnings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analytics.catalogue import t, tn
from analytics.reading.normalise import cell_text
from analytics.reading.tables import TableLayout
from analytics.results import Notice, Problem
from analytics.vocabulary import Match, fold

MAX_ROWS_LISTED = 5


def map_unique(series: pd.Series, func: Callable[[Any], Any]) -> pd.Series:
    """Apply `func` once per distinct value: sheets repeat the same few values thousands of times."""
    codes, uniques = pd.factorize(series.to_numpy(dtype=object), use_na_sentinel=True)
    mapped = np.empty(len(uniques) + 1, dtype=object)
    mapped[:-1] = [func(value) for value in uniques]
    mapped[-1] = func(None)          # code -1: a missing value
    return pd.Series(mapped[codes], index=series.index, dtype=object)


def raw_frame(layout: TableLayout) -> pd.DataFrame:
    """The data rows of a table: kept columns only (canonical names, 'm<col>' for meeting columns),
    plus `row` (the number the user sees) and `sheet`. Unneeded columns never get here."""
    rows = layout.sheet.rows[layout.data_start:]
    numbers = layout.sheet.row_numbers[layout.data_start:]
    wanted = dict(layout.columns)
    wanted.update({f"m{m.index}": m.index for m in layout.meeting_columns})
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in ["row", "sheet", *wanted, "_first"]})
    frame = pd.DataFrame(rows, dtype=object)
    data = {name: frame[col] if col in frame.columns else pd.Series([""] * len(frame), dtype=object)
            for name, col in wanted.items()}
    result = pd.DataFrame(data, dtype=object)
    result = result.fillna("")
    result.insert(0, "row", np.asarray(numbers, dtype=np.int64))
    result.insert(1, "sheet", layout.sheet.name)
    # The first filled cell of the whole row, kept columns or not: where 'Razem' usually stands.
    result["_first"] = [next((c for c in r if c not in ("", None)), "") for r in rows]
    return result


def is_blank(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    """Rows where every given column is empty (pre-numbered template rows, spacer rows)."""
    blank = pd.Series(True, index=frame.index)
    for column in columns:
        blank &= map_unique(frame[column], lambda v: cell_text(v) is None).astype(bool)
    return blank


def is_totals(frame: pd.DataFrame, columns: list[str], totals_words: list[str]) -> pd.Series:
    """Rows where a given column (the row's first filled cell, the name) reads 'Razem', 'Suma',
    'Ogółem'…: a totals row, not data. Only text cells can be one, each distinct text folded once."""
    def totals_word(text: str) -> bool:
        folded = fold(text)
        return any(folded.startswith(w) for w in totals_words)

    totals = pd.Series(False, index=frame.index)
    for column in columns:
        values = frame[column].to_numpy(dtype=object)
        texts = {v for v in pd.unique(values) if isinstance(v, str)}
        hits = {v for v in texts if totals_word(v)}
        if hits:
            totals |= frame[column].isin(hits).to_numpy()
    return totals


def rows_label(rows: RowsSeen) -> str:
    shown = ", ".join(str(r) for r in rows.first)
    more = rows.total - len(rows.first)
    return tn("count_rows", rows.total, rows=shown + (f" … (+{more})" if more > 0 else ""))


@dataclass
class Findings:
    """Problems and warnings gathered across every step, reported together at the end."""

    problems: list[dict[str, Any]] = field(default_factory=list)   # row, sheet, column, value, reason, record
    notices: list[Notice] = field(default_factory=list)

    def reject(self, row: int, sheet: str | None, column: str | None, value: Any, reason: str,
               record: int | None = None) -> None:
        self.problems.append({"row": int(row), "sheet": sheet, "column": column,
                              "value": None if value is None else (cell_text(value) or str(value)),
                              "reason": reason, "record": record})

    def warn(self, row: int | None, column: str | None, message: str) -> None:
        self.notices.append(Notice(None if row is None else int(row), column, message))


def vocabulary_column(
    values: pd.Series,
    rows: pd.Series,
    match: Callable[[str], Match],
    header: str | None,
    column_name: str,
    findings: Findings,
) -> tuple[pd.Series, pd.Series]:
    """(canonical, other) for a vocabulary column; synonyms and unknown values each warned once."""
    texts = map_unique(values, cell_text)
    canonical: dict[Any, Any] = {}
    other: dict[Any, Any] = {}
    first_rows = first_rows_by_value(texts, rows)
    for text in first_rows:
        result = match(text)
        if result.canonical is None:
            canonical[text], other[text] = "inne", text
            findings.warn(first_rows[text].first[0], header, t("warn_vocab_unknown", column_name=column_name,
                                                         value=text, count=rows_label(first_rows[text])))
        else:
            canonical[text], other[text] = result.canonical, None
            if result.corrected:
                findings.warn(first_rows[text].first[0], header,
                              t("warn_vocab_corrected", column_name=column_name, value=text,
                                canonical=result.canonical, count=rows_label(first_rows[text])))
    return (map_unique(texts, lambda v: canonical.get(v)), map_unique(texts, lambda v: other.get(v)))


@dataclass
class RowsSeen:
    """Where a value occurs: its first few rows and how many rows in all."""

    first: list[int] = field(default_factory=list)
    total: int = 0


def first_rows_by_value(texts: pd.Series, rows: pd.Series) -> dict[Any, RowsSeen]:
    found: dict[Any, RowsSeen] = defaultdict(RowsSeen)
    pairs = pd.DataFrame({"text": texts.to_numpy(dtype=object), "row": rows.to_numpy()})
    pairs = pairs[texts.notna().to_numpy()].drop_duplicates()
    grouped = pairs.groupby("text", sort=False)
    for text, total in grouped.size().items():
        found[text].total = int(total)
    for text, row in grouped.head(MAX_ROWS_LISTED).itertuples(index=False):
        found[text].first.append(int(row))
    return found


def row_keys(frame: pd.DataFrame, sheets: list[str | None]) -> np.ndarray:
    """One integer per (sheet, row), so rows of several sheets can be told apart quickly."""
    codes = {name: i for i, name in enumerate(sheets)}
    sheet_codes = frame["sheet"].map(codes).fillna(0).to_numpy(dtype=np.int64)
    return sheet_codes * (1 << 32) + frame["row"].to_numpy(dtype=np.int64)


def problem_key(problem: dict[str, Any], sheets: list[str | None]) -> int:
    return sheets.index(problem["sheet"]) * (1 << 32) + problem["row"] if problem["sheet"] in sheets \
        else problem["row"]


def to_problems(findings: Findings, several_sheets: bool) -> list[Problem]:
    problems = []
    for p in sorted(findings.problems, key=lambda p: (str(p["sheet"]), p["row"])):
        reason = p["reason"]
        if several_sheets and p["sheet"]:
            reason = t("reject_sheet_prefix", sheet=p["sheet"], reason=reason)
        problems.append(Problem(p["row"], p["column"], p["value"], reason))
    return problems
