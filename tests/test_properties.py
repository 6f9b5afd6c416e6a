"""Whatever is uploaded, reading gives a result or a refusal, never an exception, and counts that add up."""

from __future__ import annotations

import datetime as dt
import json

from builders import csv_bytes, ods_bytes, xls_bytes, xlsx_bytes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.reading.pipeline import check_bytes
from analytics.results import ATTENDANCE_COLUMNS, PROJECT_COLUMNS, CheckResult, Refusal

# The autouse fixture only sets environment variables, the same for every example.
SAME_FIXTURE_FOR_ALL = [HealthCheck.function_scoped_fixture]
FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=SAME_FIXTURE_FOR_ALL)
DAMAGED = settings(max_examples=60, deadline=None, suppress_health_check=SAME_FIXTURE_FOR_ALL)
TABLES = settings(max_examples=40, deadline=None, suppress_health_check=SAME_FIXTURE_FOR_ALL)

SEED_LIST = [
    ["Lp.", "Imię i nazwisko", "Gmina", "Sektor", "Spotkanie", "Data"],
    [1, "Jan Kowalski", "gm. Słupno", "biznes", "VI", dt.date(2017, 12, 7)],
    [2, "KOWALSKI Jan", "Gostynin", "sport", 6, "31.02.2017"],
    ["Razem", None, None, None, None, None],
]
SEED_FILES = {
    "xlsx": xlsx_bytes(SEED_LIST, title_rows=["Lista obecności"]),
    "xls": xls_bytes(SEED_LIST),
    "ods": ods_bytes(SEED_LIST),
    "csv": csv_bytes(SEED_LIST, encoding="cp1250"),
}


def assert_result_or_refusal(result: object) -> None:
    assert isinstance(result, (CheckResult, Refusal)), type(result)
    text = json.dumps(result.to_json(), ensure_ascii=False, allow_nan=False)
    if isinstance(result, Refusal):
        assert json.loads(text) == {"error": result.error} and result.error.strip()
    else:
        assert result.rows_read == result.rows_accepted + result.rows_rejected


# --- Arbitrary bytes ----------------------------------------------------------------------------

MAGIC_PREFIXES = [b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf", b"%PDF-1.7\n"]


@FUZZ
@given(prefix=st.sampled_from(MAGIC_PREFIXES), body=st.binary(max_size=3000),
       name=st.sampled_from(["lista.xlsx", "lista.xls", "lista.ods", "lista.csv", "lista"]))
def test_arbitrary_bytes_give_a_result_or_a_refusal_never_an_exception(prefix: bytes, body: bytes,
                                                                       name: str) -> None:
    assert_result_or_refusal(check_bytes(prefix + body, name))


@FUZZ
@given(text=st.text(max_size=400), encoding=st.sampled_from(["utf-8", "cp1250", "utf-16"]))
def test_arbitrary_text_gives_a_result_or_a_refusal(text: str, encoding: str) -> None:
    assert_result_or_refusal(check_bytes(text.encode(encoding, errors="replace"), "lista.csv"))


@DAMAGED
@given(fmt=st.sampled_from(sorted(SEED_FILES)), data=st.data())
def test_a_real_file_with_damaged_bytes_gives_a_result_or_a_refusal(fmt: str, data: st.DataObject) -> None:
    original = bytearray(SEED_FILES[fmt])
    edits = data.draw(st.lists(st.tuples(st.integers(0, len(original) - 1), st.integers(0, 255)),
                               min_size=1, max_size=8))
    for position, value in edits:
        original[position] = value
    cut = data.draw(st.integers(len(original) // 3, len(original)))
    assert_result_or_refusal(check_bytes(bytes(original[:cut]), f"lista.{fmt}"))


# --- Arbitrary cells under valid headers ---------------------------------------------------------

# Text a spreadsheet can hold (no control characters, which no workbook format stores).
plain_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=24)
meaningful = st.sampled_from([
    "Jan Kowalski", "KOWALSKI Jan", "Łukasz Żółć", "Lukasz Zolc", "Razem", "Suma", "Ogółem", "VI", "6",
    "spotkanie 6", "0", "x", "X", "+", "✓", "tak", "nie", "-", "nieobecny", "31.02.2017", "07.12.2017",
    "2017-12-07", "gm. Słupno", "m. Płock", "Gostynin", "biznes", "oświata", "JST", "fundacja", "sport",
    "w toku", "koncepcja", "odrzucony", "12 500,50 zł", "1e309", " ", "Imię i nazwisko",
])
cell = st.one_of(
    st.none(),
    meaningful,
    plain_text,
    st.integers(min_value=-10, max_value=3_000_000),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 12, 31)),
)

