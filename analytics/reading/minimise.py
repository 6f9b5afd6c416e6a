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
import zipfile
from collections.abc import Callable, Sequence
from typing import Any
from xml.sax.saxutils import escape

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


# The copies are written as XML directly: openpyxl and odfpy take about a minute for 100,000 rows,
# this a few seconds. Only values are kept (text, numbers, dates, true/false), as the reader reads them.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_XLSX_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_XLSX_STYLES = (
    f'{_XML_HEAD}<styleSheet xmlns="{_XLSX_NS}">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


def _text(value: Any) -> str:
    return escape(_ILLEGAL_XML.sub("", str(value)), {'"': "&quot;"})


def _column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _xlsx_cell(ref: str, value: Any) -> str:
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value!r}</v></c>' if value == value else ""
    if isinstance(value, dt.datetime):
        serial = (value.replace(tzinfo=None) - _EXCEL_EPOCH).total_seconds() / 86400
        return f'<c r="{ref}" s="2"><v>{serial!r}</v></c>'
    if isinstance(value, dt.date):
        return f'<c r="{ref}" s="1"><v>{(value - _EXCEL_EPOCH.date()).days}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{_text(value)}</t></is></c>'


def _xlsx_sheet(sheet: RawSheet) -> str:
    letters: list[str] = []
    parts = [f'{_XML_HEAD}<worksheet xmlns="{_XLSX_NS}"><sheetData>']
    for number, row in enumerate(sheet.rows, start=1):
        cells = _trimmed(row)
        if not cells:
            continue
        while len(letters) < len(cells):
            letters.append(_column_letters(len(letters)))
        parts.append(f'<row r="{number}">')
        parts.extend(_xlsx_cell(f"{letters[i]}{number}", v) for i, v in enumerate(cells) if v is not None)
        parts.append("</row>")
    parts.append("</sheetData></worksheet>")
    return "".join(parts)


def _xlsx(sheets: list[RawSheet]) -> bytes:
    names = [f"xl/worksheets/sheet{i}.xml" for i in range(1, len(sheets) + 1)]
    types = "".join(f'<Override PartName="/{n}" ContentType="application/vnd.openxmlformats-officedocument.'
                    'spreadsheetml.worksheet+xml"/>' for n in names)
    members = {
        "[Content_Types].xml": (
            f'{_XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            f'{types}</Types>'),
        "_rels/.rels": (
            f'{_XML_HEAD}<Relationships xmlns="{_PKG_REL_NS}"><Relationship Id="rId1" Type="{_REL_NS}/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'{_XML_HEAD}<workbook xmlns="{_XLSX_NS}" xmlns:r="{_REL_NS}"><sheets>'
            + "".join(f'<sheet name="{_text(s.name or f"Arkusz{i}")}" sheetId="{i}" r:id="rId{i}"/>'
                      for i, s in enumerate(sheets, start=1))
            + "</sheets></workbook>"),
        "xl/_rels/workbook.xml.rels": (
            f'{_XML_HEAD}<Relationships xmlns="{_PKG_REL_NS}">'
            + "".join(f'<Relationship Id="rId{i}" Type="{_REL_NS}/worksheet" '
                      f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(sheets) + 1))
            + f'<Relationship Id="rId{len(sheets) + 1}" Type="{_REL_NS}/styles" Target="styles.xml"/>'
            "</Relationships>"),
        "xl/styles.xml": _XLSX_STYLES,
        **{name: _xlsx_sheet(sheet) for name, sheet in zip(names, sheets, strict=True)},
    }
    return _zipped(members)


_ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
_ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet"


def _ods_cell(value: Any) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, bool):
        kind = f'office:value-type="boolean" office:boolean-value="{str(value).lower()}"'
    elif isinstance(value, (int, float)):
        kind = f'office:value-type="float" office:value="{value!r}"'
    elif isinstance(value, dt.datetime):
        kind = f'office:value-type="date" office:date-value="{value.replace(tzinfo=None).isoformat()}"'
    elif isinstance(value, dt.date):
        kind = f'office:value-type="date" office:date-value="{value.isoformat()}"'
    else:
        kind = 'office:value-type="string"'
    return f"<table:table-cell {kind}><text:p>{_text(_display_text(value))}</text:p></table:table-cell>"


def _ods(sheets: list[RawSheet]) -> bytes:
    parts = [f'{_XML_HEAD}<office:document-content {_ODS_NS} office:version="1.2"><office:body>'
             "<office:spreadsheet>"]
    for sheet in sheets:
        parts.append(f'<table:table table:name="{_text(sheet.name or "Arkusz")}">')
        for row in sheet.rows or [[]]:
            parts.append("<table:table-row>")
            parts.extend(_ods_cell(v) for v in _trimmed(row) or [None])
            parts.append("</table:table-row>")
        parts.append("</table:table>")
    parts.append("</office:spreadsheet></office:body></office:document-content>")
    manifest = (f'{_XML_HEAD}<manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
                'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
                f'manifest:media-type="{_ODS_MIME}"/><manifest:file-entry manifest:full-path="content.xml" '
                'manifest:media-type="text/xml"/></manifest:manifest>')
    return _zipped({"mimetype": _ODS_MIME, "META-INF/manifest.xml": manifest, "content.xml": "".join(parts)})


def _zipped(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compresslevel=1) as archive:     # fast: the XML packs well anyway
        for name, text in members.items():
            # An ODS's "mimetype" comes first and unpacked, as the format asks.
            method = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(zipfile.ZipInfo(name, date_time=(2017, 12, 7, 0, 0, 0)), text.encode("utf-8"),
                             compress_type=method)
    return buffer.getvalue()


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
