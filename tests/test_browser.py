"""The dashboard in a real browser: Debian's Chromium, driven by Playwright, against `streamlit run`.

One Streamlit server (temporary SQLite database with an administrator's account, free port, demo
data loaded on first start) and one headless Chromium serve the whole module, to keep the run short.
Each page is opened by its address, which starts a new Streamlit session: the login form comes
first and `sign_in` fills it (test_browser_roles.py tests the login and the roles themselves).

1. every page in the sidebar navigation opens with no exception and its charts drawn; a
   screenshot of each page is saved to tests/screenshots/<url path>.png (git-ignored; look at them);
2. a messy .xlsx built here (title block, Polish headers in office spellings, gminy typed three
   ways, a place outside the county, "biznes" for the economy, a totals row) is uploaded through the
   real file input of the Import page, stored with "replace", and the overview's figures are then
   the file's;
3. the browser makes no request outside the app's own address (no CDN, no map tiles, no fonts);
4. axe-core (the npm package, injected into each page) finds no violation of serious or critical
   impact in our content; every violation found is printed (run with -s) and written to
   tests/screenshots/axe-report.txt.

Skips, with the reason, when Playwright or the Chromium binary (PUP_CHROMIUM, else
/usr/bin/chromium) is missing; the axe tests skip when axe.min.js is missing (PUP_AXE_JS, else
.ci/node/node_modules/axe-core/axe.min.js as `.ci/run` installs it).
"""

from __future__ import annotations

import ast
import datetime as dt
import io
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from app_support import PASSWORD, ensure_account

from analytics import accounts
from analytics.catalogue import t
from scripts.browser import REPO_ROOT, chromium_path, free_port, launch_chromium, start_streamlit, stop

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright (python) is not installed")

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
AXE_REPORT = SCREENSHOTS / "axe-report.txt"
DEFAULT_AXE_JS = REPO_ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"

VIEWPORT = {"width": 1400, "height": 900}
# Generous: the first run of a page builds its figures, and CI machines can be busy.
RUN_TIMEOUT_MS = 90_000
SETTLE_MS = 400                 # after the app went idle: let plotly finish its transitions
MAX_SCREENSHOT_HEIGHT = 12_000  # px; Chromium refuses very tall captures

# Charts each page draws on the demo data (url path -> number of plotly charts). Every page of
# dashboard.PAGES must be listed: a new page makes test_navigation_lists_every_page fail until it is.
EXPECTED_CHARTS = {
    "przeglad": 4,       # attendance per meeting, gmina map, projects by status, sectors
    "uczestnictwo": 9,   # sector, group, map, gmina, sector x gmina, per meeting, new/returning,
                         # retention, return heat map
    "projekty": 3,       # Gantt timeline, planned vs reached, by status
    "partnerzy": 6,      # by sector, by gmina, per meeting, retention, sector ties, project partners
    "porownanie": 5,     # attendance per meeting, sectors, groups, gminy, projects by status (2017 vs 2018)
    "import": 0,
    "historia": 0,
    "konta": 0,
}
ADMIN_LOGIN = "admin"            # the account the module signs in with (it sees every page)

# Streamlit's own chrome: the app frame Streamlit draws around every app, which we neither write nor
# can change from the app (toolbarMode only hides items). Violations whose every node lies inside
# one of these are reported but tolerated:
# - stHeader / stToolbar / stMainMenu / stAppDeployButton / stStatusWidget / stDecoration: the top
#   bar with the "⋮" main menu, the deploy button and the running indicator;
# - stSidebarHeader / stSidebarCollapseButton / stSidebarCollapsedControl: the sidebar's
#   collapse/expand control;
# - stSkipToContent: Streamlit's "skip to content" link.
STREAMLIT_CHROME = (
    '[data-testid="stHeader"]',
    '[data-testid="stToolbar"]',
    '[data-testid="stMainMenu"]',
    '[data-testid="stAppDeployButton"]',
    '[data-testid="stStatusWidget"]',
    '[data-testid="stDecoration"]',
    '[data-testid="stSidebarHeader"]',
    '[data-testid="stSidebarCollapseButton"]',
    '[data-testid="stSidebarCollapsedControl"]',
    '[data-testid="stSkipToContent"]',
)
BLOCKING_IMPACTS = {"serious", "critical"}

