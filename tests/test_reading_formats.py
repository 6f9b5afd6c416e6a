"""One attendance list read from every kind of file the office has: format by content, CSV dialect sniffed."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache

import pandas as pd
import pytest
from builders import (
    FORMATS,
    SPREADSHEET_FORMATS,
    build,
    check_table,
    csv_bytes,
    data_row,
    filename_for,
    reported_format,
    xlsx_bytes,
)

from analytics.reading.pipeline import check_bytes, check_file
from analytics.results import ATTENDANCE_COLUMNS, CheckResult

SLUPNO_OFFICE = "Urząd Gminy Słupno, Referat Promocji"
HEADER = ["Lp.", "Imię i nazwisko", "Instytucja / organizacja", "Gmina", "Sektor", "Grupa", "Spotkanie",
          "Data spotkania"]
MAY_25 = dt.date(2017, 5, 25)
DEC_7 = dt.date(2017, 12, 7)
LIST = [
    HEADER,
    [1, "Jan Kowalski", SLUPNO_OFFICE, "Słupno", "rynek pracy", "samorząd lokalny", 1, MAY_25],
    [2, "Anna Nowak", "Stowarzyszenie Gąbińskie", "Gąbin", "kultura", "organizacje pozarządowe", 1, MAY_25],
    [3, "Łukasz Żółć", "Zespół Szkół w Drobinie", "Drobin", "edukacja", "uczniowie", 1, MAY_25],
    [4, "Jan Kowalski", SLUPNO_OFFICE, "Słupno", "rynek pracy", "samorząd lokalny", 6, DEC_7],
    [5, "Maria Wiśniewska", "Piekarnia „Wiśniewscy”", "Płock", "gospodarka", "przedsiębiorcy", 6, DEC_7],
]
TITLE = ["Lista obecności – Partnerstwo Lokalne", "Powiatowy Urząd Pracy w Płocku", None]


@cache
def read_list(fmt: str, titled: bool = False):
    """LIST read once per format (and title block): the tests below only look at the result."""
    return check_table(fmt, LIST, title_rows=TITLE if titled else ())


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_same_list_reads_the_same_in_every_format(fmt: str) -> None:
    result = read_list(fmt)

    assert result.format == reported_format(fmt)
    assert result.kind == "attendance"
    assert result.header_row == 1
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (5, 5, 0)
    assert result.rejected == []
    assert list(result.accepted.columns) == ATTENDANCE_COLUMNS
    assert result.accepted["row"].tolist() == [2, 3, 4, 5, 6]
    assert result.accepted["person_name"].tolist() == [
        "Jan Kowalski", "Anna Nowak", "Łukasz Żółć", "Jan Kowalski", "Maria Wiśniewska"]
    assert result.accepted["meeting"].tolist() == [1, 1, 1, 6, 6]
    assert pd.api.types.is_datetime64_any_dtype(result.accepted["meeting_date"])
    assert [d.date() for d in result.accepted["meeting_date"]] == [MAY_25] * 3 + [DEC_7] * 2
    assert result.summary["meetings"] == 2
    assert result.summary["participants"] == 4
    assert result.summary["attendances"] == 5
    assert result.summary["attendances_by_meeting"] == {"1": 3, "6": 2}
    assert result.summary["participants_by_gmina"] == {"Słupno": 1, "Gąbin": 1, "Drobin": 1, "Płock": 1}


@pytest.mark.parametrize("fmt", FORMATS)
def test_title_block_above_the_header_is_skipped_and_rows_keep_the_numbers_the_user_sees(fmt: str) -> None:
    result = read_list(fmt, titled=True)

    assert result.header_row == 4
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (5, 5, 0)
    assert result.accepted["row"].tolist() == [data_row(n, title_rows=3) for n in range(1, 6)]
    assert result.accepted["row"].tolist() == [5, 6, 7, 8, 9]


@pytest.mark.parametrize("fmt", FORMATS)
def test_sheet_is_named_for_workbooks_and_null_for_csv(fmt: str) -> None:
    result = check_table(fmt, LIST, sheet="Lista obecności")

    expected = "Lista obecności" if fmt in SPREADSHEET_FORMATS else None
    assert result.sheet == expected
    assert set(result.accepted["sheet"].tolist()) == {expected}


@pytest.mark.parametrize("fmt", FORMATS)
def test_county_gminy_get_their_teryt_codes(fmt: str) -> None:
    result = read_list(fmt)

    by_name = result.accepted.drop_duplicates("gmina").set_index("gmina")
    assert by_name.loc["Słupno", "teryt"] == "141912"
    assert by_name.loc["Płock", "teryt"] == "146201"
    assert by_name.loc["Gąbin", "teryt"] == "141906"
    assert by_name["in_county"].tolist() == [True, True, True, True]


@pytest.mark.parametrize("fmt", FORMATS)
def test_kind_is_recognised_from_the_headers_and_the_same_when_given(fmt: str) -> None:
    guessed = read_list(fmt)
    told = check_table(fmt, LIST, kind="attendance")

    assert guessed.kind == told.kind == "attendance"
    assert guessed.to_json() == told.to_json()


@pytest.mark.parametrize("fmt", FORMATS)
def test_result_is_plain_json(fmt: str) -> None:
    result = read_list(fmt, titled=True)

    text = json.dumps(result.to_json(), ensure_ascii=False, allow_nan=False)
    assert json.loads(text)["rows_read"] == 5


@pytest.mark.parametrize(
    ("fmt", "misleading_name"),
    [
        ("xlsx", "lista.csv"),
        ("xlsx", "lista.xls"),
        ("xls", "lista.xlsx"),
        ("ods", "lista.xlsx"),
        ("xlsx", "lista"),
        ("csv-cp1250-semicolon", "lista.xlsx"),
        ("csv-utf8", "lista.ods"),
        ("csv-tab", "lista.txt"),
    ],
)
def test_format_is_told_by_content_not_by_the_file_name(fmt: str, misleading_name: str) -> None:
    result = check_bytes(build(fmt, LIST), misleading_name)

    assert isinstance(result, CheckResult), getattr(result, "error", result)
    assert result.format == reported_format(fmt)
    assert result.rows_accepted == 5
    assert result.file == misleading_name


def test_semicolon_csv_with_more_commas_than_semicolons_is_split_on_semicolons() -> None:
    # Every data line has three commas inside a value and only two semicolons between values.
    office = "Urząd Gminy Słupno, Referat Promocji, Kultury, Sportu"
    rows = [
        ["Imię i nazwisko", "Instytucja", "Spotkanie"],
        ["Jan Kowalski", office, 1],
        ["Anna Nowak", office, 1],
        ["Piotr Zieliński", office, 6],
    ]
    data = csv_bytes(rows, encoding="cp1250", delimiter=";")
    assert data.count(b",") > data.count(b";")

    result = check_bytes(data, "lista.csv")

    assert isinstance(result, CheckResult), getattr(result, "error", result)
    assert result.rows_accepted == 3
    assert result.accepted["institution"].tolist() == [office] * 3
    assert result.accepted["meeting"].tolist() == [1, 1, 6]


def test_windows_1250_polish_letters_are_decoded_not_mangled() -> None:
    data = csv_bytes(LIST, encoding="cp1250")
    assert "Żółć".encode("cp1250") in data

    result = check_bytes(data, "lista.csv")

    assert isinstance(result, CheckResult), getattr(result, "error", result)
    assert "Łukasz Żółć" in result.accepted["person_name"].tolist()
    assert set(result.accepted["gmina"]) == {"Słupno", "Gąbin", "Drobin", "Płock"}


def test_byte_order_mark_does_not_end_up_in_the_first_header() -> None:
    # The BOM sits right before "Lp." here; with "Imię i nazwisko" first it would hide the name column.
    rows = [row[1:] for row in LIST]
    result = check_bytes(csv_bytes(rows, bom=True), "lista.csv")

    assert isinstance(result, CheckResult), getattr(result, "error", result)
    assert result.rows_accepted == 5
    assert result.accepted["person_name"].iloc[0] == "Jan Kowalski"


def test_trailing_empty_lines_are_not_rows() -> None:
    rows = LIST + [[None] * len(HEADER)] * 3
    for fmt in ("xlsx", "csv-utf8", "csv-comma"):
        result = check_table(fmt, rows)
        assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (5, 5, 0), fmt


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods", "csv-cp1250-semicolon"])
def test_check_file_reads_a_path_like_check_bytes(fmt: str, tmp_path) -> None:
    path = tmp_path / filename_for(fmt)
    path.write_bytes(build(fmt, LIST, title_rows=TITLE))

    from_path = check_file(path)
    from_string = check_file(str(path))
    from_bytes = check_bytes(path.read_bytes(), path.name)

    assert isinstance(from_path, CheckResult), getattr(from_path, "error", from_path)
    assert from_path.to_json()["rows_accepted"] == 5
    assert {k: v for k, v in from_path.to_json().items() if k != "file"} == \
        {k: v for k, v in from_bytes.to_json().items() if k != "file"}
    assert from_string.to_json() == from_path.to_json()
    assert from_path.file.endswith(path.name)


def test_xlsx_dates_written_as_datetime_with_time_zero_are_dates() -> None:
    rows = [HEADER[:2] + ["Spotkanie", "Data"],
            [1, "Jan Kowalski", 6, dt.datetime(2017, 12, 7, 0, 0)]]
    result = check_bytes(xlsx_bytes(rows), "lista.xlsx")

    assert isinstance(result, CheckResult), getattr(result, "error", result)
    assert result.accepted["meeting_date"].iloc[0] == pd.Timestamp("2017-12-07")


@pytest.mark.parametrize("fmt", ["xlsx", "csv-cp1250-semicolon"])
@pytest.mark.parametrize(
    "name_header",
    ["Imię i nazwisko", "IMIĘ I NAZWISKO", "Imie i nazwisko", " Imię i nazwisko: ", "Imię i\nnazwisko",
     "Nazwisko i imię", "imię  i  nazwisko"],
)
def test_name_header_is_found_however_it_is_spelled(fmt: str, name_header: str) -> None:
    rows = [
        ["Lp.", name_header, "Gmina", "Data spotkania"],
        [1, "Jan Kowalski", "Słupno", "07.12.2017"],
        [2, "Anna Nowak", "Gąbin", "07.12.2017"],
    ]
    result = check_table(fmt, rows)

    assert (result.rows_read, result.rows_accepted) == (2, 2), result.rejected
    assert result.summary["participants"] == 2
