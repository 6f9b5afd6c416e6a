"""Keep only what the dashboard reads: the stored copy of an upload, without the columns nobody uses.

A file staff send may hold columns the dashboard never reads (phone, e-mail, signature): personal
data the office has no reason to keep (RODO art. 5(1)(c)). `minimised_original` writes a copy of
the file with only the cells the reader used: the rows above the header (the title block) as they
are, in the header row and below only the read columns, other sheets empty. Every sheet and row
stays where it was, so the row numbers in messages stay true, and the copy reads back to the same
data. .xlsx, .ods and .csv are written in their own format; .xls, which nothing here can write,
as .xlsx. The same writer rewrites a stored copy row by row (`rewritten_original`) when a person
is erased or pseudonymised (analytics/rodo/).

Pure: bytes in, bytes out; nothing is stored here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from analytics.catalogue import t
from analytics.reading.normalise import cell_text, person_key
from analytics.reading.workbook import ZIP_MAGIC, RawSheet, RawWorkbook, read_workbook
from analytics.results import Notice, SheetColumns
from analytics.vocabulary import fold

# A data row of a used sheet, its cells by column index -> the row to keep (None: the row emptied).
RowEdit = Callable[[SheetColumns, list[Any]], list[Any] | None]


def minimised_original(data: bytes, sheet_columns: Sequence[SheetColumns]) -> bytes:
    """The copy of an uploaded file the store keeps: only the cells the reader used (see the module's
    docstring). The file itself when it holds nothing else (no column left out, no other sheet), or
    when nothing says what was read (a result not made by the reader lists no sheet)."""
    if not sheet_columns:
        return data
    workbook = _read(data)
    if workbook.format != "xls" and not _holds_more(workbook, sheet_columns):
        return data
    return _write(workbook, _kept_sheets(workbook, sheet_columns, None))


def rewritten_original(data: bytes, sheet_columns: Sequence[SheetColumns], edit: RowEdit) -> bytes:
    """A stored copy with each data row of its used sheets passed through `edit` (blank it, or
    change a cell): an erasure or a pseudonymisation reaches the stored files this way."""
    workbook = _read(data)
    return _write(workbook, _kept_sheets(workbook, sheet_columns, edit))


def stored_format(data: bytes) -> str:
    """The format of a stored copy by its content: "xlsx", "ods", "xls" or "csv"."""
    if data.startswith(ZIP_MAGIC):
        return "ods" if b"mimetypeapplication/vnd.oasis.opendocument" in data[:200] else "xlsx"
    return "xls" if data.startswith(b"\xd0\xcf\x11\xe0") else "csv"


def stored_name(file_name: str, data: bytes) -> str:
    """The name to download a stored copy under: an .xls upload is kept as .xlsx."""
    if file_name.lower().endswith(".xls") and stored_format(data) == "xlsx":
        return file_name + "x"
    return file_name


def row_identity(columns: SheetColumns, cells: list[Any]) -> str | None:
    """Who a data row names, as the reader identifies people: the participant ID ("id:…") when the
    sheet has one, else the name (case-, order- and accent-insensitive); None for no name."""
    def text(column: str) -> str | None:
        index = columns.columns.get(column)
        return cell_text(cells[index]) if index is not None and index < len(cells) else None

    participant = text("participant_id")
    if participant:
        return f"id:{fold(participant)}"
    name = text("full_name") or " ".join(p for p in (text("first_name"), text("last_name")) if p)
    return person_key(name) if name else None


# ---------------------------------------------------------------------------------------------
# Personal data typed into a name or institution cell

_PATTERNS = {
    "email": re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"),
    "pesel": re.compile(r"(?<!\d)\d{11}(?!\d)"),
    "phone": re.compile(r"(?<![\d])(?:\+?48[\s-]?)?(?:\d[\s-]?){8}\d(?![\d])"),
}
PATTERN_KEYS = {"email": "warn_personal_email", "pesel": "warn_personal_pesel",
                "phone": "warn_personal_phone"}


def personal_data_notices(accepted: pd.DataFrame, headers: dict[str, str]) -> list[Notice]:
    """A warning per column and kind of data for cells of `headers`' columns (accepted column ->
    header as written) that hold an e-mail address, a PESEL or a phone number. The warning names
    the rows, never the value."""
    notices = []
    for column, header in headers.items():
        if column not in accepted or accepted.empty:
            continue
        values = accepted[column].astype("string").fillna("")
        for kind, pattern in _PATTERNS.items():
            hits = values.str.contains(pattern, regex=True)
            if kind == "phone":       # a PESEL is eleven digits, not a phone number
                hits &= ~values.str.contains(_PATTERNS["pesel"], regex=True)
            rows = sorted({int(r) for r in accepted.loc[hits.to_numpy(dtype=bool), "row"].dropna()})
            if rows:
                shown = ", ".join(str(r) for r in rows[:10]) + (" …" if len(rows) > 10 else "")
                notices.append(Notice(rows[0], header, t(PATTERN_KEYS[kind], column=header, rows=shown)))
    return notices


# ---------------------------------------------------------------------------------------------
# Reading and writing


def _read(data: bytes) -> RawWorkbook:
    # The file was read once already (or is a stored copy): no upload limit applies here.
    return read_workbook(data, max_bytes=len(data) + 1)


def _holds_more(workbook: RawWorkbook, sheet_columns: Sequence[SheetColumns]) -> bool:
    """Whether the file has a cell the reader did not use, at or below a header or on another sheet."""
    used = {c.sheet: c for c in sheet_columns}
    for sheet in workbook.sheets:
        columns = used.get(sheet.name)
        rows = sheet.rows if columns is None else sheet.rows[columns.header_index:]
        kept = set() if columns is None else set(columns.kept)
        for row in rows:
            if any(i not in kept and cell_text(v) is not None for i, v in enumerate(row)):
                return True
    return False


def _kept_sheets(workbook: RawWorkbook, sheet_columns: Sequence[SheetColumns],
                 edit: RowEdit | None) -> list[RawSheet]:
    used = {c.sheet: c for c in sheet_columns}
    sheets = []
    for sheet in workbook.sheets:
        columns = used.get(sheet.name)
        if columns is None:
            sheets.append(RawSheet(sheet.name, [], []))
            continue
        kept = set(columns.kept)
        rows = []
        for index, row in enumerate(sheet.rows):
            if index < columns.header_index:
                rows.append(list(row))
                continue
            cells = [v if i in kept else None for i, v in enumerate(row)]
            if edit is not None and index > columns.header_index:
                cells = edit(columns, cells) or [None] * len(cells)
            rows.append(cells)
        sheets.append(RawSheet(sheet.name, rows, list(sheet.row_numbers)))
    return sheets


def _write(workbook: RawWorkbook, sheets: list[RawSheet]) -> bytes:
    if workbook.format == "csv":
        return _csv(sheets[0])
    if workbook.format == "ods":
        return _ods(sheets)
    return _xlsx(sheets)


def _xlsx(sheets: list[RawSheet]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for sheet in sheets:
        target = book.create_sheet(title=sheet.name)
        for row in sheet.rows:
            target.append([_xlsx_value(v) for v in _trimmed(row)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, (dt.time, dt.timedelta)):
        return str(value)
    if isinstance(value, str) and value.startswith("="):
        return " " + value       # text that merely looks like a formula stays text
    return value


def _ods(sheets: list[RawSheet]) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow

    document = OpenDocumentSpreadsheet()
    for sheet in sheets:
        table = Table(name=sheet.name)
        for values in sheet.rows or [[]]:
            row = TableRow()
            for value in _trimmed(values) or [None]:
                row.addElement(_ods_cell(value) if value is not None else TableCell())
            table.addElement(row)
        document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def _ods_cell(value: Any) -> Any:
    from odf.table import TableCell
    from odf.text import P

    if isinstance(value, bool):
        cell = TableCell(valuetype="boolean", booleanvalue="true" if value else "false")
    elif isinstance(value, (int, float)):
        cell = TableCell(valuetype="float", value=str(value))
    elif isinstance(value, dt.datetime):
        cell = TableCell(valuetype="date", datevalue=value.strftime("%Y-%m-%dT%H:%M:%S"))
    elif isinstance(value, dt.date):
        cell = TableCell(valuetype="date", datevalue=value.isoformat())
    else:
        cell = TableCell(valuetype="string")
    cell.addElement(P(text=_display_text(value)))
    return cell


def _display_text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M") if value.time() != dt.time() else value.strftime("%d.%m.%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _csv(sheet: RawSheet) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    width = max((len(_trimmed(r)) for r in sheet.rows), default=0)
    for row in sheet.rows:
        cells = ["" if v is None else str(v) for v in row[:width]]
        writer.writerow(cells + [""] * (width - len(cells)))
    # With a BOM, so that Excel opens the UTF-8 text with its Polish letters.
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def _trimmed(row: list[Any]) -> list[Any]:
    """A row without its empty cells at the end."""
    end = len(row)
    while end and (row[end - 1] is None or row[end - 1] == ""):
        end -= 1
    return [None if v == "" else v for v in row[:end]]


__all__ = ["minimised_original", "personal_data_notices", "rewritten_original", "row_identity",
           "stored_format", "stored_name"]
