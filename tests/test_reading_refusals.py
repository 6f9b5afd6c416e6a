"""Files that cannot be read are refused with one Polish sentence, quickly, and never with an exception."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from builders import (
    FORMATS,
    FOUR_FORMATS,
    build,
    corrupt_zip_member,
    csv_bytes,
    filename_for,
    looks_polish,
    ods_bytes,
    ole_with_encryption_info,
    password_protected_xlsx,
    pdf_bytes,
    png_bytes,
    random_binary,
    truncated,
    whitespace_padded_sheet,
    with_declared_size,
    with_member_replaced,
    xls_bytes,
    xlsx_bytes,
)

from analytics.reading.pipeline import check_bytes, check_file
from analytics.results import CheckResult, Refusal

LIST = [
    ["Lp.", "Imię i nazwisko", "Gmina", "Spotkanie"],
    [1, "Jan Kowalski", "Słupno", 6],
    [2, "Anna Nowak", "Gąbin", 6],
]
SHEET_MEMBER = "xl/worksheets/sheet1.xml"


def assert_refused(result, filename: str) -> Refusal:
    assert isinstance(result, Refusal), f"expected a refusal, got {type(result).__name__}: " + (
        str(result.to_json()) if isinstance(result, CheckResult) else repr(result))
    assert result.file == filename
    assert isinstance(result.error, str) and result.error.strip()
    assert looks_polish(result.error), result.error
    assert result.to_json() == {"error": result.error}
    assert "Traceback" not in result.error
    return result


def test_empty_file_is_refused() -> None:
    assert_refused(check_bytes(b"", "lista.xlsx"), "lista.xlsx")


def test_file_of_blank_lines_is_refused() -> None:
    assert_refused(check_bytes(b"\r\n\r\n  \r\n", "lista.csv"), "lista.csv")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("zdjecie_listy.png", png_bytes()),
        ("lista.pdf", pdf_bytes()),
        ("lista.xlsx", random_binary()),
        ("lista.csv", random_binary(seed=1)),
        ("lista.png.xlsx", png_bytes()),      # a picture renamed to look like a workbook
    ],
)
def test_file_that_is_not_a_spreadsheet_is_refused(name: str, data: bytes) -> None:
    assert_refused(check_bytes(data, name), name)


@pytest.mark.parametrize(
    ("fmt", "data"),
    [
        ("xlsx", xlsx_bytes(LIST)),
        ("xls", xls_bytes(LIST)),
        ("ods", ods_bytes(LIST)),
    ],
)
def test_workbook_cut_in_half_is_refused(fmt: str, data: bytes) -> None:
    name = filename_for(fmt)
    assert_refused(check_bytes(truncated(data), name), name)


def test_zip_with_a_corrupt_sheet_is_refused() -> None:
    data = corrupt_zip_member(xlsx_bytes(LIST), SHEET_MEMBER)
    assert_refused(check_bytes(data, "lista.xlsx"), "lista.xlsx")


def test_zip_signature_followed_by_garbage_is_refused() -> None:
    data = b"PK\x03\x04" + random_binary(2000)
    assert_refused(check_bytes(data, "lista.xlsx"), "lista.xlsx")


def test_zip_that_is_no_workbook_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("zdjecia/lista1.jpg", b"\xff\xd8\xff\xe0" + bytes(100))
        archive.writestr("opis.txt", "Lista obecności – skany")
    assert_refused(check_bytes(buffer.getvalue(), "lista.zip"), "lista.zip")


def test_ole_file_with_an_encryption_stream_is_refused_as_password_protected() -> None:
    refusal = assert_refused(check_bytes(ole_with_encryption_info(), "lista.xlsx"), "lista.xlsx")
    assert "hasł" in refusal.error.lower(), refusal.error


def test_workbook_encrypted_with_a_password_by_office_is_refused() -> None:
    pytest.importorskip("msoffcrypto", reason="msoffcrypto-tool builds a really encrypted workbook")
    data = password_protected_xlsx(xlsx_bytes(LIST))
    refusal = assert_refused(check_bytes(data, "lista.xlsx"), "lista.xlsx")
    assert "hasł" in refusal.error.lower(), refusal.error


def test_zip_bomb_declaring_gigabytes_is_refused_from_its_declared_sizes_within_seconds() -> None:
    data = with_declared_size(xlsx_bytes(LIST), SHEET_MEMBER, 0xF000_0000)   # "3.75 GB" unpacked
    assert len(data) < 20_000
    started = time.monotonic()
    result = check_bytes(data, "lista.xlsx")
    elapsed = time.monotonic() - started

    assert_refused(result, "lista.xlsx")
    assert elapsed < 5, f"took {elapsed:.1f} s"


def test_zip_packed_far_tighter_than_any_real_sheet_is_refused() -> None:
    # 60 MB of whitespace inside the sheet XML, packed into ~60 kB: a ratio no real workbook has.
    original = xlsx_bytes(LIST)
    sheet = zipfile.ZipFile(io.BytesIO(original)).read(SHEET_MEMBER)
    data = with_member_replaced(original, SHEET_MEMBER, whitespace_padded_sheet(sheet, 60))
    assert len(data) < 200_000
    started = time.monotonic()
    result = check_bytes(data, "lista.xlsx")
    elapsed = time.monotonic() - started

    assert_refused(result, "lista.xlsx")
    assert elapsed < 5, f"took {elapsed:.1f} s"


@pytest.mark.parametrize("fmt", FORMATS)
def test_table_without_recognisable_columns_is_refused_naming_the_expected_columns(fmt: str) -> None:
    rows = [
        ["Kolumna A", "Kolumna B", "Wartość"],
        ["abc", "def", 12],
        ["ghi", "jkl", 7],
    ]
    name = filename_for(fmt)
    refusal = assert_refused(check_bytes(build(fmt, rows), name), name)
    assert "Imię i nazwisko" in refusal.error, refusal.error


@pytest.mark.parametrize("fmt", ["xlsx", "csv-utf8"])
def test_attendance_asked_for_a_projects_register_names_the_attendance_columns(fmt: str) -> None:
    rows = [["Tytuł projektu", "Status"], ["Skarby Powiatu Płockiego", "w realizacji"]]
    name = filename_for(fmt)
    refusal = assert_refused(check_bytes(build(fmt, rows), name, kind="attendance"), name)
    assert "Imię i nazwisko" in refusal.error, refusal.error


def test_file_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUP_MAX_UPLOAD_MB", "0.01")      # 10 kB
    small = csv_bytes(LIST)
    big = csv_bytes([LIST[0]] + [[n, f"Uczestnik Numer {n}", "Słupno", 6] for n in range(1, 800)])
    assert len(small) < 10_000 < len(big)

    assert isinstance(check_bytes(small, "lista.csv"), CheckResult)
    assert_refused(check_bytes(big, "lista.csv"), "lista.csv")


def test_size_limit_is_checked_for_files_on_disk_too(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("PUP_MAX_UPLOAD_MB", "0.01")
    path = tmp_path / "lista.xlsx"
    rows = [LIST[0]] + [[n, f"Uczestnik Numer {n}", "Słupno", 6] for n in range(1, 2000)]
    path.write_bytes(xlsx_bytes(rows))
    assert path.stat().st_size > 11_000

    result = check_file(path)
    assert isinstance(result, Refusal), result


def test_missing_file_on_disk_is_refused(tmp_path) -> None:
    result = check_file(tmp_path / "nie_ma_takiego_pliku.xlsx")

    assert isinstance(result, Refusal), result
    assert looks_polish(result.error), result.error


EMPTY_TEMPLATES = {
    "long list": ["Lp.", "Imię i nazwisko", "Gmina", "Sektor", "Grupa", "Spotkanie", "Data spotkania"],
    "wide list": ["Lp.", "Imię i nazwisko", "Gmina", "I", "II", "III", "IV", "V", "VI"],
    "projects": ["Tytuł projektu", "Lider", "Status", "Budżet (zł)", "Miejsca pracy"],
}


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
@pytest.mark.parametrize("template", sorted(EMPTY_TEMPLATES))
def test_template_with_headers_and_no_rows_is_reported_or_refused_without_crashing(fmt: str,
                                                                                   template: str) -> None:
    # The office's blank template uploaded by mistake: nothing to read, and nothing may crash.
    name = filename_for(fmt)
    result = check_bytes(build(fmt, [EMPTY_TEMPLATES[template]]), name)

    if isinstance(result, CheckResult):
        assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (0, 0, 0)
    else:
        assert_refused(result, name)
