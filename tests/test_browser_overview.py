"""The director's overview in a real browser (Debian's Chromium, Playwright) against `streamlit run`
on the demo data: what one screen shows at 1400×900, a phone's first view, and the numbers written
on the new/returning bars.

The module's own server has the demo data and a director's account (role viewer). Screenshots go to
tests/screenshots/ (przeglad-dyrektor.png, przeglad-telefon.png).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from app_support import ensure_account
from test_browser import MARKS, RUN_TIMEOUT_MS, SCREENSHOTS, SETTLE_MS, sign_in, wait_until_idle

from analytics.catalogue import t
from analytics.config import DEMO_DIR
from analytics.reading.pipeline import check_file
from scripts import demo_data_2018
from scripts.browser import chromium_path, free_port, launch_chromium, start_streamlit, stop

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright (python) is not installed")

pytestmark = pytest.mark.browser

DIRECTOR = "dyrektor"
DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}
OVERVIEW_CHARTS = 4

# Where things are, in px from the top of the main area's scroll box (stMain), which is where
# Streamlit's page scrolls: the first screen is 0 … the viewport's height.
JS_LAYOUT = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const origin = main.getBoundingClientRect().top - main.scrollTop;
    const box = (element) => {
        const r = element.getBoundingClientRect();
        return {top: r.top - origin, bottom: r.bottom - origin, left: r.left, right: r.right};
    };
    const sidebar = document.querySelector('[data-testid="stSidebar"]');
    return {
        cards: [...main.querySelectorAll('[data-testid="stMetric"]')].map(card => ({
            label: card.querySelector('[data-testid="stMetricLabel"]').innerText.trim(), ...box(card)})),
        charts: [...main.querySelectorAll('[data-testid="stPlotlyChart"]')].map(chart => {
            const title = chart.querySelector('.gtitle');
            const texts = [...chart.querySelectorAll('.bartext')].filter(text => text.textContent.trim());
            return {title: title ? title.textContent : '', ...box(chart),
                    bar_labels: texts.map(text => text.textContent.trim()),
                    bar_labels_bottom: Math.max(0, ...texts.map(text => box(text).bottom))};
        }),
        sidebar: sidebar ? box(sidebar) : null,
    };
}"""

# Is the middle of the page's first heading the heading itself (not the sidebar drawn over it)?
JS_HEADING_UNCOVERED = """() => {
    const heading = document.querySelector('[data-testid="stMain"] h1');
    if (!heading) return {found: false};
    const r = heading.getBoundingClientRect();
    const x = r.left + Math.min(r.width, 80) / 2, y = r.top + r.height / 2;
    const hit = document.elementFromPoint(x, y);
    return {found: true, text: heading.innerText, inside_viewport: r.top >= 0 && r.bottom <= innerHeight,
            uncovered: !!hit && heading.contains(hit), hit: hit ? hit.outerHTML.slice(0, 120) : null};
}"""

