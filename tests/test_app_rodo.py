"""The RODO flows of the dashboard through Streamlit's AppTest: an administrator erases a person on the
History page only after confirming, staff download a person's data on the Participation page, and
administrators are reminded on the Overview when names outlive the retention period."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import signed_in
from builders import build
from streamlit.testing.v1 import AppTest
from test_rodo import database_contents, found_in, sign_in_sheet

from analytics import importing
from analytics import store as store_api
from analytics.catalogue import t


@pytest.fixture
def with_list(isolated_environment: Path) -> str:
    """The demo data, then a sign-in sheet of three people imported over it; the store's URL."""
    url = f"sqlite:///{isolated_environment}"
    with store_api.open_store(url) as store:
        importing.ensure_demo(store)
        importing.import_file(store, build("xlsx", sign_in_sheet()), file_name="lista.xlsx", user="test")
    return url


def open_page(role: str, page: str) -> AppTest:
    app = signed_in(role).run()
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_an_administrator_erases_a_person_only_after_confirming(with_list: str) -> None:
    app = open_page("admin", "pages/history.py")
    app.text_input(key="rodo_erase_name").input("kowalski jan").run()

    assert any("Jan Kowalski" in m.value for m in app.markdown)
    assert app.button(key="rodo_erase_go").disabled      # nothing can happen before the confirmation
    assert found_in(database_contents(with_list), "Jan Kowalski")

    app.checkbox(key="rodo_erase_sure_jan kowalski").check().run()
    app.button(key="rodo_erase_go").click().run()

    assert not app.exception, [e.value for e in app.exception]
    assert [s.value for s in app.success if s.value.startswith("Usunięto osobę")]
    assert found_in(database_contents(with_list), "Jan Kowalski", "Kowalski") == []
    with store_api.open_store(with_list) as store:
        assert store_api.audit_log(store)[0].action == "person_erased"


def test_a_name_of_several_people_asks_which_one(with_list: str) -> None:
    with store_api.open_store(with_list) as store:
        rows = [["Imię i nazwisko", "Gmina", "Spotkanie"], ["Jan Nowicki", "Bielsk", 4],
                ["Anna Nowak", "Gąbin", 4]]
        importing.import_file(store, build("xlsx", rows), file_name="iv.xlsx", mode="append", user="test")
    app = open_page("admin", "pages/history.py")
    # "Jan" alone is no one's whole name: everyone whose name holds it is offered, none chosen for the user
    app.text_input(key="rodo_erase_name").input("Jan").run()

    choice = app.radio(key="rodo_erase_choice")
    assert [option.split(" (")[0] for option in choice.options] == ["Jan Kowalski", "Jan Nowicki"]
    app.text_input(key="rodo_erase_name").input("Zenon Nikt").run()
    assert [i.value for i in app.info if "Zenon Nikt" in i.value]


def test_staff_cannot_erase_but_can_download_a_persons_data(with_list: str) -> None:
    app = open_page("staff", "pages/history.py")
    assert any(c.value == t("rodo_erase_admin_only", "pl") for c in app.caption)
    assert not app.text_input

    app.switch_page("pages/participation.py").run()
    app.text_input(key="rodo_access_name").input("Anna Nowak").run()

    assert not app.exception, [e.value for e in app.exception]
    downloads = [b for b in app.get("download_button") if "Pobierz dane osoby" in str(b.proto.label)]
    assert downloads


def test_administrators_are_reminded_when_names_outlive_the_retention_period(
        with_list: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUP_RETENTION_YEARS", "10")
    assert not [w for w in open_page("admin", "pages/overview.py").warning if "pseudonim" in w.value]

    monkeypatch.setenv("PUP_RETENTION_YEARS", "1")
    admin = open_page("admin", "pages/overview.py")
    staff = open_page("staff", "pages/overview.py")

    assert [w for w in admin.warning if "3 osoby" in w.value and "retention --apply" in w.value]
    assert not [w for w in staff.warning if "pseudonim" in w.value]


def test_the_import_page_says_which_columns_were_left_out(isolated_environment: Path) -> None:
    from test_app_dashboard import start, upload

    app = upload(start(), ("lista.xlsx", build("xlsx", sign_in_sheet())))

    assert not app.exception, [e.value for e in app.exception]
    shown = [c.value.replace("\\", "") for c in app.caption]      # as markdown escapes it
    assert "Pominięto kolumny z danymi, których panel nie używa: Telefon, E-mail, Podpis." in shown
