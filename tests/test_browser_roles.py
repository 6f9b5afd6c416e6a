"""Login and roles in a real browser (Debian's Chromium, Playwright) against `streamlit run`.

The module's own server has a viewer (the director) and a staff account, and an attendance list of
people with distinctive names (one of them a spreadsheet formula) stored before it starts:

1. before login every address shows the login form and nothing else: no chart, no navigation, no name;
2. the viewer's navigation lists only the aggregate pages; an import, history or accounts address
   typed by the viewer shows a refusal and no upload field;
3. none of the participants' names is in the HTML or in the charts' data of any page the viewer opens;
4. staff see the participant list; its CSV download holds the formula as text and is recorded in
   the audit trail.
Screenshots go to tests/screenshots/ (login.png, refused.png).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import openpyxl
import pytest
from app_support import ensure_account
from test_browser import (
    HOME,
    PAGES,
    RUN_TIMEOUT_MS,
    SCREENSHOTS,
    SETTLE_MS,
    VIEWPORT,
    sign_in,
    wait_until_idle,
)

from analytics import accounts, importing
from analytics import store as store_api
from analytics.catalogue import t
from scripts.browser import chromium_path, free_port, launch_chromium, start_streamlit, stop

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright (python) is not installed")

pytestmark = pytest.mark.browser

VIEWER, STAFF = "dyrektor", "ania"
FORMULA = '=HYPERLINK("http://x")'
NAMES = ("Bartłomiej Żółtowski", "Grażyna Ćwiklińska", "Zenon Źrebiak")
VIEWER_PATHS = [name for name, _ in PAGES
                if name in ("przeglad", "uczestnictwo", "projekty", "partnerzy", "porownanie")]
STAFF_ONLY_PATHS = [name for name, _ in PAGES if name not in VIEWER_PATHS]
JS_PLOTLY_DATA = """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
    .map(chart => JSON.stringify({data: chart.data, layout: chart.layout})).join('\\n')"""


def names_list_xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Lista"
    sheet.append(["Lp.", "Imię i nazwisko", "Instytucja", "Gmina", "Sektor", "Grupa", "I", "II"])
    # the first one's firm carries his name (a sole trader: the viewer's partners page must not show it)
    institutions = (f"Usługi Remontowe {NAMES[0]}", "UG Słupno", "Gminny Ośrodek Kultury w Słupnie", "")
    for number, (name, institution) in enumerate(zip((*NAMES, FORMULA), institutions, strict=True), start=1):
        sheet.append([number, name, institution, "Słupno", "kultura", "NGO", "x", "x" if number % 2 else ""])
    sheet["B5"].data_type = "s"          # the formula typed as text, as a name cell would hold it
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('roles') / 'dashboard.db'}"
    ensure_account("viewer", VIEWER, url)
    ensure_account("staff", STAFF, url)
    store = store_api.open_store(url)
    try:
        importing.ensure_demo(store)                      # the demo projects register stays
        importing.import_file(store, names_list_xlsx(), mode="replace", user="test", file_name="lista.xlsx")
    finally:
        store.engine.dispose()
    return url


@pytest.fixture(scope="module")
def server(database: str) -> Iterator[str]:
    if not Path(chromium_path()).exists():
        pytest.skip(f"Chromium not found at {chromium_path()} (apt-get install chromium or set PUP_CHROMIUM)")
    env = dict(os.environ)
    for setting in ("PUP_NO_DEMO", "PUP_MAX_UPLOAD_MB"):
        env.pop(setting, None)
    env["PUP_DATABASE_URL"] = database
    port = free_port()
    process = start_streamlit(port, env)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=VIEWPORT, locale="pl-PL", timezone_id="Europe/Warsaw",
                                  accept_downloads=True)
    the_page = context.new_page()
    the_page.set_default_timeout(RUN_TIMEOUT_MS)
    try:
        yield the_page
    finally:
        context.close()


def open_address(page: Any, server: str, name: str) -> None:
    page.goto(server + ("/" if name == HOME else f"/{name}"), wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stApp"]', timeout=RUN_TIMEOUT_MS)
    wait_until_idle(page)


def everything_shown(page: Any) -> str:
    """The page's HTML and its charts' data and layout (hover texts live there, not in the HTML)."""
    page.wait_for_timeout(SETTLE_MS)
    wait_until_idle(page)
    return page.content() + "\n" + page.evaluate(JS_PLOTLY_DATA)


def nav_paths(page: Any) -> list[str]:
    links = page.locator('[data-testid="stSidebarNav"] a[data-testid="stSidebarNavLink"]')
    return [urlsplit(href).path.strip("/") or HOME
            for href in links.evaluate_all("links => links.map(link => link.href)")]


@pytest.mark.parametrize("name", [name for name, _ in PAGES])
def test_every_address_shows_only_the_login_form_before_sign_in(page: Any, server: str, name: str) -> None:
    open_address(page, server, name)
    page.locator(f'input[aria-label="{t("password_label")}"]').wait_for()
    shown = everything_shown(page)
    assert page.locator(".js-plotly-plot").count() == 0
    assert page.locator('input[type="file"]').count() == 0
    assert nav_paths(page) == []
    assert " ".join(page.locator('[data-testid="stMain"] h1').all_inner_texts()).strip() == t("login_title")
    assert not [person for person in NAMES if person in shown]
    if name == HOME:
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "logowanie.png"))


def test_viewer_navigation_lists_only_the_aggregate_pages(page: Any, server: str) -> None:
    open_address(page, server, HOME)
    sign_in(page, VIEWER)
    assert nav_paths(page) == VIEWER_PATHS
    assert t("signed_in_as", name=VIEWER, role=accounts.role_label("viewer")) in page.content()


@pytest.mark.parametrize("name", STAFF_ONLY_PATHS)
def test_staff_page_address_typed_by_the_viewer_shows_a_refusal(page: Any, server: str, name: str) -> None:
    open_address(page, server, name)
    sign_in(page, VIEWER)
    refusal = page.locator('[data-testid="stAlertContentError"]')
    refusal.first.wait_for()
    texts = refusal.all_inner_texts()            # the icon's ligature name comes first, then the text
    assert len(texts) == 1 and texts[0].endswith(t("page_refused"))
    assert page.locator('input[type="file"]').count() == 0
    assert page.locator('[data-testid="stMain"] h1').count() == 0
    assert page.locator('[data-testid="stMain"] input').count() == 0
    if name == "import":
        page.screenshot(path=str(SCREENSHOTS / "odmowa-dla-dyrekcji.png"))


@pytest.mark.parametrize("name", VIEWER_PATHS)
def test_no_participant_name_in_any_page_the_viewer_opens(page: Any, server: str, name: str) -> None:
    open_address(page, server, name)
    sign_in(page, VIEWER)
    if name not in ("projekty", "porownanie"):    # (the comparison draws charts with two programmes)
        page.locator(".js-plotly-plot").first.wait_for()
    shown = everything_shown(page)
    assert page.locator('[data-testid="stMain"] h1').count() == 1            # the page was drawn
    assert "Słupno" in shown or name != "uczestnictwo"                      # with the list's data
    leaked = [person for person in (*NAMES, "HYPERLINK") if person in shown]
    assert not leaked, f"{name} shows {leaked} to the viewer"


def test_staff_download_of_the_participant_list_is_text_and_recorded(
        page: Any, server: str, database: str) -> None:
    open_address(page, server, "uczestnictwo")
    sign_in(page, STAFF)
    page.get_by_text(t("participants_list_open")).click()
    button = page.locator(".st-key-csv_participants button")
    button.wait_for()
    with page.expect_download(timeout=RUN_TIMEOUT_MS) as download:
        button.click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_bytes().decode("utf-8-sig"),
                                       newline=""), delimiter=";"))
    cells = {cell for row in rows for cell in row}
    assert "'" + FORMULA in cells and FORMULA not in cells        # a spreadsheet shows it as text
    assert set(NAMES) <= cells
    store = store_api.open_store(database)
    try:
        exports = [e for e in store_api.audit_log(store, 50) if e.action == "personal_data_export"]
    finally:
        store.engine.dispose()
    assert exports and exports[0].user == STAFF
    assert exports[0].details["rows"] == len(NAMES) + 1


def test_an_idle_page_hides_its_data_when_the_session_times_out(browser: Any, database: str) -> None:
    """A page nobody clicks on shows the login form once the session timeout has passed."""
    env = {key: value for key, value in os.environ.items() if key not in ("PUP_NO_DEMO", "PUP_MAX_UPLOAD_MB")}
    env.update(PUP_DATABASE_URL=database, PUP_SESSION_TIMEOUT_MINUTES="0.1")        # 6 seconds
    port = free_port()
    process = start_streamlit(port, env)
    context = browser.new_context(viewport=VIEWPORT, locale="pl-PL")
    try:
        page = context.new_page()
        page.set_default_timeout(RUN_TIMEOUT_MS)
        # The home page first: Streamlit's first session after a start lists the pages/ files (its
        # older multipage scheme) until st.navigation runs, and another address gets "Page not found".
        open_address(page, f"http://127.0.0.1:{port}", HOME)
        sign_in(page, VIEWER)
        page.locator(".js-plotly-plot").first.wait_for()
        page.get_by_text(t("session_expired")).wait_for(timeout=30_000)     # no click in between
        assert page.locator(".js-plotly-plot").count() == 0
        assert page.locator(f'input[aria-label="{t("password_label")}"]').count() == 1
    finally:
        context.close()
        stop(process)
    store = store_api.open_store(database)
    try:
        assert any(e.action == "logout" and e.details == {"reason": "timeout"}
                   for e in store_api.audit_log(store, 50))
    finally:
        store.engine.dispose()
