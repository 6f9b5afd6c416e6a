"""`<html lang>` in a real browser: the document's language follows the dashboard's language.

Streamlit serves index.html with lang="en"; pages/_document.py sets the attribute from the app
(WCAG 2.1 SC 3.1.1, axe-core `html-lang-valid`). Checked on the login form (what every new session
shows first), then on the overview after signing in, whose sidebar has the language switch: Polish by
default, English after switching, Polish again after switching back; the element carrying the script
takes no room on the page. Uses the server, Chromium, page and sign-in of test_browser.py.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
import test_browser
from test_browser import RUN_TIMEOUT_MS, SCREENSHOTS, sign_in, wait_until_idle

from analytics.catalogue import language, t

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright (python) is not installed")

pytestmark = pytest.mark.browser

# test_browser's fixtures, used here under the same names (one server and browser for this module).
chromium = test_browser.chromium
server = test_browser.server
requests_seen = test_browser.requests_seen
page = test_browser.page

LANGUAGE_LABELS = {"pl": "Polski", "en": "English"}
CLICK_TIMEOUT_MS = 10_000    # a click on the language switch that registered has rerun the page by then

JS_LANG_IS = "(lang) => document.documentElement.lang === lang"

# The element container of the script: hidden (display none), so it adds no gap between elements.
JS_SCRIPT_CONTAINER = """() => {
    const scripts = [...document.querySelectorAll('script[data-document-language]')];
    return scripts.map(script => {
        const container = script.closest('[data-testid="stElementContainer"]');
        const box = container ? container.getBoundingClientRect() : null;
        return {
            display: container ? getComputedStyle(container).display : 'no container',
            height: box ? box.height : -1,
        };
    });
}"""


def choose_language(page_: Any, lang: str) -> None:
    """Click the language in the sidebar's switch, then wait for the rerun that sets `<html lang>`.
    A click that lands while a new session's first runs still replace the sidebar is lost (the
    switch is drawn anew): then the switch is clicked again, at most twice more."""
    switch = page_.locator('[data-testid="stSidebar"] [data-testid="stRadio"] label').filter(
        has_text=LANGUAGE_LABELS[lang])
    for _attempt in range(3):
        switch.click()
        try:
            page_.wait_for_function(JS_LANG_IS, arg=lang, timeout=CLICK_TIMEOUT_MS, polling=100)
            break
        except sync_api.TimeoutError:
            wait_until_idle(page_)
    page_.wait_for_function(JS_LANG_IS, arg=lang, timeout=RUN_TIMEOUT_MS, polling=100)
    wait_until_idle(page_)


def test_document_language_follows_the_ui_language(page: Any, server: str) -> None:
    # The login form, the first thing every new session shows, is Polish and says so.
    page.goto(f"{server}/", wait_until="domcontentloaded")
    wait_until_idle(page)
    page.wait_for_function(JS_LANG_IS, arg="pl", timeout=RUN_TIMEOUT_MS, polling=100)
    assert page.evaluate(JS_SCRIPT_CONTAINER), "no script[data-document-language] on the login page"

    sign_in(page)
    page.wait_for_function(JS_LANG_IS, arg="pl", timeout=RUN_TIMEOUT_MS, polling=100)
    containers = page.evaluate(JS_SCRIPT_CONTAINER)
    assert len(containers) == 1, containers
    assert all(c["display"] == "none" and c["height"] == 0 for c in containers), containers
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "document-lang-pl.png"))

    choose_language(page, "en")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.screenshot(path=str(SCREENSHOTS / "document-lang-en.png"))

    choose_language(page, "pl")
    assert page.evaluate("document.documentElement.lang") == "pl"


def test_file_uploader_size_note_speaks_the_ui_language(page: Any, server: str) -> None:
    """Streamlit's own "50MB per file • …" and "Upload" are replaced (a script, pages/upload.py) by
    the catalogue's texts, which are also what the accessibility tree gives screen readers: the
    button is named by its visible text, as axe-core requires."""
    page.goto(f"{server}/import", wait_until="domcontentloaded")
    sign_in(page)
    zone = page.locator('[data-testid="stFileUploaderDropzone"]')
    zone.wait_for(timeout=RUN_TIMEOUT_MS)
    for lang in ("pl", "en"):
        if lang == "en":
            choose_language(page, "en")
        with language(lang):
            limit = t("uploader_limit", limit=50, types="XLSX, XLS, ODS, CSV")
            button = t("uploader_button")
        named = zone.get_by_role("button", name=button, exact=True)
        sync_api.expect(named).to_be_visible(timeout=RUN_TIMEOUT_MS)
        tree = zone.aria_snapshot()
        assert limit in tree, tree
        assert "50MB per file" not in tree, tree
        assert f'button "{button}"' in tree, tree
        assert "Upload" not in tree and "file upload" not in tree, tree
        page.screenshot(path=str(SCREENSHOTS / f"import-uploader-{lang}.png"))
    choose_language(page, "pl")


def accessible_texts(page_: Any) -> set[str]:
    """Every name and text in the page's accessibility tree (what a screen reader can say)."""
    tree = page_.context.new_cdp_session(page_).send("Accessibility.getFullAXTree")
    return {node["name"]["value"] for node in tree["nodes"]
            if not node.get("ignored") and node.get("name", {}).get("value")}