LONG_HEADER = ["Lp.", "Imię i nazwisko", "Gmina", "Sektor", "Grupa", "Spotkanie", "Data spotkania"]
WIDE_HEADER = ["Lp.", "Imię i nazwisko", "Gmina", "I", "II", "III"]
PROJECT_HEADER = ["Tytuł projektu", "Lider", "Status", "Data rozpoczęcia", "Budżet (zł)",
                  "Uczestnicy osiągnięci", "Miejsca pracy", "Gminy"]


def tables(header: list[str]) -> st.SearchStrategy[list[list]]:
    row = st.lists(cell, min_size=len(header), max_size=len(header))
    return st.lists(row, min_size=1, max_size=12).map(lambda rows: [header, *rows])


def written(fmt: str, rows: list[list]) -> bytes:
    return xlsx_bytes(rows) if fmt == "xlsx" else csv_bytes(rows, encoding="utf-8", delimiter=";")


def all_blank(rows: list[list]) -> bool:
    return all(all(v is None or (isinstance(v, str) and not v.strip()) for v in row) for row in rows[1:])


def assert_consistent_report(result: object, rows: list[list], kind: str) -> CheckResult:
    if isinstance(result, Refusal) and all_blank(rows):
        return result    # a list with no data at all may be refused
    assert isinstance(result, CheckResult), getattr(result, "error", result)
    json.dumps(result.to_json(), ensure_ascii=False, allow_nan=False)
    data_rows = set(range(2, len(rows) + 1))
    assert result.kind == kind
    assert result.header_row == 1
    assert result.rows_read == result.rows_accepted + result.rows_rejected
    assert result.rows_read <= len(rows) - 1
    rejected = {p.row for p in result.rejected}
    accepted = set(result.accepted["row"].tolist())
    assert len(rejected) == result.rows_rejected
    assert len(accepted) == result.rows_accepted
    assert rejected <= data_rows and accepted <= data_rows
    assert not rejected & accepted
    assert all(p.reason and isinstance(p.reason, str) for p in result.rejected)
    assert all(w.row is None or 1 <= w.row <= len(rows) for w in result.warnings)
    assert len(result.rejected_rows) == result.rows_rejected
    return result


def assert_attendance_summary_adds_up(result: CheckResult) -> None:
    summary = result.summary
    assert list(result.accepted.columns) == ATTENDANCE_COLUMNS
    assert summary["attendances"] == len(result.accepted)
    assert summary["participants"] == result.accepted["person_key"].nunique()
    assert sum(summary["attendances_by_meeting"].values()) == summary["attendances"]
    assert summary["meetings"] == len(summary["attendances_by_meeting"])
    assert all(int(m) >= 1 for m in summary["attendances_by_meeting"])
    for key in ("participants_by_sector", "participants_by_group", "participants_by_gmina"):
        assert sum(summary[key].values()) == summary["participants"], key
    # Every partner counted once under one sector and one gmina; spellings only ever join.
    for key in ("partners_by_sector", "partners_by_gmina"):
        assert sum(summary[key].values()) == summary["partners"], key
    assert summary["partners"] <= result.accepted["institution"].nunique()
    # A person is at a meeting at most once.
    assert not result.accepted.duplicated(["person_key", "meeting"]).any()


@TABLES
@given(fmt=st.sampled_from(["xlsx", "csv"]), rows=tables(LONG_HEADER))
def test_any_cells_in_a_long_list_give_a_report_whose_counts_add_up(fmt: str, rows: list[list]) -> None:
    result = assert_consistent_report(check_bytes(written(fmt, rows), f"lista.{fmt}"), rows, "attendance")
    if isinstance(result, CheckResult):
        assert len(result.accepted) == result.rows_accepted    # one row, one person at one meeting
        assert_attendance_summary_adds_up(result)


@TABLES
@given(fmt=st.sampled_from(["xlsx", "csv"]), rows=tables(WIDE_HEADER))
def test_any_cells_in_a_wide_list_give_a_report_whose_counts_add_up(fmt: str, rows: list[list]) -> None:
    result = assert_consistent_report(check_bytes(written(fmt, rows), f"lista.{fmt}"), rows, "attendance")
    if isinstance(result, CheckResult):
        assert_attendance_summary_adds_up(result)
        assert set(result.accepted["meeting"].tolist()) <= {1, 2, 3}


@TABLES
@given(fmt=st.sampled_from(["xlsx", "csv"]), rows=tables(PROJECT_HEADER))
def test_any_cells_in_a_projects_register_give_a_report_whose_counts_add_up(fmt: str,
                                                                             rows: list[list]) -> None:
    data = written(fmt, rows)
    result = assert_consistent_report(check_bytes(data, f"projekty.{fmt}", kind="projects"), rows, "projects")
    if isinstance(result, CheckResult):
        assert list(result.accepted.columns) == PROJECT_COLUMNS
        assert len(result.accepted) == result.rows_accepted
        assert result.summary["projects"] == result.rows_accepted
        assert sum(result.summary["projects_by_status"].values()) == result.summary["projects"]
