"""Build, in code, the messy spreadsheets the office really has, so a test shows exactly what a file holds.

A table is a list of rows, the header row first; a cell is a str, int, float, date, datetime or
None (empty). Every builder writes the same table the way its program would:

- `xlsx_bytes`  Excel 2007+ (openpyxl): real date cells, a merged title block above the header.
- `xls_bytes`   Excel 97 (xlwt): the same, in the old binary format.
- `ods_bytes`   LibreOffice (odfpy): real ODS date cells, merged title cells.
- `csv_bytes`   what "Zapisz jako CSV" in a Polish Excel gives: every row padded to the table
                width, dates as text `07.12.2017`, decimal comma, CRLF line ends.

Title rows take one spreadsheet row (or one CSV line) each, so in every format the header sits on
row `len(title_rows) + 1` and the n-th data row (n from 1) on `header_row + n`.

`build(fmt, rows, ...)` writes one table in any of the FORMATS the tests run the same table over.
The bad inputs (truncated, corrupt, encrypted, zip bomb, not a spreadsheet) are built at the end.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import struct
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from typing import Any

Cell = Any
Rows = Sequence[Sequence[Cell]]

DATE_FORMAT_EXCEL = "DD.MM.YYYY"

# Each format the reading tests run the same table over, and a file name a user could give it.
FORMATS = (
    "xlsx",
    "xls",
    "ods",
    "csv-utf8",
    "csv-utf8-bom",
    "csv-cp1250-semicolon",
    "csv-comma",
    "csv-tab",
)
SPREADSHEET_FORMATS = ("xlsx", "xls", "ods")
# One file of each kind, the CSV as a Polish Excel saves it: for behaviour that does not hang on the
# CSV dialect (test_reading_formats runs every dialect).
FOUR_FORMATS = ("xlsx", "xls", "ods", "csv-cp1250-semicolon")
CSV_FORMATS = tuple(f for f in FORMATS if f.startswith("csv"))

# How each CSV variant in FORMATS is written: (encoding, delimiter, bom).
CSV_VARIANTS = {
    "csv-utf8": ("utf-8", ";", False),
    "csv-utf8-bom": ("utf-8", ";", True),
    "csv-cp1250-semicolon": ("cp1250", ";", False),
    "csv-comma": ("utf-8", ",", False),
    "csv-tab": ("utf-8", "\t", False),
}


def reported_format(fmt: str) -> str:
    """The `format` a CheckResult must report for a file built as `fmt`."""
    return "csv" if fmt.startswith("csv") else fmt


def filename_for(fmt: str, stem: str = "lista_obecnosci") -> str:
    return f"{stem}.{reported_format(fmt)}"


def build(fmt: str, rows: Rows, *, title_rows: Sequence[Cell] = (), sheet: str = "Lista",
          extra_sheets: dict[str, Rows] | None = None) -> bytes:
    """The table `rows` written as `fmt` (one of FORMATS)."""
    if fmt == "xlsx":
        return xlsx_bytes(rows, sheet=sheet, title_rows=title_rows, extra_sheets=extra_sheets or {})
    if fmt == "xls":
        return xls_bytes(rows, sheet=sheet, title_rows=title_rows, extra_sheets=extra_sheets or {})
    if fmt == "ods":
        return ods_bytes(rows, sheet=sheet, title_rows=title_rows, extra_sheets=extra_sheets or {})
    if extra_sheets:
        raise ValueError("a CSV file has one table only")
    encoding, delimiter, bom = CSV_VARIANTS[fmt]
    return csv_bytes(rows, encoding=encoding, delimiter=delimiter, bom=bom, title_rows=title_rows)


def _width(rows: Rows) -> int:
    return max((len(r) for r in rows), default=1) or 1


def _title_text(title: Cell) -> Cell:
    return title[0] if isinstance(title, (list, tuple)) else title


# --- .xlsx --------------------------------------------------------------------------------------

def xlsx_bytes(rows: Rows, sheet: str = "Lista", title_rows: Sequence[Cell] = (), merge_title: bool = True,
               extra_sheets: dict[str, Rows] | None = None, extra_sheets_first: bool = True) -> bytes:
    """An .xlsx whose sheet `sheet` holds the title block, then `rows`.

    `extra_sheets` (name -> rows, written as plain cells) come before the data sheet unless
    `extra_sheets_first` is False: an "Instrukcja" tab in front of the list is what staff have.
    """
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    others = list((extra_sheets or {}).items())
    if extra_sheets_first:
        for name, other_rows in others:
            _xlsx_fill(workbook.create_sheet(name), other_rows, (), False)
    _xlsx_fill(workbook.create_sheet(sheet), rows, title_rows, merge_title)
    if not extra_sheets_first:
        for name, other_rows in others:
            _xlsx_fill(workbook.create_sheet(name), other_rows, (), False)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_fill(worksheet: Any, rows: Rows, title_rows: Sequence[Cell], merge_title: bool) -> None:
    width = _width(rows)
    for index, title in enumerate(title_rows, start=1):
        text = _title_text(title)
        if text is not None:
            worksheet.cell(row=index, column=1, value=text)
        if merge_title and width > 1 and text is not None:
            worksheet.merge_cells(start_row=index, start_column=1, end_row=index, end_column=width)
    offset = len(title_rows)
    for r, row in enumerate(rows, start=offset + 1):
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = worksheet.cell(row=r, column=c, value=value)
            if isinstance(value, (dt.date, dt.datetime)):
                cell.number_format = DATE_FORMAT_EXCEL
            elif isinstance(value, str) and "\n" in value:
                from openpyxl.styles import Alignment

                cell.alignment = Alignment(wrap_text=True)


# --- .xls ---------------------------------------------------------------------------------------

def xls_bytes(rows: Rows, sheet: str = "Lista", title_rows: Sequence[Cell] = (), merge_title: bool = True,
              extra_sheets: dict[str, Rows] | None = None, extra_sheets_first: bool = True) -> bytes:
    """An Excel 97 .xls (xlwt) laid out as `xlsx_bytes` lays it out."""
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    others = list((extra_sheets or {}).items())
    if extra_sheets_first:
        for name, other_rows in others:
            _xls_fill(workbook.add_sheet(name), other_rows, (), False)
    _xls_fill(workbook.add_sheet(sheet), rows, title_rows, merge_title)
    if not extra_sheets_first:
        for name, other_rows in others:
            _xls_fill(workbook.add_sheet(name), other_rows, (), False)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xls_fill(worksheet: Any, rows: Rows, title_rows: Sequence[Cell], merge_title: bool) -> None:
    import xlwt

    date_style = xlwt.XFStyle()
    date_style.num_format_str = DATE_FORMAT_EXCEL
    width = _width(rows)
    for index, title in enumerate(title_rows):
        text = _title_text(title)
        if text is None:
            continue
        if merge_title and width > 1:
            worksheet.write_merge(index, index, 0, width - 1, text)
        else:
            worksheet.write(index, 0, text)
    offset = len(title_rows)
    for r, row in enumerate(rows, start=offset):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, (dt.date, dt.datetime)):
                worksheet.write(r, c, value, date_style)
            else:
                worksheet.write(r, c, value)


# --- .ods ---------------------------------------------------------------------------------------

def ods_bytes(rows: Rows, sheet: str = "Lista", title_rows: Sequence[Cell] = (), merge_title: bool = True,
              extra_sheets: dict[str, Rows] | None = None, extra_sheets_first: bool = True) -> bytes:
    """A LibreOffice .ods (odfpy): dates as real ODS date cells, numbers as float cells."""
    from odf.opendocument import OpenDocumentSpreadsheet

    document = OpenDocumentSpreadsheet()
    others = list((extra_sheets or {}).items())
    if extra_sheets_first:
        for name, other_rows in others:
            document.spreadsheet.addElement(_ods_table(name, other_rows, (), False))
    document.spreadsheet.addElement(_ods_table(sheet, rows, title_rows, merge_title))
    if not extra_sheets_first:
        for name, other_rows in others:
            document.spreadsheet.addElement(_ods_table(name, other_rows, (), False))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def _ods_table(name: str, rows: Rows, title_rows: Sequence[Cell], merge_title: bool) -> Any:
    from odf.table import CoveredTableCell, Table, TableCell, TableRow

    table = Table(name=name)
    width = _width(rows)
    for title in title_rows:
        text = _title_text(title)
        row = TableRow()
        if text is None:
            row.addElement(TableCell())
        elif merge_title and width > 1:
            row.addElement(_ods_cell(text, numbercolumnsspanned=width))
            for _ in range(width - 1):
                row.addElement(CoveredTableCell())
        else:
            row.addElement(_ods_cell(text))
        table.addElement(row)
    for values in rows or [[None]]:
        row = TableRow()
        for value in values or [None]:
            row.addElement(_ods_cell(value))
        table.addElement(row)
    return table


def _ods_cell(value: Cell, **attributes: Any) -> Any:
    from odf.table import TableCell
    from odf.text import P

    if value is None:
        return TableCell(**attributes)
    if isinstance(value, dt.datetime):
        cell = TableCell(valuetype="date", datevalue=value.strftime("%Y-%m-%dT%H:%M:%S"), **attributes)
        cell.addElement(P(text=value.strftime("%d.%m.%Y")))
        return cell
    if isinstance(value, dt.date):
        cell = TableCell(valuetype="date", datevalue=value.isoformat(), **attributes)
        cell.addElement(P(text=value.strftime("%d.%m.%Y")))
        return cell
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, (int, float)):
        cell = TableCell(valuetype="float", value=value, **attributes)
        cell.addElement(P(text=str(value)))
        return cell
    cell = TableCell(valuetype="string", **attributes)
    # A line break inside an ODS cell is a second paragraph.
    for line in str(value).split("\n"):
        cell.addElement(P(text=line))
    return cell


# --- .csv ---------------------------------------------------------------------------------------

def csv_bytes(rows: Rows, encoding: str = "utf-8", delimiter: str = ";", bom: bool = False,
              title_rows: Sequence[Cell] = (), decimal: str = ",") -> bytes:
    """A CSV as Excel exports it: rows padded to the table width, dates as `07.12.2017` text.

    The encoding is strict: a table holding a character Windows-1250 lacks (✓) cannot be written
    in it, as Excel could not either.
    """
    width = _width(rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for title in title_rows:
        text = _title_text(title)
        writer.writerow(_pad([_csv_text(text, decimal)], width))
    for row in rows:
        writer.writerow(_pad([_csv_text(v, decimal) for v in row], width))
    text = buffer.getvalue()
    data = text.encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def _pad(values: list[str], width: int) -> list[str]:
    return values + [""] * (width - len(values))


def _csv_text(value: Cell, decimal: str) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float):
        text = repr(value)
        if text.endswith(".0"):
            text = text[:-2]
        return text.replace(".", decimal)
    return str(value)


# --- Bad inputs ---------------------------------------------------------------------------------

def png_bytes() -> bytes:
    """A real 2x2 PNG picture (what staff upload when they photograph the paper list)."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        checksum = struct.pack(">I", zlib.crc32(kind + payload))
        return struct.pack(">I", len(payload)) + kind + payload + checksum

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2)))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def pdf_bytes() -> bytes:
    """A small PDF, with the binary comment line real PDFs carry after the version."""
    stream = zlib.compress(b"BT /F1 12 Tf 72 712 Td (Lista obecnosci) Tj ET")
    return (
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
        b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n"
        b"4 0 obj << /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >> stream\n"
        + stream + b"\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )


def random_binary(size: int = 4096, seed: int = 20171207) -> bytes:
    return random.Random(seed).randbytes(size)


def truncated(data: bytes) -> bytes:
    """The first half of a file, as an interrupted download leaves it."""
    return data[: len(data) // 2]


def corrupt_zip_member(data: bytes, member: str) -> bytes:
    """The zip `data` with the packed bytes of `member` overwritten by garbage (sizes left as they were)."""
    offset, compressed_size = _member_data_span(data, member)
    garbage = random.Random(7).randbytes(compressed_size)
    return data[:offset] + garbage + data[offset + compressed_size:]


def _member_data_span(data: bytes, member: str) -> tuple[int, int]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(member)
    local = info.header_offset
    name_length, extra_length = struct.unpack("<HH", data[local + 26: local + 30])
    return local + 30 + name_length + extra_length, info.compress_size


def with_declared_size(data: bytes, member: str, declared: int) -> bytes:
    """The zip `data` with `member`'s uncompressed size rewritten to `declared` in both headers.

    The packed bytes stay small: only what the archive *says* it would unpack to changes, as in a
    zip bomb that announces gigabytes. A reader that checks the declared sizes refuses it at once.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(member)
    patched = bytearray(data)
    # Local file header: uncompressed size at offset 22.
    struct.pack_into("<I", patched, info.header_offset + 22, declared)
    # Central directory entry: find it by signature + name, uncompressed size at offset 24.
    name = member.encode()
    position = 0
    while True:
        position = data.find(b"PK\x01\x02", position)
        if position < 0:
            raise ValueError(f"{member} has no central directory entry")
        name_length = struct.unpack("<H", data[position + 28: position + 30])[0]
        if data[position + 46: position + 46 + name_length] == name:
            struct.pack_into("<I", patched, position + 24, declared)
            return bytes(patched)
        position += 4


def with_member_replaced(data: bytes, member: str, content: bytes | Iterable[bytes]) -> bytes:
    """The zip `data` with `member` replaced by `content` (chunks streamed, deflated at level 9)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            if info.filename != member:
                target.writestr(info, source.read(info.filename))
                continue
            replacement = zipfile.ZipInfo(member, date_time=info.date_time)
            replacement.compress_type = zipfile.ZIP_DEFLATED
            with target.open(replacement, "w") as sink:
                for piece in ([content] if isinstance(content, bytes) else content):
                    sink.write(piece)
    return out.getvalue()


def whitespace_padded_sheet(original_sheet_xml: bytes, megabytes: int) -> Iterable[bytes]:
    """The sheet XML with `megabytes` MB of spaces before its closing tag: legal XML, packs ~1000:1."""
    cut = original_sheet_xml.rindex(b"</worksheet>")
    yield original_sheet_xml[:cut]
    block = b" " * (1024 * 1024)
    for _ in range(megabytes):
        yield block
    yield original_sheet_xml[cut:]


def ole_with_encryption_info() -> bytes:
    """An OLE compound file whose one stream is named "EncryptionInfo", as a password-protected
    .xlsx is (Office wraps the encrypted package in OLE with EncryptionInfo + EncryptedPackage).

    Built from an xlwt .xls by renaming its "Workbook" directory entry, so the container is a
    valid compound file; only the stream's name says "encrypted".
    """
    data = xls_bytes([["Imię i nazwisko"], ["Jan Kowalski"]])
    old = "Workbook\x00".encode("utf-16-le")
    position = data.index(old)
    entry = bytearray(64 + 2)
    new = "EncryptionInfo\x00".encode("utf-16-le")
    entry[: len(new)] = new
    struct.pack_into("<H", entry, 64, len(new))
    return data[:position] + bytes(entry) + data[position + 66:]


def password_protected_xlsx(data: bytes, password: str = "PUP-Plock-2017") -> bytes:
    """`data` (an .xlsx) encrypted with a password by Office's own scheme (needs msoffcrypto-tool)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, encrypted)
    return encrypted.getvalue()


# --- Reading them back --------------------------------------------------------------------------
# Small helpers the reading tests share; analytics is imported only when a test calls them.

POLISH_LETTERS = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
POLISH_WORDS = ("nie ", "brak", "wiersz", "plik", "osob", "kolumn", "spotkani", "dat", "tytuł", "pust",
                "hasł", "arkusz", "zawiera", "jest", "został", "można")


def looks_polish(text: str) -> bool:
    """True for a sentence a Polish user can read: Polish letters or common Polish words in it."""
    lowered = f" {text.lower()} "
    return bool(POLISH_LETTERS & set(text)) or any(word in lowered for word in POLISH_WORDS)


def check_table(fmt: str, rows: Rows, kind: str | None = None, *, stem: str = "lista_obecnosci",
                title_rows: Sequence[Cell] = (), sheet: str = "Lista",
                extra_sheets: dict[str, Rows] | None = None) -> Any:
    """The CheckResult for `rows` written as `fmt`; fails the test with the refusal's words if refused."""
    from analytics.reading.pipeline import check_bytes
    from analytics.results import CheckResult

    data = build(fmt, rows, title_rows=title_rows, sheet=sheet, extra_sheets=extra_sheets)
    result = check_bytes(data, filename_for(fmt, stem), kind=kind)
    refusal = getattr(result, "error", result)
    assert isinstance(result, CheckResult), f"{fmt}: the file was refused: {refusal!r}"
    return result


def data_row(n: int, title_rows: int = 0) -> int:
    """The row number the user sees for the n-th data row (n from 1) below the header."""
    return title_rows + 1 + n


def notices_naming(result: Any, *texts: str) -> list[Any]:
    """The warnings whose message contains every one of `texts`."""
    return [w for w in result.warnings if all(text in w.message for text in texts)]


def problems_at(result: Any, row: int) -> list[Any]:
    return [p for p in result.rejected if p.row == row]


def rejected_row_numbers(result: Any) -> set[int]:
    return {p.row for p in result.rejected}


def accepted_rows_of(result: Any, person_name: str) -> Any:
    accepted = result.accepted
    return accepted[accepted["person_name"] == person_name]