# The number labels inside the segments of the new/returning chart, as boxes on screen.
JS_SEGMENT_LABELS = """(title) => {
    const chart = [...document.querySelectorAll('.js-plotly-plot')]
        .find(plot => (plot.querySelector('.gtitle') || {}).textContent === title);
    if (!chart) return null;
    return [...chart.querySelectorAll('.bartext')].filter(text => text.textContent.trim()).map(text => {
        const r = text.getBoundingClientRect();
        return {text: text.textContent.trim(), left: r.left, right: r.right, top: r.top, bottom: r.bottom};
    });
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(chromium_path()).exists():
        pytest.skip(f"Chromium not found at {chromium_path()} (apt-get install chromium or set PUP_CHROMIUM)")
    url = f"sqlite:///{tmp_path_factory.mktemp('overview') / 'dashboard.db'}"
    ensure_account("viewer", DIRECTOR, url)
    env = dict(os.environ)
    for setting in ("PUP_NO_DEMO", "PUP_MAX_UPLOAD_MB"):
        env.pop(setting, None)
    env["PUP_DATABASE_URL"] = url
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


def open_as_director(browser: Any, server: str, viewport: dict[str, int], path: str = "") -> Any:
    """A new session at `viewport` on the page at `path`, the director signed in, its charts drawn."""
    context = browser.new_context(viewport=viewport, locale="pl-PL", timezone_id="Europe/Warsaw")
    page = context.new_page()
    page.set_default_timeout(RUN_TIMEOUT_MS)
    page.goto(f"{server}/{path}", wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stApp"]')
    sign_in(page, DIRECTOR)
    return page


def wait_for_charts(page: Any, count: int) -> None:
    page.wait_for_function(
        """([count, marks]) => {
            const plots = [...document.querySelectorAll('.js-plotly-plot')];
            return plots.length >= count && plots.every(plot => !!plot.querySelector(marks));
        }""", arg=[count, MARKS], timeout=RUN_TIMEOUT_MS, polling=200)
    page.wait_for_timeout(SETTLE_MS)
    wait_until_idle(page)


def chart_titled(layout: dict[str, Any], start: str) -> dict[str, Any]:
    found = [chart for chart in layout["charts"] if chart["title"].startswith(start)]
    assert len(found) == 1, (start, [chart["title"] for chart in layout["charts"]])
    return found[0]


def test_director_sees_the_overviews_key_picture_on_the_first_screen(browser: Any, server: str) -> None:
    """At 1400×900, with the sidebar open and the demo's banner above the title, the first screen
    holds the seven headline cards, the attendance at each meeting as bars with their numbers, and
    the small gmina map, each whole; under the attendance bars the projects by status begin on it
    (their title shows), and the sectors, under the map, begin at most 100 px past its bottom edge (a
    short scroll; an office's own data has no demo banner and brings them 96 px higher). Positions
    are measured from the top of stMain, the box Streamlit's page scrolls in, before any scrolling."""
    page = open_as_director(browser, server, DESKTOP)
    try:
        wait_for_charts(page, OVERVIEW_CHARTS)
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "przeglad-dyrektor.png"), animations="disabled")
        layout = page.evaluate(JS_LAYOUT)
    finally:
        page.context.close()
    fold = DESKTOP["height"]
    assert layout["sidebar"] is not None and layout["sidebar"]["right"] > 200      # open on a desktop
    cards = layout["cards"][:7]
    assert [card["label"] for card in cards] == [t(key, "pl") for key in (
        "kpi_meetings", "kpi_participants", "kpi_attendances", "kpi_card_last_meeting", "kpi_average",
        "kpi_retention", "kpi_card_gminy")]
    assert all(card["bottom"] <= fold for card in cards), cards
    assert len(layout["charts"]) == OVERVIEW_CHARTS
    attendance = chart_titled(layout, "Cykl spotkań")
    assert attendance["bottom"] <= fold, attendance
    # the sidebar opens on the most recent programme, the demo's 2018 cycle: its attendance per meeting
    latest = check_file(DEMO_DIR / demo_data_2018.ATTENDANCE_FILE).summary["attendances_by_meeting"]
    assert attendance["bar_labels"] == [str(n) for n in latest.values()]
    assert attendance["bar_labels_bottom"] <= fold
    gmina_map = chart_titled(layout, "Uczestnicy z gmin")
    assert gmina_map["bottom"] <= fold, gmina_map
    status = chart_titled(layout, "Projekty według statusu")
    assert status["top"] + 30 <= fold, status                 # its title on the first screen
    assert status["top"] >= attendance["bottom"] and status["left"] == attendance["left"]
    sectors = chart_titled(layout, "Uczestnicy według sektora")
    assert sectors["top"] <= fold + 100, sectors
    assert sectors["top"] >= gmina_map["bottom"] and sectors["left"] == gmina_map["left"]


def test_on_a_phone_the_sidebar_starts_closed_and_the_first_heading_is_visible(
        browser: Any, server: str) -> None:
    page = open_as_director(browser, server, PHONE)
    try:
        page.locator('[data-testid="stMain"] h1').wait_for()
        wait_until_idle(page)
        page.wait_for_timeout(SETTLE_MS)          # the sidebar's slide, had it opened
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "przeglad-telefon.png"), animations="disabled")
        heading = page.evaluate(JS_HEADING_UNCOVERED)
        sidebar = page.evaluate(JS_LAYOUT)["sidebar"]
    finally:
        page.context.close()
    assert heading["found"] and heading["text"] == t("overview_title", "pl")
    assert heading["inside_viewport"], heading
    assert heading["uncovered"], f"the heading is covered by: {heading['hit']}"
    assert sidebar is None or sidebar["right"] <= 0, sidebar          # closed: off the screen's left edge


def test_new_and_returning_numbers_do_not_run_into_each_other(browser: Any, server: str) -> None:
    page = open_as_director(browser, server, DESKTOP, "uczestnictwo")
    try:
        wait_for_charts(page, 9)
        labels = page.evaluate(JS_SEGMENT_LABELS, t("chart_title_new_returning", "pl"))
    finally:
        page.context.close()
    assert labels, "no numbers on the new/returning bars"
    for index, one in enumerate(labels):
        for other in labels[index + 1:]:
            apart = (one["right"] <= other["left"] or other["right"] <= one["left"]
                     or one["bottom"] <= other["top"] or other["bottom"] <= one["top"])
            assert apart, f"labels {one['text']!r} and {other['text']!r} overlap: {one} {other}"
