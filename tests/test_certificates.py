"""The participants' certificates, read back with pypdf: one page per person at N meetings or more,
the threshold honoured, Polish names extracted intact, the cycle's title, period and place on every
page; and the `certificates` verb through `python -m analytics`, recorded in the audit trail.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from builders import FOUR_FORMATS, build, check_table, filename_for
from pypdf import PdfReader
from test_reports import PEOPLE, attendance_frame

from analytics import importing
from analytics import store as store_api
from analytics.catalogue import t
from analytics.reading.normalise import person_key
from analytics.reports.certificates import certificate_recipients, certificates_pdf, record_download
from analytics.results import Refusal

REPO_ROOT = Path(__file__).resolve().parent.parent
POLISH_LETTERS = set("ąćęłńóśźż")


def pages_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    """Extracted text with every run of white space (line breaks, no-break spaces) as one space."""
    return " ".join(text.split())


def meetings_per_person(attendance: pd.DataFrame) -> pd.Series:
    """Distinct meetings per person, counted here from the rows themselves."""
    return attendance.drop_duplicates(["person_key", "meeting"]).groupby("person_key").size()


def test_the_test_names_use_every_polish_letter() -> None:
    letters = set("".join(name for name, *_ in PEOPLE))
    assert POLISH_LETTERS <= letters
    assert set("ĆŁŚŹŻ") <= letters


def test_one_page_per_participant_with_the_name_intact() -> None:
    attendance = attendance_frame()
    pages = pages_text(certificates_pdf(attendance))
    assert len(pages) == len(PEOPLE)
    found = {name for name, *_ in PEOPLE if any(name in page for page in pages)}
    assert found == {name for name, *_ in PEOPLE}
    for page in pages:
        assert sum(name in page for name, *_ in PEOPLE) == 1


@pytest.mark.parametrize("threshold", [1, 2, 3, 4, 6])
def test_the_threshold_is_honoured(threshold: int) -> None:
    attendance = attendance_frame()
    expected = int((meetings_per_person(attendance) >= threshold).sum())
    pages = pages_text(certificates_pdf(attendance, min_meetings=threshold))
    assert len(pages) == expected
    qualifying = {name for name, meetings, *_ in PEOPLE if len(meetings) >= threshold}
    assert {name for name, *_ in PEOPLE if any(name in page for page in pages)} == qualifying


def test_three_meetings_give_fewer_pages_than_one() -> None:
    attendance = attendance_frame()
    assert len(pages_text(certificates_pdf(attendance, min_meetings=3))) < len(
        pages_text(certificates_pdf(attendance, min_meetings=1)))


def test_every_page_names_the_cycle_period_place_count_and_signature() -> None:
    attendance = attendance_frame()
    pages = pages_text(certificates_pdf(attendance, min_meetings=1))
    by_name = {name: page for name, *_ in PEOPLE for page in pages if name in page}
    for name, meetings, *_ in PEOPLE:
        page = flat(by_name[name])
        assert flat(t("programme_cycle_title")) in page
        assert "25 maja – 7 grudnia 2017" in page
        assert "Hotel TiM, Cekanów" in page and "powiat płocki" in page
        assert f"{t('cert_attended')}: {len(meetings)} z 6" in page
        assert "Dyrektor Powiatowego Urzędu Pracy w Płocku" in page
        assert "CERTYFIKAT" in page


def test_pages_are_sorted_by_surname() -> None:
    pages = pages_text(certificates_pdf(attendance_frame()))
    order = [next(name for name, *_ in PEOPLE if name in page) for page in pages]
    assert order == ["Jędrzej Ćwikliński", "Łucja Kądziołka", "Grażyna Kośmider-Łęcka", "Wiesław Maćkowiak",
                     "Bożena Śliwińska", "Żaneta Woźniak", "Mirosław Ziółkowski", "Zdzisław Źrebiec"]


def test_a_person_gets_the_spelling_most_used_not_in_capitals() -> None:
    people = [
        ("ŚLIWIŃSKA Bożena", (1, 2), "kultura", "mieszkańcy", "Płock"),
        ("Bożena Śliwińska", (3,), "kultura", "mieszkańcy", "Płock"),
        ("ŻANETA WOŹNIAK", (1, 2, 3), "kultura", "mieszkańcy", "Płock"),
        ("Żaneta Woźniak", (4,), "kultura", "mieszkańcy", "Płock"),
        ("Ziółkowski Mirosław", (1, 2), "kultura", "mieszkańcy", "Płock"),
        ("Mirosław  Ziółkowski", (3,), "kultura", "mieszkańcy", "Płock"),
    ]
    attendance = attendance_frame(people)
    assert attendance["person_key"].nunique() == 3
    recipients = certificate_recipients(attendance)
    assert set(recipients["name"]) == {"Bożena Śliwińska", "Żaneta Woźniak", "Ziółkowski Mirosław"}
    assert dict(zip(recipients["name"], recipients["meetings_attended"], strict=True)) == {
        "Bożena Śliwińska": 3, "Żaneta Woźniak": 4, "Ziółkowski Mirosław": 3}
    pages = pages_text(certificates_pdf(attendance))
    assert len(pages) == 3
    assert any("Żaneta Woźniak" in page for page in pages)
    assert not any("ŻANETA" in page for page in pages)


def test_the_same_meeting_twice_counts_once() -> None:
    attendance = attendance_frame([("Łucja Kądziołka", (1, 1, 2), "edukacja", "uczniowie", "Płock")])
    assert certificate_recipients(attendance)["meetings_attended"].tolist() == [2]
    assert len(pages_text(certificates_pdf(attendance, min_meetings=3))) == 1   # the notice page
    assert certificate_recipients(attendance, 3).empty


def test_a_very_long_name_still_fits_on_its_page() -> None:
    name = "Małgorzata Żółkiewska-Świętopełk-Chrząszczyżewoszyce-Łękawicka"
    pages = pages_text(certificates_pdf(attendance_frame([(name, (1,), "kultura", "mieszkańcy", "Płock")])))
    assert len(pages) == 1 and name in flat(pages[0]).replace("- ", "-")


def test_no_attendance_gives_a_single_notice_page() -> None:
    pages = pages_text(certificates_pdf(attendance_frame([])))
    assert len(pages) == 1 and "Nikt" in pages[0]


def test_a_download_is_recorded_in_the_audit_trail() -> None:
    store = store_api.open_store()
    try:
        record_download(store, "Ewa Kadrowa", None, "certyfikaty.pdf", 2, 5, "dashboard")
        entry = store_api.audit_log(store)[0]
    finally:
        store.close()
    assert (entry.action, entry.user, entry.kind) == ("export_certificates", "Ewa Kadrowa", "attendance")
    assert entry.details == {"file": "certyfikaty.pdf", "min_meetings": 2, "certificates": 5,
                             "via": "dashboard"}


def test_certificates_in_english() -> None:
    pages = pages_text(certificates_pdf(attendance_frame(), lang="en"))
    assert "CERTIFICATE" in pages[0] and "Director of the County Labour Office in Płock" in pages[0]


def test_demo_gives_a_certificate_to_every_participant() -> None:
    from analytics.reading.pipeline import check_file

    attendance = check_file(REPO_ROOT / "data" / "demo" / "lista_obecnosci_2017.xlsx").accepted
    pages = pages_text(certificates_pdf(attendance))
    assert len(pages) == attendance["person_key"].nunique()
    names = set(attendance["person_name"])
    assert all(sum(name in page for name in names) >= 1 for page in pages)


# -- the command line ----------------------------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "PUP_NO_DEMO"}
    return subprocess.run([sys.executable, "-m", "analytics", *args], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


def test_cli_certificates_writes_the_pages_and_records_the_download(tmp_path: Path) -> None:
    out = tmp_path / "certyfikaty.pdf"
    done = run_cli("certificates", "--out", str(out), "--min-meetings", "3", "--user", "Ewa Kadrowa")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)
    store = store_api.open_store()
    try:
        attendance = store_api.active_frame(store, "attendance")     # the demo, loaded by the command
        version = store_api.active_version(store, "attendance")
        audit = store_api.audit_log(store)
    finally:
        store.close()
    expected = int((meetings_per_person(attendance) >= 3).sum())
    assert 0 < expected < attendance["person_key"].nunique()
    assert len(pages_text(out.read_bytes())) == expected
    entry = next(e for e in audit if e.action == "export_certificates")
    assert entry.user == "Ewa Kadrowa" and entry.kind == "attendance" and entry.version_id == version.id
    assert entry.details["min_meetings"] == 3 and entry.details["certificates"] == expected
    assert entry.details["file"] == "certyfikaty.pdf"


@pytest.mark.parametrize(("args", "message"), [
    (("--min-meetings", "0"), "--min-meetings"),
    (("--min-meetings", "trzy"), "liczbę całkowitą"),
])
def test_cli_certificates_refuses_a_bad_threshold(tmp_path: Path, args: tuple[str, ...],
                                                  message: str) -> None:
    out = tmp_path / "c.pdf"
    done = run_cli("certificates", "--out", str(out), *args)
    assert done.returncode == 2 and message in done.stderr
    assert not out.exists()


def test_cli_certificates_with_nobody_qualifying_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "c.pdf"
    done = run_cli("certificates", "--out", str(out), "--min-meetings", "99")
    assert done.returncode == 1 and "Nikt" in done.stderr
    assert not out.exists()


def test_person_key_of_the_test_names_ignores_case_order_and_letters() -> None:
    assert person_key("ŚLIWIŃSKA Bożena") == person_key("Bożena Śliwińska")


# -- the name order: as the sheet's header says, through a real file, the store and the PDF --------------


def certificate_names_from(fmt: str, rows: list[list[object]]) -> tuple[list[str], pd.DataFrame]:
    """Import `rows` as a file of format `fmt` into the test's store and return the names the
    certificates print (one page each, in page order) and the stored attendance."""
    store = store_api.open_store()
    try:
        outcome = importing.import_file(store, build(fmt, rows), kind="attendance", mode="replace",
                                        user="test", file_name=filename_for(fmt))
        assert not isinstance(outcome, Refusal), outcome
        attendance = store_api.active_frame(store, "attendance")
    finally:
        store.close()
    names = set(certificate_recipients(attendance)["name"])
    pages = [flat(page) for page in pages_text(certificates_pdf(attendance))]
    printed = [next(name for name in names if name in page) for page in pages]
    assert len(printed) == len(pages)
    return printed, attendance


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
def test_a_surname_first_column_is_printed_first_name_first(fmt: str) -> None:
    printed, attendance = certificate_names_from(fmt, [
        ["Lp.", "Nazwisko i imię", "Gmina", "I", "II"],
        [1, "Krawczyk Agnieszka", "Słupno", "x", "x"],
        [2, "KOWALSKI Jan", "Gąbin", "x", None],
        [3, "Kowalska-Nowak Anna Maria", "Płock", None, "x"],
    ])

    assert printed == ["Anna Maria Kowalska-Nowak", "Jan Kowalski", "Agnieszka Krawczyk"]   # by surname
    assert set(attendance["person_name"]) == {"Agnieszka Krawczyk", "Jan KOWALSKI",
                                              "Anna Maria Kowalska-Nowak"}


@pytest.mark.parametrize("header", [["Nazwisko", "Imię"], ["Imię", "Nazwisko"]])
def test_separate_surname_and_first_name_columns_are_printed_first_name_first(header: list[str]) -> None:
    surname_at = header.index("Nazwisko")
    person = ["Agnieszka", "Agnieszka"]
    person[surname_at] = "Krawczyk"
    printed, _ = certificate_names_from("xlsx", [[*header, "Spotkanie"], [*person, 1]])

    assert printed == ["Agnieszka Krawczyk"]


def test_a_first_name_first_column_is_printed_as_written_with_a_capitalised_surname_put_last() -> None:
    printed, attendance = certificate_names_from("csv-cp1250-semicolon", [
        ["Imię i nazwisko", "Spotkanie"],
        ["Agnieszka Krawczyk", 1],
        ["KOWALSKI Jan", 1],
        ["Ewa WIŚNIEWSKA", 1],
    ])

    assert printed == ["Jan Kowalski", "Agnieszka Krawczyk", "Ewa Wiśniewska"]
    assert set(attendance["person_name"]) == {"Agnieszka Krawczyk", "KOWALSKI Jan", "Ewa WIŚNIEWSKA"}


def test_problems_in_a_surname_first_list_quote_the_name_as_the_sheet_writes_it() -> None:
    result = check_table("xlsx", [
        ["Nazwisko i imię", "Spotkanie"],
        ["Krawczyk Agnieszka", 1],
        ["Krawczyk Agnieszka", 1],
        ["KRAWCZYK Agnieszka", 2],
    ])

    assert [problem.value for problem in result.rejected] == ["Krawczyk Agnieszka"]
    assert any("„Krawczyk Agnieszka”, „KRAWCZYK Agnieszka”" in notice.message for notice in result.warnings)
    assert result.accepted["person_name"].tolist() == ["Agnieszka Krawczyk", "Agnieszka KRAWCZYK"]