# The messy attendance list of the import test: what an office really types.
MESSY_FILE_NAME = "lista obecności – spotkania I i VI (bałagan).xlsx"
MESSY_HEADER = ["Lp.", "Imię i nazwisko", "Instytucja", "Gmina", "Sektor", "Grupa", "Telefon", "Spotkanie",
                "Data spotkania"]
MESSY_ROWS = [
    [1, "Jan Kowalski", "Urząd Gminy Słupno", "gm. Słupno", "biznes", "samorząd", "600 100 200", 1,
     dt.datetime(2017, 5, 25)],
    [2, "Anna Nowak", "Stowarzyszenie „Razem”", "SŁUPNO", "kultura", "NGO", "600 100 201", 1,
     dt.datetime(2017, 5, 25)],
    [3, "Piotr Wiśniewski", "Wiśniewski Usługi", "Gostynin", "biznes", "przedsiębiorcy", None, 1,
     dt.datetime(2017, 5, 25)],
    [4, "KOWALSKI Jan", "Urząd Gminy Słupno", "Gmina Słupno", "gospodarka", "samorząd", "600 100 200", "VI",
     "07.12.2017"],
    [5, "Maria Zielińska", "Szkoła Podstawowa w Radzanowie", "Radzanowo", "edukacja", "uczniowie", None,
     "spotkanie 6", "07.12.2017"],
    [6, "Anna  Nowak", "Stowarzyszenie „Razem”", "Słupno", "Kultura", "organizacje pozarządowe", None, 6,
     dt.datetime(2017, 12, 7)],
]
# Counted by hand from MESSY_ROWS: "KOWALSKI Jan" is Jan Kowalski and "Anna  Nowak" is Anna Nowak
# (a person is their name, case-, order- and whitespace-insensitive); "Razem" is no person.
MESSY_PEOPLE = 4          # Jan Kowalski, Anna Nowak, Piotr Wiśniewski, Maria Zielińska
MESSY_MEETINGS = 2        # I (25.05.2017) and VI (07.12.2017)
MESSY_ATTENDANCES = 6     # I: Kowalski, Nowak, Wiśniewski; VI: Kowalski, Zielińska, Nowak

# JavaScript run in the page ---------------------------------------------------------------------

# True once the script run is over: Streamlit marks <div data-testid="stApp"> with its script state,
# and elements of the previous run stay (data-stale) until the new run replaces them.
JS_APP_IDLE = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-stale="true"]')
        && !document.querySelector('[data-testid="stSpinner"]');
}"""

# Every plotly chart with the marks it drew: SVG shapes and images of the data layers with an area.
# The marks of a plotly chart: the drawn shapes and images of its traces (bars, markers, lines,
# heat-map images, pie slices, map areas) and of its layout shapes (e.g. the "today" line).
MARKS = ("g.trace path, g.trace image, g.hm image, .heatmaplayer image, .overplot image, .pielayer path,"
         " .choroplethlayer path, .layer-above .shapelayer path")

# Every plotly chart, its title and how many of its marks have an area on screen.
JS_CHARTS = """(marks) => [...document.querySelectorAll('.js-plotly-plot')].map(plot => {
    let drawn = 0;
    for (const mark of plot.querySelectorAll(marks)) {
        const box = mark.getBBox();
        if (box.width * box.height > 0) drawn += 1;
    }
    const title = plot.querySelector('.gtitle');
    return {title: title ? title.textContent : '', marks: drawn};
})"""

JS_CHARTS_DRAWN = """([expected, marks]) => {
    const plots = [...document.querySelectorAll('.js-plotly-plot')];
    return plots.length >= expected && plots.every(plot => !!plot.querySelector(marks));
}"""

# What the page looked like when a wait timed out.
JS_STATE = """(marks) => {
    const app = document.querySelector('[data-testid="stApp"]');
    const plots = [...document.querySelectorAll('.js-plotly-plot')];
    return {
        script_state: app ? app.getAttribute('data-test-script-state') : 'no stApp',
        stale_elements: document.querySelectorAll('[data-stale="true"]').length,
        spinners: document.querySelectorAll('[data-testid="stSpinner"]').length,
        charts: plots.length,
        charts_with_marks: plots.filter(plot => !!plot.querySelector(marks)).length,
        plotly_containers: document.querySelectorAll('[data-testid="stPlotlyChart"]').length,
        exceptions: [...document.querySelectorAll('[data-testid="stException"]')]
            .map(e => e.innerText.slice(0, 500)),
    };
}"""

JS_CONTENT_HEIGHT = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const sidebar = document.querySelector('[data-testid="stSidebarContent"]');
    return Math.max(main ? main.scrollHeight : 0, sidebar ? sidebar.scrollHeight : 0);
}"""

