"""A sheet's cells as Arrow string columns, read once, and turned into coded pandas columns on demand.

fastexcel (calamine's Rust reader handing Arrow arrays to Python) reads each sheet once, every cell as
text, from spreadsheet row 1 on: row i of the Arrow table is the spreadsheet's row i+1 (leading empty
rows included), columns are named by their spreadsheet position (A = 0). A typed cell comes back in
calamine's rendering ("6", "12.5", "2017-12-07 00:00:00", "true"): `revive` turns such a text back into
the value python-calamine gives for it, so the per-value readers (cell_text, parse_date,
parse_meeting_label, parse_number) see what they always saw. It runs once per DISTINCT value, and only
for texts that can be such a rendering: names and places never go through Python one cell at a time.

CSV: the first records by the csv module (their line numbers, as the user's editor shows them), the rest
by pyarrow.csv; a body pyarrow cannot number exactly (ragged rows, a quoted field across lines) is read
again by the csv module.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# The rows handed to header detection: tables.HEADER_SCAN_ROWS and the row under a header (two-row headers).
HEAD_ROWS = 41

# calamine's renderings of typed cells (Rust's Display of f64, NaiveDateTime, bool)
_FLOAT = re.compile(r"^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$")
_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d+)?$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# Only a text like these can be a typed cell's rendering: the others are kept as they are, unread.
MAYBE_TYPED = r"^-?[0-9]|^(?:true|false)$"
TIME_OF_DAY_DATE = dt.date(1899, 12, 31)


def revive(text: Any, file_format: str) -> Any:
    """The value of the typed cell that calamine rendered as `text` (a plain text stays text)."""
    if not isinstance(text, str):
        return text
    if _FLOAT.match(text):
        number = float(text)
        return number if np.isfinite(number) else text
    match = _DATETIME.match(text)
    if match:
        try:
            value = dt.datetime(*(int(g) for g in match.groups()))
        except ValueError:
            return text
        # python-calamine hands a date cell over as a date, a time of day as a time
        if value.time() == dt.time():
            return value.date()
        return value.time() if value.date() == TIME_OF_DAY_DATE else value
    if file_format == "ods" and _DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    if text in ("true", "false"):
        return text == "true"
    return text


def coded_column(column: pa.ChunkedArray | pa.Array, file_format: str) -> pd.Categorical | np.ndarray:
    """The column's cells ("" for an empty one) as a Categorical: integer codes and each distinct cell
    once, revived. Where two distinct cells are equal in Python (True and 1.0), an object array."""
    filled = pc.fill_null(column, "")
    if isinstance(filled, pa.ChunkedArray):
        filled = filled.combine_chunks() if filled.num_chunks else pa.array([], pa.string())
    encoded = filled.dictionary_encode()
    uniques = encoded.dictionary.to_pylist()
    if file_format != "csv" and uniques:
        maybe = pc.match_substring_regex(encoded.dictionary, MAYBE_TYPED).to_numpy(zero_copy_only=False)
        for i in np.flatnonzero(maybe).tolist():
            uniques[i] = revive(uniques[i], file_format)
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32, copy=False)
    categories = pd.Index(uniques, dtype=object, tupleize_cols=False)
    if categories.is_unique:
        return pd.Categorical.from_codes(codes, categories=categories)
    values = np.empty(len(uniques), dtype=object)
    values[:] = uniques
    return values[codes]


def first_filled(table: pa.Table) -> pa.Array:
    """Each row's first filled cell, as read (text), "" when the row is empty."""
    columns = [pc.fill_null(table.column(name), "") for name in sorted(table.column_names, key=int)]
    if not columns:
        return pa.array([""] * table.num_rows, pa.string())
    first = columns[0]
    for column in columns[1:]:
        first = pc.if_else(pc.equal(first, ""), column, first)
    return first.combine_chunks() if isinstance(first, pa.ChunkedArray) else first


