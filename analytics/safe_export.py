"""Tables written for spreadsheets (CSV, .xlsx) so that no cell from a user's file can run as a formula.

Text that Excel or LibreOffice would read as a formula or a DDE call (starting with `=`, `+`, `-`,
`@`, a tab or a carriage return, as OWASP lists them) gets an apostrophe in front, in both formats,
so a cell reads the same in either (neutralise_cell). Numbers stay numbers: -5 is a number, the text
"-5" is text. In .xlsx every text cell is also written as a string cell (type `s`), never as a
formula, and every value goes through spreadsheet_cell, which the Excel report uses too. Also the
download names every page offers (download_name).
"""

from __future__ import annotations

import io
import math
import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_SEPARATOR = ";"                 # Polish Excel splits on semicolons (the comma is the decimal mark)
CSV_ENCODING = "utf-8-sig"          # the BOM makes Excel read UTF-8, Polish letters included
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv"
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_MAX_SHEET_NAME = 31
_MAX_COLUMN_WIDTH, _MIN_COLUMN_WIDTH, _WIDTH_SAMPLE_ROWS = 60, 8, 200


def neutralise_cell(value: Any) -> Any:
    """`value` as a spreadsheet cell: text that would start a formula gets an apostrophe in front.

    Anything that is not text (numbers, dates, booleans, missing values) is returned as it is.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_cell(value: Any) -> Any:
    """`value` as an .xlsx cell takes it (openpyxl), for every workbook the dashboard writes: no value
    (None, NaN, NaT, pandas' NA, infinity) is an empty cell; numpy scalars are unwrapped; a timestamp is
    its wall-clock time without a zone, a date when it is midnight; numbers, booleans and dates stay as
    they are; anything else is text (a list, a dict as its repr), without the control characters XML
    forbids (openpyxl would refuse them) and neutralised (neutralise_cell)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if _missing(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):     # numpy scalars
        value = value.item()
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        value = value.replace(tzinfo=None)       # Excel has no time zones: the wall-clock time as given
        return value.date() if value == datetime.combine(value.date(), datetime.min.time()) else value
    if isinstance(value, float) and math.isinf(value):
        return None
    if isinstance(value, (bool, int, float, Decimal, date)):
        return value
    text = value if isinstance(value, str) else str(value)
    return neutralise_cell(ILLEGAL_CHARACTERS_RE.sub("", text))


def download_name(stem: str, extension: str) -> str:
    """A file name without spaces or Polish letters, which every browser and mail program keeps."""
    from analytics.vocabulary import fold

    return (fold(stem).replace(" ", "_") or "tabela") + "." + extension


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell and column header neutralised; numbers untouched."""
    safe = frame.copy()
    for position in range(safe.shape[1]):
        column = safe.iloc[:, position]
        if _holds_text(column):
            safe.isetitem(position, column.map(neutralise_cell, na_action="ignore").astype(object))
    safe.columns = [neutralise_cell(c) for c in safe.columns]
    return safe


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """`frame` as CSV that Polish Excel opens straight away: UTF-8 with BOM, `;`, decimal commas."""
    safe = safe_frame(frame)
    for position in range(safe.shape[1]):
        column = safe.iloc[:, position]
        if _dates_only(column):
            safe.isetitem(position, column.dt.strftime("%Y-%m-%d"))
    return safe.to_csv(index=False, sep=CSV_SEPARATOR, decimal=",").encode(CSV_ENCODING)


def xlsx_bytes(frame: pd.DataFrame, sheet_name: str) -> bytes:
    """`frame` as an .xlsx workbook: header row frozen, text cells written as strings, never formulas."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(sheet_name)
    safe = safe_frame(frame)
    rows = [list(safe.columns), *safe.itertuples(index=False, name=None)]
    for row_number, values in enumerate(rows, start=1):
        for column_number, value in enumerate(values, start=1):
            _write_cell(sheet.cell(row=row_number, column=column_number), spreadsheet_cell(value))
    sheet.freeze_panes = "A2"
    for column_number, header in enumerate(safe.columns, start=1):
        sample = [header, *safe.iloc[:_WIDTH_SAMPLE_ROWS, column_number - 1].tolist()]
        width = max(len(_shown(v)) for v in sample)
        letter = sheet.cell(row=1, column=column_number).column_letter
        sheet.column_dimensions[letter].width = min(max(width + 2, _MIN_COLUMN_WIDTH), _MAX_COLUMN_WIDTH)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _holds_text(column: pd.Series) -> bool:
    dtype = column.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return True
    return pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype)


def _dates_only(column: pd.Series) -> bool:
    """A column of timestamps that are all midnight: written as dates, without 00:00:00."""
    if not pd.api.types.is_datetime64_any_dtype(column.dtype):
        return False
    present = column.dropna()
    return bool((present == present.dt.normalize()).all())


def _write_cell(cell: Any, value: Any) -> None:
    cell.value = value
    if isinstance(value, str):
        # openpyxl guesses a formula from a leading "="; a text cell is a string cell, always.
        cell.data_type = "s"


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):      # lists, dicts: not a missing value
        return False


def _shown(value: Any) -> str:
    return "" if _missing(value) else str(value)


def _sheet_title(name: str) -> str:
    """A sheet name Excel accepts: no []:*?/\\, at most 31 characters, not empty."""
    cleaned = " ".join(_SHEET_NAME_FORBIDDEN.sub(" ", str(name)).split()).strip("'")
    return cleaned[:_MAX_SHEET_NAME].strip() or "Arkusz1"
