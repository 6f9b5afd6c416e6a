"""Shared steps of turning a located table into records: raw frames, per-value mapping, problems, warnings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analytics.catalogue import t, tn
from analytics.reading.normalise import cell_text
from analytics.reading.sheet_body import coded_column, first_filled
from analytics.reading.tables import TableLayout
from analytics.results import Notice, Problem
from analytics.vocabulary import Match, fold

MAX_ROWS_LISTED = 5


def codes_of(series: pd.Series) -> tuple[np.ndarray, list[Any]]:
    """(codes, distinct values) of a column; code -1 is a missing value. A coded (Categorical) column
    has them already; another is factorized."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy(), list(series.cat.categories)
    codes, uniques = pd.factorize(series.to_numpy(dtype=object), use_na_sentinel=True)
    return codes, list(uniques)


def spread(codes: np.ndarray, per_value: list[Any], missing: Any, index: pd.Index) -> pd.Series:
    """`per_value[code]` for every row (`missing` for code -1), as an object column."""
    mapped = np.empty(len(per_value) + 1, dtype=object)
    mapped[:-1] = per_value
    mapped[-1] = missing
    return pd.Series(mapped[codes], index=index, dtype=object)


def map_unique(series: pd.Series, func: Callable[[Any], Any]) -> pd.Series:
    """Apply `func` once per distinct value: sheets repeat the same few values thousands of times."""
    if func is cell_text:
        codes, texts = distinct_texts(series)
        return spread(codes, texts, None, series.index)
    codes, uniques = codes_of(series)
    return spread(codes, [func(value) for value in uniques], func(None), series.index)


# cell_text of each distinct cell of a coded column, worked out once per check (forget_texts() at its end):
# the blank-row test and the normalising steps read the same columns
_texts_memo: dict[int, tuple[pd.Index, list[str | None]]] = {}


def distinct_texts(series: pd.Series) -> tuple[np.ndarray, list[str | None]]:
    """(codes, cell_text of each distinct value) of a column; code -1 is a missing value."""
    codes, uniques = codes_of(series)
    if not isinstance(series.dtype, pd.CategoricalDtype):
        return codes, [cell_text(value) for value in uniques]
    categories = series.cat.categories
    memo = _texts_memo.get(id(categories))
    if memo is None or memo[0] is not categories:
        memo = _texts_memo[id(categories)] = (categories, [cell_text(value) for value in uniques])
    return codes, memo[1]


# fold of each distinct text, once per check: the totals test and the person keys fold the same names
_folds_memo: dict[str, str] = {}


def fold_once(text: str) -> str:
    folded = _folds_memo.get(text)
    if folded is None:
        folded = _folds_memo[text] = fold(text)
    return folded


def forget_texts() -> None:
    _texts_memo.clear()
    _folds_memo.clear()


def raw_frame(layout: TableLayout) -> pd.DataFrame:
    """The data rows of a table: kept columns only (canonical names, 'm<col>' for meeting columns), each
    coded (a Categorical of its distinct cells, "" for an empty one), plus `row` (the number the user
    sees), `sheet`, and `_first`: the row's first filled cell as read (text), where 'Razem' stands."""
    body = layout.sheet.body
    table, numbers = body.rows_from(layout.data_start)
    wanted = dict(layout.columns)
    wanted.update({f"m{m.index}": m.index for m in layout.meeting_columns})
    if table.num_rows == 0:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in ["row", "sheet", *wanted, "_first"]})
    n = table.num_rows
    empty = pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories=pd.Index([""], dtype=object))
    coded: dict[int, Any] = {}
    data = {}
    for name, col in wanted.items():
        if str(col) not in table.column_names:
            data[name] = empty
            continue
        if col not in coded:
            coded[col] = coded_column(table.column(str(col)), body.file_format)
        data[name] = coded[col]
    result = pd.DataFrame(data)
    result.insert(0, "row", np.asarray(numbers, dtype=np.int64))
    result.insert(1, "sheet", layout.sheet.name)
    # Only a first cell that is text not starting with a digit can say 'Razem': the others (row
    # numbers, mostly) are left "" here, and read again for a totals row only (first_cells).
    first = first_filled(table)
    candidate = pc.invert(pc.match_substring_regex(first, r"^\s*[0-9]"))
    result["_first"] = coded_column(pc.if_else(candidate, first, ""), "csv")
    return result


def first_cells(layout: TableLayout, positions: np.ndarray) -> list[Any]:
    """The first filled cell of the table's data rows at `positions`, as the sheet holds it."""
    body = layout.sheet.body
    table, _ = body.rows_from(layout.data_start)
    cells = pc.take(first_filled(table), pa.array(positions, pa.int64())).to_pylist()
    return [body.revive(cell) for cell in cells]


def is_blank(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    """Rows where every given column is empty (pre-numbered template rows, spacer rows)."""
    blank = np.ones(len(frame), dtype=bool)
    for column in columns:
        codes, texts = distinct_texts(frame[column])
        per_value = np.array([text is None for text in texts] + [True], dtype=bool)
        blank &= per_value[codes]
    return pd.Series(blank, index=frame.index)


def is_totals(frame: pd.DataFrame, columns: list[str], totals_words: list[str]) -> pd.Series:
    """Rows where a given column (the row's first filled cell, the name) reads 'Razem', 'Suma',
    'Ogółem'…: a totals row, not data. Only text cells can be one, each distinct text folded once."""
    words = tuple(totals_words)
    totals = np.zeros(len(frame), dtype=bool)
    for column in columns:
        codes, uniques = codes_of(frame[column])
        hits = np.zeros(len(uniques) + 1, dtype=bool)
        for i in _texts_not_starting_with_a_digit(uniques):
            hits[i] = fold_once(uniques[i]).startswith(words)
        if hits.any():
            totals |= hits[codes]
    return pd.Series(totals, index=frame.index)


def _texts_not_starting_with_a_digit(values: list[Any]) -> list[int]:
    """Positions of the texts that can be a totals word: a row number as read ("12") is not folded."""
    if values and all(isinstance(v, str) for v in values):
        leading_digit = pc.match_substring_regex(pa.array(values, pa.string()), r"^\s*[0-9]")
        return np.flatnonzero(~leading_digit.to_numpy(zero_copy_only=False)).tolist()
    return [i for i, v in enumerate(values) if isinstance(v, str) and not v.lstrip()[:1].isdigit()]


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
    rows = frame["row"].to_numpy(dtype=np.int64)
    if len(sheets) < 2:
        return rows                       # one sheet: its code is 0
    codes = {name: i for i, name in enumerate(sheets)}
    sheet_codes, names = pd.factorize(frame["sheet"].to_numpy(dtype=object), use_na_sentinel=True)
    per_name = np.array([codes.get(name, 0) for name in names] + [codes.get(None, 0)], dtype=np.int64)
    return per_name[sheet_codes] * (1 << 32) + rows


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
