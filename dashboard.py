"""The dashboard's frame: page config, language, login, navigation per role, shared filters, data as
of, demo banner.

Nothing but the login form (or, on a new installation, the first administrator's form) is drawn
before someone signs in. Run with `python3 tasks.py run` (`streamlit run server.py`: with the routes
that keep a sign-in across reloads, see server.py; `streamlit run dashboard.py` for development). Settings
from the environment: PUP_DATABASE_URL names the store; PUP_NO_DEMO=1 starts an empty store without
loading the demo data (the demo is otherwise loaded on first start, so a fresh install shows the 2017
programme at once). Accounts: the README's "Konta i role" section.
"""

from __future__ import annotations

import logging
from typing import Any

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from analytics import accounts
from analytics.catalogue import LANGUAGES, language, t
from analytics.display import palette
from analytics.results import KIND_LABEL_KEYS
from pages import _auth as auth
from pages import _document as document
from pages import _shared as shared
from pages import _sidebar as sidebar

# (file, page key of accounts.PAGES_BY_ROLE, title key, icon, url path); the first is the home page.
PAGES = (
    ("pages/overview.py", "overview", "nav_overview", ":material/dashboard:", "przeglad"),
    ("pages/participation.py", "participation", "nav_participation", ":material/groups:", "uczestnictwo"),
    ("pages/projects.py", "projects", "nav_projects", ":material/assignment:", "projekty"),
    ("pages/partners.py", "partners", "nav_partners", ":material/handshake:", "partnerzy"),
    ("pages/comparison.py", "comparison", "nav_comparison", ":material/compare_arrows:", "porownanie"),
    ("pages/upload.py", "import", "nav_import", ":material/upload_file:", "import"),
    ("pages/history.py", "history", "nav_history", ":material/history:", "historia"),
    ("pages/accounts.py", "accounts", "nav_accounts", ":material/manage_accounts:", "konta"),
)
LANGUAGE_NAMES = {"pl": "Polski", "en": "English"}
# The sidebar filters each page applies (page key of PAGES -> sidebar.ALL_FILTERS' names); the pages
# not named (import, history, accounts) show none. The projects apply only the gmina filter.
FILTERS_BY_PAGE = {"overview": sidebar.ALL_FILTERS, "participation": sidebar.ALL_FILTERS,
                   "projects": ("gminy",)}


def build_navigation(role: str) -> tuple[StreamlitPage, str]:
    """The navigation lists the pages this role may open. The others stay registered but hidden, so
    that their address typed directly runs the page, whose own role check then shows a refusal
    (instead of Streamlit's "page not found" and the home page). Returns the page to run and its key."""
    allowed = accounts.pages_for(role)
    pages = [
        st.Page(path, title=t(title), icon=icon, url_path=url_path, default=index == 0,
                visibility="visible" if page in allowed else "hidden")
        for index, (path, page, title, icon, url_path) in enumerate(PAGES)
    ]
    chosen = st.navigation(pages, position="sidebar")
    return chosen, next(entry[1] for entry, page in zip(PAGES, pages, strict=True) if page is chosen)


def login_navigation(store: Any) -> StreamlitPage:
    """Before login: the login form, whatever address was asked for. Every page's address shows it
    (a bookmark of /uczestnictwo leads to the form, then to the page), and nothing of the page."""

    def login() -> None:
        auth.login_page(store)

    pages = [st.Page(login, title=t("login_title"), icon=":material/login:", url_path=url_path,
                     default=index == 0, visibility="hidden")
             for index, (_, _, _, _, url_path) in enumerate(PAGES)]
    return st.navigation(pages, position="hidden")


def choose_language() -> str:
    st.session_state.setdefault("lang", "pl")
    return st.sidebar.radio(
        t("language_label"), LANGUAGES, key="lang", horizontal=True,
        format_func=LANGUAGE_NAMES.__getitem__,
    )


def demo_banner(key: shared.DataKey) -> None:
    """On every page while any dataset shown is still the demo; it names the dataset when only one is."""
    infos = shared.active_infos(key)
    demo = [info.kind for info in infos if info.demo]
    if not demo:
        return
    # The director cannot import: the banner then does not send them to the import page.
    if accounts.can_import(shared.role()):
        whole, partial = "demo_banner", "demo_banner_partial"
    else:
        whole, partial = "demo_banner_no_import", "demo_banner_partial_no_import"
    if len(demo) == len(infos):
        st.warning(t(whole), icon=":material/science:")
    else:
        st.warning(t(partial, kind=t(KIND_LABEL_KEYS[demo[0]])), icon=":material/science:")


def main() -> None:
    # The favicon is an image served by the app itself: a Material icon (ours or a page's) as favicon
    # would be fetched from fonts.gstatic.com, and the dashboard makes no request outside the office.
    # "auto": the sidebar starts open on a desktop and closed on a phone, where it would cover the page.
    # The tab's title is set before the language is known (the programme's name, Polish in both).
    st.set_page_config(page_title=t("app_title", "pl"), page_icon=palette.favicon(),
                       layout="wide", initial_sidebar_state="auto")
    lang = choose_language()
    document.set_document_language(lang)  # <html lang> follows the UI language (WCAG 3.1.1)
    with language(lang):
        document.translate_streamlit_texts()      # "No results" in the dropdowns
        try:
            with st.spinner(t("loading_store")):
                the_store = shared.store()
                session = auth.check_session(the_store)
                key = shared.current_key() if session is not None else None
        except Exception:  # noqa: BLE001 - a bad URL or an unreachable server: say so, in Polish
            logging.getLogger(__name__).exception("the store cannot be opened")
            st.error(t("store_unavailable"), icon=":material/database:")
            st.stop()
        if session is None or key is None:
            login_navigation(the_store).run()
            return
        navigation, page = build_navigation(session.role)
        auth.sidebar_account(the_store, session)
        sidebar.programme_choice()
        st.session_state["data_key"] = key
        sidebar.filters(key, FILTERS_BY_PAGE.get(page, ()))
        sidebar.data_as_of(key)
        demo_banner(key)
        navigation.run()


main()
