"""Files we produce (CSV, .xlsx): a cell from a user's spreadsheet never runs as a formula."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import numpy as np
import openpyxl
import pandas as pd
import pytest

from analytics.safe_export import (
    csv_bytes,
    download_name,
    neutralise_cell,
    safe_frame,
    spreadsheet_cell,
    xlsx_bytes,
)

HYPERLINK = '=HYPERLINK("http://x")'


def read_csv_back(data: bytes) -> list[list[str]]:
    """The CSV as Polish Excel splits it: UTF-8 with BOM, `;` between fields."""
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def read_xlsx_back(data: bytes) -> list[list[openpyxl.cell.Cell]]:
    return [list(row) for row in openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows()]


@pytest.mark.parametrize("text", [HYPERLINK, "+48 600 100 200", "-brak daty", "@SUM(A1)", "\tcmd", "\r=1+1"])
def test_text_that_would_start_a_formula_gets_an_apostrophe(text: str) -> None:
    assert neutralise_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Jan Kowalski", "Słupno", "", " =1+1", "1+1", None, -5, -2.5, 0,
                                   np.int64(-3), True, pd.Timestamp("2017-12-07")])
def test_other_values_are_left_as_they_are(value: object) -> None:
    assert neutralise_cell(value) is value


def test_a_csv_cell_with_a_hyperlink_formula_opens_as_text() -> None:
    frame = pd.DataFrame({"Imię i nazwisko": [HYPERLINK, "Anna Nowak"], "Gmina": ["Słupno", "@SUM(A1)"]})

    rows = read_csv_back(csv_bytes(frame))

    assert rows == [["Imię i nazwisko", "Gmina"], ["'" + HYPERLINK, "Słupno"], ["Anna Nowak", "'@SUM(A1)"]]


def test_csv_numbers_stay_numbers_with_a_decimal_comma_and_text_that_looks_numeric_stays_text() -> None:
    frame = pd.DataFrame({"Budżet (zł)": [-1250.5, 300.0], "Miejsca pracy": [-1, 2], "Uwagi": ["-5", "+5"]})

    rows = read_csv_back(csv_bytes(frame))

    assert rows[1:] == [["-1250,5", "-1", "'-5"], ["300,0", "2", "'+5"]]


def test_csv_headers_from_a_users_file_are_neutralised_too() -> None:
    rows = read_csv_back(csv_bytes(pd.DataFrame({"=cmd|' /C calc'!A0": ["x"]})))

    assert rows[0] == ["'=cmd|' /C calc'!A0"]


def test_csv_dates_without_a_time_are_written_as_dates() -> None:
    frame = pd.DataFrame({"Data spotkania": pd.to_datetime(["2017-12-07", None]),
                          "Zapisano": pd.to_datetime(["2017-12-07 10:30", "2017-12-08 00:00"])})

    rows = read_csv_back(csv_bytes(frame))

    assert rows[1:] == [["2017-12-07", "2017-12-07 10:30:00"], ["", "2017-12-08 00:00:00"]]


def test_an_xlsx_cell_with_a_hyperlink_formula_reads_back_as_a_string_not_a_formula() -> None:
    frame = pd.DataFrame({"Imię i nazwisko": [HYPERLINK, "Anna Nowak"], "Spotkanie": [6, 1]})

    rows = read_xlsx_back(xlsx_bytes(frame, "Uczestnicy"))

    cell = rows[1][0]
    assert cell.value == "'" + HYPERLINK and cell.data_type == "s"
    assert all(c.data_type != "f" for row in rows for c in row)
    assert [[c.value for c in row] for row in rows] == [
        ["Imię i nazwisko", "Spotkanie"], ["'" + HYPERLINK, 6], ["Anna Nowak", 1]]


def test_xlsx_keeps_numbers_dates_and_empty_cells_as_such() -> None:
    frame = pd.DataFrame({
        "Budżet": [-1250.5, np.nan], "Liczba": pd.array([-3, None], dtype="Int64"),
        "Data": pd.to_datetime(["2017-12-07", None]), "Tekst": pd.array(["+1", None], dtype="string"),
        "Rodzaj": pd.Categorical(["=A1", "kultura"]), "Obecny": [True, False],
    })

    rows = read_xlsx_back(xlsx_bytes(frame, "Dane"))

    values = [[c.value for c in row] for row in rows[1:]]
    assert values[0][:2] == [-1250.5, -3] and values[0][2].date() == pd.Timestamp("2017-12-07").date()
    assert values[0][3:] == ["'+1", "'=A1", True]
    assert values[1] == [None, None, None, None, "kultura", False]
    assert rows[1][2].is_date


def test_xlsx_drops_control_characters_that_would_break_the_file() -> None:
    rows = read_xlsx_back(xlsx_bytes(pd.DataFrame({"Uwagi": ["przed\x00\x07po"]}), "Dane"))

    assert rows[1][0].value == "przedpo"


def test_xlsx_sheet_name_is_made_one_excel_accepts_and_the_header_row_is_frozen() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(pd.DataFrame({"a": [1]}),
                                                            "Odrzucone wiersze [lista] 2017/12: wszystkie")))

    sheet = workbook.active
    assert sheet.title == "Odrzucone wiersze lista 2017 12" and sheet.freeze_panes == "A2"


def test_safe_frame_leaves_the_original_frame_alone() -> None:
    frame = pd.DataFrame({"a": [HYPERLINK], "b": [-1]})

    safe = safe_frame(frame)

    assert frame.iloc[0, 0] == HYPERLINK
    assert safe.iloc[0, 0] == "'" + HYPERLINK and safe.iloc[0, 1] == -1


def test_empty_tables_still_make_files() -> None:
    assert read_csv_back(csv_bytes(pd.DataFrame(columns=["Gmina"]))) == [["Gmina"]]
    rows = read_xlsx_back(xlsx_bytes(pd.DataFrame(columns=["Gmina"]), ""))
    assert [[c.value for c in row] for row in rows] == [["Gmina"]]


# -- spreadsheet_cell: every value as an .xlsx cell takes it (xlsx_bytes and the Excel report) -----------


@pytest.mark.parametrize("value", [None, float("nan"), pd.NaT, pd.NA, np.float64("nan"), float("inf"),
                                   float("-inf")])
def test_a_missing_or_infinite_value_is_an_empty_cell(value: object) -> None:
    assert spreadsheet_cell(value) is None


def test_numpy_scalars_are_unwrapped_into_plain_numbers_and_booleans() -> None:
    assert spreadsheet_cell(np.int64(-3)) == -3 and type(spreadsheet_cell(np.int64(-3))) is int
    assert type(spreadsheet_cell(np.float64(2.5))) is float
    assert spreadsheet_cell(np.bool_(True)) is True


def test_a_timestamp_at_midnight_is_a_date_and_one_with_a_time_keeps_it() -> None:
    assert spreadsheet_cell(pd.Timestamp("2017-12-07")) == dt.date(2017, 12, 7)
    assert type(spreadsheet_cell(pd.Timestamp("2017-12-07"))) is dt.date
    assert spreadsheet_cell(pd.Timestamp("2017-12-07 10:30")) == dt.datetime(2017, 12, 7, 10, 30)
    assert spreadsheet_cell(dt.datetime(2017, 12, 7)) == dt.date(2017, 12, 7)


def test_a_timestamp_with_a_zone_keeps_its_wall_clock_time_as_excel_has_no_zones() -> None:
    assert spreadsheet_cell(pd.Timestamp("2017-12-07 14:03", tz="Europe/Warsaw")) == dt.datetime(2017, 12, 7,
                                                                                                  14, 3)


def test_numbers_booleans_and_dates_stay_as_they_are() -> None:
    for value in (-5, 2.5, True, Decimal("12.50"), dt.date(2017, 12, 7)):
        assert spreadsheet_cell(value) == value and type(spreadsheet_cell(value)) is type(value)


def test_text_that_would_start_a_formula_is_neutralised_in_a_cell_too() -> None:
    assert spreadsheet_cell(HYPERLINK) == "'" + HYPERLINK
    assert spreadsheet_cell("Słupno") == "Słupno"


def test_control_characters_xml_forbids_are_removed_and_a_formula_behind_them_is_neutralised() -> None:
    assert spreadsheet_cell("Skarby\x0bPowiatu\x01 Płockiego") == "SkarbyPowiatu Płockiego"
    assert spreadsheet_cell("\x02=1+1") == "'=1+1"
    assert spreadsheet_cell("wiersz 1\nwiersz 2\tkoniec") == "wiersz 1\nwiersz 2\tkoniec"   # allowed in XML


def test_lists_dicts_and_other_objects_are_written_as_their_text() -> None:
    assert spreadsheet_cell(["Słupno", "Płock"]) == "['Słupno', 'Płock']"
    assert spreadsheet_cell({"gmina": "Słupno"}) == "{'gmina': 'Słupno'}"
    assert spreadsheet_cell(pd.Period("2017-12", "M")) == "2017-12"


def test_an_xlsx_cell_with_control_characters_is_written_without_them() -> None:
    rows = read_xlsx_back(xlsx_bytes(pd.DataFrame({"Tytuł": ["Skarby\x0bPowiatu"]}), "Projekty"))

    assert rows[1][0].value == "SkarbyPowiatu"


def test_download_names_keep_no_spaces_nor_polish_letters() -> None:
    assert download_name("lista uczestników Słupno", "csv") == "lista_uczestnikow_slupno.csv"
    assert download_name("", "xlsx") == "tabela.xlsx"
