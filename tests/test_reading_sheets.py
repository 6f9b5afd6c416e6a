"""Workbooks with several sheets: the sheets that hold the data are read, the others left alone."""

from __future__ import annotations

import pytest
from builders import SPREADSHEET_FORMATS, build, check_table, filename_for, xlsx_bytes

from analytics.reading.pipeline import check_bytes
from analytics.results import CheckResult

LIST = [
    ["Lp.", "Imię i nazwisko", "Gmina", "Spotkanie"],
    [1, "Jan Kowalski", "Słupno", 6],
    [2, "Anna Nowak", "Gąbin", 6],
]
# The instruction tab staff keep in front of the list; its prose names the very headers of the list.
INSTRUCTIONS = [
    ["Instrukcja wypełniania listy obecności"],
    [None],
    ["1. W kolumnie „Imię i nazwisko” wpisz uczestnika, w kolumnie „Gmina” jego gminę."],
    ["2. W kolumnie „Spotkanie” wpisz numer spotkania (1–6) albo datę."],
    ["3. Nie wpisuj numeru telefonu ani adresu e-mail."],
    ["Imię i nazwisko", "Gmina"],
]


@pytest.mark.parametrize("fmt", SPREADSHEET_FORMATS)
def test_instruction_sheet_in_front_of_the_list_is_ignored(fmt: str) -> None:
    result = check_table(fmt, LIST, sheet="Lista", extra_sheets={"Instrukcja": INSTRUCTIONS})

    assert result.sheet == "Lista"
    assert result.header_row == 1
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (2, 2, 0), result.rejected
    assert result.accepted["person_name"].tolist() == ["Jan Kowalski", "Anna Nowak"]
    assert set(result.accepted["sheet"]) == {"Lista"}


@pytest.mark.parametrize("fmt", SPREADSHEET_FORMATS)
def test_empty_default_sheets_beside_the_list_are_ignored(fmt: str) -> None:
    result = check_table(fmt, LIST, sheet="Arkusz1", extra_sheets={"Arkusz2": [], "Arkusz3": [[None]]})

    assert result.sheet == "Arkusz1"
    assert result.rows_accepted == 2


def test_instruction_sheet_after_the_list_is_ignored_too() -> None:
    data = xlsx_bytes(LIST, sheet="Lista", extra_sheets={"Instrukcja": INSTRUCTIONS},
                      extra_sheets_first=False)
    result = check_bytes(data, "lista.xlsx")

    assert isinstance(result, CheckResult), getattr(result, "error", result)
    assert result.sheet == "Lista"
    assert result.rows_read == 2


@pytest.mark.parametrize("fmt", SPREADSHEET_FORMATS)
def test_a_list_per_meeting_on_separate_sheets_is_read_from_all_of_them(fmt: str) -> None:
    first = [
        ["Lp.", "Imię i nazwisko", "Gmina", "Spotkanie"],
        [1, "Jan Kowalski", "Słupno", 1],
        [2, "Anna Nowak", "Gąbin", 1],
    ]
    sixth = [
        ["Lp.", "Imię i nazwisko", "Gmina", "Spotkanie"],
        [1, "KOWALSKI Jan", "Słupno", 6],
        [2, "Łukasz Żółć", "Drobin", 6],
        [3, None, "Drobin", 6],
    ]
    data = build(fmt, sixth, sheet="Spotkanie VI",
                 extra_sheets={"Instrukcja": INSTRUCTIONS, "Spotkanie I": first})
    result = check_bytes(data, filename_for(fmt))

    assert isinstance(result, CheckResult), getattr(result, "error", result)
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (5, 4, 1)
    assert "Spotkanie I" in result.sheet and "Spotkanie VI" in result.sheet
    assert "Instrukcja" not in result.sheet
    assert sorted(set(result.accepted["sheet"])) == ["Spotkanie I", "Spotkanie VI"]
    assert result.summary["participants"] == 3
    assert result.summary["attendances_by_meeting"] == {"1": 2, "6": 2}
    sixth_rows = result.accepted[result.accepted["sheet"] == "Spotkanie VI"]
    assert sixth_rows["row"].tolist() == [2, 3]
    assert {p.row for p in result.rejected} == {4}
