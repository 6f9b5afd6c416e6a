"""Long attendance lists (one row per person per meeting): meetings, dates, identity, rejected rows."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from builders import (
    CSV_FORMATS,
    FOUR_FORMATS,
    SPREADSHEET_FORMATS,
    check_table,
    data_row,
    looks_polish,
    problems_at,
    rejected_row_numbers,
)

DEC_7 = dt.date(2017, 12, 7)
# Windows-1250 has no ✓.
FORMATS_HOLDING_A_CHECKMARK = ("xlsx", "xls", "ods", "csv-utf8")


def assert_counts_add_up(result) -> None:
    assert result.rows_read == result.rows_accepted + result.rows_rejected
    assert len(rejected_row_numbers(result)) == result.rows_rejected


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
def test_meeting_written_as_number_text_roman_or_words_is_one_number(fmt: str) -> None:
    rows = [
        ["Imię i nazwisko", "Spotkanie"],
        ["Jan Kowalski", 1],
        ["Anna Nowak", "6"],
        ["Piotr Zieliński", "VI"],
        ["Ewa Lewandowska", "spotkanie 6"],
        ["Tomasz Wójcik", "II"],
    ]
    result = check_table(fmt, rows)

    assert result.rows_rejected == 0, result.rejected
    assert result.accepted["meeting"].tolist() == [1, 6, 6, 6, 2]
    assert result.summary["attendances_by_meeting"] == {"1": 1, "2": 1, "6": 3}
    assert result.summary["meetings"] == 3


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
def test_meeting_date_as_date_cell_serial_number_or_text_is_the_same_day(fmt: str) -> None:
    rows = [
        ["Lp.", "Imię i nazwisko", "Spotkanie", "Data"],
        [1, "Jan Kowalski", 6, DEC_7],           # a real date cell (text 07.12.2017 in a CSV)
        [2, "Anna Nowak", 6, 43076],             # the date as an Excel serial number
        [3, "Piotr Zieliński", 6, "07.12.2017"],  # typed as text, Polish order
        [4, "Ewa Lewandowska", 6, "2017-12-07"],  # typed as text, ISO order
    ]
    result = check_table(fmt, rows)

    assert result.rows_rejected == 0, result.rejected
    assert pd.api.types.is_datetime64_any_dtype(result.accepted["meeting_date"])
    assert result.accepted["meeting_date"].tolist() == [pd.Timestamp("2017-12-07")] * 4
    assert result.accepted["meeting"].tolist() == [6, 6, 6, 6]


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
def test_meetings_given_only_by_date_are_numbered_in_date_order(fmt: str) -> None:
    rows = [
        ["Imię i nazwisko", "Data spotkania"],
        ["Jan Kowalski", "07.12.2017"],
        ["Anna Nowak", dt.date(2017, 5, 25)],
        ["Jan Kowalski", dt.date(2017, 9, 21)],
        ["Piotr Zieliński", "25.05.2017"],
        ["Ewa Lewandowska", 43076],
    ]
    result = check_table(fmt, rows)

    assert result.rows_rejected == 0, result.rejected
    assert result.accepted["meeting"].tolist() == [3, 1, 2, 1, 3]
    assert result.summary["attendances_by_meeting"] == {"1": 2, "2": 1, "3": 2}
    assert result.summary["meetings"] == 3
    assert result.summary["participants"] == 4


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
def test_impossible_date_rejects_its_row_with_the_value_and_a_polish_reason(fmt: str) -> None:
    rows = [
        ["Lp.", "Imię i nazwisko", "Gmina", "Spotkanie", "Data spotkania"],
        [1, "Jan Kowalski", "Słupno", 2, "31.02.2017"],
        [2, "Anna Nowak", "Gąbin", 6, DEC_7],
    ]
    result = check_table(fmt, rows)

    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (2, 1, 1)
    problems = problems_at(result, data_row(1))
    assert problems, result.rejected
    assert any("31.02.2017" in (p.value or "") for p in problems), problems
    assert all(looks_polish(p.reason) for p in problems), problems
    assert result.accepted["person_name"].tolist() == ["Anna Nowak"]


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
def test_row_without_a_person_is_rejected_and_the_others_are_kept(fmt: str) -> None:
    rows = [
        ["Lp.", "Imię i nazwisko", "Gmina", "Sektor", "Spotkanie"],
        [1, "Jan Kowalski", "Słupno", "kultura", 6],
        [2, None, "Gąbin", "edukacja", 6],
        [3, "Anna Nowak", "Gąbin", "kultura", 6],
    ]
    result = check_table(fmt, rows)

    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (3, 2, 1)
    problems = problems_at(result, data_row(2))
    assert len(problems) >= 1, result.rejected
    assert all(p.reason and looks_polish(p.reason) for p in problems), problems
    assert result.accepted["row"].tolist() == [data_row(1), data_row(3)]


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
def test_same_person_twice_at_one_meeting_keeps_the_first_and_rejects_the_rest(fmt: str) -> None:
    rows = [
        ["Imię i nazwisko", "Gmina", "Spotkanie"],
        ["Jan Kowalski", "Słupno", 6],
        ["KOWALSKI Jan", "Słupno", 6],
        ["Kowalski  jan", "Słupno", 6],
        ["Łukasz Żółć", "Drobin", 6],
        ["Lukasz Zolc", "Drobin", 6],
        ["Jan Kowalski", "Słupno", 1],
    ]
    result = check_table(fmt, rows)

    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (6, 3, 3)
    assert rejected_row_numbers(result) == {data_row(2), data_row(3), data_row(5)}
    assert all(looks_polish(p.reason) for p in result.rejected), result.rejected
    assert result.accepted["row"].tolist() == [data_row(1), data_row(4), data_row(6)]
    assert result.summary["participants"] == 2
    assert result.summary["attendances_by_meeting"] == {"1": 1, "6": 2}


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
def test_name_written_in_another_order_case_or_without_polish_letters_is_one_person(fmt: str) -> None:
    rows = [
        ["Imię i nazwisko", "Spotkanie"],
        ["Jan Kowalski", 1],
        ["KOWALSKI Jan", 2],
        ["Kowalski  jan", 3],
        ["Łukasz Żółć", 1],
        ["Lukasz Zolc", 2],
        ["ŻÓŁĆ Łukasz", 3],
    ]
    result = check_table(fmt, rows)

    assert result.rows_rejected == 0, result.rejected
    assert result.summary["participants"] == 2
    keys = result.accepted["person_key"].tolist()
    assert keys[0] == keys[1] == keys[2]
    assert keys[3] == keys[4] == keys[5]
    assert keys[0] != keys[3]


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
def test_the_same_row_typed_twice_is_rejected_once(fmt: str) -> None:
    row = [3, "Anna Nowak", "Stowarzyszenie Gąbińskie", "Gąbin", "kultura", 4, "21.09.2017"]
    rows = [
        ["Lp.", "Imię i nazwisko", "Instytucja", "Gmina", "Sektor", "Spotkanie", "Data"],
        [1, "Jan Kowalski", "Urząd Gminy Słupno", "Słupno", "rynek pracy", 4, "21.09.2017"],
        row,
        row,
    ]
    result = check_table(fmt, rows)

    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (3, 2, 1)
    assert rejected_row_numbers(result) == {data_row(3)}
    assert result.summary["attendances"] == 2


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
def test_separate_first_name_and_surname_columns_make_one_person(fmt: str) -> None:
    rows = [
        ["Lp.", "Imię", "Nazwisko", "Gmina", "Spotkanie"],
        [1, "Jan", "Kowalski", "Słupno", 1],
        [2, "JAN", "KOWALSKI", "Słupno", 2],
        [3, "Anna", "Nowak", "Gąbin", 2],
        [4, "Jan", "Kowalski", "Słupno", 2],
    ]
    result = check_table(fmt, rows)

    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (4, 3, 1)
    assert rejected_row_numbers(result) == {data_row(4)}
    assert result.summary["participants"] == 2
    first = result.accepted.iloc[0]
    assert "Jan" in first["person_name"] and "Kowalski" in first["person_name"]


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
def test_surname_first_header_is_read_as_the_name_column(fmt: str) -> None:
    rows = [
        ["Lp.", "Nazwisko i imię", "Spotkanie"],
        [1, "Kowalski Jan", 1],
        [2, "Nowak Anna", 1],
        [3, "Jan Kowalski", 2],
    ]
    result = check_table(fmt, rows)

    assert result.rows_rejected == 0, result.rejected
    assert result.summary["participants"] == 2


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
def test_participant_id_column_wins_over_names(fmt: str) -> None:
    rows = [
        ["ID uczestnika", "Imię i nazwisko", "Spotkanie"],
        ["P-001", "Anna Nowak", 1],
        ["P-002", "Anna Nowak", 1],             # a namesake: another person, not a duplicate
        ["P-001", "Anna Nowak-Zielińska", 2],   # she married: same ID, same person
        ["P-002", "Anna Nowak", 1],             # really twice at meeting 1
    ]
    result = check_table(fmt, rows)

    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (4, 3, 1)
    assert rejected_row_numbers(result) == {data_row(4)}
    assert result.summary["participants"] == 2
    keys = result.accepted["person_key"].tolist()
    assert keys[0] != keys[1]
    assert keys[0] == keys[2]


@pytest.mark.parametrize("fmt", ["xlsx", "csv-cp1250-semicolon"])
def test_rejected_rows_keep_the_users_headers_and_values_to_fix_and_reupload(fmt: str) -> None:
    rows = [
        ["Lp.", "Imię i nazwisko", "Gmina", "Spotkanie", "Data spotkania"],
        [1, "Jan Kowalski", "Słupno", 2, "31.02.2017"],
        [2, None, "Gąbin", 6, "07.12.2017"],
        [3, "Anna Nowak", "Gąbin", 6, "07.12.2017"],
    ]
    result = check_table(fmt, rows)

    assert result.rows_rejected == 2
    table = result.rejected_rows
    assert len(table) == 2
    assert "Imię i nazwisko" in table.columns and "Data spotkania" in table.columns
    assert "31.02.2017" in table.astype(str).to_string()
    assert "Jan Kowalski" in table["Imię i nazwisko"].astype(str).tolist()


@pytest.mark.parametrize("fmt", SPREADSHEET_FORMATS + CSV_FORMATS[:1])
def test_blank_row_inside_the_list_is_not_a_row_read(fmt: str) -> None:
    rows = [
        ["Lp.", "Imię i nazwisko", "Spotkanie"],
        [1, "Jan Kowalski", 6],
        [None, None, None],
        [2, "Anna Nowak", 6],
    ]
    result = check_table(fmt, rows)

    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (2, 2, 0)
    assert result.accepted["row"].tolist() == [data_row(1), data_row(3)]


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
def test_pre_numbered_empty_rows_of_the_printed_list_are_not_rows_read(fmt: str) -> None:
    # The paper list comes with Lp. 1-5 printed; only two people signed.
    rows = [
        ["Lp.", "Imię i nazwisko", "Gmina", "Spotkanie"],
        [1, "Jan Kowalski", "Słupno", 6],
        [2, "Anna Nowak", "Gąbin", 6],
        [3, None, None, None],
        [4, None, None, None],
        [5, None, None, None],
    ]
    result = check_table(fmt, rows)

    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (2, 2, 0), result.rejected


@pytest.mark.parametrize("fmt", FORMATS_HOLDING_A_CHECKMARK)
def test_counts_always_add_up_on_a_messy_long_list(fmt: str) -> None:
    rows = [
        ["Lp.", "Imię i nazwisko", "Gmina", "Sektor", "Grupa", "Spotkanie", "Data"],
        [1, "Jan Kowalski", "gm. Słupno", "biznes", "JST", "VI", "07.12.2017"],
        [2, "KOWALSKI Jan", "Słupno", "gospodarka", "samorząd", 6, 43076],
        [3, None, "Gąbin", "kultura", "NGO", "spotkanie 6", DEC_7],
        [4, "Anna Nowak ✓", "Gostynin", "sport", "emeryci", 6, "31.02.2017"],
        [5, "Maria Wiśniewska", None, None, None, "I", "25.05.2017"],
        ["Razem", None, None, None, None, None, None],
    ]
    result = check_table(fmt, rows)

    assert_counts_add_up(result)
    assert result.rows_read == 5
    assert result.summary["attendances"] == len(result.accepted)
    assert result.summary["participants"] == result.accepted["person_key"].nunique()
    assert sum(result.summary["attendances_by_meeting"].values()) == result.summary["attendances"]
    for key in ("participants_by_sector", "participants_by_group", "participants_by_gmina"):
        assert sum(result.summary[key].values()) == result.summary["participants"], key

