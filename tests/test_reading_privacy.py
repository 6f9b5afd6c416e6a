"""Personal columns nobody needs (phone, e-mail, signature) are never read: not kept, not reported."""

from __future__ import annotations

import json

import pytest
from builders import FOUR_FORMATS, check_table, data_row

PHONES = ["+48 601 234 567", "24 262 11 22", "698-765-432"]
EMAILS = ["jan.kowalski@slupno.example.pl", "a.nowak@stowarzyszenie.example.org", "zolc.lukasz@example.com"]
SIGNATURES = ["J.Kowalski-podpis", "ANowak-podpis", "LZolc-podpis"]


def long_list_with_personal_columns() -> list[list]:
    return [
        ["Lp.", "Imię i nazwisko", "Gmina", "Telefon", "E-mail", "Spotkanie", "Podpis"],
        [1, "Jan Kowalski", "Słupno", PHONES[0], EMAILS[0], 6, SIGNATURES[0]],
        [2, "Anna Nowak", "Gąbin", PHONES[1], EMAILS[1], "31.02.2017", SIGNATURES[1]],   # rejected
        [3, None, "Drobin", PHONES[2], EMAILS[2], 6, SIGNATURES[2]],                    # rejected
    ]


def wide_list_with_personal_columns() -> list[list]:
    return [
        ["Lp.", "Imię i nazwisko", "Tel.", "Adres e-mail", "I", "II", "Czytelny podpis"],
        [1, "Jan Kowalski", PHONES[0], EMAILS[0], "x", "x", SIGNATURES[0]],
        [2, "Anna Nowak", PHONES[1], EMAILS[1], None, None, SIGNATURES[1]],              # rejected: no mark
        [3, "Łukasz Żółć", PHONES[2], EMAILS[2], "x", None, SIGNATURES[2]],
    ]


def everything_the_result_shows(result) -> str:
    parts = [
        json.dumps(result.to_json(), ensure_ascii=False, default=str),
        result.accepted.to_csv(index=False),
        result.rejected_rows.to_csv(index=False),
        repr(result.rejected),
        repr(result.warnings),
        json.dumps(result.summary, ensure_ascii=False, default=str),
    ]
    return "\n".join(parts)


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
@pytest.mark.parametrize("table", [long_list_with_personal_columns, wide_list_with_personal_columns])
def test_phone_email_and_signature_never_leave_the_file(fmt: str, table) -> None:
    result = check_table(fmt, table())

    assert result.rows_rejected >= 1, "the table has rejected rows, so rejected_rows is exercised"
    shown = everything_the_result_shows(result)
    for secret in PHONES + EMAILS + SIGNATURES:
        assert secret not in shown, f"{secret!r} leaked into the result"
    for digits in ("601234567", "242621122", "698765432"):
        assert digits not in shown.replace(" ", "").replace("-", "")


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
def test_personal_columns_are_not_columns_of_the_rejected_rows_table(fmt: str) -> None:
    result = check_table(fmt, long_list_with_personal_columns())

    headers = {str(c) for c in result.rejected_rows.columns}
    assert not headers & {"Telefon", "E-mail", "Podpis"}, headers
    assert "Imię i nazwisko" in headers
    assert len(result.rejected_rows) == result.rows_rejected == 2
    assert {p.row for p in result.rejected} == {data_row(2), data_row(3)}


@pytest.mark.parametrize("fmt", ["xlsx", "csv-cp1250-semicolon"])
def test_summary_for_the_director_names_nobody(fmt: str) -> None:
    result = check_table(fmt, long_list_with_personal_columns())

    summary = json.dumps(result.summary, ensure_ascii=False)
    for name in ("Kowalski", "Nowak", "Jan", "Anna"):
        assert name not in summary
