"""Wide attendance lists: the paper sign-in matrix typed up, one row per person, one column per meeting."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from builders import (
    FORMATS,
    FOUR_FORMATS,
    SPREADSHEET_FORMATS,
    check_table,
    data_row,
    looks_polish,
    notices_naming,
    problems_at,
    rejected_row_numbers,
)

ROMAN = ["I", "II", "III", "IV", "V", "VI"]


def meetings_of(result, row: int) -> list[int]:
    accepted = result.accepted
    return sorted(accepted.loc[accepted["row"] == row, "meeting"].tolist())


def assert_wide_counts_add_up(result) -> None:
    assert result.rows_read == result.rows_accepted + result.rows_rejected
    assert result.accepted["row"].nunique() == result.rows_accepted
    assert len(rejected_row_numbers(result)) == result.rows_rejected
    assert result.summary["attendances"] == len(result.accepted)


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
def test_roman_numeral_headers_are_meetings_one_to_six(fmt: str) -> None:
    rows = [
        ["Lp.", "Imię i nazwisko", "Gmina", *ROMAN],
        [1, "Jan Kowalski", "Słupno", "x", "x", None, "x", None, "x"],
        [2, "Anna Nowak", "Gąbin", "x", None, None, None, None, "x"],
        [3, "Łukasz Żółć", "Drobin", None, None, "x", None, None, None],
    ]
    result = check_table(fmt, rows)

    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (3, 3, 0)
    assert_wide_counts_add_up(result)
    assert meetings_of(result, data_row(1)) == [1, 2, 4, 6]
    assert meetings_of(result, data_row(2)) == [1, 6]
    assert meetings_of(result, data_row(3)) == [3]
    assert result.summary["attendances"] == 7
    assert result.summary["participants"] == 3
    assert result.summary["attendances_by_meeting"] == {"1": 2, "2": 1, "3": 1, "4": 1, "6": 2}


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
def test_number_headers_are_meeting_numbers(fmt: str) -> None:
    rows = [
        ["Lp.", "Imię i nazwisko", 1, 2, 3, 4, 5, 6],
        [1, "Jan Kowalski", "x", None, None, None, None, "x"],
        [2, "Anna Nowak", None, None, None, None, "x", "x"],
    ]
    result = check_table(fmt, rows)

    assert result.rows_rejected == 0, result.rejected
    assert meetings_of(result, data_row(1)) == [1, 6]
    assert meetings_of(result, data_row(2)) == [5, 6]


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
def test_date_headers_number_the_meetings_in_date_order_and_keep_the_dates(fmt: str) -> None:
    may, sep, dec = dt.date(2017, 5, 25), dt.date(2017, 9, 21), dt.date(2017, 12, 7)
    rows = [
        ["Lp.", "Imię i nazwisko", may, sep, dec],
        [1, "Jan Kowalski", "x", None, "x"],
        [2, "Anna Nowak", None, "x", "x"],
    ]
    result = check_table(fmt, rows)

    assert result.rows_rejected == 0, result.rejected
    assert meetings_of(result, data_row(1)) == [1, 3]
    assert meetings_of(result, data_row(2)) == [2, 3]
    dates = result.accepted.drop_duplicates("meeting").set_index("meeting")["meeting_date"]
    assert dates.loc[1] == pd.Timestamp(may)
    assert dates.loc[2] == pd.Timestamp(sep)
    assert dates.loc[3] == pd.Timestamp(dec)


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
def test_header_with_numeral_and_date_on_two_lines_gives_both(fmt: str) -> None:
    rows = [
        ["Lp.", "Imię i nazwisko", "I\n25.05.2017", "V\n16.11.2017", "VI\n07.12.2017"],
        [1, "Jan Kowalski", "x", None, "x"],
        [2, "Anna Nowak", None, "x", "x"],
    ]
    result = check_table(fmt, rows)

    assert result.rows_accepted == 2 and result.rows_rejected == 0, result.rejected
    assert sorted(result.accepted["meeting"].unique().tolist()) == [1, 5, 6]
    dates = result.accepted.drop_duplicates("meeting").set_index("meeting")["meeting_date"]
    assert dates.loc[1] == pd.Timestamp("2017-05-25")
    assert dates.loc[6] == pd.Timestamp("2017-12-07")
    assert result.summary["attendances_by_meeting"] == {"1": 1, "5": 1, "6": 2}


PRESENT_MARKS = ["x", "X", 1, "1", "tak", "obecny", "obecna", "+", "✓"]
ABSENT_MARKS = [None, "-", 0, "nie", "nieobecny"]
NAMES = ["Jan Kowalski", "Anna Nowak", "Piotr Zieliński", "Ewa Lewandowska", "Tomasz Wójcik",
         "Katarzyna Kamińska", "Marek Szymański", "Agnieszka Dąbrowska", "Paweł Kozłowski"]


@pytest.mark.parametrize("fmt", [*FOUR_FORMATS, "csv-utf8"])
def test_every_present_mark_counts_and_every_absent_mark_does_not(fmt: str) -> None:
    # Windows-1250 has no ✓: a CSV saved in it cannot hold that mark.
    present = [m for m in PRESENT_MARKS if not (fmt == "csv-cp1250-semicolon" and m == "✓")]
    rows = [["Lp.", "Imię i nazwisko", *ROMAN]]
    for number, (name, mark) in enumerate(zip(NAMES, present, strict=False), start=1):
        rows.append([number, name, mark, *ABSENT_MARKS])
    rows.append([len(rows), "Maria Wiśniewska", "nie", "X", "-", "tak", 0, "+"])
    result = check_table(fmt, rows)

    assert result.rows_rejected == 0, result.rejected
    assert result.rows_accepted == len(present) + 1
    for n in range(1, len(present) + 1):
        assert meetings_of(result, data_row(n)) == [1], (n, present[n - 1])
    assert meetings_of(result, data_row(len(present) + 1)) == [2, 4, 6]
    assert result.summary["attendances_by_meeting"] == {"1": len(present), "2": 1, "4": 1, "6": 1}


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
def test_wide_row_with_no_mark_at_all_is_rejected(fmt: str) -> None:
    rows = [
        ["Lp.", "Imię i nazwisko", *ROMAN],
        [1, "Jan Kowalski", "x", None, None, None, None, "x"],
        [2, "Piotr Zieliński", None, None, None, None, None, None],
        [3, "Anna Nowak", None, "x", None, None, None, None],
    ]
    result = check_table(fmt, rows)

    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (3, 2, 1)
    problems = problems_at(result, data_row(2))
    assert problems and all(looks_polish(p.reason) for p in problems), result.rejected
    assert data_row(2) not in result.accepted["row"].tolist()


TOTALS_CASES = [(fmt, "Razem", "Imię i nazwisko") for fmt in FOUR_FORMATS] + [
    (fmt, word, column)
    for fmt in ("xlsx", "csv-cp1250-semicolon")
    for word in ("Razem", "Suma", "Ogółem", "RAZEM:")
    for column in ("Lp.", "Imię i nazwisko")
    if (word, column) != ("Razem", "Imię i nazwisko")
]


@pytest.mark.parametrize(("fmt", "word", "in_column"), TOTALS_CASES)
def test_wide_sheet_with_totals_row_skips_the_totals(fmt: str, word: str, in_column: str) -> None:
    totals = [word, None] if in_column == "Lp." else [None, word]
    rows = [
        ["Lp.", "Imię i nazwisko", "I", "II", "III"],
        [1, "Jan Kowalski", "x", "x", 1],
        [2, "Anna Nowak", "x", None, None],
        [3, "Łukasz Żółć", "x", "x", None],
        [*totals, 3, 2, 1],       # the counts per meeting: "1" must not read as a mark
    ]
    result = check_table(fmt, rows)

    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (3, 3, 0), result.rejected
    assert data_row(4) not in result.accepted["row"].tolist()
    assert result.summary["participants"] == 3
    assert result.summary["attendances_by_meeting"] == {"1": 3, "2": 2, "3": 1}
    skipped = [w for w in result.warnings if w.row == data_row(4) or str(data_row(4)) in w.message]
    assert skipped, f"no warning names the totals row {data_row(4)}: {result.warnings}"


@pytest.mark.parametrize("fmt", ["xlsx", "csv-cp1250-semicolon"])
def test_institution_named_razem_is_a_person_not_a_totals_row(fmt: str) -> None:
    rows = [
        ["Lp.", "Imię i nazwisko", "Instytucja", "I", "II"],
        [1, "Jan Kowalski", "Urząd Gminy Gąbin", "x", None],
        [2, "Anna Nowak", "Razem dla Gąbina – stowarzyszenie", "x", "x"],
    ]
    result = check_table(fmt, rows)

    assert (result.rows_read, result.rows_accepted) == (2, 2)
    assert meetings_of(result, data_row(2)) == [1, 2]


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
def test_the_same_wide_row_typed_twice_is_rejected_the_second_time(fmt: str) -> None:
    row = [2, "Anna Nowak", "Gąbin", "x", None, "x"]
    rows = [
        ["Lp.", "Imię i nazwisko", "Gmina", "I", "II", "III"],
        [1, "Jan Kowalski", "Słupno", "x", "x", "x"],
        row,
        row,
    ]
    result = check_table(fmt, rows)

    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (3, 2, 1)
    assert rejected_row_numbers(result) == {data_row(3)}
    assert result.summary["attendances"] == 5


@pytest.mark.parametrize("fmt", FORMATS)
def test_real_sign_in_matrix_with_title_totals_and_personal_columns(fmt: str) -> None:
    rows = [
        ["Lp.", "Nazwisko i imię", "Instytucja / organizacja", "Gmina", "Sektor", "Grupa", "Telefon",
         *ROMAN, "Podpis"],
        [1, "Kowalski Jan", "Urząd Gminy Słupno", "gm. Słupno", "rynek pracy", "JST", "601 234 567",
         "x", "x", "-", "x", "x", "x", "J. Kowalski"],
        [2, "Nowak Anna", "Stowarzyszenie Gąbińskie", "Gąbin", "kultura", "stowarzyszenie", None,
         "x", "-", "-", "-", "x", "x", None],
        [3, "Wiśniewska Maria", "Piekarnia", "m. Płock", "biznes", "przedsiębiorcy", "24 262 00 00",
         "-", "-", "-", "-", "-", "x", "M.W."],
        [None, "Razem", None, None, None, None, None, 2, 1, 0, 1, 2, 3, None],
    ]
    title = ["Lista obecności uczestników warsztatów „Partnerstwo Lokalne” 2017", None]
    result = check_table(fmt, rows, title_rows=title)

    assert result.header_row == 3
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (3, 3, 0), result.rejected
    assert_wide_counts_add_up(result)
    assert result.summary["attendances_by_meeting"] == {"1": 2, "2": 1, "4": 1, "5": 2, "6": 3}
    assert result.summary["participants_by_gmina"] == {"Słupno": 1, "Gąbin": 1, "Płock": 1}
    assert result.summary["participants_by_sector"] == {"rynek pracy": 1, "kultura": 1, "gospodarka": 1}
    assert result.summary["participants_by_group"] == {
        "samorząd lokalny": 1, "organizacje pozarządowe": 1, "przedsiębiorcy": 1}
    assert notices_naming(result, "gm. Słupno", "Słupno")
    assert any(w.row == data_row(4, title_rows=2) or str(data_row(4, title_rows=2)) in w.message
               for w in result.warnings), result.warnings


@pytest.mark.parametrize("fmt", SPREADSHEET_FORMATS)
def test_wide_accepted_rows_carry_the_sheet_and_row_of_the_person(fmt: str) -> None:
    rows = [["Imię i nazwisko", "I", "II"], ["Jan Kowalski", "x", "x"]]
    result = check_table(fmt, rows, sheet="Obecności")

    assert result.accepted["row"].tolist() == [2, 2]
    assert result.accepted["sheet"].tolist() == ["Obecności", "Obecności"]
