"""Programmes (cycles) in a real browser (Debian's Chromium, Playwright) against `streamlit run` on the
demo data, whose two cycles (2017 and 2018) are two programmes: switching the programme in the sidebar
(the overview's figures follow), and the comparison page as the director and as staff.

Screenshots go to tests/screenshots/ (program-2017-pracownik.png, porownanie-dyrektor.png,
porownanie-wykresy-dyrektor.png, porownanie-pracownik.png).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from app_support import ensure_account
from test_browser import RUN_TIMEOUT_MS, SCREENSHOTS, sign_in, wait_until_idle
from test_browser_overview import wait_for_charts

from analytics import store as store_api
from analytics.catalogue import t
from scripts.browser import chromium_path, free_port, launch_chromium, start_streamlit, stop

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright (python) is not installed")

pytestmark = pytest.mark.browser

DIRECTOR, STAFF = "dyrektor", "ania"
DESKTOP = {"width": 1400, "height": 900}
P2017, P2018 = "Partnerstwo Lokalne 2017", "Partnerstwo Lokalne 2018"
COMPARISON_CHARTS = 5


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    if not Path(chromium_path()).exists():
        pytest.skip(f"Chromium not found at {chromium_path()} (apt-get install chromium or set PUP_CHROMIUM)")
    url = f"sqlite:///{tmp_path_factory.mktemp('programmes') / 'dashboard.db'}"
    ensure_account("viewer", DIRECTOR, url)
    ensure_account("staff", STAFF, url)
    env = dict(os.environ)
    for setting in ("PUP_NO_DEMO", "PUP_MAX_UPLOAD_MB"):
        env.pop(setting, None)
    env["PUP_DATABASE_URL"] = url
    port = free_port()
    process = start_streamlit(port, env)
    try:
        yield f"http://127.0.0.1:{port}", url
    finally:
        stop(process)


@pytest.fixture(scope="module")
def browser(server: tuple[str, str]) -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        try:
            yield launched
        finally:
            launched.close()


def open_signed_in(browser: Any, base: str, login: str, path: str = "") -> Any:
    context = browser.new_context(viewport=DESKTOP, locale="pl-PL", timezone_id="Europe/Warsaw")
    page = context.new_page()
    page.set_default_timeout(RUN_TIMEOUT_MS)
    page.goto(f"{base}/{path}", wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stApp"]')
    sign_in(page, login)
    return page


def participants(page: Any) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(has_text=t("kpi_participants")).first
    return card.locator('[data-testid="stMetricValue"]').inner_text().strip()


def programme_box(page: Any) -> Any:
    return page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(
        has_text=t("programme_choice")).first


def programme_shown(page: Any) -> str:
    """The programme the sidebar's drop-down shows (its value is the text of its input)."""
    return programme_box(page).evaluate(
        "box => { const input = box.querySelector('input'); return input ? (input.value || input.placeholder"
        " || box.innerText) : box.innerText; }").strip()


def demo_participants(url: str, name: str) -> str:
    store = store_api.open_store(url)
    try:
        return str(store_api.dataset_summaries(store, store_api.find_programme(store, name).id)
                   ["attendance"]["participants"])
    finally:
        store.close()


def test_switching_the_programme_in_the_sidebar_changes_every_figure(browser: Any, server: tuple) -> None:
    base, url = server
    page = open_signed_in(browser, base, STAFF)
    wait_for_charts(page, 4)
    assert programme_shown(page) == P2018
    assert participants(page) == demo_participants(url, P2018)

    programme_box(page).click()
    page.get_by_role("option", name=P2017).click()
    wait_until_idle(page)
    wait_for_charts(page, 4)

    assert programme_shown(page) == P2017
    assert participants(page) == demo_participants(url, P2017)
    assert "25 maja 2017" in page.locator('[data-testid="stSidebar"]').inner_text().replace("\xa0", " ")
    # the other pages follow: the projects page lists 2017's seven projects
    page.get_by_role("link", name=t("nav_projects")).click()
    wait_until_idle(page)
    wait_for_charts(page, 3)
    assert programme_shown(page) == P2017
    drawn = page.content()                              # the charts' SVG holds the projects' titles
    assert "Dowozik" in drawn and "Targi Pracy" not in drawn
    page.get_by_role("link", name=t("nav_overview")).click()
    wait_for_charts(page, 4)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "program-2017-pracownik.png"))
    page.context.close()


@pytest.mark.parametrize(("login", "shot"), [(DIRECTOR, "porownanie-dyrektor"),
                                            (STAFF, "porownanie-pracownik")])
def test_the_comparison_page_shows_both_cycles_side_by_side(browser: Any, server: tuple, login: str,
                                                             shot: str) -> None:
    base, url = server
    page = open_signed_in(browser, base, login, "porownanie")
    wait_for_charts(page, COMPARISON_CHARTS)

    main = page.locator('[data-testid="stMain"]')
    assert main.locator("h1").inner_text().strip() == t("comparison_title")
    grid = main.locator('[data-testid="stDataFrame"]').first
    assert grid.is_visible()
    titles = page.evaluate(
        "() => [...document.querySelectorAll('.js-plotly-plot .gtitle')].map(e => e.textContent)")
    assert titles == [t("cmp_chart_meetings"), t("cmp_chart_sectors"), t("cmp_chart_groups"),
                      t("cmp_chart_gminy"), t("cmp_chart_statuses")]
    # each panel chart names both programmes above its panels
    panel_names = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].slice(1).map(
        plot => [...plot.querySelectorAll('.annotation-text')].map(e => e.textContent))""")
    assert all(names == [P2017, P2018] for names in panel_names), panel_names
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{shot}.png"))
    if login == DIRECTOR:
        main.evaluate("e => e.scrollTo(0, 1250)")
        page.wait_for_timeout(600)
        page.screenshot(path=str(SCREENSHOTS / "porownanie-wykresy-dyrektor.png"))
        # aggregates only: no participant's name on the director's page
        assert "Wiśniewska" not in page.content()
    page.context.close()
