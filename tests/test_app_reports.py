"""The report downloads on the pages: the overview offers the Excel report and the PDF, staff get the
certificates on the participation page, and what the buttons would hand out is a real file."""

from __future__ import annotations

import io

import openpyxl
import pypdf
from app_support import signed_in
from builders import xlsx_bytes
from streamlit.testing.v1 import AppTest
from test_app_dashboard import open_page

from analytics import importing
from analytics import store as store_api
from analytics.catalogue import t
from analytics.metrics import Filters
from analytics.reports.certificates import certificate_recipients, certificates_pdf, record_download
from analytics.reports.excel import excel_report


def labels(app: AppTest) -> list[str]:
    return [button.label for button in app.get("download_button")]


def test_overview_offers_the_excel_report_and_the_printable_summary() -> None:
    app = signed_in("viewer").run()

    assert not app.exception
    assert t("download_excel_report", "pl") in labels(app)
    assert t("download_summary_pdf", "pl") in labels(app)


def test_staff_get_the_certificates_with_the_count_of_people_who_qualify() -> None:
    app = open_page(signed_in("staff").run(), "pages/participation.py")
    rows = store_api.active_frame(store_api.open_store(), "attendance")

    assert t("download_certificates", "pl") in labels(app)
    expected = len(certificate_recipients(rows, 1))
    assert any(str(expected) in caption.value and "Certyfikaty" in caption.value for caption in app.caption)
    app.number_input(key="certificates_min").set_value(6).run()
    six = len(certificate_recipients(rows, 6))
    assert six < expected
    assert any(f"otrzyma {six} osób" in caption.value for caption in app.caption)


def five_people_at_six_meetings_xlsx() -> bytes:
    """A sign-in matrix where one person came to all six meetings, one to five and three to one."""
    return xlsx_bytes([
        ["Lp.", "Imię i nazwisko", "I", "II", "III", "IV", "V", "VI"],
        [1, "Anna Nowak", "x", "x", "x", "x", "x", "x"],
        [2, "Jan Kowalski", "x", "x", "x", "x", "x", None],
        [3, "Ewa Wiśniewska", "x", None, None, None, None, None],
        [4, "Piotr Zając", None, "x", None, None, None, None],
        [5, "Maria Wójcik", None, None, "x", None, None, None],
    ])


def certificates_caption(app: AppTest) -> str:
    captions = [c.value for c in app.caption if c.value.startswith(("Certyfikat", "1 person", "2 people"))]
    assert len(captions) == 1, [c.value for c in app.caption]
    return captions[0]


def test_certificates_caption_agrees_with_the_number_of_people_and_of_meetings() -> None:
    importing.import_file(store_api.open_store(), five_people_at_six_meetings_xlsx(), mode="replace",
                          user="test", file_name="lista.xlsx")
    app = open_page(signed_in("staff").run(), "pages/participation.py")
    threshold = app.number_input(key="certificates_min")

    assert certificates_caption(app).startswith("Certyfikaty otrzyma 5 osób (co najmniej 1 spotkanie).")
    threshold.set_value(5).run()
    assert certificates_caption(app).startswith("Certyfikaty otrzymają 2 osoby (co najmniej 5 spotkań).")
    threshold.set_value(6).run()
    assert certificates_caption(app).startswith("Certyfikat otrzyma 1 osoba (co najmniej 6 spotkań).")
    app.radio(key="lang").set_value("en").run()
    assert certificates_caption(app).startswith("1 person gets a certificate (at least 6 meetings).")
    app.number_input(key="certificates_min").set_value(5).run()
    assert certificates_caption(app).startswith("2 people get a certificate (at least 5 meetings).")


def test_a_threshold_above_the_meetings_held_says_nobody_in_polish_and_offers_no_download() -> None:
    importing.import_file(store_api.open_store(), five_people_at_six_meetings_xlsx(), mode="replace",
                          user="test", file_name="lista.xlsx")
    app = open_page(signed_in("staff").run(), "pages/participation.py")
    app.number_input(key="certificates_min").set_value(7).run()

    assert not app.exception
    assert certificates_caption(app).startswith("Certyfikaty otrzyma 0 osób (co najmniej 7 spotkań).")
    assert next(b for b in app.get("download_button") if b.label == t("download_certificates", "pl")).disabled


def test_what_the_buttons_hand_out_opens_and_holds_no_participant_name() -> None:
    store = store_api.open_store()
    importing.ensure_demo(store)
    rows = store_api.active_frame(store, "attendance")
    register = store_api.active_frame(store, "projects")

    workbook = openpyxl.load_workbook(io.BytesIO(excel_report(rows, register, Filters())))
    cells = {str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value}
    assert not cells & set(rows["person_name"].dropna())
    pages = pypdf.PdfReader(io.BytesIO(certificates_pdf(rows, 6))).pages
    assert len(pages) == len(certificate_recipients(rows, 6))
    entry = record_download(store, "ania", None, "certyfikaty.pdf", 6, len(pages), "dashboard")
    assert any(e.id == entry and e.action == "export_certificates" for e in store_api.audit_log(store, 10))