@dataclass
class SheetBody:
    """A whole sheet as Arrow string columns named by their spreadsheet column ("0" = A) and the
    number the user sees for each of its rows."""

    table: pa.Table
    numbers: np.ndarray
    file_format: str

    def rows_from(self, start: int) -> tuple[pa.Table, np.ndarray]:
        """The rows from index `start` (of the sheet's rows as read) on, and their numbers."""
        return self.table.slice(start), self.numbers[start:]

    def has_data(self, start: int) -> bool:
        body, _ = self.rows_from(start)
        return any(pc.any(pc.not_equal(pc.fill_null(column, ""), "")).as_py() for column in body.columns)

    def revive(self, text: Any) -> Any:
        return text if self.file_format == "csv" else revive(text, self.file_format)

    def release(self) -> None:
        """Let the cells go once the table's frame holds them (the frame keeps its own codes)."""
        self.table = self.table.slice(0, 0)


def head_rows(body: SheetBody) -> list[list[Any]]:
    """The top rows as Python values, for header detection (tables.find_layout)."""
    top = body.table.slice(0, HEAD_ROWS)
    width = max((int(name) for name in top.column_names), default=-1) + 1
    cells: list[list[Any]] = [[None] * width for _ in range(top.num_rows)]
    for name in top.column_names:
        col = int(name)
        for r, value in enumerate(top.column(name).to_pylist()):
            cells[r][col] = body.revive(value)
    return cells


def fastexcel_body(sheet: Any, file_format: str) -> SheetBody:
    """A loaded fastexcel sheet (header_row=None, skip_rows=0, all strings) as a SheetBody."""
    batch = sheet.to_arrow()
    names = [str(column.absolute_index) for column in sheet.selected_columns]
    table = pa.Table.from_batches([batch]).rename_columns(names) if names else pa.table({})
    numbers = np.arange(1, batch.num_rows + 1, dtype=np.int64)
    return SheetBody(table, numbers, file_format)


# -- CSV -------------------------------------------------------------------------------------------

@dataclass
class CsvHead:
    """The first records of a CSV text, read by the csv module: the records, their line numbers, where
    each starts in the text, and where the next one would."""

    rows: list[list[str]] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    end: int = 0
    next_number: int = 1
    complete: bool = False               # the head is the whole text


class CsvBroken(Exception):
    """The csv module could not read a record: `line` is where it starts."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def csv_head(text: str, delimiter: str, limit: int) -> CsvHead:
    """The first `limit` records; CsvBroken names the line of a record the csv module cannot read."""
    head = CsvHead()
    lines = io.StringIO(text, newline="")
    offsets: list[int] = []
    position = 0

    def tracked() -> Any:
        nonlocal position
        for line in lines:
            offsets.append(position)
            position += len(line)
            yield line

    reader = csv.reader(tracked(), delimiter=delimiter)
    try:
        for row in reader:
            head.offsets.append(offsets[head.next_number - 1])
            head.rows.append(row)
            head.numbers.append(head.next_number)
            head.next_number = reader.line_num + 1
            if len(head.rows) >= limit:
                break
        else:
            head.complete = True
    except csv.Error:
        raise CsvBroken(head.next_number) from None
    finally:
        head.end = position
    return head


def csv_body(text: str, delimiter: str, head: CsvHead) -> tuple[pa.Table, np.ndarray] | None:
    """The records after the head by pyarrow.csv, numbered; None when pyarrow cannot number them
    exactly (a ragged row, an empty line, a field across lines): then the csv module reads them."""
    import pyarrow.csv as pacsv

    width = max((len(row) for row in head.rows), default=1)
    names = [str(i) for i in range(width)]
    odd: list[int] = []

    def note_odd(_row: Any) -> str:
        odd.append(1)
        return "skip"

    body = text[head.end:].encode("utf-8")
    if not body:
        return pa.table({n: pa.array([], pa.string()) for n in names}), np.zeros(0, dtype=np.int64)
    try:
        table = pacsv.read_csv(
            io.BytesIO(body),
            read_options=pacsv.ReadOptions(column_names=names),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True,
                                             ignore_empty_lines=False, invalid_row_handler=note_odd),
            convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in names},
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    if odd or any(pc.any(pc.match_substring_regex(column, "[\r\n]")).as_py() for column in table.columns):
        return None
    numbers = np.arange(head.next_number, head.next_number + table.num_rows, dtype=np.int64)
    return table, numbers


def rows_table(rows: list[list[str]], width: int) -> pa.Table:
    """Rows of text (the csv module's) as Arrow string columns, short rows filled with ""."""
    return pa.table({str(i): pa.array([row[i] if i < len(row) else "" for row in rows], pa.string())
                     for i in range(width)})