# axe.run over the whole document; each node told apart as Streamlit's chrome or our content.
JS_AXE = """async (chrome) => {
    const results = await axe.run(document, {resultTypes: ['violations']});
    const inChrome = (target) => {
        let element = null;
        try {
            const last = target[target.length - 1];
            element = document.querySelector(Array.isArray(last) ? last[last.length - 1] : last);
        } catch (error) { return false; }
        return !!element && !!element.closest(chrome);
    };
    return results.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => ({
            target: JSON.stringify(n.target), html: n.html.slice(0, 200),
            summary: (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 300),
            chrome: inChrome(n.target),
        })),
    }));
}"""


# Page list, from dashboard.py ------------------------------------------------------------------


def dashboard_pages() -> list[tuple[str, str]]:
    """(url path, title key) of every page in dashboard.PAGES, read without running dashboard.py."""
    tree = ast.parse((REPO_ROOT / "dashboard.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t_, "id", None) == "PAGES" for t_ in node.targets):
            return [(url_path, title) for _file, _key, title, _icon, url_path in ast.literal_eval(node.value)]
    raise AssertionError("dashboard.py has no PAGES tuple")


PAGES = dashboard_pages()
HOME = PAGES[0][0]


def signed_in_as(page: Any, login: str) -> bool:
    """Whether the sidebar says `login` is signed in (an account's name is its login in these tests)."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    text = sidebar.inner_text() if sidebar.count() else ""
    return any(t("signed_in_as", name=login, role=accounts.role_label(role)) in text
               for role in accounts.ROLES)


# The visit of one page ---------------------------------------------------------------------------


@dataclass
class Visit:
    """What one visit of a page found (tests assert on it; the visit itself never raises)."""

    name: str
    url: str
    error: str | None = None
    exceptions: list[str] = field(default_factory=list)
    errors_shown: list[str] = field(default_factory=list)
    title: str = ""
    charts: list[dict[str, Any]] = field(default_factory=list)
    screenshot: Path | None = None
    axe: list[dict[str, Any]] | None = None
    seconds: float = 0.0
    lang: str = ""


def wait_until_idle(page: Any, timeout: float = RUN_TIMEOUT_MS) -> None:
    page.wait_for_function(JS_APP_IDLE, timeout=timeout, polling=100)


def content_height(page: Any) -> int:
    return min(max(page.evaluate(JS_CONTENT_HEIGHT), VIEWPORT["height"]), MAX_SCREENSHOT_HEIGHT)


def full_page_screenshot(page: Any, path: Path) -> None:
    """The whole page: Streamlit scrolls inside its main block, not the document, so Playwright's
    full_page would capture one viewport; the viewport is made as tall as the content instead."""
    page.set_viewport_size({"width": VIEWPORT["width"], "height": content_height(page)})
    try:
        page.wait_for_timeout(SETTLE_MS)      # plotly redraws on the resize
        page.screenshot(path=str(path), animations="disabled")
    finally:
        page.set_viewport_size(VIEWPORT)


def sign_in(page: Any, login: str = ADMIN_LOGIN, password: str = PASSWORD) -> None:
    """Fill the login form, which a new session shows first, and wait until the page asked for is
    drawn in its place. A browser already signed in as `login` (its session cookie resumed the
    sign-in: a second address opened in the same context) has no form to fill."""
    wait_until_idle(page)
    password_box = page.locator(f'input[aria-label="{t("password_label")}"]')
    logout = page.locator('[data-testid="stSidebar"]').get_by_role("button", name=t("logout_button"))
    password_box.or_(logout).first.wait_for(timeout=RUN_TIMEOUT_MS)
    wait_until_idle(page)
    if logout.count():                     # signed in already (the accounts page has password boxes too)
        if signed_in_as(page, login):
            return
        logout.click()                     # someone else's sign-in: out, then in as `login`
        password_box.wait_for(timeout=RUN_TIMEOUT_MS)
        wait_until_idle(page)
    page.locator(f'input[aria-label="{t("login_label")}"]').fill(login)
    password_box.fill(password)
    button = page.get_by_role("button", name=t("login_button"))
    button.click()
    button.wait_for(state="detached", timeout=RUN_TIMEOUT_MS)   # (the accounts page has password boxes too)
    wait_until_idle(page)


def visit(page: Any, base_url: str, name: str, expected_charts: int, axe_js: Path | None) -> Visit:
    url = base_url + ("/" if name == HOME else f"/{name}")
    found = Visit(name, url)
    failed_shot = SCREENSHOTS / f"{name}-FAILED.png"
    failed_shot.unlink(missing_ok=True)          # left by an earlier run
    stage = "open the page"
    started = time.monotonic()
    try:
        page.goto(url, wait_until="domcontentloaded")
        page.wait_for_selector('[data-testid="stApp"]', timeout=RUN_TIMEOUT_MS)
        stage = "sign in"
        sign_in(page)
        stage = "wait for the script run to end"
        wait_until_idle(page)
        if expected_charts:
            stage = f"wait for {expected_charts} chart(s) drawn"
            page.wait_for_function(JS_CHARTS_DRAWN, arg=[expected_charts, MARKS], timeout=RUN_TIMEOUT_MS,
                                   polling=200)
        page.wait_for_timeout(SETTLE_MS)
        stage = "wait for the app to be idle after the charts"
        wait_until_idle(page)
        found.seconds = time.monotonic() - started
        stage = "read the page"
        found.exceptions = page.locator('[data-testid="stException"]').all_inner_texts()
        found.errors_shown = page.locator('[data-testid="stAlertContentError"]').all_inner_texts()
        found.title = " ".join(page.locator('[data-testid="stMain"] h1').all_inner_texts()).strip()
        found.charts = page.evaluate(JS_CHARTS, MARKS)
        found.lang = page.evaluate("() => document.documentElement.lang")
        # The viewport as tall as the content: the screenshot shows the whole page, and every element
        # is on screen for axe's contrast checks.
        stage = "take the screenshot"
        page.set_viewport_size({"width": VIEWPORT["width"], "height": content_height(page)})
        try:
            page.wait_for_timeout(SETTLE_MS)      # plotly redraws on the resize
            found.screenshot = SCREENSHOTS / f"{name}.png"
            page.screenshot(path=str(found.screenshot), animations="disabled")
            if axe_js is not None:
                stage = "run axe"
                page.add_script_tag(path=str(axe_js))
                found.axe = page.evaluate(JS_AXE, ", ".join(STREAMLIT_CHROME))
        finally:
            page.set_viewport_size(VIEWPORT)
    except Exception as error:  # noqa: BLE001 - reported by the page's tests, with the page named
        waited = time.monotonic() - started
        found.error = f"{stage} failed after {waited:.0f} s: {type(error).__name__}: {error}"
        try:
            found.error += f"\npage state: {page.evaluate(JS_STATE, MARKS)}"
            page.screenshot(path=str(failed_shot))
            found.error += f"\nscreenshot: {failed_shot}"
        except Exception as also:  # noqa: BLE001
            found.error += f"\n(no page state: {also})"
    return found


def axe_lines(visit_: Visit, nodes_shown: int = 3) -> list[str]:
    """The violations axe found on a page: rule, impact, nodes (ours / Streamlit's chrome), samples."""
    if visit_.axe is None:
        return [f"[{visit_.name}] axe not run" + (f" ({visit_.error})" if visit_.error else "")]
    if not visit_.axe:
        return [f"[{visit_.name}] no violations"]
    lines = []
    for violation in visit_.axe:
        nodes = violation["nodes"]
        ours = [n for n in nodes if not n["chrome"]]
        where = "ours" if ours else "Streamlit chrome, tolerated"
        lines.append(f"[{visit_.name}] {violation['id']} ({violation['impact']}): {len(nodes)} node(s), "
                     f"{len(ours)} in our content [{where}] - {violation['help']}")
        for node in (ours or nodes)[:nodes_shown]:
            lines.append(f"      target {node['target']}: {node['html']}")
            if node["summary"]:
                lines.append(f"        {node['summary']}")
    return lines


# Fixtures ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium() -> str:
    executable = chromium_path()
    if not Path(executable).exists():
        pytest.skip(f"Chromium not found at {executable} (apt-get install chromium, or set PUP_CHROMIUM)")
    return executable


@pytest.fixture(scope="module")
def axe_js() -> Path | None:
    """axe.min.js, or None when it is not installed (the axe tests then skip)."""
    path = Path(os.environ.get("PUP_AXE_JS") or DEFAULT_AXE_JS)
    return path if path.is_file() else None


@pytest.fixture(scope="module")
def server(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run dashboard.py` on a free port with its own database; yields the base URL."""
    database = tmp_path_factory.mktemp("browser") / "dashboard.db"
    env = dict(os.environ)
    for setting in ("PUP_NO_DEMO", "PUP_MAX_UPLOAD_MB"):
        env.pop(setting, None)
    env["PUP_DATABASE_URL"] = f"sqlite:///{database}"
    ensure_account("admin", ADMIN_LOGIN, env["PUP_DATABASE_URL"])
    port = free_port()
    process = start_streamlit(port, env)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        output = stop(process)
        print("\n--- streamlit output (last 40 lines) ---\n" + "\n".join(output.splitlines()[-40:]))


@pytest.fixture(scope="module")
def requests_seen() -> list[str]:
    """Every URL the browser asked for, across the module (HTTP requests and websockets)."""
    return []


@pytest.fixture(scope="module")
def page(chromium: str, server: str, requests_seen: list[str]) -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            context = browser.new_context(viewport=VIEWPORT, locale="pl-PL", timezone_id="Europe/Warsaw")
            context.on("request", lambda request: requests_seen.append(request.url))
            context.on("page", lambda new: new.on("websocket", lambda ws: requests_seen.append(ws.url)))
            the_page = context.new_page()
            the_page.on("websocket", lambda ws: requests_seen.append(ws.url))
            the_page.set_default_timeout(RUN_TIMEOUT_MS)
            yield the_page
        finally:
            browser.close()


@pytest.fixture(scope="module")
def visits(page: Any, server: str, axe_js: Path | None) -> dict[str, Visit]:
    """Each page of the navigation visited once on the demo data: checks, screenshot, axe."""
    SCREENSHOTS.mkdir(exist_ok=True)
    found = {name: visit(page, server, name, EXPECTED_CHARTS.get(name, 0), axe_js) for name, _ in PAGES}
    if axe_js is not None:
        report = [f"axe-core ({axe_js}) on {server}, {dt.datetime.now():%Y-%m-%d %H:%M}",
                  "Tolerated: nodes inside Streamlit's chrome: " + ", ".join(STREAMLIT_CHROME), ""]
        for one in found.values():
            report += axe_lines(one, nodes_shown=50)
        AXE_REPORT.write_text("\n".join(report) + "\n", encoding="utf-8")
    return found


# Tests ------------------------------------------------------------------------------------------


def test_navigation_lists_every_page(page: Any, server: str, visits: dict[str, Visit]) -> None:
    assert set(EXPECTED_CHARTS) == {name for name, _ in PAGES}, "update EXPECTED_CHARTS for the new pages"
    wait_until_idle(page)               # on the last page visited: the navigation is on every page
    links = page.locator('[data-testid="stSidebarNav"] a[data-testid="stSidebarNavLink"]')
    paths = [urlsplit(href).path.strip("/") or HOME for href in
             links.evaluate_all("links => links.map(link => link.href)")]
    assert paths == [name for name, _ in PAGES]
    texts = links.all_inner_texts()
    for (name, title_key), text in zip(PAGES, texts, strict=True):
        assert t(title_key) in text, f"nav link of {name}: {text!r}"


@pytest.mark.parametrize("name", [name for name, _ in PAGES])
def test_page_opens_with_charts_drawn(visits: dict[str, Visit], name: str) -> None:
    found = visits[name]
    assert found.error is None, f"{found.url}: {found.error}"
    assert not found.exceptions, f"{found.url} shows an exception:\n" + "\n".join(found.exceptions)
    assert not found.errors_shown, f"{found.url} shows an error:\n" + "\n".join(found.errors_shown)
    assert found.title, f"{found.url} has no page title (h1): is it empty?"
    print(f"\n{name}: {found.title!r} drawn in {found.seconds:.1f} s, {len(found.charts)} chart(s), "
          f"<html lang={found.lang!r}>, screenshot {found.screenshot}")
    for chart in found.charts:
        print(f"    {chart['marks']:4d} marks  {chart['title']}")
    assert len(found.charts) >= EXPECTED_CHARTS[name], found.charts
    undrawn = [chart for chart in found.charts if chart["marks"] == 0]
    assert not undrawn, f"charts with nothing drawn on {name}: {undrawn}"
    untitled = [chart for chart in found.charts if not chart["title"].strip()]
    assert not untitled, f"charts without a title on {name} (a title says what the chart shows)"
    assert found.screenshot is not None and found.screenshot.stat().st_size > 0


@pytest.mark.parametrize("name", [name for name, _ in PAGES])
def test_no_serious_accessibility_violation_in_our_content(
        visits: dict[str, Visit], axe_js: Path | None, name: str) -> None:
    if axe_js is None:
        pytest.skip(f"axe-core not found at {os.environ.get('PUP_AXE_JS') or DEFAULT_AXE_JS}: set PUP_AXE_JS "
                    "to axe.min.js (.ci/run installs it)")
    found = visits[name]
    assert found.axe is not None, f"axe did not run on {found.url}: {found.error}"
    print("\n" + "\n".join(axe_lines(found)))
    blocking = [f"{v['id']} ({v['impact']}): {v['help']}; e.g. {node['target']} {node['html']}"
                for v in found.axe if v["impact"] in BLOCKING_IMPACTS
                for node in [next((n for n in v["nodes"] if not n["chrome"]), None)] if node is not None]
    assert not blocking, f"serious accessibility violations in our content on {name}:\n" + "\n".join(blocking)


def messy_attendance_xlsx() -> bytes:
    """An attendance list as an office types it up (see MESSY_ROWS), with openpyxl."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Lista obecności"
    sheet.append(["Lista obecności – Budowanie Partnerstwa Lokalnego, powiat płocki 2017"])
    sheet.merge_cells("A1:I1")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["Powiatowy Urząd Pracy w Płocku"])
    sheet.merge_cells("A2:I2")
    sheet.append(MESSY_HEADER)
    for row in MESSY_ROWS:
        sheet.append(row)
    for cell in sheet["I"][3:]:
        if isinstance(cell.value, dt.datetime):
            cell.number_format = "DD.MM.YYYY"
    sheet.append([None, "Razem", None, None, None, None, None, len(MESSY_ROWS), None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def metric_value(page: Any, label: str) -> Any:
    """The value of the st.metric whose label is exactly `label`."""
    exact = re.compile(rf"^\s*{re.escape(label)}\s*$")
    return (page.locator('[data-testid="stMetric"]')
            .filter(has=page.locator('[data-testid="stMetricLabel"]').filter(has_text=exact))
            .locator('[data-testid="stMetricValue"]'))


def test_messy_xlsx_uploaded_in_the_browser_shows_in_the_overview(
        page: Any, server: str, visits: dict[str, Visit], tmp_path: Path) -> None:
    # `visits` first: the page screenshots show the demo data, whatever order tests are chosen in.
    expect, wait = sync_api.expect, {"timeout": RUN_TIMEOUT_MS}
    file = tmp_path / MESSY_FILE_NAME
    file.write_bytes(messy_attendance_xlsx())

    page.goto(f"{server}/import", wait_until="domcontentloaded")
    sign_in(page)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(file))

    # The check's figures for the file, then the store step.
    expect(metric_value(page, t("metric_rows_accepted_long"))).to_have_text(str(len(MESSY_ROWS)), **wait)
    expect(metric_value(page, t("metric_rows_rejected_long"))).to_have_text("0", **wait)
    page.locator('[data-testid="stRadio"] label').filter(has_text=t("mode_replace_long")).click()
    confirm = page.get_by_role("button", name=t("confirm_import"))
    expect(confirm).to_be_enabled(**wait)
    confirm.click()
    expect(page.locator('[data-testid="stAlertContentSuccess"]').first).to_be_visible(**wait)
    wait_until_idle(page)
    page.screenshot(path=str(SCREENSHOTS / "import-po-zapisie.png"))

    # The overview, opened from the sidebar in the same session, counts the file's people.
    page.locator('[data-testid="stSidebarNavLink"]').filter(has_text=t("nav_overview")).click()
    expect(metric_value(page, t("kpi_participants"))).to_have_text(str(MESSY_PEOPLE), **wait)
    expect(metric_value(page, t("kpi_meetings"))).to_have_text(str(MESSY_MEETINGS), **wait)
    expect(metric_value(page, t("kpi_attendances"))).to_have_text(str(MESSY_ATTENDANCES), **wait)
    page.wait_for_function(JS_CHARTS_DRAWN, arg=[EXPECTED_CHARTS[HOME], MARKS], timeout=RUN_TIMEOUT_MS,
                           polling=200)
    wait_until_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    full_page_screenshot(page, SCREENSHOTS / "przeglad-po-imporcie.png")


def test_browser_asked_nothing_outside_the_app(
        server: str, visits: dict[str, Visit], requests_seen: list[str]) -> None:
    """Runs last: every request of the module, the import included."""
    origin = urlsplit(server)
    own = {f"{scheme}://{host}:{origin.port}" for scheme in ("http", "ws")
           for host in ("127.0.0.1", "localhost")}
    assert requests_seen, "no request recorded: the recorder is broken"
    outside = sorted({url for url in requests_seen
                      if not (any(url == o or url.startswith(o + "/") for o in own)
                              or url.startswith(("data:", "blob:", "about:")))})
    print(f"\n{len(requests_seen)} requests, all to {server}" if not outside else "")
    assert not outside, "the browser asked hosts outside the app:\n" + "\n".join(outside)
