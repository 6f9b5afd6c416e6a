"""What reading every sheet once into Arrow must keep: the limits follow the upload limit, a long CSV is
numbered line for line whichever reader takes its body, and a sheet's rows keep the numbers the
spreadsheet shows however far below the header they stand."""

from __future__ import annotations

import io
import zipfile

import pytest
from builders import csv_bytes, whitespace_padded_sheet, with_member_replaced, xlsx_bytes

from analytics import config
from analytics.catalogue import t
from analytics.reading.pipeline import check_bytes
from analytics.results import CheckResult, Refusal

HEADER = ["Lp.", "Imię i nazwisko", "Gmina", "Spotkanie"]
SHEET_MEMBER = "xl/worksheets/sheet1.xml"


def people(count: int) -> list[list[object]]:
    return [[i, f"Osoba {chr(65 + i % 26)}{chr(65 + i // 26 % 26)} Testowa", "Słupno", 6]
            for i in range(1, count + 1)]


def test_the_unpacked_size_an_xlsx_may_declare_follows_the_upload_limit(
        monkeypatch: pytest.MonkeyPatch) -> None:
    original = xlsx_bytes([HEADER, *people(3)])
    sheet = zipfile.ZipFile(io.BytesIO(original)).read(SHEET_MEMBER)
    data = with_member_replaced(original, SHEET_MEMBER, whitespace_padded_sheet(sheet, 2))   # ~2 MB unpacked

    monkeypatch.setenv("PUP_MAX_UPLOAD_MB", "0.08")          # 20 x 80 kB = 1.6 MB: too much unpacked
    assert config.max_unpacked_bytes() == 20 * config.max_upload_bytes()
    refused = check_bytes(data, "lista.xlsx")
    assert isinstance(refused, Refusal)
    assert refused.error == t("error_zip_bomb", size="2,0")

    monkeypatch.setenv("PUP_MAX_UPLOAD_MB", "0.2")           # 20 x 200 kB = 4 MB: an ordinary file
    accepted = check_bytes(data, "lista.xlsx")
    assert isinstance(accepted, CheckResult), accepted
    assert accepted.rows_accepted == 3


def test_a_long_csv_is_numbered_line_for_line() -> None:
    rows = people(300)
    rows[199][1] = ""                                        # no name: rejected where it stands
    data = csv_bytes([HEADER, *rows], encoding="cp1250", title_rows=["Lista obecności – spotkanie VI"])
    result = check_bytes(data, "lista.csv")
    assert isinstance(result, CheckResult)
    assert result.header_row == 2
    assert result.rows_read == 300
    assert [p.row for p in result.rejected] == [202]        # title, header, then row 200 of the list


def test_a_long_csv_with_a_name_across_two_lines_is_numbered_as_an_editor_shows_it() -> None:
    rows = people(300)
    rows[99][1] = "Anna\nNowak"                  # a quoted field over two lines, past the top rows
    rows[199][1] = ""
    data = csv_bytes([HEADER, *rows])
    result = check_bytes(data, "lista.csv")
    assert isinstance(result, CheckResult)
    assert result.rows_read == 300
    assert [p.row for p in result.rejected] == [202]        # header, row 200, one line more for the name


def test_a_long_csv_with_a_short_row_far_below_the_header_keeps_its_line_numbers() -> None:
    rows = people(120)
    text = csv_bytes([HEADER, *rows]).decode("utf-8").split("\r\n")
    text[100] = "100;Jan Krótki"                             # a row cut short (no meeting), past the top rows
    text[110] = "110;;Słupno;6"                               # a row with no name
    result = check_bytes("\r\n".join(text).encode("utf-8"), "lista.csv")
    assert isinstance(result, CheckResult)
    assert [p.row for p in result.rejected] == [101, 111]


def test_rows_far_below_the_header_keep_the_numbers_the_spreadsheet_shows() -> None:
    rows = people(250)
    rows[239][1] = None
    result = check_bytes(xlsx_bytes([["Lista obecności"], [], HEADER, *rows]), "lista.xlsx")
    assert isinstance(result, CheckResult)
    assert result.header_row == 3
    assert [p.row for p in result.rejected] == [243]
