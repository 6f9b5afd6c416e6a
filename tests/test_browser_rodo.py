"""The RODO flows of issue 11 in a real browser (Debian's Chromium, Playwright, against `streamlit run`):
an administrator is reminded of the retention period on the Overview, erases a person on the History
page after confirming, and downloads a person's data on the Participation page. Screenshots go to
tests/screenshots/rodo-*.png (git-ignored)."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from app_support import ensure_account
from builders import build
from test_browser import RUN_TIMEOUT_MS, SCREENSHOTS, VIEWPORT, sign_in, wait_until_idle
from test_rodo import database_contents, found_in, sign_in_sheet

from analytics import importing
from analytics import store as store_api
from scripts.browser import chromium_path, free_port, launch_chromium, start_streamlit, stop

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright (python) is not installed")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('rodo') / 'dashboard.db'}"
    ensure_account("admin", "admin", url)
    with store_api.open_store(url) as store:
        importing.ensure_demo(store)
        importing.import_file(store, build("xlsx", sign_in_sheet()), file_name="lista.xlsx", user="admin")
    return url


@pytest.fixture(scope="module")
def server(database: str) -> Iterator[str]:
    if not Path(chromium_path()).exists():
        pytest.skip(f"Chromium not found at {chromium_path()} (apt-get install chromium or set PUP_CHROMIUM)")
    env = {k: v for k, v in os.environ.items() if k not in ("PUP_NO_DEMO", "PUP_MAX_UPLOAD_MB")}
    env.update(PUP_DATABASE_URL=database, PUP_RETENTION_YEARS="1")
    process = start_streamlit(port := free_port(), env)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        output = stop(process)
        print("\n--- streamlit output (last 30 lines) ---\n" + "\n".join(output.splitlines()[-30:]))


@pytest.fixture
def page(server: str) -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            context = browser.new_context(viewport=VIEWPORT, locale="pl-PL", timezone_id="Europe/Warsaw")
            the_page = context.new_page()
            the_page.set_default_timeout(RUN_TIMEOUT_MS)
            yield the_page
        finally:
            browser.close()


def go_to(page: Any, title: str) -> None:
    page.locator('[data-testid="stSidebarNav"]').get_by_text(title).click()
    wait_until_idle(page)


def test_an_administrator_is_reminded_erases_a_person_and_downloads_a_persons_data(
        page: Any, server: str, database: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.goto(server + "/")
    sign_in(page, "admin")
    reminder = page.locator('[data-testid="stAlert"]', has_text="Okres przechowywania imion minął")
    reminder.wait_for()
    assert "3 osoby" in reminder.inner_text()
    page.screenshot(path=str(SCREENSHOTS / "rodo-przeglad.png"))

    go_to(page, "Historia")
    name_box = page.locator('input[aria-label="Imię i nazwisko osoby"]')
    name_box.fill("zolc lukasz")
    name_box.press("Enter")
    wait_until_idle(page)
    erase = page.get_by_role("button", name="Usuń osobę ze wszystkich wersji")
    assert erase.is_disabled()
    page.get_by_text("Rozumiem, że usunięcie „Łukasz Żółć” jest nieodwracalne.").click()
    wait_until_idle(page)
    erase.click()
    done = page.locator('[data-testid="stAlert"]', has_text="Usunięto osobę")
    done.wait_for()
    page.screenshot(path=str(SCREENSHOTS / "rodo-usuniecie.png"))
    assert found_in(database_contents(database), "Żółć") == []

    go_to(page, "Uczestnictwo")
    name_box = page.locator('input[aria-label="Imię i nazwisko osoby"]')
    name_box.fill("Anna Nowak")
    name_box.press("Enter")
    wait_until_idle(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Pobierz dane osoby (.xlsx)").click()
    page.screenshot(path=str(SCREENSHOTS / "rodo-dane-osoby.png"))
    workbook = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    gminy = [row[2] for row in workbook["Obecności"].iter_rows(min_row=2, values_only=True)]
    assert gminy == ["Słupno", "Słupno"]
