"""Turn uploaded bytes into sheets of cells: the format told by content, CSV dialect sniffed, bad files
refused. Each sheet is read once into Arrow (sheet_body); its top rows are handed over as Python values
for finding the header."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa

from analytics import config
from analytics.catalogue import t
from analytics.reading.sheet_body import (
    HEAD_ROWS,
    CsvBroken,
    CsvHead,
    SheetBody,
    csv_body,
    csv_head,
    fastexcel_body,
    head_rows,
    rows_table,
)
from analytics.results import UnreadableFile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# An encrypted .xlsx is an OLE container with this stream (name stored in UTF-16LE).
ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
MAX_CELLS = 20_000_000          # a sheet larger than this would not fit the memory we allow
CSV_DELIMITERS = (";", ",", "\t")


@dataclass
class RawSheet:
    """One sheet: its top rows as cells, where the header is looked for (`row_numbers[i]` is the number
    the user sees for `rows[i]`), and the whole sheet as Arrow columns in `body`."""

    name: str | None
    rows: list[list[Any]]
    row_numbers: list[int]
    body: SheetBody | None = None

    @property
    def height(self) -> int:
        """How many rows the sheet has (`rows` holds only the top ones)."""
        return self.body.table.num_rows if self.body is not None else len(self.rows)


@dataclass
class RawWorkbook:
    format: str                  # "xlsx" | "xls" | "ods" | "csv"
    sheets: list[RawSheet]


def read_workbook(data: bytes, max_bytes: int | None = None) -> RawWorkbook:
    """Read any supported spreadsheet from its bytes; raise UnreadableFile with a Polish reason."""
    limit = config.max_upload_bytes() if max_bytes is None else max_bytes
    if len(data) == 0:
        raise UnreadableFile(t("error_empty_file"))
    if len(data) > limit:
        raise UnreadableFile(t("error_too_large", size=_megabytes(len(data)), limit=_megabytes(limit)))
    if data.startswith(ZIP_MAGIC):
        return _read_zip_workbook(data)
    if data.startswith(OLE_MAGIC):
        if ENCRYPTION_STREAM in data:
            raise UnreadableFile(t("error_password"))
        return RawWorkbook("xls", _read_with_calamine(data, "xls"))
    return RawWorkbook("csv", [_read_csv(data)])


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def _read_zip_workbook(data: bytes) -> RawWorkbook:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
        names = {m.filename for m in members}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise UnreadableFile(t("error_corrupt")) from None
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        file_format = "xlsx"
    elif "mimetype" in names and b"spreadsheet" in _safe_member(archive, "mimetype"):
        file_format = "ods"
    elif "word/document.xml" in names:
        raise UnreadableFile(t("error_word_document"))
    else:
        raise UnreadableFile(t("error_not_spreadsheet"))
    _refuse_zip_bomb(members)
    return RawWorkbook(file_format, _read_with_calamine(data, file_format))


def _safe_member(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > 1024:
        return b""
    try:
        return archive.read(name)
    except Exception:  # noqa: BLE001 - a damaged member only means "not an ODS"
        return b""


def _refuse_zip_bomb(members: list[zipfile.ZipInfo]) -> None:
    """Judge the archive by its declared sizes, before anything is unpacked."""
    declared = sum(m.file_size for m in members)
    if declared > config.max_unpacked_bytes():
        raise UnreadableFile(t("error_zip_bomb", size=_megabytes(declared)))
    for member in members:
        if member.file_size > 10 * 1024 * 1024:
            ratio = member.file_size / max(member.compress_size, 1)
            if ratio > config.MAX_COMPRESSION_RATIO:
                raise UnreadableFile(t("error_zip_bomb", size=_megabytes(declared)))


def _read_with_calamine(data: bytes, file_format: str) -> list[RawSheet]:
    """Every sheet through fastexcel (calamine), read once, every cell as text from row 1 on."""
    import fastexcel

    try:
        reader = fastexcel.read_excel(data)
        sheets = []
        for index, name in enumerate(reader.sheet_names):
            # skip_rows=0: keep leading empty rows, so row i of the table is the sheet's row i+1
            sheet = reader.load_sheet(index, header_row=None, skip_rows=0, dtypes="string")
            if sheet.total_height * sheet.width > MAX_CELLS:
                raise UnreadableFile(t("error_sheet_too_big", sheet=name))
            body = fastexcel_body(sheet, file_format)
            del sheet                    # calamine's cells: the Arrow table holds them now
            rows = head_rows(body)
            sheets.append(RawSheet(name, rows, list(range(1, len(rows) + 1)), body))
        return sheets
    except (UnreadableFile, KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # noqa: BLE001 - calamine reports damage with many error types,
        # and a damaged file can even trip an assertion in its Rust code (a PanicException, which
        # derives from BaseException): all of them mean the file cannot be read.
        if "password" in str(error).lower() or "encrypt" in str(error).lower():
            raise UnreadableFile(t("error_password")) from None
        raise UnreadableFile(t("error_corrupt")) from None


# -- CSV -------------------------------------------------------------------------------------------
_NOT_TEXT_SIGNATURES = (
    (b"%PDF", "error_pdf"),
    (b"\x89PNG", "error_image"),
    (b"\xff\xd8\xff", "error_image"),
    (b"GIF8", "error_image"),
    (b"Rar!", "error_not_spreadsheet"),
    (b"\x1f\x8b", "error_not_spreadsheet"),
    (b"7z\xbc\xaf", "error_not_spreadsheet"),
)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1250 as Polish Excel writes it."""
    for signature, key in _NOT_TEXT_SIGNATURES:
        if data.startswith(signature):
            raise UnreadableFile(t(key))
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1250", errors="replace")
    sample = text[:20000]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    if "\x00" in sample or control > max(2, len(sample) // 100) or sample.count("\ufffd") > len(sample) // 20:
        raise UnreadableFile(t("error_not_spreadsheet"))
    head = sample.lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")):
        raise UnreadableFile(t("error_html"))
    return text


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines most consistently into more than one column."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    best, best_score = ";", -1.0
    for delimiter in CSV_DELIMITERS:
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        if not counts:
            continue
        widest = max(counts)
        if widest < 2:
            continue
        # Lines as wide as the widest one (the header and data), and how wide that is.
        share = sum(1 for c in counts if c == widest) / len(counts)
        score = share * 10 + min(widest, 30) / 30
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(data: bytes) -> RawSheet:
    text = decode_text(data)
    if not text.strip():
        raise UnreadableFile(t("error_empty_file"))
    delimiter = sniff_delimiter(text)
    head = _csv_records(text, delimiter, HEAD_ROWS)
    body = None if head.complete else csv_body(text, delimiter, head)
    if body is None:
        # A body pyarrow cannot number exactly (or a short file): the csv module reads it all, as ever.
        head = _csv_records(text, delimiter, None)
        width = max((len(r) for r in head.rows), default=0)
        table, numbers = rows_table(head.rows, width), np.asarray(head.numbers, dtype=np.int64)
    else:
        rest, rest_numbers = body
        width = max(max((len(r) for r in head.rows), default=0), rest.num_columns)
        table = pa.concat_tables([rows_table(head.rows, width), rest], promote_options="default")
        table = _filled(table)
        numbers = np.concatenate([np.asarray(head.numbers, dtype=np.int64), rest_numbers])
    if table.num_rows * max(width, 1) > MAX_CELLS:
        raise UnreadableFile(t("error_sheet_too_big", sheet="CSV"))
    rows = [r + [""] * (width - len(r)) for r in head.rows[:HEAD_ROWS]]
    return RawSheet(None, rows, head.numbers[:HEAD_ROWS], SheetBody(table, numbers, "csv"))


def _csv_records(text: str, delimiter: str, limit: int | None) -> CsvHead:
    try:
        return csv_head(text, delimiter, limit or (1 << 62))
    except CsvBroken as broken:
        raise UnreadableFile(t("error_csv_broken", line=broken.line)) from None


def _filled(table: pa.Table) -> pa.Table:
    """Columns a short head row lacked: "" rather than missing, as the csv module's rows are padded."""
    import pyarrow.compute as pc

    return pa.table({name: pc.fill_null(table.column(name), "") for name in table.column_names})