def open_filter(page_: Any, label: str) -> Any:
    """Open a sidebar filter's dropdown; returns its list box."""
    box = page_.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text=label)
    listbox = page_.locator('[data-testid="stMultiSelectDropdown"] [role="listbox"]')
    box.locator("input").click()
    if not listbox.count():
        page_.keyboard.press("ArrowDown")        # a click that only focused the box
    listbox.wait_for(timeout=RUN_TIMEOUT_MS)
    return listbox


def test_filter_dropdowns_offer_no_select_all_and_say_no_results_in_the_ui_language(page: Any,
                                                                                    server: str) -> None:
    """The sidebar's filters: no "Select all" (an empty filter is everything already) and, when what
    was typed matches nothing, the catalogue's "Brak wyników" instead of Streamlit's "No results", also
    in the accessibility tree."""
    page.goto(f"{server}/", wait_until="domcontentloaded")
    sign_in(page)
    for lang in ("pl", "en"):
        if lang == "en":
            choose_language(page, "en")
        with language(lang):
            label, none_found = t("filter_sector"), t("no_results")
        listbox = open_filter(page, label)
        options = listbox.get_by_role("option").all_inner_texts()
        assert options and not [o for o in options if "Select" in o or "Zaznacz" in o], options
        page.keyboard.type("zzzz")
        page.wait_for_selector('[data-testid="stMultiSelectDropdown"] [role="listbox"][data-empty="true"]')
        said = accessible_texts(page)
        assert none_found in said, sorted(said)
        if lang == "pl":
            assert "No results" not in said, sorted(said)
        page.screenshot(path=str(SCREENSHOTS / f"filter-no-results-{lang}.png"))
        page.keyboard.press("Escape")
        page.keyboard.press("Escape")
    choose_language(page, "pl")


def word_document() -> bytes:
    """A minimal .docx: a zip with word/document.xml."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_a_word_document_dropped_on_the_uploader_gets_the_readers_polish_refusal(
        page: Any, server: str, tmp_path: Path) -> None:
    """No `type=` on the uploader: Streamlit's English "… files are not allowed" never shows; the
    file reaches the reader, which says in Polish what it is and what to do. The file's chip and its
    buttons are named in Polish too."""
    file = tmp_path / "notatki ze spotkania.docx"
    file.write_bytes(word_document())
    page.goto(f"{server}/import", wait_until="domcontentloaded")
    sign_in(page)

    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(file))

    refusal = page.locator('[data-testid="stAlertContentError"]').filter(has_text=t("error_word_document"))
    sync_api.expect(refusal).to_be_visible(timeout=RUN_TIMEOUT_MS)
    wait_until_idle(page)
    uploader = page.locator('[data-testid="stFileUploader"]')
    assert "not allowed" not in uploader.inner_text()
    assert uploader.locator('[aria-invalid="true"]').count() == 0       # no error chip of Streamlit's own
    tree = uploader.aria_snapshot()
    assert f'button "{t("uploader_remove", file=file.name)}"' in tree, tree
    assert f'button "{t("uploader_add")}"' in tree, tree
    assert "Remove" not in tree and "Add files" not in tree, tree
    page.screenshot(path=str(SCREENSHOTS / "import-docx-refused.png"))
